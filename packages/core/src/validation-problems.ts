import { describeValue } from './errors.ts';
import type { ValidationProblem, ValidationResult } from './validation.ts';

/** A path into a wire value: object keys and array indices (for streams, the event number first). */
export type ValidationPath = (string | number)[];

/**
 * The shape of a schema-validation issue (zod v4's issues satisfy it). Core stays free of zod: the
 * adapters' schemas are passed in and only this structure is read.
 */
export interface SchemaIssueLike {
  /** The issue kind (`invalid_type`, `invalid_value`, `too_small`, `too_big`, `invalid_union`, …). */
  readonly code: string;
  /** Where, relative to the validated value. */
  readonly path: readonly PropertyKey[];
  /** The validator's own message. */
  readonly message: string;
  /** `invalid_type`: the expected type. */
  readonly expected?: unknown;
  /** `invalid_value`: the allowed values. */
  readonly values?: readonly unknown[];
  /** `too_small` / `too_big`: what was measured (`number`, `string`, `array`…). */
  readonly origin?: unknown;
  /** `too_small` / `too_big`: whether the bound is allowed. */
  readonly inclusive?: boolean;
  /** `too_small`: the bound. */
  readonly minimum?: unknown;
  /** `too_big`: the bound. */
  readonly maximum?: unknown;
  /** `invalid_union`: each alternative's issues. */
  readonly errors?: readonly (readonly SchemaIssueLike[])[];
}

/** Anything with a zod-style `safeParse`. */
export interface SchemaLike<T> {
  /** Parses without throwing. */
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssueLike[] } };
}

/** What a schema yields when it accepts (distributes over a union of schemas, as `z.output` does). */
export type SchemaOutput<S> = S extends { safeParse(value: unknown): infer R }
  ? R extends { success: true; data: infer T }
    ? T
    : never
  : never;

/** Collects validation problems in order of discovery; validators built on it never throw. */
export interface ValidationProblems {
  /** Records one problem. */
  add(path: ValidationPath, rule: string, message: string): void;
  /** Checks `value` (found at `path`) against `schema`, records every issue as a `schema` problem; the parsed value when it passed. */
  schema<S extends SchemaLike<unknown>>(schema: S, value: unknown, path: ValidationPath): SchemaOutput<S> | undefined;
  /** The verdict so far. */
  result(): ValidationResult;
}

/** Creates an empty problem collector (shared by every adapter's validators). */
export function createValidationProblems(): ValidationProblems {
  const problems: ValidationProblem[] = [];
  return {
    add(path, rule, message) {
      problems.push({ path, rule, message });
    },
    schema(schema, value, path) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data as SchemaOutput<typeof schema>;
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

/** What a schema issue expected, in words (`string`, `"message"`, `number ≥ 0`…). */
function expectedOf(issue: SchemaIssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return String(issue.expected);
    case 'invalid_value':
      return (issue.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'too_small':
      return `${String(issue.origin)} ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${String(issue.origin)} ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_union': {
      // Name each alternative by what it expected at the value itself (`string or array`).
      const options = (issue.errors ?? []).map((branch) => branch.find((inner) => inner.path.length === 0));
      if (options.length > 0 && options.every((inner) => inner !== undefined))
        return [...new Set(options.map((inner) => expectedOf(inner!)))].join(' or ');
      return 'one of the allowed shapes';
    }
    default:
      // Other codes carry their own wording; lower-case it to read as a clause.
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

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
