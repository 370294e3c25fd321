import {
  type ChatRequest,
  type ChatResponse,
  type Choice,
  type ContentPart,
  collect,
  type Message,
} from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { responseToEvents } from './test-support/events.ts';
import {
  decodeAll,
  encodeAll,
  formatSseText,
  readSseChunks,
  readSseText,
  withoutWarnings,
} from './test-support/sse.ts';
import { arbitraryWireRequest, arbitraryWireResponse } from './test-support/wire-arbitraries.ts';

const RUNS = { numRuns: 100 };

/** Drops `extensions` everywhere (they hold this format's wire leftovers, checked by the wire → core → wire properties). */
function stripExtensions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'extensions' ? undefined : v))) as T;
}

/** Chat's part order in an assistant turn: reasoning, text, refusal, tool calls (other kinds keep their place after). */
const ORDER: Record<string, number> = { reasoning: 0, text: 1, refusal: 2, 'tool-call': 3 };

function mergeSame(parts: ContentPart[], type: 'reasoning' | 'refusal', separator: string): ContentPart[] {
  const same = parts.filter((p) => p.type === type) as { text: string }[];
  if (same.length < 2) return parts;
  const first = parts.findIndex((p) => p.type === type);
  const merged = { ...parts[first], text: same.map((p) => p.text).join(separator) } as ContentPart;
  // Signatures of joined reasoning parts are joined too (Chat has one reasoning_signature per message).
  const signatures = parts.flatMap((p) => (p.type === 'reasoning' && p.signature ? [p.signature.value] : []));
  if (merged.type === 'reasoning' && signatures.length > 0)
    merged.signature = { format: 'openai-chat', value: signatures.join('') };
  return parts.flatMap((p, i) => (i === first ? [merged] : p.type === type ? [] : [p]));
}

/** What a canonical request looks like after a trip through Chat (the documented normalisations). */
function chatNormalForm(request: ChatRequest): ChatRequest {
  const messages: Message[] = [];
  for (const message of request.messages) {
    if (message.role === 'tool') {
      // One wire tool message per result.
      for (const part of message.content) messages.push({ role: 'tool', content: [part] });
    } else if (message.role === 'assistant') {
      const sorted = [...message.content].sort((a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9));
      messages.push({ ...message, content: mergeSame(mergeSame(sorted, 'reasoning', '\n\n'), 'refusal', '') });
    } else messages.push(message);
  }
  return { ...request, messages };
}

function chatNormalChoice(choice: Choice): Choice {
  const sorted = [...choice.content].sort((a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9));
  let content = mergeSame(mergeSame(sorted, 'reasoning', '\n\n'), 'refusal', '');
  const texts = content.filter((p) => p.type === 'text') as { text: string }[];
  if (texts.length > 1) {
    const first = content.findIndex((p) => p.type === 'text');
    const joined: ContentPart = { type: 'text', text: texts.map((t) => t.text).join('') };
    content = content.flatMap((p, i): ContentPart[] => (i === first ? [joined] : p.type === 'text' ? [] : [p]));
  }
  const out: Choice = { ...choice, content };
  if (choice.finishReason) {
    const tools = content.some((p) => p.type === 'tool-call');
    const reason = choice.finishReason.reason;
    // `stop` with calls reads as tool-calls; `tool-calls` without calls is written `stop` (reported).
    out.finishReason = {
      reason: reason === 'stop' && tools ? 'tool-calls' : reason === 'tool-calls' && !tools ? 'stop' : reason,
    };
  }
  return out;
}

/** Position losses: Chat writes an assistant turn in its own order and joins same-kind parts. */
const POSITION = ['content.position', 'tool-call.position'];

/** Whether Chat changes the order of these assistant parts, or joins parts that were apart (reported, approximated). */
function reordered(parts: readonly ContentPart[]): boolean {
  const sorted = [...parts].sort((a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9));
  if (sorted.some((p, i) => p !== parts[i])) return true;
  // Already in order: texts are next to each other (joined or not, they read the same); refusals are joined.
  return parts.filter((p) => p.type === 'refusal').length > 1;
}

function withoutRaw(response: ChatResponse): ChatResponse {
  const out = stripExtensions(response);
  for (const choice of out.choices) if (choice.finishReason) delete choice.finishReason.raw;
  if (out.usage) delete out.usage.raw;
  return out;
}

describe('wire → core → wire is the identity', () => {
  it('for requests', () => {
    fc.assert(
      fc.property(arbitraryWireRequest, (wire) => {
        const decoded = decodeRequest(wire);
        expect(decoded.losses).toEqual([]);
        const encoded = encodeRequest(decoded.value);
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(wire);
      }),
      RUNS,
    );
  });

  it('for responses', () => {
    fc.assert(
      fc.property(arbitraryWireResponse, (wire) => {
        const decoded = decodeResponse(wire);
        expect(decoded.losses).toEqual([]);
        expect(encodeResponse(decoded.value).value).toEqual(wire);
      }),
      RUNS,
    );
  });
});

