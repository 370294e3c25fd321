import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../config/load-config.ts';
import { retryAfterMs, retryDelay, waitToRetry } from './retry.ts';

const policy: RetryPolicy = { attempts: 3, backoffMs: 100, maxBackoffMs: 1_000, onStatus: [429, 503] };

describe('retryDelay', () => {
  it('backs off exponentially with jitter between half and all of the step, up to the cap', () => {
    expect(retryDelay(policy, 1, 503, {}, () => 0)).toBe(50);
    expect(retryDelay(policy, 1, 503, {}, () => 1)).toBe(100);
    expect(retryDelay(policy, 2, 503, {}, () => 1)).toBe(200);
    expect(retryDelay(policy, 3, undefined, {}, () => 0.5)).toBe(300);
    expect(retryDelay({ ...policy, attempts: 10 }, 8, 503, {}, () => 1)).toBe(1_000);
  });

  it('stops after the attempts and on statuses the policy does not retry', () => {
    expect(retryDelay(policy, 4, 503)).toBeUndefined();
    expect(retryDelay(policy, 1, 400)).toBeUndefined();
    expect(retryDelay({ ...policy, attempts: 0 }, 1, undefined)).toBeUndefined();
  });

  it('waits what the upstream asks, and moves on when it asks more than the longest wait', () => {
    expect(retryDelay(policy, 1, 429, { 'retry-after': '0.5' })).toBe(500);
    expect(retryDelay(policy, 1, 429, { 'retry-after-ms': '20' })).toBe(20);
    expect(retryDelay(policy, 1, 429, { 'retry-after': '30' })).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, seconds and HTTP dates; ignores what it cannot read', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(retryAfterMs({ 'retry-after-ms': '1500' }, now)).toBe(1500);
    expect(retryAfterMs({ 'retry-after': '2' }, now)).toBe(2000);
    expect(retryAfterMs({ 'retry-after': 'Fri, 27 Nov 2026 12:00:03 GMT' }, now)).toBe(3000);
    expect(retryAfterMs({ 'retry-after': 'Fri, 27 Nov 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });
});

describe('waitToRetry', () => {
  it('gives up the wait as soon as the client goes away', async () => {
    const controller = new AbortController();
    const waiting = waitToRetry(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
