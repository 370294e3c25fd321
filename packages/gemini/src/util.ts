import type { JsonObject, JsonValue } from '@interlingua/core';

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A copy of `value` without the listed keys; undefined-valued keys are dropped too. */
export function omit(value: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

/** Deep merge of `extra` into `base` (objects merge, anything else from `extra` wins); returns a new object. */
export function deepMerge(base: JsonObject, extra: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const current = out[k];
    out[k] = isObject(current) && isObject(v) ? deepMerge(current, v) : v;
  }
  return out;
}

/** Sets `key` only when `value` is defined, so optional fields stay absent rather than `undefined`. */
export function setDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The gemini-keyed extension object of a core value, if any. */
export function geminiExt(
  value: { extensions?: { [format: string]: JsonObject } } | undefined,
): JsonObject | undefined {
  return value?.extensions?.gemini;
}

/** Attaches `fields` as `extensions.gemini` when non-empty. */
export function withExt<T extends { extensions?: { [format: string]: JsonObject } }>(target: T, fields: JsonObject): T {
  if (Object.keys(fields).length > 0) target.extensions = { ...target.extensions, gemini: fields };
  return target;
}

/** Parses JSON text, returning `undefined` instead of throwing. */
export function tryParseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** True when `data` uses the base64url alphabet (`-` / `_`) rather than standard base64. */
export function isBase64Url(data: string): boolean {
  return /[-_]/.test(data);
}

/** Converts base64url to standard base64 (padding restored). */
export function base64UrlToBase64(data: string): string {
  const std = data.replace(/-/g, '+').replace(/_/g, '/');
  return std.length % 4 === 0 ? std : std + '='.repeat(4 - (std.length % 4));
}

/** Converts standard base64 to unpadded-as-given base64url. */
export function base64ToBase64Url(data: string, padded: boolean): string {
  const url = data.replace(/\+/g, '-').replace(/\//g, '_');
  return padded ? url : url.replace(/=+$/, '');
}
