import { type ChatFormat, createSseTokenizer, type WireEvent } from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';
import { createStreamSink } from '../http/stream-sink.ts';
import { type RequestContext, requireAdapter } from './context.ts';
import { GatewayError, upstreamFault } from './gateway-error.ts';
import { convertingPipe, passThroughPipe } from './stream-pipes.ts';

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
 * of growing a buffer. Cross-format streams go upstream decoder → client encoder; pass-through
 * streams go out as they came, watched by the format's observer (usage for the log, and an error
 * tail that fits the stream when the upstream breaks).
 */
export async function relayStream(
  ctx: RequestContext,
  adapters: AdapterTable,
  relay: StreamRelay,
  body: AsyncIterable<Uint8Array>,
): Promise<void> {
  const sink = createStreamSink(ctx.res, relay.framing, ctx.signal, () => ctx.markFirstByte(), relay.heartbeatMs);
  const inbound = requireAdapter(adapters, relay.inbound);
  const pipe = relay.passThrough
    ? passThroughPipe(ctx, inbound)
    : convertingPipe(ctx, requireAdapter(adapters, relay.upstream), inbound);

  let comments: string[] = [];
  const tokenizer = createSseTokenizer({ onComment: (text) => comments.push(text) });
  try {
    // One upstream chunk at a time: everything it completes is written (and drained) before the next read.
    for await (const chunk of body) {
      const out: WireEvent[] = [];
      for (const wire of tokenizer.feed(chunk)) for (const event of pipe.push(wire)) out.push(event);
      // Upstream keep-alives are forwarded, so that clients with idle timeouts survive long silences.
      if (out.length === 0 && comments.length > 0) await sink.keepAlive(comments.at(-1) as string);
      comments = [];
      await sink.write(out);
    }
    tokenizer.end();
    await sink.write(pipe.finish());
  } catch (error) {
    if (ctx.signal.aborted) return;
    const apiError = upstreamFault(error);
    // Nothing sent yet: the client can still get a plain HTTP error in its envelope.
    if (!sink.started) throw new GatewayError(apiError);
    const message = `upstream stream broke: ${apiError.message}`;
    try {
      // A connection dropped after the terminal event loses nothing: only the client's terminator is owed.
      if (!pipe.ended)
        await sink.write(pipe.fail({ ...apiError, kind: apiError.kind === 'timeout' ? 'timeout' : 'server', message }));
      else await sink.write(pipe.close());
    } catch {
      // The client went away while we were reporting: nothing left to tell it.
    }
  }
  if (!ctx.signal.aborted) sink.end();
}
