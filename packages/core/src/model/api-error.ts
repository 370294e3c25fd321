import type { Extensions } from './extensions.ts';
import type { JsonValue } from './json.ts';

/**
 * The canonical kinds of provider error. Each format maps its own error types and HTTP statuses
 * onto these and back (see each adapter's `error.ts`).
 */
export type ApiErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'request_too_large'
  | 'rate_limit'
  | 'quota'
  | 'billing'
  | 'context_length'
  | 'content_filter'
  | 'server'
  | 'overloaded'
  | 'timeout'
  | 'unavailable'
  | 'other';

/** An error as a provider reports it, in one shape: before a stream (HTTP status + body) or in the middle of one. */
export interface ApiError {
  /** Canonical kind. */
  kind: ApiErrorKind;
  /** HTTP status the error came with (or would come with). */
  status: number;
  /** Human-readable message. */
  message: string;
  /** The provider's error type (`overloaded_error`, `invalid_request_error`, `RESOURCE_EXHAUSTED`…). */
  type?: string;
  /** The provider's error code (`context_length_exceeded`, `rate_limit_exceeded`, 429…). */
  code?: string;
  /** The request parameter at fault (OpenAI `param`). */
  param?: string;
  /** The provider's request id (`request-id` header or body field). */
  requestId?: string;
  /** Seconds to wait before retrying, when the provider says. */
  retryAfter?: number;
  /** Structured details (Gemini `details`). */
  details?: JsonValue;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}
