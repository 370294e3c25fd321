import type { WireEvent } from '@interlingua/core';

// Core's SSE reader/writer is not exported from `@interlingua/core` yet; tests import it by path
// until it is (then this becomes `import { createSseTokenizer, formatSse } from '@interlingua/core'`).
import { createSseTokenizer, formatSse as formatOne } from '../../../core/src/sse/index.ts';

/** Parses a whole SSE body into wire events with core's tokenizer. */
export function parseSse(text: string): WireEvent[] {
  const tokenizer = createSseTokenizer();
  const events = tokenizer.feed(Buffer.from(text, 'utf8')).map((e) => {
    const wire: WireEvent = { data: e.data };
    if (e.event !== undefined) wire.event = e.event;
    if (e.id !== undefined) wire.id = e.id;
    return wire;
  });
  tokenizer.end();
  return events;
}

/** Writes wire events as an SSE body with core's writer. */
export function formatSse(events: WireEvent[]): string {
  return events.map((e) => formatOne(e)).join('');
}

/** The events of a `*.chunks.jsonl` fixture, one stream per `message_start`. */
export function chunkStreams(text: string): WireEvent[][] {
  const streams: WireEvent[][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const payload = JSON.parse(line) as { type: string };
    if (payload.type === 'message_start' || streams.length === 0) streams.push([]);
    streams[streams.length - 1]!.push({ event: payload.type, data: line });
  }
  return streams;
}

/** Wire events as comparable values: event name and parsed data. */
export function comparable(events: WireEvent[]): { event: string | undefined; data: unknown }[] {
  return events.map((e) => ({ event: e.event, data: JSON.parse(e.data) as unknown }));
}
