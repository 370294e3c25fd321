import { collect, type StreamEvent, type WireEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import {
  createStreamDecoder,
  createStreamEncoder,
  decodeError,
  decodeRequest,
  decodeResponse,
  encodeError,
  encodeRequest,
  encodeResponse,
} from './index.ts';
import { fixtures, streamsOf, withoutObfuscation } from './test-support/fixtures.ts';

const all = fixtures();
const isError = (name: string): boolean => name.startsWith('error-') && !name.endsWith('.request.json');
const ERROR_STATUS: Record<string, number> = {
  'error-insufficient-quota.json': 429,
  'error-invalid-request.json': 400,
  'error-modified-reasoning-history.json': 400,
  'error-temperature-unsupported.json': 400,
};

function decodeAll(events: WireEvent[]): StreamEvent[] {
  const decoder = createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

function encodeAll(events: StreamEvent[]): WireEvent[] {
  const encoder = createStreamEncoder();
  const out = [...events.flatMap((e) => encoder.push(e)), ...encoder.end()];
  expect(encoder.losses).toEqual([]);
  return out;
}

describe('request recordings', () => {
  for (const fixture of all.filter((f) => f.kind === 'request')) {
    it(`${fixture.name} round-trips exactly`, () => {
      const wire = JSON.parse(fixture.bytes.toString('utf8'));
      const decoded = decodeRequest(wire);
      const expected = fixture.name.startsWith('previous-response-id') ? ['state'] : [];
      expect(decoded.losses.map((l) => l.feature)).toEqual(expected);
      const encoded = encodeRequest(decoded.value);
      expect(encoded.losses).toEqual([]);
      expect(encoded.value).toEqual(wire);
    });
  }
});

describe('response recordings', () => {
  for (const fixture of all.filter((f) => f.kind === 'response' && !isError(f.name))) {
    it(`${fixture.name} round-trips exactly`, () => {
      const wire = JSON.parse(fixture.bytes.toString('utf8'));
      const decoded = decodeResponse(wire);
      expect(decoded.losses).toEqual([]);
      const encoded = encodeResponse(decoded.value);
      expect(encoded.losses).toEqual([]);
      expect(encoded.value).toEqual(wire);
    });
  }
});

describe('error recordings', () => {
  for (const fixture of all.filter((f) => f.kind === 'response' && isError(f.name))) {
    it(`${fixture.name} round-trips exactly`, () => {
      const wire = JSON.parse(fixture.bytes.toString('utf8'));
      const status = ERROR_STATUS[fixture.name] ?? 400;
      const error = decodeError(wire, status);
      expect(error.status).toBe(status);
      expect(encodeError(error)).toEqual({ status, body: wire, losses: [] });
    });
  }
  it('maps the recorded kinds', () => {
    const quota = all.find((f) => f.name === 'error-insufficient-quota.json');
    expect(decodeError(JSON.parse(quota?.bytes.toString('utf8') ?? '{}'), 429).kind).toBe('quota');
  });
});

describe('stream recordings', () => {
  for (const fixture of all.filter((f) => f.kind === 'sse' || f.kind === 'chunks')) {
    streamsOf(fixture).forEach((stream, n) => {
      it(`${fixture.name} #${n} decodes, re-encodes to the same events and collects to its terminal response`, () => {
        const events = decodeAll(stream);
        expect(events.filter((e) => e.type === 'warning')).toEqual([]);
        const reencoded = encodeAll(events);
        const original = stream.map((e) => withoutObfuscation(JSON.parse(e.data)));
        expect(reencoded.map((e) => JSON.parse(e.data))).toEqual(original);
        expect(reencoded.map((e) => e.event)).toEqual(original.map((p) => (p as { type: string }).type));
        const terminal = original[original.length - 1] as { type: string; response?: unknown };
        if (terminal.response !== undefined && terminal.type !== 'response.failed') {
          expect(encodeResponse(collect(events)).value).toEqual(terminal.response);
          // The collected answer is made of the output_item.done items (the terminal copy may re-encrypt reasoning).
          const done = original.flatMap((p) => {
            const e = p as { type: string; item?: unknown };
            return e.type === 'response.output_item.done' ? [e.item] : [];
          });
          const finalResponse = { ...(terminal.response as object), output: done };
          expect(collect(events).choices).toEqual(decodeResponse(finalResponse).value.choices);
        }
      });
    });
  }
});
