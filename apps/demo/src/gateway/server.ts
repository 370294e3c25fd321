import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatFormat } from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';
import type { GatewayConfig } from '../config/load-config.ts';
import { parseJsonBody, readBody } from '../http/read-body.ts';
import { sendError, sendJson } from '../http/send.ts';
import { handleMedia } from '../media/handle-media.ts';
import { chatToMedia } from '../media/media-chat.ts';
import { createMediaService, type MediaService } from '../media/service.ts';
import { type AccessLogEntry, type AccessLogger, stderrLogger } from './access-log.ts';
import { isAuthorized } from './auth.ts';
import type { GatewayDeps, RequestContext } from './context.ts';
import { relayCountTokens } from './count-tokens.ts';
import { formatOfPath, gatewayError, toApiError } from './gateway-error.ts';
import { matchInbound } from './inbound-routes.ts';
import { advertisedModels, modelInfo, modelList } from './models.ts';
import { relayChat } from './relay-chat.ts';
import { createRouter, resolveProviders, simulatorProvider } from './router.ts';
import { UpstreamPools } from './upstream.ts';

/** What the gateway needs to run. */
export interface GatewayOptions {
  /** The validated configuration. */
  config: GatewayConfig;
  /** The adapter table (`loadAdapters()`). */
  adapters: AdapterTable;
  /** Origin of the running simulator, when routes reach it. */
  simulatorOrigin?: string;
  /** Where the access log goes (default: JSON lines on stderr). */
  logger?: AccessLogger;
}

/** A gateway HTTP server. */
export interface Gateway {
  /** The node:http server (not listening until `listen`). */
  readonly server: Server;
  /** Listens on the configured host and port (or the given ones); resolves with the origin. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting connections, waits up to `graceMs` (default 5 s) for answers in flight, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Creates the gateway: one node:http server serving every route of the four chat formats. */
export function createGateway(options: GatewayOptions): Gateway {
  const { config, adapters } = options;
  const logger = options.logger ?? stderrLogger;
  const simulator = options.simulatorOrigin ? simulatorProvider(options.simulatorOrigin) : undefined;
  const pools = new UpstreamPools();
  const deps: GatewayDeps = { config, adapters, router: createRouter(config, simulator), pools };
  const models = advertisedModels(config, simulator !== undefined);
  // The media task store opens (and creates) its file under `dataDir` with the gateway.
  const media = createMediaService(config, deps.router, pools, resolveProviders(config, simulator));
  const server = createServer((req, res) => {
    // `handle` answers its own errors; this only guards against a bug there taking the process down.
    handle(deps, media, models, logger, req, res).catch((error: unknown) => {
      process.stderr.write(`interlingua gateway: unhandled error: ${(error as Error).stack ?? String(error)}\n`);
      res.destroy();
    });
  });
  return {
    server,
    listen(port = config.server.port, host = config.server.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${hostPart}:${address.port}`);
        });
      });
    },
    async close(graceMs = 5_000) {
      // Let in-flight answers finish for a while, then cut what is left (long streams would hold shutdown forever).
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(deadline);
      // The poller stops launching work at once; destroying the pools then ends any poll still waiting on an upstream.
      const mediaClosed = media.close();
      await pools.destroy();
      await mediaClosed;
    },
  };
}

async function handle(
  deps: GatewayDeps,
  media: MediaService,
  models: readonly string[],
  logger: AccessLogger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now();
  const incomingId = req.headers['x-request-id'];
  const id =
    typeof incomingId === 'string' && /^[\w.:-]{1,128}$/.test(incomingId)
      ? incomingId
      : `req_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(req.url ?? '/', 'http://gateway.invalid');
  const controller = new AbortController();
  const log: AccessLogEntry = { time: new Date().toISOString(), id, method: req.method ?? 'GET', path: url.pathname };
  const ctx: RequestContext = {
    id,
    req,
    res,
    url,
    signal: controller.signal,
    started,
    log,
    markFirstByte() {
      log.ttfbMs ??= Math.round(performance.now() - started);
    },
  };
  res.setHeader('x-request-id', id);
  res.on('close', () => {
    // A close before the answer is complete is the client going away: cancel the upstream call now.
    if (!res.writableFinished) {
      controller.abort();
      log.clientAborted = true;
    }
    log.status = log.clientAborted && !res.headersSent ? 499 : res.statusCode;
    log.latencyMs = Math.round(performance.now() - started);
    logger(log);
  });

  let errorFormat: ChatFormat = formatOfPath(url.pathname);
  try {
    const route = matchInbound(req.method ?? 'GET', url, typeof req.headers['anthropic-version'] === 'string');
    if (!route) throw gatewayError('not_found', 404, `no route for ${req.method} ${url.pathname}`);
    if (route.kind === 'health') {
      sendJson(res, 200, { status: 'ok', formats: Object.keys(deps.adapters), models: [...models] });
      return;
    }
    if (route.kind === 'media') {
      // Media routes authenticate (`mj-api-secret` too) and answer errors in their own envelopes.
      await handleMedia(media, ctx, route.media);
      return;
    }
    errorFormat = route.format;
    if (!isAuthorized(deps.config.keys, req, url)) {
      throw gatewayError('authentication', 401, 'invalid or missing API key', { type: 'authentication_error' });
    }
    switch (route.kind) {
      case 'list-models':
        sendJson(res, 200, modelList(route.format, models));
        return;
      case 'get-model':
        sendJson(
          res,
          200,
          modelInfo(route.format, models, route.id, deps.router(route.id, route.format) !== undefined),
        );
        return;
      case 'chat':
      case 'count-tokens': {
        const limit = deps.config.server.bodyLimitBytes;
        const raw = await readBody(req, limit, req.headers['content-length']);
        if (route.kind === 'count-tokens') {
          await relayCountTokens(ctx, deps, route, raw);
          return;
        }
        const json = parseJsonBody(raw);
        // A media model (routed to a task provider) answers through a task, streamed as chat deltas.
        if (!(await chatToMedia(media, deps, ctx, route, json))) await relayChat(ctx, deps, route, raw, json);
        return;
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    const apiError = toApiError(error);
    log.error ??= apiError.message;
    if (res.headersSent) {
      res.end();
      return;
    }
    // The rest of an over-long body was never read: the connection cannot be reused.
    if (apiError.kind === 'request_too_large') res.setHeader('connection', 'close');
    sendError(res, deps.adapters, errorFormat, apiError);
  }
}
