import type { EncodedError } from './adapter.ts';
import type { ApiError } from './model/api-error.ts';
import type { JsonValue } from './model/json.ts';
import type { ConvertOptions } from './model/loss.ts';
import { createLossRecorder, type LossRecorder } from './model/loss-recorder.ts';

/** The canonical error fields whose loss an error encoder reports, with their feature names. */
export const ERROR_LOSS_FEATURES = {
  kind: 'error.kind',
  status: 'error.status',
  message: 'error.message',
  type: 'error.type',
  code: 'error.code',
  param: 'error.param',
  requestId: 'error.request-id',
  retryAfter: 'error.retry-after',
  details: 'error.details',
} as const satisfies Partial<Record<keyof ApiError, string>>;

/**
 * Reports what an error encoder could not carry, by comparing the error it was given (`sent`) with
 * what the same format's decoder reads back from the body and status it wrote (`readBack`): a field
 * set in `sent` that comes back changed is `approximated` (Claude has no quota type: `quota` reads back
 * as `rate_limit`), one that does not come back is `dropped`. Paths are the field names after `path`
 * (`['error']` for the error of a stream, whose paths point into the collected response).
 */
export function reportErrorLosses(
  losses: LossRecorder,
  sent: ApiError,
  readBack: ApiError,
  path: (string | number)[] = [],
): void {
  for (const [field, feature] of Object.entries(ERROR_LOSS_FEATURES) as [keyof typeof ERROR_LOSS_FEATURES, string][]) {
    const before = sent[field];
    if (before === undefined) continue;
    const after = readBack[field];
    if (after === undefined)
      losses.drop([...path, field], `the error's ${field} has no place in this envelope`, feature);
    else if (JSON.stringify(after) !== JSON.stringify(before))
      losses.approximate(
        [...path, field],
        `the error's ${field} ${JSON.stringify(before)} reads back as ${JSON.stringify(after)}`,
        feature,
      );
  }
}

/**
 * An adapter's `encodeError`: `write` puts the error in the format's envelope, and what the same
 * format's `decode` reads back from it tells what was lost (see {@link reportErrorLosses}).
 */
export function errorEncoder(
  format: string,
  write: (error: ApiError) => { status: number; body: JsonValue },
  decode: (body: unknown, status?: number) => ApiError,
): (error: ApiError, options?: ConvertOptions) => EncodedError {
  return (error, options) => {
    const written = write(error);
    const losses = createLossRecorder(format, options);
    reportErrorLosses(losses, error, decode(written.body, written.status));
    return { ...written, losses: losses.losses };
  };
}
