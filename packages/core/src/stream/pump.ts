import type { StreamDecoder, StreamEncoder, WireEvent } from '../adapter.ts';
import type { StreamEvent } from '../model/stream-event.ts';

/**
 * Runs a stream decoder over an async source of wire events. Backpressure comes for free: the
 * next wire event is read only when the consumer asks for more; returning early closes the source.
 */
export async function* decodeStream(
  decoder: StreamDecoder,
  source: AsyncIterable<WireEvent>,
): AsyncGenerator<StreamEvent> {
  for await (const wire of source) yield* decoder.push(wire);
  yield* decoder.end();
}

/** Runs a stream encoder over an async source of canonical events. */
export async function* encodeStream(
  encoder: StreamEncoder,
  source: AsyncIterable<StreamEvent>,
): AsyncGenerator<WireEvent> {
  for await (const event of source) yield* encoder.push(event);
  yield* encoder.end();
}

/**
 * Converts a wire stream of one format into another: decode each event, encode the canonical
 * events it yields, one event at a time (never buffering the stream).
 */
export async function* transcodeStream(
  decoder: StreamDecoder,
  encoder: StreamEncoder,
  source: AsyncIterable<WireEvent>,
): AsyncGenerator<WireEvent> {
  for await (const wire of source) {
    for (const event of decoder.push(wire)) yield* encoder.push(event);
  }
  for (const event of decoder.end()) yield* encoder.push(event);
  yield* encoder.end();
}

/** Synchronous variant of `transcodeStream` for in-memory event lists (tests, CLI on small inputs). */
export function transcodeEvents(
  decoder: StreamDecoder,
  encoder: StreamEncoder,
  source: Iterable<WireEvent>,
): WireEvent[] {
  const out: WireEvent[] = [];
  for (const wire of source) for (const event of decoder.push(wire)) out.push(...encoder.push(event));
  for (const event of decoder.end()) out.push(...encoder.push(event));
  out.push(...encoder.end());
  return out;
}
