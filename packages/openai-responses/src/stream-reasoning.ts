import type { ReasoningPart, WireEvent } from '@interlingua/core';
import type { Emit } from './stream-emit.ts';

/** What the stream encoder tracks of an open reasoning item. */
export interface ReasoningBlock {
  kind: 'reasoning';
  /** Position in `response.output`. */
  outputIndex: number;
  /** The item's `rs_…` id. */
  itemId: string;
  /** The block's start part. */
  part: ReasoningPart;
  /** Summary texts so far. */
  summaries: string[];
  /** The summary part still open (its `*.done` events not written yet), or -1. */
  summaryOpen: number;
  /** Raw reasoning text so far; undefined until the `reasoning_text` content part is opened. */
  reasoning: string | undefined;
  /** Whether a foreign signature was already reported lost. */
  signatureReported: boolean;
}

/** Closes the open summary part: `reasoning_summary_text.done` + `reasoning_summary_part.done`. */
export function closeSummary(emit: Emit, block: ReasoningBlock): WireEvent[] {
  if (block.summaryOpen < 0) return [];
  const i = block.summaryOpen;
  block.summaryOpen = -1;
  const at = { item_id: block.itemId, output_index: block.outputIndex, summary_index: i };
  const text = block.summaries[i] ?? '';
  return [
    emit('response.reasoning_summary_text.done', { ...at, text }),
    emit('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } }),
  ];
}

/** Appends to summary part `i`, opening it (and closing the previous one) when it is new. */
export function summaryDelta(emit: Emit, block: ReasoningBlock, i: number, text: string): WireEvent[] {
  const out: WireEvent[] = [];
  const at = { item_id: block.itemId, output_index: block.outputIndex };
  while (block.summaries.length <= i) {
    out.push(...closeSummary(emit, block));
    const next = block.summaries.length;
    block.summaries.push('');
    block.summaryOpen = next;
    out.push(
      emit('response.reasoning_summary_part.added', {
        ...at,
        summary_index: next,
        part: { type: 'summary_text', text: '' },
      }),
    );
  }
  if (text === '') return out;
  block.summaries[i] += text;
  out.push(emit('response.reasoning_summary_text.delta', { ...at, summary_index: i, delta: text }));
  return out;
}

/** Appends raw reasoning text, opening the item's `reasoning_text` content part first. */
export function reasoningDelta(emit: Emit, block: ReasoningBlock, text: string): WireEvent[] {
  const out: WireEvent[] = [];
  const at = { item_id: block.itemId, output_index: block.outputIndex, content_index: 0 };
  if (block.reasoning === undefined) {
    block.reasoning = '';
    out.push(emit('response.content_part.added', { ...at, part: { type: 'reasoning_text', text: '' } }));
  }
  block.reasoning += text;
  out.push(emit('response.reasoning_text.delta', { ...at, delta: text }));
  return out;
}

/** Closes whatever the reasoning item has open (summary part, reasoning text part) before its `output_item.done`. */
export function closeReasoning(emit: Emit, block: ReasoningBlock): WireEvent[] {
  const out = closeSummary(emit, block);
  if (block.reasoning !== undefined) {
    const at = { item_id: block.itemId, output_index: block.outputIndex, content_index: 0 };
    out.push(emit('response.reasoning_text.done', { ...at, text: block.reasoning }));
    out.push(emit('response.content_part.done', { ...at, part: { type: 'reasoning_text', text: block.reasoning } }));
  }
  return out;
}

/** The reasoning part as streamed so far (used when the block ends without a final part). */
export function streamedReasoning(block: ReasoningBlock): ReasoningPart {
  const part: ReasoningPart = { ...block.part, text: block.reasoning ?? '' };
  if (block.summaries.length > 0) part.summary = block.summaries;
  return part;
}
