import {
  type ChatRequest,
  type ContentPart,
  collect,
  type JsonObject,
  type Message,
  type WireEvent,
} from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseTokenizer } from '../../core/src/sse/index.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { arbitraryClaudeRequest, arbitraryClaudeResponse } from './test-support/arbitraries.ts';
import { responseEvents } from './test-support/events.ts';
import { LOSS_FEATURES } from './test-support/features.ts';
import { decodeAll, encodeAll } from './test-support/run.ts';
import { formatSse } from './test-support/sse.ts';
import { claudeRequestProblems } from './test-support/validate.ts';

const RUNS = { numRuns: 150 };

/** Removes `extensions` everywhere (markers of how a value looked on the wire). */
function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'extensions') out[k] = strip(v);
  return out as T;
}

/** Claude's documented normalisation of a loss-free core request (see README): merged turns, one system message, compact arguments. */
function normalize(request: ChatRequest): ChatRequest {
  const system = request.messages.filter((m) => m.role === 'system').flatMap((m) => m.content);
  const turns: Message[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'tool' ? 'user' : message.role;
    const content = message.content.map(
      (p): ContentPart => (p.type === 'tool-call' ? { ...p, arguments: JSON.stringify(JSON.parse(p.arguments)) } : p),
    );
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else turns.push({ role, content });
  }
  const messages: Message[] = system.length > 0 ? [{ role: 'system', content: system }] : [];
  for (const turn of turns) {
    const results = turn.content.filter((p) => p.type === 'tool-result');
    const rest = turn.content.filter((p) => p.type !== 'tool-result');
    if (turn.role === 'user' && results.length > 0) messages.push({ role: 'tool', content: results });
    if (rest.length > 0 || results.length === 0 || turn.role !== 'user')
      messages.push({ role: turn.role, content: rest.length > 0 || turn.role !== 'user' ? rest : [] });
  }
  return { ...request, messages };
}

describe('property: wire → core → wire', () => {
  it('is the identity for valid Claude requests', () => {
    fc.assert(
      fc.property(arbitraryClaudeRequest, (wire) => {
        const decoded = decodeRequest(wire);
        expect(decoded.losses).toEqual([]);
        const encoded = encodeRequest(decoded.value);
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('is the identity for Claude responses', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, (response) => {
        const wire = encodeResponse(response).value;
        expect(encodeResponse(decodeResponse(wire).value).value).toEqual(wire);
      }),
      RUNS,
    );
  });
});

describe('property: core → wire → core', () => {
  const requests = arbitraryChatRequest({
    roles: ['system', 'developer', 'user', 'assistant', 'tool'],
    parts: ['text', 'image', 'file', 'audio', 'reasoning', 'tool-call', 'refusal'],
    opaqueFormat: 'openai-responses',
    tools: true,
    sampling: ['temperature', 'topP', 'topK', 'stop', 'seed', 'maxOutputTokens', 'presencePenalty', 'n'],
  });

  it('writes bodies Claude accepts and names every loss with a documented feature', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const encoded = encodeRequest(request);
        expect(claudeRequestProblems(encoded.value as JsonObject)).toEqual([]);
        for (const loss of encoded.losses) expect(LOSS_FEATURES).toContain(loss.feature);
        decodeRequest(encoded.value);
      }),
      RUNS,
    );
  });

  it('is the identity (after documented normalisation) when nothing is reported lost', () => {
    const simple = arbitraryChatRequest({
      roles: ['system', 'user', 'assistant'],
      parts: ['text', 'tool-call'],
      sampling: ['stop', 'maxOutputTokens', 'topK'],
    });
    fc.assert(
      fc.property(simple, (request) => {
        const encoded = encodeRequest(request);
        fc.pre(encoded.losses.length === 0);
        expect(strip(decodeRequest(encoded.value).value)).toEqual(strip(normalize(request)));
      }),
      RUNS,
    );
  });

  it('keeps responses within Claude capabilities exactly', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, (response) => {
        const encoded = encodeResponse(response);
        expect(encoded.losses).toEqual([]);
        const decoded = decodeResponse(encoded.value).value;
        delete decoded.usage?.raw;
        // An unknown cache-write count is written as null, so it stays unknown.
        expect(strip(decoded)).toEqual(strip(response));
      }),
      RUNS,
    );
  });

  it('reports what foreign responses lose and still writes a valid message', () => {
    fc.assert(
      fc.property(
        arbitraryChatResponse({
          maxChoices: 2,
          parts: ['text', 'reasoning', 'tool-call', 'refusal'],
          opaqueFormat: 'gemini',
          logprobs: true,
        }),
        (response) => {
          const encoded = encodeResponse(response);
          for (const loss of encoded.losses) expect(LOSS_FEATURES).toContain(loss.feature);
          decodeResponse(encoded.value);
        },
      ),
      RUNS,
    );
  });
});

describe('property: streams', () => {
  const split = (text: string, cuts: number[]): Uint8Array[] => {
    const bytes = new TextEncoder().encode(text);
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let at = 0;
    for (const p of [...points, bytes.length]) {
      chunks.push(bytes.subarray(at, p));
      at = p;
    }
    return chunks;
  };
  const tokenize = (chunks: Uint8Array[]): WireEvent[] => {
    const tokenizer = createSseTokenizer();
    const out: WireEvent[] = [];
    for (const chunk of chunks)
      for (const e of tokenizer.feed(chunk))
        out.push({ data: e.data, ...(e.event !== undefined ? { event: e.event } : {}) });
    tokenizer.end();
    return out;
  };

  it('decodes any chunking of an encoded stream to the same events', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, fc.array(fc.nat(), { maxLength: 20 }), (response, cuts) => {
        const sse = formatSse(encodeAll(responseEvents(response)));
        const whole = decodeAll(tokenize([new TextEncoder().encode(sse)]));
        expect(decodeAll(tokenize(split(sse, cuts)))).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('collects a decoded stream into the response decodeResponse gives', () => {
    fc.assert(
      fc.property(arbitraryClaudeResponse, (response) => {
        const collected = collect(decodeAll(encodeAll(responseEvents(response))));
        const nonStreamed = decodeResponse(encodeResponse(response).value).value;
        expect(encodeResponse(collected).value).toEqual(encodeResponse(nonStreamed).value);
      }),
      RUNS,
    );
  });
});
