import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';
import { claudeExt, isObject, leftovers, mergeExt, ownExt } from './ext.ts';

/**
 * Errors: `{type: "error", error: {type, message}, request_id}` with the HTTP status, both ways.
 *
 * @see https://docs.claude.com/en/api/errors
 */

const TYPES: Record<string, { kind: ApiErrorKind; status: number }> = {
  invalid_request_error: { kind: 'invalid_request', status: 400 },
  authentication_error: { kind: 'authentication', status: 401 },
  billing_error: { kind: 'billing', status: 402 },
  permission_error: { kind: 'permission', status: 403 },
  not_found_error: { kind: 'not_found', status: 404 },
  request_too_large: { kind: 'request_too_large', status: 413 },
  rate_limit_error: { kind: 'rate_limit', status: 429 },
  api_error: { kind: 'server', status: 500 },
  timeout_error: { kind: 'timeout', status: 504 },
  overloaded_error: { kind: 'overloaded', status: 529 },
};

const BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const BY_KIND: Record<ApiErrorKind, { type: string; status: number }> = {
  invalid_request: { type: 'invalid_request_error', status: 400 },
  authentication: { type: 'authentication_error', status: 401 },
  permission: { type: 'permission_error', status: 403 },
  not_found: { type: 'not_found_error', status: 404 },
  conflict: { type: 'invalid_request_error', status: 409 },
  request_too_large: { type: 'request_too_large', status: 413 },
  rate_limit: { type: 'rate_limit_error', status: 429 },
  quota: { type: 'rate_limit_error', status: 429 },
  billing: { type: 'billing_error', status: 402 },
  context_length: { type: 'invalid_request_error', status: 400 },
  content_filter: { type: 'invalid_request_error', status: 400 },
  server: { type: 'api_error', status: 500 },
  overloaded: { type: 'overloaded_error', status: 529 },
  timeout: { type: 'timeout_error', status: 504 },
  unavailable: { type: 'overloaded_error', status: 529 },
  other: { type: 'api_error', status: 500 },
};

function kindOfStatus(status: number | undefined): ApiErrorKind {
  if (status === undefined) return 'other';
  const type = BY_STATUS[status];
  if (type) return TYPES[type]!.kind;
  if (status === 409) return 'conflict';
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid_request';
  return 'other';
}

/** Reads a Claude error body (parsed JSON or text) with its HTTP status; never throws. */
export function decodeError(body: unknown, status?: number): ApiError {
  const envelope = isObject(body) ? body : undefined;
  const inner = envelope && isObject(envelope.error) ? envelope.error : undefined;
  if (!inner) {
    const message = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    const error: ApiError = { kind: kindOfStatus(status), status: status ?? 500, message };
    if (envelope) error.extensions = { claude: { body: envelope } };
    return error;
  }
  const type = typeof inner.type === 'string' ? inner.type : undefined;
  const known = type ? TYPES[type] : undefined;
  const message = typeof inner.message === 'string' ? inner.message : '';
  let kind = known?.kind ?? kindOfStatus(status);
  // Claude reports an over-long prompt as a plain invalid request; the core has a kind for it.
  if (kind === 'invalid_request' && /prompt is too long|context window/i.test(message)) kind = 'context_length';
  const error: ApiError = { kind, status: status ?? known?.status ?? 500, message };
  if (type !== undefined) error.type = type;
  if (typeof envelope?.request_id === 'string') error.requestId = envelope.request_id;
  if (typeof inner.param === 'string') error.param = inner.param;
  const rest: JsonObject = {};
  const innerRest = leftovers(inner, ['type', 'message', ...(typeof inner.param === 'string' ? ['param'] : [])]);
  if (innerRest) rest.error = innerRest;
  Object.assign(rest, leftovers(envelope!, ['type', 'error', 'request_id']));
  if (envelope?.request_id === null) rest.request_id = null;
  const ext = claudeExt(rest);
  if (ext) error.extensions = ext;
  return error;
}

/** The Claude `error.type` and HTTP status for a core error: its own type when it is a Claude type. */
export function errorTypeOf(error: ApiError): { type: string; status: number } {
  if (error.type !== undefined && TYPES[error.type]) return { type: error.type, status: error.status };
  const byKind = BY_KIND[error.kind];
  return { type: byKind.type, status: BY_STATUS[error.status] === byKind.type ? error.status : byKind.status };
}

/** The `{type: "error", error, request_id?}` body of a core error (HTTP body and stream `error` event alike). */
export function errorBody(error: ApiError): JsonObject {
  const { type } = errorTypeOf(error);
  const ext = ownExt(error);
  const inner: JsonObject = { type, message: error.message };
  // Claude has no parameter field, and errors have no loss channel: the OpenAI `param` rides
  // beside `type` and `message` (clients ignore it; decodeError reads it back).
  if (error.param !== undefined) inner.param = error.param;
  if (isObject(ext?.error)) mergeExt(inner, ext.error);
  const body: JsonObject = { type: 'error', error: inner };
  if (error.requestId !== undefined) body.request_id = error.requestId;
  if (ext)
    for (const [key, value] of Object.entries(ext))
      if (key !== 'error' && key !== 'body' && !(key in body)) body[key] = value as JsonValue;
  return body;
}

/** Writes a core error as Claude's HTTP status and body. */
export const encodeError = errorEncoder('claude', writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const ext = ownExt(error);
  if (isObject(ext?.body)) return { status: error.status, body: ext.body };
  return { status: errorTypeOf(error).status, body: errorBody(error) };
}
