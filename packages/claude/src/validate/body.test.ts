import type { JsonObject, ValidationResult } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { VALIDATION_RULES, validateError, validateRequest, validateResponse } from '../validate.ts';

/** The problems of a result as `[rule, path]` pairs. */
const rules = (result: ValidationResult): [string, (string | number)[]][] =>
  result.problems.map((p) => [p.rule, p.path]);

const user = (content: unknown): JsonObject => ({ role: 'user', content }) as JsonObject;
const assistant = (content: unknown): JsonObject => ({ role: 'assistant', content }) as JsonObject;
const request = (fields: JsonObject): JsonObject => ({ model: 'claude-sonnet-4-5', max_tokens: 4096, ...fields });
const useBlock = (id: string, name = 'get_weather'): JsonObject => ({ type: 'tool_use', id, name, input: {} });
const result = (id: string): JsonObject => ({ type: 'tool_result', tool_use_id: id, content: 'ok' });
const think: JsonObject = { type: 'thinking', thinking: 'hmm', signature: 'c2ln' };

describe('validateRequest', () => {
  it('reports every problem of a body that breaks many rules, each with its path', () => {
    const body = request({
      max_tokens: 2000,
      temperature: 0.5,
      top_k: 5,
      top_p: 0.5,
      thinking: { type: 'enabled', budget_tokens: 4000 },
      tool_choice: { type: 'any' },
      tools: [
        { name: 'get.weather', input_schema: { type: 'object' } },
        { name: 'get.weather', input_schema: { type: 'object' } },
        { name: 'lookup' },
      ],
      system: '   ',
      messages: [
        assistant([{ type: 'text', text: 'Hi' }]),
        user([{ type: 'text', text: '' }]),
        assistant([
          { type: 'text', text: 'calling' },
          useBlock('call.1', 'get.weather'),
          useBlock('toolu_2', 'lookup'),
        ]),
        user([{ type: 'text', text: 'here' }, result('call.1')]),
      ],
    });
    const verdict = validateRequest(body);
    expect(verdict.valid).toBe(false);
    expect(rules(verdict)).toEqual([
      ['empty-text', ['system']],
      ['empty-text', ['messages', 1, 'content', 0, 'text']],
      ['tool-id', ['messages', 2, 'content', 1, 'id']],
      ['tool-name', ['messages', 2, 'content', 1, 'name']],
      ['tool-id', ['messages', 3, 'content', 1, 'tool_use_id']],
      ['alternation', ['messages', 0, 'role']],
      ['tool-result', ['messages', 2, 'content', 2]],
      ['tool-result', ['messages', 3, 'content', 1]],
      ['tool-name', ['tools', 0, 'name']],
      ['tool-name', ['tools', 1, 'name']],
      ['tool-name', ['tools', 1, 'name']],
      ['schema', ['tools', 2, 'input_schema']],
      ['thinking', ['temperature']],
      ['thinking', ['top_k']],
      ['thinking', ['top_p']],
      ['thinking', ['thinking', 'budget_tokens']],
      ['thinking', ['tool_choice', 'type']],
      ['thinking', ['messages', 2, 'content', 0]],
    ]);
    for (const problem of verdict.problems) expect(VALIDATION_RULES).toContain(problem.rule);
    expect(verdict.problems.find((p) => p.rule === 'tool-result')?.message).toBe(
      'expected a tool_result for tool_use "toolu_2" in the next user turn, got none',
    );
  });

  it('reports wrongly typed and missing fields with what was expected and what arrived', () => {
    const body = {
      max_tokens: '10',
      messages: [
        { role: 'bot', content: 3 },
        user([
          { type: 'tool_use', name: 'f', input: 'x' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png' } },
        ]),
      ],
      tool_choice: { type: 'tool' },
    };
    const verdict = validateRequest(body);
    expect(verdict.problems.map((p) => [p.rule, p.path, p.message])).toEqual([
      ['schema', ['max_tokens'], 'expected number, got "10"'],
      ['schema', ['messages', 0, 'role'], 'expected "user" or "assistant" or "system", got "bot"'],
      ['schema', ['messages', 0, 'content'], 'expected string or array, got number 3'],
      ['schema', ['messages', 1, 'content', 0, 'id'], 'expected string, got missing'],
      ['schema', ['messages', 1, 'content', 0, 'input'], 'expected object, got "x"'],
      ['block-role', ['messages', 1, 'content', 0, 'type'], 'expected a block the user sends, got a tool_use block'],
      ['schema', ['messages', 1, 'content', 1, 'source', 'data'], 'expected string, got missing'],
      ['schema', ['tool_choice', 'name'], 'expected the name of the tool to force, got missing'],
    ]);
    expect(rules(validateRequest('hello'))).toEqual([['schema', []]]);
    expect(rules(validateRequest({ model: 'm', messages: [user('hi')] }))).toEqual([['schema', ['max_tokens']]]);
    expect(rules(validateRequest({ model: 'm', messages: [user('hi')] }, { endpoint: 'count_tokens' }))).toEqual([]);
  });

  it('checks tool results against the merged turns, as the API does', () => {
    // Consecutive same-role messages are merged by the API, so this is one user turn answering both calls.
    const merged = request({
      messages: [
        user('weather?'),
        assistant([useBlock('toolu_1'), useBlock('toolu_2')]),
        user([result('toolu_1')]),
        user([result('toolu_2'), { type: 'text', text: 'thanks' }]),
      ],
    });
    expect(rules(validateRequest(merged))).toEqual([]);
    const broken = request({
      messages: [
        user([result('toolu_0')]),
        assistant([useBlock('toolu_1'), useBlock('toolu_1'), result('toolu_1')]),
        user([result('toolu_1'), result('toolu_1'), think]),
      ],
    });
    expect(rules(validateRequest(broken))).toEqual([
      ['tool-id', ['messages', 1, 'content', 1, 'id']],
      ['block-role', ['messages', 1, 'content', 2, 'type']],
      ['block-role', ['messages', 2, 'content', 2, 'type']],
      ['tool-result', ['messages', 0, 'content', 0, 'tool_use_id']],
      ['tool-result', ['messages', 2, 'content', 1, 'tool_use_id']],
    ]);
  });

  it('checks thinking: budget floor, no prefill, signatures on replayed thinking, tool loops opening with thinking', () => {
    const thinking = { type: 'enabled', budget_tokens: 512 };
    expect(rules(validateRequest(request({ thinking, messages: [user('hi'), assistant('{')] })))).toEqual([
      ['thinking', ['thinking', 'budget_tokens']],
      ['thinking', ['messages', 1]],
    ]);
    const loop = (lead: JsonObject[]): JsonObject =>
      request({
        thinking: { type: 'adaptive' },
        temperature: 1,
        tool_choice: { type: 'auto' },
        messages: [user('hi'), assistant([...lead, useBlock('toolu_1')]), user([result('toolu_1')])],
      });
    expect(rules(validateRequest(loop([think])))).toEqual([]);
    expect(rules(validateRequest(loop([{ type: 'redacted_thinking', data: 'x' }])))).toEqual([]);
    expect(rules(validateRequest(loop([])))).toEqual([['thinking', ['messages', 1, 'content', 0]]]);
    expect(rules(validateRequest(loop([{ type: 'thinking', thinking: 'hmm' }])))).toEqual([
      ['signature', ['messages', 1, 'content', 0, 'signature']],
    ]);
  });

  it('checks empty content and text: empty anywhere, whitespace only when the message has nothing else', () => {
    const body = request({
      messages: [
        user(''),
        assistant([{ type: 'text', text: ' ' }, useBlock('toolu_1')]),
        user([
          result('toolu_1'),
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '' }] },
        ]),
        assistant([]),
        user([{ type: 'text', text: '\n' }]),
        assistant(''),
      ],
    });
    expect(rules(validateRequest(body))).toEqual([
      ['empty-content', ['messages', 0, 'content']],
      ['empty-text', ['messages', 2, 'content', 1, 'content', 0, 'text']],
      ['empty-content', ['messages', 3, 'content']],
      ['empty-text', ['messages', 4, 'content', 0, 'text']],
      ['tool-result', ['messages', 2, 'content', 1, 'tool_use_id']],
    ]);
    expect(rules(validateRequest(request({ messages: [] })))).toEqual([['empty-content', ['messages']]]);
  });

  it('allows at most four cache_control breakpoints, the top-level one included', () => {
    const cached = (text: string): JsonObject => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
    const body = request({
      cache_control: { type: 'ephemeral' },
      system: [cached('a')],
      messages: [user([cached('b'), cached('c'), { type: 'tool_result', tool_use_id: 'x', content: [cached('d')] }])],
    });
    expect(rules(validateRequest(body)).filter(([rule]) => rule === 'cache-control')).toEqual([
      ['cache-control', ['messages', 0, 'content', 2, 'content', 0, 'cache_control']],
    ]);
  });
});

