import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiError, type ChatFormat, type JsonObject, type StreamEvent, toStreamEvents } from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';
import { requireAdapter } from '../gateway/context.ts';
import { countAnswer, countedRequest } from '../gateway/count-tokens-wire.ts';
import { formatOfPath, gatewayError, toApiError } from '../gateway/gateway-error.ts';
import { type ChatRoute, matchInbound, wantsStream } from '../gateway/inbound-routes.ts';
import { parseJsonBody, readBody } from '../http/read-body.ts';
import { sendError, sendJson } from '../http/send.ts';
import { createStreamSink } from '../http/stream-sink.ts';
import { estimateRequestTokens } from '../tokens.ts';
import { lastUserText, simulateAnswer } from './answer.ts';
import { readDirectives } from './directives.ts';
import { serveSimulatedMedia } from './media-server.ts';
import { SimTasks } from './media-tasks.ts';

/** How the simulator behaves. */
export interface SimulatorOptions {
  /** The adapter table: the simulator speaks every format it has an adapter for. */
  adapters: AdapterTable;
  /** Pause between streamed chunks, as a real model would (off in tests). */
  pacing: boolean;
  /** About how many characters each streamed text delta carries. */
  chunkChars: number;
  /** The pause between deltas when pacing, in milliseconds. */
  chunkDelayMs: number;
}

/** The built-in upstream: a real HTTP server on loopback answering the four formats' chat endpoints. */
export interface Simulator {
  readonly server: Server;
  /** Listens (default 127.0.0.1 on a free port); resolves with the origin. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server, cutting open connections. */
  close(): Promise<void>;
}

/** Creates the simulator. Everything goes through the adapters: decode the request, encode the answer. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const tasks = new SimTasks();
  // Media tasks move a step (queued → 25 → 50 → 75 % → done) every second, or every 5 ms without pacing.
  const stepMs = options.pacing ? 1_000 : 5;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const route = matchInbound(req.method ?? 'GET', url, false);
    const served =
      route?.kind === 'media' ? serveSimulatedMedia(tasks, stepMs, route.media, req, res) : handle(options, req, res);
    served.catch(() => res.destroy());
  });
  return {
    server,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(`http://${host}:${(server.address() as AddressInfo).port}`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(options: SimulatorOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  let format: ChatFormat = formatOfPath(url.pathname);
  try {
    const route = matchInbound(req.method ?? 'GET', url, false);
    if (!route || (route.kind !== 'chat' && route.kind !== 'count-tokens')) {
      throw gatewayError('not_found', 404, `the simulator has no route for ${req.method} ${url.pathname}`);
    }
    format = route.format;
    const adapter = requireAdapter(options.adapters, format);
    const json = parseJsonBody(await readBody(req, 32 * 1024 * 1024, req.headers['content-length'])) as JsonObject;
    if (route.kind === 'count-tokens') {
      const tokens = estimateRequestTokens(adapter.request.decode(countedRequest(route.format, json)).value);
      sendJson(res, 200, countAnswer(route.format, tokens));
      return;
    }
    const request = adapter.request.decode(json).value;
    if (route.model !== undefined) request.model = route.model;
    const directives = readDirectives(lastUserText(request.messages));
    if (directives.delayMs) await sleep(directives.delayMs, undefined, { signal: controller.signal });
    if (directives.error) {
      sendError(res, options.adapters, format, directives.error);
      return;
    }
    const response = simulateAnswer(request, format);
    if (!wantsStream(route, json)) {
      sendJson(res, 200, adapter.response.encode(response).value);
      return;
    }
    let events = toStreamEvents(response, { split: chunker(options.chunkChars) });
    // Providers report the input tokens when the stream starts (Claude's message_start does).
    const start = events[0];
    if (start?.type === 'message-start')
      start.usage = { inputTokens: response.usage?.inputTokens ?? 0, outputTokens: 0 };
    const fault = directives.failMidStream ? 'fail' : directives.disconnect ? 'disconnect' : undefined;
    if (fault) events = events.slice(0, Math.max(2, Math.floor(events.length / 2)));
    await stream(options, res, route, events, fault, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (res.headersSent) res.end();
    else sendError(res, options.adapters, format, toApiError(error));
  }
}

async function stream(
  options: SimulatorOptions,
  res: ServerResponse,
  route: ChatRoute,
  events: StreamEvent[],
  fault: 'fail' | 'disconnect' | undefined,
  signal: AbortSignal,
): Promise<void> {
  const encoder = requireAdapter(options.adapters, route.format).stream.createEncoder();
  const sink = createStreamSink(res, route.format === 'gemini' && !route.sse ? 'json-array' : 'sse', signal);
  for (const event of events) {
    await sink.write(encoder.push(event));
    if (!options.pacing) continue;
    // A model takes a moment before its first token, then streams steadily.
    if (event.type === 'message-start') await sleep(options.chunkDelayMs * 6, undefined, { signal });
    else if (event.type === 'block-delta') await sleep(options.chunkDelayMs, undefined, { signal });
  }
  if (fault === 'disconnect') {
    // Flush what was written, then close the socket without ending the HTTP body: a broken upstream.
    res.socket?.destroySoon();
    return;
  }
  if (fault === 'fail') {
    const error: ApiError = { kind: 'overloaded', status: 529, message: 'simulated mid-stream failure' };
    await sink.write([...encoder.push({ type: 'error', error }), ...encoder.end()]);
  } else {
    await sink.write(encoder.end());
  }
  sink.end();
}

/**
 * `toStreamEvents` sends a reasoning signature as a delta at the end of the block, but a Claude
 * encoder must know at the block's start that it is a signed thinking block: announce it with an
 * empty signature on the skeleton, as Claude's own `content_block_start` does.
 */
/** Splits text at word boundaries into pieces of about `size` characters, as model tokens arrive. */
export function chunker(size: number): (text: string) => string[] {
  return (text) => {
    const pieces: string[] = [];
    let current = '';
    for (const word of text.match(/\S+\s*|\s+/g) ?? []) {
      if (current.length > 0 && current.length + word.length > size) {
        pieces.push(current);
        current = '';
      }
      current += word;
    }
    if (current.length > 0) pieces.push(current);
    return pieces;
  };
}
