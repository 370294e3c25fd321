import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';

const FORMAT = 'midjourney';

/** HTTP status → canonical kind. */
function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503) return 'unavailable';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server';
  return 'other';
}

/**
 * Proxy result code → canonical kind (submit failures come back as HTTP 200 with these codes).
 * @see /work/shared/specs/midjourney.md §6
 */
const CODE_KINDS: Record<number, ApiErrorKind> = {
  3: 'not_found',
  4: 'invalid_request',
  5: 'server',
  9: 'server',
  23: 'overloaded',
  24: 'content_filter',
  30: 'rate_limit',
};

/** Canonical kind → the code written for errors that arrive without a numeric one. */
const KIND_CODES: Partial<Record<ApiErrorKind, number>> = {
  not_found: 3,
  server: 9,
  unavailable: 9,
  timeout: 9,
  overloaded: 23,
  content_filter: 24,
  rate_limit: 30,
  quota: 30,
};

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a proxy error: new-api's `{description, type, code}` (also a failed `SubmitResultVO`),
 * `{error: "text"}`, `{error: {message, type, code}}` or plain text. Never throws.
 */
export function decodeError(body: unknown, status?: number): ApiError {
  const known = new Set<string>();
  let message: string | undefined;
  let type: string | undefined;
  let code: string | undefined;
  let codeKind: ApiErrorKind | undefined;
  if (typeof body === 'string') message = body;
  else if (isObject(body)) {
    if (typeof body.description === 'string') {
      message = body.description;
      known.add('description');
    }
    if (typeof body.code === 'number' || typeof body.code === 'string') {
      code = String(body.code);
      codeKind = typeof body.code === 'number' ? CODE_KINDS[body.code] : undefined;
      known.add('code');
    }
    if (typeof body.type === 'string') {
      type = body.type;
      known.add('type');
    }
    const error = body.error;
    if (typeof error === 'string') {
      message ??= error;
      known.add('error');
    } else if (isObject(error) && typeof error.message === 'string') {
      message ??= error.message;
      if (typeof error.type === 'string') type ??= error.type;
      if (typeof error.code === 'string' || typeof error.code === 'number') code ??= String(error.code);
      known.add('error');
    }
  }
  const httpStatus = status ?? (code === '30' ? 429 : 400);
  // The proxy code is more specific than a generic status (400, 5xx, or 200 for failed submits).
  const byStatus = kindOfStatus(httpStatus);
  const kind =
    codeKind && (byStatus === 'invalid_request' || byStatus === 'server' || byStatus === 'other') ? codeKind : byStatus;
  const out: ApiError = { kind, status: httpStatus, message: message ?? 'unknown Midjourney proxy error' };
  if (type !== undefined) out.type = type;
  if (code !== undefined) out.code = code;
  if (message === undefined && body !== undefined) out.details = body as JsonValue;
  if (isObject(body)) {
    const rest: JsonObject = {};
    for (const [key, value] of Object.entries(body)) if (!known.has(key)) rest[key] = value;
    if (Object.keys(rest).length > 0) out.extensions = { [FORMAT]: rest };
  }
  return out;
}

/** Writes new-api's envelope `{description, type, code}` with the error's HTTP status. */
export const encodeError = errorEncoder(FORMAT, writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const numeric = error.code !== undefined && /^\d+$/.test(error.code) ? Number(error.code) : undefined;
  const body: JsonObject = {
    description: error.message,
    type: error.type ?? 'upstream_error',
    code: numeric ?? KIND_CODES[error.kind] ?? 4,
  };
  for (const [key, value] of Object.entries(error.extensions?.[FORMAT] ?? {})) if (!(key in body)) body[key] = value;
  return { status: error.status, body };
}
