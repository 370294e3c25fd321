import { z } from 'zod';
import { ClaudeBlock, ClaudeCitation } from './content.ts';

/** Any stream event payload: a `type` plus fields checked per type. */
export const ClaudeStreamEvent = z.looseObject({ type: z.string() });

/** `message_start`: the envelope with empty content. */
export const ClaudeMessageStart = z.looseObject({
  type: z.literal('message_start'),
  message: z.looseObject({
    id: z.string().optional(),
    model: z.string().optional(),
    usage: z.looseObject({}).optional(),
  }),
});

/** `content_block_start`. */
export const ClaudeBlockStart = z.looseObject({
  type: z.literal('content_block_start'),
  index: z.number().int().nonnegative(),
  content_block: ClaudeBlock,
});

/** `content_block_delta` (the delta is checked per type). */
export const ClaudeBlockDelta = z.looseObject({
  type: z.literal('content_block_delta'),
  index: z.number().int().nonnegative(),
  delta: z.looseObject({ type: z.string() }),
});

/** The known delta kinds. */
export const ClaudeDeltas = {
  text_delta: z.looseObject({ text: z.string() }),
  thinking_delta: z.looseObject({ thinking: z.string() }),
  signature_delta: z.looseObject({ signature: z.string() }),
  input_json_delta: z.looseObject({ partial_json: z.string() }),
  citations_delta: z.looseObject({ citation: ClaudeCitation }),
} as const;

/** `content_block_stop`. */
export const ClaudeBlockStop = z.looseObject({
  type: z.literal('content_block_stop'),
  index: z.number().int().nonnegative(),
});

/** `message_delta`: stop reason and cumulative usage. */
export const ClaudeMessageDelta = z.looseObject({
  type: z.literal('message_delta'),
  delta: z.looseObject({
    stop_reason: z.string().nullable().optional(),
    stop_sequence: z.string().nullable().optional(),
  }),
  usage: z.looseObject({}).nullable().optional(),
});
