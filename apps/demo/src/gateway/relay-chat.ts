import type { Dispatcher } from 'undici';
import { RETRYABLE_STATUSES } from '../config/schema.ts';
import type { GatewayDeps, RequestContext } from './context.ts';
import { gatewayError } from './gateway-error.ts';
import { type ChatRoute, requestedModel, wantsStream } from './inbound-routes.ts';
import { relayAnswer } from './relay-answer.ts';
import { retryDelay, waitToRetry } from './retry.ts';
import { chatPath, upstreamHeaders } from './upstream.ts';
import { convertRequest, passThroughRequest } from './upstream-request.ts';

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
