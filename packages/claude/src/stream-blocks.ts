import {
  type BlockDelta,
  type ContentPart,
  createLossRecorder,
  type JsonObject,
  type LossRecorder,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import { encodeCitation, isClaudeCitation } from './citations.ts';
import { type ContentContext, encodePart } from './content-encode.ts';
import { FORMAT, isObject, ownExt } from './ext.ts';

/**
 * One canonical block as the stream encoder writes it: which Claude block it becomes, its
 * skeleton `content_block_start`, and the deltas of its content.
 */

/** The Claude block a canonical block becomes (`drop`: none, with a loss). */
export type BlockKind = 'text' | 'thinking' | 'tool_use' | 'custom_tool' | 'server_call' | 'whole' | 'drop';

/** The encoder's state of one canonical block. */
export interface EncodedBlock {
  /** What it becomes. */
  kind: BlockKind;
  /** The `block-start` part. */
  start: ContentPart;
  /** Its Claude index, or -1 while it waits behind the live block. */
  wireIndex: number;
  /** Events buffered while it waits. */
  queue: StreamEvent[];
  /** Its `block-end` arrived. */
  ended: boolean;
  /** The final part carried by its `block-end`. */
  endPart?: ContentPart;
  /** Deltas written so far. */
  deltas: number;
  /** A signature known from the start part, written just before the stop. */
  signature?: string;
  /** A `signature_delta` was written. */
  signatureSent: boolean;
}

const FEATURE_OF: Partial<Record<ContentPart['type'], string>> = {
  image: 'content.image',
  file: 'content.file',
  audio: 'content.audio',
  'tool-result': 'tool-result',
};

/** Wraps a payload as a named SSE event. */
export function wireEvent(data: JsonObject): WireEvent {
  return { event: String(data.type), data: JSON.stringify(data) };
}

/** Decides what a canonical part becomes on Claude's stream, reporting what cannot go. */
export function classify(part: ContentPart, path: (string | number)[], losses: LossRecorder): BlockKind {
  switch (part.type) {
    case 'text':
      return 'text';
    case 'refusal':
      losses.approximate(path, 'Claude has no refusal block; the refusal is streamed as text.', 'content.refusal');
      return 'text';
    case 'reasoning':
      if (part.redacted && part.encrypted?.format === FORMAT) return 'whole';
      if (!part.redacted && part.signature?.format === FORMAT) return 'thinking';
      losses.drop(path, 'Reasoning without a Claude signature cannot become a thinking block.', 'reasoning.text');
      return 'drop';
    case 'tool-call':
      // A tool_use block has no signature field (Gemini thought signatures ride on calls).
      if (part.signature)
        losses.drop(
          [...path, 'signature'],
          'A signature on a tool call cannot be sent to Claude.',
          'reasoning.signature',
        );
      // The skeleton is built quietly, so what encodePart would report is reported here.
      if (part.itemId !== undefined)
        losses.drop([...path, 'itemId'], 'Claude has no item id besides the call id.', 'tool-call.id');
      if (part.kind !== 'custom') return 'tool_use';
      losses.approximate(path, 'Free-form tool input is streamed as {"input": …}.', 'tool.custom');
      return 'custom_tool';
    case 'server-tool-call':
    case 'server-tool-result':
      if (typeof ownExt(part)?.wireType !== 'string') {
        losses.drop(path, 'Server tool blocks of another provider cannot be replayed to Claude.', 'server-tool');
        return 'drop';
      }
      return part.type === 'server-tool-call' ? 'server_call' : 'whole';
    default:
      losses.drop(
        path,
        `A Claude response cannot carry ${part.type} content.`,
        FEATURE_OF[part.type] ?? 'stream.event',
      );
      return 'drop';
  }
}

/** The `content_block` of the block's `content_block_start`: empty content, or the whole block. */
export function skeleton(block: EncodedBlock, losses: LossRecorder): JsonObject | undefined {
  const part = block.start;
  const path = ['stream', 'block'];
  // Skeletons are built from emptied parts: losses of their content are reported by the deltas.
  const quiet: ContentContext = { losses: createLossRecorder(FORMAT), target: 'response' };
  switch (block.kind) {
    case 'text': {
      if (part.type === 'text' && part.signature)
        losses.drop(path, 'A signature on a text part cannot be sent to Claude.', 'reasoning.signature');
      const text: ContentPart =
        part.type === 'text'
          ? { ...part, text: '', citations: part.citations ? [] : undefined, signature: undefined }
          : { type: 'text', text: '' };
      return encodePart(JSON.parse(JSON.stringify(text)) as ContentPart, path, quiet);
    }
    case 'thinking':
      return encodePart(
        {
          ...(part as Extract<ContentPart, { type: 'reasoning' }>),
          text: '',
          signature: { format: FORMAT, value: '' },
        },
        path,
        quiet,
      );
    case 'tool_use':
    case 'custom_tool':
      return encodePart(
        { ...(part as Extract<ContentPart, { type: 'tool-call' }>), arguments: '{}', kind: 'function' },
        path,
        quiet,
      );
    case 'server_call':
      return encodePart({ ...(part as Extract<ContentPart, { type: 'server-tool-call' }>), input: {} }, path, quiet);
    case 'whole':
      return encodePart(part, path, { losses, target: 'response' });
    case 'drop':
      return undefined;
  }
}

function delta(block: EncodedBlock, data: JsonObject): WireEvent {
  block.deltas++;
  return wireEvent({ type: 'content_block_delta', index: block.wireIndex, delta: data });
}

/**
 * A `content_block_delta` whose delta has one string field: deltas are most of a stream, and writing
 * their JSON around one `JSON.stringify` of the text avoids two objects per event. Byte-identical
 * to `delta(block, { type, [field]: value })`.
 */
function textual(block: EncodedBlock, type: string, field: string, value: string): WireEvent {
  block.deltas++;
  return {
    event: 'content_block_delta',
    data: `{"type":"content_block_delta","index":${block.wireIndex},"delta":{"type":"${type}","${field}":${JSON.stringify(value)}}}`,
  };
}

function escapeChunk(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Deltas for the content a part already has (a start part, or a final part when nothing streamed). */
export function contentDeltas(
  block: EncodedBlock,
  part: ContentPart,
  losses: LossRecorder,
  opening: boolean,
): WireEvent[] {
  const out: WireEvent[] = [];
  if (block.kind === 'text' && (part.type === 'text' || part.type === 'refusal')) {
    if (part.text !== '') out.push(textual(block, 'text_delta', 'text', part.text));
    if (part.type === 'text')
      for (const c of part.citations ?? []) out.push(...blockDelta(block, { type: 'citation', citation: c }, losses));
  } else if (block.kind === 'thinking' && part.type === 'reasoning') {
    if (part.text !== '') out.push(textual(block, 'thinking_delta', 'thinking', part.text));
    if (part.signature && part.signature.value !== '') block.signature ??= part.signature.value;
  } else if (block.kind === 'tool_use' && part.type === 'tool-call') {
    // An empty input is the skeleton's `input: {}` already.
    if (part.arguments !== '' && (opening || part.arguments !== '{}'))
      out.push(textual(block, 'input_json_delta', 'partial_json', part.arguments));
  } else if (block.kind === 'custom_tool' && part.type === 'tool-call') {
    if (opening) out.push(textual(block, 'input_json_delta', 'partial_json', '{"input":"'));
    if (part.arguments !== '')
      out.push(textual(block, 'input_json_delta', 'partial_json', escapeChunk(part.arguments)));
  } else if (block.kind === 'server_call' && part.type === 'server-tool-call' && !opening) {
    if (!(isObject(part.input) && Object.keys(part.input).length === 0))
      out.push(textual(block, 'input_json_delta', 'partial_json', JSON.stringify(part.input)));
  }
  return out;
}

/** The Claude deltas of one canonical delta (none when the block kind has no such content). */
export function blockDelta(block: EncodedBlock, d: BlockDelta, losses: LossRecorder): WireEvent[] {
  switch (d.type) {
    case 'text':
      return block.kind === 'text' ? [textual(block, 'text_delta', 'text', d.text)] : [];
    case 'reasoning':
      return block.kind === 'thinking' ? [textual(block, 'thinking_delta', 'thinking', d.text)] : [];
    case 'arguments':
      if (block.kind === 'tool_use' || block.kind === 'server_call')
        return [textual(block, 'input_json_delta', 'partial_json', d.text)];
      return block.kind === 'custom_tool' && d.text !== ''
        ? [textual(block, 'input_json_delta', 'partial_json', escapeChunk(d.text))]
        : [];
    case 'signature':
      if (block.kind !== 'thinking' || d.format !== FORMAT) {
        losses.drop(['stream', 'signature'], 'A foreign signature cannot be sent to Claude.', 'reasoning.signature');
        return [];
      }
      block.signatureSent = true;
      return [textual(block, 'signature_delta', 'signature', d.value)];
    case 'citation':
      if (block.kind !== 'text') return [];
      if (!isClaudeCitation(d.citation))
        losses.approximate(
          ['stream', 'citation'],
          'Citation rewritten in a Claude citation shape.',
          'content.citations',
        );
      return [delta(block, { type: 'citations_delta', citation: encodeCitation(d.citation) })];
    case 'summary':
      return [];
  }
}

/** What goes just before `content_block_stop`: late content, the custom-input tail, a held signature. */
export function closingDeltas(block: EncodedBlock, losses: LossRecorder): WireEvent[] {
  const out: WireEvent[] = [];
  const end = block.endPart;
  if (block.deltas === 0 && (end || block.kind === 'server_call'))
    out.push(...contentDeltas(block, end ?? block.start, losses, false));
  if (block.kind === 'custom_tool') out.push(delta(block, { type: 'input_json_delta', partial_json: '"}' }));
  if (block.kind === 'thinking' && !block.signatureSent && block.signature !== undefined)
    out.push(textual(block, 'signature_delta', 'signature', block.signature));
  return out;
}
