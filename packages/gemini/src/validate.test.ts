import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject, ValidationResult, WireEvent } from '@interlingua/core';
import {
  arbitraryApiError,
  arbitraryChatRequest,
  arbitraryChatResponse,
  type Fixture,
  loadFixtures,
} from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseTokenizer } from '../../core/src/sse/index.ts';
import { encodeError } from './error.ts';
import * as geminiPackage from './index.ts';
import { formatJsonArrayStream, readJsonArrayStream } from './json-array-stream.ts';
import { encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamEncoder, formatGeminiSse } from './stream.ts';
import { arbitraryGeminiRequest, arbitraryGeminiResponse, responseToEvents } from './test-support/arbitraries.ts';
import { parseSse } from './test-support/sse.ts';
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

/** The problems of a result as `[rule, path]` pairs, the part tests compare. */
const rules = (result: ValidationResult): [string, (string | number)[]][] =>
  result.problems.map((p) => [p.rule, p.path]);

/** Reads bytes as a stream of the given pieces (to exercise the incremental readers). */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The SSE body read with core's tokenizer, fed in 61-byte pieces. */
function tokenize(bytes: Uint8Array): WireEvent[] {
  const tokenizer = createSseTokenizer();
  const events: WireEvent[] = [];
  for (let i = 0; i < bytes.length; i += 61) events.push(...tokenizer.feed(bytes.subarray(i, i + 61)));
  tokenizer.end();
  return events;
}

async function collectEvents(source: AsyncIterable<WireEvent>): Promise<WireEvent[]> {
  const out: WireEvent[] = [];
  for await (const event of source) out.push(event);
  return out;
}

/** A recorded stream as wire events, each format read by its own reader. */
async function streamOf(fixture: Fixture): Promise<WireEvent[]> {
  if (fixture.kind === 'sse') return parseSse(fixture.bytes);
  // One event per recorded line, as recorded (readJsonLines would re-serialise them).
  if (fixture.kind === 'chunks')
    return fixture.bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((data) => ({ data }));
  return collectEvents(readJsonArrayStream(pieces(fixture.bytes, 97)));
}

/** What our encoder writes for a core response. */
function encodeStream(events: Parameters<typeof responseToEvents>[0]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...responseToEvents(events).flatMap((e) => encoder.push(e)), ...encoder.end()];
}

/** One stream chunk: candidate 0 (unless `index` says otherwise) with the given parts. */
function chunk(parts: JsonObject[] | undefined, extra: JsonObject = {}, candidate: JsonObject = {}): WireEvent {
  const content = parts === undefined ? {} : { content: { parts, role: 'model' } };
  return {
    data: JSON.stringify({
      candidates: [{ ...content, index: 0, ...candidate }],
      modelVersion: 'gemini-2.5-flash',
      responseId: 'r1',
      ...extra,
    }),
  };
}
const usage = (candidatesTokenCount: number): JsonObject => ({
  usageMetadata: { promptTokenCount: 7, candidatesTokenCount, totalTokenCount: 7 + candidatesTokenCount },
});
const text = (t: string): JsonObject => ({ text: t });
const stop: JsonObject = { finishReason: 'STOP' };
const call = (name: string, args: unknown): JsonObject => ({ functionCall: { name, args } }) as JsonObject;
const piece = (fields: JsonObject): JsonObject => ({ functionCall: fields });
const last = (parts: JsonObject[], n = 9): WireEvent => chunk(parts, usage(n), stop);
const error = (body: unknown): WireEvent => ({ data: JSON.stringify(body) });
const unavailable = { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } };

/** A valid stream: thought, text in two increments, the signature-only last part with the finish and usage. */
const valid: WireEvent[] = [
  chunk([{ text: 'plan', thought: true }, text('Hel')], usage(0)),
  chunk([text('lo')], usage(2)),
  last([{ text: '', thoughtSignature: 'c2ln' }]),
];

