import {
  type ApiError,
  type ChatRequest,
  type ChatResponse,
  type Converted,
  type ConvertOptions,
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
  /**
   * The canonical value an encoder's path points into (the value being encoded, or for streams the
   * response its events collect into): paths are mapped from its shape to the normalised one.
   */
  subject?: unknown;
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

const tag = (losses: readonly Loss[], step: Step, via: string, subject?: unknown): StepLoss[] =>
  losses.map((loss) => (subject === undefined ? { ...loss, step, via } : { ...loss, step, via, subject }));

/**
 * Decodes a request body of `format`. A format whose URL names the model (and the method the
 * stream flag) gets them as a gateway would pass them: from the URL the request was sent to.
 */
export function decodeRequestOf(
  format: MatrixFormat,
  body: unknown,
  url: Pick<ChatRequest, 'model' | 'stream'>,
): Converted<ChatRequest> {
  if (!format.urlCarriesModel) return format.adapter.request.decode(body);
  // The gateway option of such a format's decoder (`@interlingua/gemini`'s `DecodeRequestOptions`).
  const options: ConvertOptions & Pick<ChatRequest, 'model' | 'stream'> = {};
  if (url.model !== undefined) options.model = url.model;
  if (url.stream !== undefined) options.stream = url.stream;
  return format.adapter.request.decode(body, options);
}

/** Encodes a request into `target` and decodes it back: `c → G → c'`. */
export function requestThrough(target: MatrixFormat, request: ChatRequest): Trip<ChatRequest> {
  const encoded = target.adapter.request.encode(structuredClone(request));
  // The URL a client builds for this request (Gemini's `requestUrlPath`) names its model and method.
  const decoded = decodeRequestOf(target, structuredClone(encoded.value), request);
  return {
    before: request,
    after: decoded.value,
    wire: encoded.value,
    losses: [...tag(encoded.losses, 'encode', target.format, request), ...tag(decoded.losses, 'decode', target.format)],
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
    losses: [
      ...tag(encoded.losses, 'encode', target.format, response),
      ...tag(decoded.losses, 'decode', target.format),
    ],
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
  const response = collect(events);
  return {
    before: { events: [...events], response },
    after: back.stream,
    wire,
    losses: [...tag(encoder.losses, 'encode', target.format, response), ...back.losses],
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

/** Encodes an error into `target` and decodes it back. */
export function errorThrough(target: MatrixFormat, error: ApiError): Trip<ApiError> {
  const encoded = target.adapter.error.encode(structuredClone(error));
  return {
    before: error,
    after: target.adapter.error.decode(structuredClone(encoded.body), encoded.status),
    wire: encoded.body,
    losses: tag(encoded.losses, 'encode', target.format, error),
  };
}
