import {
  type ChatFormat,
  createSseTokenizer,
  formatSse,
  type JsonValue,
  type Loss,
  readSse,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import { readJsonArrayStream } from '@interlingua/gemini';
import { adapters } from './adapters.ts';
import type { Kind } from './detect.ts';

/** Options of a conversion. */
export interface ConvertOptions {
  /** Source format. */
  from: ChatFormat;
  /** Target format. */
  to: ChatFormat;
  /** Fail on the first loss instead of reporting it. */
  strict?: boolean;
  /** Called with every loss (the CLI prints them to stderr). */
  onLoss?: (loss: Loss) => void;
}

/** The result of converting one body. */
export interface ConvertedBody {
  /** The body in the target format. */
  body: JsonValue;
  /** For errors: the HTTP status the target format uses. */
  status?: number;
}

/** Converts one request, response or error body from one format to another. */
export function convertBody(value: unknown, kind: Exclude<Kind, 'stream'>, options: ConvertOptions): ConvertedBody {
  const from = adapters[options.from];
  const to = adapters[options.to];
  const codecOptions = { strict: options.strict ?? false };
  const report = (losses: Loss[]): void => {
    for (const loss of losses) options.onLoss?.(loss);
  };
  if (kind === 'error') {
    const encoded = to.error.encode(from.error.decode(value), codecOptions);
    report(encoded.losses);
    return { body: encoded.body, status: encoded.status };
  }
  const codec = kind === 'request' ? 'request' : 'response';
  const decoded = from[codec].decode(value, codecOptions);
  report(decoded.losses);
  const encoded = to[codec].encode(decoded.value as never, codecOptions);
  report(encoded.losses);
  return { body: encoded.value };
}

/** Reads wire events from raw stream bytes: SSE, or Gemini's JSON-array form. */
export function readWireEvents(chunks: AsyncIterable<Uint8Array>, jsonArray: boolean): AsyncIterable<WireEvent> {
  return jsonArray ? readJsonArrayStream(chunks) : readSse(chunks);
}

/** A decoder and an encoder wired together: wire events in, SSE text out, synchronously. */
function createTranscoder(options: ConvertOptions): { push(wire: WireEvent): string; end(): string } {
  const decoder = adapters[options.from].stream.createDecoder({ strict: options.strict ?? false });
  const encoder = adapters[options.to].stream.createEncoder({
    strict: options.strict ?? false,
    onLoss: options.onLoss,
  });
  const encode = (decoded: StreamEvent[]): string => {
    let out = '';
    for (const event of decoded) {
      if (event.type === 'warning') options.onLoss?.(event.loss);
      for (const wire of encoder.push(event)) out += formatSse(wire);
    }
    return out;
  };
  return {
    push: (wire) => encode(decoder.push(wire)),
    end: () => {
      let out = encode(decoder.end());
      for (const wire of encoder.end()) out += formatSse(wire);
      return out;
    },
  };
}

/**
 * Converts a stream incrementally: each wire event is decoded and re-encoded as soon as it is read,
 * so output starts before input ends and memory stays flat.
 */
export async function* convertWireEvents(
  events: AsyncIterable<WireEvent>,
  options: ConvertOptions,
): AsyncGenerator<string> {
  const transcoder = createTranscoder(options);
  for await (const wire of events) {
    const out = transcoder.push(wire);
    if (out !== '') yield out;
  }
  const tail = transcoder.end();
  if (tail !== '') yield tail;
}

/**
 * Converts raw stream bytes (SSE, or Gemini's JSON-array form) incrementally. SSE input is
 * tokenized and converted synchronously one input chunk at a time, yielding one string per chunk:
 * an async step per event (a promise each) would cost more than the conversion of a small event.
 */
export async function* convertStream(
  chunks: AsyncIterable<Uint8Array>,
  options: ConvertOptions & { jsonArray?: boolean },
): AsyncGenerator<string> {
  if (options.jsonArray) {
    yield* convertWireEvents(readJsonArrayStream(chunks), options);
    return;
  }
  const tokenizer = createSseTokenizer();
  const transcoder = createTranscoder(options);
  for await (const chunk of chunks) {
    let out = '';
    for (const wire of tokenizer.feed(chunk)) out += transcoder.push(wire);
    if (out !== '') yield out;
  }
  tokenizer.end();
  const tail = transcoder.end();
  if (tail !== '') yield tail;
}
