import { collect, decodeStream, type StreamEvent, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { decodeAll, encodeAll, formatSseText, readSse } from './test-support/sse.ts';

const env = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
  data: JSON.stringify({ ...env, choices, ...extra }),
});
const delta = (d: Record<string, unknown>, index = 0, extra: Record<string, unknown> = {}) =>
  chunk([{ index, delta: d, finish_reason: null, ...extra }]);
const finish = (reason: string, index = 0) => chunk([{ index, delta: {}, finish_reason: reason }]);
const DONE = { data: '[DONE]' };
const types = (events: StreamEvent[]) => events.map((e) => e.type);

describe('createStreamDecoder', () => {
  it('decodes an SSE byte stream incrementally through readSse and decodeStream', async () => {
    const text = formatSseText([
      delta({ role: 'assistant', content: '' }),
      delta({ content: 'Hé' }),
      finish('stop'),
      DONE,
    ]);
    const bytes = new TextEncoder().encode(text);
    async function* source() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const response = await collect(decodeStream(createStreamDecoder(), readSse(source())));
    expect(response.choices[0]?.content).toEqual([{ type: 'text', text: 'Hé' }]);
  });

  it('maps interleaved parallel tool-call fragments to one block per tool_calls index', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({ role: 'assistant', content: null }),
      delta({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } }] }),
      delta({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{"y"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }),
      delta({ tool_calls: [{ index: 1, function: { arguments: ':2}' } }] }),
      finish('tool_calls'),
      DONE,
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'call_a', name: 'a', arguments: '' } },
      { type: 'block-start', index: 1, part: { type: 'tool-call', id: 'call_b', name: 'b', arguments: '' } },
      { type: 'block-delta', index: 1, delta: { type: 'arguments', text: '{"y"' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"x":1}' } },
      { type: 'block-delta', index: 1, delta: { type: 'arguments', text: ':2}' } },
      { type: 'block-end', index: 0 },
      { type: 'block-end', index: 1 },
      { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_calls' } },
      { type: 'message-end' },
    ]);
  });

  it('pairs tool-call fragments without an index by id, and reads a missing choice index and empty finish_reason leniently', () => {
    const raw = (choice: Record<string, unknown>) => ({ data: JSON.stringify({ ...env, choices: [choice] }) });
    const events = decodeAll(createStreamDecoder(), [
      raw({
        delta: { role: 'assistant', tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{"x"' } }] },
        finish_reason: '',
      }),
      raw({ delta: { tool_calls: [{ function: { arguments: ':1}' } }] } }),
      raw({ delta: { tool_calls: [{ id: 'b', function: { name: 'g', arguments: '{}' } }] } }),
      raw({ delta: {}, finish_reason: 'tool_calls' }),
    ]);
    expect(collect(events).choices[0]?.content).toEqual([
      { type: 'tool-call', id: 'a', name: 'f', arguments: '{"x":1}' },
      { type: 'tool-call', id: 'b', name: 'g', arguments: '{}' },
    ]);
  });

  it('keeps each choice of an n > 1 stream, with logprobs on the deltas', () => {
    const lp = { content: [{ token: 'A', logprob: -0.5, bytes: [65], top_logprobs: [] }], refusal: null };
    const events = decodeAll(createStreamDecoder(), [
      delta({ role: 'assistant', content: '' }, 0),
      delta({ role: 'assistant', content: '' }, 1),
      delta({ content: 'A' }, 0, { logprobs: lp }),
      delta({ content: 'B' }, 1),
      finish('stop', 1),
      finish('length', 0),
      chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
      DONE,
    ]);
    const response = collect(events);
    expect(response.choices).toEqual([
      {
        index: 0,
        content: [{ type: 'text', text: 'A' }],
        logprobs: [{ token: 'A', logprob: -0.5, bytes: [65], topLogprobs: [] }],
        finishReason: { reason: 'length', raw: 'length' },
      },
      { index: 1, content: [{ type: 'text', text: 'B' }], finishReason: { reason: 'stop', raw: 'stop' } },
    ]);
    expect(events.filter((e) => e.type === 'block-start')).toEqual([
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-start', index: 0, choice: 1, part: { type: 'text', text: '' } },
    ]);
    expect(response.usage).toMatchObject({ inputTokens: 1, outputTokens: 2, totalTokens: 3 });
  });

  it('reads compatible servers’ reasoning_content / reasoning deltas and their signature', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({ role: 'assistant', reasoning_content: 'Let me ' }),
      delta({ reasoning_content: 'think.' }),
      delta({ reasoning_content: null, reasoning_signature: 'c2ln' }),
      delta({ content: '42' }),
      finish('stop'),
    ]);
    expect(collect(events).choices[0]?.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: { format: 'openai-chat', value: 'c2ln' } },
      { type: 'text', text: '42' },
    ]);
    const other = decodeAll(createStreamDecoder(), [
      delta({ reasoning: 'hm' }),
      delta({ content: 'ok' }),
      finish('stop'),
    ]);
    expect(collect(other).choices[0]?.content[0]).toEqual({ type: 'reasoning', text: 'hm' });
  });

  it('tolerates usage on every chunk, null fields, an empty first chunk and a missing [DONE] after a finish', () => {
    const usage = (n: number) => ({ prompt_tokens: 5, completion_tokens: n, total_tokens: 5 + n });
    const events = decodeAll(createStreamDecoder(), [
      chunk([]),
      chunk(
        [
          {
            index: 0,
            delta: { role: 'assistant', content: null, tool_calls: null, refusal: null },
            finish_reason: null,
          },
        ],
        { usage: usage(0) },
      ),
      chunk([{ index: 0, delta: { content: 'hi', function_call: null }, finish_reason: null, logprobs: null }], {
        usage: usage(1),
      }),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { usage: usage(2) }),
    ]);
    expect(types(events)).toEqual([
      'message-start',
      'usage',
      'block-start',
      'block-delta',
      'usage',
      'block-end',
      'finish',
      'usage',
      'message-end',
    ]);
    expect(collect(events).usage?.outputTokens).toBe(2);
  });

  it('ends with an error event when the stream stops before any finish_reason', () => {
    const cut = decodeAll(createStreamDecoder(), [delta({ role: 'assistant', content: 'par' })]);
    expect(types(cut)).toEqual(['message-start', 'block-start', 'block-delta', 'block-end', 'error']);
    expect(cut.at(-1)).toMatchObject({ type: 'error', error: { kind: 'server' } });
    const early = decodeAll(createStreamDecoder(), [delta({ content: 'x' }), DONE]);
    expect(early.at(-1)).toMatchObject({ type: 'error', error: { kind: 'server' } });
  });

  it('decodes a mid-stream error payload', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({ content: 'x' }),
      { data: JSON.stringify({ error: { message: 'overloaded', type: 'server_error', param: null, code: null } }) },
      DONE,
    ]);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: {
        kind: 'server',
        status: 500,
        message: 'overloaded',
        type: 'server_error',
        extensions: { 'openai-chat': { error: { param: null, code: null } } },
      },
    });
  });

  it('decodes a named error event with any body', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({ content: 'x' }),
      { event: 'error', data: 'upstream timed out' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'other', message: 'upstream timed out' } });
  });

  it('keeps Azure prompt-filter and moderation chunks whole, and Azure finish filter results', () => {
    const events = decodeAll(createStreamDecoder(), [
      { data: JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [] }) },
      delta({ content: 'a' }, 0, { content_filter_results: {} }),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop', content_filter_results: { hate: { filtered: false } } }]),
      chunk([], { moderation: { flagged: false } }),
      DONE,
    ]);
    expect(events[0]).toMatchObject({ type: 'extension', format: 'openai-chat', name: 'chunk' });
    expect(events).toContainEqual({
      type: 'extension',
      format: 'openai-chat',
      name: 'choice-fields',
      data: { index: 0, fields: { content_filter_results: {} } },
    });
    expect(events.find((e) => e.type === 'finish')).toMatchObject({
      extensions: { 'openai-chat': { content_filter_results: { hate: { filtered: false } } } },
    });
    expect(events.at(-2)).toMatchObject({ type: 'extension', data: { moderation: { flagged: false } } });
  });

  it('throws WireFormatError with the event number on invalid JSON and wrong types', () => {
    const decoder = createStreamDecoder();
    decoder.push(delta({ content: 'x' }));
    expect(() => decoder.push({ data: '{"id":' })).toThrow(WireFormatError);
    try {
      createStreamDecoder().push(delta({ content: 5 }));
    } catch (error) {
      expect((error as WireFormatError).path).toEqual([0, 'choices', 0, 'delta', 'content']);
    }
    try {
      const d = createStreamDecoder();
      d.push(delta({ content: 'a' }));
      d.push({ data: 'not json' });
    } catch (error) {
      expect((error as WireFormatError).path).toEqual([1, 'data']);
    }
  });

  it('reads the Gemini-compat thought signature on a tool-call fragment, and the encoder writes it back', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({
        role: 'assistant',
        tool_calls: [
          {
            index: 0,
            id: 'c1',
            type: 'function',
            function: { name: 'f', arguments: '{}' },
            extra_content: { google: { thought_signature: 'c2ln' } },
          },
        ],
      }),
      finish('tool_calls'),
    ]);
    expect(collect(events).choices[0]?.content[0]).toEqual({
      type: 'tool-call',
      id: 'c1',
      name: 'f',
      arguments: '{}',
      signature: { format: 'openai-chat', value: 'c2ln' },
    });
    const again = decodeAll(createStreamDecoder(), encodeAll(createStreamEncoder(), events));
    expect(collect(again).choices[0]?.content).toEqual(collect(events).choices[0]?.content);
  });

  it('reports delta fields it cannot carry as a warning, once', () => {
    const events = decodeAll(createStreamDecoder(), [
      delta({ content: 'a' }),
      delta({ content: 'b', vendor_score: { x: 1 } }),
      delta({ content: 'c', vendor_score: { x: 2 } }),
      finish('stop'),
    ]);
    expect(events.filter((e) => e.type === 'warning').map((e) => e.type === 'warning' && e.loss.path)).toEqual([
      [1, 'choices', 0, 'delta', 'vendor_score'],
    ]);
  });

  it('carries per-delta choice fields (Azure filter results) to the same chunks when re-encoded', () => {
    const wire = [
      delta({ role: 'assistant', content: '' }, 0, { content_filter_results: {} }),
      delta({ content: 'a' }, 0, { content_filter_results: { hate: { filtered: false } } }),
      delta({ content: 'b' }, 0, { content_filter_results: { hate: { filtered: true } } }),
      finish('stop'),
    ];
    const reencoded = encodeAll(createStreamEncoder(), decodeAll(createStreamDecoder(), wire));
    const fields = reencoded.map((e) =>
      e.data === '[DONE]' ? e.data : JSON.parse(e.data).choices[0]?.content_filter_results,
    );
    expect(fields).toEqual([{}, { hate: { filtered: false } }, { hate: { filtered: true } }, undefined, '[DONE]']);
  });
});
