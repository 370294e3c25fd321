import type { ApiError, ChatAdapter, StreamDecoder, StreamEncoder, StreamEvent, WireEvent } from '@interlingua/core';
import { recordUsage } from './access-log.ts';
import type { RequestContext } from './context.ts';

/** What the relay does with each upstream event of one stream: the two ways are below. */
export interface StreamPipe {
  /** One upstream event in; the client's events out. */
  push(wire: WireEvent): WireEvent[];
  /** The upstream body ended cleanly: what the client is still owed (an error tail if it ended early). */
  finish(): WireEvent[];
  /** Whether the stream reached its terminal event (after which a dropped connection loses nothing). */
  readonly ended: boolean;
  /** Ends the client's stream with `error` where it stands. */
  fail(error: ApiError): WireEvent[];
  /** The client's terminator, when the upstream connection dropped after its terminal event. */
  close(): WireEvent[];
}

/**
 * Same format: every upstream event goes out untouched. The format's observer reads the usage for
 * the log, knows whether the terminal event came, and writes a fitting error tail; it parses only
 * the few events that carry those, so pass-through costs no decode or encode of the stream.
 */
export function passThroughPipe(ctx: RequestContext, adapter: ChatAdapter): StreamPipe {
  const observer = adapter.observe.createStreamObserver();
  let logged = false;
  const log = () => {
    if (logged) return;
    logged = true;
    recordUsage(ctx.log, observer.usage);
    if (observer.error) ctx.log.error = observer.error.message;
  };
  return {
    push(wire) {
      observer.push(wire);
      return [wire];
    },
    finish() {
      log();
      if (observer.state !== 'open') return [];
      return this.fail({ kind: 'server', status: 502, message: 'the upstream stream ended before its end' });
    },
    get ended() {
      return observer.state !== 'open';
    },
    fail(error) {
      log();
      ctx.log.error = error.message;
      return observer.errorTail(error);
    },
    close() {
      log();
      return [];
    },
  };
}

/** Different formats: upstream decoder → client encoder, event by event. */
export function convertingPipe(ctx: RequestContext, upstream: ChatAdapter, inbound: ChatAdapter): StreamPipe {
  const decoder: StreamDecoder = upstream.stream.createDecoder();
  const encoder: StreamEncoder = inbound.stream.createEncoder();
  let ended = false;
  const encode = (events: StreamEvent[]): WireEvent[] => {
    const out: WireEvent[] = [];
    for (const event of events) {
      if (event.type === 'usage') recordUsage(ctx.log, event.usage);
      else if (event.type === 'message-start') recordUsage(ctx.log, event.usage);
      else if (event.type === 'error') {
        ended = true;
        ctx.log.error = event.error.message;
      } else if (event.type === 'message-end') ended = true;
      for (const wire of encoder.push(event)) out.push(wire);
    }
    return out;
  };
  return {
    push: (wire) => encode(decoder.push(wire)),
    finish: () => [...encode(decoder.end()), ...encoder.end()],
    get ended() {
      return ended;
    },
    fail(error) {
      ctx.log.error = error.message;
      return [...encoder.push({ type: 'error', error }), ...encoder.end()];
    },
    close: () => encoder.end(),
  };
}
