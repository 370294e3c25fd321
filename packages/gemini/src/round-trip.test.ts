import {
  type ChatRequest,
  type ChatResponse,
  collect,
  type JsonObject,
  type Message,
  type StreamEvent,
} from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelizeRequest } from './case.ts';
import { decodeFinishReason, encodeFinishReason } from './finish-reason.ts';
import { SKIP_SIGNATURE } from './part-encode.ts';
import { decodeRequest, encodeRequest, LEADING_USER_TEXT, MISSING_RESULT_TEXT } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder, createStreamEncoder, formatGeminiSse } from './stream.ts';
import {
  arbitraryGeminiRequest,
  arbitraryGeminiResponse,
  mergeContinuations,
  responseToEvents,
  snakeify,
} from './test-support/arbitraries.ts';
import { createTestSseReader, splitAt } from './test-support/sse.ts';

const RUNS = { numRuns: Number(process.env.GEMINI_PROPERTY_RUNS ?? 150) };

/** Core responses within Gemini's capabilities, with Gemini-issued signatures. */
const coreResponse = arbitraryChatResponse({
  parts: ['text', 'reasoning', 'tool-call', 'image'],
  sources: ['base64'],
  opaqueFormat: 'gemini',
  maxChoices: 2,
  finishReasons: ['stop', 'length', 'tool-calls', 'content-filter'],
});

/** What a core response looks like after a trip through Gemini: documented normalisations only. */
function normalise(response: ChatResponse): ChatResponse {
  const { created: _, ...rest } = structuredClone(response);
  return {
    ...rest,
    choices: rest.choices.map((choice) => {
      const hasCalls = choice.content.some((p) => p.type === 'tool-call');
      return {
        ...choice,
        ...(choice.finishReason
          ? { finishReason: decodeFinishReason(encodeFinishReason(choice.finishReason), hasCalls) }
          : {}),
      };
    }),
  };
}

/** Core requests within Gemini's capabilities. */
const coreRequest = arbitraryChatRequest({
  parts: ['text', 'image', 'reasoning', 'tool-call'],
  sources: ['base64'],
  opaqueFormat: 'gemini',
  tools: true,
  sampling: ['temperature', 'topP', 'topK', 'stop', 'seed', 'maxOutputTokens', 'n'],
});

/**
 * A core request after a trip through Gemini: instructions hoisted to the front, same-role
 * neighbours merged, the placeholder signature on unsigned current-turn calls, an error
 * placeholder result for each call left unanswered, a placeholder user turn first when the
 * conversation opens with the assistant or has no turn. The model and the stream flag travel in
 * the URL (`requestUrlPath`): the body loses them, and `decodeRequest`'s options give them back.
 */
function normaliseRequest(request: ChatRequest): {
  request: ChatRequest;
  hoisted: number;
  placeholders: number;
  missing: number;
  alternation: number;
} {
  const rest = structuredClone(request);
  let turnStart = -1;
  rest.messages.forEach((m, i) => {
    if (m.role === 'user' && m.content.some((p) => p.type !== 'tool-result')) turnStart = i;
  });
  let placeholders = 0;
  let hoisted = 0;
  let conversation = false;
  const system: Message = { role: 'system', content: [] };
  const merged: Message[] = [];
  rest.messages.forEach((m, i) => {
    if (m.role === 'system' || m.role === 'developer') {
      if (conversation) hoisted++;
      system.content.push(...m.content);
      return;
    }
    conversation = true;
    const firstCall = m.content.find((p) => p.type === 'tool-call');
    if (m.role === 'assistant' && i > turnStart && firstCall?.type === 'tool-call' && !firstCall.signature) {
      firstCall.signature = { format: 'gemini', value: SKIP_SIGNATURE };
      placeholders++;
    }
    const last = merged[merged.length - 1];
    if (last?.role === m.role) last.content.push(...m.content);
    else merged.push(m);
  });
  // The generator writes no tool messages: every call before another turn is unanswered.
  const answered: Message[] = [];
  let missing = 0;
  for (const [i, m] of merged.entries()) {
    answered.push(m);
    const calls = m.content.flatMap((p) => (p.type === 'tool-call' ? [p] : []));
    if (m.role !== 'assistant' || calls.length === 0 || i === merged.length - 1) continue;
    missing += calls.length;
    answered.push({
      role: 'tool',
      content: calls.map((c) => ({
        type: 'tool-result',
        callId: c.id,
        name: c.name,
        content: [{ type: 'text', text: MISSING_RESULT_TEXT }],
        isError: true,
      })),
    });
  }
  const alternation = answered[0] === undefined || answered[0].role === 'assistant' ? 1 : 0;
  if (alternation) answered.unshift({ role: 'user', content: [{ type: 'text', text: LEADING_USER_TEXT }] });
  rest.messages = system.content.length > 0 ? [system, ...answered] : answered;
  return { request: rest, hoisted, placeholders, missing, alternation };
}

/** Drops every `extensions` field (they carry Gemini's wire details, not meaning). */
function stripExtensions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'extensions' ? undefined : v)));
}

