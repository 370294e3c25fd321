import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack } from './support/stack.ts';

let open: Stack;
let locked: Stack;
beforeAll(async () => {
  open = await startStack();
  locked = await startStack({ keys: ['sk-local-1'], server: { host: '127.0.0.1', port: 0, bodyLimitBytes: 2048 } });
});
afterAll(async () => {
  await Promise.all([open.close(), locked.close()]);
});

const chatBody = (model: string, text: string) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: text }] });
const claudeBody = (model: string, text: string) =>
  JSON.stringify({ model, max_tokens: 100, messages: [{ role: 'user', content: text }] });

async function call(origin: string, path: string, init: RequestInit = {}) {
  const response = await fetch(origin + path, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

describe('gateway HTTP surface', () => {
  it('answers /health and puts a request id on every response, keeping a sane incoming one', async () => {
    const health = await call(open.origin, '/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    const missing = await call(open.origin, '/nope', { headers: { 'x-request-id': 'trace-42' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('trace-42');
    expect(missing.json).toMatchObject({ error: { message: 'no route for GET /nope' } });
  });

  it('requires a key in any convention when keys are configured, and answers 401 in the client envelope', async () => {
    const chat = await call(locked.origin, '/v1/chat/completions', { method: 'POST', body: chatBody('m', 'hi') });
    expect(chat.status).toBe(401);
    expect(chat.json).toMatchObject({ error: { message: 'invalid or missing API key' } });
    const claude = await call(locked.origin, '/v1/messages', { method: 'POST', body: claudeBody('m', 'hi') });
    expect(claude.status).toBe(401);
    expect(claude.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const conventions: Record<string, string>[] = [
      { authorization: 'Bearer sk-local-1' },
      { 'x-api-key': 'sk-local-1' },
      { 'x-goog-api-key': 'sk-local-1' },
    ];
    for (const headers of conventions) {
      const ok = await call(locked.origin, '/v1/chat/completions', {
        method: 'POST',
        body: chatBody('m', 'hi'),
        headers,
      });
      expect(ok.status).toBe(200);
    }
    const query = await call(locked.origin, '/v1/messages?key=sk-local-1', {
      method: 'POST',
      body: claudeBody('m', 'hi'),
    });
    expect(query.status).toBe(200);
    const wrong = await call(locked.origin, '/v1/models', { headers: { authorization: 'Bearer sk-local-2' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses bodies over the limit (413) and invalid JSON (400) in the client envelope', async () => {
    const headers = { authorization: 'Bearer sk-local-1' };
    const big = await call(locked.origin, '/v1/messages', {
      method: 'POST',
      headers,
      body: claudeBody('m', 'x'.repeat(4096)),
    });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    const bad = await call(locked.origin, '/v1/chat/completions', { method: 'POST', headers, body: '{"model":' });
    expect(bad.status).toBe(400);
    expect(String((bad.json.error as { message: string }).message)).toContain('not valid JSON');
  });

  it('rejects a request its format adapter cannot read with a 400 naming the path', async () => {
    const bad = await call(open.origin, '/v1/messages', {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: 'hi' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(JSON.stringify(bad.json)).toContain('messages');
  });

  it('lists models in the OpenAI, Anthropic and Gemini shapes', async () => {
    const openai = await call(open.origin, '/v1/models');
    expect(openai.json).toMatchObject({ object: 'list' });
    expect(openai.json.data).toContainEqual(expect.objectContaining({ id: 'interlingua-sim', object: 'model' }));
    const anthropic = await call(open.origin, '/v1/models', { headers: { 'anthropic-version': '2023-06-01' } });
    expect(anthropic.json).toMatchObject({ has_more: false });
    expect(anthropic.json.data).toContainEqual(expect.objectContaining({ id: 'interlingua-sim', type: 'model' }));
    const gemini = await call(open.origin, '/v1beta/models');
    expect(gemini.json.models).toContainEqual(expect.objectContaining({ name: 'models/interlingua-sim' }));
    expect((await call(open.origin, '/v1/models/interlingua-sim')).json).toMatchObject({ id: 'interlingua-sim' });
    expect((await call(open.origin, '/v1beta/models/interlingua-sim')).json).toMatchObject({
      name: 'models/interlingua-sim',
    });
    expect((await call(open.origin, '/v1/models/served-by-a-route')).status).toBe(200);
    expect(
      (await call(locked.origin, '/v1/models/x', { headers: { authorization: 'Bearer sk-local-1' } })).status,
    ).toBe(200);
  });

  it('rewrites the model when the route says so, in pass-through and across formats', async () => {
    const cases: [string, string][] = [
      ['alias-same', 'rewritten'],
      ['alias-claude', 'claude/rewritten'],
    ];
    for (const [model, shown] of cases) {
      const answer = await call(open.origin, '/v1/chat/completions', { method: 'POST', body: chatBody(model, 'hi') });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(`simulator (${shown})`);
    }
  });

  it('counts tokens through the upstream when it speaks Claude, by estimate otherwise', async () => {
    const body = JSON.stringify({
      model: 'claude/x',
      messages: [{ role: 'user', content: 'count these words please' }],
    });
    const relayed = await call(open.origin, '/v1/messages/count_tokens', { method: 'POST', body });
    expect(relayed.status).toBe(200);
    expect(relayed.json).toEqual({ input_tokens: 6 });
    const estimated = await call(open.origin, '/v1/messages/count_tokens', {
      method: 'POST',
      body: body.replace('claude/x', 'openai-chat/x'),
    });
    expect(estimated.json).toEqual({ input_tokens: 6 });
    await eventually(() =>
      expect(open.logs.filter((l) => l.path === '/v1/messages/count_tokens').map((l) => l.passThrough)).toEqual([
        true,
        undefined,
      ]),
    );
  });

  it('counts Gemini tokens through a Gemini upstream and by estimate otherwise', async () => {
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'count these words please' }] }] });
    for (const model of ['gemini/x', 'claude/x']) {
      const counted = await call(open.origin, `/v1beta/models/${model}:countTokens`, { method: 'POST', body });
      expect(counted.status).toBe(200);
      expect(counted.json).toEqual({ totalTokens: 6 });
    }
  });

  it('counts Responses input tokens for the openai SDK, through a Responses upstream and by estimate', async () => {
    const client = new OpenAI({ baseURL: `${open.origin}/v1`, apiKey: 'sk-none', maxRetries: 0 });
    for (const model of ['openai-responses/x', 'claude/x']) {
      const counted = await client.responses.inputTokens.count({ model, input: 'count these words please' });
      expect(counted).toEqual({ object: 'response.input_tokens', input_tokens: 6 });
    }
    await eventually(() =>
      expect(open.logs.filter((l) => l.path === '/v1/responses/input_tokens').map((l) => l.passThrough)).toEqual([
        true,
        undefined,
      ]),
    );
  });

  it('streams the Gemini JSON-array form when the client leaves out alt=sse', async () => {
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'array please' }] }] });
    for (const model of ['gemini/x', 'openai-chat/x']) {
      const streamed = await call(open.origin, `/v1beta/models/${model}:streamGenerateContent`, {
        method: 'POST',
        body,
      });
      expect(streamed.status).toBe(200);
      expect(streamed.headers.get('content-type')).toContain('application/json');
      const chunks = streamed.json as unknown as { candidates?: { content?: { parts?: { text?: string }[] } }[] }[];
      expect(Array.isArray(chunks)).toBe(true);
      const text = chunks.flatMap((c) => c.candidates?.[0]?.content?.parts ?? []).map((p) => p.text ?? '');
      expect(text.join('')).toContain('You said: "array please"');
    }
  });

  it('logs one structured line per request without keys', async () => {
    const converted = await call(locked.origin, '/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-local-1' },
      body: chatBody('claude/model-a', 'log me'),
    });
    // Chat has no max_tokens here and Claude requires one: the adapter's default is reported.
    expect(converted.headers.get('x-interlingua-losses')).toContain('max-tokens');
    await eventually(() => {
      const entry = locked.logs.find((l) => l.model === 'claude/model-a');
      expect(entry?.losses).toContain('max-tokens');
      expect(entry).toMatchObject({
        method: 'POST',
        inbound: 'openai-chat',
        provider: 'sim-claude',
        upstream: 'claude',
        upstreamModel: 'claude/model-a',
        status: 200,
        passThrough: false,
      });
      expect(entry?.latencyMs).toBeGreaterThanOrEqual(0);
      expect(entry?.inputTokens).toBeGreaterThan(0);
      expect(entry?.outputTokens).toBeGreaterThan(0);
    });
    expect(JSON.stringify(locked.logs)).not.toContain('sk-local-1');
  });
});
