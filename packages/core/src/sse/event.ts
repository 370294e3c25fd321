import { encodeUtf8, view } from './bytes.ts';
import type { Segment } from './segment.ts';

/** Plain fields of an SSE event, as accepted by {@link SseEvent.from} and returned by `toJSON()`. */
export interface SseEventInit {
  /** Value of the `event` field; undefined when absent or empty (browsers would report "message"). */
  event?: string | undefined;
  /** The event's data: its `data` lines joined with "\n". */
  data: string;
  /** Value of the last valid `id` field in this event's block, if any. */
  id?: string | undefined;
  /** Value of the last valid `retry` field in this event's block, if any (milliseconds). */
  retry?: number | undefined;
}

/**
 * One dispatched server-sent event.
 *
 * The data stays as bytes until asked for: `dataBytes` is free, `data` is decoded once on first
 * access and cached, `json()` parses `data`.
 *
 * Aliasing: when the data was a single line inside one input chunk, `dataBytes` is a view of that
 * chunk, not a copy. Copy it (`dataBytes.slice()`) before mutating or reusing the chunk if the event
 * must outlive it. Node streams, undici and web streams never reuse chunks they handed out.
 * Retention: an event keeps its chunk (or, for data joined across chunks, a 16 KiB pooled buffer)
 * reachable while the event is; copy `data`/`dataBytes` out to keep only the payload.
 */
export class SseEvent {
  /** Value of the `event` field; undefined when absent or empty (browsers would report "message"). */
  readonly event: string | undefined;
  /** Value of the last valid `id` field in this event's block, undefined when the block had none. */
  readonly id: string | undefined;
  /** Value of the last valid `retry` field in this event's block, if any (milliseconds). */
  readonly retry: number | undefined;
  // Lazily materialised data: `seg[start, end)` holds the bytes; text and views are cached on first use.
  private seg: Segment | undefined;
  private start: number;
  private end: number;
  private text: string | undefined;
  private bytes: Uint8Array | undefined;

  /** @internal Use {@link SseEvent.from} to build events by hand. */
  constructor(
    event: string | undefined,
    id: string | undefined,
    retry: number | undefined,
    seg: Segment | undefined,
    start: number,
    end: number,
    text: string | undefined,
  ) {
    this.event = event;
    this.id = id;
    this.retry = retry;
    this.seg = seg;
    this.start = start;
    this.end = end;
    this.text = text;
    this.bytes = undefined;
  }

  /** Builds an event from plain fields (handy in tests and adapters that synthesise events). */
  static from(init: SseEventInit): SseEvent {
    return new SseEvent(init.event || undefined, init.id, init.retry, undefined, 0, 0, init.data);
  }

  /** The data as text, decoded from UTF-8 on first access (invalid sequences become U+FFFD). */
  get data(): string {
    let text = this.text;
    if (text === undefined) {
      text = this.text = (this.seg as Segment).text(this.start, this.end);
    }
    return text;
  }

  /** The data as UTF-8 bytes, without decoding. May alias the input chunk (see the class note). */
  get dataBytes(): Uint8Array {
    let bytes = this.bytes;
    if (bytes === undefined) {
      const seg = this.seg;
      bytes = this.bytes = seg === undefined ? encodeUtf8(this.text as string) : view(seg.bytes, this.start, this.end);
    }
    return bytes;
  }

  /** Parses the data as JSON (a fresh value on every call). Throws `SyntaxError` on invalid JSON. */
  json<T = unknown>(): T {
    return JSON.parse(this.data) as T;
  }

  /** Plain-object form, used by `JSON.stringify` and test diffs. */
  toJSON(): SseEventInit {
    const out: SseEventInit = { data: this.data };
    if (this.event !== undefined) out.event = this.event;
    if (this.id !== undefined) out.id = this.id;
    if (this.retry !== undefined) out.retry = this.retry;
    return out;
  }
}
