import type { StepLoss } from './convert.ts';
import { type Difference, diff } from './diff.ts';
import { unexplained } from './explain.ts';
import { normalize } from './normalize.ts';
import { explainedByFeature, placeLoss } from './place.ts';

/** The kinds of value the matrix converts. */
export type ValueKind = 'request' | 'response' | 'stream' | 'error';

/**
 * Error fields in each provider's own vocabulary (`invalid_request_error`, `INVALID_ARGUMENT`,
 * 429, Gemini `details`): like `raw`, every format writes its own. Errors have no loss channel, so
 * everything else (`kind`, `status`, `message`, `param`, `requestId`, `retryAfter`) must survive.
 */
const ERROR_VOCABULARY = ['type', 'code', 'details'];

/**
 * The differences between two canonical values (after `normalize`) that the losses reported on the
 * way do not explain. Stream trips are compared on their collected responses.
 */
export function unexplainedDifferences(
  kind: ValueKind,
  before: unknown,
  after: unknown,
  losses: readonly StepLoss[],
): Difference[] {
  const left = normalize(before) as Record<string, unknown>;
  const right = normalize(after) as Record<string, unknown>;
  for (const side of [left, right]) {
    // The error of a failed response or stream is compared like a top-level error.
    const error = kind === 'error' ? side : (side.error as Record<string, unknown> | undefined);
    for (const field of ERROR_VOCABULARY) if (error) delete error[field];
  }
  const placed = losses.map((loss) => placeLoss(loss, kind));
  return unexplained(diff(left, right), placed).filter((d) => !explainedByFeature(d.path, placed));
}
