import type { ApiError, MediaFormat, MediaRequest, MediaTask } from '@interlingua/core';
import { midjourney, endpointFor as mjEndpointFor, SUBMIT_PATHS } from '@interlingua/midjourney';
import { contentPath, contentResults, requestPath, sora, type VideoVariant } from '@interlingua/sora';
import type { Dispatcher } from 'undici';
import type { ResolvedProvider } from '../config/load-config.ts';
import { GatewayError } from '../gateway/gateway-error.ts';
import type { UpstreamPools } from '../gateway/upstream.ts';
import { readUpstreamText } from '../gateway/upstream-body.ts';

/** The media adapters by format. */
export const MEDIA_ADAPTERS = { midjourney, sora } as const;

/** A media provider and the format it speaks for this call. */
export interface MediaUpstream {
  provider: ResolvedProvider;
  format: MediaFormat;
}

/** The headers of a media upstream call: Midjourney proxies take `mj-api-secret`, OpenAI a Bearer key. */
function headers(upstream: MediaUpstream, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { accept: 'application/json', ...extra };
  const key = upstream.provider.apiKey;
  if (key) {
    if (upstream.format === 'midjourney') out['mj-api-secret'] = key;
    else out.authorization = `Bearer ${key}`;
  }
  return { ...out, ...upstream.provider.headers };
}

async function call(
  pools: UpstreamPools,
  upstream: MediaUpstream,
  method: Dispatcher.HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const { pool, basePath } = pools.get(upstream.provider);
  const response = await pool.request({
    method,
    path: basePath + path,
    headers: headers(upstream, body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  const text = await readUpstreamText(response.body);
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Proxies answer some errors in text or HTML: the error decoders take text too.
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw new GatewayError(MEDIA_ADAPTERS[upstream.format].error.decode(json, response.statusCode));
  }
  return json;
}

/** Submits a canonical request (parent ids already the upstream's); resolves with the upstream task id and first state. */
export async function submitUpstream(
  pools: UpstreamPools,
  upstream: MediaUpstream,
  request: MediaRequest,
  signal?: AbortSignal,
): Promise<{ upstreamId: string; task?: MediaTask; code?: number | string }> {
  const adapter = MEDIA_ADAPTERS[upstream.format];
  const body = adapter.request.encode(request).value;
  const path = upstream.format === 'midjourney' ? SUBMIT_PATHS[mjEndpointFor(request)] : requestPath(request);
  const answer = await call(pools, upstream, 'POST', path, body, signal);
  const submission = adapter.submission.decode(answer).value;
  if (!submission.accepted || submission.taskId === undefined) {
    const error: ApiError = adapter.error.decode(answer, 400);
    throw new GatewayError({ ...error, message: submission.message ?? error.message });
  }
  const out: { upstreamId: string; task?: MediaTask; code?: number | string } = { upstreamId: submission.taskId };
  if (submission.task) out.task = withContent(upstream, submission.task);
  if (submission.code !== undefined) out.code = submission.code;
  return out;
}

/** Fetches one task's current state from the upstream (upstream ids, upstream result URLs). */
export async function fetchUpstream(
  pools: UpstreamPools,
  upstream: MediaUpstream,
  upstreamId: string,
): Promise<MediaTask> {
  const id = encodeURIComponent(upstreamId);
  const path = upstream.format === 'midjourney' ? `/mj/task/${id}/fetch` : `/v1/videos/${id}`;
  const answer = await call(pools, upstream, 'GET', path);
  return withContent(upstream, MEDIA_ADAPTERS[upstream.format].task.decode(answer).value);
}

/** Asks a Midjourney upstream for a task's seed (the raw `SubmitResultVO`). */
export async function imageSeedUpstream(pools: UpstreamPools, upstream: MediaUpstream, upstreamId: string) {
  return call(pools, upstream, 'GET', `/mj/task/${encodeURIComponent(upstreamId)}/image-seed`);
}

/** Deletes a video upstream (errors other than "already gone" propagate). */
export async function deleteUpstream(pools: UpstreamPools, upstream: MediaUpstream, upstreamId: string) {
  return call(pools, upstream, 'DELETE', `/v1/videos/${encodeURIComponent(upstreamId)}`);
}

/** Opens a download of a video variant from an OpenAI Videos upstream. */
export async function openVideoContent(
  pools: UpstreamPools,
  upstream: MediaUpstream,
  upstreamId: string,
  variant: VideoVariant,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const { pool, basePath } = pools.get(upstream.provider);
  return pool.request({
    method: 'GET',
    path: basePath + contentPath(upstreamId, variant),
    headers: headers(upstream, { accept: 'application/binary' }),
    signal,
  });
}

/** A finished video object carries no URL: point its results at the upstream's content endpoint. */
function withContent(upstream: MediaUpstream, task: MediaTask): MediaTask {
  if (upstream.format !== 'sora' || task.status !== 'succeeded' || task.results?.length) return task;
  const base = (upstream.provider.baseURL as string).replace(/\/+$/, '');
  return { ...task, results: contentResults(task.id, base) };
}
