import { describeValue, WireFormatError, type WireKind } from './errors.ts';

function invalidJson(text: string, format: string, kind: WireKind, path: (string | number)[], cause: unknown) {
  return new WireFormatError({
    format,
    kind,
    issues: [{ path, expected: 'valid JSON', received: describeValue(text) }],
    cause,
  });
}

/**
 * Parses JSON from a wire payload, turning a syntax error into a `WireFormatError` that names the
 * format, the kind and where the payload was (e.g. `[12, 'data']` for the 13th stream event).
 */
export function parseWireJson(text: string, format: string, kind: WireKind, path: (string | number)[] = []): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidJson(text, format, kind, path, cause);
  }
}

/**
 * {@link parseWireJson} for the data of stream event number `index` (the error path is
 * `[index, 'data']`). Stream decoders call it once per event, so the path is only built on error.
 */
export function parseEventJson(text: string, format: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalidJson(text, format, 'stream', [index, 'data'], cause);
  }
}

/**
 * The type of a stream event in formats that name their events (Claude, Responses): the SSE `event:`
 * name, or, when a relay dropped those lines, the payload's `type` (the payload is then parsed, and
 * returned so that it is not parsed twice). Never throws.
 */
export function eventName(event: { event?: string; data: string }): { name: string; payload?: unknown } {
  const name = event.event;
  if (name !== undefined && name !== '' && name !== 'message') return { name };
  const payload = tryParseJson(event.data);
  const type = payload !== null && typeof payload === 'object' ? (payload as { type?: unknown }).type : undefined;
  return { name: typeof type === 'string' ? type : '', payload };
}

/** `JSON.parse` that answers undefined instead of throwing (for observers, which must never throw). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The minimal shape of a validation issue (zod's issues satisfy it). */
export interface SchemaIssue {
  /** Where. */
  path: readonly PropertyKey[];
  /** The validator's message, e.g. `Invalid input: expected string, received number`. */
  message: string;
  /** The expected type, when the validator knows it. */
  expected?: unknown;
}

/**
 * Builds a `WireFormatError` from schema-validation issues (zod or any validator with the same
 * issue shape), looking up what actually arrived at each path in `input`.
 */
export function wireErrorFromIssues(
  format: string,
  kind: WireKind,
  issues: readonly SchemaIssue[],
  input: unknown,
  prefix: (string | number)[] = [],
): WireFormatError {
  return new WireFormatError({
    format,
    kind,
    issues: issues.map((issue) => {
      const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
      return {
        path: [...prefix, ...path],
        expected: typeof issue.expected === 'string' ? issue.expected : expectedFromMessage(issue.message),
        received: describeValue(valueAt(input, path)),
      };
    }),
  });
}

function expectedFromMessage(message: string): string {
  const match = /expected ([^,]+)/i.exec(message);
  return match?.[1] ?? message;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
