import type { MediaAction, MediaKind } from '@interlingua/core';

/** A task's verb and what it produces. */
export interface ActionAndKind {
  /** Canonical (or provider) verb. */
  action: MediaAction;
  /** Output kind. */
  kind: MediaKind;
}

/**
 * Task `action` enum → canonical. Several wire names share one canonical verb; the first wire
 * name listed for a verb is the one written from other formats.
 * @see /work/shared/specs/midjourney.md §7
 */
const TABLE: readonly [wire: string, action: MediaAction, kind: MediaKind][] = [
  ['IMAGINE', 'generate', 'image'],
  ['VIDEO', 'generate', 'video'],
  ['UPSCALE', 'upscale', 'image'],
  ['UPSCALE_HD', 'upscale', 'image'],
  ['VARIATION', 'variation', 'image'],
  ['HIGH_VARIATION', 'variation', 'image'],
  ['LOW_VARIATION', 'variation', 'image'],
  ['REROLL', 'reroll', 'image'],
  ['DESCRIBE', 'describe', 'text'],
  ['PIC_READER', 'describe', 'text'],
  ['SHORTEN', 'shorten', 'text'],
  ['BLEND', 'blend', 'image'],
  ['PAN', 'pan', 'image'],
  ['ZOOM', 'zoom', 'image'],
  ['CUSTOM_ZOOM', 'zoom', 'image'],
  ['OUTPAINT', 'zoom', 'image'],
  ['EDITS', 'edit', 'image'],
  ['INPAINT', 'edit', 'image'],
  ['EDIT', 'edit', 'image'],
  ['SWAP_FACE', 'face-swap', 'image'],
  ['SWAP_VIDEO_FACE', 'face-swap', 'video'],
  ['VIDEO_EXTEND', 'extend', 'video'],
];

/** Reads a task `action` (unknown names become the provider verb in kebab case, kind image). */
export function actionFromWire(wire: string): ActionAndKind {
  const row = TABLE.find(([name]) => name === wire);
  if (row) return { action: row[1], kind: row[2] };
  return { action: wire.toLowerCase().replaceAll('_', '-'), kind: 'image' };
}

/** Writes a task `action`: the first table row with the same verb and kind, else the verb in upper snake case. */
export function actionToWire(value: ActionAndKind): string {
  const exact = TABLE.find(([, action, kind]) => action === value.action && kind === value.kind);
  if (exact) return exact[0];
  const sameVerb = TABLE.find(([, action]) => action === value.action);
  if (sameVerb) return sameVerb[0];
  return value.action.toUpperCase().replaceAll('-', '_');
}
