import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import type { ApiError, MediaFormat, MediaRequest, MediaTask } from '@interlingua/core';
import type { GatewayConfig, ResolvedProvider } from '../config/load-config.ts';
import { presentedKey } from '../gateway/auth.ts';
import type { RequestContext } from '../gateway/context.ts';
import { type GatewayError, gatewayError } from '../gateway/gateway-error.ts';
import type { Router } from '../gateway/router.ts';
import type { UpstreamPools } from '../gateway/upstream.ts';
import { sendJson } from '../http/send.ts';
import { firstPollDelay, type Poller, startPoller } from './poller.ts';
import { mergeUpstream } from './present.ts';
import type { StoredTask } from './task-store.ts';
import { TaskStore } from './task-store.ts';
import { MEDIA_ADAPTERS, submitUpstream } from './upstream-media.ts';

/** What the media handlers share. */
export interface MediaService {
  readonly config: GatewayConfig;
  readonly store: TaskStore;
  readonly pools: UpstreamPools;
  readonly router: Router;
  /** A provider by id (the built-in simulator included). */
  provider(id: string): ResolvedProvider | undefined;
  /** Submits a request upstream and records the new task. */
  submit(input: SubmitInput): Promise<{ stored: StoredTask; code?: number | string }>;
  /** Stops polling and closes the store. */
  close(): Promise<void>;
}

/** One submission: the client's canonical request and where it comes from. */
export interface SubmitInput {
  /** The client's format (answers, callbacks). */
  format: MediaFormat;
  request: MediaRequest;
  /** The model name routed on (`mj_imagine`, `sora-2`…). */
  model: string;
  owner: string;
  origin: string;
  /** The task an action applies to: the new task runs on the same provider. */
  parent?: StoredTask;
}

/** Creates the media service: the task store under `dataDir` and the poller. */
export function createMediaService(
  config: GatewayConfig,
  router: Router,
  pools: UpstreamPools,
  providers: ReadonlyMap<string, ResolvedProvider>,
): MediaService {
  const store = new TaskStore(resolve(config.dataDir));
  const provider = (id: string) => providers.get(id);
  const poller: Poller = startPoller({ store, pools, provider, ...config.media });
  return {
    config,
    store,
    pools,
    router,
    provider,
    async submit(input) {
      const { provider: chosen, format: upstreamFormat, model } = upstreamOf(router, provider, input);
      const request: MediaRequest = { ...input.request };
      // The gateway delivers callbacks itself: the upstream never learns the client's hook.
      delete request.callbackUrl;
      if (input.parent) request.parentTaskId = input.parent.upstreamId;
      if (model !== undefined && input.format === 'sora') request.model = model;
      const upstream = { provider: chosen, format: upstreamFormat };
      const answer = await submitUpstream(pools, upstream, request);
      const now = Date.now();
      const id = newTaskId(input.format);
      const fresh: MediaTask = {
        id,
        kind: input.request.kind,
        action: input.request.action,
        status: 'queued',
        progress: 0,
        createdAt: now / 1000,
      };
      for (const key of ['prompt', 'model', 'parameters', 'state'] as const) {
        if (input.request[key] !== undefined) Object.assign(fresh, { [key]: input.request[key] });
      }
      if (input.parent) fresh.parentTaskId = input.parent.id;
      const base: StoredTask = {
        id,
        format: input.format,
        owner: input.owner,
        provider: chosen.id,
        upstreamFormat,
        upstreamId: answer.upstreamId,
        origin: input.origin,
        task: fresh,
        deleted: false,
        createdMs: now,
        nextPollMs: now,
        pollDelayMs: firstPollDelay(config.media.pollMs, chosen),
      };
      if (answer.task) base.task = mergeUpstream(base, answer.task);
      if (input.request.callbackUrl !== undefined) base.callbackUrl = input.request.callbackUrl;
      store.insert(base);
      poller.kick();
      return { stored: base, ...(answer.code === undefined ? {} : { code: answer.code }) };
    },
    close: () => poller.stop(),
  };
}

