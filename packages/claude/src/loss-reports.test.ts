import type { ChatRequest, ChatResponse, Loss, StreamEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';

/**
 * What Claude cannot carry is reported at a path into the core value being encoded (the
 * conversion matrix matches these paths to the differences of a round trip), or carried.
 */

const at = (losses: readonly Loss[]) => losses.map((l) => [l.path, l.feature]);

const response = (extra: Partial<ChatResponse>): ChatResponse => ({
  id: 'msg_1',
  model: 'm',
  choices: [{ index: 0, content: [{ type: 'text', text: 'hi' }], finishReason: { reason: 'stop' } }],
  usage: { inputTokens: 3, outputTokens: 4 },
  ...extra,
});

/** Encodes and decodes a stream; a usage event first, unless `bare`, so that no usage is defaulted. */
function encodeStream(events: StreamEvent[], bare = false) {
  const encoder = createStreamEncoder();
  const all: StreamEvent[] = bare ? events : [{ type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } }, ...events];
  const wire = [...all.flatMap((e) => encoder.push(e)), ...encoder.end()];
  const decoder = createStreamDecoder();
  const decoded = [...wire.flatMap((w) => decoder.push(w)), ...decoder.end()];
  return { losses: encoder.losses, decoded };
}

describe('loss reports at core paths', () => {
  it('reports the creation time of a response and of a stream, which a Claude message lacks', () => {
    expect(at(encodeResponse(response({ created: 1700000000 })).losses)).toEqual([[['created'], 'created']]);
    const { losses } = encodeStream([
      { type: 'message-start', id: 'msg_1', created: 1700000000 },
      { type: 'message-end' },
    ]);
    expect(at(losses)).toEqual([[['created'], 'created']]);
  });

  it('writes unknown cache counts as null so they decode as unknown, not as 0', () => {
    const encoded = encodeResponse(response({})).value as { usage: Record<string, unknown> };
    expect(encoded.usage.cache_creation_input_tokens).toBeNull();
    expect(encoded.usage.cache_read_input_tokens).toBeNull();
    const usage = decodeResponse(encoded).value.usage;
    expect(usage?.cacheWriteTokens).toBeUndefined();
    expect(usage?.cacheReadTokens).toBeUndefined();
    const { decoded } = encodeStream(
      [
        { type: 'message-start', id: 'msg_1' },
        { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } },
        { type: 'message-end' },
      ],
      true,
    );
    for (const event of decoded)
      if (event.type === 'usage' || event.type === 'message-start') {
        expect(event.usage?.cacheWriteTokens).toBeUndefined();
        expect(event.usage?.cacheReadTokens).toBeUndefined();
      }
  });

  it('reports an approximated finish reason at the choice, in responses and streams', () => {
    const other = response({
      choices: [{ index: 0, content: [{ type: 'text', text: 'hi' }], finishReason: { reason: 'other', raw: 'x' } }],
    });
    expect(at(encodeResponse(other).losses)).toEqual([[['choices', 0, 'finishReason'], 'finish-reason']]);
    const { losses } = encodeStream([
      { type: 'finish', choice: 0, finishReason: { reason: 'other' } },
      { type: 'message-end' },
    ]);
    expect(at(losses)).toEqual([[['choices', 0, 'finishReason'], 'finish-reason']]);
  });

  it('reports usage counts Claude has no field for: tool-use input and the total', () => {
    const r = response({ usage: { inputTokens: 3, outputTokens: 4, totalTokens: 9, toolUseInputTokens: 2 } });
    expect(at(encodeResponse(r).losses)).toEqual([
      [['usage', 'toolUseInputTokens'], 'usage.tool-use-input'],
      [['usage', 'totalTokens'], 'usage.total'],
    ]);
  });

  it('reports required usage counts it had to write as 0', () => {
    const missing = encodeResponse(response({ usage: { outputTokens: 4 } })).losses;
    expect(missing.map((l) => [l.code, l.path, l.feature])).toEqual([
      ['defaulted', ['usage', 'inputTokens'], 'usage.counts'],
    ]);
    const { losses } = encodeStream([{ type: 'message-start', id: 'msg_1' }, { type: 'message-end' }], true);
    expect(at(losses)).toEqual([[['usage'], 'usage.counts']]);
  });

  it('reports a Gemini signature on a streamed tool call at its block', () => {
    const { losses } = encodeStream([
      {
        type: 'block-start',
        index: 0,
        part: {
          type: 'tool-call',
          id: 'call_1',
          name: 'f',
          arguments: '{}',
          signature: { format: 'gemini', value: 'c2ln' },
        },
      },
      { type: 'block-delta', index: 0, delta: { type: 'signature', format: 'gemini', value: 'c2ln' } },
      { type: 'block-end', index: 0 },
      { type: 'message-end' },
    ]);
    expect(at(losses)).toEqual([
      [['stream', 'block', 0, 'signature'], 'reasoning.signature'],
      [['stream', 'signature'], 'reasoning.signature'],
    ]);
  });
});

