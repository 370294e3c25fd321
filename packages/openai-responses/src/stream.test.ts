import { type ContentPart, collect, type StreamEvent, type WireEvent, WireFormatError } from '@interlingua/core';
import { arbitraryChatResponse, arbitraryUrlCitation } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, createStreamEncoder, encodeResponse, validateStream } from './index.ts';
import { eventsOf } from './test-support/events.ts';
import { sdkFinalResponse, withoutSdkHelpers } from './test-support/sdk.ts';

function encodeAll(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
}

function decodeAll(events: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

const payloads = (events: WireEvent[]): Record<string, unknown>[] => events.map((e) => JSON.parse(e.data));

/** Checks the grammar clients rely on. */
function checkGrammar(events: WireEvent[]): void {
  const data = payloads(events);
  data.forEach((d, i) => {
    expect(d.sequence_number).toBe(i);
    expect(events[i]?.event).toBe(d.type);
    if ('item_id' in d) expect(typeof d.item_id === 'string' && d.item_id !== '').toBe(true);
  });
  expect(data[0]?.type).toBe('response.created');
  expect(data[1]?.type).toBe('response.in_progress');
  const added = data.filter((d) => d.type === 'response.output_item.added').map((d) => d.output_index);
  const done = data.filter((d) => d.type === 'response.output_item.done').map((d) => d.output_index);
  expect(added).toEqual(added.map((_, i) => i));
  expect(done).toEqual(added);
  expect(['response.completed', 'response.incomplete', 'response.failed']).toContain(data[data.length - 1]?.type);
}

const foreign: StreamEvent[] = [
  { type: 'message-start', id: 'msg_claude', model: 'claude-sonnet', created: 1_767_225_600 },
  { type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } },
  { type: 'block-delta', index: 0, delta: { type: 'reasoning', text: 'Think.' } },
  { type: 'block-delta', index: 0, delta: { type: 'signature', format: 'claude', value: 'sig' } },
  { type: 'block-end', index: 0 },
  { type: 'block-start', index: 1, part: { type: 'text', text: '' } },
  { type: 'block-delta', index: 1, delta: { type: 'text', text: 'Let me check' } },
  { type: 'block-end', index: 1 },
  { type: 'block-start', index: 2, part: { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '' } },
  { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '{"city":' } },
  { type: 'block-delta', index: 2, delta: { type: 'arguments', text: '"Paris"}' } },
  { type: 'block-end', index: 2 },
  {
    type: 'block-start',
    index: 3,
    part: { type: 'server-tool-call', id: 'srvtoolu_1', name: 'web_search', input: { query: 'paris weather' } },
  },
  { type: 'block-end', index: 3 },
  { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
  { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_use' } },
  { type: 'message-end' },
];

describe('createStreamEncoder', () => {
  it('writes the full grammar for a stream from another format, inventing ids', () => {
    const encoder = createStreamEncoder();
    const out = [...foreign.flatMap((e) => encoder.push(e)), ...encoder.end()];
    checkGrammar(out);
    expect(encoder.losses.map((l) => [l.feature, l.path])).toEqual([
      ['reasoning.signature', ['block', 0, 'signature']],
      ['server-tool', ['block', 3]],
      // Counts the source did not report, written because Responses requires them.
      ['usage.counts', ['usage', 'totalTokens']],
      ['usage.counts', ['usage', 'cacheReadTokens']],
      ['usage.counts', ['usage', 'reasoningTokens']],
    ]);
    const data = payloads(out);
    expect(data.map((d) => d.type)).toContain('response.function_call_arguments.done');
    const final = data[data.length - 1]?.response as {
      id: string;
      output: { type: string; id: string }[];
      usage: unknown;
    };
    expect(final.output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call', 'web_search_call']);
    expect(final.output.every((o) => o.id.length > 0)).toBe(true);
    expect(final.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 15,
    });
    // Deterministic ids: the same stream encodes to the same bytes.
    expect(encodeAll(foreign)).toEqual(out);
  });

  it('is accepted by the openai SDK, whose final response equals encodeResponse(collect)', async () => {
    const final = await sdkFinalResponse(encodeAll(foreign));
    expect(withoutSdkHelpers(final)).toEqual(encodeResponse(collect(foreign)).value);
  });

  it('SDK oracle holds for arbitrary canonical answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryChatResponse({
          parts: ['text', 'tool-call', 'refusal', 'reasoning'],
          finishReasons: ['stop', 'length', 'tool-calls'],
        }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.array(arbitraryUrlCitation, { maxLength: 2 }),
        async (response, flags, citations) => {
          // Mix in custom tool calls, citations and reasoning summaries, which the core arbitraries do not generate.
          const choice = response.choices[0];
          if (choice)
            choice.content = choice.content.map((part, i): ContentPart => {
              if (part.type === 'tool-call' && flags[i % 4]) return { ...part, kind: 'custom', arguments: 'raw input' };
              if (part.type === 'text' && flags[i % 4]) return { ...part, citations };
              if (part.type === 'reasoning' && flags[i % 4]) return { ...part, summary: ['plan', 'act'] };
              return part;
            });
          const events = eventsOf(response);
          const encoded = encodeAll(events);
          checkGrammar(encoded);
          const final = await sdkFinalResponse(encoded);
          expect(withoutSdkHelpers(final)).toEqual(encodeResponse(collect(events)).value);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('ends a truncated upstream with error + response.failed, which the SDK raises', async () => {
    const cut = foreign.slice(0, 7);
    const encoded = encodeAll(cut);
    const data = payloads(encoded);
    expect(data.slice(-2).map((d) => d.type)).toEqual(['error', 'response.failed']);
    expect(data[data.length - 1]?.response).toMatchObject({ status: 'failed' });
    await expect(sdkFinalResponse(encoded)).rejects.toThrow(/ended/);
  });

  it('writes a canonical error before any output as a lone error event', () => {
    const encoded = encodeAll([
      { type: 'error', error: { kind: 'rate_limit', status: 429, message: 'slow down', code: 'rate_limit_exceeded' } },
    ]);
    expect(payloads(encoded)).toEqual([
      { type: 'error', code: 'rate_limit_exceeded', message: 'slow down', param: null, sequence_number: 0 },
    ]);
  });

  it('writes an error before message-start, or right after it, as a terminal the validator accepts', () => {
    const error: StreamEvent = { type: 'error', error: { kind: 'overloaded', status: 503, message: 'busy' } };
    const lone = encodeAll([error]);
    expect(payloads(lone).map((d) => d.type)).toEqual(['error']);
    expect(validateStream(lone)).toEqual({ valid: true, problems: [] });
    const started = encodeAll([{ type: 'message-start', id: 'resp_1', model: 'gpt-5' }, error]);
    expect(payloads(started).at(-1)).toMatchObject({ type: 'response.failed' });
    expect(validateStream(started)).toEqual({ valid: true, problems: [] });
  });
});

describe('a failed stream after a finish reason and usage', () => {
  it('writes error + response.failed (usage included) and reads the usage back', () => {
    const events: StreamEvent[] = [
      { type: 'message-start', id: 'resp_1', model: 'gpt-5', created: 1_767_225_600 },
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'text', text: 'hi' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 } },
      { type: 'error', error: { kind: 'server', status: 500, message: 'boom' } },
    ];
    const encoder = createStreamEncoder();
    const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
    const data = payloads(wire);
    expect(data.slice(-2).map((d) => d.type)).toEqual(['error', 'response.failed']);
    expect(data.at(-1)?.response).toMatchObject({
      status: 'failed',
      error: { message: 'boom' },
      usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12 },
    });
    // The finish reason seen before the error cannot ride on response.failed: reported.
    expect(encoder.losses).toContainEqual(
      expect.objectContaining({ path: ['choices', 0, 'finishReason'], feature: 'finish-reason' }),
    );
    const back = collect(decodeAll(wire));
    expect(back.usage).toMatchObject({ inputTokens: 10, outputTokens: 2, totalTokens: 12 });
    expect(back.error).toMatchObject({ message: 'boom' });
  });
});