function upstreamOf(
  router: Router,
  provider: (id: string) => ResolvedProvider | undefined,
  input: SubmitInput,
): { provider: ResolvedProvider; format: MediaFormat; model?: string } {
  if (input.parent) {
    const parentProvider = provider(input.parent.provider);
    if (!parentProvider)
      throw gatewayError('not_found', 404, 'the provider of the parent task is no longer configured');
    return { provider: parentProvider, format: input.parent.upstreamFormat };
  }
  const target = router(input.model, 'openai-chat');
  if (!target)
    throw gatewayError('not_found', 404, `no route matches the model "${input.model}"`, { code: 'model_not_found' });
  const format = target.provider.format;
  if (format === 'midjourney' || format === 'sora') return { provider: target.provider, format, model: target.model };
  if (format === 'simulator') return { provider: target.provider, format: input.format, model: target.model };
  throw gatewayError(
    'invalid_request',
    400,
    `the model "${input.model}" is routed to provider "${target.provider.id}" (${format}), which runs no media tasks`,
  );
}

/** Gateway task ids in each format's style: Midjourney numeric strings, OpenAI `video_…`. */
function newTaskId(format: MediaFormat): string {
  if (format === 'midjourney') return `${Date.now()}${String(randomBytes(2).readUInt16BE() % 1000).padStart(3, '0')}`;
  return `video_${randomUUID().replaceAll('-', '')}`;
}

/** The client's key in any convention, Midjourney's `mj-api-secret` included. */
export function mediaKey(ctx: RequestContext): string | undefined {
  const secret = ctx.req.headers['mj-api-secret'];
  const key = presentedKey(ctx.req, ctx.url);
  // new-api reads `mj-api-secret` when the Bearer is missing or the placeholder `midjourney-proxy`.
  if ((key === undefined || key === 'midjourney-proxy') && typeof secret === 'string' && secret !== '') return secret;
  return key;
}

/**
 * Authenticates a media call and returns the owner tag stored with its tasks: a hash of the
 * client key when keys are configured (so each client sees only its own tasks), else `''`.
 */
export function ownerOf(keys: readonly string[], ctx: RequestContext): string {
  if (keys.length === 0) return '';
  const presented = mediaKey(ctx);
  if (presented === undefined) throw unauthorized();
  const given = Buffer.from(presented);
  let ok = false;
  for (const key of keys) {
    const expected = Buffer.from(key);
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  if (!ok) throw unauthorized();
  return createHash('sha256').update(presented).digest('hex').slice(0, 32);
}

function unauthorized(): GatewayError {
  return gatewayError('authentication', 401, 'invalid or missing API key', { type: 'authentication_error' });
}

/** The origin clients reach the gateway on (result URLs point there). */
export function originOf(ctx: RequestContext): string {
  const host = ctx.req.headers.host ?? `${ctx.req.socket.localAddress}:${ctx.req.socket.localPort}`;
  return `http://${host}`;
}

/** Sends an error in a media format's envelope. */
export function sendMediaError(ctx: RequestContext, format: MediaFormat, error: ApiError): void {
  // Midjourney clients expect new-api's `type: "upstream_error"` whatever the cause; the chat-style type goes.
  const { type: _type, ...untyped } = error;
  const { status, body } = MEDIA_ADAPTERS[format].error.encode(format === 'midjourney' ? untyped : error);
  sendJson(ctx.res, status, body);
}

/** A task of this client, or a 404 (another client's task does not exist for this one). */
export function ownedTask(service: MediaService, id: string, owner: string, format?: MediaFormat): StoredTask {
  const stored = service.store.get(id);
  if (!stored || stored.deleted || stored.owner !== owner || (format !== undefined && stored.format !== format)) {
    throw gatewayError('not_found', 404, `task_not_found: ${id}`, { code: format === 'sora' ? 'not_found' : '3' });
  }
  return stored;
}