describe('requests: settings Claude has no field for are reported even at their defaults', () => {
  const base: ChatRequest = {
    model: 'm',
    maxOutputTokens: 10,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  };

  it('reports n: 1 and a text-only modalities list, which do not come back', () => {
    const { losses } = encodeRequest({ ...base, n: 1, modalities: ['text'] });
    expect(at(losses)).toEqual([
      [['n'], 'sampling.n'],
      [['modalities'], 'modalities'],
    ]);
  });

  it('reports an explicit text output format and an image detail of auto', () => {
    const { losses } = encodeRequest({
      ...base,
      output: { type: 'text' },
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://x/a.png' }, detail: 'auto' }],
        },
      ],
    });
    expect(at(losses)).toEqual([
      [['messages', 0, 'content', 0, 'detail'], 'content.image'],
      [['output'], 'output.text'],
    ]);
  });

  it('reports the schema it has to give a tool without parameters', () => {
    const { losses } = encodeRequest({ ...base, tools: [{ type: 'function', name: 'f' }] });
    expect(losses.map((l) => [l.code, l.path, l.feature])).toEqual([
      ['defaulted', ['tools', 0, 'parameters'], 'tool.schema'],
    ]);
  });

  it('reports that hoisting a mid-conversation instruction moves the turns from the first one on', () => {
    const { losses } = encodeRequest({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'system', content: [{ type: 'text', text: 'be brief' }] },
        { role: 'user', content: [{ type: 'text', text: 'again' }] },
      ],
    });
    expect(at(losses)).toEqual([
      [['messages', 1], 'instructions.position'],
      [['messages', 0], 'instructions.position'],
    ]);
  });

  it('reports the turn that merges with the next one once the turn between them is dropped', () => {
    const { losses } = encodeRequest({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }] },
        { role: 'user', content: [{ type: 'text', text: 'again' }] },
      ],
    });
    expect(at(losses)).toEqual([
      [['messages', 1, 'content', 0], 'reasoning.text'],
      [['messages', 0], 'messages.alternation'],
    ]);
  });

  it('reports includeThoughts when thinking is not on (display exists only on thinking)', () => {
    const { value, losses } = encodeRequest({ ...base, reasoning: { includeThoughts: true } });
    expect(at(losses)).toEqual([[['reasoning', 'includeThoughts'], 'reasoning.config']]);
    expect(decodeRequest(value).value.reasoning).toBeUndefined();
  });
});

describe('errors', () => {
  it('carries the OpenAI param beside type and message, and reads it back', () => {
    const { status, body } = encodeError({ kind: 'invalid_request', status: 400, message: 'bad', param: 'max_tokens' });
    expect(body).toMatchObject({ error: { type: 'invalid_request_error', message: 'bad', param: 'max_tokens' } });
    const back = decodeError(body, status);
    expect(back.param).toBe('max_tokens');
    expect(back.extensions).toBeUndefined();
  });

  it('reports what a stream error event cannot carry (a kind and status Claude has no type for)', () => {
    const { losses, decoded } = encodeStream([
      { type: 'message-start', id: 'msg_1' },
      { type: 'error', error: { kind: 'quota', status: 403, message: 'out of quota', requestId: 'req_1' } },
    ]);
    expect(at(losses)).toEqual([
      [['usage'], 'usage.counts'],
      [['error', 'kind'], 'error.kind'],
      [['error', 'status'], 'error.status'],
    ]);
    expect(decoded.find((e) => e.type === 'error')).toMatchObject({ error: { requestId: 'req_1' } });
  });
});

describe('streams: what the skeleton of a block cannot carry', () => {
  it('reports the Responses item id of a streamed tool call, and streamed log probabilities', () => {
    const { losses } = encodeStream([
      {
        type: 'block-start',
        index: 0,
        part: { type: 'tool-call', id: 'call_1', itemId: 'fc_1', name: 'f', arguments: '' },
      },
      { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{}' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, part: { type: 'text', text: '' } },
      {
        type: 'block-delta',
        index: 1,
        delta: { type: 'text', text: 'hi' },
        logprobs: [{ token: 'hi', logprob: -0.1 }],
      },
      { type: 'block-end', index: 1 },
      { type: 'message-end' },
    ]);
    expect(at(losses)).toEqual([
      [['stream', 'block', 0, 'itemId'], 'tool-call.id'],
      [['choices', 0, 'logprobs'], 'logprobs'],
    ]);
  });
});
