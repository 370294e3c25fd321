import type { ChatResponse, ContentPart, StreamEvent } from '@interlingua/core';

/** A canonical stream describing `response`, the way a block-structured provider would stream it. */
export function eventsOf(response: ChatResponse): StreamEvent[] {
  const events: StreamEvent[] = [];
  const start: StreamEvent = { type: 'message-start' };
  if (response.id !== undefined) start.id = response.id;
  if (response.model !== undefined) start.model = response.model;
  if (response.created !== undefined) start.created = response.created;
  if (response.serviceTier !== undefined) start.serviceTier = response.serviceTier;
  events.push(start);
  const choice = response.choices[0];
  (choice?.content ?? []).forEach((part, index) => {
    events.push({ type: 'block-start', index, part: skeleton(part) });
    for (const delta of deltas(part)) events.push({ type: 'block-delta', index, delta });
    events.push({ type: 'block-end', index, part });
  });
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  if (choice?.finishReason) events.push({ type: 'finish', finishReason: choice.finishReason });
  if (response.error) {
    events.push({ type: 'error', error: response.error });
    return events;
  }
  // Envelope fields known only at the end (status, echoed parameters) ride on message-end.
  events.push(response.extensions ? { type: 'message-end', extensions: response.extensions } : { type: 'message-end' });
  return events;
}

function skeleton(part: ContentPart): ContentPart {
  switch (part.type) {
    case 'text': {
      const { citations: _c, ...rest } = part;
      return { ...rest, text: '' };
    }
    case 'refusal':
      return { ...part, text: '' };
    case 'tool-call':
      return { ...part, arguments: '' };
    case 'reasoning': {
      const { summary: _s, ...rest } = part;
      return { ...rest, text: '' };
    }
    default:
      return part;
  }
}

function deltas(part: ContentPart): Extract<StreamEvent, { type: 'block-delta' }>['delta'][] {
  switch (part.type) {
    case 'text':
      return [
        ...halves(part.text).map((text) => ({ type: 'text' as const, text })),
        ...(part.citations ?? []).map((citation) => ({ type: 'citation' as const, citation })),
      ];
    case 'refusal':
      return halves(part.text).map((text) => ({ type: 'text' as const, text }));
    case 'tool-call':
      return halves(part.arguments).map((text) => ({ type: 'arguments' as const, text }));
    case 'reasoning':
      return [
        ...(part.summary ?? []).map((text, summaryIndex) => ({ type: 'summary' as const, summaryIndex, text })),
        ...halves(part.text).map((text) => ({ type: 'reasoning' as const, text })),
      ];
    default:
      return [];
  }
}

function halves(text: string): string[] {
  if (text.length < 2) return text === '' ? [] : [text];
  const middle = Math.floor(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)];
}
