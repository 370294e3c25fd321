import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryPolicy } from '../config/load-config.ts';

/**
 * How long to wait before retry number `attempt` (1 for the first retry), or undefined when the
 * provider must not be retried: attempts used up, a status the policy does not retry, or a
 * `retry-after` longer than the policy's longest wait (the next fallback is tried at once instead).
 * `status` is undefined for a connection error or timeout, which is always retryable.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  status: number | undefined,
  headers: IncomingHttpHeaders = {},
  random: () => number = Math.random,
): number | undefined {
  if (attempt > policy.attempts) return undefined;
  if (status !== undefined && !policy.onStatus.includes(status)) return undefined;
  const asked = retryAfterMs(headers);
  if (asked !== undefined) return asked <= policy.maxBackoffMs ? asked : undefined;
  // Exponential, with "equal jitter": half fixed, half random, so that clients retrying together spread out.
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The wait an upstream asks for: `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an
 * HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (typeof ms === 'string' && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const after = headers['retry-after'];
  if (typeof after !== 'string' || after.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Math.ceil(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects at once when the client goes away (`signal`). */
export function waitToRetry(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal });
}
