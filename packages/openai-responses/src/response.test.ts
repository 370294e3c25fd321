import type { ChatResponse } from '@interlingua/core';
import { WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse } from './index.ts';

const base = { id: 'resp_1', object: 'response', created_at: 1, model: 'gpt-5', error: null, incomplete_details: null };

describe('decodeResponse', () => {
  it('derives finish reasons from status and output', () => {
    const finish = (wire: object): unknown => decodeResponse({ ...base, ...wire }).value.choices[0]?.finishReason;
    const call = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'f',
      arguments: '{}',
      status: 'completed',
    };
    expect(finish({ status: 'completed', output: [] })).toEqual({ reason: 'stop', raw: 'completed' });
    expect(finish({ status: 'completed', output: [call] })).toEqual({ reason: 'tool-calls', raw: 'completed' });
    expect(finish({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] })).toEqual({
      reason: 'length',
      raw: 'incomplete:max_output_tokens',
    });
    expect(
      finish({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] }),
    ).toMatchObject({ reason: 'content-filter' });
    expect(finish({ status: 'in_progress', output: [] })).toBeUndefined();
  });

  it('fills response.error for failed responses', () => {
    const { value } = decodeResponse({
      ...base,
      status: 'failed',
      error: { code: 'rate_limit_exceeded', message: 'slow' },
      output: [],
    });
    expect(value.error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'slow',
    });
    expect(value.choices[0]?.finishReason).toEqual({ reason: 'error', raw: 'failed' });
  });

  it('keeps usage semantics (cached inside input, reasoning inside output)', () => {
    const usage = {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 40, cache_write_tokens: 10 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 30 },
      total_tokens: 150,
    };
    const { value } = decodeResponse({ ...base, status: 'completed', output: [], usage });
    expect(value.usage).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
      cacheReadTokens: 40,
      cacheWriteTokens: 10,
      reasoningTokens: 30,
      raw: { format: 'openai-responses', value: usage },
    });
  });

  it('rejects a wrongly typed output with its path', () => {
    expect(() => decodeResponse({ ...base, output: [{ type: 'function_call', call_id: 1 }] })).toThrow(WireFormatError);
    expect(() => decodeResponse({ ...base, output: 'x' })).toThrow(expect.objectContaining({ path: ['output'] }));
  });
});

describe('encodeResponse from other formats', () => {
  it('writes citations, refusals and tool calls with invented ids and derived status', () => {
    const response: ChatResponse = {
      id: 'msg_01',
      model: 'claude',
      created: 5,
      choices: [
        {
          index: 0,
          content: [
            {
              type: 'text',
              text: 'See docs.',
              citations: [{ type: 'url', url: 'https://a', title: 'A', startIndex: 0, endIndex: 3 }],
            },
            { type: 'server-tool-call', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
            { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
          ],
          finishReason: { reason: 'length' },
        },
      ],
    };
    const { value, losses } = encodeResponse(response);
    expect(losses.map((l) => [l.code, l.feature])).toEqual([['approximated', 'server-tool']]);
    expect(value).toMatchObject({
      id: 'msg_01',
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      usage: null,
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [
            {
              type: 'output_text',
              text: 'See docs.',
              annotations: [{ type: 'url_citation', url: 'https://a', title: 'A', start_index: 0, end_index: 3 }],
            },
          ],
        },
        { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } },
        { type: 'function_call', call_id: 'toolu_1', name: 'f', arguments: '{}', status: 'completed' },
      ],
    });
    const output = (value as { output: { id: string }[] }).output;
    expect(output.map((o) => o.id.slice(0, 3))).toEqual(['msg', 'ws_', 'fc_']);
  });
});
