import type { JsonObject } from '@interlingua/core';
import { parseJsonBody } from '../http/read-body.ts';
import { sendJson } from '../http/send.ts';
import { estimateRequestTokens } from '../tokens.ts';
import { type GatewayDeps, type RequestContext, requireAdapter } from './context.ts';
import { type CountingFormat, countAnswer, countedRequest } from './count-tokens-wire.ts';
import { gatewayError } from './gateway-error.ts';
import { requestedModel } from './inbound-routes.ts';
import { countTokensPath, upstreamHeaders } from './upstream.ts';
import { readUpstreamText } from './upstream-body.ts';

/**
 * Serves Claude `count_tokens`, Gemini `countTokens` and Responses `input_tokens`: relayed to the
 * upstream's own endpoint when it speaks the same format, else estimated from the canonical request.
 */
export async function relayCountTokens(
  ctx: RequestContext,
  deps: GatewayDeps,
  route: { format: CountingFormat; model?: string },
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
    // Gemini names the model in the URL; the others in the body.
    const body = target.rewritten && inbound !== 'gemini' ? JSON.stringify({ ...json, model: target.model }) : raw;
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
  const tokens = estimateRequestTokens(adapter.request.decode(countedRequest(inbound, json)).value);
  ctx.log.inputTokens = tokens;
  sendJson(ctx.res, 200, countAnswer(inbound, tokens));
}
