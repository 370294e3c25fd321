import type { MediaTask } from '@interlingua/core';
import { request } from 'undici';
import type { ResolvedProvider } from '../config/load-config.ts';
import { GatewayError } from '../gateway/gateway-error.ts';
import type { UpstreamPools } from '../gateway/upstream.ts';
import { changed, mergeUpstream, presentTask } from './present.ts';
import { isTerminal, type PendingHook, type StoredTask, type TaskStore } from './task-store.ts';
import { fetchUpstream } from './upstream-media.ts';

/** How the poller paces itself. */
export interface PollerOptions {
  store: TaskStore;
  pools: UpstreamPools;
  /** The provider of an id (undefined when it left the configuration). */
  provider(id: string): ResolvedProvider | undefined;
  /** First delay between polls of a task, ms (the delay grows ×1.5 while nothing changes). */
  pollMs: number;
  /** Longest delay between polls, ms. */
  maxPollMs: number;
  /** Callback attempts before giving up. */
  hookAttempts: number;
  /** First retry delay of a callback, ms (doubles each attempt). */
  hookBackoffMs: number;
  /** Tasks older than this that have not finished are failed. */
  maxAgeMs?: number;
}

/** The background loop that polls upstream tasks and delivers callbacks. */
export interface Poller {
  /** Polls due work now (after a submit) instead of at the next tick. */
  kick(): void;
  /** Stops the loop and waits for the round in flight. */
  stop(): Promise<void>;
}

/**
 * Starts polling: every tick, the tasks whose poll is due and the callbacks whose attempt is due.
 * Each runs on its own (a hung upstream or a slow hook holds only its own task), one at a time per task.
 */
export function startPoller(options: PollerOptions): Poller {
  const { store } = options;
  const running = new Map<string, Promise<void>>();
  // Aborts callback deliveries in flight at shutdown (upstream polls end when the pools are destroyed).
  const shutdown = new AbortController();
  let stopped = false;
  const launch = (key: string, work: () => Promise<void>) => {
    if (running.has(key)) return;
    const job = work()
      .catch((error: unknown) => {
        process.stderr.write(`interlingua gateway: media poller: ${(error as Error).message}\n`);
      })
      .finally(() => running.delete(key));
    running.set(key, job);
  };
  const run = () => {
    if (stopped) return;
    const now = Date.now();
    for (const task of store.due(now, 64)) launch(`task:${task.id}`, () => pollOne(options, task));
    for (const hook of store.dueHooks(now, 64))
      launch(`hook:${hook.taskId}`, () => deliver(options, hook, shutdown.signal));
  };
  const timer = setInterval(run, Math.max(5, Math.min(options.pollMs, 500)));
  timer.unref();
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      clearInterval(timer);
      shutdown.abort();
      await Promise.all(running.values());
      store.close();
    },
  };
}

async function pollOne(options: PollerOptions, stored: StoredTask): Promise<void> {
  const { store } = options;
  const now = Date.now();
  const provider = options.provider(stored.provider);
  let next: MediaTask;
  let delay = stored.pollDelayMs;
  try {
    if (!provider) throw new GatewayError({ kind: 'not_found', status: 404, message: 'provider removed' });
    const upstream = await fetchUpstream(options.pools, { provider, format: stored.upstreamFormat }, stored.upstreamId);
    next = mergeUpstream(stored, upstream);
    const base = firstPollDelay(options.pollMs, provider);
    delay = changed(stored.task, next) ? base : Math.min(options.maxPollMs, Math.round(delay * 1.5));
  } catch (error) {
    const gone = error instanceof GatewayError && error.error.status === 404;
    next = gone ? failed(stored.task, 'the task no longer exists upstream') : stored.task;
    // A flaky upstream is asked less often, not more.
    delay = Math.min(options.maxPollMs, delay * 2);
  }
  if (!isTerminal(next) && now - stored.createdMs > (options.maxAgeMs ?? 3_600_000)) {
    next = failed(next, 'the task did not finish within an hour');
  }
  if (store.get(stored.id)?.deleted) return;
  const news = changed(stored.task, next);
  store.update(stored.id, next, now + delay, delay);
  if (news && stored.callbackUrl) {
    const payload = JSON.stringify(presentTask({ ...stored, task: next }, stored.origin));
    store.queueHook(stored.id, stored.callbackUrl, payload, now);
  }
}

/** The built-in simulator answers in milliseconds: poll it quickly, real upstreams at the configured pace. */
export function firstPollDelay(pollMs: number, provider: ResolvedProvider): number {
  return provider.format === 'simulator' ? Math.min(pollMs, 100) : pollMs;
}

function failed(task: MediaTask, message: string): MediaTask {
  return { ...task, status: 'failed', progress: 100, error: { message }, finishedAt: Date.now() / 1000 };
}

/** POSTs a task payload to its hook; a non-2xx answer or a network error schedules a retry with backoff. */
async function deliver(options: PollerOptions, hook: PendingHook, signal: AbortSignal): Promise<void> {
  try {
    const response = await request(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: hook.payload,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
      signal,
    });
    await response.body.dump();
    if (response.statusCode >= 200 && response.statusCode < 300) {
      options.store.hookDelivered(hook);
      return;
    }
  } catch {
    // Unreachable hook: same as a failed answer (at shutdown, the attempt is simply made again on the next start).
    if (signal.aborted) return;
  }
  const attempts = hook.attempts + 1;
  const next = attempts >= options.hookAttempts ? undefined : Date.now() + options.hookBackoffMs * 2 ** (attempts - 1);
  if (next === undefined) process.stderr.write(`interlingua gateway: gave up on the callback of task ${hook.taskId}\n`);
  options.store.hookFailed(hook, next);
}
