import {
  type ApiError,
  type ChatRequest,
  type ChatResponse,
  collect,
  type JsonValue,
  type Loss,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import type { MatrixFormat } from './formats.ts';

/** Which conversion step reported a loss: encoders report paths into the core value, decoders into the wire. */
export type Step = 'encode' | 'decode';

/** A loss with the step and format that reported it. */
export interface StepLoss extends Loss {
  /** The step that reported it. */
  step: Step;
  /** The format whose codec reported it. */
  via: string;
}

/** A canonical value taken through a target format: what went in, what was written, what came back. */
export interface Trip<T> {
  /** The canonical value before conversion. */
  before: T;
  /** The canonical value after conversion (decoded from the target, or from the source again). */
  after: T;
  /** The target format's wire value (a body, or the wire events of a stream). */
  wire: JsonValue | WireEvent[];
  /** Every loss reported on the way. */
  losses: StepLoss[];
}

const tag = (losses: readonly Loss[], step: Step, via: string): StepLoss[] =>
  losses.map((loss) => ({ ...loss, step, via }));

/** Encodes a request into `target` and decodes it back: `c → G → c'`. */
export function requestThrough(target: MatrixFormat, request: ChatRequest): Trip<ChatRequest> {
  const encoded = target.adapter.request.encode(structuredClone(request));
  const decoded = target.adapter.request.decode(structuredClone(encoded.value));
  return {
    before: request,
    after: decoded.value,
    wire: encoded.value,
    losses: [...tag(encoded.losses, 'encode', target.format), ...tag(decoded.losses, 'decode', target.format)],
  };
}

/** Encodes a response into `target` and decodes it back. */
export function responseThrough(target: MatrixFormat, response: ChatResponse): Trip<ChatResponse> {
  const encoded = target.adapter.response.encode(structuredClone(response));
  const decoded = target.adapter.response.decode(structuredClone(encoded.value));
  return {
    before: response,
    after: decoded.value,
    wire: encoded.value,
    losses: [...tag(encoded.losses, 'encode', target.format), ...tag(decoded.losses, 'decode', target.format)],
  };
}

/** A canonical stream with the response it folds into. */
export interface CanonicalStream {
  /** The events. */
  events: StreamEvent[];
  /** `collect(events)`. */
  response: ChatResponse;
}

/** Encodes canonical stream events into `target`'s wire events and decodes them back. */
export function streamThrough(target: MatrixFormat, events: readonly StreamEvent[]): Trip<CanonicalStream> {
  const encoder = target.adapter.stream.createEncoder();
  const wire: WireEvent[] = [];
  for (const event of structuredClone(events)) wire.push(...encoder.push(event));
  wire.push(...encoder.end());
  const back = decodeStreamOf(target, wire);
  return {
    before: { events: [...events], response: collect(events) },
    after: back.stream,
    wire,
    losses: [...tag(encoder.losses, 'encode', target.format), ...back.losses],
  };
}

/** Decodes a whole wire stream of `format`; `warning` events become decode losses. */
export function decodeStreamOf(
  format: MatrixFormat,
  wire: readonly WireEvent[],
): { stream: CanonicalStream; losses: StepLoss[] } {
  const decoder = format.adapter.stream.createDecoder();
  const events: StreamEvent[] = [];
  for (const event of wire) events.push(...decoder.push(event));
  events.push(...decoder.end());
  const warnings = events.flatMap((e) => (e.type === 'warning' ? [e.loss] : []));
  return { stream: { events, response: collect(events) }, losses: tag(warnings, 'decode', format.format) };
}

/** Encodes an error into `target` and decodes it back (errors have no loss channel). */
export function errorThrough(target: MatrixFormat, error: ApiError): Trip<ApiError> {
  const encoded = target.adapter.error.encode(structuredClone(error));
  return {
    before: error,
    after: target.adapter.error.decode(structuredClone(encoded.body), encoded.status),
    wire: encoded.body,
    losses: [],
  };
}
