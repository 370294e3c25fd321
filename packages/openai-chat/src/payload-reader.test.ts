import { WireFormatError } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPayloadReader } from './payload-reader.ts';

/** What a stream's chunks vary in: the delta string, where it sits, and the padding. */
const deltaText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\\"', 'a"b', '\n', '\u2028', 'é', '日本', '🎉', '\u0000', '\ud800'),
);
const envelope = fc.record({
  id: fc.constantFrom('chatcmpl-1', 'chatcmpl-"x"'),
  model: fc.constantFrom('gpt-4o', 'gpt-5'),
  system_fingerprint: fc.constantFrom('fp_1', null),
});
/** A delta of one of the shapes a template can vary, or another one. */
const deltaOf = (kind: number) =>
  deltaText.map((text) => {
    switch (kind) {
      case 0:
        return { content: text };
      case 1:
        return { reasoning_content: text };
      case 2:
        return { tool_calls: [{ index: 0, function: { arguments: text } }] };
      case 3:
        return { role: 'assistant', content: text, refusal: null };
      default:
        return {};
    }
  });
/** A chunk after the envelope: mostly the stream's own delta shape, sometimes anything. */
const chunkOf = (kind: number, steady: boolean) =>
  fc.record(
    {
      delta: steady
        ? fc.oneof({ arbitrary: deltaOf(kind), weight: 9 }, { arbitrary: fc.nat(4).chain(deltaOf), weight: 1 })
        : fc.nat(4).chain(deltaOf),
      finish: steady ? fc.constant(null) : fc.constantFrom(null, 'stop'),
      usage: steady ? fc.constant(null) : fc.constantFrom(undefined, null, { prompt_tokens: 1 }),
      obfuscation: steady
        ? fc.stringMatching(/^[A-Za-z0-9]{0,12}$/)
        : fc.option(fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), { nil: undefined }),
    },
    // A steady stream has every member on every chunk; a chaotic one drops some.
    steady ? {} : { requiredKeys: ['delta', 'finish'] },
  );
/** Streams as providers send them (`steady`: one envelope and shape, random padding), or chaotic ones. */
const streamOf = (steady: boolean) =>
  fc
    .tuple(envelope, fc.nat(3))
    .chain(([head, kind]) =>
      fc
        .array(chunkOf(kind, steady), { minLength: 1, maxLength: 40 })
        .map((chunks) => chunks.map((c) => ({ envelope: head, ...c }))),
    );
type Chunk = {
  envelope: { id: string; model: string; system_fingerprint: string | null };
  delta: object;
  finish: string | null;
  usage?: object | null | undefined;
  obfuscation?: string | undefined;
};

function text({ envelope: e, delta: d, finish, usage, obfuscation }: Chunk): string {
  const body: Record<string, unknown> = {
    ...e,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: d, logprobs: null, finish_reason: finish }],
  };
  if (usage !== undefined) body.usage = usage;
  if (obfuscation !== undefined) body.obfuscation = obfuscation;
  return JSON.stringify(body);
}

describe('chunk reader', () => {
  it('reads every chunk of any stream exactly as JSON.parse does, in fresh objects', () => {
    let fast = 0;
    let total = 0;
    let parses = 0;
    const parse = JSON.parse;
    // Whole chunks parsed (a string alone is the template path decoding escapes).
    JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
      if (!args[0].startsWith('"')) parses++;
      return parse(...args);
    }) as typeof JSON.parse;
    try {
      fc.assert(
        fc.property(
          fc.boolean().chain((steady) => streamOf(steady).map((chunks) => ({ steady, chunks }))),
          ({ steady, chunks }) => {
            const reader = createPayloadReader();
            const seen: unknown[] = [];
            chunks.forEach((c, i) => {
              const data = text(c);
              const before = parses;
              const read = reader.read(data, i);
              if (steady && i > 0) {
                total++;
                if (parses === before) fast++;
              }
              expect(read).toStrictEqual(JSON.parse(data));
              expect(JSON.stringify(read)).toBe(JSON.stringify(JSON.parse(data)));
              seen.push(read);
            });
            // Mutating one chunk leaves the others (and the reader's template) alone.
            for (const read of seen) (read as { choices: unknown[] }).choices.length = 0;
            const again = createPayloadReader();
            chunks.forEach((c, i) => {
              expect(again.read(text(c), i)).toStrictEqual(JSON.parse(text(c)));
            });
          },
        ),
      );
    } finally {
      JSON.parse = parse;
    }
    // The template path is exercised, not only the fallback: it reads most chunks of a steady stream.
    expect(fast / total).toBeGreaterThan(0.6);
  });

  it('reads the repeated shape without JSON.parse once it has learned it', () => {
    const reader = createPayloadReader();
    const body = (content: string, obfuscation: string) =>
      `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"${obfuscation}"}`;
    reader.read(body('Hel', 'ab'), 0);
    const parse = JSON.parse;
    let parsed = 0;
    JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
      parsed++;
      return parse(...args);
    }) as typeof JSON.parse;
    try {
      expect(reader.read(body('lo', 'xyz12'), 1)).toStrictEqual(parse(body('lo', 'xyz12')));
      expect(reader.read(body('wörld', ''), 2)).toStrictEqual(parse(body('wörld', '')));
      expect(parsed).toBe(0);
      // An escape is decoded by parsing the string alone.
      expect(reader.read(body('say "hi"\n', 'q'), 3)).toStrictEqual(parse(body('say "hi"\n', 'q')));
      expect(parsed).toBe(1);
    } finally {
      JSON.parse = parse;
    }
  });

  it('falls back on anything that differs, and reports bad JSON with its event number', () => {
    const reader = createPayloadReader();
    const body = (content: string) =>
      `{"id":"c1","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}],"obfuscation":"a"}`;
    reader.read(body('a'), 0);
    for (const odd of [
      body('b').replace('"a"}', '"a" }'),
      body('b').replace('"c1"', '"c2"'),
      `${body('b')} `,
      body('b').replace('"obfuscation":"a"', '"obfuscation":"a\\u0041"'),
    ])
      expect(reader.read(odd, 1)).toStrictEqual(JSON.parse(odd));
    const broken = body('b').replace('"b"', '"b\u0001"');
    expect(() => reader.read(broken, 7)).toThrow(WireFormatError);
    try {
      reader.read('{"id":"c1","choices":[{"index":0,"delta":{"content":"b', 9);
    } catch (error) {
      expect((error as WireFormatError).issues[0]?.path).toEqual([9, 'data']);
    }
  });
});
