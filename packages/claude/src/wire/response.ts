import { z } from 'zod';
import { ClaudeBlock } from './content.ts';

/** Usage as Claude reports it (responses, `message_start`, `message_delta`). */
export const ClaudeUsage = z.looseObject({
  input_tokens: z.number().nullable().optional(),
  output_tokens: z.number().nullable().optional(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
});

/**
 * A Messages API response body.
 *
 * @see https://docs.claude.com/en/api/messages
 */
export const ClaudeResponse = z.looseObject({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(ClaudeBlock),
  stop_reason: z.string().nullable(),
  stop_sequence: z.string().nullable().optional(),
  usage: ClaudeUsage,
});

/** A Messages API response body (inferred). */
export type ClaudeResponseWire = z.infer<typeof ClaudeResponse>;
