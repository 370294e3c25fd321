import { toStreamEvents } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { unexplainedDifferences } from './compare.ts';
import { requestThrough, responseThrough, streamThrough } from './convert.ts';
import type { Difference } from './diff.ts';
import { FORMATS, PAIRS } from './formats.ts';
import { patternLines } from './patterns.ts';
import { requestArbitrary, responseArbitrary, SEED, samplesOf } from './samples.ts';

/**
 * Property runs over arbitrary canonical values (reproducible: fixed seed):
 *
 * - through one format: `decode_G(encode_G(c))` equals `c` except under the losses reported;
 * - through a pair: `c_F = decode_F(encode_F(c))` taken to G and back to F equals `c_F` except
 *   under the losses of F → G and G → F.
 *
 * The unexplained differences, counted by path pattern, must be exactly the reviewed list in
 * `known-differences/properties.md` (a new pattern fails; a fixed one must be removed).
 */
const requests = samplesOf(requestArbitrary);
const responses = samplesOf(responseArbitrary);
const sections = new Map<string, string[]>();

function record(title: string, differences: readonly Difference[]): void {
  sections.set(title, differences.length === 0 ? ['None.'] : patternLines(differences));
}

describe('through one format: decode_G(encode_G(c)) = c minus the reported losses', () => {
  for (const target of FORMATS) {
    it(`${target.format}: requests, responses and streams`, () => {
      const requestDiffs = requests.flatMap((c) => {
        const trip = requestThrough(target, c);
        return unexplainedDifferences('request', trip.before, trip.after, trip.losses);
      });
      const responseDiffs = responses.flatMap((c) => {
        const trip = responseThrough(target, c);
        return unexplainedDifferences('response', trip.before, trip.after, trip.losses);
      });
      const streamDiffs = responses.flatMap((c) => {
        const trip = streamThrough(target, toStreamEvents(c));
        return unexplainedDifferences('stream', trip.before.response, trip.after.response, trip.losses);
      });
      record(`c → ${target.format} → c: requests`, requestDiffs);
      record(`c → ${target.format} → c: responses`, responseDiffs);
      record(`c → ${target.format} → c: streams`, streamDiffs);
    });
  }
});

describe('through a pair: F → G → F loses only what the reports name', () => {
  for (const [source, target] of PAIRS) {
    it(`${source.format} → ${target.format} → ${source.format}`, () => {
      const requestDiffs = requests.flatMap((c) => {
        const start = requestThrough(source, c).after;
        const there = requestThrough(target, start);
        const back = requestThrough(source, there.after);
        return unexplainedDifferences('request', start, back.after, [...there.losses, ...back.losses]);
      });
      const responseDiffs = responses.flatMap((c) => {
        const start = responseThrough(source, c).after;
        const there = responseThrough(target, start);
        const back = responseThrough(source, there.after);
        return unexplainedDifferences('response', start, back.after, [...there.losses, ...back.losses]);
      });
      const streamDiffs = responses.flatMap((c) => {
        const start = streamThrough(source, toStreamEvents(c)).after;
        const there = streamThrough(target, start.events);
        const back = streamThrough(source, there.after.events);
        return unexplainedDifferences('stream', start.response, back.after.response, [...there.losses, ...back.losses]);
      });
      record(`${source.format} → ${target.format} → ${source.format}: requests`, requestDiffs);
      record(`${source.format} → ${target.format} → ${source.format}: responses`, responseDiffs);
      record(`${source.format} → ${target.format} → ${source.format}: streams`, streamDiffs);
    });
  }
});

describe('property findings', () => {
  it('are exactly the known unexplained differences', async () => {
    const lines = [
      '# Property runs: known findings',
      '',
      `Written by \`src/properties.test.ts\` (seed ${SEED}; \`pnpm --filter @interlingua/matrix test -- -u\` after review).`,
      'Each line: a path pattern where the value that came back differs from the one that went in,',
      'with no loss report naming it, in at least one of the sampled values.',
      '',
    ];
    for (const [title, body] of sections) lines.push(`## ${title}`, '', ...body, '');
    await expect(lines.join('\n')).toMatchFileSnapshot(
      '../known-differences/properties.md',
      'a difference appeared or disappeared: fix the adapter, or review and run `pnpm --filter @interlingua/matrix test -- -u`',
    );
  });
});
