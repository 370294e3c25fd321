import type { ChatFormat, ChatRequest, JsonObject, Loss } from '@interlingua/core';
import type { Dispatcher } from 'undici';
import { RETRYABLE_STATUSES } from '../config/schema.ts';
import { sendError } from '../http/send.ts';
import { recordUsage } from './access-log.ts';
import { type GatewayDeps, type RequestContext, requireAdapter } from './context.ts';
import { gatewayError, upstreamFault } from './gateway-error.ts';
import { type ChatRoute, requestedModel, wantsStream } from './inbound-routes.ts';
import { relayStream } from './relay-stream.ts';
import { retryDelay, waitToRetry } from './retry.ts';
import type { RouteTarget } from './router.ts';
import { chatPath, upstreamHeaders } from './upstream.ts';
import { readUpstreamText } from './upstream-body.ts';

/**
 * Serves one chat call: route the model, build the upstream request (the client's bytes untouched
 * when the formats match, else decode → encode through the adapters), call the upstream and relay
 * its answer, error or stream back in the client's format.
 */
export async function relayChat(
  ctx: RequestContext,
  deps: GatewayDeps,
  route: ChatRoute,
  raw: Buffer,
  json: unknown,
): Promise<void> {
  const inbound = route.format;
  const model = requestedModel(route, json);
  const stream = wantsStream(route, json);
  Object.assign(ctx.log, { inbound, model, stream });
  const target = deps.router(model, inbound);
  if (!target)
    throw gatewayError('not_found', 404, `no route matches the model "${model}"`, { code: 'model_not_found' });

  // Each target (the route's provider, then its fallbacks) is tried, and retried as its provider's
  // `retry` policy says, until one answers in a way the client gets: everything here happens before
  // the first byte reaches the client.
  const targets = [target, ...target.fallbacks];
  let requests = 0;
  for (const [index, current] of targets.entries()) {
    const lastTarget = index === targets.length - 1;
    const passThrough = current.format === inbound;
    // A fallback starts over: the losses of an earlier attempt's conversion no longer apply.
    ctx.log.losses = undefined;
    ctx.res.removeHeader('x-interlingua-losses');
    Object.assign(ctx.log, {
      provider: current.provider.id,
      upstream: current.format,
      upstreamModel: current.model,
      passThrough,
    });
    const { body, headers } = passThrough
      ? passThroughRequest(ctx, current, inbound, json, raw)
      : convertRequest(ctx, deps, current, inbound, json, stream);
    const { pool, basePath } = deps.pools.get(current.provider);
    const policy = current.provider.retry;
    for (let retry = 1; ; retry++) {
      if (++requests > 1) ctx.log.attempts = requests;
      let response: Dispatcher.ResponseData;
      try {
        response = await pool.request({
          method: 'POST',
          path: basePath + chatPath(current.format, current.model, stream),
          headers: upstreamHeaders(current, { accept: stream ? 'text/event-stream' : 'application/json', ...headers }),
          body,
          signal: ctx.signal,
        });
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        const delay = retryDelay(policy, retry, undefined);
        if (delay !== undefined) {
          await waitToRetry(delay, ctx.signal);
          continue;
        }
        if (lastTarget) throw error;
        break;
      }
      const status = response.statusCode;
      if (status >= 400) {
        const delay = retryDelay(policy, retry, status, response.headers);
        if (delay !== undefined) {
          await response.body.dump();
          await waitToRetry(delay, ctx.signal);
          continue;
        }
        if (!lastTarget && RETRYABLE_STATUSES.includes(status)) {
          await response.body.dump();
          break;
        }
      }
      await relayAnswer(ctx, deps, route, current, response, { inbound, passThrough, stream });
      return;
    }
  }
}

/** Relays the answer the client gets: an upstream error, a stream or a JSON body. */
async function relayAnswer(
  ctx: RequestContext,
  deps: GatewayDeps,
  route: ChatRoute,
  current: RouteTarget,
  response: Dispatcher.ResponseData,
  { inbound, passThrough, stream }: { inbound: ChatFormat; passThrough: boolean; stream: boolean },
): Promise<void> {
  const upstreamId = response.headers['request-id'] ?? response.headers['x-request-id'];
  if (typeof upstreamId === 'string') ctx.res.setHeader('x-upstream-request-id', upstreamId);
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await relayUpstreamError(ctx, deps, current.format, inbound, passThrough, response);
  } else if (stream) {
    const framing = inbound === 'gemini' && route.sse !== true ? 'json-array' : 'sse';
    const heartbeatMs = deps.config.server.heartbeatMs;
    const relay = { inbound, upstream: current.format, passThrough, framing, heartbeatMs } as const;
    await relayStream(ctx, deps.adapters, relay, response.body);
  } else {
    await relayResponse(ctx, deps, current.format, inbound, passThrough, response);
  }
}

