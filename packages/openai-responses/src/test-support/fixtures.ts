import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireEvent } from '@interlingua/core';
import { type Fixture, loadFixtures, readJsonLines } from '@interlingua/core/testing';
import { parseSse } from './sse.ts';

/** This package's recordings. */
export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

/** Every recording, classified. */
export function fixtures(): Fixture[] {
  return loadFixtures(FIXTURES_DIR);
}

/** Reads a JSON fixture. */
export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

/**
 * The streams of a stream fixture as wire events, split where a new `response.created` starts
 * (some recordings hold several consecutive streams of one agent run).
 */
export function streamsOf(fixture: Fixture): WireEvent[][] {
  const events: WireEvent[] =
    fixture.kind === 'sse'
      ? parseSse(fixture.bytes.toString('utf8'))
      : readJsonLines(fixture.bytes).map((payload) => {
          const type = (payload as { type?: string }).type;
          return type === undefined
            ? { data: JSON.stringify(payload) }
            : { event: type, data: JSON.stringify(payload) };
        });
  const streams: WireEvent[][] = [];
  for (const event of events) {
    const created = (JSON.parse(event.data) as { type?: string }).type === 'response.created';
    if (created || streams.length === 0) streams.push([]);
    streams[streams.length - 1]?.push(event);
  }
  return streams;
}

/** Removes the random `obfuscation` padding of delta events (not part of the canonical model). */
export function withoutObfuscation(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const { obfuscation: _o, ...rest } = payload as Record<string, unknown>;
  return rest;
}
