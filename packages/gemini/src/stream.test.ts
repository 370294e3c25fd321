import { collect, type StreamEvent, type WireEvent, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, createStreamEncoder } from './stream.ts';
import { encodeToolName } from './tool-name.ts';
import { validateStream } from './validate.ts';

const decodeAll = (chunks: unknown[]): StreamEvent[] => {
  const decoder = createStreamDecoder();
  return [...chunks.flatMap((c) => decoder.push({ data: JSON.stringify(c) })), ...decoder.end()];
};
const encodeAll = (events: StreamEvent[]) => {
  const encoder = createStreamEncoder();
  const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
  return { chunks: wire.map((w: WireEvent) => JSON.parse(w.data)), losses: encoder.losses };
};
const content = (events: StreamEvent[]) => events.filter((e) => e.type !== 'extension');

describe('stream decoder', () => {
  it('continues text of one kind, starts a block per kind and closes a signed block', () => {
    const events = decodeAll([
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'plan', thought: true }, { text: 'Hel' }] } }],
        responseId: 'r',
        modelVersion: 'm',
      },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] } }] },
      {
        candidates: [
          { content: { role: 'model', parts: [{ text: '', thoughtSignature: 'SIG' }] }, finishReason: 'STOP' },
        ],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2, thoughtsTokenCount: 3 },
      },
    ]);
    expect(content(events)).toEqual([
      { type: 'message-start', id: 'r', model: 'm' },
      { type: 'block-start', index: 0, choice: 0, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 0, choice: 0, delta: { type: 'reasoning', text: 'plan' } },
      { type: 'block-end', index: 0, choice: 0 },
      { type: 'block-start', index: 1, choice: 0, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 1, choice: 0, delta: { type: 'text', text: 'Hel' } },
      { type: 'block-delta', index: 1, choice: 0, delta: { type: 'text', text: 'lo' } },
      { type: 'block-delta', index: 1, choice: 0, delta: { type: 'signature', format: 'gemini', value: 'SIG' } },
      { type: 'block-end', index: 1, choice: 0 },
      { type: 'finish', choice: 0, finishReason: { reason: 'stop', raw: 'STOP' } },
      {
        type: 'usage',
        usage: {
          inputTokens: 1,
          outputTokens: 5,
          reasoningTokens: 3,
          raw: { format: 'gemini', value: { promptTokenCount: 1, candidatesTokenCount: 2, thoughtsTokenCount: 3 } },
        },
      },
      { type: 'message-end' },
    ]);
  });

  it('emits whole function calls and a tool-call finish', () => {
    const response = collect(
      decodeAll([
        {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [
                  { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'S' },
                  { functionCall: { id: 'x', name: 'g', args: {} } },
                ],
              },
              finishReason: 'STOP',
            },
          ],
          responseId: 'r',
        },
      ]),
    );
    expect(response.choices[0]).toMatchObject({
      content: [
        {
          type: 'tool-call',
          id: 'call_r_0_0',
          name: 'f',
          arguments: '{"a":1}',
          signature: { format: 'gemini', value: 'S' },
        },
        { type: 'tool-call', id: 'x', name: 'g', arguments: '{}' },
      ],
      finishReason: { reason: 'tool-calls', raw: 'STOP' },
    });
  });

  it('reports a truncated stream, a mid-stream error and bad payloads', () => {
    const truncated = decodeAll([{ candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] } }] }]);
    expect(truncated.at(-1)).toMatchObject({ type: 'error', error: { kind: 'server' } });
    expect(truncated.filter((e) => e.type === 'block-end')).toHaveLength(1);
    expect(decodeAll([]).at(-1)).toMatchObject({ type: 'error' });
    const failed = decodeAll([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] } }] },
      { error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } },
    ]);
    expect(failed.at(-1)).toEqual({
      type: 'error',
      error: { kind: 'overloaded', status: 503, message: 'overloaded', type: 'UNAVAILABLE', code: '503' },
    });
    const decoder = createStreamDecoder();
    decoder.push({ data: '{"candidates":[]}' });
    expect(() => decoder.push({ data: '{"candidates":[' })).toThrow(WireFormatError);
    try {
      decoder.push({ data: '{"candidates":[{"content":{"parts":[{"text":5}]}}]}' });
    } catch (e) {
      expect((e as WireFormatError).path).toEqual([2, 'data', 'candidates', 0, 'content', 'parts', 0, 'text']);
    }
    expect(createStreamDecoder().push({ data: '' })).toEqual([]);
  });

  it('keeps unknown parts and blocked prompts', () => {
    const unknown = { toolCall: { id: 't', toolType: 'URL_CONTEXT', args: {} } };
    const chunks = [
      {
        candidates: [{ content: { role: 'model', parts: [unknown, { text: 'ok' }] }, finishReason: 'STOP', index: 0 }],
      },
    ];
    const events = decodeAll(chunks);
    expect(encodeAll(events).chunks).toEqual(chunks);
    const blocked = decodeAll([
      { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 3 } },
    ]);
    expect(collect(blocked).choices[0]?.finishReason).toEqual({ reason: 'content-filter', raw: 'PROHIBITED_CONTENT' });
    expect(blocked.at(-1)?.type).toBe('message-end');
  });

  it('collects candidate metadata from every chunk onto the choice', () => {
    const response = collect(
      decodeAll([
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, urlContextMetadata: { urlMetadata: [] } }],
        },
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'b' }] }, finishReason: 'STOP', safetyRatings: [] }],
        },
      ]),
    );
    expect(response.choices[0]?.extensions).toEqual({
      gemini: { urlContextMetadata: { urlMetadata: [] }, safetyRatings: [] },
    });
  });

  it('interleaves candidates by index', () => {
    const response = collect(
      decodeAll([
        {
          candidates: [
            { content: { role: 'model', parts: [{ text: 'a' }] }, index: 0 },
            { content: { role: 'model', parts: [{ text: 'b' }] }, index: 1 },
          ],
        },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'c' }] }, index: 1, finishReason: 'STOP' }] },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'd' }] }, index: 0, finishReason: 'MAX_TOKENS' }] },
      ]),
    );
    expect(response.choices.map((c) => [c.index, c.content, c.finishReason?.reason])).toEqual([
      [0, [{ type: 'text', text: 'ad' }], 'length'],
      [1, [{ type: 'text', text: 'bc' }], 'stop'],
    ]);
  });
});

