import { describeValue, type WireEvent, WireFormatError } from '@interlingua/core';

function fail(expected: string, received: string, offset: number): WireFormatError {
  return new WireFormatError({ format: 'gemini', kind: 'stream', issues: [{ path: [offset], expected, received }] });
}

/**
 * Reads the JSON-array form of `streamGenerateContent` (no `alt=sse`: `[{…},\r\n{…}]`) incrementally:
 * each array element is yielded as a wire event as soon as its closing brace arrives; only the
 * element being read is buffered. Throws `WireFormatError` (path: the character offset) on a
 * malformed or truncated array.
 */
export async function* readJsonArrayStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<WireEvent> {
  const decoder = new TextDecoder();
  let state: 'before' | 'between' | 'element' | 'after' = 'before';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let offset = 0;
  let sawElement = false;
  const consume = function* (text: string): Generator<WireEvent> {
    let start = 0;
    for (let i = 0; i < text.length; i++, offset++) {
      const ch = text[i] as string;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === '\\') escaped = true;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            element += text.slice(start, i + 1);
            yield { data: element };
            element = '';
            sawElement = true;
            state = 'between';
          }
        }
        continue;
      }
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\uFEFF') continue;
      if (state === 'before') {
        if (ch !== '[') throw fail('"[" opening the JSON-array stream', describeValue(ch), offset);
        state = 'between';
      } else if (state === 'between') {
        if (ch === ',') continue;
        if (ch === ']') state = 'after';
        else if (ch === '{') {
          state = 'element';
          depth = 1;
          start = i;
        } else throw fail('an object, "," or "]"', describeValue(ch), offset);
      } else throw fail('nothing after "]"', describeValue(ch), offset);
    }
    if (state === 'element') element += text.slice(start);
  };
  for await (const bytes of source) yield* consume(decoder.decode(bytes, { stream: true }));
  yield* consume(decoder.decode());
  const final = state as string;
  if (final !== 'after')
    throw fail(sawElement || final !== 'before' ? 'the closing "]"' : 'a JSON array', 'end of stream', offset);
}

/** Writes wire events as the JSON-array stream body: `[`, elements separated by `,\r\n`, `]`. */
export function formatJsonArrayStream(events: Iterable<WireEvent>): string {
  const writer = createJsonArrayWriter();
  let out = '';
  for (const event of events) out += writer.write(event);
  return out + writer.end();
}

/** Incremental framing for the JSON-array stream: write each element as it is encoded, then `end()`. */
export function createJsonArrayWriter(): { write(event: WireEvent): string; end(): string } {
  let first = true;
  return {
    write(event) {
      const prefix = first ? '[' : ',\r\n';
      first = false;
      return prefix + event.data;
    },
    end() {
      return first ? '[]' : ']';
    },
  };
}
