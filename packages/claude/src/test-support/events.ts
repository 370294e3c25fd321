import type { ChatResponse, StreamEvent } from '@interlingua/core';

/** A canonical stream describing `response` (choice 0), deltas split in two where there is content. */
export function responseEvents(response: ChatResponse): StreamEvent[] {
  const choice = response.choices[0]!;
  const events: StreamEvent[] = [
    {
      type: 'message-start',
      ...(response.id ? { id: response.id } : {}),
      ...(response.model ? { model: response.model } : {}),
    },
  ];
  const half = (s: string): [string, string] => [
    s.slice(0, Math.floor(s.length / 2)),
    s.slice(Math.floor(s.length / 2)),
  ];
  choice.content.forEach((part, index) => {
    if (part.type === 'text') {
      events.push({ type: 'block-start', index, part: { type: 'text', text: '' } });
      for (const text of half(part.text)) events.push({ type: 'block-delta', index, delta: { type: 'text', text } });
    } else if (part.type === 'reasoning' && !part.redacted && part.signature) {
      events.push({
        type: 'block-start',
        index,
        part: { type: 'reasoning', text: '', signature: { format: part.signature.format, value: '' } },
      });
      for (const text of half(part.text))
        events.push({ type: 'block-delta', index, delta: { type: 'reasoning', text } });
      events.push({
        type: 'block-delta',
        index,
        delta: { type: 'signature', format: part.signature.format, value: part.signature.value },
      });
    } else if (part.type === 'tool-call') {
      events.push({ type: 'block-start', index, part: { ...part, arguments: '' } });
      for (const text of half(part.arguments))
        events.push({ type: 'block-delta', index, delta: { type: 'arguments', text } });
    } else {
      events.push({ type: 'block-start', index, part });
    }
    events.push({ type: 'block-end', index });
  });
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  if (choice.finishReason) events.push({ type: 'finish', finishReason: choice.finishReason });
  events.push({ type: 'message-end' });
  return events;
}
