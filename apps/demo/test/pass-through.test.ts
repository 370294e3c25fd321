import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack } from './support/stack.ts';

let stack: Stack;
let capture: { server: Server; origin: string; last?: { path: string; headers: IncomingHttpHeaders; body: string } };

beforeAll(async () => {
  capture = await startCapture();
  stack = await startStack({}, () => ({
    server: { port: 0 },
    keys: ['sk-client'],
    providers: [
      { id: 'chat', format: 'openai-chat', baseURL: `${capture.origin}/proxy`, apiKey: 'sk-provider-chat' },
      {
        id: 'claude',
        format: 'claude',
        baseURL: capture.origin,
        apiKey: 'sk-provider-claude',
        headers: { 'x-tenant': 't1' },
      },
    ],
    routes: [
      { match: 'claude-*', provider: 'claude' },
      { match: 'renamed', provider: 'chat', model: 'upstream-name' },
      { match: '*', provider: 'chat' },
    ],
  }));
});
afterAll(async () => {
  await stack.close();
  capture.server.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(stack.origin + path, { method: 'POST', body, headers: { authorization: 'Bearer sk-client', ...headers } });

describe('same-format pass-through', () => {
  it('sends the client body byte for byte, with the provider key instead of the client key', async () => {
    const body = '{"model":"m","messages":[{"role":"user","content":"hi"}],  "vendor_field":{"keep":[1,2]},"n":1}';
    const response = await post('/v1/chat/completions', body);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(CHAT_ANSWER);
    expect(capture.last?.path).toBe('/proxy/v1/chat/completions');
    expect(capture.last?.body).toBe(body);
    expect(capture.last?.headers.authorization).toBe('Bearer sk-provider-chat');
  });

  it('rewrites only the model when the route says so', async () => {
    await post('/v1/chat/completions', '{"model":"renamed","messages":[],"extra":true}');
    expect(JSON.parse(capture.last?.body ?? '')).toEqual({ model: 'upstream-name', messages: [], extra: true });
  });

  it("forwards Claude clients' anthropic headers and the provider's own headers", async () => {
    const body = '{"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}';
    await post('/v1/messages?beta=true', body, { 'anthropic-beta': 'interleaved-thinking-2025-05-14' });
    expect(capture.last?.path).toBe('/v1/messages');
    expect(capture.last?.body).toBe(body);
    expect(capture.last?.headers).toMatchObject({
      'x-api-key': 'sk-provider-claude',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'interleaved-thinking-2025-05-14',
      'x-tenant': 't1',
    });
    await eventually(() => expect(stack.logs.some((l) => l.model === 'claude-x')).toBe(true));
    expect(JSON.stringify(stack.logs)).not.toMatch(/sk-(client|provider)/);
  });
});

const CHAT_ANSWER = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

const CLAUDE_ANSWER = JSON.stringify({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content: [{ type: 'text', text: 'ok' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
});

/** An upstream that records the last request and answers a fixed Chat or Claude body. */
async function startCapture() {
  const state: { last?: { path: string; headers: IncomingHttpHeaders; body: string } } = {};
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    state.last = { path: req.url ?? '', headers: req.headers, body };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.endsWith('/v1/messages') ? CLAUDE_ANSWER : CHAT_ANSWER);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
