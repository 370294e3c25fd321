import type {
  Citation,
  ContentPart,
  JsonObject,
  LossRecorder,
  RefusalPart,
  TextPart,
  TokenLogprob,
  WireEvent,
} from '@interlingua/core';
import { encodeCitation } from './citations.ts';
import { encodeContentPart } from './content.ts';
import { type ItemEncoding, messageEnvelope } from './item-encode.ts';
import { encodeLogprobs } from './logprobs.ts';
import { deltaHead, type Emit } from './stream-emit.ts';

/** What the stream encoder tracks of one content part (text or refusal) of an open message item. */
export interface TextBlock {
  kind: 'text';
  /** Position in the message's `content`. */
  contentIndex: number;
  /** A refusal part (`refusal.*` events) rather than text (`output_text.*`). */
  refusal: boolean;
  /** The block's start part. */
  part: TextPart | RefusalPart;
  /** Text so far. */
  text: string;
  /** Citations so far. */
  citations: Citation[];
  /** Whether its `*.done` events were written. */
  closed: boolean;
  /** The serialised head of its delta events (see `deltaHead`), built on the first delta. */
  head?: string;
}

/** The message item the stream encoder has open. */
export interface OpenMessage {
  /** Position in `response.output`. */
  outputIndex: number;
  /** The item's `msg_…` id. */
  itemId: string;
  /** The last part started in it (decides whether the next text part joins it). */
  last: ContentPart;
  /** The last final part seen (its envelope carries the final status). */
  endPart: ContentPart | undefined;
  /** Content parts as written so far. */
  content: JsonObject[];
  /** Its content blocks. */
  blocks: TextBlock[];
}

const at = (message: OpenMessage, block: TextBlock): JsonObject => ({
  item_id: message.itemId,
  output_index: message.outputIndex,
  content_index: block.contentIndex,
});

/** Opens a message item: `output_item.added` with empty content. */
export function openMessage(
  emit: Emit,
  part: TextPart | RefusalPart,
  outputIndex: number,
  encoding: ItemEncoding,
): { message: OpenMessage; events: WireEvent[] } {
  const envelope = messageEnvelope(part, outputIndex, encoding, 'in_progress');
  const itemId = typeof envelope.id === 'string' ? envelope.id : '';
  const message: OpenMessage = { outputIndex, itemId, last: part, endPart: undefined, content: [], blocks: [] };
  return {
    message,
    events: [emit('response.output_item.added', { output_index: outputIndex, item: { ...envelope, content: [] } })],
  };
}

/** Opens a content part in the message: `content_part.added`, then deltas for any initial text and citations. */
export function openContentPart(
  emit: Emit,
  message: OpenMessage,
  part: TextPart | RefusalPart,
  losses: LossRecorder,
): { block: TextBlock; events: WireEvent[] } {
  message.last = part;
  const refusal = part.type === 'refusal';
  const block: TextBlock = {
    kind: 'text',
    contentIndex: message.content.length,
    refusal,
    part,
    text: '',
    citations: [],
    closed: false,
  };
  const skeleton =
    encodeContentPart(refusal ? { ...part, text: '' } : { ...part, text: '', citations: [] }, true, [], losses) ?? {};
  message.content.push(skeleton);
  message.blocks.push(block);
  const events = [emit('response.content_part.added', { ...at(message, block), part: skeleton })];
  if (part.text !== '') events.push(textDelta(emit, message, block, part.text, undefined));
  if (part.type === 'text')
    for (const c of part.citations ?? []) events.push(...citationDelta(emit, message, block, c, losses));
  return { block, events };
}

/** Appends text: `output_text.delta` (with logprobs) or `refusal.delta`. */
export function textDelta(
  emit: Emit,
  message: OpenMessage,
  block: TextBlock,
  text: string,
  logprobs: TokenLogprob[] | undefined,
): WireEvent {
  block.text += text;
  const type = block.refusal ? 'response.refusal.delta' : 'response.output_text.delta';
  block.head ??= deltaHead(type, at(message, block));
  const delta = block.head + JSON.stringify(text);
  if (block.refusal) return emit.members(type, delta);
  const encoded = logprobs === undefined || logprobs.length === 0 ? '[]' : JSON.stringify(encodeLogprobs(logprobs));
  return emit.members(type, `${delta},"logprobs":${encoded}`);
}

/** Adds a citation: `output_text.annotation.added` (citations Responses cannot express are reported and skipped). */
export function citationDelta(
  emit: Emit,
  message: OpenMessage,
  block: TextBlock,
  citation: Citation,
  losses: LossRecorder,
): WireEvent[] {
  if (block.refusal) return [];
  const annotation = encodeCitation(citation, ['citation'], losses);
  if (!annotation) return [];
  block.citations.push(citation);
  return [
    emit('response.output_text.annotation.added', {
      ...at(message, block),
      annotation_index: block.citations.length - 1,
      annotation,
    }),
  ];
}

/**
 * Ends a content part: `output_text.done` / `refusal.done` + `content_part.done` (once), and
 * records its final JSON for `output_item.done`.
 */
export function closeText(
  emit: Emit,
  message: OpenMessage,
  block: TextBlock,
  final: TextPart | RefusalPart | undefined,
  quiet: LossRecorder,
): WireEvent[] {
  const part = final ?? accumulated(block);
  const json = encodeContentPart(part, true, [], quiet) ?? {};
  message.content[block.contentIndex] = json;
  if (final) message.endPart = final;
  if (block.closed) return [];
  block.closed = true;
  return [
    block.refusal
      ? emit('response.refusal.done', { ...at(message, block), refusal: part.text })
      : emit('response.output_text.done', { ...at(message, block), text: part.text, logprobs: [] }),
    emit('response.content_part.done', { ...at(message, block), part: json }),
  ];
}

/** Ends the message item: closes open parts, then `output_item.done` with the final envelope and content. */
export function closeMessage(emit: Emit, message: OpenMessage, encoding: ItemEncoding): WireEvent[] {
  const out: WireEvent[] = [];
  for (const block of message.blocks)
    if (!block.closed) out.push(...closeText(emit, message, block, undefined, encoding.losses));
  const envelope = messageEnvelope(message.endPart ?? message.last, message.outputIndex, encoding, 'completed');
  out.push(
    emit('response.output_item.done', {
      output_index: message.outputIndex,
      item: { ...envelope, content: message.content },
    }),
  );
  return out;
}

function accumulated(block: TextBlock): TextPart | RefusalPart {
  if (block.part.type === 'refusal') return { ...block.part, text: block.text };
  const part: TextPart = { ...block.part, text: block.text };
  if (block.citations.length > 0) part.citations = block.citations;
  else delete part.citations;
  return part;
}
