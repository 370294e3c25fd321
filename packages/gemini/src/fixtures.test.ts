import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collect, type StreamEvent, type WireEvent } from '@interlingua/core';
import { loadFixtures, readJsonLines } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { camelizeRequest } from './case.ts';
import { decodeError, encodeError } from './error.ts';
import { formatJsonArrayStream, readJsonArrayStream } from './json-array-stream.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder, createStreamEncoder, formatGeminiSse } from './stream.ts';
import { parseSse } from './test-support/sse.ts';

const dir = fileURLToPath(new URL('../fixtures', import.meta.url));
const fixtures = loadFixtures(dir);
// Vertex argument streaming (`partialArgs`) is re-encoded as whole calls: compared after collecting.
const NORMALISED_STREAMS = new Set(['function-call-no-args-stream-vertex', 'function-call-partial-args-stream-vertex']);

function decodeAll(wire: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...wire.flatMap((w) => decoder.push(w)), ...decoder.end()];
}

function encodeAll(events: StreamEvent[]) {
  const encoder = createStreamEncoder();
  const wire = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
  return { wire, losses: encoder.losses };
}

async function wireEventsOf(fixture: (typeof fixtures)[number]): Promise<WireEvent[]> {
  if (fixture.kind === 'sse') return parseSse(fixture.bytes);
  if (fixture.kind === 'chunks') return readJsonLines(fixture.bytes).map((chunk) => ({ data: JSON.stringify(chunk) }));
  const out: WireEvent[] = [];
  for await (const event of readJsonArrayStream(
    (async function* () {
      // Feed in small pieces to exercise the incremental parser.
      for (let i = 0; i < fixture.bytes.length; i += 97) yield fixture.bytes.subarray(i, i + 97);
    })(),
  ))
    out.push(event);
  return out;
}

const json = (events: WireEvent[]) => events.map((e) => JSON.parse(e.data));

describe('gemini fixtures', () => {
  it('has every recording', () => {
    expect(fixtures.length).toBe(47);
  });

  for (const fixture of fixtures.filter((f) => f.kind === 'request')) {
    it(`request ${fixture.name} round-trips (after snake_case normalisation) with no loss`, () => {
      const wire = JSON.parse(fixture.bytes.toString('utf8'));
      const decoded = decodeRequest(wire);
      expect(decoded.losses).toEqual([]);
      const encoded = encodeRequest(decoded.value);
      expect(encoded.losses).toEqual([]);
      expect(encoded.value).toEqual(camelizeRequest(wire));
    });
  }

  for (const fixture of fixtures.filter((f) => f.kind === 'response')) {
    const wire = JSON.parse(fixture.bytes.toString('utf8'));
    if (wire.error) {
      it(`error ${fixture.name} round-trips`, () => {
        const error = decodeError(wire, wire.error.code);
        expect(error.status).toBe(wire.error.code);
        const encoded = encodeError(error);
        expect(encoded.status).toBe(wire.error.code);
        expect(encoded.body).toEqual(wire);
      });
      continue;
    }
    it(`response ${fixture.name} round-trips with no loss`, () => {
      const decoded = decodeResponse(wire);
      expect(decoded.losses).toEqual([]);
      const encoded = encodeResponse(decoded.value);
      expect(encoded.losses).toEqual([]);
      expect(encoded.value).toEqual(wire);
    });
  }

  for (const fixture of fixtures.filter((f) => f.kind === 'sse' || f.kind === 'chunks' || f.kind === 'json-array')) {
    it(`stream ${fixture.name} decodes completely and re-encodes to the same chunks`, async () => {
      const wire = await wireEventsOf(fixture);
      const events = decodeAll(wire);
      expect(events.filter((e) => e.type === 'warning' || e.type === 'error')).toEqual([]);
      expect(events.at(-1)?.type).toBe('message-end');
      const { wire: again, losses } = encodeAll(events);
      expect(losses).toEqual([]);
      if (NORMALISED_STREAMS.has(fixture.scenario)) expect(collect(decodeAll(again))).toEqual(collect(events));
      else expect(json(again)).toEqual(json(wire));
    });
  }

  it('writes SSE with CRLF like the server (byte-exact framing for compact JSON)', () => {
    const fixture = fixtures.find((f) => f.name === 'text-thought-signature-stream.chunks.jsonl');
    if (!fixture) throw new Error('missing fixture');
    const lines = fixture.bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const { wire } = encodeAll(decodeAll(lines.map((data) => ({ data }))));
    expect(wire.map(formatGeminiSse).join('')).toBe(lines.map((l) => `data: ${l}\r\n\r\n`).join(''));
  });

  it('re-frames the JSON-array stream', async () => {
    const fixture = fixtures.find((f) => f.kind === 'json-array');
    if (!fixture) throw new Error('missing fixture');
    const wire = await wireEventsOf(fixture);
    const body = formatJsonArrayStream(encodeAll(decodeAll(wire)).wire);
    expect(JSON.parse(body)).toEqual(JSON.parse(readFileSync(fixture.path, 'utf8')));
    expect(body.startsWith('[{')).toBe(true);
    expect(body).toContain('},\r\n{');
  });
});
