import {
  type ApiError,
  eventName,
  type JsonObject,
  type StreamObserver,
  tryParseJson,
  type Usage,
  type WireEvent,
} from '@interlingua/core';
import { decodeError } from './error.ts';
import { isObject } from './ext.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { decodeUsage, mergeWireUsage } from './usage.ts';

/** The usage of a Messages response body. */
export function responseUsage(body: unknown): Usage | undefined {
  return isObject(body) && isObject(body.usage) ? decodeUsage(body.usage) : undefined;
}

/**
 * Watches a Messages stream: usage from `message_start` and `message_delta` (later counts win,
 * field by field: `message_delta` carries the final output count), `message_stop` as the end, an
 * `error` event as an error. Only those events are parsed; the others are recognised by name.
 */
export function createStreamObserver(): StreamObserver {
  // Merged on the wire, as the decoder does: `input_tokens` and the cache counts add up to the
  // core's input count, and a `message_delta` may repeat some of them (null when they do not apply).
  let wireUsage: JsonObject | undefined;
  const merge = (wire: unknown) => {
    if (!isObject(wire)) return;
    wireUsage = mergeWireUsage(wireUsage, wire);
    observer.usage = decodeUsage(wireUsage);
  };
  const observer = {
    usage: undefined as Usage | undefined,
    state: 'open' as StreamObserver['state'],
    error: undefined as ApiError | undefined,
    push(event: WireEvent) {
      // Some relays drop the `event:` lines; the payload's `type` names it then.
      let { name, payload } = eventName(event);
      switch (name) {
        case 'message_start': {
          payload ??= tryParseJson(event.data);
          if (isObject(payload) && isObject(payload.message)) merge(payload.message.usage);
          return;
        }
        case 'message_delta':
          payload ??= tryParseJson(event.data);
          if (isObject(payload)) merge(payload.usage);
          return;
        case 'message_stop':
          if (observer.state === 'open') observer.state = 'done';
          return;
        case 'error':
          payload ??= tryParseJson(event.data);
          observer.error = decodeError(payload ?? event.data);
          observer.state = 'error';
          return;
        default:
          return;
      }
    },
    // Claude ends a broken stream with a bare `error` event, whatever blocks are open.
    errorTail: (failure: ApiError) => createStreamEncoder().push({ type: 'error', error: failure }),
  };
  return observer;
}
