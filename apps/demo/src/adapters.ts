import { claude } from '@interlingua/claude';
import type { ChatAdapter, ChatFormat } from '@interlingua/core';
import { gemini } from '@interlingua/gemini';
import { openaiChat } from '@interlingua/openai-chat';
import { openaiResponses } from '@interlingua/openai-responses';

/**
 * An adapter table as the gateway and the simulator take it. Partial so that a build (or a test)
 * can leave a format out: its requests then answer 501 in the client's envelope.
 */
export type AdapterTable = Partial<Record<ChatFormat, ChatAdapter>>;

/** The four chat adapters, by format: every conversion the gateway makes goes through them. */
export const ADAPTERS: Record<ChatFormat, ChatAdapter> = {
  'openai-chat': openaiChat,
  'openai-responses': openaiResponses,
  claude,
  gemini,
};
