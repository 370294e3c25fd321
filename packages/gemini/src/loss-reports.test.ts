import type { ApiError, ChatRequest, ChatResponse, Loss, StreamEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest, requestUrlPath } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder, createStreamEncoder } from './stream.ts';

// Regression tests for values a conversion into Gemini used to change or drop without a loss report
// (found by the conversion matrix): each is now either carried or reported with a core path.

const where = (losses: readonly Loss[]) => losses.map((l) => [l.feature, l.path.join('.')]);

const streamLosses = (events: StreamEvent[]): Loss[] => {
  const encoder = createStreamEncoder();
  for (const e of events) encoder.push(e);
  encoder.end();
  return encoder.losses;
};

const user: ChatRequest['messages'][number] = { role: 'user', content: [{ type: 'text', text: 'Hi' }] };

describe('model and stream flag (URL, not body)', () => {
  it('reports model, stream and stream options as lost from the body', () => {
    const { value, losses } = encodeRequest({
      model: 'gemini-2.5-flash',
      stream: true,
      streamOptions: { includeUsage: true },
      messages: [user],
    });
    expect(value).not.toHaveProperty('model');
    expect(where(losses)).toEqual([
      ['model', 'model'],
      ['stream', 'stream'],
      ['stream', 'streamOptions'],
    ]);
  });

  it('builds the URL path that carries them, and decodeRequest reads them back from it', () => {
    const request: ChatRequest = { model: 'gemini-2.5-flash', stream: true, messages: [user] };
    expect(requestUrlPath(request)).toBe('models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(requestUrlPath({ model: 'models/gemini-2.5-pro' })).toBe('models/gemini-2.5-pro:generateContent');
    expect(() => requestUrlPath({})).toThrow(/no model/);
    const back = decodeRequest(encodeRequest(request).value, { model: 'gemini-2.5-flash', stream: true }).value;
    expect(back.model).toBe('gemini-2.5-flash');
    expect(back.stream).toBe(true);
  });
});

describe('request fields Gemini has no place for', () => {
  it('reports an empty instruction that leaves no systemInstruction', () => {
    const { value, losses } = encodeRequest({ messages: [{ role: 'system', content: [] }, user] });
    expect(value).not.toHaveProperty('systemInstruction');
    expect(where(losses)).toContainEqual(['content.empty-text', 'messages.0']);
  });

  it('reports a developer message becoming the system instruction', () => {
    const { losses } = encodeRequest({
      messages: [{ role: 'developer', content: [{ type: 'text', text: 'Be brief' }] }, user],
    });
    expect(where(losses)).toEqual([['instructions.developer', 'messages.0.role']]);
  });

  it('reports cache breakpoints on parts', () => {
    const { losses } = encodeRequest({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache: { type: 'ephemeral' } }] }],
    });
    expect(where(losses)).toEqual([['cache', 'messages.0.content.0.cache']]);
  });

  it('reports a response schema’s strict flag (false too), name and description', () => {
    const { losses } = encodeRequest({
      messages: [user],
      output: { type: 'json-schema', schema: { type: 'object' }, name: 'result', description: 'd', strict: false },
    });
    expect(where(losses)).toEqual([
      ['output.json-schema', 'output.name'],
      ['output.json-schema', 'output.description'],
      ['output.json-schema', 'output.strict'],
    ]);
  });

  it('reports an explicit isError: false on a tool result', () => {
    const { losses } = encodeRequest({
      messages: [
        user,
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'c1', content: [], isError: false }] },
      ],
    });
    expect(where(losses)).toContainEqual(['tool-result.error', 'messages.2.content.0.isError']);
  });

  it('reports foreign item ids, empty reasoning and a summary sent as thought text', () => {
    const { losses } = encodeRequest({
      messages: [
        user,
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: '', id: 'rs_1' },
            { type: 'reasoning', text: '', summary: ['thought'], id: 'rs_2' },
            { type: 'tool-call', id: 'c1', itemId: 'fc_1', name: 'f', arguments: '{}' },
          ],
        },
      ],
    });
    expect(where(losses)).toEqual(
      expect.arrayContaining([
        ['content.empty-text', 'messages.1.content.0'],
        ['reasoning.summary', 'messages.1.content.1.summary'],
        ['reasoning.id', 'messages.1.content.1.id'],
        ['tool-call.id', 'messages.1.content.2.itemId'],
      ]),
    );
  });
});

