import type { ChatRequest, ChatResponse, Loss, StreamEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { encodeAll } from './test-support/sse.ts';
import { validateRequest, validateStream } from './validate.ts';

/**
 * What other formats hand Chat that it cannot carry is reported with a path into the core value
 * (found by the conversion matrix: each of these was a silent difference).
 */
const reported = (losses: readonly Loss[]) => losses.map((l) => [l.code, l.path, l.feature]);

const user = (text: string): ChatRequest['messages'][number] => ({ role: 'user', content: [{ type: 'text', text }] });

describe('requests from other formats', () => {
  it('leaves out tool_choice and parallel_tool_calls when no tool is written, reporting them', () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [user('Hi')],
      tools: [{ type: 'builtin', kind: 'code_execution' }],
      toolChoice: { type: 'auto' },
      parallelToolCalls: true,
    };
    const { value, losses } = encodeRequest(request);
    expect(value).not.toHaveProperty('tool_choice');
    expect(value).not.toHaveProperty('parallel_tool_calls');
    expect(reported(losses)).toEqual([
      ['dropped', ['tools', 0], 'tool.builtin'],
      ['dropped', ['toolChoice'], 'tool-choice'],
      ['dropped', ['parallelToolCalls'], 'tool-choice.parallel'],
    ]);
    expect(validateRequest(value).valid).toBe(true);
  });

  it('reports the whole reasoning config when a budget becomes an effort, and a mode Chat has no field for', () => {
    const budget = encodeRequest({
      model: 'm',
      messages: [user('Hi')],
      reasoning: { mode: 'enabled', budgetTokens: 1024 },
    });
    expect(budget.value).toMatchObject({ reasoning_effort: 'low' });
    expect(reported(budget.losses)).toEqual([['approximated', ['reasoning'], 'reasoning.config']]);
    const adaptive = encodeRequest({ model: 'm', messages: [user('Hi')], reasoning: { mode: 'adaptive' } });
    expect(adaptive.value).not.toHaveProperty('reasoning_effort');
    expect(reported(adaptive.losses)).toEqual([['dropped', ['reasoning', 'mode'], 'reasoning.config']]);
    const disabled = encodeRequest({
      model: 'm',
      messages: [user('Hi')],
      reasoning: { mode: 'disabled', budgetTokens: 0 },
    });
    expect(disabled.value).toMatchObject({ reasoning_effort: 'none' });
    expect(reported(disabled.losses)).toEqual([['approximated', ['reasoning'], 'reasoning.config']]);
  });

  it('reports an empty text part written as content "" (read back as no content)', () => {
    const { value, losses } = encodeRequest({
      model: 'm',
      messages: [{ role: 'system', content: [{ type: 'text', text: '' }] }, user('Hi')],
    });
    expect((value as { messages: unknown[] }).messages[0]).toEqual({ role: 'system', content: '' });
    expect(reported(losses)).toEqual([['dropped', ['messages', 0, 'content', 0], 'content.empty-text']]);
    // Chat's own `content: ""` reads as no part, and is written back without a loss.
    const wire = {
      model: 'm',
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'Hi' },
      ],
    };
    const again = encodeRequest(decodeRequest(wire).value);
    expect(again.value).toEqual(wire);
    expect(again.losses).toEqual([]);
  });

  it('reports the error flag of a tool result even when it is false', () => {
    const { losses } = encodeRequest({
      model: 'm',
      messages: [
        user('Go'),
        { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' }] },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: 'ok' }], isError: false }],
        },
      ],
    });
    expect(reported(losses)).toEqual([['dropped', ['messages', 2, 'content', 0, 'isError'], 'tool-result.error']]);
  });

  it('reports item ids, empty reasoning items, text signatures and parts Chat moves in an assistant turn', () => {
    const { value, losses } = encodeRequest({
      model: 'm',
      messages: [
        user('Go'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', summary: [], id: 'rs_1' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}', itemId: 'fc_1' },
            { type: 'text', text: 'Done.', signature: { format: 'gemini', value: 'sig' } },
          ],
        },
      ],
    });
    expect((value as { messages: unknown[] }).messages[1]).toEqual({
      role: 'assistant',
      content: 'Done.',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
    expect(reported(losses)).toEqual([
      ['dropped', ['messages', 1, 'content', 1, 'itemId'], 'tool-call.id'],
      ['dropped', ['messages', 1, 'content', 2, 'signature'], 'reasoning.signature'],
      ['approximated', ['messages', 1, 'content', 2], 'content.position'],
      ['dropped', ['messages', 1, 'content', 0, 'id'], 'reasoning.id'],
      ['dropped', ['messages', 1, 'content', 0], 'reasoning.summary'],
    ]);
  });
});

