import { join } from 'node:path';
import { Anthropic } from '@anthropic-ai/sdk';
import { collect, type StreamEvent } from '@interlingua/core';
import { loadFixtures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from './response.ts';
import { decodeAll, encodeAll } from './test-support/run.ts';
import { chunkStreams, formatSse, parseSse } from './test-support/sse.ts';

/** Runs the official SDK's stream accumulator over an SSE body (no network: a custom fetch). */
async function sdkFinalMessage(body: string): Promise<unknown> {
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.messages.stream({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] });
  // `parsed_output` is the SDK's own structured-output helper field, not part of the wire message.
  const { parsed_output: _parsed, ...message } = await stream.finalMessage();
  return JSON.parse(JSON.stringify(message)) as unknown;
}

const fixtures = loadFixtures(join(import.meta.dirname, '..', 'fixtures'));
const streams = fixtures.flatMap((f) =>
  f.kind === 'sse'
    ? [{ name: f.name, events: parseSse(f.bytes.toString('utf8')) }]
    : f.kind === 'chunks'
      ? chunkStreams(f.bytes.toString('utf8')).map((events, i) => ({ name: `${f.name}#${i}`, events }))
      : [],
);

describe('@anthropic-ai/sdk MessageStream as an oracle', () => {
  for (const stream of streams) {
    it(`accumulates our re-encoded ${stream.name} into the message our collect gives`, async () => {
      const events = decodeAll(stream.events);
      const ours = encodeResponse(collect(events)).value;
      const sdk = await sdkFinalMessage(formatSse(encodeAll(events)));
      expect(sdk).toEqual(ours);
    });
  }

  it('accumulates a foreign stream with interleaved tool calls', async () => {
    const events: StreamEvent[] = [
      { type: 'message-start', id: 'chatcmpl-1', model: 'gpt-x' },
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'text', text: 'Checking.' } },
      {
        type: 'block-start',
        index: 1,
        part: { type: 'tool-call', id: 'call_a.1', name: 'get.weather', arguments: '' },
      },
      { type: 'block-start', index: 2, part: { type: 'tool-call', id: 'call_b', name: 'time', arguments: '' } },
      { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '{"tz":' } },
      { type: 'block-delta', index: 1, delta: { type: 'arguments', text: '{"city":"Paris"}' } },
      { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '"UTC"}' } },
      { type: 'block-end', index: 2 },
      { type: 'block-end', index: 0 },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 3, part: { type: 'reasoning', text: 'foreign thoughts' } },
      { type: 'block-end', index: 3 },
      { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_calls' } },
      { type: 'usage', usage: { inputTokens: 50, outputTokens: 20, cacheReadTokens: 10 } },
      { type: 'message-end' },
    ];
    const sdk = (await sdkFinalMessage(formatSse(encodeAll(events)))) as {
      content: unknown[];
      stop_reason: string;
      usage: unknown;
    };
    expect(sdk.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'ilx_call_a-2e-1', name: 'ilx_get-2e-weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'time', input: { tz: 'UTC' } },
    ]);
    expect(sdk.stop_reason).toBe('tool_use');
    expect(sdk.usage).toEqual({
      input_tokens: 40,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: 10,
      output_tokens: 20,
    });
  });
});
