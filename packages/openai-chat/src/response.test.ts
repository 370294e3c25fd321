import { type ChatResponse, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse } from './response.ts';
import { validateResponse } from './validate.ts';

const wire = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o-search-preview',
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      logprobs: {
        content: [
          {
            token: 'Hi',
            logprob: -0.1,
            bytes: [72, 105],
            top_logprobs: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105] }],
          },
        ],
        refusal: null,
      },
      message: {
        role: 'assistant',
        content: 'Hi from Paris',
        refusal: null,
        annotations: [
          { type: 'url_citation', url_citation: { url: 'https://p.test', title: 'P', start_index: 8, end_index: 13 } },
        ],
      },
    },
    {
      index: 1,
      finish_reason: 'content_filter',
      logprobs: null,
      message: { role: 'assistant', content: null, refusal: 'I cannot.' },
    },
    {
      index: 2,
      finish_reason: 'length',
      message: {
        role: 'assistant',
        content: null,
        reasoning_content: 'thinking',
        audio: { id: 'audio_1', data: 'UklG', expires_at: 1700003600, transcript: 'hello' },
      },
    },
  ],
  usage: {
    prompt_tokens: 100,
    completion_tokens: 50,
    total_tokens: 150,
    prompt_tokens_details: { cached_tokens: 40, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 20, accepted_prediction_tokens: 3, rejected_prediction_tokens: 1 },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_1',
};

describe('decodeResponse', () => {
  it('keeps every choice with its index, citations, logprobs, refusal, reasoning and audio', () => {
    const { value, losses } = decodeResponse(wire);
    expect(losses).toEqual([]);
    expect(value.choices.map((c) => [c.index, c.content, c.finishReason])).toEqual([
      [
        0,
        [
          {
            type: 'text',
            text: 'Hi from Paris',
            citations: [{ type: 'url', url: 'https://p.test', title: 'P', startIndex: 8, endIndex: 13 }],
          },
        ],
        { reason: 'stop', raw: 'stop' },
      ],
      [1, [{ type: 'refusal', text: 'I cannot.' }], { reason: 'content-filter', raw: 'content_filter' }],
      [
        2,
        [
          { type: 'reasoning', text: 'thinking' },
          {
            type: 'audio',
            source: { type: 'base64', mediaType: 'audio/wav', data: 'UklG' },
            id: 'audio_1',
            transcript: 'hello',
            expiresAt: 1700003600,
          },
        ],
        { reason: 'length', raw: 'length' },
      ],
    ]);
    expect(value.choices[0]?.logprobs).toEqual([
      { token: 'Hi', logprob: -0.1, bytes: [72, 105], topLogprobs: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105] }] },
    ]);
    expect(value.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
      cacheReadTokens: 40,
      reasoningTokens: 20,
      raw: { format: 'openai-chat', value: wire.usage },
    });
    expect(value.serviceTier).toBe('default');
    expect(encodeResponse(value).value).toEqual(wire);
  });

  it('reads a stop that carries tool calls as tool-calls (keeping the raw value)', () => {
    const body = {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
        },
      ],
    };
    const { value } = decodeResponse(body);
    expect(value.choices[0]?.finishReason).toEqual({ reason: 'tool-calls', raw: 'stop' });
    expect(encodeResponse(value).value).toEqual(body);
  });

  it('rejects a body without choices, naming the path', () => {
    expect(() => decodeResponse({ id: 'x' })).toThrow(WireFormatError);
    try {
      decodeResponse({ choices: [{ index: 0, message: { content: 5 } }] });
    } catch (error) {
      expect((error as WireFormatError).path).toEqual(['choices', 0, 'message', 'content']);
    }
  });
});

describe('encodeResponse from other formats', () => {
  const foreign: ChatResponse = {
    id: 'msg_1',
    model: 'claude-x',
    choices: [
      {
        index: 0,
        content: [
          { type: 'reasoning', text: 'hmm', signature: { format: 'claude', value: 'EqQB' } },
          { type: 'text', text: 'Paris is ' },
          {
            type: 'text',
            text: 'the capital.',
            citations: [{ type: 'url', url: 'https://w.test', title: 'W', citedText: 'capital' }],
          },
          { type: 'server-tool-call', id: 'srvtoolu_1', name: 'web_search', input: { query: 'paris' } },
        ],
        finishReason: { reason: 'pause', raw: 'pause_turn' },
      },
    ],
    usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 2 },
  };

  it('joins text parts (shifting citation offsets), keeps reasoning as reasoning_content and reports losses', () => {
    const { value, losses } = encodeResponse(foreign);
    expect(value).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 0,
      model: 'claude-x',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            reasoning_content: 'hmm',
            content: 'Paris is the capital.',
            refusal: null,
            annotations: [
              {
                type: 'url_citation',
                url_citation: { url: 'https://w.test', title: 'W', start_index: 9, end_index: 21 },
              },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 2 } },
    });
    expect(losses.map((l) => [l.code, l.feature])).toEqual([
      ['approximated', 'content.citations'],
      ['dropped', 'server-tool'],
      ['dropped', 'reasoning.signature'],
      ['approximated', 'finish-reason'],
      ['defaulted', 'usage.counts'],
    ]);
  });
  it('writes a tool-calls finish on a choice without tool calls as stop, reporting the finish reason', () => {
    const response: ChatResponse = {
      id: 'msg_2',
      model: 'claude-x',
      choices: [
        {
          index: 0,
          content: [{ type: 'text', text: 'Looking.' }],
          finishReason: { reason: 'tool-calls', raw: 'tool_use' },
        },
        {
          index: 1,
          content: [{ type: 'tool-call', id: 'call_a', name: 'a', arguments: '{}' }],
          finishReason: { reason: 'tool-calls', raw: 'tool_use' },
        },
      ],
      usage: { inputTokens: 5, outputTokens: 2 },
    };
    const { value, losses } = encodeResponse(response);
    const body = value as { choices: { finish_reason: string }[] };
    expect(body.choices.map((c) => c.finish_reason)).toEqual(['stop', 'tool_calls']);
    expect(losses).toMatchObject([
      { code: 'approximated', path: ['choices', 0, 'finishReason'], feature: 'finish-reason' },
      // The source reported no total: Chat requires one and it is written as input + output.
      { code: 'defaulted', path: ['usage', 'totalTokens'], feature: 'usage.counts' },
    ]);
    expect(validateResponse(value).valid).toBe(true);
  });
});
