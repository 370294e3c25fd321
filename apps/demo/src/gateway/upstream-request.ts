import type { ChatFormat, ChatRequest, JsonObject, Loss } from '@interlingua/core';
import { type GatewayDeps, type RequestContext, requireAdapter } from './context.ts';
import type { RouteTarget } from './router.ts';

/** Same format: the client's body goes up as sent, with only the model rewritten when the route says so. */
export function passThroughRequest(
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
export function convertRequest(
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

/**
 * Records what a conversion could not carry: in the log line, and in the `x-interlingua-losses`
 * response header (feature names, while the headers are still unsent) so a client can see it too.
 */
export function noteLosses(ctx: RequestContext, losses: readonly Loss[]): void {
  if (losses.length === 0) return;
  const features = [...new Set([...(ctx.log.losses ?? []), ...losses.map((loss) => loss.feature ?? 'other')])];
  ctx.log.losses = features;
  if (!ctx.res.headersSent) ctx.res.setHeader('x-interlingua-losses', features.join(', '));
}
