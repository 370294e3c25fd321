import { type ApiError, type ApiErrorKind, errorEncoder, type JsonObject, type JsonValue } from '@interlingua/core';
import { isObject, omit } from './util.ts';

// google.rpc canonical status → kind.
const STATUS_KIND: Record<string, ApiErrorKind> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  ALREADY_EXISTS: 'conflict',
  ABORTED: 'conflict',
  RESOURCE_EXHAUSTED: 'rate_limit',
  CANCELLED: 'other',
  INTERNAL: 'server',
  UNKNOWN: 'server',
  DATA_LOSS: 'server',
  UNIMPLEMENTED: 'not_found',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'timeout',
};
const STATUS_CODE: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};
// Kind → the status Gemini uses for it (an invalid key is a 400 INVALID_ARGUMENT, not a 401).
const KIND_STATUS: Record<ApiErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'INVALID_ARGUMENT',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  conflict: 'ABORTED',
  request_too_large: 'INVALID_ARGUMENT',
  rate_limit: 'RESOURCE_EXHAUSTED',
  quota: 'RESOURCE_EXHAUSTED',
  billing: 'FAILED_PRECONDITION',
  context_length: 'INVALID_ARGUMENT',
  content_filter: 'INVALID_ARGUMENT',
  server: 'INTERNAL',
  overloaded: 'UNAVAILABLE',
  timeout: 'DEADLINE_EXCEEDED',
  unavailable: 'UNAVAILABLE',
  other: 'UNKNOWN',
};
const HTTP_KIND: Record<number, ApiErrorKind> = {
  400: 'invalid_request',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  413: 'request_too_large',
  429: 'rate_limit',
  500: 'server',
  502: 'server',
  503: 'overloaded',
  504: 'timeout',
};

function reasons(details: JsonValue | undefined): string[] {
  return Array.isArray(details) ? details.filter(isObject).map((d) => String(d.reason ?? '')) : [];
}

const BAD_REQUEST = 'type.googleapis.com/google.rpc.BadRequest';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
/** `ErrorInfo.domain` of the detail that names a canonical kind Gemini's status cannot tell apart. */
export const KIND_DOMAIN = 'interlingua';

/** The canonical kind an `ErrorInfo` of {@link KIND_DOMAIN} names (`reason`: the kind in upper case). */
function carriedKind(details: JsonValue | undefined): ApiErrorKind | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details)
    if (isObject(d) && d['@type'] === ERROR_INFO && d.domain === KIND_DOMAIN && typeof d.reason === 'string') {
      const kind = d.reason.toLowerCase();
      if (kind in KIND_STATUS) return kind as ApiErrorKind;
    }
  return undefined;
}
const REQUEST_INFO = 'type.googleapis.com/google.rpc.RequestInfo';

/** `google.rpc.RequestInfo.requestId`: Google's place for the id of the failed request. */
function requestInfoId(details: JsonValue | undefined): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details)
    if (isObject(d) && d['@type'] === REQUEST_INFO && typeof d.requestId === 'string') return d.requestId;
  return undefined;
}

/** The field of the first `google.rpc.BadRequest` field violation: Google's place for the parameter at fault. */
function violatedField(details: JsonValue | undefined): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    if (!isObject(d) || d['@type'] !== BAD_REQUEST || !Array.isArray(d.fieldViolations)) continue;
    const first = d.fieldViolations[0];
    if (isObject(first) && typeof first.field === 'string') return first.field;
  }
  return undefined;
}

function retryDelay(details: JsonValue | undefined): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    if (isObject(d) && typeof d.retryDelay === 'string') {
      const seconds = Number.parseFloat(d.retryDelay);
      if (Number.isFinite(seconds)) return seconds;
    }
  }
  return undefined;
}

/**
 * Decodes a Gemini error body (`{error:{code, message, status, details}}`, also array-wrapped as
 * the JSON-array stream sends it, or plain text). Never throws: unknown shapes become kind `other`.
 */
