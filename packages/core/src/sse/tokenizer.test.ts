import { describe, expect, it, vi } from 'vitest';
import { oneByteAtATime, splitAt } from '../../testing/chunkings.ts';
import { SseEvent, type SseEventInit } from './event.ts';
import { SseLineTooLongError } from './sse-error.ts';
import { createSseTokenizer, type SseTokenizerOptions } from './tokenizer.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Feeds `chunks` (strings are UTF-8 encoded) and returns the events as plain objects. */
function parse(chunks: readonly (string | Uint8Array)[], options?: SseTokenizerOptions): SseEventInit[] {
  const tokenizer = createSseTokenizer(options);
  const out: SseEventInit[] = [];
  for (const chunk of chunks) {
    for (const event of tokenizer.feed(typeof chunk === 'string' ? utf8(chunk) : chunk)) out.push(event.toJSON());
  }
  tokenizer.end();
  return out;
}

/** The same stream fed whole, one byte at a time, and (padded past the small-chunk threshold) in large chunks. */
function parseEveryWay(text: string, options?: SseTokenizerOptions): SseEventInit[] {
  const bytes = utf8(text);
  const whole = parse([bytes], options);
  expect(parse(oneByteAtATime(bytes), options)).toEqual(whole);
  expect(parse(splitAt(bytes, [1, 2, 3, 5, 8, 13, 21]), options)).toEqual(whole);
  // A long comment first (after any BOM) makes every chunk take the large-chunk scanning path.
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const padded = utf8(`${bom}:${'x'.repeat(300)}\n${text.slice(bom.length)}`);
  expect(parse([padded], options)).toEqual(whole);
  expect(parse(splitAt(padded, [150, 302, 303, 450]), options)).toEqual(whole);
  return whole;
}

describe('line endings', () => {
  it('accepts LF, CR and CRLF alike', () => {
    const expected = [{ event: 'a', data: '1\n2' }, { data: '3' }];
    expect(parseEveryWay('event: a\ndata: 1\ndata: 2\n\ndata: 3\n\n')).toEqual(expected);
    expect(parseEveryWay('event: a\rdata: 1\rdata: 2\r\rdata: 3\r\r')).toEqual(expected);
    expect(parseEveryWay('event: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n')).toEqual(expected);
    expect(parseEveryWay('event: a\r\ndata: 1\rdata: 2\n\r\ndata: 3\r\n\n')).toEqual(expected);
  });

  it('treats a CR ending one chunk and a LF starting the next as one line end', () => {
    expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
    expect(parse([`data: ${'a'.repeat(200)}\r`, `\ndata: b\r\n\r\n${'x'.repeat(200)}`])).toEqual([
      { data: `${'a'.repeat(200)}\nb` },
    ]);
  });

  it('treats CR CR as a line end followed by a blank line', () => {
    expect(parse(['data: a\r', '\r'])).toEqual([{ data: 'a' }]);
  });

  it('dispatches on a trailing CR without waiting for the next chunk', () => {
    const tokenizer = createSseTokenizer();
    expect(tokenizer.feed(utf8('data: a\n\r')).map((e) => e.data)).toEqual(['a']);
  });
});

describe('byte order mark', () => {
  it('strips one leading BOM, also when split across chunks', () => {
    expect(parseEveryWay('\uFEFFdata: a\n\n')).toEqual([{ data: 'a' }]);
  });

  it('strips only the first BOM: a second one is part of the field name', () => {
    expect(parseEveryWay('\uFEFF\uFEFFdata: a\n\ndata: b\n\n')).toEqual([{ data: 'b' }]);
  });

  it('keeps a BOM-like prefix that is not a BOM as ordinary input', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0x41, 0x0a, 0x64, 0x61, 0x74, 0x61, 0x3a, 0x78, 0x0a, 0x0a]);
    expect(parse([bytes])).toEqual([{ data: 'x' }]);
    expect(parse(oneByteAtATime(bytes))).toEqual([{ data: 'x' }]);
    expect(parse([new Uint8Array([0xef]), new Uint8Array([0xbb, 0x3a, 0x0a]), utf8('data:y\n\n')])).toEqual([
      { data: 'y' },
    ]);
    // The would-be BOM bytes join the first line: here they turn `data` into an unknown field.
    expect(parse([new Uint8Array([0xef, 0xbb]), utf8('data: z\n\ndata: w\n\n')])).toEqual([{ data: 'w' }]);
  });

  it('strips a BOM again after end(), for the next stream', () => {
    const tokenizer = createSseTokenizer();
    expect(tokenizer.feed(utf8('\uFEFFdata: a\n\n')).map((e) => e.data)).toEqual(['a']);
    tokenizer.end();
    expect(tokenizer.feed(utf8('\uFEFFdata: b\n\n')).map((e) => e.data)).toEqual(['b']);
  });
});

