import { type ApiError, type StreamObserver, tryParseJson, type Usage, type WireEvent } from '@interlingua/core';
import { decodeError } from './error.ts';
import { isObject } from './ext.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { decodeUsage } from './usage.ts';
import type { ChatWireUsage } from './wire/response.ts';

// Members as they appear at a chunk's top level or in a choice (a quote inside a JSON string is
// escaped, so these cannot match text): only chunks that have one are parsed.
const USAGE = /"usage"\s*:\s*\{/;
const FINISH = /"finish_reason"\s*:\s*"/;
const ERROR = /"error"\s*:\s*\{/;

/** The usage of a Chat Completions response body. */
export function responseUsage(body: unknown): Usage | undefined {
  return isObject(body) && isObject(body.usage) ? decodeUsage(body.usage as ChatWireUsage) : undefined;
}

/**
 * Watches a Chat Completions stream: usage from the chunk that has it (the last one with
 * `include_usage`; every chunk on some compatible servers, later wins), the end at a finish reason
 * or `[DONE]`, an error chunk (`{"error": …}`, or an `event: error`) as an error.
 */
export function createStreamObserver(): StreamObserver {
  const observer = {
    usage: undefined as Usage | undefined,
    state: 'open' as StreamObserver['state'],
    error: undefined as ApiError | undefined,
    push(event: WireEvent) {
      const data = event.data;
      if (data.trim() === '[DONE]') {
        if (observer.state === 'open') observer.state = 'done';
        return;
      }
      if (event.event === 'error' || ERROR.test(data)) {
        const payload = tryParseJson(data);
        if (event.event === 'error' || (isObject(payload) && isObject(payload.error))) {
          observer.error = decodeError(payload ?? data);
          observer.state = 'error';
          return;
        }
      }
      if (USAGE.test(data)) {
        const chunk = tryParseJson(data);
        if (isObject(chunk) && isObject(chunk.usage)) observer.usage = decodeUsage(chunk.usage as ChatWireUsage);
      }
      if (observer.state === 'open' && FINISH.test(data)) observer.state = 'done';
    },
    // Chat ends a broken stream with an error chunk, whatever was streamed before.
    errorTail: (failure: ApiError) => createStreamEncoder().push({ type: 'error', error: failure }),
  };
  return observer;
}