describe('validateStream: valid streams', () => {
  it('accepts the reference stream, incrementally and whole alike', () => {
    expect(validateStream(valid)).toEqual({ valid: true, problems: [] });
    const validator = createStreamValidator();
    for (const event of valid) validator.push(event);
    expect(validator.end()).toEqual({ valid: true, problems: [] });
  });

  it('accepts every recorded stream (.sse with both SSE readers, .chunks.jsonl per line, the JSON array)', async () => {
    const streams = fixtures.filter((f) => f.kind === 'sse' || f.kind === 'chunks' || f.kind === 'json-array');
    expect(streams.length).toBe(12);
    for (const fixture of streams) {
      const events = await streamOf(fixture);
      expect(events.length).toBeGreaterThan(1);
      expect({ name: fixture.name, ...validateStream(events) }).toEqual({
        name: fixture.name,
        valid: true,
        problems: [],
      });
      if (fixture.kind === 'sse') expect(validateStream(tokenize(fixture.bytes))).toEqual(validateStream(events));
    }
  });

  it('accepts a stream ending in an error chunk (even with a streamed call open), and a blocked prompt', () => {
    expect(validateStream([chunk([text('a')], usage(1)), error(unavailable)]).valid).toBe(true);
    expect(validateStream([error(unavailable)]).valid).toBe(true);
    expect(validateStream([chunk([piece({ name: 'f', willContinue: true })]), error(unavailable)]).valid).toBe(true);
    const blocked = { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3 } };
    expect(validateStream([error(blocked)])).toEqual({ valid: true, problems: [] });
  });

  it('tolerates event names, empty payloads, candidates without index or content, and usage-only chunks', () => {
    const stream = [
      {
        event: 'message',
        data: JSON.stringify({ candidates: [{ content: { parts: [text('a')] } }], responseId: 'r1' }),
      },
      { data: '' },
      { data: JSON.stringify({ candidates: [], responseId: 'r1' }) },
      { data: JSON.stringify({ candidates: [{ index: 0, safetyRatings: [] }], responseId: 'r1' }) },
      { data: JSON.stringify({ candidates: [{ finishReason: 'STOP' }], responseId: 'r1' }) },
      { data: JSON.stringify({ usageMetadata: { promptTokenCount: 1, totalTokenCount: 2 }, responseId: 'r1' }) },
    ];
    expect(rules(validateStream(stream))).toEqual([]);
  });

  it('accepts interleaved candidates and Vertex streamed calls', () => {
    const stream = [
      chunk([text('a')], {}, { index: 1 }),
      chunk([
        piece({ name: 'f', willContinue: true }),
        piece({ partialArgs: [{ jsonPath: '$.a' }], willContinue: true }),
      ]),
      chunk([piece({ partialArgs: [{ jsonPath: '$.a', stringValue: 'x' }] })], {}, { index: 0 }),
      chunk([call('g', {})], {}, stop),
      chunk([text('b')], usage(4), { index: 1, finishReason: 'MAX_TOKENS' }),
    ];
    expect(rules(validateStream(stream))).toEqual([]);
  });

  const coreResponse = arbitraryChatResponse({
    parts: ['text', 'reasoning', 'tool-call', 'image'],
    sources: ['base64'],
    opaqueFormat: 'gemini',
    maxChoices: 2,
    finishReasons: ['stop', 'length', 'tool-calls', 'content-filter'],
  });

  it('accepts what our encoder writes for any core response, read back from SSE and from a JSON array', async () => {
    await fc.assert(
      fc.asyncProperty(coreResponse, async (response) => {
        const events = encodeStream(response);
        expect(rules(validateStream(events))).toEqual([]);
        const sse = new TextEncoder().encode(events.map(formatGeminiSse).join(''));
        expect(rules(validateStream(tokenize(sse)))).toEqual([]);
        const array = new TextEncoder().encode(formatJsonArrayStream(events));
        expect(rules(validateStream(await collectEvents(readJsonArrayStream(pieces(array, 53)))))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts any complete Gemini response, and what our encoder streams for it', () => {
    const complete = arbitraryGeminiResponse.filter(
      (body) => body.usageMetadata !== undefined && (body.candidates as JsonObject[])[0]?.finishReason !== undefined,
    );
    fc.assert(
      fc.property(complete, (body) => {
        expect(rules(validateResponse(body))).toEqual([]);
        expect(rules(validateStream(encodeStream(decodeResponse(body).value)))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('rejects an encoded stream cut before its last chunk, or whose last chunk repeats', () => {
    fc.assert(
      fc.property(coreResponse, (response) => {
        const events = encodeStream(response);
        expect(rules(validateStream(events.slice(0, -1))).map(([rule]) => rule)).toContain('terminator');
        const repeated = rules(validateStream([...events, events.at(-1)!]));
        expect(repeated.length).toBeGreaterThan(0);
        expect(repeated.every(([rule, path]) => rule === 'last-event' && path[0] === events.length)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('validateStream: broken streams', () => {
  const cases: [string, WireEvent[], [string, (string | number)[]][]][] = [
    ['an empty stream', [], [['terminator', [0]]]],
    ['a payload that is not JSON', [valid[0]!, { data: '{"candidates":' }, valid[2]!], [['json', [1]]]],
    ['a [DONE] terminator (Gemini has none)', [...valid, { data: '[DONE]' }], [['json', [3]]]],
    ['a payload that is not an object', [valid[0]!, { data: '[1]' }, valid[2]!], [['schema', [1]]]],
    [
      'wrongly typed fields',
      [chunk([{ text: 5 }], { usageMetadata: { totalTokenCount: '9' } }, { finishReason: 1 })],
      [
        ['schema', [0, 'usageMetadata', 'totalTokenCount']],
        ['schema', [0, 'candidates', 0, 'finishReason']],
        ['schema', [0, 'candidates', 0, 'content', 'parts', 0, 'text']],
        ['terminator', [1]],
      ],
    ],
    [
      'a part with two data fields, a part with none, and a user role',
      [
        {
          data: JSON.stringify({
            candidates: [
              {
                content: { role: 'user', parts: [{ text: 'a', inlineData: { data: 'eA==' } }, { thought: true }] },
                finishReason: 'STOP',
              },
            ],
            usageMetadata: {},
          }),
        },
      ],
      [
        ['schema', [0, 'candidates', 0, 'content', 'role']],
        ['schema', [0, 'candidates', 0, 'content', 'parts', 0]],
        ['schema', [0, 'candidates', 0, 'content', 'parts', 1]],
      ],
    ],
    [
      'a responseId that changes and a modelVersion that disappears',
      [
        valid[0]!,
        chunk([text('x')], { responseId: 'r2', modelVersion: undefined } as unknown as JsonObject),
        valid[2]!,
      ],
      [
        ['envelope', [1, 'responseId']],
        ['envelope', [1, 'modelVersion']],
      ],
    ],
    [
      'parts after the finishReason',
      [...valid, chunk([text('more')], usage(9))],
      [['last-event', [3, 'candidates', 0, 'content', 'parts']]],
    ],
    ['a second finishReason', [...valid, last([])], [['last-event', [3, 'candidates', 0, 'finishReason']]]],
    ['anything after an error chunk', [valid[0]!, error(unavailable), valid[2]!], [['last-event', [2]]]],
    [
      'a malformed error chunk',
      [error({ error: { code: '503', message: 'x', status: 'OVERLOADED', details: [{}] } })],
      [
        ['schema', [0, 'error', 'code']],
        ['schema', [0, 'error', 'status']],
        ['schema', [0, 'error', 'details', 0, '@type']],
      ],
    ],
    [
      'function-call args that are not an object, and a call without a name',
      [last([call('f', '{"a":1}'), call('g', [1]), { functionCall: { args: {} } }])],
      [
        ['arguments-json', [0, 'candidates', 0, 'content', 'parts', 0, 'functionCall', 'args']],
        ['arguments-json', [0, 'candidates', 0, 'content', 'parts', 1, 'functionCall', 'args']],
        ['schema', [0, 'candidates', 0, 'content', 'parts', 2, 'functionCall', 'name']],
      ],
    ],
    [
      'a streamed call never completed before the finishReason',
      [chunk([piece({ name: 'f', willContinue: true })]), last([piece({ partialArgs: [], willContinue: true })])],
      [['arguments-json', [1, 'candidates', 0, 'finishReason']]],
    ],
    [
      'a streamed call interrupted by another part, and a piece of no call',
      [chunk([piece({ name: 'f', willContinue: true }), text('a')]), last([piece({})])],
      [
        ['arguments-json', [0, 'candidates', 0, 'content', 'parts', 1]],
        ['arguments-json', [1, 'candidates', 0, 'content', 'parts', 0]],
      ],
    ],
    [
      'a streamed call still open when the stream ends',
      [chunk([piece({ name: 'f', willContinue: true })], usage(1))],
      [
        ['arguments-json', [1]],
        ['terminator', [1]],
      ],
    ],
    [
      'usage that decreases',
      [chunk([text('a')], usage(5)), chunk([text('b')], { usageMetadata: { promptTokenCount: 7 } }), last([], 6)],
      [
        ['usage', [1, 'usageMetadata', 'candidatesTokenCount']],
        ['usage', [1, 'usageMetadata', 'totalTokenCount']],
      ],
    ],
    ['no usage on the last chunk', [...valid.slice(0, 2), chunk([], {}, stop)], [['usage', [2, 'usageMetadata']]]],
    ['no finishReason', valid.slice(0, 2), [['terminator', [2]]]],
    ['a candidate that never finishes', [chunk([text('a')], {}, { index: 1 }), ...valid], [['terminator', [4]]]],
    [
      'chunks after a blocked prompt with parts',
      [
        error({ promptFeedback: { blockReason: 'SAFETY' }, responseId: 'r1' }),
        chunk([text('a')], { responseId: 'r1' }),
      ],
      [
        ['envelope', [1, 'modelVersion']],
        ['last-event', [1, 'candidates', 0, 'content', 'parts']],
        ['usage', [1, 'usageMetadata']],
      ],
    ],
  ];

  for (const [name, events, expected] of cases)
    it(`reports ${name}`, () => {
      const result = validateStream(events);
      expect(rules(result)).toEqual(expected);
      expect(result.valid).toBe(false);
    });

  it('says what was expected and what arrived', () => {
    const messages = (events: WireEvent[]) => validateStream(events).problems.map((p) => p.message);
    expect(messages([valid[0]!, chunk([text('x')], { responseId: 'r2' }), valid[2]!])).toEqual([
      'expected responseId "r1" on every chunk (as on event 0), got "r2"',
    ]);
    expect(messages([last([call('f', 'x')])])).toEqual(['expected args to be a JSON object, got "x"']);
    expect(messages([chunk([text('a')], usage(5)), last([], 3)])).toEqual([
      'expected candidatesTokenCount to be at least 5 (a running snapshot never decreases), got 3',
      'expected totalTokenCount to be at least 12 (a running snapshot never decreases), got 10',
    ]);
    expect(messages(valid.slice(0, 2))).toEqual([
      'expected a chunk with a finishReason for candidate 0, got the end of the stream after 2 events',
    ]);
  });

  it('uses only the documented rule names', () => {
    for (const [, events] of cases)
      for (const problem of validateStream(events).problems) expect(VALIDATION_RULES).toContain(problem.rule);
  });
});

describe('validateRequest, validateResponse, validateError', () => {
  it('accepts every recorded body', () => {
    const bodies = fixtures.filter((f) => f.kind === 'request' || f.kind === 'response');
    expect(bodies.length).toBe(35);
    for (const fixture of bodies) {
      const body = JSON.parse(fixture.bytes.toString('utf8'));
      const result =
        fixture.kind === 'request'
          ? validateRequest(body)
          : fixture.scenario.startsWith('error-')
            ? validateError(body)
            : validateResponse(body);
      expect({ name: fixture.name, ...result }).toEqual({ name: fixture.name, valid: true, problems: [] });
    }
  });

  it('accepts valid Gemini requests', () => {
    fc.assert(
      fc.property(arbitraryGeminiRequest, (body) => {
        expect(rules(validateRequest(body))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for any core request', () => {
    const requests = arbitraryChatRequest({
      roles: ['system', 'developer', 'user', 'assistant', 'tool'],
      parts: ['text', 'image', 'reasoning', 'tool-call'],
      sources: ['base64'],
      opaqueFormat: 'gemini',
      tools: true,
      sampling: ['temperature', 'topP', 'topK', 'stop', 'seed', 'maxOutputTokens', 'n'],
    });
    fc.assert(
      fc.property(requests, (request) => {
        const result = validateRequest(encodeRequest(request).value);
        expect(rules(result)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for any response and any error', () => {
    fc.assert(
      fc.property(arbitraryChatResponse({ parts: ['text', 'reasoning', 'tool-call', 'image'], maxChoices: 2 }), (r) => {
        expect(rules(validateResponse(encodeResponse(r).value))).toEqual([]);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(arbitraryApiError, (e) => {
        expect(rules(validateError(encodeError(e).body))).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('bad input', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  /** Values shaped like Gemini bodies with any field replaced by anything, so the deeper rules run too. */
  const bodyLike = fc.oneof(
    json,
    fc.record({ contents: fc.array(json, { maxLength: 3 }), tools: json, toolConfig: json, generationConfig: json }),
    fc.record({
      contents: fc.array(
        fc.record({
          role: json,
          parts: fc.array(fc.dictionary(fc.constantFrom('text', 'functionCall', 'functionResponse', 'thought'), json), {
            maxLength: 3,
          }),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      candidates: fc.array(
        fc.record({ content: fc.record({ parts: fc.array(json, { maxLength: 3 }) }), finishReason: json, index: json }),
        { maxLength: 2 },
      ),
      usageMetadata: json,
      error: fc.option(json, { nil: undefined }),
    }),
  );

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(bodyLike, (body) => {
        for (const validate of [validateRequest, validateResponse, validateError])
          expect(typeof validate(body).valid).toBe('boolean');
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            bodyLike.map((b) => JSON.stringify(b) ?? 'null'),
          ),
          { maxLength: 6 },
        ),
        (data) => {
          expect(typeof validateStream(data.map((d) => ({ data: d }))).valid).toBe('boolean');
        },
      ),
      RUNS,
    );
  });
});

describe('exports and README', () => {
  it('exports the validators from the package entry', () => {
    expect(geminiPackage.validateStream).toBe(validateStream);
    expect(geminiPackage.createStreamValidator).toBe(createStreamValidator);
    expect(geminiPackage.validateRequest).toBe(validateRequest);
    expect(geminiPackage.validateResponse).toBe(validateResponse);
    expect(geminiPackage.validateError).toBe(validateError);
    expect(geminiPackage.VALIDATION_RULES).toBe(VALIDATION_RULES);
  });

  it('documents exactly the rule names the validators report, and its example holds', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Validation'));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` /gm)].map((m) => m[1]);
    expect(documented).toEqual([...VALIDATION_RULES]);
    expect(validateRequest({ contents: [{ role: 'user', parts: [] }] }).problems).toEqual([
      { path: ['contents', 0, 'parts'], rule: 'empty-content', message: 'expected at least one part, got none' },
    ]);
  });
});
