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

describe('encodeResponse reports every value it invents or approximates', () => {
  const text = { type: 'text' as const, text: 'Hi' };
  const full = {
    id: 'resp_x',
    created: 1,
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2, cacheReadTokens: 0, reasoningTokens: 0 },
  };
  const lossesOf = (response: ChatResponse): unknown[] =>
    encodeResponse(response).losses.map((l) => [l.code, l.feature, l.path]);

  it('reports finish reasons the status cannot say, and stop sequences', () => {
    const finishing = (finishReason: ChatResponse['choices'][0]['finishReason']): unknown[] =>
      lossesOf({ ...full, choices: [{ index: 0, content: [text], ...(finishReason ? { finishReason } : {}) }] });
    const at = ['choices', 0, 'finishReason'];
    expect(finishing({ reason: 'pause' })).toEqual([['approximated', 'finish-reason', at]]);
    expect(finishing({ reason: 'tool-calls' })).toEqual([['approximated', 'finish-reason', at]]);
    expect(finishing({ reason: 'other' })).toEqual([['approximated', 'finish-reason', at]]);
    expect(finishing(undefined)).toEqual([['defaulted', 'finish-reason', at]]);
    expect(finishing({ reason: 'stop', stopSequence: 'END' })).toEqual([
      ['dropped', 'finish-reason', [...at, 'stopSequence']],
    ]);
    expect(finishing({ reason: 'stop' })).toEqual([]);
  });

  it('reports usage counts, id and creation time it had to invent', () => {
    expect(
      lossesOf({
        choices: [{ index: 0, content: [text], finishReason: { reason: 'stop' } }],
        usage: { inputTokens: 3, outputTokens: 2 },
      }),
    ).toEqual([
      ['defaulted', 'id', ['id']],
      ['defaulted', 'created', ['created']],
      ['defaulted', 'usage.counts', ['usage', 'totalTokens']],
      ['defaulted', 'usage.counts', ['usage', 'cacheReadTokens']],
      ['defaulted', 'usage.counts', ['usage', 'reasoningTokens']],
    ]);
  });

  it('writes a generic error for a failure without one, and reports it', () => {
    const { value, losses } = encodeResponse({
      ...full,
      choices: [{ index: 0, content: [text], finishReason: { reason: 'error' } }],
    });
    expect(value).toMatchObject({ status: 'failed', error: { code: null } });
    expect(losses.map((l) => [l.code, l.feature, l.path])).toEqual([['defaulted', 'error', ['error']]]);
  });

  it('does not read back the item ids and empty summary it invented as values', () => {
    const response: ChatResponse = {
      ...full,
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'think' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
          ],
          finishReason: { reason: 'tool-calls' },
        },
      ],
    };
    const wire = encodeResponse(response).value as { output: { id: string; summary?: unknown }[] };
    expect(wire.output.map((o) => o.id)).toEqual(['rs_x00', 'fc_x01']);
    expect(wire.output[0]?.summary).toEqual([]);
    const back = decodeResponse(wire).value;
    expect(back.choices[0]?.content).toEqual([
      { type: 'reasoning', text: 'think' },
      expect.objectContaining({ type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' }),
    ]);
    expect(back.choices[0]?.content[1]).not.toHaveProperty('itemId');
    // Real item ids are kept, and re-encoding gives the same wire back.
    expect(encodeResponse(back).value).toEqual(wire);
    const real = decodeResponse({
      ...base,
      status: 'completed',
      output: [{ type: 'reasoning', id: 'rs_0123456789abcdef0123456789abcdef', summary: [] }],
    });
    expect(real.value.choices[0]?.content[0]).toMatchObject({ id: 'rs_0123456789abcdef0123456789abcdef' });
  });
});
