import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from '@interlingua/core';
import { midjourney } from '@interlingua/midjourney';
import { decodeMultipartFields, sora } from '@interlingua/sora';
import { gatewayError, toApiError } from '../gateway/gateway-error.ts';
import { parseJsonBody, readBody } from '../http/read-body.ts';
import { sendJson } from '../http/send.ts';
import type { MediaRoute } from '../media/media-routes.ts';
import { isMultipart, readMultipart } from '../media/multipart.ts';
import { progressOf, type SimTask, type SimTasks, videoSeed } from './media-tasks.ts';
import { midjourneyImage, midjourneySeed, midjourneyTaskObject, simulateMidjourneySubmit } from './midjourney-sim.ts';
import { encodeMp4 } from './mp4.ts';
import { gradientPng } from './png.ts';

/** Serves the simulated Midjourney proxy and OpenAI Videos API; errors in each format's envelope. */
export async function serveSimulatedMedia(
  tasks: SimTasks,
  stepMs: number,
  route: MediaRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  try {
    const body = async () => readBody(req, 32 * 1024 * 1024, req.headers['content-length']);
    if (route.format === 'midjourney') {
      switch (route.kind) {
        case 'submit':
          return simulateMidjourneySubmit(tasks, route.endpoint, parseJsonBody(await body()), res);
        case 'list-by-condition': {
          const ids = (parseJsonBody(await body()) as { ids?: unknown }).ids;
          const list = Array.isArray(ids)
            ? ids.flatMap((id) => [tasks.get(String(id))].filter((t) => t !== undefined))
            : [];
          return sendJson(
            res,
            200,
            list.map((task) => midjourneyTaskObject(task as SimTask, origin, stepMs)),
          );
        }
        case 'fetch':
          return sendJson(res, 200, midjourneyTaskObject(find(tasks, route.id, 'midjourney'), origin, stepMs));
        case 'image-seed':
          return sendJson(res, 200, midjourneySeed(find(tasks, route.id, 'midjourney')));
        case 'image': {
          const task = tasks.get(route.id);
          const image = midjourneyImage(new URL(req.url ?? '/', origin).searchParams);
          if (!image || (task && progressOf(task, stepMs).status !== 'succeeded')) {
            throw gatewayError('not_found', 404, `no image for task ${route.id}`, { code: '3' });
          }
          return sendBytes(res, 'image/png', image);
        }
      }
      return;
    }
    switch (route.kind) {
      case 'create':
      case 'remix': {
        const parent = route.kind === 'remix' ? find(tasks, route.id, 'sora') : undefined;
        const raw = await body();
        const type = req.headers['content-type'];
        const options = parent ? { endpoint: 'remix' as const, videoId: parent.id } : {};
        const request = isMultipart(type)
          ? decodeMultipartFields(await readMultipart(raw, type), options).value
          : sora.request.decode(parseJsonBody(raw), options).value;
        const seconds = request.parameters?.seconds;
        const size = request.parameters?.size;
        const task = tasks.add({
          format: 'sora',
          action: parent ? 'REMIX' : 'VIDEO',
          prompt: request.prompt ?? '',
          seed: parent ? `${parent.seed}+${request.prompt}` : (request.prompt ?? ''),
          model: request.model ?? parent?.model ?? 'sora-2',
          seconds: seconds === undefined ? (parent?.seconds ?? '4') : String(seconds),
          size: typeof size === 'string' ? size : (parent?.size ?? '720x1280'),
          ...(parent ? { parentId: parent.id } : {}),
        });
        return sendJson(res, 200, videoObject(task, stepMs));
      }
      case 'list': {
        const order = new URL(req.url ?? '/', origin).searchParams.get('order') === 'asc' ? 1 : -1;
        const all = tasks.all('sora').sort((a, b) => order * (a.startedMs - b.startedMs));
        const data = all.map((task) => videoObject(task, stepMs));
        return sendJson(res, 200, {
          object: 'list',
          data,
          first_id: all[0]?.id ?? null,
          last_id: all.at(-1)?.id ?? null,
          has_more: false,
        });
      }
      case 'get':
        return sendJson(res, 200, videoObject(find(tasks, route.id, 'sora'), stepMs));
      case 'delete': {
        const task = find(tasks, route.id, 'sora');
        task.deleted = true;
        return sendJson(res, 200, { id: task.id, object: 'video.deleted', deleted: true });
      }
      case 'content': {
        // A video the simulator no longer remembers (it restarted) is drawn again from its id.
        const task = tasks.get(route.id);
        if (!task && !/^video_[0-9a-f]{32}$/.test(route.id)) find(tasks, route.id, 'sora');
        if (task && progressOf(task, stepMs).status !== 'succeeded')
          throw gatewayError('invalid_request', 400, 'Video is not ready yet');
        const seed = videoSeed(route.id);
        const variant = new URL(req.url ?? '/', origin).searchParams.get('variant') ?? 'video';
        // Thumbnail and spritesheet are PNGs here (OpenAI sends WebP / JPEG: clients check Content-Type).
        if (variant === 'video') return sendBytes(res, 'video/mp4', encodeMp4(seed));
        return sendBytes(res, 'image/png', gradientPng(`${seed}:${variant}`, variant === 'thumbnail' ? 128 : 256));
      }
    }
  } catch (error) {
    const apiError = toApiError(error);
    const { status, body } =
      route.format === 'midjourney' ? midjourney.error.encode(apiError) : sora.error.encode(apiError);
    sendJson(res, status, body);
  }
}

function find(tasks: SimTasks, id: string, format: SimTask['format']): SimTask {
  const task = tasks.get(id);
  if (!task || task.format !== format)
    throw gatewayError('not_found', 404, `task ${id} not found`, { code: format === 'sora' ? 'not_found' : '3' });
  return task;
}

function sendBytes(res: ServerResponse, type: string, bytes: Buffer): void {
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

/** The OpenAI video object of a simulated task (every field present, `null` when it does not apply, as OpenAI writes). */
function videoObject(task: SimTask, stepMs: number): JsonObject {
  const state = progressOf(task, stepMs);
  const status = { queued: 'queued', 'in-progress': 'in_progress', succeeded: 'completed', failed: 'failed' }[
    state.status
  ];
  const done = state.finishedMs === undefined ? null : Math.floor(state.finishedMs / 1000);
  return {
    id: task.id,
    object: 'video',
    model: task.model ?? 'sora-2',
    status,
    progress: state.progress,
    created_at: Math.floor(task.startedMs / 1000),
    completed_at: done,
    expires_at: done === null ? null : done + 86_400,
    prompt: task.prompt,
    seconds: task.seconds ?? '4',
    size: task.size ?? '720x1280',
    remixed_from_video_id: task.parentId ?? null,
    error:
      state.status === 'failed'
        ? { code: 'simulated_failure', message: 'simulated failure ([sim:fail] in the prompt)' }
        : null,
  };
}
