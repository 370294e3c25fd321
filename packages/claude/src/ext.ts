import type { Extensions, JsonObject, JsonValue } from '@interlingua/core';

/** The format name this adapter reads and writes. */
export const FORMAT = 'claude';

/**
 * Keys of `extensions.claude` that are markers of this adapter (how a value looked on the wire)
 * rather than wire fields; they are never merged back into a wire object.
 */
const MARKERS = new Set(['contentForm', 'systemForm', 'inline', 'extraBlocks', 'outputField', 'wireName', 'wireType']);

/** The wire fields of `value` whose keys are not in `known`, or `undefined` when there are none. */
export function leftovers(value: object, known: readonly string[]): JsonObject | undefined {
  let out: JsonObject | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (known.includes(key) || field === undefined) continue;
    out ??= {};
    out[key] = field as JsonValue;
  }
  return out;
}

/** Wraps `fields` as `{ claude: fields }`, or `undefined` when empty. */
export function claudeExt(fields: JsonObject | undefined): Extensions | undefined {
  return fields && Object.keys(fields).length > 0 ? { [FORMAT]: fields } : undefined;
}

/** This format's extension object of a core value (never another format's). */
export function ownExt(value: { extensions?: Extensions } | undefined): JsonObject | undefined {
  return value?.extensions?.[FORMAT];
}

/** Copies this format's extension fields into `wire` where `wire` has no such key (markers excluded). */
export function mergeExt<T extends JsonObject>(wire: T, ext: JsonObject | undefined): T {
  if (!ext) return wire;
  for (const [key, value] of Object.entries(ext)) {
    if (MARKERS.has(key) || key in wire) continue;
    (wire as JsonObject)[key] = value;
  }
  return wire;
}

/** Sets `obj[key]` only when `value` is defined (keeps optional fields absent rather than undefined). */
export function setIf<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
