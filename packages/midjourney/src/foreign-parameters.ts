import type { JsonObject, LossRecorder } from '@interlingua/core';
import { isPromptParameter } from './prompt-parameters.ts';

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Keeps the parameters Midjourney can write as flags and reports the rest. A `size` ("1280x720",
 * from video formats) becomes `aspectRatio` ("16:9") when none is given; that is approximate.
 */
export function promptableParameters(
  parameters: JsonObject | undefined,
  losses: LossRecorder,
  path: (string | number)[],
  reported?: Set<string>,
): JsonObject | undefined {
  if (!parameters) return undefined;
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    if (name === 'negativePrompt' && typeof value === 'string') {
      out[name] = value;
      continue;
    }
    if (isPromptParameter(name, value)) {
      out[name] = value;
      continue;
    }
    const size = name === 'size' && typeof value === 'string' ? /^(\d+)x(\d+)$/.exec(value) : null;
    if (size && parameters.aspectRatio === undefined) {
      const w = Number(size[1]);
      const h = Number(size[2]);
      const d = gcd(w, h) || 1;
      out.aspectRatio = `${w / d}:${h / d}`;
      reported?.add(`${path.join('.')}.${name}`).add(`${path.join('.')}.aspectRatio`);
      losses.approximate([...path, name], `size ${value} written as --ar ${out.aspectRatio}`, `parameters.${name}`);
      continue;
    }
    reported?.add(`${path.join('.')}.${name}`);
    losses.drop([...path, name], `Midjourney has no prompt flag for parameter "${name}"`, `parameters.${name}`);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
