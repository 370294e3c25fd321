import type { JsonObject, JsonValue, LossRecorder, OutputFormat } from '@interlingua/core';
import { isObject } from './ext.ts';

/**
 * Structured output: `output_config.format = {type: "json_schema", schema}`.
 *
 * Claude's schema subset rejects numeric and string constraints, `not`, most `format` values and
 * `oneOf`, and needs `additionalProperties: false` on objects. The encoder moves rejected
 * keywords into the `description` (as `{keyword: value}` text, the way vercel/ai and pydantic-ai
 * do), rewrites `oneOf` as `anyOf` and closes objects, reporting one `output.json-schema` loss.
 * A `json` format without a schema has no Claude equivalent: the encoder appends the instruction
 * `JSON_INSTRUCTION` to the system prompt and reports an `output.json` loss.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/structured-outputs
 */

/** Instruction appended to `system` for a schema-less JSON output request. */
export const JSON_INSTRUCTION = 'Respond only with a single valid JSON object, without any other text.';

const MOVED = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'maxItems',
  'uniqueItems',
  'not',
  'minProperties',
  'maxProperties',
  'patternProperties',
];

const FORMATS = new Set(['date-time', 'date', 'time', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);

/** The encoded output: a `json_schema` format and/or an instruction for the system prompt. */
export function encodeOutput(
  output: OutputFormat | undefined,
  losses: LossRecorder,
): { format?: JsonObject; instruction?: string } {
  if (!output) return {};
  if (output.type === 'text') {
    // Text is Claude's only default and it has no field for it: the explicit setting does not come back.
    losses.drop(['output'], 'Claude has no output format setting for plain text.', 'output.text');
    return {};
  }
  if (output.type === 'json') {
    losses.approximate(
      ['output'],
      'Claude has no schema-less JSON mode; a system instruction asks for JSON.',
      'output.json',
    );
    return { instruction: JSON_INSTRUCTION };
  }
  if (output.name !== undefined || output.description !== undefined)
    losses.drop(['output'], 'Claude output formats have no name or description.', 'output.json-schema');
  if (output.strict === false)
    losses.approximate(['output', 'strict'], 'Claude structured output is always strict.', 'output.json-schema');
  const state = { changed: false };
  const schema = sanitize(output.schema, state) as JsonObject;
  if (state.changed)
    losses.approximate(
      ['output', 'schema'],
      'Schema keywords Claude rejects were moved into descriptions.',
      'output.json-schema',
    );
  return { format: { type: 'json_schema', schema } };
}

/** Rewrites a JSON schema into Claude's accepted subset (recursively). */
export function sanitize(value: JsonValue, state: { changed: boolean }): JsonValue {
  if (Array.isArray(value)) return value.map((v) => sanitize(v, state));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  const moved: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (MOVED.includes(key) || (key === 'minItems' && typeof v === 'number' && v > 1)) moved[key] = v;
    else if (key === 'format' && typeof v === 'string' && !FORMATS.has(v)) moved[key] = v;
    else if (key === 'oneOf') {
      out.anyOf = sanitize(v, state);
      state.changed = true;
    } else if (key === 'properties' || key === '$defs' || key === 'definitions') {
      const inner: JsonObject = {};
      if (isObject(v)) for (const [name, sub] of Object.entries(v)) inner[name] = sanitize(sub, state);
      out[key] = inner;
    } else if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples') out[key] = v;
    else out[key] = sanitize(v, state);
  }
  if (out.type === 'object' && out.additionalProperties === undefined) {
    out.additionalProperties = false;
    state.changed = true;
  }
  if (Object.keys(moved).length > 0) {
    state.changed = true;
    const note = `{${Object.entries(moved)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ')}}`;
    out.description =
      typeof out.description === 'string' && out.description !== '' ? `${out.description} ${note}` : note;
  }
  return out;
}
