import { describeValue, type ValidationProblem, type ValidationResult } from '@interlingua/core';
import type { z } from 'zod';

/**
 * The problem collector every validator of this package writes into: it turns zod issues into
 * problems that say what was expected and what arrived. A copy of the Claude package's
 * `validate/problems.ts`, kept identical so that core can take both over as one module.
 */

/** A path into a wire value: object keys and array indices (for streams, the event number first). */
export type Path = (string | number)[];

/** Collects problems in order of discovery. */
export interface Problems {
  /** Records one problem. */
  add(path: Path, rule: string, message: string): void;
  /** Checks `value` (found at `path`) against `schema`, records every issue as a `schema` problem; the parsed value when it passed. */
  schema<S extends z.ZodType>(schema: S, value: unknown, path: Path): z.output<S> | undefined;
  /** The verdict so far. */
  result(): ValidationResult;
}

/** Creates an empty collector. */
export function createProblems(): Problems {
  const problems: ValidationProblem[] = [];
  return {
    add(path, rule, message) {
      problems.push({ path, rule, message });
    },
    schema(schema, value, path) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        const at = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
        problems.push({
          path: [...path, ...at],
          rule: 'schema',
          message: `expected ${expectedOf(issue)}, got ${describeValue(valueAt(value, at))}`,
        });
      }
      return undefined;
    },
    result() {
      return { valid: problems.length === 0, problems: [...problems] };
    },
  };
}

/** What a zod issue expected, in words (`string`, `"message"`, `an integer ≥ 0`…). */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' or ');
    case 'too_small':
      return `${issue.origin} ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.origin} ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_union': {
      // Name each alternative by what it expected at the value itself (`string or array`).
      const options = issue.errors.map((branch) => branch.find((inner) => inner.path.length === 0));
      if (options.length > 0 && options.every((inner) => inner !== undefined))
        return [...new Set(options.map((inner) => expectedOf(inner!)))].join(' or ');
      return 'one of the allowed shapes';
    }
    default:
      // Other codes (unions, formats) carry their own wording; lower-case it to read as a clause.
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

/** The value at `path` inside `value` (undefined when the path leads nowhere). */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A value named for a problem message: `describeValue` from core, re-exported so rule modules import one place. */
export const describe = describeValue;

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