export function decodeError(body: unknown, status?: number): ApiError {
  const first = Array.isArray(body) && body.length === 1 ? body[0] : body;
  const err = isObject(first) && isObject(first.error) ? first.error : undefined;
  if (!err) {
    const message = typeof body === 'string' ? body : JSON.stringify(body ?? null);
    const code = status ?? 500;
    return { kind: HTTP_KIND[code] ?? 'other', status: code, message };
  }
  const wireStatus = typeof err.status === 'string' ? err.status : undefined;
  const code =
    typeof err.code === 'number' ? err.code : (status ?? (wireStatus ? STATUS_CODE[wireStatus] : undefined) ?? 500);
  const message = typeof err.message === 'string' ? err.message : '';
  let kind: ApiErrorKind = (wireStatus && STATUS_KIND[wireStatus]) || HTTP_KIND[code] || 'other';
  const why = reasons(err.details);
  if (why.includes('API_KEY_INVALID') || why.includes('API_KEY_SERVICE_BLOCKED')) kind = 'authentication';
  else if (
    kind === 'invalid_request' &&
    /input token count.*exceeds|exceeds the maximum number of tokens/i.test(message)
  )
    kind = 'context_length';
  kind = carriedKind(err.details) ?? kind;
  const error: ApiError = { kind, status: status ?? code, message };
  if (wireStatus) error.type = wireStatus;
  if (typeof err.code === 'number') error.code = String(err.code);
  if (err.details !== undefined) error.details = err.details;
  const param = violatedField(err.details);
  if (param !== undefined) error.param = param;
  const requestId = requestInfoId(err.details);
  if (requestId !== undefined) error.requestId = requestId;
  const retry = retryDelay(err.details);
  if (retry !== undefined) error.retryAfter = retry;
  const extra = omit(err, ['code', 'message', 'status', 'details']);
  if (status !== undefined && typeof err.code === 'number' && err.code !== status) extra.code = err.code;
  if (Object.keys(extra).length > 0) error.extensions = { gemini: extra };
  return error;
}

/** Encodes an error in Gemini's envelope with the HTTP status Gemini uses for it. */
export const encodeError = errorEncoder('gemini', writeError, decodeError);

/** The envelope and status of {@link encodeError}, before the loss report (what does not read back). */
function writeError(error: ApiError): { status: number; body: JsonValue } {
  const ownStatus = error.type !== undefined && STATUS_CODE[error.type] !== undefined ? error.type : undefined;
  const wireStatus = ownStatus ?? KIND_STATUS[error.kind];
  const status = ownStatus ? error.status : (STATUS_CODE[wireStatus] ?? error.status);
  const body: JsonObject = { code: status, message: error.message, status: wireStatus };
  let details = error.details;
  if (details === undefined && error.kind === 'authentication')
    details = [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ];
  if (details === undefined && error.retryAfter !== undefined)
    details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` }];
  // The parameter at fault (OpenAI `param`) goes where Google names it: a BadRequest field violation.
  if (error.param !== undefined && (details === undefined || Array.isArray(details)) && !violatedField(details))
    details = [...(details ?? []), { '@type': BAD_REQUEST, fieldViolations: [{ field: error.param }] }];
  if (error.requestId !== undefined && (details === undefined || Array.isArray(details)) && !requestInfoId(details))
    details = [...(details ?? []), { '@type': REQUEST_INFO, requestId: error.requestId }];
  // A kind Gemini's status reads back as another one (quota → RESOURCE_EXHAUSTED → rate_limit) is
  // named in an ErrorInfo, the detail Google uses for machine-readable reasons.
  if ((details === undefined || Array.isArray(details)) && !carriedKind(details)) {
    const plain: JsonObject = { code: status, message: error.message, status: wireStatus };
    if (details !== undefined) plain.details = details;
    if (decodeError({ error: plain }, status).kind !== error.kind)
      details = [...(details ?? []), { '@type': ERROR_INFO, reason: error.kind.toUpperCase(), domain: KIND_DOMAIN }];
  }
  if (details !== undefined) body.details = details;
  const extra = error.extensions?.gemini;
  return { status, body: { error: extra ? { ...body, ...extra } : body } };
}
