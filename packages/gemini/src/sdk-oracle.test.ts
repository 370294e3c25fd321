import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GoogleGenAI } from '@google/genai';
import { type ChatResponse, collect, type StreamEvent, type WireEvent } from '@interlingua/core';
import { loadFixtures, readJsonLines } from '@interlingua/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeError } from './error.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder, createStreamEncoder, formatGeminiSse } from './stream.ts';
import { parseSse } from './test-support/sse.ts';

const dir = fileURLToPath(new URL('../fixtures', import.meta.url));

/** What both sides must agree on: the visible text and the function calls. */
function summary(response: ChatResponse) {
  const content = response.choices[0]?.content ?? [];
  return {
    text: content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''),
    calls: content.flatMap((p) => (p.type === 'tool-call' ? [{ name: p.name, args: JSON.parse(p.arguments) }] : [])),
  };
}

function encodeSse(events: StreamEvent[]): string {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()].map(formatGeminiSse).join('');
}

function decodeAll(wire: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...wire.flatMap((w) => decoder.push(w)), ...decoder.end()];
}

/** A client whose fetch answers every call with `body`. */
function clientAnswering(body: string, contentType: string, status = 200): GoogleGenAI {
  const fetch = async () => new Response(body, { status, headers: { 'content-type': contentType } });
  return new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: 'http://127.0.0.1:1', fetch } });
}

async function sdkStream(ai: GoogleGenAI) {
  let text = '';
  const calls: { name: string | undefined; args: unknown }[] = [];
  for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' })) {
    const parts = chunk.candidates?.[0]?.content?.parts ?? [];
    text += parts
      .filter((p) => typeof p.text === 'string' && !p.thought)
      .map((p) => p.text)
      .join('');
    for (const call of chunk.functionCalls ?? []) calls.push({ name: call.name, args: call.args ?? {} });
  }
  return { text, calls };
}

// A stream as another format would hand it over: reasoning, text in pieces, a streamed tool call.
const foreign: StreamEvent[] = [
  { type: 'message-start', id: 'msg_1', model: 'claude-x' },
  { type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } },
  { type: 'block-delta', index: 0, delta: { type: 'reasoning', text: 'thinking…' } },
  { type: 'block-delta', index: 0, delta: { type: 'signature', format: 'claude', value: 'sig' } },
  { type: 'block-end', index: 0 },
  { type: 'block-start', index: 1, part: { type: 'text', text: '' } },
  { type: 'block-delta', index: 1, delta: { type: 'text', text: 'Hello, ' } },
  { type: 'block-delta', index: 1, delta: { type: 'text', text: 'wörld 🌍' } },
  { type: 'block-end', index: 1 },
  { type: 'block-start', index: 2, part: { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '' } },
  { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '{"city":' } },
  { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '"Paris"}' } },
  { type: 'block-end', index: 2 },
  { type: 'usage', usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 5 } },
  { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_use' } },
  { type: 'message-end' },
];

describe('@google/genai consumes our encoded output', () => {
  let server: ReturnType<typeof createServer>;
  let baseUrl = '';
  const body = encodeSse(foreign);
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Several writes, as a real server streams.
      for (const piece of body.split('\r\n\r\n').filter(Boolean)) res.write(`${piece}\r\n\r\n`);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('streams a foreign-sourced stream over real HTTP', async () => {
    const ai = new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl } });
    const sdk = await sdkStream(ai);
    const ours = summary(collect(decodeAll(parseSse(body))));
    expect(sdk).toEqual(ours);
    expect(sdk).toEqual({ text: 'Hello, wörld 🌍', calls: [{ name: 'get_weather', args: { city: 'Paris' } }] });
  });

  it('raises our error envelope with its status', async () => {
    const { status, body } = encodeError({ kind: 'authentication', status: 401, message: 'API key not valid.' });
    const ai = clientAnswering(JSON.stringify(body), 'application/json', status);
    await expect(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('API key not valid.'),
    });
  });

  it('raises our mid-stream error chunk as an error', async () => {
    const events: StreamEvent[] = [
      ...foreign.slice(0, 7),
      { type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } },
    ];
    const ai = clientAnswering(encodeSse(events), 'text/event-stream');
    await expect(sdkStream(ai)).rejects.toThrow(/Overloaded/);
  });

  for (const fixture of loadFixtures(dir).filter((f) => f.kind === 'sse' || f.kind === 'chunks')) {
    it(`streams re-encoded ${fixture.name}`, async () => {
      const wire =
        fixture.kind === 'sse'
          ? parseSse(fixture.bytes)
          : readJsonLines(fixture.bytes).map((c) => ({ data: JSON.stringify(c) }));
      const events = decodeAll(wire);
      const sdk = await sdkStream(clientAnswering(encodeSse(events), 'text/event-stream'));
      expect(sdk).toEqual(summary(collect(events)));
    });
  }

  for (const fixture of loadFixtures(dir).filter((f) => f.kind === 'response' && !f.name.startsWith('error'))) {
    it(`reads re-encoded ${fixture.name} with generateContent`, async () => {
      const decoded = decodeResponse(JSON.parse(fixture.bytes.toString('utf8'))).value;
      const ai = clientAnswering(JSON.stringify(encodeResponse(decoded).value), 'application/json');
      const result = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
      const parts = result.candidates?.[0]?.content?.parts ?? [];
      const ours = summary(decoded);
      expect(
        parts
          .filter((p) => typeof p.text === 'string' && !p.thought)
          .map((p) => p.text)
          .join(''),
      ).toBe(ours.text);
      expect((result.functionCalls ?? []).map((c) => ({ name: c.name, args: c.args }))).toEqual(ours.calls);
      expect(result.usageMetadata).toEqual(decoded.usage?.raw?.value);
    });
  }
});
