import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPayloadReader as reader } from './payload-reader.ts';

/** The stream decoder's payload reader: on any sequence of Claude events it gives exactly what `JSON.parse` gives. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\\"', '\n', '\u2028', 'é', '🎉', '\u0000', '\ud800', '{"a":'),
);
const KINDS = [
  ['text_delta', 'text'],
  ['thinking_delta', 'thinking'],
  ['input_json_delta', 'partial_json'],
  ['signature_delta', 'signature'],
] as const;
const delta = (kind: number, index: number) =>
  text.map((value) => {
    const [type, field] = KINDS[kind] as (typeof KINDS)[number];
    return { type: 'content_block_delta', index, delta: { type, [field]: value } };
  });
const other = fc.constantFrom<object>(
  { type: 'ping' },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } },
);
const stream = fc.tuple(fc.nat(3), fc.nat(2)).chain(([kind, index]) =>
  fc.array(fc.oneof({ arbitrary: delta(kind, index), weight: 8 }, { arbitrary: other, weight: 1 }), {
    minLength: 1,
    maxLength: 40,
  }),
);

describe('Claude events through the template reader', () => {
  it('reads any stream exactly as JSON.parse does, mostly without it', () => {
    let fast = 0;
    let deltas = 0;
    const parse = JSON.parse;
    let parses = 0;
    JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
      if (!args[0].startsWith('"')) parses++;
      return parse(...args);
    }) as typeof JSON.parse;
    try {
      fc.assert(
        fc.property(stream, (events) => {
          const read = reader();
          events.forEach((event, i) => {
            const data = JSON.stringify(event);
            const before = parses;
            const value = read.read(data, i);
            if ((event as { type: string }).type === 'content_block_delta' && i > 0) {
              deltas++;
              if (parses === before) fast++;
            }
            expect(value).toStrictEqual(parse(data));
          });
        }),
      );
    } finally {
      JSON.parse = parse;
    }
    expect(fast / deltas).toBeGreaterThan(0.5);
  });

  it('reads the recorded events exactly', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const sse = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'text-stream-raw.sse'), 'utf8');
    const datas = sse
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6));
    const read = reader();
    datas.forEach((data, i) => {
      expect(read.read(data, i)).toStrictEqual(JSON.parse(data));
    });
  });
});