describe('fields', () => {
  it('ignores comment lines and reports them to onComment without the leading space', () => {
    const onComment = vi.fn();
    expect(parseEveryWay(': ping\n:\n:  two\ndata: a\n\n', { onComment })).toEqual([{ data: 'a' }]);
    expect(onComment.mock.calls.slice(0, 3)).toEqual([['ping'], [''], [' two']]);
  });

  it('joins multi-line data with LF', () => {
    expect(parseEveryWay('data: a\ndata:\ndata: c\n\n')).toEqual([{ data: 'a\n\nc' }]);
  });

  it('removes exactly one space after the colon', () => {
    expect(parseEveryWay('data:a\n\ndata:  b\n\nevent:  e\ndata: c\n\n')).toEqual([
      { data: 'a' },
      { data: ' b' },
      { event: ' e', data: 'c' },
    ]);
  });

  it('treats a line without a colon as a field with an empty value', () => {
    expect(parseEveryWay('data\n\n')).toEqual([{ data: '' }]);
    expect(parseEveryWay('event: x\nevent\ndata\ndata\n\n')).toEqual([{ data: '\n' }]);
    expect(parseEveryWay('id\ndata: a\n\n')).toEqual([{ id: '', data: 'a' }]);
  });

  it('dispatches an event whose only data line is empty', () => {
    expect(parseEveryWay('data:\n\n')).toEqual([{ data: '' }]);
  });

  it('does not dispatch a block without data lines', () => {
    expect(parseEveryWay('event: a\n\nid: 1\n\nretry: 5\n\n: c\n\n\n\n')).toEqual([]);
  });

  it('reports event as undefined when absent or empty', () => {
    const events = parseEveryWay('data: a\n\nevent:\ndata: b\n\nevent: x\nevent:\ndata: c\n\nevent: y\ndata: d\n\n');
    expect(events).toEqual([{ data: 'a' }, { data: 'b' }, { data: 'c' }, { event: 'y', data: 'd' }]);
    expect(events.map((e) => e.event)).toEqual([undefined, undefined, undefined, 'y']);
  });

  it('resets the event name after each dispatch', () => {
    expect(parseEveryWay('event: a\ndata: 1\n\ndata: 2\n\n')).toEqual([{ event: 'a', data: '1' }, { data: '2' }]);
  });

  it('ignores unknown fields and compares field names exactly', () => {
    expect(
      parseEveryWay('foo: bar\nData: x\ndataa: x\ndat: x\nEvent: x\nevents: x\nidx: 1\nretryy: 1\n: c\ndata: ok\n\n'),
    ).toEqual([{ data: 'ok' }]);
  });

  it('decodes values as UTF-8, including characters split across chunks', () => {
    const text = 'event: 日本\ndata: 😀 é\n\n';
    expect(parseEveryWay(text)).toEqual([{ event: '日本', data: '😀 é' }]);
  });

  it('replaces invalid UTF-8 with U+FFFD', () => {
    const bytes = new Uint8Array([...utf8('data: a'), 0xff, 0xc3, ...utf8('b\n\n')]);
    expect(parse([bytes])).toEqual([{ data: 'a\uFFFD\uFFFDb' }]);
    expect(parse(oneByteAtATime(bytes))).toEqual([{ data: 'a\uFFFD\uFFFDb' }]);
  });
});

