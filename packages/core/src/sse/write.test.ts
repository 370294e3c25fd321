import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryChunking } from '../../testing/chunkings.ts';
import { SseInvalidFieldError } from './sse-error.ts';
import { createSseTokenizer } from './tokenizer.ts';
import { encodeSse, formatSse, keepAlive, type SseMessage, writeSse } from './write.ts';

function readBack(chunks: readonly Uint8Array[]) {
  const tokenizer = createSseTokenizer();
  const out = [];
  for (const chunk of chunks) for (const event of tokenizer.feed(chunk)) out.push(event.toJSON());
  tokenizer.end();
  return out;
}

describe('formatSse', () => {
  it('writes fields in a fixed order and ends with a blank line', () => {
    expect(formatSse({ data: 'x', event: 'e', id: '1', retry: 10, comment: 'hi' })).toBe(
      ': hi\nevent: e\nid: 1\nretry: 10\ndata: x\n\n',
    );
  });

  it('splits data on CRLF, CR and LF into several data lines', () => {
    expect(formatSse({ data: 'a\r\nb\rc\nd' })).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(formatSse({ data: 'a\n\nb\n' })).toBe('data: a\ndata:\ndata: b\ndata:\n\n');
  });

  it('writes empty data as one bare data line, which still dispatches', () => {
    expect(formatSse({ data: '' })).toBe('data:\n\n');
    expect(readBack([encodeSse({ data: '' })])).toEqual([{ data: '' }]);
  });

  it('omits an empty event name', () => {
    expect(formatSse({ event: '', data: 'x' })).toBe('data: x\n\n');
  });

  it('writes an empty id, which resets the last event ID', () => {
    expect(formatSse({ id: '', data: 'x' })).toBe('id:\ndata: x\n\n');
  });

  it('keeps a leading space of the data (the reader drops only one)', () => {
    expect(readBack([encodeSse({ data: ' x', event: ' e' })])).toEqual([{ data: ' x', event: ' e' }]);
  });

  it('rejects fields that cannot be encoded', () => {
    for (const message of [
      { event: 'a\nb', data: '' },
      { event: 'a\rb', data: '' },
      { id: '1\n', data: '' },
      { id: '1\0', data: '' },
      { retry: -1 },
      { retry: 1.5 },
      { retry: Number.NaN },
    ]) {
      expect(() => formatSse(message)).toThrow(SseInvalidFieldError);
    }
    expect(() => formatSse({ id: 'a\nb' })).toThrow(
      expect.objectContaining({ code: 'sse_invalid_field', field: 'id' }),
    );
  });
});

describe('keepAlive', () => {
  it('writes a comment frame that dispatches nothing', () => {
    expect(keepAlive()).toBe(': ping\n\n');
    expect(keepAlive('still here')).toBe(': still here\n\n');
    expect(readBack([new TextEncoder().encode(keepAlive() + formatSse({ data: 'a' }) + keepAlive())])).toEqual([
      { data: 'a' },
    ]);
  });
});

describe('encodeSse and writeSse', () => {
  it('encodes as UTF-8', () => {
    expect(Array.from(encodeSse({ data: 'é' }))).toEqual(Array.from(new TextEncoder().encode('data: é\n\n')));
  });

  it('streams one chunk per message from sync and async iterables, strings verbatim', async () => {
    async function* messages(): AsyncGenerator<SseMessage | string> {
      yield { event: 'a', data: '1' };
      yield keepAlive();
      yield { data: '2' };
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of writeSse(messages())) chunks.push(chunk);
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual([
      'event: a\ndata: 1\n\n',
      ': ping\n\n',
      'data: 2\n\n',
    ]);
    const fromArray: Uint8Array[] = [];
    for await (const chunk of writeSse([{ data: 'x' }])) fromArray.push(chunk);
    expect(readBack(fromArray)).toEqual([{ data: 'x' }]);
  });
});

// Well-formed text only: a lone surrogate cannot survive UTF-8 in any writer.
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\n', '\r', '\r\n', ' ', ':'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
});
const singleLine = text.map((s) => s.replace(/[\r\n]/g, ''));
const message = fc.record(
  {
    event: singleLine,
    data: text,
    id: singleLine.map((s) => s.replace(/\0/g, '')),
    retry: fc.nat(),
    comment: text,
  },
  { requiredKeys: ['data'] },
);

describe('write then tokenize', () => {
  it('is the identity for arbitrary events, however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 6 }).chain((messages) => {
          const bytes = new TextEncoder().encode(messages.map(formatSse).join(''));
          return fc.tuple(fc.constant(messages), arbitraryChunking(bytes));
        }),
        ([messages, chunks]) => {
          const expected = messages.map((m) => ({
            data: m.data.replace(/\r\n|\r/g, '\n'),
            ...(m.event ? { event: m.event } : {}),
            ...(m.id !== undefined ? { id: m.id } : {}),
            ...(m.retry !== undefined ? { retry: m.retry } : {}),
          }));
          expect(readBack(chunks)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
