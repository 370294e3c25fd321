import type { Extensions, JsonObject, JsonValue } from '@interlingua/core';

/** The format name this adapter reads and writes. */
export const FORMAT = 'openai-responses';

/**
 * The reserved key inside `extensions['openai-responses']` that holds interlingua's own markers
 * (how the wire spelled something, e.g. `input` as a string). It is never written to the wire.
 */
export const MARKERS = 'interlingua';

/** Markers remembered to re-encode a value exactly as it was read. */
export type Markers = { [key: string]: JsonValue | undefined };

/**
 * The wire fields of `obj` the mapping does not consume: unknown keys, and known keys whose value
 * is `null` (the core has no null, so a same-format round trip needs them back).
 */
export function leftovers(obj: object, known: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (!known.includes(key) || value === null) out[key] = value as JsonValue;
  }
  return out;
}

/** Sets `extensions['openai-responses']` on `target` when `fields` (plus markers) is not empty. */
export function attachExt<T extends { extensions?: Extensions }>(target: T, fields: JsonObject, markers?: Markers): T {
  const value: JsonObject = { ...fields };
  const kept = markers ? dropUndefinedMarkers(markers) : {};
  if (Object.keys(kept).length > 0) value[MARKERS] = kept as JsonObject;
  if (Object.keys(value).length > 0) target.extensions = { ...target.extensions, [FORMAT]: value };
  return target;
}

/** This format's extension fields of a core object, without the markers. */
export function extFields(obj: { extensions?: Extensions } | undefined): JsonObject {
  const own = obj?.extensions?.[FORMAT];
  if (!own) return {};
  const { [MARKERS]: _markers, ...fields } = own;
  return fields;
}

/** This format's markers on a core object. */
export function extMarkers(obj: { extensions?: Extensions } | undefined): Markers {
  const markers = obj?.extensions?.[FORMAT]?.[MARKERS];
  return isObject(markers) ? markers : {};
}

/** A marker that is itself an object (e.g. a message item's envelope), or undefined. */
export function markerObject(markers: Markers, key: string): JsonObject | undefined {
  const value = markers[key];
  return isObject(value) ? value : undefined;
}

/** Writes `value` into `out[key]` unless it is undefined (keeps encoders free of optional-field noise). */
export function put(out: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) out[key] = value;
}

/** True when a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of two JSON values (key order ignored), for "is the remembered raw value still current" checks. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const other = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === other.length && keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

function dropUndefinedMarkers(markers: Markers): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(markers)) if (value !== undefined && value !== false) out[key] = value;
  return out;
}
