import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatResponse, MediaRequest, StreamEvent } from '@interlingua/core';
import { midjourney } from '@interlingua/midjourney';
import { sora } from '@interlingua/sora';
import { type GatewayDeps, type RequestContext, requireAdapter } from '../gateway/context.ts';
import { gatewayError } from '../gateway/gateway-error.ts';
import { type ChatRoute, requestedModel, wantsStream } from '../gateway/inbound-routes.ts';
import { sendJson } from '../http/send.ts';
import { createStreamSink } from '../http/stream-sink.ts';
import { lastUserText } from '../simulator/answer.ts';
import { resultUrl } from './present.ts';
import { type MediaService, originOf, ownerOf } from './service.ts';
import { isTerminal, type StoredTask } from './task-store.ts';

/**
 * Serves a chat call whose model routes to a media task provider (aggregators' "image / video
 * through chat"): the last user text becomes a Midjourney imagine or a video, progress streams as
 * text deltas (`Progress: 40%`), and the answer ends with a markdown image or video link. Without
 * `stream` the same text comes back once the task is done. Resolves `false` when the model is not
 * a media model (the call is then an ordinary chat relay).
 */
export async function chatToMedia(
  service: MediaService,
  deps: GatewayDeps,
  ctx: RequestContext,
  route: ChatRoute,
  json: unknown,
): Promise<boolean> {
  const model = requestedModel(route, json);
  const target = deps.router(model, route.format);
  if (!target?.media) return false;
  const adapter = requireAdapter(deps.adapters, route.format);
  const chat = adapter.request.decode(json).value;
  const prompt = lastUserText(chat.messages).trim();
  Object.assign(ctx.log, {
    model,
    provider: target.provider.id,
    upstream: target.media,
    stream: wantsStream(route, json),
  });
  if (prompt === '') throw gatewayError('invalid_request', 400, 'the last user message holds no prompt');
  const owner = ownerOf(deps.config.keys, ctx);
  // Through the adapters, so that Midjourney flags in the text (`--ar 16:9`) become parameters.
  const request: MediaRequest =
    target.media === 'midjourney'
      ? midjourney.request.decode({ prompt }, { endpoint: 'imagine' }).value
      : sora.request.decode({ prompt, model: target.model }).value;
  const origin = originOf(ctx);
  const { stored } = await service.submit({ format: target.media, request, model, owner, origin });
  const lines = progressLines(service, stored, origin, ctx.signal);
  if (!wantsStream(route, json)) {
    let text = '';
    for await (const line of lines) text += line;
    const response: ChatResponse = {
      id: `chatcmpl-${stored.id}`,
      model,
      created: Math.floor(Date.now() / 1000),
      choices: [{ index: 0, content: [{ type: 'text', text }], finishReason: { reason: 'stop' } }],
      usage: { inputTokens: 0, outputTokens: 0 },
    };
    ctx.markFirstByte();
    sendJson(ctx.res, 200, adapter.response.encode(response).value);
    return true;
  }
  const framing = route.format === 'gemini' && route.sse !== true ? 'json-array' : 'sse';
  const sink = createStreamSink(
    ctx.res,
    framing,
    ctx.signal,
    () => ctx.markFirstByte(),
    deps.config.server.heartbeatMs,
  );
  const encoder = adapter.stream.createEncoder();
  const write = (events: StreamEvent[]) => sink.write(events.flatMap((event) => encoder.push(event)));
  await write([
    { type: 'message-start', id: `chatcmpl-${stored.id}`, model, created: Math.floor(Date.now() / 1000) },
    { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
  ]);
  for await (const line of lines) await write([{ type: 'block-delta', index: 0, delta: { type: 'text', text: line } }]);
  await write([
    { type: 'block-end', index: 0 },
    { type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } },
    { type: 'finish', finishReason: { reason: 'stop' } },
    { type: 'message-end' },
  ]);
  await sink.write(encoder.end());
  sink.end();
  return true;
}

/** The task's story as text lines: submitted, each new progress, then the result link or the failure. */
async function* progressLines(
  service: MediaService,
  first: StoredTask,
  origin: string,
  signal: AbortSignal,
): AsyncGenerator<string> {
  yield `Task ${first.id} submitted.\n`;
  const deadline = Date.now() + service.config.media.chatTimeoutMs;
  let last = -1;
  let status = '';
  for (;;) {
    const stored = service.store.get(first.id) ?? first;
    const { task } = stored;
    if (task.status !== status && task.status === 'in-progress') yield 'Generating…\n';
    status = task.status;
    const progress = task.progress ?? 0;
    if (task.status === 'in-progress' && progress !== last && progress < 100) {
      last = progress;
      yield `Progress: ${progress}%\n`;
    }
    if (isTerminal(task)) {
      if (task.status !== 'succeeded') {
        yield `\nThe task ${task.status}: ${task.error?.message ?? 'no reason given'}\n`;
        return;
      }
      yield 'Progress: 100%\n\n';
      const url = resultUrl(stored, origin);
      yield stored.format === 'sora' ? `[▶ video](${url})\n` : `![image](${url})\n`;
      return;
    }
    if (Date.now() > deadline) {
      yield `\nStill running after ${Math.round(service.config.media.chatTimeoutMs / 1000)} s: poll task ${first.id}.\n`;
      return;
    }
    await sleep(Math.min(service.config.media.pollMs, 200), undefined, { signal });
  }
}
