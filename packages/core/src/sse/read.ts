import { Transform, type TransformCallback } from 'node:stream';
import type { SseEvent } from './event.ts';
import { createSseTokenizer, type SseTokenizer, type SseTokenizerOptions } from './tokenizer.ts';

/** A source of event-stream bytes: a Node `Readable`, an undici/fetch `response.body`, or any byte iterable. */
export type SseSource = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

const encoder = new TextEncoder();

/** Text chunks (a Readable with `setEncoding`) are re-encoded; everything else is passed through. */
function bytesOf(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/**
 * Reads server-sent events from a byte stream.
 *
 * Stopping early (`break` out of `for await`, or calling `return()`) cancels a web `ReadableStream` and
 * calls the source iterator's `return()` (which destroys a Node `Readable`), so the connection is released;
 * so does an error. An unterminated last event is discarded.
 *
 * The result is a hand-written async generator: per event it costs one resolved promise, where an
 * `async function*` would cost several.
 *
 * @example
 * ```ts
 * const response = await fetch(url, { method: 'POST', body });
 * for await (const event of readSse(response.body!)) {
 *   if (event.data === '[DONE]') break;
 *   console.log(event.json());
 * }
 * ```
 */
export function readSse(source: SseSource, options?: SseTokenizerOptions): AsyncGenerator<SseEvent, void, undefined> {
  // The source is locked (or its iterator taken) on the first `next()`, as an `async function*` would.
  if (isReadableStream(source)) {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return new SseReader(
      () => (reader ??= source.getReader()).read(),
      async (cancel) => {
        reader ??= source.getReader();
        if (cancel) await reader.cancel().catch(() => {});
        reader.releaseLock();
      },
      options,
    );
  }
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  return new SseReader(
    () => (iterator ??= source[Symbol.asyncIterator]()).next(),
    async (cancel) => {
      if (cancel) await (iterator ??= source[Symbol.asyncIterator]()).return?.();
    },
    options,
  );
}

function isReadableStream(source: SseSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}

type Pull = () => Promise<{ done?: boolean | undefined; value?: Uint8Array | string | undefined }>;
type Close = (cancel: boolean) => Promise<void>;

const DONE: IteratorReturnResult<void> = Object.freeze({ value: undefined, done: true });

/** The async generator behind {@link readSse}: serves the events of one chunk from an array. */
class SseReader implements AsyncGenerator<SseEvent, void, undefined> {
  private readonly pull: Pull;
  private readonly close: Close;
  private readonly tokenizer: SseTokenizer;
  private events: readonly SseEvent[] = [];
  private index = 0;
  private finished = false;
  /** The read in flight, so overlapping `next()` calls queue like an `async function*`'s do. */
  private reading: Promise<IteratorResult<SseEvent, void>> | undefined = undefined;

  constructor(pull: Pull, close: Close, options: SseTokenizerOptions | undefined) {
    this.pull = pull;
    this.close = close;
    this.tokenizer = createSseTokenizer(options);
  }

  next(): Promise<IteratorResult<SseEvent, void>> {
    const events = this.events;
    if (this.index < events.length) return Promise.resolve({ value: events[this.index++] as SseEvent, done: false });
    if (this.reading !== undefined) return this.reading.then(() => this.next());
    if (this.finished) return Promise.resolve(DONE);
    this.reading = this.read();
    return this.reading;
  }

  private async read(): Promise<IteratorResult<SseEvent, void>> {
    try {
      for (;;) {
        const result = await this.pull();
        if (this.finished) return DONE;
        if (result.done) {
          this.finished = true;
          this.tokenizer.end();
          await this.close(false);
          return DONE;
        }
        const events = this.tokenizer.feed(bytesOf(result.value as Uint8Array | string));
        if (events.length !== 0) {
          this.events = events;
          this.index = 1;
          return { value: events[0] as SseEvent, done: false };
        }
      }
    } catch (error) {
      if (!this.finished) {
        this.finished = true;
        await this.close(true).catch(() => {});
      }
      throw error;
    } finally {
      this.reading = undefined;
    }
  }

  async return(): Promise<IteratorResult<SseEvent, void>> {
    if (!this.finished) {
      this.finished = true;
      this.events = [];
      await this.close(true);
    }
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<SseEvent, void>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}

/**
 * A web `TransformStream` from event-stream bytes to {@link SseEvent}s.
 *
 * @example
 * ```ts
 * const events = response.body!.pipeThrough(createSseDecoderStream());
 * ```
 */
export function createSseDecoderStream(options?: SseTokenizerOptions): TransformStream<Uint8Array, SseEvent> {
  const tokenizer = createSseTokenizer(options);
  return new TransformStream<Uint8Array, SseEvent>({
    transform(chunk, controller) {
      const events = tokenizer.feed(bytesOf(chunk));
      for (let i = 0; i < events.length; i++) controller.enqueue(events[i] as SseEvent);
    },
    flush() {
      tokenizer.end();
    },
  });
}

/**
 * A Node `Transform` from event-stream bytes to {@link SseEvent}s (object mode on the readable side).
 * A line-limit error is emitted as the stream's `'error'`.
 *
 * @example
 * ```ts
 * await pipeline(socket, createSseTransform(), async function* (events) { for await (const e of events) ... });
 * ```
 */
export function createSseTransform(options?: SseTokenizerOptions): Transform {
  const tokenizer = createSseTokenizer(options);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Uint8Array | string, _encoding: BufferEncoding, callback: TransformCallback) {
      let events: readonly SseEvent[];
      try {
        events = tokenizer.feed(bytesOf(chunk));
      } catch (error) {
        callback(error as Error);
        return;
      }
      for (let i = 0; i < events.length; i++) this.push(events[i]);
      callback();
    },
    flush(callback: TransformCallback) {
      tokenizer.end();
      callback();
    },
  });
}
