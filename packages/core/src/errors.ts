import type { ApiError } from './model/api-error.ts';
import { formatPath, type Loss } from './model/loss.ts';

/** Stable codes of every interlingua error. */
export type InterlinguaErrorCode =
  | 'wire_format'
  | 'provider'
  | 'unsupported'
  | 'sse_line_too_long'
  | 'sse_invalid_field'
  | 'invalid_argument';

const BRAND = Symbol.for('interlingua.error');

/**
 * Base class of every error interlingua throws. Check with `InterlinguaError.is(e)`, which works
 * across duplicate installs of the package (a `Symbol.for` brand, not `instanceof`).
 */
export class InterlinguaError extends Error {
  /** Stable machine-readable code. */
  readonly code: InterlinguaErrorCode;

  constructor(code: InterlinguaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'InterlinguaError';
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for any interlingua error, whichever copy of the package created it. */
  static is(value: unknown): value is InterlinguaError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Which direction a conversion was going: `decode` reads a wire value, `encode` writes one. */
export type Direction = 'decode' | 'encode';

/** Which kind of wire value. */
export type WireKind = 'request' | 'response' | 'stream' | 'error' | 'task';

/** One problem found in a wire value. */
export interface WireIssue {
  /** JSON path of the offending value (for streams, starting with the event number). */
  path: (string | number)[];
  /** What was expected there. */
  expected: string;
  /** What arrived (a short description, e.g. `number`, `missing`, `"foo"`). */
  received: string;
}

/** A wire value that does not follow its format: names the format, the path and what was expected. */
export class WireFormatError extends InterlinguaError {
  /** The format being read or written. */
  readonly format: string;
  /** `decode` or `encode`. */
  readonly direction: Direction;
  /** Request, response, stream, error or task. */
  readonly kind: WireKind;
  /** Every problem found (at least one). */
  readonly issues: WireIssue[];

  constructor(init: { format: string; direction?: Direction; kind: WireKind; issues: WireIssue[]; cause?: unknown }) {
    const first = init.issues[0];
    const where = first ? formatPath(first.path) : '(root)';
    const more = init.issues.length > 1 ? ` (and ${init.issues.length - 1} more)` : '';
    super(
      'wire_format',
      `${init.format} ${init.kind}: at ${where}: expected ${first?.expected ?? 'a valid value'}, received ${first?.received ?? 'something else'}${more}`,
      { cause: init.cause },
    );
    this.name = 'WireFormatError';
    this.format = init.format;
    this.direction = init.direction ?? 'decode';
    this.kind = init.kind;
    this.issues = init.issues;
  }

  /** The first issue's path. */
  get path(): (string | number)[] {
    return this.issues[0]?.path ?? [];
  }
}

/** An error a provider returned (HTTP status + body, or a mid-stream error event). */
export class ProviderError extends InterlinguaError {
  /** The error in canonical form. */
  readonly error: ApiError;
  /** HTTP status. */
  readonly status: number;
  /** The format of the provider that returned it. */
  readonly format: string | undefined;

  constructor(error: ApiError, format?: string) {
    super('provider', `${format ? `${format} ` : ''}provider error ${error.status} (${error.kind}): ${error.message}`);
    this.name = 'ProviderError';
    this.error = error;
    this.status = error.status;
    this.format = format;
  }
}

/** A conversion would lose something and the caller asked for strict mode. */
export class UnsupportedError extends InterlinguaError {
  /** What would have been lost. */
  readonly losses: Loss[];

  constructor(losses: Loss[]) {
    const first = losses[0];
    super(
      'unsupported',
      first
        ? `${first.format ?? 'conversion'}: ${first.message} (at ${formatPath(first.path)})${losses.length > 1 ? ` and ${losses.length - 1} more` : ''}`
        : 'conversion would lose information',
    );
    this.name = 'UnsupportedError';
    this.losses = losses;
  }
}

/** Describes a value for "received …" in error messages without dumping it whole. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.length > 40 ? `string "${value.slice(0, 37)}…"` : `"${value}"`;
  if (typeof value === 'object') return 'object';
  return `${typeof value} ${String(value)}`;
}
