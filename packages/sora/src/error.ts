import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';

const FORMAT = 'sora';

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

/** Error types and codes that say more than the status does. */
const SPECIFIC_KINDS: Record<string, ApiErrorKind> = {
  insufficient_quota: 'quota',
  billing_hard_limit_reached: 'billing',
  moderation_blocked: 'content_filter',
  content_policy_violation: 'content_filter',
};

/** Canonical kind → OpenAI error `type`. */
function typeOfKind(kind: ApiErrorKind): string {
  switch (kind) {
    case 'rate_limit':
      return 'requests';
    case 'quota':
    case 'billing':
      return 'insufficient_quota';
    case 'server':
    case 'overloaded':
    case 'unavailable':
    case 'timeout':
      return 'server_error';
    default:
      return 'invalid_request_error';
  }
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * Reads the OpenAI envelope `{error: {message, type, param, code}}`, new-api's task error
 * `{code, message, data}` or plain text. Never throws.
 */
export function decodeError(body: unknown, status = 500): ApiError {
  let source: Record<string, JsonValue> | undefined;
  let rest: JsonObject = {};
  if (isObject(body) && isObject(body.error)) {
    source = body.error;
    const { error: _error, ...others } = body;
    rest = others;
  } else if (isObject(body) && typeof body.message === 'string') {
    source = body;
  }
  const out: ApiError = { kind: kindOfStatus(status), status, message: 'unknown error' };
  if (typeof body === 'string') out.message = body;
  else if (source) {
    const known = new Set(['message', 'type', 'code', 'param']);
    out.message = text(source.message) ?? out.message;
    const type = text(source.type);
    const code = text(source.code);
    const param = text(source.param);
    if (type !== undefined) out.type = type;
    if (code !== undefined) out.code = code;
    if (param !== undefined) out.param = param;
    out.kind = SPECIFIC_KINDS[code ?? ''] ?? SPECIFIC_KINDS[type ?? ''] ?? out.kind;
    const extra: JsonObject = source === body ? {} : { ...rest };
    for (const [key, value] of Object.entries(source)) {
      // `null` code / param are OpenAI's way of saying "none": nothing to keep.
      if (!known.has(key) || (value !== null && text(value) === undefined)) extra[key] = value;
    }
    if (Object.keys(extra).length > 0) out.extensions = { [FORMAT]: extra };
  } else if (body !== undefined) {
    out.details = body as JsonValue;
  }
  return out;
}

/** Writes the OpenAI envelope with the error's status. */
export const encodeError = errorEncoder(FORMAT, writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const inner: JsonObject = {
    message: error.message,
    type: error.type ?? typeOfKind(error.kind),
    param: error.param ?? null,
    code: error.code ?? null,
  };
  for (const [key, value] of Object.entries(error.extensions?.[FORMAT] ?? {})) if (!(key in inner)) inner[key] = value;
  return { status: error.status, body: { error: inner } };
}