describe('stream encoder for other formats', () => {
  const events: StreamEvent[] = [
    { type: 'message-start', id: 'chatcmpl-1', model: 'gpt-x' },
    { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
    { type: 'block-delta', index: 0, delta: { type: 'text', text: 'Hi' } },
    { type: 'block-delta', index: 0, delta: { type: 'text', text: ' there' } },
    { type: 'block-end', index: 0 },
    { type: 'block-start', index: 1, part: { type: 'tool-call', id: 'call_1', name: 'f', arguments: '' } },
    { type: 'block-delta', index: 1, delta: { type: 'arguments', text: '{"a"' } },
    { type: 'block-delta', index: 1, delta: { type: 'arguments', text: ':1}' } },
    { type: 'block-end', index: 1 },
    { type: 'finish', finishReason: { reason: 'tool-calls', raw: 'tool_calls' } },
    { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } },
    { type: 'message-end' },
  ];

  it('writes a chunk per delta, whole calls, and finish + usage on the last chunk', () => {
    const { chunks, losses } = encodeAll(events);
    const envelope = { modelVersion: 'gpt-x', responseId: 'chatcmpl-1' };
    expect(chunks).toEqual([
      { candidates: [{ content: { parts: [{ text: 'Hi' }], role: 'model' }, index: 0 }], ...envelope },
      { candidates: [{ content: { parts: [{ text: ' there' }], role: 'model' }, index: 0 }], ...envelope },
      {
        candidates: [
          {
            content: { parts: [{ functionCall: { id: 'call_1', name: 'f', args: { a: 1 } } }], role: 'model' },
            index: 0,
          },
        ],
        ...envelope,
      },
      {
        candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
        ...envelope,
      },
    ]);
    expect(losses).toEqual([]);
    // Decoding what we wrote gives the same response back.
    const back = collect(decodeAll(chunks));
    expect(back.choices[0]?.content).toMatchObject([
      { type: 'text', text: 'Hi there' },
      { type: 'tool-call', id: 'call_1', arguments: '{"a":1}' },
    ]);
    expect(back.choices[0]?.finishReason?.reason).toBe('tool-calls');
  });

  it('writes a signature-only part when a signature arrives after text', () => {
    const { chunks } = encodeAll([
      { type: 'message-start' },
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'text', text: 'x' } },
      { type: 'block-delta', index: 0, delta: { type: 'signature', format: 'gemini', value: 'SIG' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'message-end' },
    ]);
    expect(chunks[1]).toEqual({
      candidates: [{ content: { parts: [{ text: '', thoughtSignature: 'SIG' }], role: 'model' }, index: 0 }],
    });
  });

  it('drops foreign signatures with a loss and ends cut-short streams with an error chunk', () => {
    const encoder = createStreamEncoder();
    encoder.push({ type: 'message-start' });
    encoder.push({ type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } });
    encoder.push({ type: 'block-delta', index: 0, delta: { type: 'signature', format: 'claude', value: 'x' } });
    expect(encoder.losses.map((l) => l.feature)).toEqual(['reasoning.signature']);
    const [last] = encoder.end();
    expect(JSON.parse(last?.data ?? '')).toEqual({
      error: { code: 500, message: 'stream ended before completion', status: 'INTERNAL' },
    });
    const failing = createStreamEncoder();
    const out = failing.push({ type: 'error', error: { kind: 'rate_limit', status: 429, message: 'slow' } });
    expect(JSON.parse(out[0]?.data ?? '')).toEqual({
      error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' },
    });
    expect(failing.end()).toEqual([]);
  });
  it('writes an error that arrives before or right after message-start as a terminal error chunk the validator accepts', () => {
    const error: StreamEvent = { type: 'error', error: { kind: 'overloaded', status: 503, message: 'overloaded' } };
    for (const events of [
      [error],
      [{ type: 'message-start', id: 'r', model: 'gemini-2.5-flash' } as StreamEvent, error],
    ]) {
      const encoder = createStreamEncoder();
      const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
      expect(JSON.parse(wire.at(-1)?.data ?? '')).toEqual({
        error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' },
      });
      expect(validateStream(wire)).toEqual({ valid: true, problems: [] });
    }
  });

  it('reads an escaped function name in a streamed call back as the original tool name', () => {
    const name = encodeToolName('1st tool/read').name;
    const events = decodeAll([
      {
        candidates: [
          { content: { role: 'model', parts: [{ functionCall: { name, args: {} } }] }, finishReason: 'STOP' },
        ],
      },
    ]);
    expect(events.find((e) => e.type === 'block-start')).toMatchObject({
      part: { type: 'tool-call', name: '1st tool/read' },
    });
  });
});
