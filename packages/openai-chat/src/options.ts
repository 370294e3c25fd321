import type { ConvertOptions, StreamOptions } from '@interlingua/core';

/** Where reasoning text goes when writing Chat: the compatible servers' fields, or nowhere (standard OpenAI). */
export type ReasoningField = 'reasoning_content' | 'reasoning' | 'none';

/** Options of `encodeRequest` / `encodeResponse`. */
export interface ChatEncodeOptions extends ConvertOptions {
  /**
   * Which token-limit field to write. Default: the one the request was read with (same-format round
   * trip), else `max_completion_tokens`; `max_tokens` suits older compatible servers.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Field for reasoning text (default `reasoning_content`, what chat-compatible thinking displays read). */
  reasoningField?: ReasoningField;
}

/** Options of the stream encoder and decoder. */
export interface ChatStreamOptions extends StreamOptions {
  /** Field for reasoning deltas (default `reasoning_content`). */
  reasoningField?: ReasoningField;
  /** Write the final usage chunk (`choices: []`) when the stream has usage (default true). */
  includeUsage?: boolean;
  /** Envelope defaults when the canonical stream has no `message-start` id / model / created. */
  defaults?: { id?: string; model?: string; created?: number };
}
