import type { ChatRequest, ChatResponse } from '@interlingua/core';
import { arbitraryChatRequest, arbitraryChatResponse } from '@interlingua/core/testing';
import fc from 'fast-check';

/** Fixed seed: the property runs are reproducible, so their findings can be kept in a reviewed file. */
export const SEED = 20_261_127;

/** Values per property (kept modest: 12 pairs × 3 kinds run in a few seconds). */
export const RUNS = 50;

/** Arbitrary canonical requests using every role, part kind and sampling field the core arbitraries know. */
export const requestArbitrary: fc.Arbitrary<ChatRequest> = arbitraryChatRequest({
  roles: ['system', 'developer', 'user', 'assistant', 'tool'],
  tools: true,
  parts: ['text', 'image', 'file', 'audio', 'reasoning', 'tool-call', 'refusal'],
  sources: ['base64', 'url'],
  sampling: ['temperature', 'topP', 'topK', 'stop', 'seed', 'maxOutputTokens', 'presencePenalty', 'frequencyPenalty'],
});

/** Arbitrary canonical responses: several choices, every finish reason, logprobs. */
export const responseArbitrary: fc.Arbitrary<ChatResponse> = arbitraryChatResponse({
  parts: ['text', 'reasoning', 'tool-call', 'refusal'],
  maxChoices: 2,
  logprobs: true,
  finishReasons: ['stop', 'length', 'tool-calls', 'content-filter', 'pause', 'error', 'other'],
});

/** `RUNS` reproducible samples of an arbitrary. */
export function samplesOf<T>(arbitrary: fc.Arbitrary<T>): T[] {
  return fc.sample(arbitrary, { numRuns: RUNS, seed: SEED });
}
