import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject, ValidationResult, WireEvent } from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse, loadFixtures } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as claudePackage from './index.ts';
import { encodeRequest } from './request.ts';
import { encodeResponse } from './response.ts';
import { arbitraryClaudeRequest, arbitraryClaudeResponse } from './test-support/arbitraries.ts';
import { responseEvents } from './test-support/events.ts';
import { encodeAll } from './test-support/run.ts';
import { chunkStreams, parseSse } from './test-support/sse.ts';
import {
  createStreamValidator,
  VALIDATION_RULES,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './validate.ts';

const RUNS = { numRuns: 100 };
const fixtures = loadFixtures(join(import.meta.dirname, '..', 'fixtures'));
const json = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8'));

/** The problems of a result as `[rule, path]` pairs, the part tests compare. */
const rules = (result: ValidationResult): [string, (string | number)[]][] =>
  result.problems.map((p) => [p.rule, p.path]);

/** A wire event whose `event:` name is its payload type. */
const ev = (payload: JsonObject): WireEvent => ({ event: String(payload.type), data: JSON.stringify(payload) });

const usage = { input_tokens: 10, output_tokens: 1 };
const start = ev({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  },
});
const blockStart = (index: number, block: JsonObject): WireEvent =>
  ev({ type: 'content_block_start', index, content_block: block });
const delta = (index: number, d: JsonObject): WireEvent => ev({ type: 'content_block_delta', index, delta: d });
const stop = (index: number): WireEvent => ev({ type: 'content_block_stop', index });
const text = (index: number, t: string): WireEvent[] => [
  blockStart(index, { type: 'text', text: '' }),
  delta(index, { type: 'text_delta', text: t }),
  stop(index),
];
const tool = (index: number, ...fragments: string[]): WireEvent[] => [
  blockStart(index, { type: 'tool_use', id: `toolu_${index}`, name: 'get_weather', input: {} }),
  ...fragments.map((partial_json) => delta(index, { type: 'input_json_delta', partial_json })),
  stop(index),
];
const finish = (reason = 'end_turn'): WireEvent =>
  ev({ type: 'message_delta', delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 9 } });
const end = ev({ type: 'message_stop' });
const ping = ev({ type: 'ping' });

/** A valid stream: text, a tool call in three fragments, a ping in between. */
const valid: WireEvent[] = [
  start,
  ...text(0, 'Let me look.'),
  ping,
  ...tool(1, '', '{"city": "Par', 'is"}'),
  finish('tool_use'),
  end,
];

