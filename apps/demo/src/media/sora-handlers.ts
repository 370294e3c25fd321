import type { JsonValue, MediaRequest } from '@interlingua/core';
import {
  decodeMultipartFields,
  encodeDeletion,
  type SoraRequestOptions,
  sora,
  type VideoVariant,
} from '@interlingua/sora';
import type { RequestContext } from '../gateway/context.ts';
import { GatewayError, gatewayError } from '../gateway/gateway-error.ts';
import { parseJsonBody, readBody } from '../http/read-body.ts';
import { sendJson } from '../http/send.ts';
import { pipeDownload, proxyUrl } from './download.ts';
import { isMultipart, readMultipart } from './multipart.ts';
import { presentTask } from './present.ts';
import { type MediaService, originOf, ownedTask } from './service.ts';
import { deleteUpstream, openVideoContent } from './upstream-media.ts';

/** Reads a create or remix body: JSON, or multipart with an `input_reference` file. */
async function readVideoRequest(
  service: MediaService,
  ctx: RequestContext,
  options: SoraRequestOptions,
): Promise<MediaRequest> {
  const raw = await readBody(ctx.req, service.config.server.bodyLimitBytes, ctx.req.headers['content-length']);
  const type = ctx.req.headers['content-type'];
  if (isMultipart(type)) return decodeMultipartFields(await readMultipart(raw, type), options).value;
  return sora.request.decode(parseJsonBody(raw), options).value;
}

/** `POST /v1/videos` and `POST /v1/videos/{id}/remix`. */
export async function createVideo(
  service: MediaService,
  ctx: RequestContext,
  owner: string,
  remixOf?: string,
): Promise<void> {
  const parent = remixOf === undefined ? undefined : ownedTask(service, remixOf, owner, 'sora');
  if (parent && parent.task.status !== 'succeeded') {
    throw gatewayError('invalid_request', 400, `video ${parent.id} is not completed yet`, { code: 'invalid_state' });
  }
  const options: SoraRequestOptions = parent ? { endpoint: 'remix', videoId: parent.id } : { endpoint: 'create' };
  const request = await readVideoRequest(service, ctx, options);
  if (!request.prompt) throw gatewayError('invalid_request', 400, 'prompt must not be empty', { param: 'prompt' });
  const model = request.model ?? parent?.task.model ?? 'sora-2';
  Object.assign(ctx.log, { inbound: 'sora', model });
  const { stored } = await service.submit({
    format: 'sora',
    request,
    model,
    owner,
    origin: originOf(ctx),
    ...(parent ? { parent } : {}),
  });
  Object.assign(ctx.log, { provider: stored.provider, upstream: stored.upstreamFormat });
  sendJson(ctx.res, 200, presentTask(stored, originOf(ctx)));
}

/** `GET /v1/videos?after=&limit=&order=`: the client's videos, newest first by default. */
export function listVideos(service: MediaService, ctx: RequestContext, owner: string): void {
  const query = ctx.url.searchParams;
  const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const order = query.get('order') === 'asc' ? 'asc' : 'desc';
  const after = query.get('after') ?? undefined;
  const rows = service.store.list('sora', owner, { limit: limit + 1, order, ...(after ? { after } : {}) });
  const page = rows.slice(0, limit);
  const origin = originOf(ctx);
  const data: JsonValue[] = page.map((stored) => presentTask(stored, origin));
  sendJson(ctx.res, 200, {
    object: 'list',
    data,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: rows.length > limit,
  });
}

/** `GET /v1/videos/{id}`. */
export function getVideo(service: MediaService, ctx: RequestContext, id: string, owner: string): void {
  sendJson(ctx.res, 200, presentTask(ownedTask(service, id, owner, 'sora'), originOf(ctx)));
}

const VARIANTS: ReadonlySet<string> = new Set(['video', 'thumbnail', 'spritesheet']);

/** `GET /v1/videos/{id}/content?variant=`: streamed from the upstream once the video is completed. */
export async function videoContent(
  service: MediaService,
  ctx: RequestContext,
  id: string,
  owner: string,
): Promise<void> {
  const stored = ownedTask(service, id, owner, 'sora');
  const variant = ctx.url.searchParams.get('variant') ?? 'video';
  if (!VARIANTS.has(variant)) {
    throw gatewayError('invalid_request', 400, `variant must be video, thumbnail or spritesheet`, { param: 'variant' });
  }
  if (stored.task.status !== 'succeeded') {
    throw gatewayError('invalid_request', 400, 'Task is not completed yet', { code: 'video_not_ready' });
  }
  const provider = service.provider(stored.provider);
  if (provider && stored.upstreamFormat === 'sora') {
    const upstream = { provider, format: 'sora' as const };
    await pipeDownload(
      ctx,
      await openVideoContent(service.pools, upstream, stored.upstreamId, variant as VideoVariant, ctx.signal),
    );
    return;
  }
  const result = stored.task.results?.find((item) => item.variant === variant) ?? stored.task.results?.[0];
  if (!result) throw gatewayError('not_found', 404, `video ${id} has no ${variant}`);
  await proxyUrl(ctx, result.url);
}

/** `DELETE /v1/videos/{id}`: deleted upstream (already gone is fine) and hidden from then on. */
export async function deleteVideo(
  service: MediaService,
  ctx: RequestContext,
  id: string,
  owner: string,
): Promise<void> {
  const stored = ownedTask(service, id, owner, 'sora');
  const provider = service.provider(stored.provider);
  if (provider && stored.upstreamFormat === 'sora') {
    try {
      await deleteUpstream(service.pools, { provider, format: 'sora' }, stored.upstreamId);
    } catch (error) {
      if (!(error instanceof GatewayError && error.error.status === 404)) throw error;
    }
  }
  service.store.markDeleted(stored.id);
  sendJson(ctx.res, 200, encodeDeletion({ id: stored.id, deleted: true }).value);
}
