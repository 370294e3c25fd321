import type { ChatResponse, ContentPart, StreamEvent } from '@interlingua/core';

/** Splits a string in two (at its middle code point), so every block gets more than one delta. */
function halves(text: string): string[] {
  const chars = [...text];
  const mid = Math.floor(chars.length / 2);
  return [chars.slice(0, mid).join(''), chars.slice(mid).join('')].filter((s) => s !== '');
}

/**
 * The canonical stream that describes a response: the inverse of `collect` (text, reasoning and
 * arguments arrive in two deltas; logprobs ride on the first text delta of their choice).
 */
export function responseToEvents(response: ChatResponse, options: { wholeReasoning?: boolean } = {}): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'message-start' }];
  const start = events[0] as Extract<StreamEvent, { type: 'message-start' }>;
  if (response.id !== undefined) start.id = response.id;
  if (response.model !== undefined) start.model = response.model;
  if (response.created !== undefined) start.created = response.created;
  if (response.serviceTier !== undefined) start.serviceTier = response.serviceTier;
  for (const choice of response.choices) {
    const at = choice.index === 0 ? {} : { choice: choice.index };
    let logprobs = choice.logprobs;
    choice.content.forEach((part, index) => {
      const skeleton = skeletonOf(part);
      events.push({ type: 'block-start', index, ...at, part: skeleton });
      if (part.type === 'text' || part.type === 'refusal') {
        for (const text of halves(part.text)) {
          const delta: StreamEvent = { type: 'block-delta', index, ...at, delta: { type: 'text', text } };
          if (part.type === 'text' && logprobs) {
            delta.logprobs = logprobs;
            logprobs = undefined;
          }
          events.push(delta);
        }
        part.type === 'text' &&
          part.citations?.forEach((citation) => {
            events.push({ type: 'block-delta', index, ...at, delta: { type: 'citation', citation } });
          });
      } else if (part.type === 'reasoning') {
        const pieces = options.wholeReasoning ? [part.text] : halves(part.text);
        for (const text of pieces)
          events.push({ type: 'block-delta', index, ...at, delta: { type: 'reasoning', text } });
        if (part.signature)
          events.push({ type: 'block-delta', index, ...at, delta: { type: 'signature', ...part.signature } });
      } else if (part.type === 'tool-call') {
        for (const text of halves(part.arguments))
          events.push({ type: 'block-delta', index, ...at, delta: { type: 'arguments', text } });
      }
      events.push({ type: 'block-end', index, ...at });
    });
    if (choice.finishReason) events.push({ type: 'finish', ...at, finishReason: choice.finishReason });
  }
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  events.push({ type: 'message-end' });
  return events;
}

function skeletonOf(part: ContentPart): ContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'refusal':
      return { type: 'refusal', text: '' };
    case 'reasoning':
      return { type: 'reasoning', text: '' };
    case 'tool-call': {
      const { arguments: _args, signature: _sig, ...rest } = part;
      return { ...rest, arguments: '' };
    }
    default:
      return structuredClone(part);
  }
}
