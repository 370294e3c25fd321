import { fileURLToPath } from 'node:url';
import { type ChatResponse, collect } from '@interlingua/core';
import { arbitraryChatResponse, loadFixtures } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeResponse } from './response.ts';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { responseToEvents } from './test-support/events.ts';
import { sdkFinalCompletion } from './test-support/sdk.ts';
import { chunksToEvents, decodeAll, encodeAll, formatSseText, readSseText } from './test-support/sse.ts';

const fixtures = loadFixtures(fileURLToPath(new URL('../fixtures', import.meta.url))).filter(
  (f) => f.kind === 'sse' || f.kind === 'chunks',
);

/**
 * The documented differences between the SDK's accumulated completion and our `encodeResponse`:
 * the SDK adds `message.parsed: null`, `choice.logprobs: null` and `message.refusal: null`, drops
 * null envelope fields (`system_fingerprint: null`), and keeps fields of whole extra chunks
 * (Azure's `prompt_filter_results`, a `moderation` result) that a completion body does not have.
 * Applied to both sides.
 */
function normalize(completion: unknown): Record<string, unknown> {
  const c = structuredClone(completion) as Record<string, unknown> & { choices: Record<string, unknown>[] };
  for (const choice of c.choices) {
    const message = choice.message as Record<string, unknown>;
    delete message.parsed;
    if (message.refusal === null) delete message.refusal;
    if (choice.logprobs === null) delete choice.logprobs;
  }
  for (const [key, value] of Object.entries(c)) if (value === null) delete c[key];
  delete c.prompt_filter_results;
  delete c.moderation;
  return c;
}

/** Compares the SDK's completion with ours. */
function expectSameCompletion(sdk: unknown, ours: unknown): void {
  const left = normalize(sdk);
  const right = normalize(ours);
  // SDK quirk: a chunk after the usage chunk (the moderation chunk) carries `usage: null`, which the
  // SDK's snapshot copies over the usage it had. The recording shows the same, so ours is not at fault.
  if (!('usage' in left)) delete right.usage;
  expect(left).toEqual(right);
}

describe('openai SDK as oracle (ChatCompletionStream over real SSE)', () => {
  for (const fixture of fixtures) {
    it(`${fixture.name}: the SDK accumulates our re-encoded stream to the same completion as the recording`, async () => {
      const text = fixture.bytes.toString('utf8');
      const original = fixture.kind === 'chunks' ? formatSseText(chunksToEvents(text)) : text;
      const events = decodeAll(
        createStreamDecoder(),
        fixture.kind === 'chunks' ? chunksToEvents(text) : readSseText(text),
      );
      const ours = formatSseText(encodeAll(createStreamEncoder(), events));
      const fromRecording = await sdkFinalCompletion(original);
      const fromOurs = await sdkFinalCompletion(ours);
      expect(fromOurs).toEqual(fromRecording);
      expectSameCompletion(fromOurs, encodeResponse(collect(events)).value);
    });
  }

  it('the SDK final completion equals collect → encodeResponse for arbitrary canonical streams', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryChatResponse({ parts: ['text', 'tool-call', 'refusal'], maxChoices: 2, logprobs: true }),
        async (response: ChatResponse) => {
          const events = responseToEvents(response);
          const sse = formatSseText(encodeAll(createStreamEncoder(), events));
          const sdk = await sdkFinalCompletion(sse, { n: response.choices.length });
          expectSameCompletion(sdk, encodeResponse(collect(events)).value);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accepts what we write for any canonical content, Chat-shaped or not (foreign parts are reported, never garbage)', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryChatResponse({
          parts: ['text', 'image', 'audio', 'file', 'reasoning', 'tool-call', 'tool-result', 'refusal'],
          opaqueFormat: 'claude',
          maxChoices: 2,
          finishReasons: ['stop', 'length', 'tool-calls', 'content-filter', 'pause', 'error', 'other'],
        }),
        async (response: ChatResponse) => {
          const encoder = createStreamEncoder();
          const wire = encodeAll(encoder, responseToEvents(response));
          const decoded = decodeAll(createStreamDecoder(), wire);
          expect(decoded.at(-1)?.type).toBe('message-end');
          const sdk = (await sdkFinalCompletion(formatSseText(wire), { n: response.choices.length })) as {
            choices: unknown[];
          };
          expect(sdk.choices).toHaveLength(response.choices.length);
          for (const loss of encoder.losses) expect(loss.feature).toMatch(/^[a-z-]+(\.[a-z-]+)?$/);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the SDK surfaces our mid-stream error as an APIError', async () => {
    const encoder = createStreamEncoder();
    const sse = formatSseText([
      ...encoder.push({ type: 'message-start', id: 'chatcmpl-1', model: 'm', created: 1 }),
      ...encoder.push({ type: 'block-start', index: 0, part: { type: 'text', text: '' } }),
      ...encoder.push({ type: 'block-delta', index: 0, delta: { type: 'text', text: 'Hel' } }),
      ...encoder.push({ type: 'error', error: { kind: 'overloaded', status: 503, message: 'try later' } }),
      ...encoder.end(),
    ]);
    await expect(sdkFinalCompletion(sse)).rejects.toMatchObject({ message: expect.stringContaining('try later') });
  });
});
