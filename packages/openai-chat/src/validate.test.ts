import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject, JsonValue, ValidationResult, WireEvent } from '@interlingua/core';
import { arbitraryChatResponse, loadFixtures } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as chatPackage from './index.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { responseToEvents } from './test-support/events.ts';
import { encodeAll, readSseText } from './test-support/sse.ts';
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

const ENVELOPE = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1767225600, model: 'gpt-4.1' };

/** A chunk event with the shared envelope. */
const chunk = (choices: JsonValue[], extra: JsonObject = {}): WireEvent => ({
  data: JSON.stringify({ ...ENVELOPE, choices, ...extra }),
});
/** A chunk for one choice. */
const on = (delta: JsonObject, finish: string | null = null, index = 0): WireEvent =>
  chunk([{ index, delta, finish_reason: finish }]);
const role = (index = 0): WireEvent => on({ role: 'assistant', content: '', refusal: null }, null, index);
const text = (t: string, index = 0): WireEvent => on({ content: t }, null, index);
const finish = (reason = 'stop', index = 0): WireEvent => on({}, reason, index);
/** The first fragment of a function call. */
const call = (tool: number, id = `call_${tool}`, name = 'get_weather'): WireEvent =>
  on({ tool_calls: [{ index: tool, id, type: 'function', function: { name, arguments: '' } }] });
const args = (tool: number, fragment: string): WireEvent =>
  on({ tool_calls: [{ index: tool, function: { arguments: fragment } }] });
const usage = chunk([], { usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } });
const done: WireEvent = { data: '[DONE]' };

/** A valid stream: text, two tool calls (one interleaved in fragments), finish, usage, [DONE]. */
const valid: WireEvent[] = [
  role(),
  text('Let me look.'),
  call(0),
  args(0, '{"city": "Par'),
  call(1, 'call_1', 'get_time'),
  args(1, '{}'),
  args(0, 'is"}'),
  finish('tool_calls'),
  usage,
  done,
];

