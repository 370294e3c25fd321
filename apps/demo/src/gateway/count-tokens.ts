import type { JsonObject } from '@interlingua/core';
import { parseJsonBody } from '../http/read-body.ts';
import { sendJson } from '../http/send.ts';
import { estimateRequestTokens } from '../tokens.ts';
import { type GatewayDeps, type RequestContext, requireAdapter } from './context.ts';
import { gatewayError } from './gateway-error.ts';
import { requestedModel } from './inbound-routes.ts';
import { countTokensPath, upstreamHeaders } from './upstream.ts';
import { readUpstreamText } from './upstream-body.ts';

/**
 * Serves Claude `count_tokens` and Gemini `countTokens`: relayed to the upstream's own endpoint when
 * it speaks the same format, else estimated from the canonical request (no other format has one).
 */
export async function relayCountTokens(
  ctx: RequestContext,
  deps: GatewayDeps,
  route: { format: 'claude' | 'gemini'; model?: string },
  raw: Buffer,
): Promise<void> {
  const json = parseJsonBody(raw) as JsonObject;
  const inbound = route.format;
  const model = requestedModel(route, json);
  Object.assign(ctx.log, { inbound, model });
  const target = deps.router(model, inbound);
  if (!target)
    throw gatewayError('not_found', 404, `no route matches the model "${model}"`, { code: 'model_not_found' });
  Object.assign(ctx.log, { provider: target.provider.id, upstream: target.format, upstreamModel: target.model });

  if (target.format === inbound) {
    ctx.log.passThrough = true;
    const body = target.rewritten && inbound === 'claude' ? JSON.stringify({ ...json, model: target.model }) : raw;
    const { pool, basePath } = deps.pools.get(target.provider);
    const response = await pool.request({
      method: 'POST',
      path: basePath + countTokensPath(inbound, target.model),
      headers: upstreamHeaders(target),
      body,
      signal: ctx.signal,
    });
    const text = await readUpstreamText(response.body);
    const type = response.headers['content-type'];
    ctx.res.writeHead(response.statusCode, { 'content-type': typeof type === 'string' ? type : 'application/json' });
    ctx.res.end(text);
    return;
  }

  const adapter = requireAdapter(deps.adapters, inbound);
  // count_tokens bodies lack max_tokens, which a Messages request requires; Gemini may wrap the request.
  const wire = inbound === 'claude' ? { max_tokens: 1, ...json } : (json.generateContentRequest ?? json);
  const tokens = estimateRequestTokens(adapter.request.decode(wire).value);
  ctx.log.inputTokens = tokens;
  sendJson(ctx.res, 200, inbound === 'claude' ? { input_tokens: tokens } : { totalTokens: tokens });
}
