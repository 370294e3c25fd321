import type { Loss, StreamEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamEncoder } from './stream-encoder.ts';
import { encodeAll } from './test-support/sse.ts';
import { validateStream } from './validate.ts';

const start: StreamEvent = { type: 'message-start', id: 'chatcmpl-9', model: 'm', created: 5 };
const payloads = (events: StreamEvent[], options = {}) =>
  encodeAll(createStreamEncoder(options), events).map((e) => (e.data === '[DONE]' ? e.data : JSON.parse(e.data)));
const env = { id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 5, model: 'm' };

describe('createStreamEncoder', () => {
  it('writes a role chunk, content deltas, the finish chunk, the usage chunk and [DONE]', () => {
    expect(
      payloads([
        start,
        { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
        {
          type: 'block-delta',
          index: 0,
          delta: { type: 'text', text: 'Hi' },
          logprobs: [{ token: 'Hi', logprob: -1 }],
        },
        { type: 'block-end', index: 0 },
        { type: 'finish', finishReason: { reason: 'stop' } },
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 1 } },
        { type: 'message-end' },
      ]),
    ).toEqual([
      {
        ...env,
        choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, finish_reason: null }],
      },
      {
        ...env,
        choices: [
          {
            index: 0,
            delta: { content: 'Hi' },
            finish_reason: null,
            logprobs: { content: [{ token: 'Hi', logprob: -1 }], refusal: null },
          },
        ],
      },
      { ...env, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...env, choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
      '[DONE]',
    ]);
  });

  it('writes each tool call as a first fragment with id, type, name and empty arguments, then argument fragments', () => {
    const out = payloads([
      start,
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'call_a', name: 'a', arguments: '' } },
      { type: 'block-start', index: 1, part: { type: 'tool-call', id: 'call_b', name: 'b', arguments: '{}' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"x":1}' } },
      { type: 'block-end', index: 0 },
      { type: 'block-end', index: 1 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ]);
    expect(out.map((c) => (typeof c === 'string' ? c : c.choices[0]?.delta))).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } }],
        refusal: null,
      },
      { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] },
      {},
      '[DONE]',
    ]);
    expect(out[4].choices[0].finish_reason).toBe('tool_calls');
  });

  it('writes reasoning as reasoning_content by default, as configured otherwise, and drops foreign signatures', () => {
    const events: StreamEvent[] = [
      start,
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'reasoning', text: 'hmm' } },
      { type: 'block-delta', index: 0, delta: { type: 'signature', format: 'claude', value: 'EqQB' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'stop', raw: 'end_turn' } },
      { type: 'message-end' },
    ];
    const seen: Loss[] = [];
    const encoder = createStreamEncoder({ onLoss: (loss) => seen.push(loss) });
    const out = encodeAll(encoder, events).map((e) => e.data);
    expect(out[1]).toContain('"reasoning_content":"hmm"');
    expect(encoder.losses.map((l) => l.feature)).toEqual(['reasoning.signature']);
    expect(seen).toEqual(encoder.losses);
    expect(JSON.stringify(payloads(events, { reasoningField: 'reasoning' }))).toContain('"reasoning":"hmm"');
    expect(JSON.stringify(payloads(events, { reasoningField: 'none' }))).not.toContain('hmm');
  });

  it('completes a block from an authoritative block-end part (text no delta carried)', () => {
    const out = payloads([
      start,
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'c', name: 'f', arguments: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"a"' } },
      { type: 'block-end', index: 0, part: { type: 'tool-call', id: 'c', name: 'f', arguments: '{"a":1}' } },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ]);
    expect(out[2].choices[0].delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] });
  });

  it('writes a mid-stream error as an error payload with no [DONE] after it', () => {
    const out = payloads([start, { type: 'error', error: { kind: 'rate_limit', status: 429, message: 'slow' } }]);
    expect(out).toEqual([{ error: { message: 'slow', type: 'requests', param: null, code: 'rate_limit_exceeded' } }]);
  });

  it('closes a stream cut short upstream with an error payload', () => {
    const out = payloads([start, { type: 'block-start', index: 0, part: { type: 'text', text: 'x' } }]);
    expect(out.at(-1)).toMatchObject({ error: { type: 'server_error' } });
  });

  it('omits the usage chunk with includeUsage: false and writes choices of n > 1 by index', () => {
    const out = payloads(
      [
        start,
        { type: 'block-start', index: 0, choice: 1, part: { type: 'text', text: 'b' } },
        { type: 'finish', choice: 1, finishReason: { reason: 'length' } },
        { type: 'usage', usage: { inputTokens: 1 } },
        { type: 'message-end' },
      ],
      { includeUsage: false },
    );
    expect(out.map((c) => (typeof c === 'string' ? c : c.choices[0]?.index))).toEqual([1, 1, 1, '[DONE]']);
  });
  it('writes a tool-calls finish on a choice without tool calls as stop, reporting the finish reason', () => {
    const encoder = createStreamEncoder();
    const out = encodeAll(encoder, [
      start,
      { type: 'block-start', index: 0, part: { type: 'text', text: 'Searching.' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_use' } },
      { type: 'message-end' },
    ]);
    expect(JSON.parse(out[2]!.data).choices[0].finish_reason).toBe('stop');
    expect(encoder.losses).toMatchObject([{ code: 'approximated', path: ['finish', 0], feature: 'finish-reason' }]);
    expect(validateStream(out).valid).toBe(true);
    const withCall = payloads([
      start,
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'call_a', name: 'a', arguments: '{}' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_use' } },
      { type: 'message-end' },
    ]);
    expect(withCall.at(-2).choices[0].finish_reason).toBe('tool_calls');
  });

  it('writes no chunk for an empty argument fragment, keeping the first fragment with arguments ""', () => {
    const out = payloads([
      start,
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'toolu_1', name: 'a', arguments: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"x":1}' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ]);
    expect(out.map((c) => (typeof c === 'string' ? c : c.choices[0]?.delta))).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'a', arguments: '' } }],
        refusal: null,
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] },
      {},
      '[DONE]',
    ]);
  });

  it('writes an error that arrives before message-start as a valid terminal error payload', () => {
    const encoder = createStreamEncoder();
    const out = encodeAll(encoder, [{ type: 'error', error: { kind: 'overloaded', status: 529, message: 'busy' } }]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!.data)).toMatchObject({ error: { message: 'busy', type: expect.any(String) } });
    expect(validateStream(out)).toEqual({ valid: true, problems: [] });
  });
});