describe('validateStream: valid streams', () => {
  it('accepts the reference stream, incrementally and whole alike', () => {
    expect(validateStream(valid, { includeUsage: true })).toEqual({ valid: true, problems: [] });
    const validator = createStreamValidator({ includeUsage: true });
    for (const event of valid) validator.push(event);
    expect(validator.end()).toEqual({ valid: true, problems: [] });
  });

  it('accepts every recorded stream (.sse via core’s SSE tokenizer, .chunks.jsonl without [DONE])', () => {
    const streams = fixtures.flatMap((f) => {
      const body = f.bytes.toString('utf8');
      if (f.kind === 'sse') return [{ name: f.name, events: readSseText(f.bytes), requireDone: true }];
      if (f.kind !== 'chunks') return [];
      const events = body
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((data) => ({ data }));
      return [{ name: f.name, events, requireDone: false }];
    });
    expect(streams.length).toBeGreaterThanOrEqual(9);
    for (const { name, events, requireDone } of streams)
      expect({ name, ...validateStream(events, { requireDone }) }).toEqual({ name, valid: true, problems: [] });
  });

  it('accepts n choices interleaved, custom tool input, a usage-free stream, and an error payload last', () => {
    const custom = on(
      { tool_calls: [{ index: 0, id: 'call_c', type: 'custom', custom: { name: 'sh', input: '' } }] },
      null,
      1,
    );
    const input = on({ tool_calls: [{ index: 0, custom: { input: 'ls -la' } }] }, null, 1);
    const stream = [role(0), role(1), text('a', 0), custom, input, finish('stop', 0), finish('tool_calls', 1), done];
    expect(rules(validateStream(stream))).toEqual([]);
    const error = {
      data: JSON.stringify({ error: { message: 'boom', type: 'server_error', param: null, code: null } }),
    };
    expect(rules(validateStream([role(), text('a'), error]))).toEqual([]);
    expect(rules(validateStream([error, done]))).toEqual([]);
  });

  it('accepts cut-off arguments when the model ran out of tokens (finish_reason length)', () => {
    expect(rules(validateStream([role(), call(0), args(0, '{"city": "Pa'), finish('length'), done]))).toEqual([]);
  });

  it('accepts what our encoder writes for any response (n choices, logprobs, tool calls, usage)', () => {
    const responses = arbitraryChatResponse({
      parts: ['text', 'reasoning', 'tool-call', 'refusal'],
      opaqueFormat: 'openai-chat',
      maxChoices: 3,
      logprobs: true,
    });
    fc.assert(
      fc.property(responses, (response) => {
        const events = encodeAll(createStreamEncoder(), responseToEvents(response));
        expect(rules(validateStream(events, { includeUsage: true }))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('accepts what our encoder writes for foreign responses', () => {
    const responses = arbitraryChatResponse({
      parts: ['text', 'reasoning', 'tool-call', 'refusal'],
      opaqueFormat: 'claude',
    });
    fc.assert(
      fc.property(responses, (response) => {
        const events = encodeAll(createStreamEncoder({ reasoningField: 'none' }), responseToEvents(response));
        expect(rules(validateStream(events, { includeUsage: true }))).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('validateStream: structure', () => {
  const responses = arbitraryChatResponse({ parts: ['text', 'tool-call', 'refusal'], maxChoices: 2 });

  /** Chunks the grammar needs: each choice's first chunk, first tool-call fragments, finishes, usage, [DONE]. */
  const structural = (event: WireEvent): boolean => {
    if (event.data === '[DONE]') return true;
    const payload = JSON.parse(event.data) as { choices: JsonObject[]; usage?: unknown };
    if (payload.choices.length === 0) return payload.usage !== undefined;
    return payload.choices.some((c) => {
      const delta = c.delta as { role?: string; tool_calls?: { id?: string }[] };
      return c.finish_reason !== null || delta.role !== undefined || delta.tool_calls?.some((t) => t.id) === true;
    });
  };

  it('reports any structural chunk dropped from an encoded stream', () => {
    fc.assert(
      fc.property(responses, fc.nat(), (response, pick) => {
        const events = encodeAll(createStreamEncoder(), responseToEvents(response));
        const candidates = events.flatMap((e, i) => (structural(e) ? [i] : []));
        const drop = candidates[pick % candidates.length]!;
        const result = validateStream(
          events.filter((_, i) => i !== drop),
          { includeUsage: true },
        );
        expect(result.valid).toBe(false);
      }),
      RUNS,
    );
  });

  it('reports a changed id as exactly one envelope problem per change', () => {
    fc.assert(
      fc.property(responses, fc.nat(), (response, pick) => {
        const events = encodeAll(createStreamEncoder(), responseToEvents(response));
        const at = pick % (events.length - 1);
        const changed = events.map((e, i) =>
          i === at ? { data: JSON.stringify({ ...JSON.parse(e.data), id: 'chatcmpl-other' }) } : e,
        );
        // A change from the chunk before (none for the first chunk), then a change back on the next chunk (none at [DONE]).
        const expected: [string, (string | number)[]][] = [];
        if (at > 0) expected.push(['envelope', [at, 'id']]);
        if (at + 1 < events.length - 1) expected.push(['envelope', [at + 1, 'id']]);
        expect(rules(validateStream(changed, { includeUsage: true }))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('never throws, and reports only documented rules with event-number paths, whatever arrives', () => {
    const payload = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constant('[DONE]'),
      fc.constantFrom(...valid.map((e) => e.data)),
      fc
        .record({
          choices: fc.array(fc.record({ index: fc.nat(2), delta: fc.object(), finish_reason: fc.anything() })),
        })
        .map((c) => JSON.stringify({ ...ENVELOPE, ...c })),
    );
    const event = fc.record(
      { data: payload, event: fc.option(fc.string(), { nil: undefined }) },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.boolean(), (events, includeUsage) => {
        const result = validateStream(events, { includeUsage });
        expect(result.valid).toBe(result.problems.length === 0);
        for (const problem of result.problems) {
          expect(VALIDATION_RULES).toContain(problem.rule);
          expect(typeof problem.path[0]).toBe('number');
          expect(problem.message).toMatch(/^expected .+, got /);
        }
      }),
      RUNS,
    );
  });
});

describe('exports and README', () => {
  it('exports the validators from the package entry', () => {
    expect(chatPackage.validateStream).toBe(validateStream);
    expect(chatPackage.createStreamValidator).toBe(createStreamValidator);
    expect(chatPackage.validateRequest).toBe(validateRequest);
    expect(chatPackage.validateResponse).toBe(validateResponse);
    expect(chatPackage.validateError).toBe(validateError);
    expect(chatPackage.VALIDATION_RULES).toBe(VALIDATION_RULES);
  });

  it('documents exactly the rule names the validators report, and its example holds', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Validation'));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` /gm)].map((m) => m[1]);
    expect(documented).toEqual([...VALIDATION_RULES]);
    expect(validateRequest({ model: 'gpt-4.1', messages: [] }).problems).toEqual([
      { path: ['messages'], rule: 'empty-content', message: 'expected at least one message, got none' },
    ]);
  });
});
