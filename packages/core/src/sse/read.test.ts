import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../../testing/chunkings.ts';
import type { SseEvent } from './event.ts';
import { createSseDecoderStream, createSseTransform, readSse } from './read.ts';
import { SseLineTooLongError } from './sse-error.ts';

const encoder = new TextEncoder();
const STREAM = 'event: a\ndata: 1\n\n: ping\n\ndata: 2\ndata: 3\n\nid: 9\ndata: {"x":"é"}\n\ndata: unterminated';
const EXPECTED = [{ event: 'a', data: '1' }, { data: '2\n3' }, { id: '9', data: '{"x":"é"}' }];
const chunks = (): Uint8Array[] => splitAt(encoder.encode(STREAM), [3, 9, 17, 18, 40, 41, 60]);

async function collect(events: AsyncIterable<SseEvent>) {
  const out = [];
  for await (const event of events) out.push(event.toJSON());
  return out;
}

function webStream(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** An endless web stream of events that records whether it was cancelled. */
function endlessWebStream() {
  const state = { cancelled: false, pulls: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      controller.enqueue(encoder.encode(`data: ${state.pulls}\n\n`));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('readSse', () => {
  it('reads a Node Readable', async () => {
    expect(await collect(readSse(Readable.from(chunks())))).toEqual(EXPECTED);
  });

  it('reads a Node Readable that emits strings', async () => {
    const readable = Readable.from(chunks().map((c) => Buffer.from(c))).setEncoding('utf8');
    expect(await collect(readSse(readable))).toEqual(EXPECTED);
  });

  it('reads a web ReadableStream', async () => {
    expect(await collect(readSse(webStream(chunks())))).toEqual(EXPECTED);
  });

  it('reads a fetch/undici response body', async () => {
    const response = new Response(webStream(chunks()));
    expect(await collect(readSse(response.body as ReadableStream<Uint8Array>))).toEqual(EXPECTED);
  });

  it('reads any async iterable of bytes', async () => {
    async function* source() {
      yield* chunks();
    }
    expect(await collect(readSse(source()))).toEqual(EXPECTED);
  });

  it('cancels a web ReadableStream when the consumer stops early', async () => {
    const { stream, state } = endlessWebStream();
    const seen: string[] = [];
    for await (const event of readSse(stream)) {
      seen.push(event.data);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['1', '2', '3']);
    expect(state.cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it('cancels a web ReadableStream on an explicit return()', async () => {
    const { stream, state } = endlessWebStream();
    const events = readSse(stream);
    expect((await events.next()).value?.data).toBe('1');
    await events.return();
    expect(state.cancelled).toBe(true);
  });

  it('destroys a Node Readable when the consumer stops early', async () => {
    let n = 0;
    const readable = new Readable({
      read() {
        this.push(`data: ${++n}\n\n`);
      },
    });
    for await (const event of readSse(readable)) {
      if (event.data === '2') break;
    }
    expect(readable.destroyed).toBe(true);
  });

  it('rejects with the typed error when a line is too long, and releases the source', async () => {
    let cancelled = false;
    const long = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(collect(readSse(long, { maxLineBytes: 4096 }))).rejects.toBeInstanceOf(SseLineTooLongError);
    expect(cancelled).toBe(true);
  });

  it('serves overlapping next() calls in order, like an async generator', async () => {
    const events = readSse(webStream(chunks()));
    const results = await Promise.all([events.next(), events.next(), events.next(), events.next()]);
    expect(results.map((r) => (r.done ? 'done' : r.value.data))).toEqual(['1', '2\n3', '{"x":"é"}', 'done']);
  });

  it('closes the source on throw() and rethrows', async () => {
    const { stream, state } = endlessWebStream();
    const events = readSse(stream);
    await events.next();
    await expect(events.throw(new Error('stop'))).rejects.toThrow('stop');
    expect(state.cancelled).toBe(true);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it('does not lock the source until the first next(), and cancels it on return() before that', async () => {
    const { stream, state } = endlessWebStream();
    const events = readSse(stream);
    expect(stream.locked).toBe(false);
    await events.return();
    expect(state.cancelled).toBe(true);
    expect(state.pulls).toBeLessThanOrEqual(1);
  });

  it('closes the source when disposed with await using', async () => {
    const { stream, state } = endlessWebStream();
    {
      await using events = readSse(stream);
      await events.next();
    }
    expect(state.cancelled).toBe(true);
  });
});

describe('createSseDecoderStream', () => {
  it('transforms a web byte stream into events', async () => {
    const events = webStream(chunks()).pipeThrough(createSseDecoderStream());
    expect(await collect(events)).toEqual(EXPECTED);
  });
});

describe('createSseTransform', () => {
  it('transforms a Node byte stream into an object-mode stream of events', async () => {
    const out: unknown[] = [];
    await pipeline(Readable.from(chunks()), createSseTransform(), async (events: AsyncIterable<SseEvent>) => {
      for await (const event of events) out.push(event.toJSON());
    });
    expect(out).toEqual(EXPECTED);
  });

  it('emits the line-limit error as a stream error', async () => {
    const source = Readable.from([new Uint8Array(100).fill(0x61)]);
    await expect(
      pipeline(source, createSseTransform({ maxLineBytes: 10 }), async (events: AsyncIterable<SseEvent>) => {
        for await (const _ of events) {
          // drain
        }
      }),
    ).rejects.toBeInstanceOf(SseLineTooLongError);
  });
});
