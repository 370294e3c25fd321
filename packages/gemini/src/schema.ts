import type { JsonObject, JsonSchema, JsonValue, LossRecorder } from '@interlingua/core';
import { OPENAPI_SCHEMA_KEYWORDS as OPENAPI_KEYWORDS } from './schema-keywords.ts';
import { isObject } from './util.ts';

/** Which Gemini field a JSON Schema is written to: the OpenAPI subset (`parameters`) or `parametersJsonSchema`. */
export type SchemaMode = 'openapi' | 'json-schema';

const FEATURE = 'tool.schema';
// Keywords Gemini's JSON Schema fields (`parametersJsonSchema`, `responseJsonSchema`) accept.
const JSON_SCHEMA_KEYWORDS = new Set([
  '$id',
  '$defs',
  '$ref',
  '$anchor',
  'type',
  'format',
  'title',
  'description',
  'enum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'oneOf',
  'properties',
  'additionalProperties',
  'required',
  'propertyOrdering',
]);
// Dropped without a report: they carry no meaning for the model.
const SILENT = new Set(['$schema', '$comment']);
/** How many times one `$ref` may be expanded inside itself before the recursion is cut. */
export const MAX_REF_DEPTH = 3;

/** Reads a Gemini `Schema` (upper- or lowercase types, `nullable`) as JSON Schema with lowercase types. */
export function openApiToJsonSchema(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) props[name] = openApiToJsonSchema(sub);
      out.properties = props;
    } else if (key === 'items' || key === 'anyOf') out[key] = openApiToJsonSchema(value);
    else if (key !== 'nullable') out[key] = value;
  }
  // `nullable: true` is the OpenAPI spelling of a type union with null.
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else out.nullable = true;
  } else if (schema.nullable !== undefined) out.nullable = schema.nullable;
  return out;
}

/** True when the schema uses something the OpenAPI subset cannot say, so `parametersJsonSchema` keeps more. */
export function needsJsonSchema(schema: JsonValue): boolean {
  if (Array.isArray(schema)) return schema.some(needsJsonSchema);
  if (!isObject(schema)) return false;
  for (const [key, value] of Object.entries(schema)) {
    if (SILENT.has(key)) continue;
    if (!OPENAPI_KEYWORDS.has(key)) return true;
    if (key === 'type' && Array.isArray(value)) return true;
    if (key === 'enum' && Array.isArray(value) && value.some((v) => typeof v !== 'string')) return true;
    if (key === 'properties' && isObject(value) && Object.values(value).some(needsJsonSchema)) return true;
    if ((key === 'items' || key === 'anyOf') && needsJsonSchema(value)) return true;
  }
  return false;
}

/** Chooses the field for a schema: the caller's `mode`, else JSON Schema when the OpenAPI subset would lose something. */
export function chooseSchemaMode(schema: JsonSchema, mode: SchemaMode | undefined): SchemaMode {
  return mode ?? (needsJsonSchema(schema) ? 'json-schema' : 'openapi');
}

/**
 * Converts JSON Schema into Gemini's OpenAPI subset: `$ref`s are inlined (recursion cut at
 * {@link MAX_REF_DEPTH} with a loss), `const` becomes a one-value `enum`, type arrays with `null`
 * become `nullable`, `oneOf` becomes `anyOf`, `allOf` is merged, other keywords are dropped with a loss.
 */
export function jsonSchemaToOpenApi(schema: JsonSchema, losses: LossRecorder, path: (string | number)[]): JsonSchema {
  const defs = {
    ...(isObject(schema.definitions) ? schema.definitions : {}),
    ...(isObject(schema.$defs) ? schema.$defs : {}),
  };
  const out = toOpenApi(schema, defs, [], losses, path);
  return isObject(out) ? out : {};
}

