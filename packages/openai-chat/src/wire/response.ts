import { z } from 'zod';
import { ChatWireToolCallSchema } from './request.ts';

/**
 * Zod schemas of the Chat Completions response, stream chunk and error bodies.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */

/** One token's log probability. */
export const ChatWireTokenLogprobSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
  top_logprobs: z
    .array(z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullish() }))
    .nullish(),
});

/** `choices[].logprobs`. */
export const ChatWireLogprobsSchema = z.looseObject({
  content: z.array(ChatWireTokenLogprobSchema).nullish(),
  refusal: z.array(ChatWireTokenLogprobSchema).nullish(),
});

/** `usage` (CompletionUsage). Every count may be missing on compatible servers. */
export const ChatWireUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

/** A `url_citation` (or unknown) annotation. */
export const ChatWireAnnotationSchema = z.looseObject({
  type: z.string(),
  url_citation: z
    .looseObject({
      url: z.string(),
      title: z.string().nullish(),
      start_index: z.number().nullish(),
      end_index: z.number().nullish(),
    })
    .optional(),
});

/** `message.audio` of an audio-output response. */
export const ChatWireAudioSchema = z.looseObject({
  id: z.string().nullish(),
  data: z.string().nullish(),
  transcript: z.string().nullish(),
  expires_at: z.number().nullish(),
});

/** `choices[].message`. */
export const ChatWireResponseMessageSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(ChatWireToolCallSchema).nullish(),
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
  annotations: z.array(ChatWireAnnotationSchema).nullish(),
  audio: ChatWireAudioSchema.nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
});

/** A non-streaming `chat.completion`. */
export const ChatWireResponseSchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.looseObject({
      // Missing on a few compatible servers: the position is used.
      index: z.number().optional(),
      message: ChatWireResponseMessageSchema,
      finish_reason: z.string().nullish(),
      logprobs: ChatWireLogprobsSchema.nullish(),
    }),
  ),
  usage: ChatWireUsageSchema.nullish(),
  service_tier: z.string().nullish(),
});

/** A tool-call fragment in a stream delta. */
export const ChatWireToolCallDeltaSchema = z.looseObject({
  // Some compatible servers (Gemini's, in the past) omit the index; the decoder then pairs by id.
  index: z.number().optional(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
  custom: z.looseObject({ name: z.string().nullish(), input: z.string().nullish() }).nullish(),
});

/** `choices[].delta` of a stream chunk. */
export const ChatWireDeltaSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  tool_calls: z.array(ChatWireToolCallDeltaSchema).nullish(),
  function_call: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
  audio: ChatWireAudioSchema.nullish(),
  annotations: z.array(ChatWireAnnotationSchema).nullish(),
});

/** A `chat.completion.chunk`. */
export const ChatWireChunkSchema = z.looseObject({
  id: z.string().nullish(),
  object: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        // A missing choice index (seen from small compatible servers) is choice 0.
        index: z.number().default(0),
        delta: ChatWireDeltaSchema.nullish(),
        finish_reason: z.string().nullish(),
        logprobs: ChatWireLogprobsSchema.nullish(),
      }),
    )
    .nullish(),
  usage: ChatWireUsageSchema.nullish(),
  service_tier: z.string().nullish(),
});

/** `{ error: { message, type, param, code } }`. */
export const ChatWireErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

/** A decoded response. */
export type ChatWireResponse = z.infer<typeof ChatWireResponseSchema>;
/** A decoded response message. */
export type ChatWireResponseMessage = z.infer<typeof ChatWireResponseMessageSchema>;
/** A decoded stream chunk. */
export type ChatWireChunk = z.infer<typeof ChatWireChunkSchema>;
/** A decoded usage object. */
export type ChatWireUsage = z.infer<typeof ChatWireUsageSchema>;
/** A decoded logprob entry. */
export type ChatWireTokenLogprob = z.infer<typeof ChatWireTokenLogprobSchema>;
/** A decoded annotation. */
export type ChatWireAnnotation = z.infer<typeof ChatWireAnnotationSchema>;