function withoutRawUsage(response: ChatResponse): ChatResponse {
  const copy = structuredClone(response);
  if (copy.usage) delete copy.usage.raw;
  return copy;
}

function sseOf(events: StreamEvent[]): Uint8Array {
  const encoder = createStreamEncoder();
  const body = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()].map(formatGeminiSse).join('');
  return new TextEncoder().encode(body);
}

function decodeSse(pieces: Uint8Array[]): StreamEvent[] {
  const reader = createTestSseReader();
  const decoder = createStreamDecoder();
  const out: StreamEvent[] = [];
  for (const piece of pieces) for (const wire of reader.feed(piece)) out.push(...decoder.push(wire));
  return [...out, ...decoder.end()];
}

describe('round trips', () => {
  it('wire → core → wire is the identity for requests (snake_case normalised)', () => {
    fc.assert(
      fc.property(arbitraryGeminiRequest, fc.func(fc.boolean()), (wire, pick) => {
        const sent = snakeify(wire, (key) => pick(key));
        const decoded = decodeRequest(sent);
        expect(decoded.losses).toEqual([]);
        const encoded = encodeRequest(decoded.value);
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(camelizeRequest(sent));
        expect(encoded.value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('core → wire → core keeps requests within Gemini’s capabilities, minus exactly the reported losses', () => {
    fc.assert(
      fc.property(coreRequest, (request) => {
        const { request: expected, hoisted, placeholders, missing, alternation } = normaliseRequest(request);
        const encoded = encodeRequest(request);
        const features = encoded.losses.map((l) => l.feature).sort();
        expect(features).toEqual(
          [
            ...Array<string>(hoisted).fill('instructions.position'),
            ...Array<string>(placeholders).fill('reasoning.signature'),
            ...Array<string>(missing).fill('tool-result.missing'),
            ...Array<string>(alternation).fill('messages.alternation'),
            ...(request.model !== undefined ? ['model'] : []),
            ...(request.stream !== undefined ? ['stream'] : []),
          ].sort(),
        );
        const url = {
          ...(request.model !== undefined ? { model: request.model } : {}),
          ...(request.stream !== undefined ? { stream: request.stream } : {}),
        };
        const back = decodeRequest(encoded.value, url);
        expect(stripExtensions(back.value)).toEqual(stripExtensions(expected));
      }),
      RUNS,
    );
  });

  it('wire → core → wire is the identity for responses', () => {
    fc.assert(
      fc.property(arbitraryGeminiResponse, (wire) => {
        const decoded = decodeResponse(wire);
        const encoded = encodeResponse(decoded.value);
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('core → wire → core keeps everything Gemini can carry; the creation time is reported', () => {
    fc.assert(
      fc.property(coreResponse, (response) => {
        const encoded = encodeResponse(response);
        // A finish reason Gemini reads back as another kind (a stop with calls, tool-calls without) is reported.
        const changed = normalise(response).choices.flatMap((c, i) =>
          c.finishReason?.reason !== response.choices[i]?.finishReason?.reason ? ['finish-reason'] : [],
        );
        expect(encoded.losses.map((l) => l.feature).sort()).toEqual(['metadata', ...changed].sort());
        const back = decodeResponse(encoded.value as JsonObject);
        expect(withoutRawUsage(back.value)).toEqual(normalise(response));
      }),
      RUNS,
    );
  });

  it('any chunking of an encoded stream decodes to the same events, and collects to the body', () => {
    fc.assert(
      fc.property(coreResponse, fc.array(fc.nat(), { maxLength: 8 }), (response, cuts) => {
        const bytes = sseOf(responseToEvents(response));
        const whole = decodeSse([bytes]);
        const split = decodeSse(
          splitAt(
            bytes,
            cuts.map((c) => c % (bytes.length + 1)),
          ),
        );
        expect(split).toEqual(whole);
        expect(whole.filter((e) => e.type === 'error' || e.type === 'warning')).toEqual([]);
        const collected = collect(whole);
        const body = decodeResponse(encodeResponse(response).value as JsonObject).value;
        const expected = {
          ...body,
          choices: body.choices.map((c) => ({ ...c, content: mergeContinuations(c.content) })),
        };
        expect(collected).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('a Gemini stream re-encodes chunk for chunk', () => {
    fc.assert(
      fc.property(fc.array(arbitraryGeminiResponse, { minLength: 1, maxLength: 4 }), (chunks) => {
        const decoder = createStreamDecoder();
        const events = [...chunks.flatMap((c) => decoder.push({ data: JSON.stringify(c) })), ...decoder.end()];
        const encoder = createStreamEncoder();
        const again = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()].map((w) => JSON.parse(w.data));
        const finished = chunks.some((c) => (c.candidates as JsonObject[])[0]?.finishReason !== undefined);
        // A stream without any finishReason ends early: the encoder adds Gemini's error chunk.
        expect(again.slice(0, chunks.length)).toEqual(chunks);
        expect(again.length).toBe(finished ? chunks.length : chunks.length + 1);
      }),
      RUNS,
    );
  });
});
