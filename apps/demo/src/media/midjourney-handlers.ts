import type { MediaRequest } from '@interlingua/core';
import { decodeTaskQuery, type MidjourneyEndpoint, midjourney } from '@interlingua/midjourney';
import type { RequestContext } from '../gateway/context.ts';
import { gatewayError } from '../gateway/gateway-error.ts';
import { parseJsonBody, readBody } from '../http/read-body.ts';
import { sendJson } from '../http/send.ts';
import { proxyUrl } from './download.ts';
import { presentTask } from './present.ts';
import { type MediaService, originOf, ownedTask } from './service.ts';
import type { StoredTask } from './task-store.ts';
import { imageSeedUpstream } from './upstream-media.ts';

/** `POST /mj/submit/{endpoint}` and `/mj/insight-face/swap`: validate, route, submit, answer a `SubmitResultVO`. */
export async function submitMidjourney(
  service: MediaService,
  ctx: RequestContext,
  endpoint: MidjourneyEndpoint,
  owner: string,
): Promise<void> {
  const raw = await readBody(ctx.req, service.config.server.bodyLimitBytes, ctx.req.headers['content-length']);
  const request = midjourney.request.decode(parseJsonBody(raw), { endpoint }).value;
  checkHook(request);
  let parent: StoredTask | undefined;
  if (request.parentTaskId !== undefined) {
    parent = ownedTask(service, request.parentTaskId, owner, 'midjourney');
    checkAction(parent, request, endpoint);
  }
  const model = `mj_${endpoint.replace('-', '_')}`;
  Object.assign(ctx.log, { inbound: 'midjourney', model });
  const { stored, code } = await service.submit({
    format: 'midjourney',
    request,
    model,
    owner,
    origin: originOf(ctx),
    ...(parent ? { parent } : {}),
  });
  Object.assign(ctx.log, { provider: stored.provider, upstream: stored.upstreamFormat });
  // 21 tells the client a MODAL task waits for `/submit/modal` (new-api keeps it; other codes become 1).
  const answer = midjourney.submission.encode({
    accepted: true,
    code: code === 21 ? 21 : 1,
    message: code === 21 ? 'Waiting for window confirm' : 'Submit success',
    taskId: stored.id,
  }).value;
  sendJson(ctx.res, 200, answer);
}

function checkHook(request: MediaRequest): void {
  if (request.callbackUrl === undefined) return;
  if (request.callbackUrl === '') {
    delete request.callbackUrl;
    return;
  }
  if (!URL.canParse(request.callbackUrl) || !/^https?:$/.test(new URL(request.callbackUrl).protocol)) {
    throw gatewayError('invalid_request', 400, 'notifyHook must be an http(s) URL', { code: '4' });
  }
}

/** A button must be one the parent offers, pressed once the parent has finished (modal targets wait by design). */
function checkAction(parent: StoredTask, request: MediaRequest, endpoint: MidjourneyEndpoint): void {
  if (endpoint === 'modal') return;
  if (parent.task.status !== 'succeeded') {
    throw gatewayError('invalid_request', 400, `task_status_not_success: ${parent.id}`, { code: '4' });
  }
  if (request.actionId !== undefined && !parent.task.actions?.some((action) => action.actionId === request.actionId)) {
    throw gatewayError('invalid_request', 400, `unknown_action: ${request.actionId}`, { code: '4' });
  }
}

/** `GET /mj/task/{id}/fetch`. */
export function fetchMidjourney(service: MediaService, ctx: RequestContext, id: string, owner: string): void {
  sendJson(ctx.res, 200, presentTask(ownedTask(service, id, owner, 'midjourney'), originOf(ctx)));
}

/** `POST /mj/task/list-by-condition`: the client's tasks among `ids` (unknown ids are left out). */
export async function listMidjourney(service: MediaService, ctx: RequestContext, owner: string): Promise<void> {
  const raw = await readBody(ctx.req, service.config.server.bodyLimitBytes, ctx.req.headers['content-length']);
  const { ids } = decodeTaskQuery(parseJsonBody(raw)).value;
  const origin = originOf(ctx);
  const tasks = ids.flatMap((id) => {
    const stored = service.store.get(id);
    return stored && !stored.deleted && stored.owner === owner && stored.format === 'midjourney'
      ? [presentTask(stored, origin)]
      : [];
  });
  sendJson(ctx.res, 200, tasks);
}

/** `GET /mj/task/{id}/image-seed`: asked of the task's upstream, answered with the gateway's view. */
export async function imageSeedMidjourney(
  service: MediaService,
  ctx: RequestContext,
  id: string,
  owner: string,
): Promise<void> {
  const stored = ownedTask(service, id, owner, 'midjourney');
  const provider = service.provider(stored.provider);
  if (!provider || stored.upstreamFormat !== 'midjourney') {
    throw gatewayError('invalid_request', 400, 'this task has no seed', { code: '4' });
  }
  const answer = await imageSeedUpstream(service.pools, { provider, format: 'midjourney' }, stored.upstreamId);
  sendJson(ctx.res, 200, answer as Parameters<typeof sendJson>[2]);
}

/** `GET /mj/image/{id}` (no auth, as new-api's image proxy): the task's result `?n=` (default the first). */
export async function imageMidjourney(service: MediaService, ctx: RequestContext, id: string): Promise<void> {
  const stored = service.store.get(id);
  const n = Number(ctx.url.searchParams.get('n') ?? 0);
  const result = stored && !stored.deleted ? stored.task.results?.[Number.isInteger(n) ? n : 0] : undefined;
  if (!result) throw gatewayError('not_found', 404, `no image for task ${id}`, { code: '3' });
  const provider = service.provider(stored?.provider ?? '');
  let url = result.url;
  if (provider?.format === 'simulator' && provider.baseURL !== undefined) {
    // The built-in simulator listens on a new port at every start: its results are found on the current one.
    const rebased = new URL(url);
    rebased.host = new URL(provider.baseURL).host;
    url = rebased.toString();
  }
  await proxyUrl(ctx, url);
}
