import type { ChatFormat } from '@interlingua/core';

/** What a body or stream is. */
export type Kind = 'request' | 'response' | 'stream' | 'error';

/** The result of detection. */
export interface Detection {
  /** The wire format. */
  format: ChatFormat;
  /** The kind of value. */
  kind: Kind;
  /** True for a Gemini `streamGenerateContent` body without `alt=sse` (one JSON array). */
  jsonArray?: boolean;
}

const SSE_START = /^(?:\uFEFF)?(?:\s*:[^\n]*\n)*\s*(?:event|data|id|retry)\s*:/;

/**
 * Detects the format and kind of a body or stream from its first bytes (a prefix is enough for
 * streams: detection reads the first event only). Returns undefined when nothing matches.
 */
export function detect(prefix: string): Detection | undefined {
  const text = prefix.replace(/^\uFEFF/, '');
  if (SSE_START.test(text)) return detectStream(text);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    // A Gemini JSON-array stream: `[{"candidates": …`; detection needs only its start.
    if (/^\[\s*\{\s*"(?:candidates|usageMetadata|modelVersion|responseId|promptFeedback)"/.test(trimmed))
      return { format: 'gemini', kind: 'stream', jsonArray: true };
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    // A prefix of a large body (or a broken one): look for the keys each format starts with.
    return trimmed.startsWith('{') ? detectByKeys(trimmed) : undefined;
  }
  return detectBody(value) ?? detectStreamPayload(value);
}

/**
 * Detects a bare stream payload (one `data:` JSON of a recording stored as JSONL). Gemini chunks are
 * whole responses, so they detect as responses; callers treating JSONL as a stream handle that.
 */
export function detectStreamPayload(value: unknown): Detection | undefined {
  if (!isObject(value)) return undefined;
  if (value.object === 'chat.completion.chunk') return { format: 'openai-chat', kind: 'stream' };
  const type = typeof value.type === 'string' ? value.type : '';
  if (/^(?:message_start|message_delta|message_stop|content_block_(?:start|delta|stop)|ping)$/.test(type))
    return { format: 'claude', kind: 'stream' };
  if (type.startsWith('response.')) return { format: 'openai-responses', kind: 'stream' };
  return undefined;
}

function detectByKeys(text: string): Detection | undefined {
  const has = (pattern: RegExp): boolean => pattern.test(text);
  if (has(/"(?:contents|generationConfig|generation_config|systemInstruction|system_instruction)"\s*:/))
    return { format: 'gemini', kind: 'request' };
  if (has(/"object"\s*:\s*"chat\.completion"/)) return { format: 'openai-chat', kind: 'response' };
  if (has(/"object"\s*:\s*"response"/)) return { format: 'openai-responses', kind: 'response' };
  if (has(/"candidates"\s*:/)) return { format: 'gemini', kind: 'response' };
  if (has(/"(?:input|instructions|previous_response_id)"\s*:/)) return { format: 'openai-responses', kind: 'request' };
  if (has(/"messages"\s*:/)) {
    if (has(/"(?:image_url|input_audio|tool_calls|max_completion_tokens)"|"role"\s*:\s*"(?:system|developer|tool)"/))
      return { format: 'openai-chat', kind: 'request' };
    if (
      has(
        /"type"\s*:\s*"(?:tool_use|tool_result|thinking|redacted_thinking|document)"|"(?:stop_sequences|anthropic_version)"/,
      )
    )
      return { format: 'claude', kind: 'request' };
    return { format: has(/"model"\s*:\s*"claude/) ? 'claude' : 'openai-chat', kind: 'request' };
  }
  return undefined;
}

/** Detects the format and kind of a parsed JSON body. */
export function detectBody(value: unknown): Detection | undefined {
  if (!isObject(value)) return undefined;
  // Errors first: every format's error envelope is small and distinctive.
  if (value.type === 'error' && isObject(value.error)) return { format: 'claude', kind: 'error' };
  if (isObject(value.error) && Object.keys(value).length <= 2) {
    if (typeof value.error.status === 'string' || typeof value.error.code === 'number')
      return { format: 'gemini', kind: 'error' };
    return { format: 'openai-chat', kind: 'error' };
  }
  // Responses.
  if (value.object === 'chat.completion') return { format: 'openai-chat', kind: 'response' };
  if (value.object === 'chat.completion.chunk' || 'prompt_filter_results' in value)
    return { format: 'openai-chat', kind: 'stream' };
  if (value.object === 'response') return { format: 'openai-responses', kind: 'response' };
  if (value.type === 'message' && Array.isArray(value.content)) return { format: 'claude', kind: 'response' };
  if (Array.isArray(value.candidates) || isObject(value.usageMetadata) || isObject(value.promptFeedback))
    return { format: 'gemini', kind: 'response' };
  if (Array.isArray(value.choices)) return { format: 'openai-chat', kind: 'response' };
  // Requests.
  if (Array.isArray(value.contents) || isObject(value.generationConfig) || isObject(value.systemInstruction))
    return { format: 'gemini', kind: 'request' };
  if ('input' in value || 'instructions' in value || 'previous_response_id' in value)
    return { format: 'openai-responses', kind: 'request' };
  if (Array.isArray(value.messages))
    return { format: looksLikeClaudeRequest(value) ? 'claude' : 'openai-chat', kind: 'request' };
  return undefined;
}

function detectStream(text: string): Detection | undefined {
  if (/^\s*event\s*:\s*(?:message_start|content_block_|message_delta|message_stop|ping)/m.test(text))
    return { format: 'claude', kind: 'stream' };
  if (/"type"\s*:\s*"message_start"/.test(text)) return { format: 'claude', kind: 'stream' };
  if (/^\s*event\s*:\s*response\./m.test(text) || /"type"\s*:\s*"response\.[a-z_.]+"/.test(text))
    return { format: 'openai-responses', kind: 'stream' };
  if (/"object"\s*:\s*"chat\.completion\.chunk"/.test(text) || /"choices"\s*:/.test(text))
    return { format: 'openai-chat', kind: 'stream' };
  if (/"(?:candidates|usageMetadata|modelVersion)"\s*:/.test(text)) return { format: 'gemini', kind: 'stream' };
  return undefined;
}

/** Claude requests require `max_tokens`, put `system` at the top and use typed content blocks. */
function looksLikeClaudeRequest(value: Record<string, unknown>): boolean {
  if ('system' in value || 'stop_sequences' in value || 'thinking' in value || 'anthropic_version' in value)
    return true;
  const messages = value.messages as unknown[];
  for (const message of messages) {
    if (!isObject(message)) continue;
    if (message.role === 'system' || message.role === 'developer' || message.role === 'tool') return false;
    if (Array.isArray(message.content)) {
      for (const block of message.content) {
        if (!isObject(block)) continue;
        if (['tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document'].includes(String(block.type)))
          return true;
        if (block.type === 'image' && isObject(block.source)) return true;
        if (block.type === 'image_url' || block.type === 'input_audio') return false;
      }
    }
    if ('tool_calls' in message) return false;
  }
  // Still ambiguous (plain text messages): the model name decides, then `max_tokens` (required by Claude).
  if (typeof value.model === 'string' && /^(?:claude|anthropic)/i.test(value.model)) return true;
  if (typeof value.model === 'string' && /^(?:gpt|o\d|chatgpt|text-)/i.test(value.model)) return false;
  return 'max_tokens' in value && !('max_completion_tokens' in value) && !('n' in value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
