import { join } from 'node:path';
import { collect, type JsonObject } from '@interlingua/core';
import { loadFixtures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { decodeAll, roundTrip } from './test-support/run.ts';
import { chunkStreams, comparable, parseSse } from './test-support/sse.ts';

const dir = join(import.meta.dirname, '..', 'fixtures');
const fixtures = loadFixtures(dir);
const json = (bytes: Buffer): JsonObject => JSON.parse(bytes.toString('utf8')) as JsonObject;

const ERROR_STATUS: Record<string, number> = { 'error-invalid-effort': 400, 'error-not-found-count-tokens': 404 };

describe('recorded fixtures', () => {
  it('has every recording', () => {
    expect(fixtures).toHaveLength(54);
  });

  for (const fixture of fixtures.filter((f) => f.kind === 'request')) {
    it(`request ${fixture.name}: decodes without loss and re-encodes equal`, () => {
      const wire = json(fixture.bytes);
      const decoded = decodeRequest(wire);
      expect(decoded.losses).toEqual([]);
      const encoded = encodeRequest(decoded.value);
      if (wire.max_tokens === undefined) {
        // A count_tokens body: the only difference is the documented max_tokens default.
        expect(encoded.losses.map((l) => [l.code, l.feature])).toEqual([['defaulted', 'max-tokens']]);
        expect(encoded.value).toEqual({ ...wire, max_tokens: 4096 });
      } else {
        expect(encoded.losses).toEqual([]);
        expect(encoded.value).toEqual(wire);
      }
    });
  }

  for (const fixture of fixtures.filter((f) => f.kind === 'response')) {
    const status = ERROR_STATUS[fixture.scenario];
    if (status !== undefined) {
      it(`error ${fixture.name}: decodes and re-encodes equal`, () => {
        const body = json(fixture.bytes);
        const error = decodeError(body, status);
        expect(error.status).toBe(status);
        expect(encodeError(error)).toEqual({ status, body, losses: [] });
      });
      continue;
    }
    it(`response ${fixture.name}: decodes without loss and re-encodes equal`, () => {
      const wire = json(fixture.bytes);
      const decoded = decodeResponse(wire);
      expect(decoded.losses).toEqual([]);
      const encoded = encodeResponse(decoded.value);
      expect(encoded.losses).toEqual([]);
      expect(encoded.value).toEqual(wire);
    });
  }

  const streams = fixtures.flatMap((f) =>
    f.kind === 'sse'
      ? [{ name: f.name, events: parseSse(f.bytes.toString('utf8')) }]
      : f.kind === 'chunks'
        ? chunkStreams(f.bytes.toString('utf8')).map((events, i) => ({ name: `${f.name}#${i}`, events }))
        : [],
  );

  for (const stream of streams) {
    it(`stream ${stream.name}: decodes without warnings and re-encodes to the same events`, () => {
      const decoded = decodeAll(stream.events);
      expect(decoded.filter((e) => e.type === 'warning' || e.type === 'error')).toEqual([]);
      expect(comparable(roundTrip(stream.events))).toEqual(comparable(stream.events));
    });

    it(`stream ${stream.name}: collects into a response that re-decodes to itself`, () => {
      const response = collect(decodeAll(stream.events));
      const encoded = encodeResponse(response);
      expect(encoded.losses).toEqual([]);
      const again = encodeResponse(decodeResponse(encoded.value).value).value;
      expect(again).toEqual(encoded.value);
    });
  }
});
