import { type StreamEvent, transcodeEvents, type WireEvent } from '@interlingua/core';
import { createStreamDecoder } from '../stream-decoder.ts';
import { createStreamEncoder } from '../stream-encoder.ts';

/** Decodes a whole wire stream. */
export function decodeAll(events: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

/** Encodes a whole canonical stream. */
export function encodeAll(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
}

/** Decodes then re-encodes a Claude stream. */
export function roundTrip(events: WireEvent[]): WireEvent[] {
  return transcodeEvents(createStreamDecoder(), createStreamEncoder(), events);
}