describe('createStreamDecoder on bad input', () => {
  const created = {
    type: 'response.created',
    sequence_number: 0,
    response: { id: 'resp_1', status: 'in_progress', output: [] },
  };

  it('names the event and field of invalid JSON and missing fields', () => {
    const decoder = createStreamDecoder();
    decoder.push({ data: JSON.stringify(created) });
    const error = (() => {
      try {
        decoder.push({ data: '{"type":' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WireFormatError);
    expect((error as WireFormatError).path).toEqual([1, 'data']);
    expect(() =>
      decoder.push({ data: JSON.stringify({ type: 'response.output_item.added', output_index: 0 }) }),
    ).toThrow(expect.objectContaining({ path: [2, 'item'] }));
    expect(() => decoder.push({ data: JSON.stringify({ sequence_number: 3 }) })).toThrow(
      expect.objectContaining({ path: [3, 'type'] }),
    );
  });

  it('keeps unknown events as extension events and re-emits them', () => {
    const unknown = { type: 'response.future_thing', sequence_number: 1, foo: 'bar' };
    const events = decodeAll([{ data: JSON.stringify(created) }, { data: JSON.stringify(unknown) }]);
    expect(events[1]).toEqual({
      type: 'extension',
      format: 'openai-responses',
      name: 'response.future_thing',
      data: { type: 'response.future_thing', foo: 'bar' },
    });
    const encoder = createStreamEncoder();
    const out = events.slice(0, 2).flatMap((e) => encoder.push(e));
    expect(payloads(out).map((d) => d.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.future_thing',
    ]);
  });

  it('ends a truncated stream with an error event', () => {
    const events = decodeAll([{ data: JSON.stringify(created) }]);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { kind: 'server' } });
    expect(decodeAll([])).toEqual([expect.objectContaining({ type: 'error' })]);
  });
});

describe('createStreamEncoder reports what only the terminal response or a delta loses', () => {
  it('reports usage details and finish reasons of the terminal response, and logprobs off text', () => {
    const encoder = createStreamEncoder();
    const events: StreamEvent[] = [
      { type: 'message-start', id: 'resp_1', created: 1 },
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'c', name: 'f', arguments: '' } },
      {
        type: 'block-delta',
        index: 0,
        delta: { type: 'arguments', text: '{}' },
        logprobs: [{ token: 'x', logprob: -1 }],
      },
      { type: 'block-end', index: 0 },
      {
        type: 'usage',
        usage: {
          inputTokens: 1,
          outputTokens: 1,
          totalTokens: 2,
          cacheReadTokens: 0,
          reasoningTokens: 0,
          serverToolUse: { webSearchRequests: 1 },
        },
      },
      { type: 'finish', finishReason: { reason: 'pause' } },
      { type: 'message-end' },
    ];
    for (const event of events) encoder.push(event);
    encoder.end();
    expect(encoder.losses.map((l) => [l.code, l.feature, l.path])).toEqual([
      ['dropped', 'logprobs', ['choices', 0, 'logprobs']],
      ['dropped', 'usage.server-tool-use', ['usage', 'serverToolUse']],
      ['approximated', 'finish-reason', ['choices', 0, 'finishReason']],
    ]);
  });
});

describe('createStreamDecoder', () => {
  it('does not read back invented item ids or empty logprob fields', () => {
    const events: StreamEvent[] = [
      { type: 'message-start', id: 'resp_1', created: 1 },
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'reasoning', text: 'hm' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 1, delta: { type: 'text', text: 'Hi' }, logprobs: [{ token: 'Hi', logprob: -1 }] },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, part: { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' } },
      { type: 'block-end', index: 2 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ];
    const encoder = createStreamEncoder();
    const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
    const decoder = createStreamDecoder();
    const response = collect([...wire.flatMap((w) => decoder.push(w)), ...decoder.end()]);
    const [reasoning, text, call] = response.choices[0]?.content ?? [];
    expect(reasoning).not.toHaveProperty('id');
    expect(reasoning).not.toHaveProperty('summary');
    expect(call).not.toHaveProperty('itemId');
    expect(text).toMatchObject({ type: 'text', text: 'Hi' });
    expect(response.choices[0]?.logprobs).toEqual([{ token: 'Hi', logprob: -1 }]);
  });
});
