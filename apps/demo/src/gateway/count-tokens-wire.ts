import type { JsonObject, JsonValue } from '@interlingua/core';

/** The formats with a token-counting endpoint of their own. */
export type CountingFormat = 'claude' | 'gemini' | 'openai-responses';

/**
 * The chat request a count-tokens body describes, as the format's request decoder takes it: Claude's
 * `count_tokens` body lacks the `max_tokens` a Messages request requires, Gemini's may wrap the
 * request in `generateContentRequest`, Responses' `input_tokens` body is a create body.
 */
export function countedRequest(format: CountingFormat, body: JsonObject): JsonValue {
  if (format === 'claude') return { max_tokens: 1, ...body };
  if (format === 'gemini') return (body.generateContentRequest as JsonValue | undefined) ?? body;
  return body;
}

/** The answer body of a count in the format's shape. */
export function countAnswer(format: CountingFormat, tokens: number): JsonObject {
  if (format === 'claude') return { input_tokens: tokens };
  if (format === 'gemini') return { totalTokens: tokens };
  return { object: 'response.input_tokens', input_tokens: tokens };
}
