import {
  type ChatRequest,
  type ChatResponse,
  type ContentPart,
  collect,
  type FinishReasonKind,
  type Message,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createStreamDecoder,
  createStreamEncoder,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
} from './index.ts';
import { eventsOf } from './test-support/events.ts';
import { createSseParser, formatSse } from './test-support/sse.ts';
import { wireRequest, wireResponse } from './test-support/wire-arbitraries.ts';

const RUNS = { numRuns: 150 };

/** Drops every `extensions` key and `usage.raw` (format bookkeeping, not meaning). */
function meaning<T>(value: T): T {
  if (Array.isArray(value)) return value.map(meaning) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    if (key !== 'extensions' && key !== 'raw' && v !== undefined) out[key] = meaning(v);
  return out as T;
}

function decodeWire(events: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

function encodeEvents(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
}

describe('wire → core → wire', () => {
  it('is the identity for requests', () => {
    fc.assert(
      fc.property(wireRequest, (wire) => {
        const decoded = decodeRequest(wire);
        expect(encodeRequest(decoded.value).value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('is the identity for responses', () => {
    fc.assert(
      fc.property(wireResponse, (wire) => {
        expect(encodeResponse(decodeResponse(wire).value).value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('is the identity for the stream of a response, and collects back to it', () => {
    fc.assert(
      fc.property(wireResponse, (wire) => {
        const decoded = decodeResponse(wire).value;
        const stream = encodeEvents(eventsOf(decoded));
        const events = decodeWire(stream);
        const terminal = JSON.parse(stream[stream.length - 1]?.data ?? '{}') as { response?: unknown };
        if (decoded.error) {
          // A failed response streams as `error` + `response.failed`; the collected error is the same.
          expect(meaning(collect(events).error)).toEqual(meaning(decoded.error));
          return;
        }
        expect(terminal.response).toEqual(wire);
        expect(encodeResponse(collect(events)).value).toEqual(wire);
        expect(encodeEvents(events).map((e) => JSON.parse(e.data))).toEqual(stream.map((e) => JSON.parse(e.data)));
      }),
      { numRuns: 100 },
    );
  });
});

/** Normalises a foreign request the way a Responses round trip legitimately changes it. */
function normalizeRequest(request: ChatRequest, dropped: Set<string>): ChatRequest {
  const messages: Message[] = [];
  for (const message of request.messages) {
    const last = messages[messages.length - 1];
    // Consecutive assistant turns and tool-result turns are one run of items on the wire.
    if (last && last.role === message.role && (message.role === 'assistant' || message.role === 'tool'))
      last.content.push(...message.content.map(normalizePart));
    else messages.push({ ...message, content: message.content.map(normalizePart) });
  }
  const out: ChatRequest = { ...request, messages };
  for (const field of dropped) delete (out as unknown as Record<string, unknown>)[field];
  if (out.tools)
    out.tools = out.tools.map((t) =>
      t.type === 'function'
        ? { ...t, strict: t.strict ?? false, parameters: t.parameters ?? { type: 'object', properties: {} } }
        : t,
    );
  return meaning(out);
}

function normalizePart(part: ContentPart): ContentPart {
  if (part.type === 'file' && part.source.type === 'base64' && part.filename === undefined)
    return { ...part, filename: 'document.pdf' };
  return part;
}

describe('core → wire → core', () => {
  it('keeps requests within Responses capabilities, minus what the loss report names', () => {
    fc.assert(
      fc.property(
        arbitraryChatRequest({
          roles: ['system', 'developer', 'user', 'assistant', 'tool'],
          parts: ['text', 'image', 'file', 'tool-call', 'refusal'],
          sources: ['base64', 'url', 'file'],
          tools: true,
          sampling: ['temperature', 'topP', 'maxOutputTokens', 'stop', 'seed'],
        }),
        (request) => {
          const encoded = encodeRequest(request);
          const dropped = new Set(encoded.losses.map((l) => String(l.path[0])));
          expect([...dropped].every((f) => ['stop', 'seed'].includes(f))).toBe(true);
          const back = decodeRequest(encoded.value).value;
          expect(meaning(back)).toEqual(normalizeRequest(request, dropped));
        },
      ),
      RUNS,
    );
  });

  it('keeps responses, streamed or not, and the SDK-facing stream collects to encodeResponse', () => {
    fc.assert(
      fc.property(
        arbitraryChatResponse({
          parts: ['text', 'tool-call', 'refusal', 'reasoning'],
          finishReasons: ['stop', 'length', 'tool-calls', 'content-filter'],
        }),
        (response) => {
          const encoded = encodeResponse(response);
          expect(encoded.losses).toEqual([]);
          const back = decodeResponse(encoded.value).value;
          expect(meaning(stripInvented(back))).toEqual(meaning(expectedResponse(response)));
          const stream = encodeEvents(eventsOf(response));
          const terminal = JSON.parse(stream[stream.length - 1]?.data ?? '{}') as { response?: unknown };
          expect(terminal.response).toEqual(encoded.value);
          expect(encodeResponse(collect(decodeWire(stream))).value).toEqual(encoded.value);
        },
      ),
      { numRuns: 100 },
    );
  });
});

function stripInvented(response: ChatResponse): ChatResponse {
  const choices = response.choices.map((c) => ({
    ...c,
    finishReason: c.finishReason ? { reason: c.finishReason.reason } : undefined,
    content: c.content.map((p) => {
      if (p.type === 'tool-call') {
        const { itemId: _i, ...rest } = p;
        return rest;
      }
      if (p.type === 'reasoning') {
        const { id: _i, summary, ...rest } = p;
        return summary && summary.length > 0 ? { ...rest, summary } : rest;
      }
      return p;
    }),
  }));
  return { ...response, choices };
}

function expectedResponse(response: ChatResponse): ChatResponse {
  const choices = response.choices.map((c) => {
    const calls = c.content.some((p) => p.type === 'tool-call');
    const reason = c.finishReason?.reason;
    const derived: FinishReasonKind | undefined =
      reason === 'stop' || reason === 'tool-calls' ? (calls ? 'tool-calls' : 'stop') : reason;
    return { ...c, finishReason: derived ? { reason: derived } : undefined };
  });
  return { ...response, choices };
}

describe('streams', () => {
  it('decode the same whatever the chunking of the SSE bytes', () => {
    fc.assert(
      fc.property(
        arbitraryChatResponse({ parts: ['text', 'tool-call', 'reasoning'] }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (response, cuts) => {
          const text = Buffer.from(
            encodeEvents(eventsOf(response))
              .map((e) => formatSse(e))
              .join(''),
            'utf8',
          );
          const whole = createSseParser();
          const reference = decodeWire([...whole.push(text), ...whole.end()]);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = createSseParser();
          const decoder = createStreamDecoder();
          const events: StreamEvent[] = [];
          let from = 0;
          for (const point of [...points, text.length]) {
            for (const wire of parser.push(text.subarray(from, point))) events.push(...decoder.push(wire));
            from = point;
          }
          for (const wire of parser.end()) events.push(...decoder.push(wire));
          events.push(...decoder.end());
          expect(reference.length).toBeGreaterThan(2);
          expect(events).toEqual(reference);
        },
      ),
      { numRuns: 100 },
    );
  });
});
