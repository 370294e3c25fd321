import { describe, expect, it } from 'vitest';
import { FORMATS, PAIRS } from './formats.ts';
import { recordingsOf } from './recordings.ts';
import { type RecordingFindings, renderFindings } from './report.ts';
import { recordingTrip } from './round-trip.ts';
import { sdkConsumeStream, sdkRaise, sdkReadResponse } from './sdk.ts';
import { validate } from './validators.ts';

/**
 * Every recording of every format, taken through every other format and back. Each test checks
 * that the target's SDK accepts what the target encoder wrote; the last test of each pair checks
 * that the unexplained differences and validator problems are exactly the known ones listed in
 * `known-differences/<source>--<target>.md` (a new one fails; a fixed one must be removed).
 */
for (const [source, target] of PAIRS) {
  describe(`${source.format} → ${target.format} → ${source.format}`, () => {
    const recordings = recordingsOf(source);
    const findings: RecordingFindings[] = [];

    for (const recording of recordings) {
      it(`${recording.name}: converts, the ${target.format} SDK accepts it, and it comes back`, async () => {
        const trip = recordingTrip(source, target, recording);
        findings.push({
          name: recording.name,
          kind: recording.kind,
          unexplained: trip.unexplained,
          problems: validate(target, trip.kind, trip.wire) ?? [],
        });
        if (trip.kind === 'stream') {
          const consumed = sdkConsumeStream(target.format, trip.wire as never);
          if (trip.failed) await expect(consumed).rejects.toThrow();
          else await expect(consumed).resolves.toBeDefined();
        } else if (trip.kind === 'response') {
          await expect(sdkReadResponse(target.format, trip.wire)).resolves.toBeDefined();
        } else if (trip.kind === 'error') {
          const raised = (await sdkRaise(target.format, trip.status ?? 0, trip.wire)) as { status?: number };
          expect(raised?.status).toBe(trip.status);
        }
      });
    }

    it('has exactly the known unexplained differences and validator problems', async () => {
      const known = `../known-differences/${source.format}--${target.format}.md`;
      const byName = new Map(findings.map((f) => [f.name, f]));
      const ordered = recordings.flatMap((r) => byName.get(r.name) ?? []);
      await expect(renderFindings(source.format, target.format, ordered)).toMatchFileSnapshot(
        known,
        'a difference appeared or disappeared: fix the adapter, or review and run `pnpm --filter @interlingua/matrix test -- -u`',
      );
    });
  });
}

describe('recordings', () => {
  it('loads every kind of recording of every format, multi-stream files split', () => {
    for (const format of FORMATS) {
      const kinds = new Set(recordingsOf(format).map((r) => r.kind));
      expect([...kinds].sort(), format.format).toEqual(['error', 'request', 'response', 'stream']);
    }
    const split = FORMATS.flatMap((format) => recordingsOf(format)).filter((r) => r.name.includes('#'));
    expect(split.length).toBeGreaterThan(0);
  });
});
