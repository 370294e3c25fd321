import type { MediaAction } from '@interlingua/core';

/** A button `customId` read into the canonical action it runs. */
export interface ParsedCustomId {
  /** The canonical verb (`upscale`, `variation`, `reroll`, `zoom`, `pan`, `edit`…), or the provider verb (`animate`). */
  action: MediaAction;
  /** Target image (1-based), when the button acts on one image of a grid. */
  index?: number;
  /** Midjourney's own verb (`upsample_v6_2x_subtle`, `pan_left`, `Outpaint`…). */
  verb: string;
  /** Midjourney's job hash, when the id carries one. */
  hash?: string;
}

/**
 * Verb → canonical action, checked in order by prefix (the way new-api matches them).
 * @see /work/shared/specs/midjourney.md §5
 */
const VERBS: readonly [prefix: string, action: MediaAction][] = [
  ['upsample', 'upscale'],
  ['low_variation', 'variation'],
  ['high_variation', 'variation'],
  ['variation', 'variation'],
  ['reroll', 'reroll'],
  ['pan_', 'pan'],
  ['animate', 'animate'],
  ['outpaint', 'zoom'],
  ['customzoom', 'zoom'],
  ['inpaint', 'edit'],
  ['picreader', 'generate'],
  ['picread', 'describe'],
];

function actionOf(verb: string): MediaAction | undefined {
  const lower = verb.toLowerCase();
  return VERBS.find(([prefix]) => lower.startsWith(prefix))?.[1];
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/**
 * Parses a Midjourney button id (`MJ::JOB::upsample::2::<hash>`, `MJ::Outpaint::50::1::<hash>::SOLO`,
 * `MJ::CustomZoom::1::<hash>`…) into its canonical action and image index; `undefined` for ids it
 * does not recognise. The id itself is never rewritten: encoders send it back as it came.
 */
export function parseCustomId(id: string): ParsedCustomId | undefined {
  const parts = id.split('::');
  if (parts[0] !== 'MJ' || parts.length < 2) return undefined;
  const isJob = parts[1]?.toUpperCase() === 'JOB';
  const verb = (isJob ? parts[2] : parts[1]) ?? '';
  const action = actionOf(verb);
  if (!action) return undefined;
  // Outpaint carries the zoom factor before the index: MJ::Outpaint::<factor>::<index>::<hash>.
  const indexAt = isJob ? 3 : verb.toLowerCase() === 'outpaint' ? 3 : 2;
  const index = positiveInt(parts[indexAt]);
  const hash = parts[indexAt + 1];
  const out: ParsedCustomId = { action, verb };
  if (index !== undefined) out.index = index;
  if (hash !== undefined && hash !== '' && hash !== 'SOLO') out.hash = hash;
  return out;
}
