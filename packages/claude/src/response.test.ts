import { type JsonObject, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse } from './response.ts';

const message = (over: JsonObject): JsonObject => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-opus-4-6',
  content: [{ type: 'text', text: 'hi' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
  ...over,
});

describe('decodeResponse', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['pause_turn', 'pause'],
    ['refusal', 'content-filter'],
    ['compaction', 'other'],
    ['some_future_reason', 'other'],
  ])('maps stop_reason %s to %s and back', (stopReason, reason) => {
    const wire = message({ stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' ? '###' : null });
    const { value } = decodeResponse(wire);
    expect(value.choices[0]?.finishReason).toMatchObject({ reason, raw: stopReason });
    if (stopReason === 'stop_sequence') expect(value.choices[0]?.finishReason?.stopSequence).toBe('###');
    expect(encodeResponse(value)).toEqual({ value: wire, losses: [] });
  });

  it('keeps stop_details and container with the choice', () => {
    const details = { type: 'refusal', category: 'cyber', explanation: null };
    const wire = message({ stop_reason: 'refusal', stop_details: details, container: { id: 'c', expires_at: 'x' } });
    const { value } = decodeResponse(wire);
    expect(value.choices[0]?.extensions?.claude).toMatchObject({ stop_details: details });
    expect(encodeResponse(value).value).toEqual(wire);
  });

  it('counts cached input inside inputTokens and keeps the 5m / 1h split', () => {
    const usage = {
      input_tokens: 10,
      cache_creation_input_tokens: 400,
      cache_read_input_tokens: 1000,
      cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 100 },
      output_tokens: 50,
      output_tokens_details: { thinking_tokens: 20 },
      server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 },
      service_tier: 'priority',
    };
    const { value } = decodeResponse(message({ usage }));
    expect(value.usage).toMatchObject({
      inputTokens: 1410,
      outputTokens: 50,
      cacheReadTokens: 1000,
      cacheWriteTokens: 400,
      cacheWriteByTtl: { '5m': 300, '1h': 100 },
      reasoningTokens: 20,
      serverToolUse: { webSearchRequests: 2, webFetchRequests: 1 },
    });
    expect(value.serviceTier).toBe('priority');
    const { raw: _raw, ...foreign } = value.usage!;
    expect((encodeResponse({ ...value, usage: foreign }).value as JsonObject).usage).toEqual({
      input_tokens: 10,
      cache_creation_input_tokens: 400,
      cache_read_input_tokens: 1000,
      cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 100 },
      output_tokens: 50,
      output_tokens_details: { thinking_tokens: 20 },
      server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 },
      service_tier: 'priority',
    });
  });

  it('keeps blocks of unknown types in place', () => {
    const wire = message({
      content: [
        { type: 'text', text: 'a' },
        { type: 'container_upload', file_id: 'f1' },
        { type: 'text', text: 'b' },
      ],
    });
    const { value } = decodeResponse(wire);
    expect(value.choices[0]?.content).toHaveLength(2);
    expect(encodeResponse(value).value).toEqual(wire);
  });

  it('maps server tool blocks to neutral kinds with the wire names kept', () => {
    const wire = message({
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: [
            { type: 'web_search_result', url: 'https://a', title: 'A', encrypted_content: 'e', page_age: null },
          ],
        },
        {
          type: 'text',
          text: 'A says',
          citations: [
            { type: 'web_search_result_location', url: 'https://a', title: 'A', cited_text: 'x', encrypted_index: 'i' },
          ],
        },
      ],
    });
    const { value } = decodeResponse(wire);
    expect(value.choices[0]?.content[1]).toMatchObject({
      type: 'server-tool-result',
      name: 'web_search',
      sources: [{ url: 'https://a', title: 'A' }],
    });
    expect(value.choices[0]?.content[2]).toMatchObject({
      citations: [{ type: 'url', url: 'https://a', citedText: 'x' }],
    });
    expect(encodeResponse(value).value).toEqual(wire);
  });

  it('throws a WireFormatError naming the path', () => {
    expect(() => decodeResponse(message({ content: [{ type: 'tool_use', id: 1 }] }))).toThrow(WireFormatError);
    expect(() => decodeResponse({ ...message({}), usage: undefined })).toThrow(/usage/);
    expect(() => decodeResponse(null)).toThrow(WireFormatError);
  });
});

describe('encodeResponse from other formats', () => {
  it('drops extra choices, foreign reasoning and logprobs with losses', () => {
    const { value, losses } = encodeResponse({
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'hmm' },
            { type: 'text', text: 'x', citations: [{ type: 'url', url: 'https://u', startIndex: 0, endIndex: 1 }] },
          ],
          finishReason: { reason: 'error' },
          logprobs: [],
        },
        { index: 1, content: [] },
      ],
    });
    expect(value).toMatchObject({
      id: 'msg_interlingua',
      content: [
        {
          type: 'text',
          text: 'x',
          citations: [{ type: 'web_search_result_location', url: 'https://u', cited_text: '' }],
        },
      ],
      stop_reason: 'end_turn',
      usage: { input_tokens: 0, output_tokens: 0 },
    });
    expect(losses.map((l) => l.feature)).toEqual([
      'choices',
      'reasoning.text',
      'content.citations',
      'finish-reason',
      'usage.counts',
      'logprobs',
    ]);
  });
});
