import type { WireEvent } from '@interlingua/core';
// Core's SSE tokenizer is not exported from `@interlingua/core` yet: tests import it by path until it is.
import { formatSse as coreFormatSse, createSseTokenizer } from '../../../core/src/sse/index.ts';

/** Reads a whole SSE body into wire events with core's tokenizer. */
export function parseSse(text: string | Uint8Array): WireEvent[] {
  const parser = createSseParser();
  return [...parser.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text), ...parser.end()];
}

/** Incremental reader for chunking tests: bytes in, complete wire events out. */
export function createSseParser(): { push(chunk: Uint8Array): WireEvent[]; end(): WireEvent[] } {
  const tokenizer = createSseTokenizer();
  const toWire = (e: { event: string | undefined; data: string; id: string | undefined }): WireEvent => {
    const wire: WireEvent = { data: e.data };
    if (e.event !== undefined) wire.event = e.event;
    if (e.id !== undefined) wire.id = e.id;
    return wire;
  };
  return {
    push: (chunk) => tokenizer.feed(chunk).map(toWire),
    end: () => {
      tokenizer.end();
      return [];
    },
  };
}

/** Writes one event in SSE framing with core's writer. */
export function formatSse(event: { event?: string; data?: string; id?: string }): string {
  return coreFormatSse(event);
}
