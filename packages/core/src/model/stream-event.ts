import type { ApiError } from './api-error.ts';
import type { Citation } from './citation.ts';
import type { ContentPart } from './content.ts';
import type { Extensions } from './extensions.ts';
import type { FinishReason } from './finish-reason.ts';
import type { JsonValue } from './json.ts';
import type { TokenLogprob } from './logprobs.ts';
import type { Loss } from './loss.ts';
import type { Usage } from './usage.ts';

/**
 * The canonical stream: a block-structured event sequence every chat format's stream decodes into
 * and encodes from.
 *
 * Grammar: `message-start`, then for each content block `block-start` → `block-delta`* →
 * `block-end` (blocks are numbered by `index`, 0, 1, 2… per choice, and may interleave only
 * across choices or when a format interleaves tool calls), `usage`* anywhere after the start,
 * `finish` per choice, and `message-end` last. `error` may replace the end at any point.
 * `warning` and `extension` events may appear anywhere. `collect` folds any such sequence into the
 * `ChatResponse` it describes.
 */
export type StreamEvent =
  | MessageStartEvent
  | BlockStartEvent
  | BlockDeltaEvent
  | BlockEndEvent
  | UsageEvent
  | FinishEvent
  | MessageEndEvent
  | ErrorEvent
  | WarningEvent
  | ExtensionEvent;

/** The response begins. */
export interface MessageStartEvent {
  type: 'message-start';
  /** The response id. */
  id?: string;
  /** The model answering. */
  model?: string;
  /** Creation time, Unix seconds. */
  created?: number;
  /** Usage known at the start (Claude reports input tokens here). */
  usage?: Usage;
  /** Service tier. */
  serviceTier?: string;
  /** Provider-specific envelope fields. */
  extensions?: Extensions;
}

/**
 * A content block begins. `part` is the block's skeleton: a text part with `text: ''`, a
 * tool call with `arguments: ''`, a reasoning part with `text: ''`… Whole blocks (redacted
 * reasoning, server tool results, images) arrive complete here, followed directly by `block-end`.
 */
export interface BlockStartEvent {
  type: 'block-start';
  /** Block number within the choice: 0, 1, 2… in order of first appearance. */
  index: number;
  /** The choice this block belongs to (default 0). */
  choice?: number;
  /** The block's initial content. */
  part: ContentPart;
}

/** An increment to an open block. */
export interface BlockDeltaEvent {
  type: 'block-delta';
  /** Block number. */
  index: number;
  /** Choice (default 0). */
  choice?: number;
  /** What to append. */
  delta: BlockDelta;
  /** Log probabilities of the tokens in this delta. */
  logprobs?: TokenLogprob[];
}

/**
 * What a `block-delta` appends.
 *
 * - `text`: to a text or refusal part's text.
 * - `reasoning`: to a reasoning part's raw text.
 * - `summary`: to summary part `summaryIndex` of a reasoning part (created when new).
 * - `arguments`: to a tool call's arguments text (JSON fragments, or free-form custom input).
 * - `signature`: to the part's signature (Claude sends it once, before the block ends).
 * - `citation`: one more citation on a text part.
 */
export type BlockDelta =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'summary'; summaryIndex: number; text: string }
  | { type: 'arguments'; text: string }
  | { type: 'signature'; format: string; value: string }
  | { type: 'citation'; citation: Citation };

/** A block is complete. When `part` is present it is the block's final, authoritative content. */
export interface BlockEndEvent {
  type: 'block-end';
  /** Block number. */
  index: number;
  /** Choice (default 0). */
  choice?: number;
  /** The complete block, when the wire repeats it at the end (Responses `output_item.done`). */
  part?: ContentPart;
}

/** Usage so far: a cumulative snapshot, not an increment. The last one wins. */
export interface UsageEvent {
  type: 'usage';
  /** The usage snapshot. */
  usage: Usage;
}

/** A choice ended. */
export interface FinishEvent {
  type: 'finish';
  /** Choice (default 0). */
  choice?: number;
  /** Why it ended. */
  finishReason: FinishReason;
  /** Provider-specific fields of the end (Claude `stop_details`, Gemini safety ratings…). */
  extensions?: Extensions;
}

/** The response is complete: nothing follows. */
export interface MessageEndEvent {
  type: 'message-end';
  /** Provider-specific fields known only at the end (Responses' final envelope). */
  extensions?: Extensions;
}

/** The provider failed mid-stream, or the stream broke; nothing follows. */
export interface ErrorEvent {
  type: 'error';
  /** What went wrong. */
  error: ApiError;
}

/** A loss that happened while converting this stream. */
export interface WarningEvent {
  type: 'warning';
  /** The loss. */
  loss: Loss;
}

/**
 * A wire event the core does not model (Claude `ping`, Responses tool progress events, unknown
 * future events). The same format's encoder re-emits it; others ignore it.
 */
export interface ExtensionEvent {
  type: 'extension';
  /** The format it came from. */
  format: string;
  /** The wire event name. */
  name: string;
  /** The wire payload. */
  data: JsonValue;
}
