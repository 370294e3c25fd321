import {
  type ApiError,
  type ChatFormat,
  createSseTokenizer,
  type StreamDecoder,
  type StreamEncoder,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';
import { createStreamSink } from '../http/stream-sink.ts';
import { recordUsage } from './access-log.ts';
import type { RequestContext } from './context.ts';
import { GatewayError, upstreamFault } from './gateway-error.ts';

/** How one upstream stream is relayed. */
export interface StreamRelay {
  /** The client's format. */
  inbound: ChatFormat;
  /** The upstream's format. */
  upstream: ChatFormat;
  /** Same format: events go out as they came; only an error tail is ever added. */
  passThrough: boolean;
  /** How the client wants the stream framed. */
  framing: 'sse' | 'json-array';
  /** Send a keep-alive comment after this long without output (0: never). */
  heartbeatMs: number;
}

/**
 * Relays an upstream SSE body to the client, one upstream chunk at a time: the next chunk is pulled
 * only after the previous output is written and drained, so a slow client slows the upstream instead
 * of growing a buffer. Cross-format streams go upstream decoder → client encoder. Pass-through
 * streams are forwarded event by event while a shadow decoder/encoder pair follows along (for the
 * usage in the log, and so that a broken upstream ends with an error event that fits the stream).
 */
export async function relayStream(
  ctx: RequestContext,
  adapters: AdapterTable,
  relay: StreamRelay,
  body: AsyncIterable<Uint8Array>,
): Promise<void> {
  const sink = createStreamSink(ctx.res, relay.framing, ctx.signal, () => ctx.markFirstByte(), relay.heartbeatMs);
  const decoderAdapter = adapters[relay.upstream];
  const encoderAdapter = adapters[relay.inbound];
  let decoder: StreamDecoder | undefined = decoderAdapter?.stream.createDecoder();
  const encoder: StreamEncoder | undefined = encoderAdapter?.stream.createEncoder();
  let ended = false;

  // Decodes one upstream event; in pass-through a decoding failure only switches the shadow off.
  const decode = (wire: WireEvent | undefined): StreamEvent[] => {
    if (!decoder) return [];
    try {
      const events = wire === undefined ? decoder.end() : decoder.push(wire);
      for (const event of events) observe(event);
      return events;
    } catch (error) {
      if (!relay.passThrough) throw error;
      decoder = undefined;
      return [];
    }
  };
  const observe = (event: StreamEvent) => {
    if (event.type === 'usage') recordUsage(ctx.log, event.usage);
    else if (event.type === 'message-start') recordUsage(ctx.log, event.usage);
    else if (event.type === 'error') {
      ended = true;
      ctx.log.error = event.error.message;
    } else if (event.type === 'message-end') ended = true;
  };
  const encode = (events: StreamEvent[]): WireEvent[] => {
    const out: WireEvent[] = [];
    for (const event of events) out.push(...(encoder?.push(event) ?? []));
    return out;
  };
  const fail = (error: ApiError): WireEvent[] => {
    ctx.log.error = error.message;
    if (!encoder) return [];
    return [...encoder.push({ type: 'error', error }), ...encoder.end()];
  };

  let comments: string[] = [];
  const tokenizer = createSseTokenizer({ onComment: (text) => comments.push(text) });
  try {
    // One upstream chunk at a time: everything it completes is written (and drained) before the next read.
    for await (const chunk of body) {
      const out: WireEvent[] = [];
      for (const wire of tokenizer.feed(chunk)) {
        const events = decode(wire);
        if (relay.passThrough) {
          encode(events); // the shadow encoder's output is discarded: the upstream's events are what the client gets
          out.push(wire);
        } else {
          out.push(...encode(events));
        }
      }
      // Upstream keep-alives are forwarded, so that clients with idle timeouts survive long silences.
      if (out.length === 0 && comments.length > 0) await sink.keepAlive(comments.at(-1) as string);
      comments = [];
      await sink.write(out);
    }
    const tail = decode(undefined);
    if (relay.passThrough) {
      // The upstream's own terminator already went out; only an early end adds the error tail.
      const early = tail.find((event) => event.type === 'error');
      if (early) await sink.write(fail(early.error));
    } else {
      await sink.write([...encode(tail), ...(encoder?.end() ?? [])]);
    }
  } catch (error) {
    if (ctx.signal.aborted) return;
    const apiError = upstreamFault(error);
    // Nothing sent yet: the client can still get a plain HTTP error in its envelope.
    if (!sink.started) throw new GatewayError(apiError);
    const message = `upstream stream broke: ${apiError.message}`;
    try {
      // A connection dropped after the terminal event loses nothing: only the client's terminator is owed.
      if (!ended)
        await sink.write(fail({ ...apiError, kind: apiError.kind === 'timeout' ? 'timeout' : 'server', message }));
      else if (!relay.passThrough) await sink.write(encoder?.end() ?? []);
    } catch {
      // The client went away while we were reporting: nothing left to tell it.
    }
  }
  if (!ctx.signal.aborted) sink.end();
}
