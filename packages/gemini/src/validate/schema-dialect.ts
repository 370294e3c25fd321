import { OPENAPI_SCHEMA_KEYWORDS as KEYWORDS } from '../schema-keywords.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * Gemini's `Schema` dialect (OpenAPI 3.0 subset, spec §2.5), used by `parameters`,
 * `responseSchema` and a declaration's `response`. It is a proto message, so any other keyword is
 * a 400 ("Unknown name … Cannot find field"); `parametersJsonSchema` / `responseJsonSchema` take
 * JSON Schema instead and are not checked here.
 */

/** The `Type` enum; lowercase spellings are accepted too. */
const TYPES = new Set(['TYPE_UNSPECIFIED', 'STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL']);

/** Checks a `Schema` value and every schema nested in it (`properties`, `items`, `anyOf`). */
export function checkOpenApiSchema(problems: Problems, schema: unknown, path: Path): void {
  if (!isRecord(schema)) {
    problems.add(path, 'schema', `expected a Schema object, got ${describe(schema)}`);
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const at = [...path, key];
    if (!KEYWORDS.has(key)) {
      problems.add(
        at,
        'schema',
        `expected a keyword of Gemini's Schema (OpenAPI subset), got "${key}" (JSON Schema goes in parametersJsonSchema / responseJsonSchema)`,
      );
      continue;
    }
    if (key === 'type') checkType(problems, value, at);
    else if (key === 'enum') checkEnum(problems, value, at);
    else if (key === 'items') checkOpenApiSchema(problems, value, at);
    else if (key === 'properties') {
      if (isRecord(value))
        for (const [name, sub] of Object.entries(value)) checkOpenApiSchema(problems, sub, [...at, name]);
      else problems.add(at, 'schema', `expected an object of schemas, got ${describe(value)}`);
    } else if (key === 'anyOf') {
      if (Array.isArray(value)) for (const [i, sub] of value.entries()) checkOpenApiSchema(problems, sub, [...at, i]);
      else problems.add(at, 'schema', `expected an array of schemas, got ${describe(value)}`);
    }
  }
}

function checkType(problems: Problems, type: unknown, path: Path): void {
  if (Array.isArray(type))
    problems.add(
      path,
      'schema',
      `expected one type (a union with null is "nullable": true), got the type array ${JSON.stringify(type)}`,
    );
  else if (typeof type !== 'string' || !TYPES.has(type.toUpperCase()))
    problems.add(path, 'schema', `expected one of ${[...TYPES].slice(1).join(', ')}, got ${describe(type)}`);
}

function checkEnum(problems: Problems, values: unknown, path: Path): void {
  if (!Array.isArray(values)) {
    problems.add(path, 'schema', `expected an array of strings, got ${describe(values)}`);
    return;
  }
  for (const [i, value] of values.entries())
    if (typeof value !== 'string')
      problems.add(
        [...path, i],
        'schema',
        `expected a string (Schema enums hold strings only), got ${describe(value)}`,
      );
}
