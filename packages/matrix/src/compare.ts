import type { StepLoss } from './convert.ts';
import { type Difference, diff, type JsonPath } from './diff.ts';
import { unexplained } from './explain.ts';
import { normalizeWithOrigins } from './normalize.ts';
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
  const left = normalizeWithOrigins(before).value as Record<string, unknown>;
  const right = normalizeWithOrigins(after).value as Record<string, unknown>;
  for (const side of [left, right]) {
    // The error of a failed response or stream is compared like a top-level error.
    const error = kind === 'error' ? side : (side.error as Record<string, unknown> | undefined);
    for (const field of ERROR_VOCABULARY) if (error) delete error[field];
  }
  // An encoder's path points into the value it encoded as it was; the differences are between
  // normalised values, where merged turns and joined texts sit at other indices.
  const maps = new Map<unknown, (path: JsonPath) => JsonPath>();
  const placed = losses.map((loss) => {
    const place = placeLoss(loss, kind);
    if (place.path === undefined || loss.subject === undefined) return place;
    let map = maps.get(loss.subject);
    if (!map) {
      map = normalizeWithOrigins(loss.subject).toNormalized;
      maps.set(loss.subject, map);
    }
    return { ...place, path: map(place.path) };
  });
  return unexplained(diff(left, right), placed).filter((d) => !explainedByFeature(d.path, placed));
}
