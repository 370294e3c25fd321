import { z } from 'zod';
import { ClaudeBlock, ClaudeCacheControl } from './content.ts';

/** One entry of `messages`. */
export const ClaudeMessage = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(ClaudeBlock)]),
});

/** A tool definition: custom (`input_schema`) or Anthropic-defined (`type` + `name`). */
export const ClaudeTool = z.looseObject({
  name: z.string(),
  type: z.string().optional(),
  description: z.string().optional(),
  input_schema: z.looseObject({}).optional(),
  strict: z.boolean().optional(),
  cache_control: ClaudeCacheControl.nullable().optional(),
});

/** `tool_choice`. */
export const ClaudeToolChoice = z.looseObject({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

/** `thinking`. */
export const ClaudeThinking = z.looseObject({
  type: z.enum(['enabled', 'adaptive', 'disabled']),
  budget_tokens: z.number().int().optional(),
  display: z.enum(['summarized', 'omitted']).optional(),
});

/** A `json_schema` output format (`output_config.format`, beta `output_format`). */
export const ClaudeOutputFormat = z.looseObject({ type: z.literal('json_schema'), schema: z.looseObject({}) });

/** `output_config`. */
export const ClaudeOutputConfig = z.looseObject({
  effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullable().optional(),
  format: ClaudeOutputFormat.nullable().optional(),
});

/**
 * A Messages API request body. `max_tokens` is optional here so that `count_tokens` bodies decode
 * too; `encodeRequest` always writes it.
 *
 * @see https://docs.claude.com/en/api/messages
 */
export const ClaudeRequest = z.looseObject({
  model: z.string().optional(),
  max_tokens: z.number().int().nonnegative().optional(),
  messages: z.array(ClaudeMessage),
  system: z.union([z.string(), z.array(ClaudeBlock)]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().optional(),
  stream: z.boolean().optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
  tools: z.array(ClaudeTool).optional(),
  tool_choice: ClaudeToolChoice.optional(),
  thinking: ClaudeThinking.optional(),
  output_config: ClaudeOutputConfig.optional(),
  output_format: ClaudeOutputFormat.nullable().optional(),
  cache_control: ClaudeCacheControl.optional(),
  service_tier: z.string().optional(),
});

/** A Messages API request body (inferred). */
export type ClaudeRequestWire = z.infer<typeof ClaudeRequest>;
