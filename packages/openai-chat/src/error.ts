import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';
import { attachExt, extFields, isObject, leftovers, nested } from './ext.ts';

/**
 * How Chat errors map to canonical kinds: by `code` first (it is the most specific), then by
 * HTTP status, then by `type` (mid-stream errors have no status).
 *
 * @see https://platform.openai.com/docs/guides/error-codes
 */
const BY_CODE: Record<string, ApiErrorKind> = {
  context_length_exceeded: 'context_length',
  insufficient_quota: 'quota',
  rate_limit_exceeded: 'rate_limit',
  content_filter: 'content_filter',
  content_policy_violation: 'content_filter',
  invalid_api_key: 'authentication',
  model_not_found: 'not_found',
  billing_hard_limit_reached: 'billing',
};

const BY_STATUS: Record<number, ApiErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  413: 'request_too_large',
  422: 'invalid_request',
  429: 'rate_limit',
  500: 'server',
  502: 'server',
  503: 'overloaded',
  504: 'timeout',
};

const BY_TYPE: Record<string, ApiErrorKind> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limit',
  insufficient_quota: 'quota',
  server_error: 'server',
  service_unavailable: 'unavailable',
  overloaded_error: 'overloaded',
};

/** Canonical kind → the status and `type` Chat uses for it (and a `code` where OpenAI always sends one). */
const OUT: Record<ApiErrorKind, { status: number; type: string; code?: string }> = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  authentication: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  permission: { status: 403, type: 'invalid_request_error' },
  not_found: { status: 404, type: 'invalid_request_error' },
  conflict: { status: 409, type: 'invalid_request_error' },
  request_too_large: { status: 413, type: 'invalid_request_error' },
  rate_limit: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  quota: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  billing: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  context_length: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  content_filter: { status: 400, type: 'invalid_request_error', code: 'content_filter' },
  server: { status: 500, type: 'server_error' },
  overloaded: { status: 503, type: 'server_error' },
  timeout: { status: 504, type: 'server_error' },
  unavailable: { status: 503, type: 'server_error' },
  other: { status: 500, type: 'server_error' },
};

const STATUS_FOR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  requests: 429,
  tokens: 429,
  insufficient_quota: 429,
  server_error: 500,
};

/**
 * Reads a Chat error body (`{ error: { message, type, param, code } }`) with its HTTP status, or a
 * mid-stream `error` payload without one. Never throws: unknown shapes become kind `other`.
 */
export function decodeError(body: unknown, status?: number): ApiError {
  const envelope = typeof body === 'string' ? tryParse(body) : body;
  if (!isObject(envelope) || !isObject(envelope.error)) {
    const message = typeof body === 'string' ? body : 'unrecognised error body';
    const error: ApiError = {
      kind: status ? (BY_STATUS[status] ?? kindForStatus(status)) : 'other',
      status: status ?? 500,
      message,
    };
    if (body !== undefined && typeof body !== 'string') error.details = body as JsonValue;
    return error;
  }
  const wire = envelope.error;
  const type = typeof wire.type === 'string' ? wire.type : undefined;
  const code =
    typeof wire.code === 'string' ? wire.code : typeof wire.code === 'number' ? String(wire.code) : undefined;
  const resolvedStatus = status ?? (type !== undefined ? STATUS_FOR_TYPE[type] : undefined) ?? 500;
  const kind =
    (code !== undefined ? BY_CODE[code] : undefined) ??
    (status !== undefined ? (BY_STATUS[status] ?? kindForStatus(status)) : undefined) ??
    (type !== undefined ? BY_TYPE[type] : undefined) ??
    kindForStatus(resolvedStatus);
  const error: ApiError = {
    kind,
    status: resolvedStatus,
    message: typeof wire.message === 'string' ? wire.message : '',
  };
  if (type !== undefined) error.type = type;
  if (code !== undefined) error.code = code;
  if (typeof wire.param === 'string') error.param = wire.param;
  // Keep what the canonical fields do not say: nulls, a numeric code, extra keys, envelope extras.
  const inner = leftovers(wire, ['message', 'type', 'param', 'code']);
  if (typeof wire.code === 'number') inner.code = wire.code;
  if (typeof wire.message !== 'string' && wire.message !== undefined) inner.message = wire.message as JsonValue;
  const outer = leftovers(envelope, ['error']);
  // OpenAI sends the request id as a header; a body-level `request_id` (as encodeError writes it) carries it.
  if (typeof outer.request_id === 'string') {
    error.requestId = outer.request_id;
    delete outer.request_id;
  }
  const fields: JsonObject = { ...outer };
  if (Object.keys(inner).length > 0) fields.error = inner;
  return attachExt(error, fields);
}

/**
 * Writes a canonical error as a Chat error body with the status Chat uses for it. `param` and
 * `code` are always present (null when unknown), as OpenAI sends them.
 */
export const encodeError = errorEncoder('openai-chat', writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const table = OUT[error.kind];
  const fields = extFields(error);
  const { error: _inner, ...outer } = fields;
  const inner: JsonObject = {
    message: error.message,
    type: error.type ?? table.type,
    param: error.param ?? null,
    code: error.code ?? table.code ?? null,
    ...nested(fields, 'error'),
  };
  // Keep a status OpenAI itself uses; others (Anthropic's 529) become the status OpenAI uses for the kind.
  const status = error.status in BY_STATUS ? error.status : table.status;
  const body: JsonObject = { ...outer, error: inner };
  // Errors have no loss channel: the request id (a header at OpenAI) rides in the body.
  if (error.requestId !== undefined) body.request_id = error.requestId;
  return { status, body };
}

function kindForStatus(status: number): ApiErrorKind {
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid_request';
  return 'other';
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