describe('validateStream: valid streams', () => {
  it('accepts the reference stream, incrementally and whole alike', () => {
    expect(validateStream(valid)).toEqual({ valid: true, problems: [] });
    const validator = createStreamValidator();
    for (const event of valid) validator.push(event);
    expect(validator.end()).toEqual({ valid: true, problems: [] });
  });

  it('accepts every recorded stream (.sse via the SSE tokenizer, .chunks.jsonl split at each message_start)', () => {
    const streams = fixtures.flatMap((f) =>
      f.kind === 'sse'
        ? [{ name: f.name, events: parseSse(f.bytes.toString('utf8')) }]
        : f.kind === 'chunks'
          ? chunkStreams(f.bytes.toString('utf8')).map((events, i) => ({ name: `${f.name}#${i}`, events }))
          : [],
    );
    expect(streams.length).toBeGreaterThan(15);
    for (const { name, events } of streams)
      expect({ name, ...validateStream(events) }).toEqual({ name, valid: true, problems: [] });
  });

  it('accepts pings and unknown events anywhere after message_start, unknown deltas, and an empty tool input', () => {
    const stream = [
      start,
      ping,
      ev({ type: 'future_event', detail: 1 }),
      blockStart(0, { type: 'text', text: '' }),
      ping,
      delta(0, { type: 'future_delta', value: 1 }),
      stop(0),
      ...tool(1, ''),
      ...tool(2),
      blockStart(3, { type: 'future_block', data: 'x' }),
      delta(3, { type: 'input_json_delta', partial_json: 'not json' }),
      stop(3),
      blockStart(4, { type: 'redacted_thinking', data: 'abc' }),
      stop(4),
      finish(),
      ping,
      end,
    ];
    expect(rules(validateStream(stream))).toEqual([]);
  });

  it('accepts a stream that ends in an error event, even with a block open', () => {
    const error = ev({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(rules(validateStream([start, blockStart(0, { type: 'text', text: '' }), error]))).toEqual([]);
    expect(rules(validateStream([error]))).toEqual([]);
  });

  it('accepts what our encoder writes for any Claude response', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, (response) => {
        expect(rules(validateStream(encodeAll(responseEvents(response))))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for foreign responses', () => {
    fc.assert(
      fc.property(
        arbitraryChatResponse({ parts: ['text', 'reasoning', 'tool-call', 'refusal'], opaqueFormat: 'gemini' }),
        (response) => {
          expect(rules(validateStream(encodeAll(responseEvents(response))))).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});

describe('validateStream: structure', () => {
  const STRUCTURAL = new Set([
    'message_start',
    'content_block_start',
    'content_block_stop',
    'message_delta',
    'message_stop',
  ]);

  it('reports any structural event dropped from an encoded stream', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, fc.nat(), (response, pick) => {
        const events = encodeAll(responseEvents(response));
        const structural = events.flatMap((e, i) => (STRUCTURAL.has(e.event ?? '') ? [i] : []));
        const drop = structural[pick % structural.length]!;
        expect(validateStream(events.filter((_, i) => i !== drop)).valid).toBe(false);
      }),
      RUNS,
    );
  });

  it('gives the same verdict event by event as for the whole stream', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, fc.nat(), (response, cut) => {
        const events = encodeAll(responseEvents(response)).slice(0, cut % 12);
        const validator = createStreamValidator();
        for (const event of events) validator.push(event);
        expect(validator.end()).toEqual(validateStream(events));
      }),
      RUNS,
    );
  });
});

describe('validateStream: broken streams', () => {
  const cases: [string, WireEvent[], [string, (string | number)[]][]][] = [
    ['missing message_start', valid.slice(1), [['first-event', [0]]]],
    ['an index gap', [start, ...text(0, 'a'), ...text(2, 'b'), finish(), end], [['block-index', [4, 'index']]]],
    [
      'an unclosed block before message_delta',
      [start, ...text(0, 'a').slice(0, 2), finish(), end],
      [['unclosed-block', [3]]],
    ],
    [
      'a delta of the wrong kind for its block',
      [
        start,
        blockStart(0, { type: 'text', text: '' }),
        delta(0, { type: 'input_json_delta', partial_json: '{}' }),
        stop(0),
        finish(),
        end,
      ],
      [['delta-kind', [2, 'delta', 'type']]],
    ],
    [
      'a delta for a block that arrives whole',
      [
        start,
        blockStart(0, { type: 'redacted_thinking', data: 'x' }),
        delta(0, { type: 'text_delta', text: 'a' }),
        stop(0),
        finish(),
        end,
      ],
      [['delta-kind', [2, 'delta', 'type']]],
    ],
    ['a payload that is not JSON', [start, { event: 'ping', data: '{"type":' }, finish(), end], [['json', [1]]]],
    [
      'invalid tool input JSON',
      [start, ...tool(0, '{"city": ', '}'), finish('tool_use'), end],
      [['arguments-json', [4]]],
    ],
    [
      'tool input that is JSON but not an object',
      [start, ...tool(0, '[1]'), finish('tool_use'), end],
      [['arguments-json', [3]]],
    ],
    ['a missing message_stop', valid.slice(0, -1), [['terminator', [valid.length - 1]]]],
    [
      'two blocks open at once',
      [start, blockStart(0, { type: 'text', text: '' }), ...text(1, 'b'), finish(), end],
      [['unclosed-block', [2]]],
    ],
    [
      'a truncated stream',
      [start, blockStart(0, { type: 'text', text: '' })],
      [
        ['unclosed-block', [2]],
        ['terminator', [2]],
      ],
    ],
    [
      'an empty stream',
      [],
      [
        ['first-event', [0]],
        ['terminator', [0]],
      ],
    ],
    [
      'a delta and a stop for a block that is not open',
      [start, ...text(0, 'a'), delta(0, { type: 'text_delta', text: 'b' }), stop(0), finish(), end],
      [
        ['block-index', [4, 'index']],
        ['block-index', [5, 'index']],
      ],
    ],
    [
      'an event name that is not the payload type',
      [start, { event: 'ping', data: JSON.stringify({ type: 'content_block_stop', index: 0 }) }, finish(), end],
      [
        ['event-name', [1, 'type']],
        ['block-index', [1, 'index']],
      ],
    ],
    ['an event without a name', [start, { data: '{"type":"ping"}' }, finish(), end], [['event-name', [1, 'type']]]],
    ['events after message_stop', [...valid, ping], [['last-event', [valid.length]]]],
    ['a second message_start', [start, start, finish(), end], [['first-event', [1]]]],
    ['no message_delta', [start, ...text(0, 'a'), end], [['finish-reason', [4]]]],
    [
      'two message_deltas, the second without a stop_reason',
      [start, finish(), ev({ type: 'message_delta', delta: { stop_reason: null }, usage: { output_tokens: 2 } }), end],
      [
        ['finish-reason', [2]],
        ['finish-reason', [2, 'delta', 'stop_reason']],
      ],
    ],
    ['a block after message_delta', [start, finish(), ...text(0, 'a'), end], [['event-order', [2]]]],
    [
      'missing usage',
      [
        ev({
          type: 'message_start',
          message: { id: 'm', type: 'message', role: 'assistant', model: 'x', content: [], stop_reason: null },
        }),
        ev({ type: 'message_delta', delta: { stop_reason: 'end_turn' } }),
        end,
      ],
      [
        ['usage', [0, 'message', 'usage']],
        ['usage', [1, 'usage']],
      ],
    ],
    [
      'a thinking block without a signature',
      [
        start,
        blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
        delta(0, { type: 'thinking_delta', thinking: 'hmm' }),
        stop(0),
        finish(),
        end,
      ],
      [['signature', [3]]],
    ],
    [
      'wrongly typed fields',
      [
        start,
        blockStart(0, { type: 'text', text: 3 }),
        delta(0, { type: 'text_delta', text: null }),
        stop(0),
        finish(),
        end,
      ],
      [
        ['schema', [1, 'content_block', 'text']],
        ['schema', [2, 'delta', 'text']],
      ],
    ],
    [
      'a malformed error event',
      [start, ev({ type: 'error', error: { message: 'x' } })],
      [['schema', [1, 'error', 'type']]],
    ],
  ];

  for (const [name, events, expected] of cases)
    it(`reports ${name}`, () => {
      const result = validateStream(events);
      expect(rules(result)).toEqual(expected);
      expect(result.valid).toBe(false);
    });

  it('says what was expected and what arrived', () => {
    const [gap] = validateStream([start, ...text(0, 'a'), ...text(2, 'b'), finish(), end]).problems;
    expect(gap?.message).toBe('expected index 1 (indices count up from 0), got 2');
    const [kind] = validateStream([
      start,
      blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }),
      delta(0, { type: 'text_delta', text: 'a' }),
    ]).problems;
    expect(kind?.message).toBe('expected input_json_delta for tool_use block 0, got text_delta');
  });

  it('uses only the documented rule names', () => {
    for (const [, events] of cases)
      for (const problem of validateStream(events).problems) expect(VALIDATION_RULES).toContain(problem.rule);
  });
});

