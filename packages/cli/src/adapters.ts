import { claude } from '@interlingua/claude';
import type { ChatAdapter, ChatFormat } from '@interlingua/core';
import { gemini } from '@interlingua/gemini';
import { openaiChat } from '@interlingua/openai-chat';
import { openaiResponses } from '@interlingua/openai-responses';

/** The four chat adapters, keyed by format name. */
export const adapters: Record<ChatFormat, ChatAdapter> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  claude,
  gemini,
};

/** True when `name` is a chat format this CLI converts. */
export function isChatFormat(name: string): name is ChatFormat {
  return Object.hasOwn(adapters, name);
}