describe('request positions and settings', () => {
  it('points a hoisted instruction’s loss at the first conversation message (all later ones move)', () => {
    const { losses } = encodeRequest({
      messages: [user, { role: 'system', content: [{ type: 'text', text: 'Be brief' }] }],
    });
    expect(where(losses)).toEqual([['instructions.position', 'messages.0']]);
  });

  it('reports a reasoning summary setting, which Gemini has no place for', () => {
    const { value, losses } = encodeRequest({ messages: [user], reasoning: { effort: 'low', summary: 'detailed' } });
    expect(value).toMatchObject({ generationConfig: { thinkingConfig: { includeThoughts: true } } });
    expect(where(losses)).toEqual([['reasoning.config', 'reasoning.summary']]);
  });

  it('reports another provider’s versioned built-in tool type becoming Gemini’s key', () => {
    const { losses } = encodeRequest({
      messages: [user],
      tools: [{ type: 'builtin', kind: 'code_execution', providerType: 'code_execution_20250825' }],
    });
    expect(where(losses)).toEqual([['tool.builtin', 'tools.0.providerType']]);
  });
});

describe('responses', () => {
  const response = (finishReason: NonNullable<ChatResponse['choices'][number]['finishReason']>): ChatResponse => ({
    serviceTier: 'default',
    usage: { inputTokens: 3, outputTokens: 2, cacheWriteByTtl: { '5m': 1 } },
    choices: [{ index: 0, content: [{ type: 'text', text: 'Hi' }], finishReason }],
  });

  it('reports the service tier and cache writes by TTL', () => {
    const { losses } = encodeResponse(response({ reason: 'stop' }));
    expect(where(losses)).toEqual([
      ['usage.cache-write-by-ttl', 'usage.cacheWriteByTtl'],
      ['service-tier', 'serviceTier'],
    ]);
  });

  it.each(['error', 'pause'] as const)('reports a %s finish that reads back as another kind', (reason) => {
    const { value, losses } = encodeResponse(response({ reason }));
    expect(decodeResponse(value).value.choices[0]?.finishReason?.reason).not.toBe(reason);
    expect(where(losses)).toContainEqual(['finish-reason', 'choices.0.finishReason.reason']);
  });

  it('reports the stop sequence a finish names', () => {
    const { losses } = encodeResponse(response({ reason: 'stop', stopSequence: '###' }));
    expect(where(losses)).toContainEqual(['finish-reason', 'choices.0.finishReason.stopSequence']);
  });
});

describe('stream encoder', () => {
  it('reports the service tier and a finish that reads back as another kind, by choice', () => {
    const losses = streamLosses([
      { type: 'message-start', id: 'r', serviceTier: 'priority' },
      { type: 'finish', choice: 0, finishReason: { reason: 'error' } },
      { type: 'message-end' },
    ]);
    expect(where(losses)).toEqual([
      ['service-tier', 'serviceTier'],
      ['finish-reason', 'finish.0.reason'],
    ]);
  });

  it('reports redacted, encrypted and empty reasoning blocks, item ids and summaries', () => {
    const losses = streamLosses([
      { type: 'message-start' },
      {
        type: 'block-start',
        index: 0,
        part: { type: 'reasoning', text: '', redacted: true, encrypted: { format: 'claude', value: 'x' } },
      },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'reasoning', text: '', id: 'rs_1' } },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, part: { type: 'reasoning', text: '' } },
      { type: 'block-delta', index: 2, delta: { type: 'summary', summaryIndex: 0, text: 'thought' } },
      { type: 'block-end', index: 2 },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'message-end' },
    ]);
    expect(where(losses)).toEqual([
      ['reasoning.encrypted', 'choices.0.content.0.encrypted'],
      ['reasoning.redacted', 'choices.0.content.0'],
      ['content.empty-text', 'choices.0.content.1'],
      ['reasoning.id', 'choices.0.content.1.id'],
      ['reasoning.summary', 'choices.0.content.2.summary'],
    ]);
  });
});