describe('validateResponse', () => {
  it('reports every problem with its path', () => {
    const body = {
      type: 'message',
      role: 'assistant',
      model: 1,
      content: [
        { type: 'thinking', thinking: 'x' },
        { type: 'tool_use', id: 'a', name: 'b', input: '{}' },
        { type: 'tool_result', tool_use_id: 'a' },
        { type: 'future_block', anything: true },
      ],
      stop_reason: null,
      usage: { input_tokens: 'x' },
    };
    expect(rules(validateResponse(body))).toEqual([
      ['schema', ['id']],
      ['schema', ['model']],
      ['schema', ['usage', 'input_tokens']],
      ['signature', ['content', 0, 'signature']],
      ['schema', ['content', 1, 'input']],
      ['block-role', ['content', 2, 'type']],
      ['finish-reason', ['stop_reason']],
      ['usage', ['usage', 'output_tokens']],
    ]);
    expect(rules(validateResponse({ ...body, usage: undefined })).filter(([rule]) => rule === 'usage')).toEqual([
      ['usage', ['usage']],
    ]);
  });
});

describe('validateError', () => {
  it('accepts the envelope and reports what is missing', () => {
    const ok = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: null };
    expect(validateError(ok)).toEqual({ valid: true, problems: [] });
    expect(validateError({ type: 'err', error: { message: 3 } }).problems.map((p) => [p.path, p.message])).toEqual([
      [['type'], 'expected "error", got "err"'],
      [['error', 'type'], 'expected string, got missing'],
      [['error', 'message'], 'expected string, got number 3'],
    ]);
    expect(rules(validateError('Request Entity Too Large'))).toEqual([['schema', []]]);
  });
});