describe('responses from other formats', () => {
  it('reports an empty reasoning item, joined text across a dropped part, a stop sequence and a stop with calls', () => {
    const response: ChatResponse = {
      id: 'r',
      model: 'm',
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: '', summary: [], id: 'rs_1' },
            { type: 'text', text: 'A' },
            { type: 'server-tool-call', id: 'srv_1', name: 'web_search', input: {} },
            { type: 'text', text: 'B' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
          ],
          finishReason: { reason: 'stop', stopSequence: '```' },
        },
      ],
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
    };
    const { value, losses } = encodeResponse(response);
    expect(reported(losses)).toEqual([
      ['dropped', ['choices', 0, 'content', 2], 'server-tool'],
      ['approximated', ['choices', 0, 'content', 3], 'content.position'],
      ['dropped', ['choices', 0, 'content', 0, 'id'], 'reasoning.id'],
      ['dropped', ['choices', 0, 'content', 0], 'reasoning.summary'],
      ['approximated', ['choices', 0, 'finishReason'], 'finish-reason'],
      ['dropped', ['choices', 0, 'finishReason', 'stopSequence'], 'finish-reason'],
    ]);
    expect(decodeResponse(value).value.choices[0]?.content).toEqual([
      { type: 'text', text: 'AB' },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
    ]);
  });

  it("reports Gemini's tool-use prompt tokens added to prompt_tokens, and counts Chat requires but was not given", () => {
    const { value, losses } = encodeResponse({
      choices: [{ index: 0, content: [{ type: 'text', text: 'Hi' }] }],
      usage: { inputTokens: 10, toolUseInputTokens: 4, totalTokens: 14 },
    });
    expect((value as { usage: unknown }).usage).toEqual({ prompt_tokens: 14, completion_tokens: 0, total_tokens: 14 });
    expect(reported(losses)).toEqual([
      ['approximated', ['usage', 'toolUseInputTokens'], 'usage.tool-use-input'],
      ['approximated', ['usage', 'inputTokens'], 'usage.tool-use-input'],
      ['defaulted', ['usage', 'outputTokens'], 'usage.counts'],
    ]);
  });
});

describe('streams from other formats', () => {
  const encode = (events: StreamEvent[]) => {
    const encoder = createStreamEncoder();
    const wire = encodeAll(encoder, events);
    return { wire, losses: encoder.losses };
  };
  const start: StreamEvent = { type: 'message-start', id: 'chatcmpl-1', model: 'm', created: 1 };

  it('reports empty, redacted and summary-only reasoning blocks and item ids at their block in the choice', () => {
    const { wire, losses } = encode([
      start,
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: '', summary: [], id: 'rs_1' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'reasoning', text: '', redacted: true } },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 2, delta: { type: 'summary', summaryIndex: 0, text: 'Thinking.' } },
      { type: 'block-end', index: 2 },
      {
        type: 'block-start',
        index: 3,
        part: { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}', itemId: 'fc_1' },
      },
      { type: 'block-end', index: 3 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ]);
    expect(validateStream(wire).valid).toBe(true);
    expect(reported(losses)).toEqual([
      ['dropped', ['choices', 0, 'content', 0, 'id'], 'reasoning.id'],
      ['dropped', ['choices', 0, 'content', 0], 'reasoning.summary'],
      ['dropped', ['choices', 0, 'content', 1], 'reasoning.redacted'],
      ['approximated', ['choices', 0, 'content', 2, 'summary'], 'reasoning.summary'],
      ['dropped', ['choices', 0, 'content', 3, 'itemId'], 'tool-call.id'],
    ]);
  });

  it('reports a reasoning block joined to the one before it, reasoning logprobs and a stop sequence', () => {
    const { losses } = encode([
      start,
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: 'a' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'reasoning', text: '' } },
      {
        type: 'block-delta',
        index: 1,
        delta: { type: 'reasoning', text: 'b' },
        logprobs: [{ token: 'b', logprob: -1 }],
      },
      { type: 'block-end', index: 1 },
      { type: 'finish', finishReason: { reason: 'stop', stopSequence: 'END' } },
      { type: 'message-end' },
    ]);
    expect(reported(losses)).toEqual([
      ['dropped', ['choices', 0, 'logprobs'], 'logprobs'],
      ['approximated', ['choices', 0, 'content', 1], 'content.position'],
      ['dropped', ['finish', 0, 'stopSequence'], 'finish-reason'],
    ]);
  });

  it('does not report text blocks right after each other (Chat joins them by design) nor text after a tool call', () => {
    const { losses } = encode([
      start,
      { type: 'block-start', index: 0, part: { type: 'text', text: 'a' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'text', text: 'b' } },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, part: { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' } },
      { type: 'block-end', index: 2 },
      { type: 'block-start', index: 3, part: { type: 'text', text: 'c' } },
      { type: 'block-end', index: 3 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ]);
    expect(losses).toEqual([]);
  });

  it('writes usage that arrived before an error after the finish chunks, and reports an error kind Chat cannot say', () => {
    const { wire, losses } = encode([
      start,
      { type: 'block-start', index: 0, part: { type: 'text', text: 'Hi' } },
      { type: 'block-end', index: 0 },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'error', error: { kind: 'other', status: 500, message: 'failed' } },
    ]);
    const payloads = wire.map((e) => JSON.parse(e.data) as Record<string, unknown>);
    expect(payloads.at(-2)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } });
    expect(payloads.at(-1)).toMatchObject({ error: { message: 'failed' } });
    expect(reported(losses)).toEqual([['approximated', ['error', 'kind'], 'error.kind']]);
  });
});
