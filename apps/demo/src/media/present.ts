import type { JsonValue, MediaTask } from '@interlingua/core';
import { contentResults } from '@interlingua/sora';
import type { StoredTask } from './task-store.ts';
import { MEDIA_ADAPTERS } from './upstream-media.ts';

/** The URL a client downloads result `n` of a task from: always on the gateway, never the upstream's. */
export function resultUrl(stored: StoredTask, origin: string, n = 0): string {
  if (stored.format === 'sora') return `${origin}/v1/videos/${encodeURIComponent(stored.id)}/content`;
  return `${origin}/mj/image/${encodeURIComponent(stored.id)}${n > 0 ? `?n=${n}` : ''}`;
}

/** The task as its client sees it: gateway ids, result URLs on the gateway (`origin`). */
export function publicTask(stored: StoredTask, origin: string): MediaTask {
  const task: MediaTask = { ...stored.task };
  if (stored.format === 'sora') {
    if (task.status === 'succeeded') task.results = contentResults(stored.id, origin);
    else delete task.results;
  } else if (task.results) {
    task.results = task.results.map((result, n) => ({ ...result, url: resultUrl(stored, origin, n) }));
  }
  return task;
}

/** The task in its client's wire format (fetch, list item, callback payload). */
export function presentTask(stored: StoredTask, origin: string): JsonValue {
  return MEDIA_ADAPTERS[stored.format].task.encode(publicTask(stored, origin)).value;
}

/**
 * Folds an upstream state into the stored task: the upstream's status, progress, results and
 * buttons, under the gateway's own id, parent id and the client's `state`.
 */
export function mergeUpstream(stored: StoredTask, upstream: MediaTask): MediaTask {
  const task: MediaTask = { ...upstream, id: stored.id };
  delete task.parentTaskId;
  if (stored.task.parentTaskId !== undefined) task.parentTaskId = stored.task.parentTaskId;
  if (stored.task.state !== undefined) task.state = stored.task.state;
  if (task.createdAt === undefined && stored.task.createdAt !== undefined) task.createdAt = stored.task.createdAt;
  return task;
}

/** Whether a poll brought news worth a callback or a progress line. */
export function changed(before: MediaTask, after: MediaTask): boolean {
  return (
    before.status !== after.status ||
    before.progress !== after.progress ||
    (before.results?.length ?? 0) !== (after.results?.length ?? 0)
  );
}
