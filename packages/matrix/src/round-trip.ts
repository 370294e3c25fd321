import type { WireEvent } from '@interlingua/core';
import { unexplainedDifferences, type ValueKind } from './compare.ts';
import {
  decodeRequestOf,
  decodeStreamOf,
  errorThrough,
  requestThrough,
  responseThrough,
  type StepLoss,
  streamThrough,
} from './convert.ts';
import type { Difference } from './diff.ts';
import { type MatrixFormat, RECORDING_MODEL } from './formats.ts';
import type { Recording } from './recordings.ts';

/** A recording of format F taken to G and back to F. */
export interface RecordingTrip {
  /** What kind of value it is. */
  kind: ValueKind;
  /** G's wire value written from F's recording: a body, or a stream's wire events. */
  wire: unknown;
  /** True when the stream ends in an error (the SDK must then reject). */
  failed?: boolean;
  /** The HTTP status G's error encoder chose (errors only). */
  status?: number;
  /** The losses of F → G and of G → F. */
  losses: StepLoss[];
  /** Differences between F's canonical value and the one that came back, not explained by `losses`. */
  unexplained: Difference[];
}

/**
 * Decodes `recording` from `source` into c1, encodes it into `target`, decodes that, encodes it
 * back into `source` and decodes again into c2; compares c1 with c2 at the canonical level.
 */
export function recordingTrip(source: MatrixFormat, target: MatrixFormat, recording: Recording): RecordingTrip {
  switch (recording.kind) {
    case 'request': {
      // A recording of a format whose URL names the model is decoded with the model that URL gave.
      const c1 = decodeRequestOf(source, recording.body, { model: RECORDING_MODEL }).value;
      const there = requestThrough(target, c1);
      const back = requestThrough(source, there.after);
      return finish('request', c1, back.after, there.wire, [...there.losses, ...back.losses]);
    }
    case 'response': {
      const c1 = source.adapter.response.decode(recording.body).value;
      const there = responseThrough(target, c1);
      const back = responseThrough(source, there.after);
      return finish('response', c1, back.after, there.wire, [...there.losses, ...back.losses]);
    }
    case 'error': {
      const c1 = source.adapter.error.decode(recording.body, recording.status);
      const encoded = target.adapter.error.encode(structuredClone(c1));
      const there = errorThrough(target, c1);
      const back = errorThrough(source, there.after);
      return {
        ...finish('error', c1, back.after, there.wire, [...there.losses, ...back.losses]),
        status: encoded.status,
      };
    }
    case 'stream': {
      const c1 = decodeStreamOf(source, recording.events).stream;
      const there = streamThrough(target, c1.events);
      const back = streamThrough(source, there.after.events);
      const wire: WireEvent[] = there.wire as WireEvent[];
      const trip = finish('stream', c1.response, back.after.response, wire, [...there.losses, ...back.losses]);
      return { ...trip, failed: c1.response.error !== undefined };
    }
  }
}

function finish(kind: ValueKind, before: unknown, after: unknown, wire: unknown, losses: StepLoss[]): RecordingTrip {
  return { kind, wire, losses, unexplained: unexplainedDifferences(kind, before, after, losses) };
}