describe('core → wire → core is the identity within Chat', () => {
  it('for requests (tool messages split per result, assistant parts in Chat order)', () => {
    const arb = arbitraryChatRequest({
      roles: ['system', 'developer', 'user', 'assistant', 'tool'],
      parts: ['text', 'image', 'audio', 'reasoning', 'tool-call', 'refusal'],
      sources: ['base64', 'url'],
      opaqueFormat: 'openai-chat',
      tools: true,
      sampling: ['temperature', 'topP', 'stop', 'seed', 'maxOutputTokens', 'presencePenalty', 'frequencyPenalty', 'n'],
    });
    fc.assert(
      fc.property(arb, (request) => {
        const encoded = encodeRequest(request);
        const assistants = request.messages.filter((m) => m.role === 'assistant');
        const reasoningJoins = assistants.some((m) => m.content.filter((p) => p.type === 'reasoning').length > 1);
        const moves = assistants.some((m) => reordered(m.content));
        // A request without a model is reported (`model`): Chat requires one and only the caller knows it.
        const features = encoded.losses.map((l) => l.feature).filter((f) => f !== 'model');
        for (const feature of features) expect(['reasoning.text', ...POSITION]).toContain(feature);
        expect(features.includes('reasoning.text')).toBe(reasoningJoins);
        expect(features.some((f) => f !== undefined && POSITION.includes(f))).toBe(moves);
        expect(encoded.losses.some((l) => l.feature === 'model')).toBe(request.model === undefined);
        const decoded = decodeRequest(encoded.value);
        expect(stripExtensions(decoded.value)).toEqual(chatNormalForm(request));
      }),
      RUNS,
    );
  });

  it('for responses (n choices, logprobs, text parts joined)', () => {
    const arb = arbitraryChatResponse({
      parts: ['text', 'reasoning', 'tool-call', 'refusal'],
      opaqueFormat: 'openai-chat',
      maxChoices: 3,
      logprobs: true,
    });
    fc.assert(
      fc.property(arb, (response) => {
        const encoded = encodeResponse(response);
        const decoded = decodeResponse(encoded.value);
        const expected = { ...response, choices: response.choices.map(chatNormalChoice) };
        expect(withoutRaw(decoded.value)).toEqual(withoutRaw(expected));
        for (const loss of encoded.losses)
          expect(['reasoning.text', 'finish-reason', ...POSITION]).toContain(loss.feature);
        const moves = response.choices.some((c) => reordered(c.content));
        expect(encoded.losses.some((l) => l.feature !== undefined && POSITION.includes(l.feature))).toBe(moves);
        // Reported: `tool-calls` without calls (written `stop`), and `stop` with calls (read back as tool-calls).
        const mismatched = response.choices.filter(
          (c) =>
            (c.finishReason?.reason === 'tool-calls' || c.finishReason?.reason === 'stop') &&
            c.content.some((p) => p.type === 'tool-call') === (c.finishReason.reason === 'stop'),
        );
        expect(encoded.losses.filter((l) => l.feature === 'finish-reason')).toHaveLength(mismatched.length);
      }),
      RUNS,
    );
  });

  it('reports a loss for everything Chat cannot carry, and only then differs', () => {
    const arb = arbitraryChatRequest({
      roles: ['system', 'user', 'assistant', 'tool'],
      parts: ['text', 'image', 'file', 'reasoning', 'tool-call'],
      sources: ['base64', 'url', 'file', 'text'],
      opaqueFormat: 'claude',
      sampling: ['topK', 'temperature'],
    });
    fc.assert(
      fc.property(arb, (request) => {
        const { losses } = encodeRequest(request);
        const lossy =
          request.topK !== undefined ||
          request.messages.some((m) =>
            m.content.some(
              (p) =>
                (p.type === 'reasoning' && p.signature !== undefined) ||
                (p.type === 'image' && p.source.type === 'file') ||
                (p.type === 'file' && (p.source.type === 'url' || p.source.type === 'text')) ||
                (m.role !== 'user' && (p.type === 'image' || p.type === 'file')),
            ),
          );
        if (lossy) expect(losses.length).toBeGreaterThan(0);
        for (const loss of losses) expect(typeof loss.feature).toBe('string');
      }),
      RUNS,
    );
  });
});

describe('streams', () => {
  // Chat-shaped responses: a wire stream and a wire body describe the same thing only in Chat's part order.
  const responses = arbitraryChatResponse({
    parts: ['text', 'reasoning', 'tool-call', 'refusal'],
    opaqueFormat: 'openai-chat',
    maxChoices: 2,
    logprobs: true,
  }).map((r) => ({ ...r, choices: r.choices.map(chatNormalChoice) }));

  it('any chunking of an encoded stream decodes to the same events', () => {
    fc.assert(
      fc.property(responses, fc.array(fc.nat(), { maxLength: 8 }), (response, cuts) => {
        const bytes = new TextEncoder().encode(
          formatSseText(encodeAll(createStreamEncoder(), responseToEvents(response))),
        );
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(last, p));
          last = p;
        }
        const whole = decodeAll(createStreamDecoder(), readSseText(bytes));
        expect(decodeAll(createStreamDecoder(), readSseChunks(chunks))).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('collecting a decoded stream equals decoding the matching non-streamed response', () => {
    fc.assert(
      fc.property(responses, (response) => {
        const events = decodeAll(
          createStreamDecoder(),
          readSseText(formatSseText(encodeAll(createStreamEncoder(), responseToEvents(response)))),
        );
        expect(withoutWarnings(events)).toEqual(events);
        const streamed = collect(events);
        const whole = decodeResponse(encodeResponse(response).value).value;
        expect(stripExtensions(streamed)).toEqual(stripExtensions(whole));
      }),
      RUNS,
    );
  });

  it('canonical events → wire → canonical events is the identity within Chat', () => {
    fc.assert(
      fc.property(responses, (response) => {
        const once = decodeAll(createStreamDecoder(), encodeAll(createStreamEncoder(), responseToEvents(response)));
        const twice = decodeAll(createStreamDecoder(), encodeAll(createStreamEncoder(), once));
        expect(twice).toEqual(once);
      }),
      RUNS,
    );
  });
});
