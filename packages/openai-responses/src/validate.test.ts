import type { StreamEvent, WireEvent } from '@interlingua/core';
import { arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createStreamDecoder,
  createStreamEncoder,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './index.ts';
import { eventsOf } from './test-support/events.ts';
import { fixtures, streamsOf } from './test-support/fixtures.ts';

const all = fixtures();
const json = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8'));
const rules = (result: { problems: { rule: string }[] }): string[] => [...new Set(result.problems.map((p) => p.rule))];

function encodeAll(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
}

describe('validators on the recordings', () => {
  it('accept every recorded request but the two the API rejected, naming the rule', () => {
    const verdicts = Object.fromEntries(
      all.filter((f) => f.kind === 'request').map((f) => [f.name, rules(validateRequest(json(f.bytes)))]),
    );
    expect(verdicts['error-modified-reasoning-history.request.json']).toEqual(['reasoning-pairing']);
    expect(verdicts['error-invalid-request.request.json']).toEqual(['schema']);
    for (const [name, found] of Object.entries(verdicts))
      if (!name.startsWith('error-')) expect([name, found]).toEqual([name, []]);
  });

  it('accept every recorded response and error body (one recording has a status the API never sends)', () => {
    for (const f of all.filter((x) => x.kind === 'response')) {
      const verdict = f.name.startsWith('error-') ? validateError(json(f.bytes)) : validateResponse(json(f.bytes));
      if (f.name === 'previous-response-id.json')
        expect(verdict.problems.map((p) => [p.rule, p.path])).toEqual([['schema', ['status']]]);
      else expect([f.name, verdict.problems]).toEqual([f.name, []]);
    }
  });

  it('accept every recorded stream and its re-encoding', () => {
    for (const f of all.filter((x) => x.kind === 'sse' || x.kind === 'chunks'))
      for (const stream of streamsOf(f)) {
        expect([f.name, validateStream(stream).problems]).toEqual([f.name, []]);
        const decoder = createStreamDecoder();
        const events = [...stream.flatMap((e) => decoder.push(e)), ...decoder.end()];
        expect([f.name, validateStream(encodeAll(events)).problems]).toEqual([f.name, []]);
      }
  });

  it('accept whatever the encoder writes for canonical answers', () => {
    fc.assert(
      fc.property(arbitraryChatResponse({ parts: ['text', 'tool-call', 'refusal', 'reasoning'] }), (response) => {
        expect(validateStream(encodeAll(eventsOf(response))).problems).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('validators on broken input', () => {
  const stream = (...payloads: object[]): WireEvent[] =>
    payloads.map((p, i) => ({ data: JSON.stringify({ sequence_number: i, ...p }) }));
  const created = { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } };
  const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '' };
  const completed = {
    type: 'response.completed',
    response: {
      id: 'resp_1',
      status: 'completed',
      output: [],
      usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
    },
  };

  it('reports every stream problem with its event number and rule', () => {
    const result = validateStream([
      ...stream(
        { type: 'response.output_item.added', output_index: 1, item: call },
        { type: 'response.function_call_arguments.done', item_id: 'fc_1', output_index: 1, arguments: '{"a":' },
      ),
      { data: '{oops' },
      { data: JSON.stringify({ ...completed, sequence_number: 0 }) },
    ]);
    expect(result.valid).toBe(false);
    expect(rules(result).sort()).toEqual(
      ['arguments-json', 'block-index', 'first-event', 'json', 'sequence-number', 'unclosed-block'].sort(),
    );
    expect(result.problems.find((p) => p.rule === 'arguments-json')?.path).toEqual([1, 'arguments']);
  });

  it('reports a stream without terminator, and events after it', () => {
    expect(rules(validateStream(stream(created)))).toEqual(['terminator']);
    expect(rules(validateStream(stream(created, completed, created)))).toEqual(['last-event']);
    expect(
      rules(validateStream(stream(created, { ...completed, response: { ...completed.response, usage: null } }))),
    ).toEqual(['usage']);
  });

  it('reports request problems without stopping at the first', () => {
    const result = validateRequest({
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 1 }] },
        { type: 'function_call', call_id: 'call_9', name: 'f', arguments: '{}' },
        { type: 'reasoning', summary: [] },
      ],
      temperature: 3,
    });
    expect(rules(result).sort()).toEqual(['reasoning-pairing', 'schema', 'tool-result']);
    expect(result.problems.map((p) => p.path)).toContainEqual(['input', 0, 'content', 0, 'text']);
  });

  it('reports bad error bodies', () => {
    expect(validateError({ error: { message: 'x' } }).valid).toBe(false);
    expect(validateError({ message: 'x' }).problems[0]?.path).toEqual(['error']);
  });
});
