import type { JsonObject, JsonValue } from '@interlingua/core';

/** A Midjourney prompt split into its text, its `--no` list and its other flags. */
export interface PromptParameters {
  /** The prompt text before the first flag (trailing spaces removed). */
  text: string;
  /** Flags under neutral names (`aspectRatio`, `version`, `seed`…); unknown flags keep their name with the dashes (`--foo`). */
  parameters: JsonObject;
  /** The `--no` value. */
  negativePrompt?: string;
}

interface FlagSpec {
  /** Neutral parameter name. */
  name: string;
  /** Flag written back (the usual short form). */
  flag: string;
  /** Other spellings Midjourney accepts. */
  aliases?: string[];
  /** Values are numbers when they parse as one. */
  numeric?: boolean;
}

/** @see https://docs.midjourney.com/hc/en-us/articles/32859204029709-Parameter-List */
const FLAGS: readonly FlagSpec[] = [
  { name: 'aspectRatio', flag: 'ar', aliases: ['aspect'] },
  { name: 'version', flag: 'v', aliases: ['version'] },
  { name: 'niji', flag: 'niji' },
  { name: 'seed', flag: 'seed', aliases: ['sameseed'], numeric: true },
  { name: 'quality', flag: 'q', aliases: ['quality'], numeric: true },
  { name: 'stylize', flag: 's', aliases: ['stylize'], numeric: true },
  { name: 'chaos', flag: 'c', aliases: ['chaos'], numeric: true },
  { name: 'weird', flag: 'weird', aliases: ['w'], numeric: true },
  { name: 'tile', flag: 'tile' },
  { name: 'style', flag: 'style' },
  { name: 'raw', flag: 'raw' },
  { name: 'imageWeight', flag: 'iw', numeric: true },
  { name: 'styleReference', flag: 'sref' },
  { name: 'styleWeight', flag: 'sw', numeric: true },
  { name: 'styleVersion', flag: 'sv', numeric: true },
  { name: 'characterReference', flag: 'cref' },
  { name: 'characterWeight', flag: 'cw', numeric: true },
  { name: 'omniReference', flag: 'oref' },
  { name: 'omniWeight', flag: 'ow', numeric: true },
  { name: 'personalize', flag: 'p', aliases: ['personalize'] },
  { name: 'stop', flag: 'stop', numeric: true },
  { name: 'repeat', flag: 'r', aliases: ['repeat'], numeric: true },
  { name: 'draft', flag: 'draft' },
  { name: 'video', flag: 'video' },
  { name: 'motion', flag: 'motion' },
  { name: 'loop', flag: 'loop' },
  { name: 'zoom', flag: 'zoom', numeric: true },
  { name: 'fast', flag: 'fast' },
  { name: 'relax', flag: 'relax' },
  { name: 'turbo', flag: 'turbo' },
  { name: 'experimental', flag: 'exp', numeric: true },
];

const BY_FLAG = new Map<string, FlagSpec>();
const BY_NAME = new Map<string, FlagSpec>();
for (const spec of FLAGS) {
  BY_NAME.set(spec.name, spec);
  for (const flag of [spec.flag, ...(spec.aliases ?? [])]) BY_FLAG.set(flag.toLowerCase(), spec);
}

const FLAG_TOKEN = /^--([A-Za-z][\w-]*)$/;
const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Splits a Midjourney prompt into text, `--no` and the other flags (neutral names; see the README table). */
export function parsePromptParameters(prompt: string): PromptParameters {
  const tokens = prompt.split(/(\s+)/);
  let firstFlag = -1;
  for (let i = 0; i < tokens.length; i += 2) {
    if (FLAG_TOKEN.test(tokens[i] ?? '')) {
      firstFlag = i;
      break;
    }
  }
  if (firstFlag < 0) return { text: prompt, parameters: {} };
  const text = tokens.slice(0, firstFlag).join('').trimEnd();
  const parameters: JsonObject = {};
  let negativePrompt: string | undefined;
  const words = tokens.slice(firstFlag).filter((_, i) => i % 2 === 0 && tokens[firstFlag + i] !== '');
  for (let i = 0; i < words.length; ) {
    const flag = FLAG_TOKEN.exec(words[i] ?? '')?.[1] ?? '';
    const values: string[] = [];
    for (i++; i < words.length && !FLAG_TOKEN.test(words[i] ?? ''); i++) values.push(words[i] ?? '');
    const raw = values.join(' ');
    if (flag.toLowerCase() === 'no') {
      negativePrompt = raw;
      continue;
    }
    const spec = BY_FLAG.get(flag.toLowerCase());
    const value: JsonValue = values.length === 0 ? true : spec?.numeric && NUMBER.test(raw) ? Number(raw) : raw;
    parameters[spec ? spec.name : `--${flag}`] = value;
  }
  return negativePrompt === undefined ? { text, parameters } : { text, parameters, negativePrompt };
}

/** Whether a parameter can be written as a Midjourney flag (a known neutral name or a `--flag` key, with a scalar value). */
export function isPromptParameter(name: string, value: JsonValue): boolean {
  if (value === null || typeof value === 'object' || value === false || value === '') return false;
  // A value holding a `--flag` token would be read back as another flag.
  if (typeof value === 'string' && /(?:^|\s)--[A-Za-z]/.test(value)) return false;
  if (name.startsWith('--')) return FLAG_TOKEN.test(name);
  return BY_NAME.has(name);
}

/**
 * Writes prompt text plus flags: `formatPromptParameters('a cat', { aspectRatio: '16:9' })` gives
 * `a cat --ar 16:9`. Parameters that are not Midjourney flags (see `isPromptParameter`) are skipped.
 */
export function formatPromptParameters(text: string, parameters: JsonObject = {}, negativePrompt?: string): string {
  const parts: string[] = text === '' ? [] : [text];
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || !isPromptParameter(name, value)) continue;
    const flag = name.startsWith('--') ? name : `--${BY_NAME.get(name)?.flag ?? name}`;
    parts.push(value === true ? flag : `${flag} ${String(value)}`);
  }
  if (negativePrompt !== undefined) parts.push(negativePrompt === '' ? '--no' : `--no ${negativePrompt}`);
  return parts.join(' ');
}