function resolveRef(ref: string, defs: JsonObject): JsonValue | undefined {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  return match?.[1] !== undefined
    ? defs[decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~')]
    : undefined;
}

function toOpenApi(
  node: JsonValue,
  defs: JsonObject,
  refChain: string[],
  losses: LossRecorder,
  path: (string | number)[],
): JsonValue {
  if (!isObject(node)) return node;
  let schema = node;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = resolveRef(ref, defs);
    const depth = refChain.filter((r) => r === ref).length;
    if (target === undefined || depth >= MAX_REF_DEPTH) {
      losses.drop(
        path,
        target === undefined
          ? `unresolvable $ref ${ref} dropped`
          : `recursive $ref ${ref} cut after ${MAX_REF_DEPTH} levels`,
        FEATURE,
      );
      const { $ref: _, ...rest } = schema;
      return toOpenApi({ type: 'object', ...rest }, defs, refChain, losses, path);
    }
    const { $ref: _, ...rest } = schema;
    schema = { ...(isObject(target) ? target : {}), ...rest };
    refChain = [...refChain, ref];
  }
  const out: JsonObject = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema)) {
    const at = [...path, key];
    switch (key) {
      case 'type':
        if (Array.isArray(value)) {
          const types = value.filter((t) => t !== 'null');
          if (types.length < value.length) nullable = true;
          if (types.length === 1) out.type = types[0] as JsonValue;
          else if (types.length > 1) {
            out.anyOf = types.map((t) => ({ type: t }));
            losses.approximate(at, 'a type array became anyOf', FEATURE);
          }
        } else if (value === 'null') nullable = true;
        else out.type = value;
        break;
      case 'const':
        out.enum = [typeof value === 'string' ? value : JSON.stringify(value)];
        if (typeof value !== 'string') losses.approximate(at, 'a non-string const became a string enum', FEATURE);
        break;
      case 'enum':
        if (Array.isArray(value)) {
          if (value.includes(null)) nullable = true;
          const values = value.filter((v) => v !== null);
          out.enum = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
          if (values.some((v) => typeof v !== 'string'))
            losses.approximate(at, 'Gemini Schema enums take strings only: values were stringified', FEATURE);
        }
        break;
      case 'properties':
        if (isObject(value)) {
          const props: JsonObject = {};
          for (const [name, sub] of Object.entries(value))
            props[name] = toOpenApi(sub, defs, refChain, losses, [...at, name]);
          out.properties = props;
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          losses.approximate(at, 'tuple items became the first item schema', FEATURE);
          if (value[0] !== undefined) out.items = toOpenApi(value[0], defs, refChain, losses, [...at, 0]);
        } else out.items = toOpenApi(value, defs, refChain, losses, at);
        break;
      case 'anyOf':
      case 'oneOf':
        if (Array.isArray(value)) {
          const branches = value.map((sub, i) => toOpenApi(sub, defs, refChain, losses, [...at, i]));
          // A `null` branch is the OpenAPI `nullable`.
          const kept = branches.filter((b) => !(isObject(b) && b.nullable === true && b.type === undefined));
          if (kept.length < branches.length) nullable = true;
          out.anyOf = [...(Array.isArray(out.anyOf) ? out.anyOf : []), ...kept];
          if (key === 'oneOf') losses.approximate(at, 'oneOf became anyOf', FEATURE);
        }
        break;
      case 'allOf':
        if (Array.isArray(value)) {
          for (const [i, sub] of value.entries()) {
            const converted = toOpenApi(sub, defs, refChain, losses, [...at, i]);
            if (isObject(converted)) mergeInto(out, converted);
          }
          losses.approximate(at, 'allOf was merged into one schema', FEATURE);
        }
        break;
      case '$defs':
      case 'definitions':
        break;
      default:
        if (OPENAPI_KEYWORDS.has(key)) out[key] = value;
        else if (!SILENT.has(key)) losses.drop(at, `keyword ${key} is not in Gemini's Schema subset`, FEATURE);
    }
  }
  if (nullable) out.nullable = true;
  return out;
}

function mergeInto(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (key === 'properties' && isObject(current) && isObject(value)) target[key] = { ...current, ...value };
    else if (key === 'required' && Array.isArray(current) && Array.isArray(value))
      target[key] = [...new Set([...current, ...value])];
    else target[key] = value;
  }
}

/**
 * Keeps the keywords Gemini's JSON Schema fields accept: `definitions` become `$defs`, `const`
 * becomes a one-value `enum`, siblings of `$ref` and unsupported keywords are dropped with a loss.
 */
export function sanitizeJsonSchema(schema: JsonSchema, losses: LossRecorder, path: (string | number)[]): JsonSchema {
  const out = sanitize(schema, losses, path);
  return isObject(out) ? out : {};
}

function sanitize(node: JsonValue, losses: LossRecorder, path: (string | number)[]): JsonValue {
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  const hasRef = typeof node.$ref === 'string';
  for (const [key, value] of Object.entries(node)) {
    const at = [...path, key];
    if (hasRef && !key.startsWith('$')) {
      losses.drop(at, `keyword ${key} next to $ref is not accepted by Gemini`, FEATURE);
      continue;
    }
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/definitions/', '#/$defs/');
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties' || key === '$defs' || key === 'definitions') {
      if (!isObject(value)) continue;
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) map[name] = sanitize(sub, losses, [...at, name]);
      if (key === 'properties') out.properties = map;
      else out.$defs = { ...(isObject(out.$defs) ? out.$defs : {}), ...map };
    } else if (key === 'items' || key === 'additionalProperties') out[key] = sanitize(value, losses, at);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'prefixItems')
      out[key] = Array.isArray(value) ? value.map((sub, i) => sanitize(sub, losses, [...at, i])) : value;
    else if (JSON_SCHEMA_KEYWORDS.has(key)) out[key] = value;
    else if (!SILENT.has(key)) losses.drop(at, `keyword ${key} is not accepted in Gemini JSON Schema fields`, FEATURE);
  }
  return out;
}
