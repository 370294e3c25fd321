import { z } from 'zod';

/**
 * Zod schemas of the Chat Completions request body. Objects are loose: compatible servers and newer
 * API versions add fields, which the decoder keeps in extensions.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

/** Any content part: checked by its own schema once its `type` is known. */
export const ChatWirePartSchema = z.looseObject({ type: z.string() });

/** Message content: a string, a list of parts, or null (assistant turns with tool calls). */
export const ChatWireContentSchema = z.union([z.string(), z.array(ChatWirePartSchema)]).nullish();

/** A `text` part. */
export const ChatWireTextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** An `image_url` part. */
export const ChatWireImagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: nullish(z.string()) }),
});

/** An `input_audio` part. */
export const ChatWireAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

/** A `file` part. */
export const ChatWireFilePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({ file_id: nullish(z.string()), file_data: nullish(z.string()), filename: nullish(z.string()) }),
});

/** A `refusal` part (assistant messages). */
export const ChatWireRefusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

/** A tool call inside an assistant message (or a response message). */
export const ChatWireToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }).optional(),
  custom: z.looseObject({ name: z.string(), input: z.string() }).optional(),
});

/** Any message: checked by its role's schema afterwards. */
export const ChatWireMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: ChatWireContentSchema,
  name: nullish(z.string()),
  tool_calls: nullish(z.array(ChatWireToolCallSchema)),
  tool_call_id: z.string().optional(),
  refusal: nullish(z.string()),
  function_call: nullish(z.looseObject({ name: z.string(), arguments: z.string() })),
  reasoning_content: nullish(z.string()),
  reasoning: nullish(z.string()),
});

/** A `function` tool. */
export const ChatWireFunctionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string(),
    description: nullish(z.string()),
    parameters: nullish(z.record(z.string(), z.json())),
    strict: nullish(z.boolean()),
  }),
});

/** A `custom` (free-form input) tool. */
export const ChatWireCustomToolSchema = z.looseObject({
  type: z.literal('custom'),
  custom: z.looseObject({
    name: z.string(),
    description: nullish(z.string()),
    format: z
      .looseObject({
        type: z.string(),
        grammar: z.looseObject({ definition: z.string(), syntax: z.enum(['lark', 'regex']) }).optional(),
      })
      .optional(),
  }),
});

/** A legacy `functions[]` entry. */
export const ChatWireLegacyFunctionSchema = z.looseObject({
  name: z.string(),
  description: nullish(z.string()),
  parameters: nullish(z.record(z.string(), z.json())),
});

/** `tool_choice`. */
export const ChatWireToolChoiceSchema = z.union([
  z.string(),
  z.looseObject({
    type: z.string(),
    function: z.looseObject({ name: z.string() }).optional(),
    custom: z.looseObject({ name: z.string() }).optional(),
    allowed_tools: z.looseObject({ mode: z.string(), tools: z.array(z.looseObject({ type: z.string() })) }).optional(),
  }),
]);

/** `response_format`. */
export const ChatWireResponseFormatSchema = z.looseObject({
  type: z.string(),
  json_schema: z
    .looseObject({
      name: z.string().optional(),
      description: nullish(z.string()),
      schema: nullish(z.record(z.string(), z.json())),
      strict: nullish(z.boolean()),
    })
    .optional(),
});

/** The request body of `POST /v1/chat/completions`. */
export const ChatWireRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(z.looseObject({ role: z.string() })),
  max_tokens: nullish(z.number()),
  max_completion_tokens: nullish(z.number()),
  temperature: nullish(z.number()),
  top_p: nullish(z.number()),
  stop: nullish(z.union([z.string(), z.array(z.string())])),
  seed: nullish(z.number()),
  n: nullish(z.number()),
  presence_penalty: nullish(z.number()),
  frequency_penalty: nullish(z.number()),
  logit_bias: nullish(z.record(z.string(), z.number())),
  logprobs: nullish(z.boolean()),
  top_logprobs: nullish(z.number()),
  stream: nullish(z.boolean()),
  stream_options: nullish(z.looseObject({ include_usage: nullish(z.boolean()) })),
  tools: nullish(z.array(z.looseObject({ type: z.string() }))),
  tool_choice: nullish(ChatWireToolChoiceSchema),
  parallel_tool_calls: nullish(z.boolean()),
  functions: nullish(z.array(ChatWireLegacyFunctionSchema)),
  function_call: nullish(z.union([z.string(), z.looseObject({ name: z.string() })])),
  response_format: nullish(ChatWireResponseFormatSchema),
  reasoning_effort: nullish(z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])),
  verbosity: nullish(z.enum(['low', 'medium', 'high'])),
  modalities: nullish(z.array(z.string())),
  metadata: nullish(z.record(z.string(), z.string())),
  store: nullish(z.boolean()),
  user: nullish(z.string()),
  prompt_cache_key: nullish(z.string()),
  prompt_cache_retention: nullish(z.string()),
  service_tier: nullish(z.string()),
  web_search_options: nullish(z.looseObject({})),
});

/** A decoded request body. */
export type ChatWireRequest = z.infer<typeof ChatWireRequestSchema>;
/** A decoded message. */
export type ChatWireMessage = z.infer<typeof ChatWireMessageSchema>;
/** A decoded tool call. */
export type ChatWireToolCall = z.infer<typeof ChatWireToolCallSchema>;
/** A content part before its type-specific check. */
export type ChatWirePart = z.infer<typeof ChatWirePartSchema>;
