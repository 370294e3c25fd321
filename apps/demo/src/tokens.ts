import type { ChatRequest, ContentPart } from '@interlingua/core';

/**
 * A rough token count (about four characters per token), used by the simulator and by the
 * count-tokens routes when the upstream format has no count endpoint of its own.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** The text of a content part, as far as counting goes. */
export function partText(part: ContentPart): string {
  switch (part.type) {
    case 'text':
    case 'refusal':
      return part.text;
    case 'reasoning':
      return part.text + (part.summary ?? []).join('');
    case 'tool-call':
      return part.name + part.arguments;
    case 'tool-result':
      return part.content.map(partText).join('');
    case 'server-tool-call':
      return JSON.stringify(part.input);
    case 'server-tool-result':
      return JSON.stringify(part.output);
    default:
      return '';
  }
}

/** Estimated input tokens of a canonical request: every message and every tool definition. */
export function estimateRequestTokens(request: ChatRequest): number {
  let text = '';
  for (const message of request.messages) for (const part of message.content) text += partText(part);
  for (const tool of request.tools ?? []) text += JSON.stringify(tool);
  return estimateTokens(text);
}
