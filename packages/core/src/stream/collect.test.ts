import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryChatResponse, arbitraryOpaque, arbitraryUrlCitation } from '../../testing/arbitraries.ts';
import type { ChatResponse } from '../model/response.ts';
import type { StreamEvent } from '../model/stream-event.ts';
import { collect, createCollector } from './collect.ts';
import { toStreamEvents } from './to-events.ts';

/** Splits text at random cut points chosen by fast-check. */
const arbitrarySplitter = fc.infiniteStream(fc.nat(8)).map((cuts) => {
  const iterator = cuts[Symbol.iterator]();
  return (text: string): string[] => {
    const pieces: string[] = [];
    let rest = text;
    while (rest.length > 0) {
      const size = 1 + (iterator.next().value as number);
      pieces.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    return pieces;
  };
});

describe('collect', () => {
  it('folds the events of any response, split anyhow, back into that response', () => {
    fc.assert(
      fc.property(
        arbitraryChatResponse({
          parts: ['text', 'reasoning', 'tool-call', 'image', 'refusal'],
          opaqueFormat: 'claude',
          maxChoices: 3,
          logprobs: true,
        }),
        arbitrarySplitter,
        (response, split) => {
          expect(collect(toStreamEvents(response, { split }))).toEqual(response);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps citations, summaries and signatures delivered as deltas', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryUrlCitation, { minLength: 1, maxLength: 3 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        arbitraryOpaque('gemini'),
        (citations, summary, signature) => {
          const response: ChatResponse = {
            choices: [
              {
                index: 0,
                content: [
                  { type: 'reasoning', text: 'think', summary, signature },
                  { type: 'text', text: 'answer', citations, signature },
                ],
                finishReason: { reason: 'stop', raw: 'STOP' },
              },
            ],
          };
          expect(collect(toStreamEvents(response))).toEqual(response);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('replaces a block with the authoritative part of its block-end', () => {
    const events: StreamEvent[] = [
      { type: 'message-start', id: 'r1' },
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'summary', summaryIndex: 0, text: 'sum' } },
      {
        type: 'block-end',
        index: 0,
        part: {
          type: 'reasoning',
          text: '',
          summary: ['sum'],
          encrypted: { format: 'openai-responses', value: 'enc' },
        },
      },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'message-end' },
    ];
    expect(collect(events).choices[0]?.content[0]).toEqual({
      type: 'reasoning',
      text: '',
      summary: ['sum'],
      encrypted: { format: 'openai-responses', value: 'enc' },
    });
  });

  it('keeps the last usage snapshot and records a mid-stream error', () => {
    const collector = createCollector();
    collector.push({ type: 'message-start', usage: { inputTokens: 5 } });
    collector.push({ type: 'usage', usage: { inputTokens: 5, outputTokens: 1 } });
    collector.push({ type: 'usage', usage: { inputTokens: 5, outputTokens: 9 } });
    collector.push({ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } });
    expect(collector.response.usage).toEqual({ inputTokens: 5, outputTokens: 9 });
    expect(collector.response.error?.kind).toBe('overloaded');
  });

  it('folds an async iterable', async () => {
    async function* events(): AsyncGenerator<StreamEvent> {
      yield { type: 'message-start', model: 'm' };
      yield { type: 'block-start', index: 0, part: { type: 'text', text: '' } };
      yield { type: 'block-delta', index: 0, delta: { type: 'text', text: 'hi' } };
      yield { type: 'block-end', index: 0 };
      yield { type: 'message-end' };
    }
    const response = await collect(events());
    expect(response).toEqual({ model: 'm', choices: [{ index: 0, content: [{ type: 'text', text: 'hi' }] }] });
  });

  it('ignores deltas for blocks that never started instead of throwing', () => {
    const response = collect([{ type: 'block-delta', index: 3, delta: { type: 'text', text: 'x' } }]);
    expect(response.choices).toEqual([{ index: 0, content: [] }]);
  });
});
