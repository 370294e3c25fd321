import {
  type ApiError,
  eventName,
  type JsonObject,
  type MessageStartEvent,
  type StreamObserver,
  tryParseJson,
  type Usage,
  type WireEvent,
} from '@interlingua/core';
import { isObject } from './ext.ts';
import { inBandError } from './response.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { decodeUsage } from './usage.ts';
import type { WireUsage } from './wire/response.ts';

// The event's own number (a quote inside a JSON string is escaped, so this cannot match text).
const SEQUENCE = /[{,]\s*"sequence_number"\s*:\s*(\d+)/;
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** The usage of a response object. */
export function responseUsage(body: unknown): Usage | undefined {
  return isObject(body) && isObject(body.usage) ? decodeUsage(body.usage as WireUsage) : undefined;
}

/**
 * Watches a Responses stream: the response of `response.created` (for an error tail), usage and the
 * end from the terminal `response.completed` / `incomplete` / `failed`, an `error` event as an error,
 * and each event's `sequence_number` (read without parsing) so that a tail continues the numbering.
 */
export function createStreamObserver(): StreamObserver {
  let created: JsonObject | undefined;
  let lastSequence = -1;
  const observer = {
    usage: undefined as Usage | undefined,
    state: 'open' as StreamObserver['state'],
    error: undefined as ApiError | undefined,
    push(event: WireEvent) {
      const data = event.data;
      const sequence = SEQUENCE.exec(data);
      if (sequence) lastSequence = Number(sequence[1]);
      else lastSequence++;
      let { name, payload } = eventName(event);
      if (name === 'response.created') {
        payload ??= tryParseJson(data);
        if (isObject(payload) && isObject(payload.response)) created = payload.response;
      } else if (TERMINAL.has(name)) {
        payload ??= tryParseJson(data);
        const response = isObject(payload) && isObject(payload.response) ? payload.response : undefined;
        if (response) observer.usage = responseUsage(response) ?? observer.usage;
        if (name !== 'response.failed') {
          if (observer.state === 'open') observer.state = 'done';
        } else if (observer.state !== 'error') {
          observer.error = inBandError(response && isObject(response.error) ? response.error : {});
          observer.state = 'error';
        }
      } else if (name === 'error') {
        payload ??= tryParseJson(data);
        const body = isObject(payload) ? payload : {};
        const { type: _type, ...rest } = body;
        observer.error = inBandError(isObject(body.error) ? body.error : (rest as JsonObject));
        observer.state = 'error';
      }
    },
    errorTail(failure: ApiError) {
      // The encoder writes the grammar (`error`, then `response.failed` once a response was created);
      // its numbering is moved on to continue the stream's.
      const encoder = createStreamEncoder();
      if (created) {
        const start: MessageStartEvent = { type: 'message-start' };
        if (typeof created.id === 'string') start.id = created.id;
        if (typeof created.model === 'string') start.model = created.model;
        if (typeof created.created_at === 'number') start.created = created.created_at;
        encoder.push(start);
      }
      return encoder
        .push({ type: 'error', error: failure })
        .filter((event) => event.event !== 'response.in_progress')
        .map((event) => {
          const body = JSON.parse(event.data) as JsonObject;
          body.sequence_number = ++lastSequence;
          return { ...event, data: JSON.stringify(body) };
        });
    },
  };
  return observer;
}
