import type { WireEvent } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonArrayWriter, formatJsonArrayStream, readJsonArrayStream } from './json-array-stream.ts';
import { splitAt } from './test-support/sse.ts';

async function read(pieces: Uint8Array[]): Promise<WireEvent[]> {
  const out: WireEvent[] = [];
  for await (const event of readJsonArrayStream(
    (async function* () {
      yield* pieces;
    })(),
  ))
    out.push(event);
  return out;
}

describe('JSON-array stream', () => {
  it('reads any chunking of a framed body back into the same elements', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (objects, cuts) => {
          const events = objects.map((o) => ({ data: JSON.stringify(o) }));
          const bytes = new TextEncoder().encode(formatJsonArrayStream(events));
          const back = await read(
            splitAt(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          );
          expect(back.map((e) => JSON.parse(e.data))).toEqual(JSON.parse(JSON.stringify(objects)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('yields each element before the body ends', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const source = (async function* () {
      yield new TextEncoder().encode('[{"a":"}"},\r\n');
      await gate;
      yield new TextEncoder().encode('{"b":2}]');
    })();
    const iterator = readJsonArrayStream(source);
    expect((await iterator.next()).value).toEqual({ data: '{"a":"}"}' });
    release();
    expect((await iterator.next()).value).toEqual({ data: '{"b":2}' });
    expect((await iterator.next()).done).toBe(true);
  });

  it('rejects malformed and truncated bodies with a typed error', async () => {
    const bytes = (s: string) => [new TextEncoder().encode(s)];
    await expect(read(bytes('{"a":1}'))).rejects.toThrow(/opening/);
    await expect(read(bytes('[{"a":1}'))).rejects.toThrow(/closing/);
    await expect(read(bytes('[{"a":1} x'))).rejects.toThrow(/object/);
    await expect(read(bytes(''))).rejects.toThrow(/JSON array/);
  });

  it('frames elements like the server', () => {
    const writer = createJsonArrayWriter();
    expect(writer.write({ data: '{}' }) + writer.write({ data: '{"x":1}' }) + writer.end()).toBe('[{},\r\n{"x":1}]');
    expect(formatJsonArrayStream([])).toBe('[]');
  });
});
