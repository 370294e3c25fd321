import { InterlinguaError } from '../errors.ts';

/**
 * Thrown by the SSE tokenizer when a line, or the joined data of one event, grows past `maxLineBytes`.
 *
 * The tokenizer refuses further input after throwing this (call `reset()` to reuse it), so a hostile
 * or broken stream can never make it buffer without bound.
 */
export class SseLineTooLongError extends InterlinguaError {
  /** The configured limit in bytes. */
  readonly limit: number;

  /**
   * @param limit - the `maxLineBytes` limit that was exceeded
   * @param what - what grew too large: a single line, or the data of one event
   */
  constructor(limit: number, what: 'line' | 'event data' = 'line') {
    super('sse_line_too_long', `SSE ${what} exceeds the limit of ${limit} bytes (maxLineBytes)`);
    this.name = 'SseLineTooLongError';
    this.limit = limit;
  }
}

/**
 * Thrown by the SSE writer for a field value that the event-stream format cannot carry,
 * e.g. an `event` or `id` containing a line break, or a `retry` that is not a non-negative integer.
 */
export class SseInvalidFieldError extends InterlinguaError {
  /** The offending field. */
  readonly field: 'event' | 'id' | 'retry';

  /**
   * @param field - the offending field
   * @param reason - why its value cannot be encoded
   */
  constructor(field: 'event' | 'id' | 'retry', reason: string) {
    super('sse_invalid_field', `SSE field "${field}" ${reason}`);
    this.name = 'SseInvalidFieldError';
    this.field = field;
  }
}
