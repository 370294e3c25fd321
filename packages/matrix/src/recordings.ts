import { createSseTokenizer, type WireEvent } from '@interlingua/core';
import { loadFixtures, readJsonLines } from '@interlingua/core/testing';
import type { MatrixFormat } from './formats.ts';

/** One recording of a format, ready to convert: a request, a response, an error or one stream. */
export type Recording =
  | { kind: 'request'; name: string; body: unknown }
  | { kind: 'response'; name: string; body: unknown }
  | { kind: 'error'; name: string; body: unknown; status: number }
  | { kind: 'stream'; name: string; events: WireEvent[] };

/**
 * HTTP status of the recorded error bodies that do not state it themselves (from each package's
 * `fixtures/README.md`); Gemini bodies carry it in `error.code`, the rest answered 400.
 */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  'openai-responses/error-insufficient-quota.json': 429,
  'claude/error-not-found-count-tokens.json': 404,
};

/** Events that open a stream: a recording holding several consecutive streams is cut before each. */
const STREAM_OPENERS = new Set(['response.created', 'message_start']);

/** Every recording of `format`: each file, streams split into one recording per stream. */
export function recordingsOf(format: MatrixFormat): Recording[] {
  const out: Recording[] = [];
  for (const fixture of loadFixtures(format.fixturesDir)) {
    const text = fixture.bytes.toString('utf8');
    if (fixture.kind === 'request') out.push({ kind: 'request', name: fixture.name, body: JSON.parse(text) });
    else if (fixture.kind === 'response') {
      const body = JSON.parse(text) as { error?: { code?: unknown } };
      if (fixture.name.startsWith('error-')) {
        const code = body.error?.code;
        const status = typeof code === 'number' ? code : (ERROR_STATUS[`${format.format}/${fixture.name}`] ?? 400);
        out.push({ kind: 'error', name: fixture.name, body, status });
      } else out.push({ kind: 'response', name: fixture.name, body });
    } else {
      const streams = splitStreams(wireEventsOf(format, fixture.kind, fixture.bytes));
      streams.forEach((events, n) => {
        out.push({ kind: 'stream', name: streams.length > 1 ? `${fixture.name}#${n}` : fixture.name, events });
      });
    }
  }
  return out;
}

/** The wire events of a stream recording, as the format's own tests read them. */
function wireEventsOf(format: MatrixFormat, kind: 'sse' | 'chunks' | 'json-array', bytes: Buffer): WireEvent[] {
  if (kind === 'sse') return parseSse(bytes);
  const payloads = kind === 'chunks' ? readJsonLines(bytes) : (JSON.parse(bytes.toString('utf8')) as unknown[]);
  const events: WireEvent[] = payloads.map((payload) => {
    const type = (payload as { type?: unknown }).type;
    // Claude and Responses name each SSE event after its payload type; Chat and Gemini send bare `data:` lines.
    return typeof type === 'string' && (format.format === 'claude' || format.format === 'openai-responses')
      ? { event: type, data: JSON.stringify(payload) }
      : { data: JSON.stringify(payload) };
  });
  // Chat's JSON-lines recordings omit the `[DONE]` terminator the SSE body ends with.
  if (format.format === 'openai-chat') events.push({ data: '[DONE]' });
  return events;
}

function splitStreams(events: WireEvent[]): WireEvent[][] {
  const streams: WireEvent[][] = [];
  for (const event of events) {
    if (streams.length === 0 || STREAM_OPENERS.has(payloadType(event))) streams.push([]);
    streams[streams.length - 1]?.push(event);
  }
  return streams;
}

function payloadType(event: WireEvent): string {
  if (!event.data.startsWith('{')) return '';
  const type = (JSON.parse(event.data) as { type?: unknown }).type;
  return typeof type === 'string' ? type : '';
}

/** Reads a whole SSE body into wire events with core's tokenizer. */
export function parseSse(bytes: Uint8Array | string): WireEvent[] {
  const tokenizer = createSseTokenizer();
  const input = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const events = tokenizer.feed(input).map((e) => {
    const wire: WireEvent = { data: e.data };
    if (e.event !== undefined) wire.event = e.event;
    if (e.id !== undefined) wire.id = e.id;
    return wire;
  });
  tokenizer.end();
  return events;
}
