import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';
import { attachExt, extFields, isObject, leftovers } from './ext.ts';

const STATUS_KINDS: Record<number, ApiErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  413: 'request_too_large',
  422: 'invalid_request',
  429: 'rate_limit',
  500: 'server',
  502: 'unavailable',
  503: 'overloaded',
  504: 'timeout',
};

const CODE_KINDS: Record<string, ApiErrorKind> = {
  insufficient_quota: 'quota',
  context_length_exceeded: 'context_length',
  rate_limit_exceeded: 'rate_limit',
  server_error: 'server',
  invalid_prompt: 'invalid_request',
  vector_store_timeout: 'timeout',
  invalid_api_key: 'authentication',
  billing_hard_limit_reached: 'billing',
  content_policy_violation: 'content_filter',
  bio_policy: 'content_filter',
};

const KIND_WIRE: Record<ApiErrorKind, { status: number; type: string }> = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  authentication: { status: 401, type: 'authentication_error' },
  permission: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  conflict: { status: 409, type: 'invalid_request_error' },
  request_too_large: { status: 413, type: 'invalid_request_error' },
  rate_limit: { status: 429, type: 'rate_limit_error' },
  quota: { status: 429, type: 'insufficient_quota' },
  billing: { status: 429, type: 'insufficient_quota' },
  context_length: { status: 400, type: 'invalid_request_error' },
  content_filter: { status: 400, type: 'invalid_request_error' },
  server: { status: 500, type: 'server_error' },
  overloaded: { status: 503, type: 'server_error' },
  timeout: { status: 504, type: 'server_error' },
  unavailable: { status: 503, type: 'server_error' },
  other: { status: 500, type: 'server_error' },
};

/** The canonical kind of an OpenAI error from its code, type and HTTP status. */
export function errorKind(
  code: string | undefined,
  type: string | undefined,
  status: number | undefined,
): ApiErrorKind {
  if (code && CODE_KINDS[code]) return CODE_KINDS[code];
  if (code?.includes('image')) return 'invalid_request';
  // The HTTP status says more than a generic type (`server_error` comes with 500 and 503 alike).
  if (status !== undefined && STATUS_KINDS[status]) return STATUS_KINDS[status];
  if (type && CODE_KINDS[type]) return CODE_KINDS[type];
  if (status !== undefined && status >= 500) return 'server';
  if (type === 'invalid_request_error') return 'invalid_request';
  return 'other';
}

/** The code written for each kind when the error's own code would not read back as its kind. */
const KIND_CODES: Partial<Record<ApiErrorKind, string>> = Object.fromEntries(
  Object.entries(CODE_KINDS)
    .reverse()
    .map(([code, kind]) => [kind, code]),
);

/**
 * The `code` of an error in a stream event or a failed response, where no HTTP status says the
 * kind: the error's own code when it reads back as the same kind (always for OpenAI errors), else
 * the OpenAI code of its kind (another provider's `429` or `RESOURCE_EXHAUSTED` means nothing here).
 */
export function inBandCode(error: ApiError): string | null {
  if (error.code !== undefined && errorKind(error.code, error.type, undefined) === error.kind) return error.code;
  return KIND_CODES[error.kind] ?? error.code ?? null;
}

/** The HTTP status an error of this kind comes with. */
export function statusOf(kind: ApiErrorKind): number {
  return KIND_WIRE[kind].status;
}

/**
 * Reads an OpenAI error envelope `{error: {message, type, param, code}}` with its HTTP status.
 * Never throws: other shapes become kind `other` with the body as message.
 */
export function decodeError(body: unknown, status?: number): ApiError {
  const inner = isObject(body) && isObject(body.error) ? body.error : undefined;
  if (!inner) {
    const message = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const kind = errorKind(undefined, undefined, status);
    return { kind, status: status ?? statusOf(kind), message };
  }
  const outer = isObject(body) ? leftovers(body, ['error']) : {};
  // OpenAI sends the request id as a header; a body-level `request_id` (as encodeError writes it) carries it.
  const requestId = typeof outer.request_id === 'string' ? outer.request_id : undefined;
  if (requestId !== undefined) delete outer.request_id;
  const error = errorFromObject(inner, status, outer);
  if (requestId !== undefined) error.requestId = requestId;
  return error;
}

/** Reads an error object (`{message, type, param, code}`) found in an envelope or a stream event. */
export function errorFromObject(inner: JsonObject, status: number | undefined, outer: JsonObject = {}): ApiError {
  const str = (v: JsonValue | undefined): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  const code = str(inner.code);
  const type = str(inner.type);
  const kind = errorKind(code, type, status);
  const error: ApiError = { kind, status: status ?? statusOf(kind), message: str(inner.message) ?? '' };
  if (type !== undefined) error.type = type;
  if (code !== undefined) error.code = code;
  const param = str(inner.param);
  if (param !== undefined) error.param = param;
  const extra = leftovers(inner, ['message', 'type', 'param', 'code']);
  // `code` as a number (some proxies) is kept so it re-encodes as a number.
  if (typeof inner.code === 'number') extra.code = inner.code;
  return attachExt(error, { ...extra, ...(Object.keys(outer).length > 0 ? { envelope: outer } : {}) });
}

/** Writes an error in OpenAI's envelope with the status it comes with. */
export const encodeError = errorEncoder('openai-responses', writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const { envelope, ...fields } = extFields(error);
  const inner: JsonObject = {
    message: error.message,
    type: error.type ?? KIND_WIRE[error.kind].type,
    param: error.param ?? null,
    // Another provider's code (`429`, `RESOURCE_EXHAUSTED`) would read back as another kind.
    code:
      errorKind(error.code, error.type, error.status) === error.kind
        ? (error.code ?? null)
        : (KIND_CODES[error.kind] ?? error.code ?? null),
    ...fields,
  };
  const body: JsonObject = { ...(isObject(envelope) ? envelope : {}), error: inner };
  // Errors have no loss channel: the request id (a header at OpenAI) rides in the body.
  if (error.requestId !== undefined) body.request_id = error.requestId;
  return { status: error.status, body };
}
