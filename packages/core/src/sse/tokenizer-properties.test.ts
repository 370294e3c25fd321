import { createParser, type EventSourceMessage } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryChunking, oneByteAtATime } from '../../testing/chunkings.ts';
import { createSseTokenizer } from './tokenizer.ts';

interface Seen {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

function tokenize(chunks: readonly Uint8Array[]): { events: Seen[]; lastEventId: string } {
  const tokenizer = createSseTokenizer();
  const events: Seen[] = [];
  for (const chunk of chunks) {
    for (const e of tokenizer.feed(chunk)) events.push({ event: e.event, data: e.data, id: e.id });
  }
  tokenizer.end();
  return { events, lastEventId: tokenizer.lastEventId };
}

/** eventsource-parser 4 over the same chunks, decoded with a streaming decoder that leaves the BOM to the parser. */
function reference(chunks: readonly Uint8Array[]): Seen[] {
  const events: Seen[] = [];
  const parser = createParser({
    onEvent: (e: EventSourceMessage) => events.push({ event: e.event, data: e.data, id: e.id }),
  });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
  return events;
}

// Field values: no line breaks, but colons, spaces, NUL, BOMs, non-ASCII and astral characters.
const valueChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', ' ', ':', '0', '7', '{', '"') },
  { weight: 2, arbitrary: fc.constantFrom('é', '日', '😀', '\uFEFF', '\0', '\t') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const value = fc
  .array(valueChar, { maxLength: 12 })
  .map((chars) => chars.join('').replace(/[\r\n]/g, ''))
  .chain((short) => fc.oneof(fc.constant(short), fc.constant(short + 'x'.repeat(140))));

const fieldName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('data', 'event', 'id', 'retry') },
  { weight: 1, arbitrary: fc.constantFrom('Data', 'dat', 'dataa', 'ev', 'eventx', 'i', 'ids', 'foo', '') },
);
const separator = fc.constantFrom(':', ': ', ':  ', '');

const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fieldName, separator, value).map(([f, s, v]) => (s === '' ? f : f + s + v)) },
  { weight: 2, arbitrary: fc.nat({ max: 99999 }).map((ms) => `retry: ${ms}`) },
  { weight: 2, arbitrary: value.map((v) => ':' + v) },
  { weight: 4, arbitrary: fc.constant('') },
);
const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r', '\r\n');

/** Random event streams: field lines, comments and blank lines with mixed line ends, sometimes a BOM. */
const stream: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom('', '', '', '\uFEFF', '\uFEFF\uFEFF'),
    fc.array(fc.tuple(line, lineEnd), { maxLength: 24 }),
    fc.constantFrom('', 'data: tail', '\n'),
  )
  .map(([bom, lines, tail]) => new TextEncoder().encode(bom + lines.map(([l, e]) => l + e).join('') + tail));

/** A long stream with lines from a few bytes to several KiB, to roll over the join slab and spill to pieces. */
function longStream(seed: number): Uint8Array {
  let text = '';
  let x = seed;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x % n;
  };
  for (let i = 0; i < 300; i++) {
    const size = [1, 10, 100, 300, 1000, 5000][next(6)] as number;
    const eol = ['\n', '\r', '\r\n'][next(3)] as string;
    text += `event: e${next(5)}${eol}data: ${'é'.repeat(next(3))}${'x'.repeat(size)}${eol}`;
    if (next(4) === 0) text += `data: ${'y'.repeat(size)}${eol}`;
    text += eol;
  }
  return new TextEncoder().encode(text);
}

/** Random chunk sizes in `[min, max]`. */
function randomChunks(bytes: Uint8Array, min: number, max: number, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let x = seed;
  for (let i = 0; i < bytes.length; ) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const size = min + (x % (max - min + 1));
    out.push(bytes.subarray(i, i + size));
    i += size;
  }
  return out;
}

describe('tokenizer properties', () => {
  it('gives the same events on long streams in tiny, mixed and large chunks', () => {
    for (const seed of [1, 2, 3]) {
      const bytes = longStream(seed);
      const whole = tokenize([bytes]);
      expect(whole.events.length).toBe(300);
      expect(tokenize(oneByteAtATime(bytes))).toEqual(whole);
      expect(tokenize(randomChunks(bytes, 1, 16, seed))).toEqual(whole);
      expect(tokenize(randomChunks(bytes, 100, 700, seed))).toEqual(whole);
      expect(tokenize(randomChunks(bytes, 1000, 9000, seed))).toEqual(whole);
      // Alternate large and tiny chunks: remainders switch between views and copies mid-line.
      const alternating: Uint8Array[] = [];
      for (let i = 0, big = true; i < bytes.length; big = !big) {
        const size = big ? 3001 : 7;
        alternating.push(bytes.subarray(i, i + size));
        i += size;
      }
      expect(tokenize(alternating)).toEqual(whole);
      expect(tokenize(alternating).events).toEqual(reference(alternating));
    }
  });

  it('gives the same events however the stream is chunked', () => {
    fc.assert(
      fc.property(
        stream.chain((bytes) => fc.tuple(fc.constant(bytes), arbitraryChunking(bytes))),
        ([bytes, chunks]) => {
          expect(tokenize(chunks)).toEqual(tokenize([bytes]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the same events one byte at a time (mid-CRLF, mid-UTF-8, mid-BOM)', () => {
    fc.assert(
      fc.property(stream, (bytes) => {
        expect(tokenize(oneByteAtATime(bytes))).toEqual(tokenize([bytes]));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with eventsource-parser on random streams and chunkings', () => {
    fc.assert(
      fc.property(
        stream.chain((bytes) => arbitraryChunking(bytes)),
        (chunks) => {
          expect(tokenize(chunks).events).toEqual(reference(chunks));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with eventsource-parser on provider-shaped streams', () => {
    const event = fc.record({
      event: fc.option(fc.constantFrom('message_start', 'content_block_delta', 'ping', 'error'), { nil: undefined }),
      data: fc.json(),
    });
    const providerStream = fc
      .array(event, { maxLength: 12 })
      .map((events) =>
        new TextEncoder().encode(
          events.map((e) => (e.event ? `event: ${e.event}\n` : '') + `data: ${e.data}\n\n`).join('') +
            'data: [DONE]\n\n',
        ),
      );
    fc.assert(
      fc.property(
        providerStream.chain((bytes) => arbitraryChunking(bytes)),
        (chunks) => {
          expect(tokenize(chunks).events).toEqual(reference(chunks));
        },
      ),
      { numRuns: 200 },
    );
  });
});
