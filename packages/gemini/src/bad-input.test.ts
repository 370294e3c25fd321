import { WireFormatError } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeError } from './error.ts';
import { decodeRequest } from './request.ts';
import { decodeResponse } from './response.ts';
import { createStreamDecoder } from './stream.ts';
import { arbitraryGeminiRequest, arbitraryGeminiResponse } from './test-support/arbitraries.ts';

/** Runs `fn`; anything thrown must be a WireFormatError. */
function onlyWireErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
  }
}

/** Replaces one random node of a JSON value with a random JSON value. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [head, ...rest] = path as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = head % value.length;
    return value.map((v, k) => (k === i ? mutate(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[head % keys.length] as string;
  return { ...value, [key]: mutate((value as Record<string, unknown>)[key], rest, replacement) };
}

const mutation = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }));

describe('bad input never crashes with a TypeError', () => {
  it('requests', () => {
    fc.assert(
      fc.property(arbitraryGeminiRequest, mutation, (wire, [path, replacement]) => {
        onlyWireErrors(() => decodeRequest(mutate(wire, path, replacement)));
      }),
      { numRuns: Number(process.env.GEMINI_PROPERTY_RUNS ?? 200) },
    );
  });

  it('responses and stream chunks', () => {
    fc.assert(
      fc.property(arbitraryGeminiResponse, mutation, (wire, [path, replacement]) => {
        const bad = mutate(wire, path, replacement);
        onlyWireErrors(() => decodeResponse(bad));
        const decoder = createStreamDecoder();
        onlyWireErrors(() => decoder.push({ data: JSON.stringify(bad) }));
        onlyWireErrors(() => decoder.end());
        expect(decodeError(bad).kind).toBeTypeOf('string');
      }),
      { numRuns: Number(process.env.GEMINI_PROPERTY_RUNS ?? 200) },
    );
  });

  it('arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        onlyWireErrors(() => decodeRequest(value));
        onlyWireErrors(() => decodeResponse(value));
        onlyWireErrors(() => createStreamDecoder().push({ data: JSON.stringify(value) ?? 'null' }));
        expect(decodeError(value, 500).status).toBe(500);
      }),
      { numRuns: Number(process.env.GEMINI_PROPERTY_RUNS ?? 200) },
    );
  });
});
