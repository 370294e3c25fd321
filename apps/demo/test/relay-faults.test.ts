import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChatFormat, createSseTokenizer, type StreamEvent } from '@interlingua/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters.ts';
import { eventually, type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let fake: { server: Server; origin: string; opened: ServerResponse[]; closed: number; flushed: number };

beforeAll(async () => {
  fake = await startFakeUpstream();
  stack = await startStack({}, (sim) => ({
    server: { port: 0, heartbeatMs: 100 },
    providers: [
      { id: 'sim-chat', format: 'openai-chat', baseURL: sim },
      { id: 'sim-claude', format: 'claude', baseURL: sim },
      { id: 'sim-responses', format: 'openai-responses', baseURL: sim },
      { id: 'sim-gemini', format: 'gemini', baseURL: sim },
      { id: 'hasty', format: 'claude', baseURL: sim, timeouts: { firstByteMs: 200 } },
      { id: 'down', format: 'claude', baseURL: 'http://127.0.0.1:9' },
      { id: 'endless', format: 'openai-chat', baseURL: fake.origin },
      { id: 'my-sim', format: 'simulator' },
      { id: 'sleepy', format: 'openai-chat', baseURL: fake.origin, timeouts: { idleMs: 300 } },
    ],
    routes: [
      { match: 'chat/*', provider: 'sim-chat' },
      { match: 'claude/*', provider: 'sim-claude' },
      { match: 'responses/*', provider: 'sim-responses' },
      { match: 'gem-*', provider: 'sim-gemini' },
      { match: 'hasty/*', provider: 'hasty' },
      { match: 'down/*', provider: 'down' },
      { match: 'endless/*', provider: 'endless' },
      { match: 'mine/*', provider: 'my-sim' },
      { match: 'sleepy/*', provider: 'sleepy' },
      { match: 'fallback/*', provider: 'down', fallbacks: [{ provider: 'sim-claude', model: 'claude/standby' }] },
    ],
  }));
});
afterAll(async () => {
  await stack.close();
  fake.server.closeAllConnections();
  fake.server.close();
});

const chat = (model: string, text: string, stream = false) =>
  JSON.stringify({ model, stream, messages: [{ role: 'user', content: text }] });
const claude = (model: string, text: string, stream = false) =>
  JSON.stringify({ model, stream, max_tokens: 200, messages: [{ role: 'user', content: text }] });

async function post(path: string, body: string) {
  const response = await fetch(stack.origin + path, { method: 'POST', body });
  return { status: response.status, text: await response.text() };
}

describe('errors before the stream', () => {
  it('re-envelopes an upstream error in the client format, with its status', async () => {
    const converted = await post('/v1/chat/completions', chat('claude/m', 'fail [sim:error 429]'));
    expect(converted.status).toBe(429);
    expect(JSON.parse(converted.text)).toMatchObject({ error: { message: 'simulated error 429' } });
    const passed = await post('/v1/messages', claude('claude/m', 'fail [sim:error 529]'));
    expect(passed.status).toBe(529);
    expect(JSON.parse(passed.text)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('answers 404 in the client envelope for a model no route matches', async () => {
    const chatMiss = await post('/v1/chat/completions', chat('nowhere', 'hi'));
    expect(chatMiss.status).toBe(404);
    expect(JSON.parse(chatMiss.text)).toMatchObject({ error: { message: 'no route matches the model "nowhere"' } });
    const geminiMiss = await post('/v1beta/models/nowhere:generateContent', JSON.stringify({ contents: [] }));
    expect(JSON.parse(geminiMiss.text)).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    expect((await fetch(`${stack.origin}/v1/models/nowhere`)).status).toBe(404);
  });

  it('answers 502 when the upstream is unreachable and 504 when it is too slow', async () => {
    const down = await post('/v1/chat/completions', chat('down/m', 'hi'));
    expect(down.status).toBe(502);
    expect(down.text).toContain('refused');
    const slow = await post('/v1/messages', claude('hasty/m', 'wait [sim:delay 1500]'));
    expect(slow.status).toBe(504);
    expect(JSON.parse(slow.text)).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
  });
});

describe('providers', () => {
  it('treats a declared simulator provider without baseURL as the built-in simulator', async () => {
    const answer = await post('/v1/messages', claude('mine/x', 'hello mine'));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'message', model: 'mine/x' });
  });
});

describe('fallbacks', () => {
  it('tries the next provider when one fails before answering', async () => {
    const answer = await post('/v1/chat/completions', chat('fallback/m', 'hi'));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('simulator (claude/standby)');
    await eventually(() =>
      expect(stack.logs.find((l) => l.model === 'fallback/m')).toMatchObject({
        provider: 'sim-claude',
        upstreamModel: 'claude/standby',
        attempts: 2,
        status: 200,
      }),
    );
  });
});

describe('errors in the middle of a stream', () => {
  it('passes a mid-stream error event through, and converts it across formats', async () => {
    const passed = await post('/v1/messages', claude('claude/m', 'go [sim:fail-mid-stream]', true));
    expect(passed.status).toBe(200);
    expect(passed.text).toContain('event: error');
    expect(passed.text).toContain('overloaded_error');
    const converted = await post('/v1/chat/completions', chat('claude/m', 'go [sim:fail-mid-stream]', true));
    expect(converted.status).toBe(200);
    expect(converted.text).toMatch(/data: \{"error":\{[^\n]*simulated mid-stream failure/);
  });

  it('answers a plain HTTP error when the stream breaks before its first event', async () => {
    const broken = await post('/v1/messages', claude('endless/m', 'hangup', true));
    // Claude's envelope has no 502: the adapter answers a server-side failure as 500 api_error.
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.text)).toMatchObject({
      type: 'error',
      error: { message: expect.stringContaining('closed') },
    });
    // The stream's heartbeat (every 100 ms here) must not outlive the error answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${stack.origin}/health`)).status).toBe(200);
  });

  it('ends a stream whose upstream disconnects with an error event and a clean close', async () => {
    for (const [path, body] of [
      ['/v1/chat/completions', chat('claude/m', 'go [sim:disconnect]', true)],
      ['/v1/chat/completions', chat('chat/m', 'go [sim:disconnect]', true)],
      ['/v1/messages', claude('claude/m', 'go [sim:disconnect]', true)],
    ] as const) {
      const { status, text } = await post(path, body);
      expect(status).toBe(200);
      expect(text).toMatch(/"error"/);
      expect(text).toContain('You said');
    }
    await eventually(() =>
      expect(stack.logs.filter((l) => l.error?.startsWith('upstream stream broke'))).toHaveLength(3),
    );
  });
});

describe('pass-through streams', () => {
  // One request per format, relayed to an upstream of the same format: path, body and model. Each call
  // gets its own model name (`name`), so that its log line is told apart from the others'.
  const requests = (text: string, name: string) =>
    [
      ['openai-chat', '/v1/chat/completions', chat(`chat/${name}`, text, true), `chat/${name}`],
      ['claude', '/v1/messages', claude(`claude/${name}`, text, true), `claude/${name}`],
      [
        'openai-responses',
        '/v1/responses',
        JSON.stringify({ model: `responses/${name}`, stream: true, input: text }),
        `responses/${name}`,
      ],
      [
        'gemini',
        `/v1beta/models/gem-${name}:streamGenerateContent?alt=sse`,
        JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
        `gem-${name}`,
      ],
    ] as const;

  // What the client got, read back with the format's own decoder.
  const decode = (format: ChatFormat, text: string) => {
    const decoder = ADAPTERS[format].stream.createDecoder();
    const wire = createSseTokenizer().feed(new TextEncoder().encode(text));
    const events: StreamEvent[] = [];
    for (const event of wire) events.push(...decoder.push(event));
    events.push(...decoder.end());
    return { events, wire };
  };

  it('log the usage of every format without converting the stream', async () => {
    for (const [format, path, body, model] of requests('count my tokens', 'usage')) {
      const { status, text } = await post(path, body);
      expect(status, format).toBe(200);
      const { events } = decode(format, text);
      expect(events.at(-1)?.type, format).toBe('message-end');
      await eventually(() => {
        const entry = stack.logs.find((l) => l.model === model);
        expect(entry?.passThrough, format).toBe(true);
        expect(entry?.inputTokens, format).toBeGreaterThan(0);
        expect(entry?.outputTokens, format).toBeGreaterThan(0);
      });
    }
  });

  it('end with an error tail in their own grammar when the upstream disconnects', async () => {
    for (const [format, path, body] of requests('go [sim:disconnect]', 'cut')) {
      const { status, text } = await post(path, body);
      expect(status, format).toBe(200);
      expect(text, format).toContain('You said');
      const { events, wire } = decode(format, text);
      const last = events.at(-1);
      expect(last?.type, format).toBe('error');
      if (last?.type === 'error') expect(last.error.message, format).toMatch(/^upstream stream broke/);
      if (format === 'openai-responses') {
        // The tail continues the upstream's numbering.
        const numbers = wire.map((event) => (JSON.parse(event.data) as { sequence_number: number }).sequence_number);
        expect(numbers).toEqual(numbers.map((_, i) => i));
        expect(wire.at(-1)?.event).toBe('response.failed');
      }
    }
  });
});

describe('flow control', () => {
  it('aborts the upstream request as soon as the client goes away', async () => {
    const controller = new AbortController();
    const closedBefore = fake.closed;
    const response = await fetch(stack.origin + '/v1/chat/completions', {
      method: 'POST',
      body: chat('endless/m', 'slow', true),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await eventually(() => expect(fake.closed).toBe(closedBefore + 1), 3000);
    await eventually(() => expect(stack.logs.at(-1)).toMatchObject({ clientAborted: true, upstream: 'openai-chat' }));
  });

  it('logs 499 when the client leaves before the answer starts', async () => {
    const body = claude('claude/waiting', 'wait [sim:delay 3000]');
    await expect(
      fetch(`${stack.origin}/v1/messages`, { method: 'POST', body, signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    await eventually(() =>
      expect(stack.logs.find((l) => l.model === 'claude/waiting')).toMatchObject({ status: 499, clientAborted: true }),
    );
  });

  it('forwards upstream keep-alive comments during a silence, even across formats', async () => {
    const controller = new AbortController();
    const response = await fetch(`${stack.origin}/v1/messages`, {
      method: 'POST',
      body: claude('endless/quiet', 'quiet', true),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^: still thinking\n\n/);
    controller.abort();
  });

  it('sends its own keep-alive when the upstream says nothing at all', async () => {
    const controller = new AbortController();
    const response = await fetch(`${stack.origin}/v1beta/models/endless/silent:streamGenerateContent?alt=sse`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'silent' }] }] }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^: keep-alive\n\n/);
    controller.abort();
  });

  it('ends a stream whose upstream goes idle too long with a timeout error event', async () => {
    const response = await fetch(`${stack.origin}/v1/messages`, {
      method: 'POST',
      body: claude('sleepy/m', 'silent', true),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain(': keep-alive');
    expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"timeout_error"[^\n]*idle/);
  });

  it('never buffers without bound for a client that does not read', async () => {
    const controller = new AbortController();
    const response = await fetch(stack.origin + '/v1/chat/completions', {
      method: 'POST',
      body: chat('endless/flood', 'flood', true),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    // The client reads nothing: once the socket buffers on the way are full, the gateway must stop
    // pulling, so the upstream stalls on 'drain'. An unbounded relay would keep it flowing at full speed.
    let previous = -1;
    const deadline = Date.now() + 5000;
    while (fake.flushed !== previous && Date.now() < deadline) {
      previous = fake.flushed;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(fake.flushed).toBe(previous);
    expect(fake.flushed).toBeLessThan(64 * 1024 * 1024);
    controller.abort();
    await eventually(() =>
      expect(stack.logs.find((l) => l.model === 'endless/flood')).toMatchObject({ clientAborted: true }),
    );
  });
});

/** An OpenAI-chat upstream that never ends: slowly (model `…/m`) or as fast as flow control lets it (`…/flood`). */
async function startFakeUpstream() {
  const state = { opened: [] as ServerResponse[], closed: 0, flushed: 0 };
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const flood = body.includes('flood');
    const quiet = body.includes('quiet');
    const silent = body.includes('silent');
    res.on('close', () => state.closed++);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    if (body.includes('hangup')) {
      // Headers, then nothing: the stream breaks before its first event.
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    const chunk = (text: string) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
    const payload = chunk('x'.repeat(16 * 1024));
    while (!res.destroyed && !silent) {
      if (flood) {
        const ok = res.write(payload);
        state.flushed += payload.length;
        if (!ok) await drained(res);
      } else {
        res.write(quiet ? ': still thinking\n\n' : chunk('tick '));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, { server, origin });
}

/** Resolves on 'drain' or 'close', removing both listeners either way. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
