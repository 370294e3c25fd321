import {
  type ChatRequest,
  type ChatResponse,
  type ContentPart,
  collect,
  type FinishReasonKind,
  type Loss,
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

/** Whether a loss was reported at exactly `path`. */
function reportedAt(losses: readonly Loss[], path: (string | number)[]): boolean {
  return losses.some((l) => JSON.stringify(l.path) === JSON.stringify(path));
}

/**
 * Normalises a foreign request the way a Responses round trip legitimately changes it: defaults
 * are expected only where a `defaulted` loss names them.
 */
function normalizeRequest(request: ChatRequest, dropped: Set<string>, losses: readonly Loss[]): ChatRequest {
  const messages: Message[] = [];
  request.messages.forEach((message, m) => {
    const last = messages[messages.length - 1];
    const content = message.content.map((part, j) => normalizePart(part, ['messages', m, 'content', j], losses));
    // Consecutive assistant turns and tool-result turns are one run of items on the wire.
    if (last && last.role === message.role && (message.role === 'assistant' || message.role === 'tool'))
      last.content.push(...content);
    else messages.push({ ...message, content });
  });
  const out: ChatRequest = { ...request, messages };
  for (const field of dropped) delete (out as unknown as Record<string, unknown>)[field];
  if (out.tools)
    out.tools = out.tools.map((t, i) => {
      if (t.type !== 'function') return t;
      const tool = { ...t };
      if (reportedAt(losses, ['tools', i, 'strict'])) tool.strict = false;
      if (reportedAt(losses, ['tools', i, 'parameters'])) tool.parameters = { type: 'object', properties: {} };
      return tool;
    });
  return meaning(out);
}

function normalizePart(part: ContentPart, path: (string | number)[], losses: readonly Loss[]): ContentPart {
  if (part.type === 'file' && reportedAt(losses, [...path, 'filename'])) return { ...part, filename: 'document.pdf' };
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
          const dropped = new Set(encoded.losses.filter((l) => l.code === 'dropped').map((l) => String(l.path[0])));
          expect([...dropped].every((f) => ['stop', 'seed'].includes(f))).toBe(true);
          const defaulted = encoded.losses.filter((l) => l.code !== 'dropped').map((l) => l.feature);
          expect(defaulted.every((f) => ['tool.strict', 'tool.schema', 'content.file'].includes(f ?? ''))).toBe(true);
          const back = decodeRequest(encoded.value).value;
          expect(meaning(back)).toEqual(normalizeRequest(request, dropped, encoded.losses));
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
          const expected = expectedResponse(response);
          // Only a finish reason the status cannot say is lost, and it is reported.
          const changed = expected.choices[0]?.finishReason?.reason !== response.choices[0]?.finishReason?.reason;
          expect(encoded.losses.map((l) => [l.code, l.path, l.feature])).toEqual(
            changed ? [['approximated', ['choices', 0, 'finishReason'], 'finish-reason']] : [],
          );
          const back = decodeResponse(encoded.value).value;
          // Invented item ids and the required empty summary do not come back as values.
          expect(meaning(withoutRawFinish(back))).toEqual(meaning(expected));
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

function withoutRawFinish(response: ChatResponse): ChatResponse {
  const choices = response.choices.map((c) => ({
    ...c,
    finishReason: c.finishReason ? { reason: c.finishReason.reason } : undefined,
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
