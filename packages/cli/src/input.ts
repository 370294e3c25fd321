import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** An input whose first bytes have been read for detection; the rest still streams. */
export interface PeekedInput {
  /** The bytes read so far (at least `minBytes` unless the input is shorter). */
  head: Buffer;
  /** True when `head` is the whole input. */
  complete: boolean;
  /** The whole input as a stream of chunks, `head` first. */
  chunks: AsyncIterable<Buffer>;
}

/** Opens FILE, or standard input for `-` / no argument. */
export function openInput(path: string | undefined): Readable {
  return path === undefined || path === '-' ? process.stdin : createReadStream(path);
}

/**
 * Reads the first `minBytes` of a stream without losing them: detection looks at the head, then
 * conversion consumes `chunks`, which replays the head and continues with the rest. Never reads
 * more than needed, so a 1 GB capture still streams.
 */
export async function peek(source: AsyncIterable<Buffer>, minBytes: number): Promise<PeekedInput> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let complete = false;
  while (size < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    seen.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(seen);
  async function* chunks(): AsyncGenerator<Buffer> {
    yield* seen;
    if (complete) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head, complete, chunks: chunks() };
}

/** Reads a whole stream into one buffer (bodies, not streams). */
export async function readAll(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Writes to a Node writable, waiting for `drain` when its buffer is full (backpressure). */
export async function writeWithBackpressure(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
