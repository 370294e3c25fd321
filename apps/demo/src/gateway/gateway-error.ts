import {
  type ApiError,
  type ApiErrorKind,
  type ChatFormat,
  InterlinguaError,
  ProviderError,
  UnsupportedError,
  WireFormatError,
} from '@interlingua/core';

/** An error the gateway answers with: it becomes the client's own error envelope and status. */
export class GatewayError extends Error {
  /** The error in canonical form. */
  readonly error: ApiError;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'GatewayError';
    this.error = error;
  }
}

/** Shorthand for a `GatewayError` of a kind and status. */
export function gatewayError(kind: ApiErrorKind, status: number, message: string, extra: Partial<ApiError> = {}) {
  return new GatewayError({ kind, status, message, ...extra });
}

/** The canonical kind of each HTTP status the gateway or the simulator produces. */
export function kindOfStatus(status: number): ApiErrorKind {
  const kinds: Record<number, ApiErrorKind> = {
    400: 'invalid_request',
    401: 'authentication',
    402: 'billing',
    403: 'permission',
    404: 'not_found',
    409: 'conflict',
    413: 'request_too_large',
    429: 'rate_limit',
    500: 'server',
    502: 'unavailable',
    503: 'unavailable',
    504: 'timeout',
    529: 'overloaded',
  };
  return kinds[status] ?? (status >= 500 ? 'server' : 'invalid_request');
}

// undici and Node report transport failures through error codes; these are the ones worth naming.
const TRANSPORT: Record<string, { kind: ApiErrorKind; status: number; message: string }> = {
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', status: 504, message: 'connecting to the upstream timed out' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', status: 504, message: 'the upstream sent no response in time' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', status: 504, message: 'the upstream went idle in the middle of its answer' },
  UND_ERR_SOCKET: { kind: 'server', status: 502, message: 'the upstream closed the connection' },
  UND_ERR_CLOSED: { kind: 'server', status: 502, message: 'the upstream connection closed' },
  ECONNREFUSED: { kind: 'unavailable', status: 502, message: 'the upstream refused the connection' },
  ECONNRESET: { kind: 'server', status: 502, message: 'the upstream reset the connection' },
  ENOTFOUND: { kind: 'unavailable', status: 502, message: 'the upstream host was not found' },
  EAI_AGAIN: { kind: 'unavailable', status: 502, message: 'the upstream host could not be resolved' },
};

/** Turns anything thrown while serving a request into the canonical error the client receives. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof GatewayError) return error.error;
  if (error instanceof ProviderError) return error.error;
  if (error instanceof WireFormatError || error instanceof UnsupportedError) {
    return { kind: 'invalid_request', status: 400, message: error.message, type: 'invalid_request_error' };
  }
  if (InterlinguaError.is(error)) return { kind: 'invalid_request', status: 400, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const transport = typeof code === 'string' ? TRANSPORT[code] : undefined;
  if (transport) return { ...transport, message: `${transport.message} (${code})` };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'server', status: 500, message: `gateway error: ${message}` };
}

/** The format whose envelope a request to an unknown path gets, guessed from the path. */
export function formatOfPath(pathname: string): ChatFormat {
  if (pathname.startsWith('/v1beta') || /:[A-Za-z]+$/.test(pathname)) return 'gemini';
  if (pathname.startsWith('/v1/messages')) return 'claude';
  if (pathname.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat';
}

/** Like `toApiError`, for failures while reading the upstream's answer: invalid wire data is the upstream's fault (502). */
export function upstreamFault(error: unknown): ApiError {
  if (error instanceof WireFormatError) {
    return { kind: 'server', status: 502, message: `the upstream sent an invalid answer: ${error.message}` };
  }
  return toApiError(error);
}