describe('validateRequest, validateResponse, validateError', () => {
  it('accepts every recorded body', () => {
    const bodies = fixtures.filter((f) => f.kind === 'request' || f.kind === 'response');
    expect(bodies.length).toBeGreaterThan(30);
    for (const fixture of bodies) {
      const body = json(fixture.bytes);
      // The count_tokens recording is the one body sent without max_tokens (see fixtures/README.md).
      const endpoint = fixture.scenario.includes('count-tokens') ? 'count_tokens' : 'messages';
      const result =
        fixture.kind === 'request'
          ? validateRequest(body, { endpoint })
          : fixture.scenario.startsWith('error-')
            ? validateError(body)
            : validateResponse(body);
      expect({ name: fixture.name, ...result }).toEqual({ name: fixture.name, valid: true, problems: [] });
    }
  });

  it('accepts valid Claude requests', () => {
    fc.assert(
      fc.property(arbitraryClaudeRequest, (body) => {
        expect(rules(validateRequest(body))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for any core request', () => {
    const requests = arbitraryChatRequest({
      roles: ['system', 'developer', 'user', 'assistant', 'tool'],
      parts: ['text', 'image', 'file', 'audio', 'reasoning', 'tool-call', 'refusal'],
      opaqueFormat: 'openai-responses',
      tools: true,
      sampling: ['temperature', 'topP', 'topK', 'stop', 'seed', 'maxOutputTokens', 'presencePenalty', 'n'],
    });
    fc.assert(
      fc.property(requests, (request) => {
        expect(rules(validateRequest(encodeRequest(request).value))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for any response', () => {
    fc.assert(
      fc.property(fc.oneof(arbitraryClaudeResponse, arbitraryChatResponse({ parts: ['text', 'tool-call'] })), (r) => {
        expect(rules(validateResponse(encodeResponse(r).value))).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('exports and README', () => {
  it('exports the validators from the package entry', () => {
    expect(claudePackage.validateStream).toBe(validateStream);
    expect(claudePackage.createStreamValidator).toBe(createStreamValidator);
    expect(claudePackage.validateRequest).toBe(validateRequest);
    expect(claudePackage.validateResponse).toBe(validateResponse);
    expect(claudePackage.validateError).toBe(validateError);
  });

  it('documents exactly the rule names the validators report, and its example holds', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Validation'));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` /gm)].map((m) => m[1]);
    expect(documented).toEqual([...VALIDATION_RULES]);
    expect(validateRequest({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] }).problems).toEqual([
      { path: ['messages'], rule: 'empty-content', message: 'expected at least one message, got none' },
    ]);
  });
});
