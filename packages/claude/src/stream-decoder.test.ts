import { collect, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder } from './stream-decoder.ts';
import { decodeAll } from './test-support/run.ts';

const ev = (data: object) => ({ event: (data as { type: string }).type, data: JSON.stringify(data) });
const start = ev({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 5, cache_read_input_tokens: 2, output_tokens: 1 },
  },
});

describe('createStreamDecoder', () => {
  it('decodes blocks, cumulative usage and the stop reason', () => {
    const events = decodeAll([
      start,
      ev({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'ilx_call-2e-1', name: 'f', input: {} },
      }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '1}' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 30 },
      }),
      ev({ type: 'message_stop' }),
    ]);
    const response = collect(events);
    expect(response.choices[0]?.content).toEqual([
      { type: 'tool-call', id: 'call.1', name: 'f', arguments: '{"a":1}' },
    ]);
    expect(response.choices[0]?.finishReason).toEqual({ reason: 'tool-calls', raw: 'tool_use' });
    expect(response.usage).toMatchObject({ inputTokens: 7, outputTokens: 30, cacheReadTokens: 2 });
  });

  it('turns ping, unknown events and unknown blocks into extension events', () => {
    const events = decodeAll([
      start,
      ev({ type: 'ping' }),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'compaction', content: '' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'compaction_delta', content: 'x' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'brand_new_event', x: 1 }),
      ev({ type: 'message_stop' }),
    ]);
    expect(events.filter((e) => e.type === 'extension').map((e) => e.type === 'extension' && e.name)).toEqual([
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'brand_new_event',
    ]);
  });

  it('decodes a mid-stream error and stops', () => {
    const decoder = createStreamDecoder();
    decoder.push(start);
    expect(decoder.push(ev({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))).toEqual([
      { type: 'error', error: { kind: 'overloaded', status: 529, type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    expect(decoder.end()).toEqual([]);
  });

  it('reports a truncated stream as an error event', () => {
    const decoder = createStreamDecoder();
    decoder.push(start);
    expect(decoder.end()).toMatchObject([{ type: 'error', error: { kind: 'server', status: 500 } }]);
  });

  it('tolerates deltas for a block that never started (kept as extension events)', () => {
    const decoder = createStreamDecoder();
    decoder.push(start);
    expect(
      decoder.push(ev({ type: 'content_block_delta', index: 7, delta: { type: 'text_delta', text: 'x' } })),
    ).toMatchObject([{ type: 'extension', name: 'content_block_delta' }]);
  });

  it('throws WireFormatError with the event number for invalid JSON and bad fields', () => {
    const decoder = createStreamDecoder();
    decoder.push(start);
    expect(() => decoder.push({ event: 'content_block_delta', data: '{"type":' })).toThrow(WireFormatError);
    try {
      decoder.push({ data: JSON.stringify({ type: 'content_block_start', index: 'x', content_block: {} }) });
    } catch (error) {
      expect(error).toBeInstanceOf(WireFormatError);
      expect((error as WireFormatError).path).toEqual([2, 'index']);
    }
    decoder.push(ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    expect(() =>
      decoder.push({ data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta' } }) }),
    ).toThrow(WireFormatError);
    expect(() => decoder.push({ data: '[]' })).toThrow(WireFormatError);
  });
});
