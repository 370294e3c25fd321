import type { ApiError, StreamEvent, Usage, WireEvent } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS, type MatrixFormat } from './formats.ts';
import { recordingsOf } from './recordings.ts';
import { validate } from './validators.ts';

/**
 * Every format's observer (`adapter.observe`), which a relay uses on streams it forwards unconverted,
 * against the format's own decoder on every recording: the same usage, the same end state, and an
 * error tail that the format's validator accepts wherever the stream is cut.
 */

/** The canonical counts of a usage (the provider's raw object is not the observer's concern). */
function counts(usage: Usage | undefined): Omit<Usage, 'raw'> | undefined {
  if (!usage) return undefined;
  const { raw: _raw, ...rest } = usage;
  return rest;
}

/** What the decoder makes of the events: the usage its collector would keep, and the end state. */
function decoded(format: MatrixFormat, events: WireEvent[]): { usage?: Usage; state: string; error?: ApiError } {
  const decoder = format.adapter.stream.createDecoder();
  const pushed: StreamEvent[] = [];
  for (const event of events) pushed.push(...decoder.push(event));
  const ended = decoder.end();
  let usage: Usage | undefined;
  for (const event of [...pushed, ...ended]) {
    if (event.type === 'usage') usage = { ...usage, ...event.usage };
    if (event.type === 'message-start' && event.usage) usage = { ...usage, ...event.usage };
  }
  // Responses holds an `error` event back until it knows whether `response.failed` follows: an error
  // the decoder only releases at the end is still the upstream's own when an `error` event came.
  const sentError = events.some((event) => event.event === 'error');
  const inBand = [...pushed, ...(sentError ? ended : [])].find((event) => event.type === 'error');
  if (inBand?.type === 'error') return { usage, state: 'error', error: inBand.error };
  return { usage, state: ended.some((event) => event.type === 'error') ? 'open' : 'done' };
}

function observed(format: MatrixFormat, events: WireEvent[]) {
  const observer = format.adapter.observe.createStreamObserver();
  for (const event of events) observer.push(event);
  return observer;
}

const FAILURE: ApiError = { kind: 'server', status: 500, message: 'upstream stream broke: connection reset' };

for (const format of FORMATS) {
  describe(`${format.format} observer`, () => {
    const recordings = recordingsOf(format);
    const streams = recordings.flatMap((r) => (r.kind === 'stream' ? [r] : []));

    for (const stream of streams) {
      it(`${stream.name}: same usage and end state as the decoder`, () => {
        const expected = decoded(format, stream.events);
        const observer = observed(format, stream.events);
        expect(counts(observer.usage)).toEqual(counts(expected.usage));
        expect(observer.state).toBe(expected.state);
        if (expected.error) expect(observer.error?.message).toBe(expected.error.message);
      });

      it(`${stream.name}: cut anywhere, it says open and its error tail ends the stream validly`, () => {
        const { events } = stream;
        // Cuts before the end: at a third, at two thirds, and just before the last event.
        const cuts = [
          ...new Set([Math.floor(events.length / 3), Math.floor((2 * events.length) / 3), events.length - 1]),
        ];
        for (const cut of cuts.filter((n) => n > 0)) {
          const prefix = events.slice(0, cut);
          const expected = decoded(format, prefix);
          const observer = observed(format, prefix);
          expect(observer.state, `cut at ${cut}`).toBe(expected.state);
          if (observer.state !== 'open') continue;
          const tail = observer.errorTail(FAILURE);
          expect(tail.length).toBeGreaterThan(0);
          // The decoder reads the tail as the failure, and the validator has nothing to say about the tail.
          const whole = decoded(format, [...prefix, ...tail]);
          expect(whole.state, `cut at ${cut}`).toBe('error');
          expect(whole.error?.message).toBe(FAILURE.message);
          const before = validate(format, 'stream', prefix)?.map((p) => p.message) ?? [];
          const after = validate(format, 'stream', [...prefix, ...tail])?.map((p) => p.message) ?? [];
          const added = after.filter((message) => !before.includes(message));
          expect(added, `cut at ${cut}`).toEqual([]);
        }
      });
    }

    it('responseUsage reads the usage of every recorded response, and nothing from errors', () => {
      for (const recording of recordings) {
        if (recording.kind === 'response') {
          const expected = format.adapter.response.decode(recording.body).value.usage;
          expect(counts(format.adapter.observe.responseUsage(recording.body)), recording.name).toEqual(
            counts(expected),
          );
        } else if (recording.kind === 'error') {
          expect(format.adapter.observe.responseUsage(recording.body), recording.name).toBeUndefined();
        }
      }
    });

    it('never throws, whatever the events hold', () => {
      const event = fc.record(
        {
          event: fc.constantFrom(
            'message_start',
            'message_delta',
            'error',
            'response.completed',
            'response.created',
            'x',
          ),
          data: fc.oneof(fc.string(), fc.json(), fc.constant('[DONE]'), fc.constant('{"error":{"message":1}}')),
        },
        { requiredKeys: ['data'] },
      );
      fc.assert(
        fc.property(fc.array(event, { maxLength: 20 }), (events) => {
          const observer = observed(format, events);
          expect(['open', 'done', 'error']).toContain(observer.state);
          void observer.usage;
          expect(observer.errorTail(FAILURE).length).toBeGreaterThan(0);
        }),
      );
    });
  });
}
