import type { Extensions } from './model/extensions.ts';
import type { JsonObject, JsonValue } from './model/json.ts';
import type { LossRecorder } from './model/loss-recorder.ts';
import type { SchemaLike } from './validation-problems.ts';

/*
 * Field mapping for adapters that keep what the wire said next to what the core model holds (the media
 * adapters): a value the core cannot tell apart from its canonical form is remembered raw in the
 * extensions and written back as it was, when it still means the same.
 */

/**
 * Structural equality of JSON-like values. Object keys whose value is `undefined` count as absent,
 * because core objects leave optional fields unset while the wire may spell them out.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = Object.entries(a).filter(([, v]) => v !== undefined);
  const right = Object.entries(b).filter(([, v]) => v !== undefined);
  if (left.length !== right.length) return false;
  const other = b as Record<string, unknown>;
  return left.every(([key, value]) => Object.hasOwn(other, key) && jsonEqual(value, other[key]));
}

/** How one wire field maps to a core value; `decode` reads a value the schema accepted (or `undefined`: field absent), `encode` writes the canonical form. */
export interface FieldMapping<T> {
  /** Validates a raw value before a remembered one is reused. */
  readonly schema: SchemaLike<unknown>;
  /** Raw (validated) → core value. */
  decode(raw: unknown): T;
  /** Core value → canonical raw value (`undefined` = leave the field out). */
  encode(value: T): JsonValue | undefined;
}

/**
 * Decodes one field. When the canonical encoding of the decoded value differs from what arrived
 * (`null` vs absent, `"045%"` vs `"45%"`…), the raw value is kept in `ext` so the same-format
 * encoder can write it back exactly.
 */
export function readField<T>(ext: JsonObject, key: string, raw: unknown, mapping: FieldMapping<T>): T {
  const value = mapping.decode(raw);
  if (raw !== undefined && !jsonEqual(raw, mapping.encode(value))) ext[key] = raw as JsonValue;
  return value;
}

/**
 * Encodes one field: the raw value remembered in `ext` when it still means `value` (so an edited
 * core value is never overwritten by a stale one), else the canonical encoding.
 */
export function writeField<T>(
  ext: JsonObject | undefined,
  key: string,
  value: T,
  mapping: FieldMapping<T>,
): JsonValue | undefined {
  if (ext && Object.hasOwn(ext, key)) {
    const parsed = mapping.schema.safeParse(ext[key]);
    if (parsed.success && jsonEqual(mapping.decode(parsed.data), value)) return ext[key];
  }
  return mapping.encode(value);
}

/** True when the encoded raw value decodes back to `value`, i.e. the wire carried it exactly. */
export function carries<T>(mapping: FieldMapping<T>, raw: JsonValue | undefined, value: T): boolean {
  if (raw === undefined) return jsonEqual(mapping.decode(undefined), value);
  const parsed = mapping.schema.safeParse(raw);
  return parsed.success && jsonEqual(mapping.decode(parsed.data), value);
}

/**
 * Copies the wire fields the decoder does not map into `ext`, verbatim. Pass the original input
 * (already validated as an object), not the schema's output: that one loses a `__proto__` key.
 */
export function keepUnmapped(ext: JsonObject, wire: unknown, mapped: ReadonlySet<string>): void {
  for (const [key, value] of Object.entries(wire as Record<string, unknown>)) {
    if (!mapped.has(key) && value !== undefined) setOwn(ext, key, value as JsonValue);
  }
}

/** Writes the unmapped fields kept in `ext` back onto `out` (mapped keys are hints, handled by `writeField`). */
export function restoreUnmapped(out: JsonObject, ext: JsonObject | undefined, mapped: ReadonlySet<string>): void {
  if (!ext) return;
  for (const [key, value] of Object.entries(ext)) {
    if (!mapped.has(key) && !Object.hasOwn(out, key)) setOwn(out, key, value);
  }
}

/** Sets an own property even for the key `__proto__`, which plain assignment would turn into a prototype change. */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets `out[key]` unless the value is `undefined`. */
export function put(out: JsonObject, key: string, value: JsonValue | undefined): void {
  if (value !== undefined) out[key] = value;
}

/** Reports other formats' extensions, which an encoder ignores: their fields do not reach this body. */
export function reportForeignExtensions(
  losses: LossRecorder,
  extensions: Extensions | undefined,
  format: string,
  path: (string | number)[] = [],
): void {
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (key === format || Object.keys(value).length === 0) continue;
    losses.drop([...path, 'extensions', key], `${key} fields have no place in a ${format} body`, 'extensions');
  }
}
