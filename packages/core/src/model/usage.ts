import type { JsonValue } from './json.ts';

/**
 * Token usage with one set of semantics, whatever the provider counted.
 *
 * - `inputTokens` counts **all** input: uncached, cache reads and cache writes (Claude's
 *   `input_tokens` excludes cache, so its decoder adds them back; OpenAI and Gemini include them).
 * - `outputTokens` counts **all** output, reasoning included (Gemini's `candidatesTokenCount`
 *   excludes thoughts, so its decoder adds `thoughtsTokenCount`).
 * - `cacheReadTokens` / `cacheWriteTokens` / `reasoningTokens` are subsets of the above.
 *
 * Every count may be absent when the provider did not report it. `raw` keeps the provider's own
 * usage object so nothing is lost and a same-format round trip is exact.
 */
export interface Usage {
  /** All input tokens, cached ones included. */
  inputTokens?: number;
  /** All output tokens, reasoning included. */
  outputTokens?: number;
  /** Input + output as the provider reports it (may include tool-use prompt tokens). */
  totalTokens?: number;
  /** Input tokens read from the prompt cache. */
  cacheReadTokens?: number;
  /** Input tokens written to the prompt cache. */
  cacheWriteTokens?: number;
  /** Cache writes by time to live (Claude `cache_creation.ephemeral_5m_input_tokens` / `_1h_`). */
  cacheWriteByTtl?: { '5m'?: number; '1h'?: number };
  /** Output tokens spent on reasoning. */
  reasoningTokens?: number;
  /** Tokens of server-side tool results fed back to the model (Gemini `toolUsePromptTokenCount`); not in `inputTokens`. */
  toolUseInputTokens?: number;
  /** Server-side tool invocations (Claude `server_tool_use`). */
  serverToolUse?: { webSearchRequests?: number; webFetchRequests?: number; codeExecutionRequests?: number };
  /** The provider's usage object as received, with the format that produced it. */
  raw?: { format: string; value: JsonValue };
}
