import { type WireKind, wireErrorFromIssues } from '@interlingua/core';
import type { z } from 'zod';
import { FORMAT } from '../ext.ts';

/**
 * Validates `value` (found at `path` inside `root`) with `schema`; throws a `WireFormatError`
 * naming the full JSON path from the root on failure. Decoders validate piece by piece, so unknown
 * block and event types can be kept whole instead of failing a closed union.
 */
export function parseWire<S extends z.ZodType>(
  schema: S,
  value: unknown,
  kind: WireKind,
  path: (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw wireErrorFromIssues(FORMAT, kind, result.error.issues, value, path);
}
