import { UnsupportedError } from '../errors.ts';
import type { ConvertOptions, Loss, LossCode } from './loss.ts';

/**
 * Collects a conversion's losses. In strict mode the first loss throws `UnsupportedError`, so a
 * strict conversion never returns a lossy value. Adapters create one per conversion.
 */
export interface LossRecorder {
  /** The losses so far. */
  readonly losses: Loss[];
  /** Records a loss (throws in strict mode). */
  add(code: LossCode, path: (string | number)[], message: string, feature?: string): void;
  /** Records a `dropped` loss. */
  drop(path: (string | number)[], message: string, feature?: string): void;
  /** Records an `approximated` loss. */
  approximate(path: (string | number)[], message: string, feature?: string): void;
}

/** Creates a loss recorder for conversions into or out of `format`. */
export function createLossRecorder(
  format: string,
  options?: ConvertOptions & { onLoss?: (loss: Loss) => void },
): LossRecorder {
  const losses: Loss[] = [];
  const add = (code: LossCode, path: (string | number)[], message: string, feature?: string): void => {
    const loss: Loss = { code, path, message, format };
    if (feature !== undefined) loss.feature = feature;
    if (options?.strict) throw new UnsupportedError([loss]);
    losses.push(loss);
    options?.onLoss?.(loss);
  };
  return {
    losses,
    add,
    drop: (path, message, feature) => add('dropped', path, message, feature),
    approximate: (path, message, feature) => add('approximated', path, message, feature),
  };
}
