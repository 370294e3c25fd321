import { type WireKind, wireErrorFromIssues } from '@interlingua/core';
import type { z } from 'zod';
import { FORMAT } from './ext.ts';

/**
 * Validates `value` with a wire schema, throwing a `WireFormatError` whose paths start at `prefix`
 * (so an item checked on its own still reports `input[2].content[1].image_url`).
 */
export function parseWire<S extends z.ZodType>(
  schema: S,
  value: unknown,
  kind: WireKind,
  prefix: (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw wireErrorFromIssues(FORMAT, kind, result.error.issues, value, prefix);
}
