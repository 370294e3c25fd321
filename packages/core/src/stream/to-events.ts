import type { ContentPart } from '../model/content.ts';
import type { TokenLogprob } from '../model/logprobs.ts';
import type { ChatResponse } from '../model/response.ts';
import type { BlockDelta, StreamEvent } from '../model/stream-event.ts';

/** Options of `toStreamEvents`. */
export interface ToStreamEventsOptions {
  /**
   * Splits streamable text (text, reasoning, arguments) into delta pieces. The default sends each
   * text whole in one delta. Tests pass a random splitter; a gateway can pass a fixed-size one.
   */
  split?: (text: string) => string[];
}

/**
 * Turns a complete response into the canonical event sequence that describes it, so that
 * `collect(toStreamEvents(r))` equals `r`. This is how a non-streaming upstream answer is served
 * to a streaming client.
 */
export function toStreamEvents(response: ChatResponse, options: ToStreamEventsOptions = {}): StreamEvent[] {
  const split = options.split ?? ((text: string) => (text === '' ? [] : [text]));
  const events: StreamEvent[] = [];
  const start: StreamEvent = { type: 'message-start' };
  if (response.id !== undefined) start.id = response.id;
  if (response.model !== undefined) start.model = response.model;
  if (response.created !== undefined) start.created = response.created;
  if (response.serviceTier !== undefined) start.serviceTier = response.serviceTier;
  if (response.extensions !== undefined) start.extensions = response.extensions;
  events.push(start);

  for (const choice of response.choices) {
    const choiceField = choice.index === 0 ? {} : { choice: choice.index };
    choice.content.forEach((part, index) => {
      const { skeleton, deltas } = splitPart(part, split);
      events.push({ type: 'block-start', index, ...choiceField, part: skeleton });
      for (const delta of deltas) events.push({ type: 'block-delta', index, ...choiceField, delta });
      events.push({ type: 'block-end', index, ...choiceField });
    });
    if (choice.logprobs && choice.logprobs.length > 0) attachLogprobs(events, choice.index, choice.logprobs);
    if (choice.finishReason !== undefined) {
      const finish: StreamEvent = { type: 'finish', ...choiceField, finishReason: choice.finishReason };
      if (choice.extensions !== undefined) finish.extensions = choice.extensions;
      events.push(finish);
    }
  }
  if (response.usage !== undefined) events.push({ type: 'usage', usage: response.usage });
  if (response.error !== undefined) events.push({ type: 'error', error: response.error });
  else events.push({ type: 'message-end' });
  return events;
}

/** Splits a part into the skeleton a `block-start` carries and the deltas that rebuild it. */
function splitPart(
  part: ContentPart,
  split: (text: string) => string[],
): { skeleton: ContentPart; deltas: BlockDelta[] } {
  const deltas: BlockDelta[] = [];
  switch (part.type) {
    case 'text': {
      const { citations, signature, ...rest } = part;
      for (const text of split(part.text)) deltas.push({ type: 'text', text });
      for (const citation of citations ?? []) deltas.push({ type: 'citation', citation });
      if (signature) deltas.push({ type: 'signature', format: signature.format, value: signature.value });
      const skeleton = { ...rest, text: '' };
      if (citations && citations.length === 0) Object.assign(skeleton, { citations: [] });
      return { skeleton, deltas };
    }
    case 'refusal': {
      for (const text of split(part.text)) deltas.push({ type: 'text', text });
      return { skeleton: { ...part, text: '' }, deltas };
    }
    case 'reasoning': {
      const { signature, summary, ...rest } = part;
      for (const text of split(part.text)) deltas.push({ type: 'reasoning', text });
      summary?.forEach((item, summaryIndex) => {
        const pieces = split(item);
        if (pieces.length === 0) deltas.push({ type: 'summary', summaryIndex, text: '' });
        for (const text of pieces) deltas.push({ type: 'summary', summaryIndex, text });
      });
      // The skeleton announces the signature's issuer (empty value) so that an encoder knows at the
      // start whether it can replay the block (Claude streams `thinking` with `signature: ""` first).
      if (signature) deltas.push({ type: 'signature', format: signature.format, value: signature.value });
      const skeleton: ContentPart = { ...rest, text: '' };
      if (signature) skeleton.signature = { format: signature.format, value: '' };
      if (summary && summary.length === 0) skeleton.summary = [];
      return { skeleton, deltas };
    }
    case 'tool-call': {
      const { signature, ...rest } = part;
      for (const text of split(part.arguments)) deltas.push({ type: 'arguments', text });
      if (signature) deltas.push({ type: 'signature', format: signature.format, value: signature.value });
      return { skeleton: { ...rest, arguments: '' }, deltas };
    }
    default:
      return { skeleton: part, deltas };
  }
}

/**
 * Log probabilities have no event of their own: they ride on deltas. All of a choice's logprobs go
 * on its last delta, or on an empty text delta of its first text block when it has no delta.
 * A choice with logprobs but no text block cannot carry them (no provider sends that).
 */
function attachLogprobs(events: StreamEvent[], choice: number, logprobs: TokenLogprob[]): void {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === 'block-delta' && (event.choice ?? 0) === choice) {
      event.logprobs = logprobs;
      return;
    }
  }
  const at = events.findIndex((e) => e.type === 'block-start' && (e.choice ?? 0) === choice && e.part.type === 'text');
  const start = events[at];
  if (start?.type !== 'block-start') return;
  const delta: StreamEvent = { type: 'block-delta', index: start.index, delta: { type: 'text', text: '' }, logprobs };
  if (choice !== 0) delta.choice = choice;
  events.splice(at + 1, 0, delta);
}
