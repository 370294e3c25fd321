import { collect, type StreamEvent, type WireEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, createStreamEncoder, encodeResponse } from './index.ts';
import { fixtures, streamsOf } from './test-support/fixtures.ts';
import { sdkFinalResponse, withoutSdkHelpers } from './test-support/sdk.ts';

function decodeAll(events: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

function encodeAll(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
}

describe('openai SDK oracle on re-encoded recordings', () => {
  for (const fixture of fixtures().filter((f) => f.kind === 'sse' || f.kind === 'chunks')) {
    streamsOf(fixture).forEach((stream, n) => {
      const events = decodeAll(stream);
      const failed = events.some((e) => e.type === 'error');
      it(`${fixture.name} #${n}: finalResponse() ${failed ? 'rejects with the error' : 'equals collect → encodeResponse'}`, async () => {
        const encoded = encodeAll(events);
        if (failed) {
          await expect(sdkFinalResponse(encoded)).rejects.toThrow(/quota|error/i);
          return;
        }
        const final = await sdkFinalResponse(encoded);
        expect(withoutSdkHelpers(final)).toEqual(encodeResponse(collect(events)).value);
      });
    });
  }
});
