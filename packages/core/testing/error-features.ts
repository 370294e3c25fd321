import type { ErrorCodec, StreamEncoder } from '../src/adapter.ts';
import type { ApiError, ApiErrorKind } from '../src/model/api-error.ts';

const KINDS: Record<ApiErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  conflict: 409,
  request_too_large: 413,
  rate_limit: 429,
  quota: 429,
  billing: 402,
  context_length: 400,
  content_filter: 400,
  server: 500,
  overloaded: 529,
  timeout: 504,
  unavailable: 503,
  other: 418,
};

/** Every optional field set, with values no format would invent. */
const FULL: Omit<ApiError, 'kind' | 'status' | 'message'> = {
  type: 'some_type',
  code: 'some_code',
  param: 'messages',
  requestId: 'req_1',
  retryAfter: 3,
  details: [{ reason: 'some_reason' }],
};

/**
 * The loss features an error encoder reports, found by encoding every canonical kind with its usual
 * status, bare and with every optional field set: what a README's lossy list must name for errors.
 */
export function errorLossFeatures(codec: Pick<ErrorCodec, 'encode'>): Set<string> {
  const features = new Set<string>();
  for (const error of sampleErrors())
    for (const loss of codec.encode(error).losses) if (loss.feature !== undefined) features.add(loss.feature);
  return features;
}

/**
 * The same for a stream's error event: the `error.*` features a stream encoder reports when an error
 * of each kind (bare, and with every field set) ends a started stream.
 */
export function streamErrorLossFeatures(createEncoder: () => StreamEncoder): Set<string> {
  const features = new Set<string>();
  for (const error of sampleErrors()) {
    const encoder = createEncoder();
    encoder.push({ type: 'message-start' });
    encoder.push({ type: 'error', error });
    for (const loss of encoder.losses) if (loss.feature?.startsWith('error.')) features.add(loss.feature);
  }
  return features;
}

function sampleErrors(): ApiError[] {
  return (Object.entries(KINDS) as [ApiErrorKind, number][]).flatMap(([kind, status]) => [
    { kind, status, message: 'm' },
    { kind, status, message: 'm', ...FULL },
  ]);
}
