import type { StreamDecoder, StreamEncoder, StreamEvent, WireEvent } from '@interlingua/core';
// Core's SSE reader and writer are not exported from `@interlingua/core` yet; tests use them by path until they are.
import { createSseTokenizer, formatSse, readSse } from '../../../core/src/sse/index.ts';

export { readSse };

/** Reads a whole SSE body into wire events with core's tokenizer. */
export function readSseText(text: string | Uint8Array): WireEvent[] {
  const tokenizer = createSseTokenizer();
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const events = tokenizer.feed(bytes).map((e) => toWire(e));
  tokenizer.end();
  return events;
}

/** Reads an SSE body cut into the given chunks (for chunking-invariance tests). */
export function readSseChunks(chunks: readonly Uint8Array[]): WireEvent[] {
  const tokenizer = createSseTokenizer();
  const out: WireEvent[] = [];
  for (const chunk of chunks) for (const e of tokenizer.feed(chunk)) out.push(toWire(e));
  tokenizer.end();
  return out;
}

function toWire(e: { event?: string | undefined; data: string; id?: string | undefined }): WireEvent {
  const out: WireEvent = { data: e.data };
  if (e.event !== undefined) out.event = e.event;
  if (e.id !== undefined) out.id = e.id;
  return out;
}

/** Writes wire events as an SSE body with core's writer (`data:` lines only, as Chat streams are). */
export function formatSseText(events: readonly WireEvent[]): string {
  return events.map((e) => formatSse(e)).join('');
}

/** A `*.chunks.jsonl` fixture as wire events: one `data:` event per line, then `[DONE]`. */
export function chunksToEvents(text: string): WireEvent[] {
  const events: WireEvent[] = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ data: line }));
  events.push({ data: '[DONE]' });
  return events;
}

/** Runs a decoder over wire events. */
export function decodeAll(decoder: StreamDecoder, events: readonly WireEvent[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const e of events) out.push(...decoder.push(e));
  out.push(...decoder.end());
  return out;
}

/** Runs an encoder over canonical events. */
export function encodeAll(encoder: StreamEncoder, events: readonly StreamEvent[]): WireEvent[] {
  const out: WireEvent[] = [];
  for (const e of events) out.push(...encoder.push(e));
  out.push(...encoder.end());
  return out;
}

/** Canonical events without warnings (what a round trip is compared on). */
export function withoutWarnings(events: readonly StreamEvent[]): StreamEvent[] {
  return events.filter((e) => e.type !== 'warning');
}
