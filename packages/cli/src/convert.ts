import {
  type ChatFormat,
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
    const encoded = to.error.encode(from.error.decode(value));
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

/**
 * Converts a stream incrementally: each wire event is decoded, re-encoded and yielded as SSE text
 * before the next one is read, so output starts before input ends and memory stays flat.
 */
export async function* convertWireEvents(
  events: AsyncIterable<WireEvent>,
  options: ConvertOptions,
): AsyncGenerator<string> {
  const decoder = adapters[options.from].stream.createDecoder({ strict: options.strict ?? false });
  const encoder = adapters[options.to].stream.createEncoder({
    strict: options.strict ?? false,
    onLoss: options.onLoss,
  });
  const encode = function* (decoded: StreamEvent[]): Generator<string> {
    for (const event of decoded) {
      if (event.type === 'warning') options.onLoss?.(event.loss);
      for (const wire of encoder.push(event)) yield formatSse(wire);
    }
  };
  for await (const wire of events) yield* encode(decoder.push(wire));
  yield* encode(decoder.end());
  for (const wire of encoder.end()) yield formatSse(wire);
}

/** Converts raw stream bytes (SSE, or Gemini's JSON-array form) incrementally. */
export function convertStream(
  chunks: AsyncIterable<Uint8Array>,
  options: ConvertOptions & { jsonArray?: boolean },
): AsyncGenerator<string> {
  return convertWireEvents(readWireEvents(chunks, options.jsonArray ?? false), options);
}
