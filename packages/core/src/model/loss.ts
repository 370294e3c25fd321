/**
 * What a conversion could not carry exactly.
 *
 * - `dropped`: the value is gone from the output.
 * - `approximated`: the output carries something close (a rounded number, a merged message, text
 *   standing in for a structured block).
 * - `defaulted`: the target required a value the source did not have; a documented default was used.
 * - `stateful`: the value refers to server-side state (a stored response, a conversation) that only
 *   a store can resolve.
 */
export type LossCode = 'dropped' | 'approximated' | 'defaulted' | 'stateful';

/** One item of a loss report. */
export interface Loss {
  /** What kind of loss. */
  code: LossCode;
  /** Where, as a JSON path into the value being converted (the source side), e.g. `['messages', 2, 'content', 0]`. */
  path: (string | number)[];
  /** A sentence for humans: what was lost and why. */
  message: string;
  /** The format the conversion was writing or reading when the loss happened. */
  format?: string;
  /** A stable, machine-readable name of the feature that was lost, e.g. `reasoning.signature`, `sampling.seed`. */
  feature?: string;
}

/** The result of a conversion: the converted value and everything it lost. */
export interface Converted<T> {
  /** The converted value. */
  value: T;
  /** The loss report: empty when the conversion was exact. */
  losses: Loss[];
}

/** Options every conversion accepts. */
export interface ConvertOptions {
  /** Turn any loss into an `UnsupportedError` instead of reporting it. */
  strict?: boolean;
}

/** Formats a JSON path for messages: `messages[2].content[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
