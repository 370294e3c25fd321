import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack } from './support/stack.ts';

/**
 * Provider retries: a flaky upstream answers each model's first requests with the status its name
 * asks for (`fail-<status>-<times>-<retry-after seconds>`), then a normal Chat answer.
 */
let upstream: { server: Server; origin: string; seen: Map<string, number> };
let stack: Stack;

beforeAll(async () => {
  upstream = await startFlakyUpstream();
  stack = await startStack({}, (sim) => ({
    server: { port: 0 },
    providers: [
      { id: 'flaky', format: 'openai-chat', baseURL: upstream.origin, retry: { attempts: 2, backoffMs: 5 } },
      { id: 'flaky-once', format: 'openai-chat', baseURL: upstream.origin },
      { id: 'standby', format: 'openai-chat', baseURL: sim },
    ],
    routes: [
      { match: 'retry-*', provider: 'flaky', fallbacks: [{ provider: 'standby', model: 'standby-model' }] },
      { match: 'plain-*', provider: 'flaky-once' },
    ],
  }));
});
afterAll(async () => {
  await stack.close();
  upstream.server.closeAllConnections();
  upstream.server.close();
});

async function ask(model: string) {
  const response = await fetch(`${stack.origin}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, body: (await response.json()) as { model?: string; error?: unknown } };
}

describe('provider retries', () => {
  it('retries a 503 on the same provider, then answers', async () => {
    const { status, body } = await ask('retry-fail-503-2-0');
    expect(status).toBe(200);
    expect(body.model).toBe('retry-fail-503-2-0');
    expect(upstream.seen.get('retry-fail-503-2-0')).toBe(3);
    await eventually(() =>
      expect(stack.logs.find((l) => l.model === 'retry-fail-503-2-0')).toMatchObject({ attempts: 3, status: 200 }),
    );
  });

  it('waits the retry-after the upstream asks for', async () => {
    const started = performance.now();
    const { status } = await ask('retry-fail-429-1-0.3');
    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('moves on to the fallback when the attempts run out, or at once when retry-after is too long', async () => {
    const exhausted = await ask('retry-fail-503-9-0');
    expect(exhausted.status).toBe(200);
    expect(exhausted.body.model).toBe('standby-model');
    expect(upstream.seen.get('retry-fail-503-9-0')).toBe(3);
    const started = performance.now();
    const impatient = await ask('retry-fail-429-9-600');
    expect(impatient.body.model).toBe('standby-model');
    expect(upstream.seen.get('retry-fail-429-9-600')).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('does not retry a status outside the policy, nor a provider without one', async () => {
    const bad = await ask('retry-fail-400-1-0');
    expect(bad.status).toBe(400);
    expect(upstream.seen.get('retry-fail-400-1-0')).toBe(1);
    const plain = await ask('plain-fail-503-1-0');
    expect(plain.status).toBe(503);
    expect(upstream.seen.get('plain-fail-503-1-0')).toBe(1);
  });
});

async function startFlakyUpstream() {
  const seen = new Map<string, number>();
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const model = (JSON.parse(text) as { model: string }).model;
    const count = (seen.get(model) ?? 0) + 1;
    seen.set(model, count);
    const [, status, times, after] = /fail-(\d+)-(\d+)-([\d.]+)/.exec(model) ?? [];
    if (status && count <= Number(times)) {
      res.writeHead(Number(status), { 'content-type': 'application/json', 'retry-after': String(after) });
      res.end(
        JSON.stringify({ error: { message: `failure ${count}`, type: 'server_error', param: null, code: null } }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
