import type { WireEvent } from '@interlingua/core';

/** A tiny incremental SSE reader for tests (LF, CR and CRLF line ends, split anywhere). */
export function createTestSseReader(): { feed(chunk: Uint8Array): WireEvent[]; end(): void } {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event: string | undefined;
  const line = (text: string, out: WireEvent[]) => {
    if (text === '') {
      if (data.length > 0) out.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
      data = [];
      event = undefined;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  };
  return {
    feed(chunk) {
      buffer += decoder.decode(chunk, { stream: true });
      const out: WireEvent[] = [];
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A trailing CR may be the first half of a CRLF: wait for the next chunk.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break;
        line(buffer.slice(0, match.index), out);
        buffer = buffer.slice(match.index + match[0].length);
      }
      return out;
    },
    end() {
      buffer = '';
      data = [];
    },
  };
}

/** Reads a whole SSE body into wire events. */
export function parseSse(body: string | Uint8Array): WireEvent[] {
  const reader = createTestSseReader();
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return reader.feed(bytes);
}

/** Splits bytes at the given cut points (sorted, deduplicated). */
export function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const point of points) {
    out.push(bytes.subarray(last, point));
    last = point;
  }
  out.push(bytes.subarray(last));
  return out;
}
