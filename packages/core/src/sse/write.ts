import { Buffer } from 'node:buffer';
import { SseInvalidFieldError } from './sse-error.ts';

/** One message to write as a server-sent event (or a comment, or both). */
export interface SseMessage {
  /** Event name. Empty or undefined writes no `event` field (readers then see the default, "message"). */
  event?: string | undefined;
  /** Event data; may contain line breaks (written as several `data` lines). Undefined writes no `data`. */
  data?: string | undefined;
  /** Event ID; must not contain CR, LF or NUL. */
  id?: string | undefined;
  /** Reconnection delay in milliseconds; a non-negative integer. */
  retry?: number | undefined;
  /** Comment text, written first as `: text` lines (ignored by readers, useful as keep-alive). */
  comment?: string | undefined;
}

const LINE_BREAK = /\r\n|\r|\n/;
const FORBIDDEN_IN_ID = /[\r\n\0]/;
const FORBIDDEN_IN_EVENT = /[\r\n]/;

/** Writes `name: value` lines, one per line of `value`; a line without text is written as a bare `name:`. */
function lines(name: string, value: string): string {
  if (value === '') return name + ':\n';
  // Fast path: single-line values (the usual JSON payload).
  if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) return name + ': ' + value + '\n';
  let out = '';
  for (const line of value.split(LINE_BREAK)) out += line === '' ? name + ':\n' : name + ': ' + line + '\n';
  return out;
}

/**
 * Formats one message as event-stream text, ending with the blank line that dispatches it.
 *
 * Reading the result back gives the same `event` (absent when empty), `data` (with every line break
 * normalised to "\n"), `id` and `retry`. A message with `data: ''` still dispatches (one empty `data:` line);
 * a message without `data` dispatches nothing, but its `id` and `retry` still take effect.
 *
 * @throws SseInvalidFieldError when `event` contains a line break, `id` contains a line break or NUL, or
 * `retry` is not a non-negative safe integer: such values cannot be encoded.
 *
 * @example
 * ```ts
 * formatSse({ event: 'message_stop', data: '{"type":"message_stop"}' });
 * // 'event: message_stop\ndata: {"type":"message_stop"}\n\n'
 * ```
 */
export function formatSse(message: SseMessage): string {
  const { event, data, id, retry, comment } = message;
  let out = '';
  if (comment !== undefined) out += lines('', comment);
  if (event !== undefined && event !== '') {
    if (FORBIDDEN_IN_EVENT.test(event)) throw new SseInvalidFieldError('event', 'must not contain CR or LF');
    out += 'event: ' + event + '\n';
  }
  if (id !== undefined) {
    if (FORBIDDEN_IN_ID.test(id)) throw new SseInvalidFieldError('id', 'must not contain CR, LF or NUL');
    out += id === '' ? 'id:\n' : 'id: ' + id + '\n';
  }
  if (retry !== undefined) {
    if (!Number.isSafeInteger(retry) || retry < 0) {
      throw new SseInvalidFieldError('retry', 'must be a non-negative integer');
    }
    out += 'retry: ' + retry + '\n';
  }
  if (data !== undefined) out += lines('data', data);
  return out + '\n';
}

/** {@link formatSse}, encoded as UTF-8 bytes. */
export function encodeSse(message: SseMessage): Uint8Array {
  return Buffer.from(formatSse(message), 'utf8');
}

/**
 * A comment frame (`: ping\n\n` by default) that keeps idle connections and proxies from timing out.
 * Readers ignore it; it dispatches no event.
 */
export function keepAlive(comment = 'ping'): string {
  return formatSse({ comment });
}

/**
 * Encodes messages as they come, one UTF-8 chunk per message; plain strings are written verbatim
 * (e.g. {@link keepAlive} frames). Suitable for `Readable.from()` or a web `ReadableStream.from()`.
 *
 * @example
 * ```ts
 * Readable.from(writeSse(messages)).pipe(response);
 * ```
 */
export async function* writeSse(
  messages: Iterable<SseMessage | string> | AsyncIterable<SseMessage | string>,
): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const message of messages) {
    yield typeof message === 'string' ? Buffer.from(message, 'utf8') : encodeSse(message);
  }
}
