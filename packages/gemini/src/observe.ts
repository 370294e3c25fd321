import { type ApiError, type StreamObserver, tryParseJson, type Usage, type WireEvent } from '@interlingua/core';
import { decodeError } from './error.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { decodeUsage } from './usage.ts';
import { isObject } from './util.ts';

// Members as they appear in a chunk (a quote inside a JSON string is escaped, so these cannot
// match text): only chunks that have one are looked at.
const USAGE = /"usageMetadata"\s*:\s*\{/;
const FINISH = /"(?:finishReason|blockReason)"\s*:\s*"/;
const ERROR = /"error"\s*:\s*\{/;

/** The usage of a generateContent response body. */
export function responseUsage(body: unknown): Usage | undefined {
  return isObject(body) && isObject(body.usageMetadata) ? decodeUsage(body.usageMetadata) : undefined;
}

/**
 * Watches a streamGenerateContent stream: usage from `usageMetadata` (Gemini repeats it on every
 * chunk with running counts: only the last one is parsed, when asked), the end at a finish reason
 * (or a prompt block), an error object as an error.
 */
export function createStreamObserver(): StreamObserver {
  let lastUsage: string | undefined;
  let usage: Usage | undefined;
  const observer = {
    // Parsed when asked, from the last chunk that had it.
    get usage(): Usage | undefined {
      if (lastUsage !== undefined) {
        const chunk = tryParseJson(lastUsage);
        if (isObject(chunk) && isObject(chunk.usageMetadata)) usage = decodeUsage(chunk.usageMetadata);
        lastUsage = undefined;
      }
      return usage;
    },
    state: 'open' as StreamObserver['state'],
    error: undefined as ApiError | undefined,
    push(event: WireEvent) {
      const data = event.data;
      if (ERROR.test(data)) {
        const payload = tryParseJson(data);
        if (isObject(payload) && isObject(payload.error)) {
          observer.error = decodeError(payload);
          observer.state = 'error';
          return;
        }
      }
      if (USAGE.test(data)) lastUsage = data;
      if (observer.state === 'open' && FINISH.test(data)) observer.state = 'done';
    },
    // Gemini ends a broken stream with an error object, whatever was streamed before.
    errorTail: (failure: ApiError) => createStreamEncoder().push({ type: 'error', error: failure }),
  };
  return observer;
}