describe('id and lastEventId', () => {
  it('sets the event id and lastEventId', () => {
    const tokenizer = createSseTokenizer();
    const [first] = tokenizer.feed(utf8('id: 1\ndata: a\n\n'));
    expect(first?.id).toBe('1');
    expect(tokenizer.lastEventId).toBe('1');
    const [second] = tokenizer.feed(utf8('data: b\n\n'));
    // The block had no id field, but the last event ID carries over.
    expect(second?.id).toBeUndefined();
    expect(tokenizer.lastEventId).toBe('1');
  });

  it('updates lastEventId from a block without data', () => {
    const tokenizer = createSseTokenizer();
    expect(tokenizer.feed(utf8('id: 7\n\n'))).toEqual([]);
    expect(tokenizer.lastEventId).toBe('7');
    tokenizer.feed(utf8('id\n\n'));
    expect(tokenizer.lastEventId).toBe('');
  });

  it('sets lastEventId when the block ends, not when the id field is read', () => {
    const tokenizer = createSseTokenizer();
    tokenizer.feed(utf8('id: 1\ndata: a\n'));
    expect(tokenizer.lastEventId).toBe('');
    tokenizer.feed(utf8('\n'));
    expect(tokenizer.lastEventId).toBe('1');
  });

  it('ignores an id containing NUL', () => {
    const tokenizer = createSseTokenizer();
    const events = tokenizer.feed(utf8('id: 1\n\nid: 2\0x\ndata: a\n\n'));
    expect(events.map((e) => e.id)).toEqual([undefined]);
    expect(tokenizer.lastEventId).toBe('1');
  });

  it('keeps lastEventId across end() and forgets it on reset()', () => {
    const tokenizer = createSseTokenizer();
    tokenizer.feed(utf8('id: 9\ndata: a\n\n'));
    tokenizer.end();
    expect(tokenizer.lastEventId).toBe('9');
    tokenizer.reset();
    expect(tokenizer.lastEventId).toBe('');
  });
});

describe('retry', () => {
  it('accepts ASCII digits only and reports them to onRetry and on the event', () => {
    const onRetry = vi.fn();
    const events = parseEveryWay(
      'retry: 1000\ndata: a\n\nretry: 1a\nretry: -1\nretry:\nretry: 1.5\nretry\ndata: b\n\n',
      {
        onRetry,
      },
    );
    expect(events).toEqual([{ retry: 1000, data: 'a' }, { data: 'b' }]);
    expect(onRetry).toHaveBeenCalledWith(1000);
    expect(onRetry.mock.calls.every(([ms]) => ms === 1000)).toBe(true);
    expect(parse(['retry: 007\n\n'], { onRetry })).toEqual([]);
    expect(onRetry).toHaveBeenLastCalledWith(7);
  });
});

describe('end of stream', () => {
  it('discards an unterminated last event', () => {
    expect(parseEveryWay('data: a\n\ndata: b\n')).toEqual([{ data: 'a' }]);
    expect(parseEveryWay('data: a\n\ndata: b')).toEqual([{ data: 'a' }]);
  });

  it('starts clean after end()', () => {
    const tokenizer = createSseTokenizer();
    tokenizer.feed(utf8('event: x\ndata: partial\nda'));
    tokenizer.end();
    expect(tokenizer.feed(utf8('ta: b\n\n')).map((e) => e.toJSON())).toEqual([]);
    expect(tokenizer.feed(utf8('data: c\n\n')).map((e) => e.toJSON())).toEqual([{ data: 'c' }]);
  });

  it('returns a shared frozen empty array when a chunk completes no event', () => {
    const tokenizer = createSseTokenizer();
    const none = tokenizer.feed(utf8('data: a'));
    expect(none).toEqual([]);
    expect(Object.isFrozen(none)).toBe(true);
    expect(tokenizer.feed(new Uint8Array(0))).toBe(none);
  });
});