describe('stream encoder: block boundaries and envelopes', () => {
  it('reports two unsigned thought blocks in a row, which Gemini streams join', () => {
    const losses = streamLosses([
      { type: 'message-start' },
      { type: 'block-start', index: 0, part: { type: 'reasoning', text: 'a' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'reasoning', text: 'b' } },
      { type: 'block-end', index: 1 },
      { type: 'finish', finishReason: { reason: 'stop' } },
      { type: 'message-end' },
    ]);
    expect(where(losses)).toEqual([['reasoning.text', 'choices.0.content.0']]);
  });

  it('reports per-delta logprobs once per choice', () => {
    const events: StreamEvent[] = [{ type: 'message-start' }];
    for (const choice of [0, 1])
      events.push(
        { type: 'block-start', choice, index: 0, part: { type: 'text', text: '' } },
        {
          type: 'block-delta',
          choice,
          index: 0,
          delta: { type: 'text', text: 'x' },
          logprobs: [{ token: 'x', logprob: -1 }],
        },
        { type: 'block-end', choice, index: 0 },
      );
    events.push({ type: 'message-end' });
    expect(where(streamLosses(events))).toEqual([
      ['logprobs', 'choices.0.logprobs'],
      ['logprobs', 'choices.1.logprobs'],
    ]);
  });

  it('reports the id and model an error chunk cannot carry, and a status it reads back differently', () => {
    const losses = streamLosses([
      { type: 'message-start', id: 'resp_1', model: 'gpt-5' },
      { type: 'error', error: { kind: 'quota', status: 500, message: 'quota' } },
    ]);
    expect(where(losses)).toEqual([
      ['stream.event', 'id'],
      ['stream.event', 'model'],
      ['error.status', 'error.status'],
    ]);
  });
});

describe('carried exactly', () => {
  it('writes no topCandidates for logprobs without alternatives (they would read back as empty lists)', () => {
    const response: ChatResponse = {
      choices: [{ index: 0, content: [{ type: 'text', text: 'Hi' }], logprobs: [{ token: 'Hi', logprob: -1 }] }],
    };
    const back = decodeResponse(encodeResponse(response).value).value;
    expect(back.choices[0]?.logprobs).toEqual([{ token: 'Hi', logprob: -1 }]);
  });

  it('keeps the block order when text streams while a function call is still open', () => {
    // OpenAI Chat closes call blocks only at the end: later text must not overtake the call.
    const encoder = createStreamEncoder();
    const events: StreamEvent[] = [
      { type: 'message-start' },
      { type: 'block-start', index: 0, part: { type: 'tool-call', id: 'c1', name: 'f', arguments: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"a":1}' } },
      { type: 'block-start', index: 1, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 1, delta: { type: 'text', text: 'after' } },
      { type: 'block-end', index: 1 },
      { type: 'block-end', index: 0 },
      { type: 'finish', finishReason: { reason: 'tool-calls' } },
      { type: 'message-end' },
    ];
    const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
    const decoder = createStreamDecoder();
    const back = [...wire.flatMap((w) => decoder.push(w)), ...decoder.end()];
    const starts = back.flatMap((e) => (e.type === 'block-start' ? [e.part.type] : []));
    expect(starts).toEqual(['tool-call', 'text']);
  });
});

describe('errors', () => {
  it('names a kind Gemini’s status reads back as another one in an ErrorInfo detail', () => {
    const { body, status } = encodeError({ kind: 'quota', status: 429, message: 'You exceeded your quota' });
    expect(status).toBe(429);
    expect(decodeError(body, status).kind).toBe('quota');
    // Gemini's own rate limit stays as the server sends it.
    expect(encodeError({ kind: 'rate_limit', status: 429, message: 'slow down' }).body).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' },
    });
  });

  it('carries the parameter at fault and the request id in Google’s error details', () => {
    const error: ApiError = {
      kind: 'invalid_request',
      status: 400,
      message: 'bad',
      param: 'max_tokens',
      requestId: 'req_1',
    };
    const { body, status } = encodeError(error);
    const back = decodeError(body, status);
    expect(back.param).toBe('max_tokens');
    expect(back.requestId).toBe('req_1');
    expect(encodeError(back).body).toEqual(body);
  });
});

describe('usage before a mid-stream error', () => {
  it('reports the usage snapshot an error chunk cannot carry', () => {
    const losses = streamLosses([
      { type: 'message-start', id: 'r1', model: 'gemini-x' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
      { type: 'error', error: { kind: 'server', status: 500, message: 'boom' } },
    ]);
    expect(where(losses)).toContainEqual(['usage.counts', 'usage']);
  });

  it('reports nothing when the last usage already went out on a chunk', () => {
    const losses = streamLosses([
      { type: 'message-start', id: 'r1', model: 'gemini-x' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
      { type: 'block-start', index: 0, part: { type: 'text', text: '' } },
      { type: 'block-delta', index: 0, delta: { type: 'text', text: 'hi' } },
      { type: 'error', error: { kind: 'server', status: 500, message: 'boom' } },
    ]);
    expect(where(losses).filter(([, path]) => path === 'usage')).toEqual([]);
  });
});
