import { InterlinguaError, type ValidationProblem, type ValidationResult, WireFormatError } from '@interlingua/core';
import type { z } from 'zod';

/** Collects validation problems; validators never throw. */
export interface Problems {
  /** Records one problem. */
  add(path: (string | number)[], message: string, rule: string): void;
  /** Validates `value` with a schema, recording every issue under `prefix`; returns the parsed value or undefined. */
  schema<S extends z.ZodType>(schema: S, value: unknown, prefix: (string | number)[]): z.output<S> | undefined;
  /** Runs a decoder, turning the `WireFormatError` it throws into `schema` problems. */
  attempt(run: () => unknown): void;
  /** The verdict. */
  result(): ValidationResult;
}

/** Creates an empty problem list. */
export function createProblems(): Problems {
  const problems: ValidationProblem[] = [];
  const add = (path: (string | number)[], message: string, rule: string): void => {
    problems.push({ path, message, rule });
  };
  return {
    add,
    schema(schema, value, prefix) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues)
        add([...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], issue.message, 'schema');
      return undefined;
    },
    attempt(run) {
      try {
        run();
      } catch (error) {
        if (error instanceof WireFormatError)
          for (const issue of error.issues)
            add(issue.path, `expected ${issue.expected}, received ${issue.received}`, 'schema');
        else if (InterlinguaError.is(error)) add([], error.message, 'schema');
        else throw error;
      }
    },
    result: () => ({ valid: problems.length === 0, problems: [...problems] }),
  };
}
