import type { JsonValue } from '@interlingua/core';
import { isObject } from './util.ts';

/** `function_call` → `functionCall`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// Values under these keys are the caller's data (arguments, results, JSON Schemas, labels): their keys stay as sent.
const DATA_KEYS = new Set(['args', 'labels', 'partMetadata', 'parametersJsonSchema', 'responseJsonSchema', 'metadata']);
// Values under these keys are Gemini `Schema` objects: keywords are normalised, property names are not.
const SCHEMA_KEYS = new Set(['parameters', 'responseSchema']);
// `response` is data inside a function response but a schema inside a function declaration.
const RESPONSE_IS_DATA = new Set(['functionResponse', 'toolResponse']);

/**
 * Normalises the snake_case field names real clients send (the Python SDK writes `function_call`,
 * `thought_signature`, `include_thoughts`…) to the camelCase proto3 JSON names, at every level of a
 * request, except inside user data: function arguments and responses, JSON Schemas, property names.
 */
export function camelizeRequest(value: unknown): unknown {
  return camelize(value, '');
}

function camelize(value: unknown, parent: string): unknown {
  if (Array.isArray(value)) return value.map((item) => camelize(item, parent));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [rawKey, child] of Object.entries(value)) {
    const key = snakeToCamel(rawKey);
    if (DATA_KEYS.has(key) || (key === 'response' && RESPONSE_IS_DATA.has(parent))) out[key] = child;
    else if (SCHEMA_KEYS.has(key) || (key === 'response' && parent === 'functionDeclarations'))
      out[key] = camelizeSchema(child);
    else out[key] = camelize(child, key);
  }
  return out;
}

const SCHEMA_DATA_KEYS = new Set(['enum', 'default', 'example', 'required', 'propertyOrdering']);

function camelizeSchema(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(camelizeSchema);
  if (!isObject(value)) return value as JsonValue;
  const out: Record<string, JsonValue> = {};
  for (const [rawKey, child] of Object.entries(value)) {
    const key = snakeToCamel(rawKey);
    if (key === 'properties' && isObject(child)) {
      const props: Record<string, JsonValue> = {};
      for (const [name, schema] of Object.entries(child)) props[name] = camelizeSchema(schema);
      out[key] = props;
    } else if (SCHEMA_DATA_KEYS.has(key)) out[key] = child;
    else out[key] = camelizeSchema(child);
  }
  return out;
}
