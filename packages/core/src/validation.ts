import type { WireEvent } from './adapter.ts';

/** One way a wire body or stream breaks its format's rules. */
export interface ValidationProblem {
  /** Where: a JSON path into the body, or for streams `[eventNumber, ...pathIntoItsPayload]` (0-based). */
  path: (string | number)[];
  /** What is wrong, saying what was expected and what arrived. */
  message: string;
  /** A stable rule name, e.g. `schema`, `first-event`, `block-index`, `unclosed-block`, `arguments-json`, `terminator`. */
  rule: string;
}

/** The verdict of a validator: every problem found, not just the first. */
export interface ValidationResult {
  /** True when no problem was found. */
  valid: boolean;
  /** The problems, in order of discovery. */
  problems: ValidationProblem[];
}

/**
 * An incremental stream validator: feed wire events as they arrive, then `end()` for the verdict.
 * Memory is bounded by the open blocks, not by the stream.
 */
export interface StreamValidator {
  /** Checks one wire event. */
  push(event: WireEvent): void;
  /** Finishes (checks the terminator and that everything opened was closed) and returns the verdict. */
  end(): ValidationResult;
}
