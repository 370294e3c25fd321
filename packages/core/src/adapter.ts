import type { ApiError } from './model/api-error.ts';
import type { ChatFormat, MediaFormat } from './model/format.ts';
import type { JsonValue } from './model/json.ts';
import type { Converted, ConvertOptions, Loss } from './model/loss.ts';
import type { MediaRequest, MediaSubmission, MediaTask } from './model/media.ts';
import type { ChatRequest } from './model/request.ts';
import type { ChatResponse } from './model/response.ts';
import type { StreamEvent } from './model/stream-event.ts';
import type { Usage } from './model/usage.ts';
import type { StreamValidator, ValidationResult } from './validation.ts';

/**
 * One event of a wire stream: what stream decoders read and stream encoders write. The SSE
 * tokenizer's events satisfy it (their `data` is decoded lazily); a Gemini JSON-array stream is
 * read into the same shape, one element per event.
 */
export interface WireEvent {
  /** The SSE `event:` name, when the format uses one. */
  event?: string;
  /** The payload text (JSON for every chat format, or `[DONE]`). */
  data: string;
  /** The SSE `id:` field. */
  id?: string;
}

/** Decodes and encodes one kind of wire value. `decode` validates; `encode` trusts its typed input. */
export interface Codec<Core, Options extends ConvertOptions = ConvertOptions> {
  /** Wire value (parsed JSON) → core value, with the loss report. Throws `WireFormatError` on invalid input. */
  decode(wire: unknown, options?: Options): Converted<Core>;
  /** Core value → wire value (plain JSON), with the loss report. */
  encode(value: Core, options?: Options): Converted<JsonValue>;
}

/** Options of the stream codecs. */
export interface StreamOptions extends ConvertOptions {
  /** Called with every loss as it happens (decoders also emit `warning` events). */
  onLoss?: (loss: Loss) => void;
}

/**
 * Synchronous, incremental stream decoder: wire events in, canonical events out. Keeps only the
 * state of open blocks, never the whole stream.
 */
export interface StreamDecoder {
  /** Feeds one wire event; returns the canonical events it completes. Throws `WireFormatError` on invalid payloads. */
  push(event: WireEvent): StreamEvent[];
  /** The wire stream ended; returns closing events (an `error` event when the stream ended early). */
  end(): StreamEvent[];
}

/** Synchronous, incremental stream encoder: canonical events in, wire events out. */
export interface StreamEncoder {
  /** Feeds one canonical event; returns the wire events to send now. */
  push(event: StreamEvent): WireEvent[];
  /** The canonical stream ended; returns the terminator (and an error event if the stream was cut short). */
  end(): WireEvent[];
  /** Losses so far. */
  readonly losses: Loss[];
}

/**
 * Watches one stream of a format without converting it: what a relay needs when it forwards the
 * upstream's bytes unchanged (same-format pass-through) yet still logs or bills the usage, must know
 * whether the stream ended properly, and may have to end it with an error. It parses only the few
 * events that carry usage, an error or the end, and never throws: an event it cannot read is ignored.
 */
export interface StreamObserver {
  /** Looks at one wire event (forwarded elsewhere as it is). */
  push(event: WireEvent): void;
  /** The usage reported so far, merged over the events that carry it; undefined until one did. */
  readonly usage: Usage | undefined;
  /**
   * `open` until the stream's terminal event (or, for formats without one, its finish reason);
   * `done` after a normal end; `error` after an in-band error event.
   */
  readonly state: 'open' | 'done' | 'error';
  /** The in-band error, once `state` is `error`. */
  readonly error: ApiError | undefined;
  /**
   * The events that end this stream with `error` where it stands, as this format's encoder would
   * write them, continuing the stream's own numbering (Responses' `sequence_number`).
   */
  errorTail(error: ApiError): WireEvent[];
}

/** Reads what a relay logs from bodies and streams it does not convert. */
export interface Observers {
  /** The usage of a response body (parsed JSON) without decoding the rest; undefined when absent or unreadable. */
  responseUsage(body: unknown): Usage | undefined;
  /** A new observer for one stream. */
  createStreamObserver(): StreamObserver;
}

/** An error written in a format's envelope. */
export interface EncodedError {
  /** The HTTP status the format uses for it. */
  status: number;
  /** The error body. */
  body: JsonValue;
  /** What the envelope could not carry. */
  losses: Loss[];
}

/** Decodes and encodes errors: HTTP status + body ↔ canonical `ApiError`. */
export interface ErrorCodec {
  /** Reads a provider error body (parsed JSON or text) with its HTTP status. Never throws: unknown shapes become kind `other`. */
  decode(body: unknown, status?: number): ApiError;
  /**
   * Writes the error in this format's envelope with the status this format uses for it, with the
   * loss report: the fields that do not read back as they were (see `reportErrorLosses`).
   */
  encode(error: ApiError, options?: ConvertOptions): EncodedError;
}

/** Checks wire values against a format's grammar, reporting every problem (never throwing). */
export interface Validators {
  /** Checks a request body (schema and the provider's documented 400 rules). */
  request(body: unknown): ValidationResult;
  /** Checks a non-streaming response body. */
  response(body: unknown): ValidationResult;
  /** Checks an error body. */
  error(body: unknown): ValidationResult;
  /** A new incremental validator for one stream. */
  createStreamValidator(): StreamValidator;
}

/** What every chat adapter implements: the gateway holds all four in one table. */
export interface ChatAdapter {
  /** The format's name. */
  readonly format: ChatFormat;
  /** Requests. */
  readonly request: Codec<ChatRequest>;
  /** Non-streaming responses. */
  readonly response: Codec<ChatResponse>;
  /** Streams. */
  readonly stream: {
    /** A new decoder for one stream. */
    createDecoder(options?: StreamOptions): StreamDecoder;
    /** A new encoder for one stream. */
    createEncoder(options?: StreamOptions): StreamEncoder;
  };
  /** Errors. */
  readonly error: ErrorCodec;
  /** Validators for bodies and streams ("is my proxy's stream valid?"). */
  readonly validate: Validators;
  /** Usage, end and errors of bodies and streams relayed unconverted. */
  readonly observe: Observers;
}

/** What every media-task adapter implements. */
export interface MediaAdapter {
  /** The format's name. */
  readonly format: MediaFormat;
  /** Task submissions (the request body of a create / submit call). */
  readonly request: Codec<MediaRequest>;
  /** The answer to a submission. */
  readonly submission: Codec<MediaSubmission>;
  /** A task object (fetch / list item / callback payload). */
  readonly task: Codec<MediaTask>;
  /** Errors. */
  readonly error: ErrorCodec;
}
