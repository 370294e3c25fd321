import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { formatSse, type WireEvent } from '@interlingua/core';
import { createJsonArrayWriter } from '@interlingua/gemini';

/** Writes a wire stream to a client: SSE, or Gemini's JSON-array form. */
export interface StreamSink {
  /** Writes events, waiting for 'drain' when the socket buffer is full (backpressure). Sends headers first. */
  write(events: readonly WireEvent[]): Promise<void>;
  /** Forwards an upstream keep-alive: an SSE comment, or JSON whitespace in the array form. */
  keepAlive(text: string): Promise<void>;
  /** Closes the stream (the JSON array's `]`) and stops the heartbeat. */
  end(): void;
  /** Whether anything (headers included) has been sent. */
  readonly started: boolean;
}

/**
 * Creates a sink on `res`. Headers go out with the first write, so an upstream that fails before its
 * first event still lets the gateway answer with a proper HTTP error. `signal` aborts a wait for
 * 'drain' when the client goes away.
 */
export function createStreamSink(
  res: ServerResponse,
  framing: 'sse' | 'json-array',
  signal: AbortSignal,
  onFirstByte?: () => void,
  heartbeatMs = 0,
): StreamSink {
  let started = false;
  // Gemini's own framing for the array form: `[`, elements separated by `,\r\n`, `]`.
  const array = framing === 'json-array' ? createJsonArrayWriter() : undefined;
  let quiet = true;
  // While the upstream is silent (a model thinking), a comment every `heartbeatMs` keeps proxies and
  // clients with idle timeouts from dropping the connection. Only whole events are ever written, so a
  // comment can go out between any two writes; none is sent while the socket is full.
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          // Someone else answered (an error before the first event) or the response is over: stop.
          if (res.writableEnded || res.destroyed || (!started && res.headersSent)) {
            clearInterval(heartbeat);
            return;
          }
          if (!quiet || res.writableNeedDrain) {
            quiet = true;
            return;
          }
          if (!started) start();
          res.write(framing === 'sse' ? formatSse({ comment: 'keep-alive' }) : '\n');
        }, heartbeatMs)
      : undefined;
  heartbeat?.unref();
  signal.addEventListener('abort', () => clearInterval(heartbeat), { once: true });
  res.once('close', () => clearInterval(heartbeat));
  const start = () => {
    started = true;
    res.writeHead(200, {
      'content-type': framing === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/json; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    onFirstByte?.();
  };
  return {
    get started() {
      return started;
    },
    async write(events) {
      if (events.length === 0) return;
      if (!started) start();
      quiet = false;
      let text = '';
      for (const event of events) text += array ? array.write(event) : formatSse(event);
      if (!res.write(text)) await once(res, 'drain', { signal });
    },
    async keepAlive(text) {
      if (!started) start();
      quiet = false;
      const line = framing === 'sse' ? formatSse({ comment: text }) : '\n';
      if (!res.write(line)) await once(res, 'drain', { signal });
    },
    end() {
      clearInterval(heartbeat);
      if (!started) start();
      res.end(array?.end());
    },
  };
}
