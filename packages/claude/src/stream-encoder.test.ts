import type { StreamEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamEncoder } from './stream-encoder.ts';
import { encodeAll, roundTrip } from './test-support/run.ts';
import { comparable } from './test-support/sse.ts';
import { validateStream } from './validate.ts';

const types = (events: StreamEvent[]) =>
  comparable(encodeAll(events)).map(({ event, data }) => {
    const d = data as { index?: number; delta?: { type: string } };
    return d.index === undefined ? event : `${event}#${d.index}${d.delta ? `:${d.delta.type}` : ''}`;
  });

describe('createStreamEncoder', () => {
  it('writes Claude grammar for a foreign stream: start with usage, sequential blocks, delta, stop', () => {
    const events: StreamEvent[] = [
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-start', index: 1, part: { type: 'tool-call', id: 'a', name: 'f', arguments: '' } },
      { type: 'block-delta', index: 1, delta: { type: 'arguments', text: '{}' } },
      { type: 'block-delta', index: 0, delta: { type: 'text', text: 'hi' } },
      { type: 'block-end', index: 1 },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } },
      { type: 'message-end' },
    ];
    expect(types(events)).toEqual([
      'message_start',
      'content_block_start#0',
      'content_block_delta#0:text_delta',
      'content_block_stop#0',
      'content_block_start#1',
      'content_block_delta#1:input_json_delta',
      'content_block_stop#1',
      'message_delta',
      'message_stop',
    ]);
    const wire = comparable(encodeAll(events));
    expect(wire[0]?.data).toMatchObject({
      message: { usage: { input_tokens: 0, output_tokens: 0 }, content: [], stop_reason: null },
    });
    expect(wire[7]?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      // Cache counts the source never gave stay unknown (null), not 0.
      usage: { input_tokens: 3, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 4 },
    });
  });

  it('writes an error event and nothing after it', () => {
    const encoder = createStreamEncoder();
    encoder.push({ type: 'message-start', id: 'x' });
    const out = encoder.push({ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } });
    expect(comparable(out)).toEqual([
      { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    ]);
    expect(encoder.push({ type: 'message-end' })).toEqual([]);
    expect(encoder.end()).toEqual([]);
  });

  it('writes an error that arrives before message-start as a lone error event the validator accepts', () => {
    const encoder = createStreamEncoder();
    const out = [
      ...encoder.push({ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } }),
      ...encoder.end(),
    ];
    expect(comparable(out)).toEqual([
      { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    ]);
    expect(validateStream(out)).toEqual({ valid: true, problems: [] });
  });

  it('ends a cut-short stream with an error event', () => {
    const encoder = createStreamEncoder();
    encoder.push({ type: 'message-start' });
    expect(comparable(encoder.end())).toMatchObject([{ event: 'error', data: { error: { type: 'api_error' } } }]);
  });

  it('re-emits Claude pings, ignores foreign extensions and reports dropped content', () => {
    const losses: string[] = [];
    const encoder = createStreamEncoder({ onLoss: (l) => losses.push(String(l.feature)) });
    const out = [
      ...encoder.push({ type: 'message-start' }),
      ...encoder.push({ type: 'extension', format: 'claude', name: 'ping', data: { type: 'ping' } }),
      ...encoder.push({ type: 'extension', format: 'openai-responses', name: 'response.in_progress', data: {} }),
      ...encoder.push({ type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } }),
      ...encoder.push({ type: 'block-delta', index: 0, delta: { type: 'reasoning', text: 'x' } }),
      ...encoder.push({ type: 'block-end', index: 0 }),
      ...encoder.push({ type: 'block-start', index: 0, choice: 1, part: { type: 'text', text: '' } }),
    ];
    expect(out.map((e) => e.event)).toEqual(['message_start', 'ping']);
    expect(losses).toEqual(['reasoning.text', 'choices']);
    expect(encoder.losses).toHaveLength(2);
  });

  it('re-emits blocks of unknown types with contiguous indices', () => {
    const ev = (data: object) => ({ event: (data as { type: string }).type, data: JSON.stringify(data) });
    const wire = [
      ev({
        type: 'message_start',
        message: {
          id: 'm',
          type: 'message',
          role: 'assistant',
          model: 'x',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'content_block_start', index: 1, content_block: { type: 'compaction', content: null } }),
      ev({ type: 'content_block_delta', index: 1, delta: { type: 'compaction_delta', content: 'summary' } }),
      ev({ type: 'content_block_stop', index: 1 }),
      ev({ type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'hi' } }),
      ev({ type: 'content_block_stop', index: 2 }),
      ev({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 3 },
      }),
      ev({ type: 'message_stop' }),
    ];
    expect(comparable(roundTrip(wire))).toEqual(comparable(wire));
  });

  it('streams custom tool input as a JSON object', () => {
    const events: StreamEvent[] = [
      {
        type: 'block-start',
        index: 0,
        part: { type: 'tool-call', id: 'c', name: 'patch', arguments: '', kind: 'custom' },
      },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: 'line "1"\n' } },
      { type: 'block-end', index: 0 },
      { type: 'message-end' },
    ];
    const json = comparable(encodeAll(events))
      .map((e) => (e.data as { delta?: { partial_json?: string } }).delta?.partial_json)
      .filter((x) => x !== undefined)
      .join('');
    expect(JSON.parse(json)).toEqual({ input: 'line "1"\n' });
  });
});
