import type { ChatFormat } from '@interlingua/core';
import type { Dispatcher } from 'undici';
import { sendError } from '../http/send.ts';
import { recordUsage } from './access-log.ts';
import { type GatewayDeps, type RequestContext, requireAdapter } from './context.ts';
import { gatewayError, upstreamFault } from './gateway-error.ts';
import type { ChatRoute } from './inbound-routes.ts';
import { relayStream } from './relay-stream.ts';
import type { RouteTarget } from './router.ts';
import { readUpstreamText } from './upstream-body.ts';
import { noteLosses } from './upstream-request.ts';

/** Relays the answer the client gets: an upstream error, a stream or a JSON body. */
export async function relayAnswer(
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
