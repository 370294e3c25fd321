import { z } from 'zod';

/** Any item: validated further by its `type` (absent `type` means a message). */
export const wireItemBase = z.looseObject({ type: z.string().optional() });

/** A message item, easy or full form. */
export const wireMessageItem = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().nullish(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
});

/** `function_call`. */
export const wireFunctionCallItem = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
});

/** `custom_tool_call`. */
export const wireCustomToolCallItem = z.looseObject({
  type: z.literal('custom_tool_call'),
  id: z.string().nullish(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});

/** `function_call_output` / `custom_tool_call_output`. */
export const wireToolOutputItem = z.looseObject({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  call_id: z.string(),
  output: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
});

/** `reasoning`. */
export const wireReasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).optional(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

/** Wire message item. */
export type WireMessageItem = z.infer<typeof wireMessageItem>;
/** Wire reasoning item. */
export type WireReasoningItem = z.infer<typeof wireReasoningItem>;