describe('SseEvent', () => {
  it('exposes data bytes as a view of the input chunk without copying', () => {
    const chunk = utf8(`data: {"a":1}\n\n${' '.repeat(200)}`);
    const [event] = createSseTokenizer().feed(chunk);
    expect(event?.dataBytes.buffer).toBe(chunk.buffer);
    expect(new TextDecoder().decode(event?.dataBytes)).toBe('{"a":1}');
    // Views alias the chunk: mutating the chunk shows through.
    chunk[6] = 0x5b;
    expect(event?.dataBytes[0]).toBe(0x5b);
  });

  it('decodes data once and caches it', () => {
    const [event] = createSseTokenizer().feed(utf8('data: é\n\n'));
    expect(event?.data).toBe('é');
    expect(event?.data).toBe(event?.data);
    expect(event?.dataBytes).toBe(event?.dataBytes);
  });

  it('parses JSON data', () => {
    const [event] = createSseTokenizer().feed(utf8('data: {"type":"ping","n":[1,2]}\n\n'));
    expect(event?.json()).toEqual({ type: 'ping', n: [1, 2] });
    expect(event?.json<{ type: string }>().type).toBe('ping');
  });

  it('joins multi-line data into a fresh buffer', () => {
    const [event] = createSseTokenizer().feed(utf8('data: a\ndata: b\n\n'));
    expect(Array.from(event?.dataBytes ?? [])).toEqual(Array.from(utf8('a\nb')));
  });

  it('can be built by hand', () => {
    const event = SseEvent.from({ event: 'x', data: 'é', id: '1', retry: 5 });
    expect(event.toJSON()).toEqual({ event: 'x', data: 'é', id: '1', retry: 5 });
    expect(Array.from(event.dataBytes)).toEqual([0xc3, 0xa9]);
    expect(SseEvent.from({ event: '', data: '' }).event).toBeUndefined();
  });
});

describe('line limit', () => {
  it('throws a typed error when a line inside one chunk is too long', () => {
    const tokenizer = createSseTokenizer({ maxLineBytes: 10 });
    expect(() => tokenizer.feed(utf8(`data: ${'x'.repeat(200)}\n\n`))).toThrow(SseLineTooLongError);
    const error = captureError(() => createSseTokenizer({ maxLineBytes: 10 }).feed(utf8('data: 12345\n')));
    expect(error).toBeInstanceOf(SseLineTooLongError);
    expect(error).toMatchObject({ code: 'sse_line_too_long', limit: 10, name: 'SseLineTooLongError' });
  });

  it('accepts a line of exactly the limit', () => {
    for (const chunks of [['data:1234\n\n'], oneByteAtATime(utf8('data:1234\n\n'))]) {
      expect(parse(chunks, { maxLineBytes: 9 })).toEqual([{ data: '1234' }]);
    }
    for (const chunks of [['data:12345\n\n'], oneByteAtATime(utf8('data:12345\n\n'))]) {
      expect(() => parse(chunks, { maxLineBytes: 9 })).toThrow(SseLineTooLongError);
    }
  });

  it('throws as soon as an unterminated line outgrows the limit, so memory stays bounded', () => {
    const max = 1024 * 1024;
    const tokenizer = createSseTokenizer({ maxLineBytes: max });
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let fed = 0;
    expect(() => {
      for (;;) {
        tokenizer.feed(chunk);
        fed += chunk.length;
        if (fed > 64 * max) break;
      }
    }).toThrow(SseLineTooLongError);
    expect(fed).toBeLessThanOrEqual(max);
  });

  it('bounds the joined data of one event too', () => {
    const tokenizer = createSseTokenizer({ maxLineBytes: 100 });
    const line = utf8(`data: ${'x'.repeat(40)}\n`);
    tokenizer.feed(line);
    tokenizer.feed(line);
    expect(() => tokenizer.feed(line)).toThrow(/event data/);
  });

  it('refuses input after the error until reset()', () => {
    const tokenizer = createSseTokenizer({ maxLineBytes: 4 });
    expect(() => tokenizer.feed(utf8('data: long\n'))).toThrow(SseLineTooLongError);
    expect(() => tokenizer.feed(utf8('data:a\n\n'))).toThrow(SseLineTooLongError);
    tokenizer.reset();
    expect(tokenizer.feed(utf8('\n\ndata\n\n')).map((e) => e.data)).toEqual(['']);
  });

  it('rejects a negative limit', () => {
    expect(() => createSseTokenizer({ maxLineBytes: -1 })).toThrow(RangeError);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
