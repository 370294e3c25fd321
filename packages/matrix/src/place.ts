import type { StepLoss } from './convert.ts';
import type { JsonPath } from './diff.ts';
import type { PlacedLoss } from './explain.ts';

/** Top-level fields of a `ChatResponse`: a stream encoder's path starting with one of them is already a response path. */
const RESPONSE_FIELDS = new Set(['id', 'model', 'created', 'choices', 'usage', 'serviceTier', 'error']);

/**
 * The field a feature names, for losses that carry no usable path (stream encoders reporting
 * `['block-delta']`, decoders reporting wire paths): such a loss explains differences at a field
 * of that name anywhere in the value, and nothing else.
 */
const FEATURE_FIELDS: Readonly<Record<string, string>> = {
  'content.citations': 'citations',
  'reasoning.signature': 'signature',
  'reasoning.encrypted': 'encrypted',
  'reasoning.summary': 'summary',
  logprobs: 'logprobs',
};

/** A loss placed in the canonical value of the given kind (`undefined` path when it cannot be placed). */
export function placeLoss(loss: StepLoss, kind: 'request' | 'response' | 'stream' | 'error'): PlacedLoss {
  const { feature, code } = loss;
  if (loss.step === 'decode') return { path: undefined, feature, code };
  return { path: kind === 'stream' ? streamPath(loss.path) : loss.path, feature, code };
}

/**
 * Stream encoders point at blocks in their own ways (`['block', 2]`, `['stream', 'block', 2]`,
 * `['block-start', 2]`); a block's index is its position in the collected choice's content, and
 * `['finish', n]` is choice `n`'s finish reason.
 */
function streamPath(path: readonly (string | number)[]): JsonPath | undefined {
  const first = path[0];
  if (typeof first === 'string' && RESPONSE_FIELDS.has(first)) return path;
  if (first === 'finish' && typeof path[1] === 'number') return ['choices', path[1], 'finishReason', ...path.slice(2)];
  const at = path.findIndex((segment) => segment === 'block' || segment === 'block-start');
  const index = path[at + 1];
  if (at >= 0 && typeof index === 'number') return ['choices', 0, 'content', index, ...path.slice(at + 2)];
  return undefined;
}

/** Whether an unplaced loss explains a difference at `path` through its feature's field name. */
export function explainedByFeature(path: JsonPath, losses: readonly PlacedLoss[]): boolean {
  return losses.some((loss) => {
    if (loss.path !== undefined || loss.feature === undefined) return false;
    const field = FEATURE_FIELDS[loss.feature];
    return field !== undefined && path.includes(field);
  });
}