/** Same format: the client's body goes up as sent, with only the model rewritten when the route says so. */
function passThroughRequest(
  ctx: RequestContext,
  target: RouteTarget,
  inbound: ChatFormat,
  json: unknown,
  raw: Buffer,
): { body: Buffer | string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (inbound === 'claude') {
    // Claude clients steer features with headers (Claude Code sends several betas): keep them.
    for (const name of ['anthropic-version', 'anthropic-beta']) {
      const value = ctx.req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
  }
  // Gemini names the model in the URL; the other formats in the body.
  if (!target.rewritten || inbound === 'gemini') return { body: raw, headers };
  return { body: JSON.stringify({ ...(json as JsonObject), model: target.model }), headers };
}

/** Different formats: decode the client's request to the canonical model and encode it for the upstream. */
function convertRequest(
  ctx: RequestContext,
  deps: GatewayDeps,
  target: RouteTarget,
  inbound: ChatFormat,
  json: unknown,
  stream: boolean,
): { body: string; headers: Record<string, string> } {
  const decoded = requireAdapter(deps.adapters, inbound).request.decode(json);
  const request: ChatRequest = { ...decoded.value, model: target.model, stream };
  // Clients of other formats expect usage at the end of a stream; Chat only sends it when asked.
  if (stream) request.streamOptions = { ...request.streamOptions, includeUsage: true };
  const encoded = requireAdapter(deps.adapters, target.format).request.encode(request);
  noteLosses(ctx, encoded.losses);
  const headers: Record<string, string> = {};
  if (target.format === 'claude') {
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (name.toLowerCase().startsWith('anthropic-')) headers[name.toLowerCase()] = value;
    }
  }
  return { body: JSON.stringify(encoded.value), headers };
}

/** An upstream error status: passed through as is, or re-enveloped in the client's format. */
async function relayUpstreamError(
  ctx: RequestContext,
  deps: GatewayDeps,
  upstream: ChatFormat,
  inbound: ChatFormat,
  passThrough: boolean,
  response: Dispatcher.ResponseData,
): Promise<void> {
  const text = await readUpstreamText(response.body);
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Proxies answer errors in HTML or plain text: the error decoder takes text too.
  }
  const retryAfter = response.headers['retry-after'];
  if (typeof retryAfter === 'string') ctx.res.setHeader('retry-after', retryAfter);
  const adapter = deps.adapters[upstream];
  const error = adapter
    ? adapter.error.decode(parsed, response.statusCode)
    : { kind: 'other' as const, status: response.statusCode, message: text.slice(0, 500) };
  ctx.log.error = error.message;
  if (passThrough) {
    const type = response.headers['content-type'];
    ctx.res.writeHead(response.statusCode, { 'content-type': typeof type === 'string' ? type : 'application/json' });
    ctx.res.end(text);
    return;
  }
  sendError(ctx.res, deps.adapters, inbound, error);
}

/** A complete upstream answer: passed through as is, or decoded and re-encoded for the client. */
async function relayResponse(
  ctx: RequestContext,
  deps: GatewayDeps,
  upstream: ChatFormat,
  inbound: ChatFormat,
  passThrough: boolean,
  response: Dispatcher.ResponseData,
): Promise<void> {
  const text = await readUpstreamText(response.body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!passThrough) throw gatewayError('server', 502, `the upstream answer is not JSON: ${(error as Error).message}`);
  }
  if (passThrough) {
    // Only the usage, for the log (nothing else is decoded; an answer of any shape goes through): the
    // client gets the upstream's bytes.
    recordUsage(ctx.log, deps.adapters[upstream]?.observe.responseUsage(json));
    ctx.markFirstByte();
    ctx.res.writeHead(response.statusCode, { 'content-type': 'application/json; charset=utf-8' });
    ctx.res.end(text);
    return;
  }
  const upstreamAdapter = requireAdapter(deps.adapters, upstream);
  const inboundAdapter = requireAdapter(deps.adapters, inbound);
  let encoded: string;
  try {
    const decoded = upstreamAdapter.response.decode(json);
    recordUsage(ctx.log, decoded.value.usage);
    const converted = inboundAdapter.response.encode(decoded.value);
    noteLosses(ctx, converted.losses);
    encoded = JSON.stringify(converted.value);
  } catch (error) {
    throw gatewayError('server', 502, upstreamFault(error).message);
  }
  ctx.markFirstByte();
  ctx.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  ctx.res.end(encoded);
}

/**
 * Records what a conversion could not carry: in the log line, and in the `x-interlingua-losses`
 * response header (feature names, while the headers are still unsent) so a client can see it too.
 */
function noteLosses(ctx: RequestContext, losses: readonly Loss[]): void {
  if (losses.length === 0) return;
  const features = [...new Set([...(ctx.log.losses ?? []), ...losses.map((loss) => loss.feature ?? 'other')])];
  ctx.log.losses = features;
  if (!ctx.res.headersSent) ctx.res.setHeader('x-interlingua-losses', features.join(', '));
}
