import fc from 'fast-check';

/**
 * Splits `bytes` at the given offsets (any order; duplicates and out-of-range offsets ignored) into
 * consecutive views. `splitAt(b, [])` is `[b]`; an empty input gives `[]`.
 */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    out.push(bytes.subarray(start, point));
    start = point;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

/** Every byte as its own chunk: the worst case for a streaming parser (splits every CRLF and UTF-8 sequence). */
export function oneByteAtATime(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.subarray(i, i + 1));
  return out;
}

/** Consecutive chunks of `size` bytes (the last may be shorter). */
export function fixedChunks(bytes: Uint8Array, size: number): Uint8Array[] {
  if (!(size >= 1)) throw new RangeError('size must be at least 1');
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/**
 * A fast-check arbitrary of ways to split `bytes` into chunks: whole, one byte at a time, fixed sizes,
 * and random cut sets (which shrink towards fewer cuts). Lets a property state that chunking does not
 * change what a streaming consumer sees.
 */
export function arbitraryChunking(bytes: Uint8Array): fc.Arbitrary<Uint8Array[]> {
  const n = bytes.length;
  const randomCuts: fc.Arbitrary<Uint8Array[]> =
    n < 2
      ? fc.constant(n === 0 ? [] : [bytes])
      : fc
          .array(fc.integer({ min: 1, max: n - 1 }), { maxLength: Math.min(n, 64) })
          .map((cuts) => splitAt(bytes, cuts));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Uint8Array[]>(n === 0 ? [] : [bytes]) },
    { weight: 1, arbitrary: fc.constant(oneByteAtATime(bytes)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((size) => fixedChunks(bytes, size)) },
    { weight: 4, arbitrary: randomCuts },
  );
}
