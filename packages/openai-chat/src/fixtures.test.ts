import { fileURLToPath } from 'node:url';
import { collect } from '@interlingua/core';
import { loadFixtures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { chunksToEvents, decodeAll, encodeAll, readSseText, withoutWarnings } from './test-support/sse.ts';

const fixtures = loadFixtures(fileURLToPath(new URL('../fixtures', import.meta.url)));

/** Status of each recorded error body (fixtures/README.md). */
const ERROR_STATUS: Record<string, number> = {
  'error-developer-role-o1-mini': 400,
  'error-unsupported-max-tokens': 400,
  'error-web-search-unsupported': 400,
};

/**
 * A chunk as compared with our re-encoding: `obfuscation` padding and `logprobs: null` on choices are
 * not reproduced (documented normalisations); everything else must be equal.
 */
function normalizeChunk(data: string): unknown {
  if (data === '[DONE]') return data;
  return JSON.parse(data, (key, value) =>
    key === 'obfuscation' || (key === 'logprobs' && value === null) ? undefined : value,
  );
}

/** Recordings whose chunks differ from what the encoder writes, and why. */
const CHUNK_DIFFERENCES: Record<string, string> = {
  // This gpt-4o build sent its role chunk without `refusal: null`; current OpenAI streams include it.
  'parallel-tool-calls-stream': 'role chunk spelling',
};

describe('recorded fixtures', () => {
  it('has every recording', () => {
    expect(fixtures.length).toBe(42);
  });

  for (const fixture of fixtures) {
    const text = fixture.bytes.toString('utf8');
    if (fixture.kind === 'request') {
      it(`${fixture.name}: decodes without loss and re-encodes to the same body`, () => {
        const wire = JSON.parse(text) as unknown;
        const decoded = decodeRequest(wire);
        expect(decoded.losses).toEqual([]);
        const encoded = encodeRequest(decoded.value);
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(wire);
      });
    } else if (fixture.kind === 'response') {
      const wire = JSON.parse(text) as Record<string, unknown>;
      if ('error' in wire) {
        it(`${fixture.name}: error body round-trips with its status`, () => {
          const status = ERROR_STATUS[fixture.scenario] ?? 400;
          const error = decodeError(wire, status);
          expect(error.kind).toBe('invalid_request');
          expect(encodeError(error)).toEqual({ status, body: wire, losses: [] });
        });
      } else {
        it(`${fixture.name}: decodes without loss and re-encodes to the same body`, () => {
          const decoded = decodeResponse(wire);
          expect(decoded.losses).toEqual([]);
          const encoded = encodeResponse(decoded.value);
          expect(encoded.losses).toEqual([]);
          expect(encoded.value).toEqual(wire);
        });
      }
    } else {
      it(`${fixture.name}: decodes completely and re-encodes to a stream that decodes the same`, () => {
        const events = fixture.kind === 'chunks' ? chunksToEvents(text) : readSseText(fixture.bytes);
        const decoded = decodeAll(createStreamDecoder(), events);
        const features = decoded.flatMap((e) => (e.type === 'warning' ? [e.loss.feature] : []));
        expect(features).toEqual([]);
        expect(decoded.at(-1)?.type).toBe('message-end');
        expect(decoded.some((e) => e.type === 'error')).toBe(false);
        const encoder = createStreamEncoder();
        const reencoded = encodeAll(encoder, decoded);
        expect(encoder.losses).toEqual([]);
        expect(reencoded.at(-1)).toEqual({ data: '[DONE]' });
        const again = decodeAll(createStreamDecoder(), reencoded);
        expect(withoutWarnings(again)).toEqual(withoutWarnings(decoded));
        if (!(fixture.scenario in CHUNK_DIFFERENCES))
          expect(reencoded.map((e) => normalizeChunk(e.data))).toEqual(events.map((e) => normalizeChunk(e.data)));
        // The folded response re-encodes as a Chat completion without loss.
        expect(encodeResponse(collect(decoded)).losses).toEqual([]);
      });
    }
  }
});
