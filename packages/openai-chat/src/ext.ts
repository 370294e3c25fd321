import type { Extensions, JsonObject, JsonValue } from '@interlingua/core';

/** The format name this adapter reads and writes. */
export const FORMAT = 'openai-chat';

/**
 * The reserved key inside `extensions['openai-chat']` that holds interlingua's own markers (how the
 * wire spelled something, e.g. content as an array). It is never written to the wire.
 */
export const MARKERS = 'interlingua';

/** Markers remembered to re-encode a value exactly as it was read. */
export type Markers = { [key: string]: JsonValue };

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

/** Sets `extensions['openai-chat']` on `target` when `fields` (plus markers) is not empty. */
export function attachExt<T extends { extensions?: Extensions }>(target: T, fields: JsonObject, markers?: Markers): T {
  const value: JsonObject = { ...fields };
  if (markers && Object.keys(markers).length > 0) value[MARKERS] = markers;
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
  return markers !== null && typeof markers === 'object' && !Array.isArray(markers) ? markers : {};
}

/** A nested extension object (e.g. the extra keys of `image_url`), or an empty one. */
export function nested(fields: JsonObject, key: string): JsonObject {
  const value = fields[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Writes `value` into `out[key]` unless it is undefined (keeps encoders free of optional-field noise). */
export function put(out: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) out[key] = value;
}

/** True when a value is a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `leftovers(obj, known)` in one `for…in` pass, without allocating when nothing is left over. The
 * result has the order a zod `looseObject` parse of `obj` would give it: null fields of the schema's
 * own keys (`schema`, in schema order) first, then the other fields in input order.
 */
export function leftoversOf(
  obj: object,
  schema: readonly string[],
  schemaSet: ReadonlySet<string>,
  known: ReadonlySet<string>,
): JsonObject | undefined {
  const record = obj as Record<string, unknown>;
  let out: JsonObject | undefined;
  let schemaNull = false;
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    if (value === null) {
      if (schemaSet.has(key)) schemaNull = true;
      else (out ??= {})[key] = null;
    } else if (!known.has(key)) (out ??= {})[key] = value as JsonValue;
  }
  if (!schemaNull) return out;
  const ordered: JsonObject = {};
  for (const key of schema) if (record[key] === null) ordered[key] = null;
  if (out) for (const key in out) ordered[key] = out[key] as JsonValue;
  return ordered;
}
