import { z } from 'zod';

/** `cache_control` on a block, tool or request. */
export const ClaudeCacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() });

/** Any content block: a `type` plus fields checked per type by the decoder. */
export const ClaudeBlock = z.looseObject({ type: z.string() });

/** A text block. */
export const ClaudeTextBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  citations: z
    .array(z.looseObject({ type: z.string() }))
    .nullable()
    .optional(),
  cache_control: ClaudeCacheControl.nullable().optional(),
});

/** The `source` of an image or document block. */
export const ClaudeSource = z.looseObject({ type: z.string() });

/** A base64 source. */
export const ClaudeBase64Source = z.looseObject({
  type: z.literal('base64'),
  media_type: z.string(),
  data: z.string(),
});

/** A URL source. */
export const ClaudeUrlSource = z.looseObject({ type: z.literal('url'), url: z.string() });

/** A Files API source. */
export const ClaudeFileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });

/** A plain-text document source. */
export const ClaudeTextSource = z.looseObject({ type: z.literal('text'), data: z.string(), media_type: z.string() });

/** An image block. */
export const ClaudeImageBlock = z.looseObject({ type: z.literal('image'), source: ClaudeSource });

/** A document block. */
export const ClaudeDocumentBlock = z.looseObject({
  type: z.literal('document'),
  source: ClaudeSource,
  title: z.string().nullable().optional(),
  context: z.string().nullable().optional(),
  citations: z.looseObject({ enabled: z.boolean().optional() }).nullable().optional(),
});

/** A `tool_use` block. */
export const ClaudeToolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

/** A `tool_result` block. */
export const ClaudeToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(ClaudeBlock)]).optional(),
  is_error: z.boolean().optional(),
});

/** A `thinking` block. */
export const ClaudeThinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

/** A `redacted_thinking` block. */
export const ClaudeRedactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

/** A `server_tool_use` or `mcp_tool_use` block. */
export const ClaudeServerToolUseBlock = z.looseObject({
  type: z.string(),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});

/** A server tool result block (`web_search_tool_result`, `mcp_tool_result`, …). */
export const ClaudeServerToolResultBlock = z.looseObject({
  type: z.string(),
  tool_use_id: z.string(),
  content: z.unknown(),
});

/** A citation on a text block. */
export const ClaudeCitation = z.looseObject({ type: z.string() });

/** Wire shape of a content block (inferred). */
export type ClaudeBlockWire = z.infer<typeof ClaudeBlock>;
