import type { ValidationResult } from '@interlingua/core';
import { checkError, checkResponse } from './validate/body.ts';
import { createProblems } from './validate/problems.ts';
import { checkRequest } from './validate/request.ts';

/**
 * Validators: is this a Chat Completions body or stream OpenAI would send or accept? Built on the
 * wire schemas in `wire/` plus the format's grammar; every problem is reported with its path and a
 * stable rule name (see the README's "Validation" section for the list). Unlike the decoders,
 * validators never throw and do not stop at the first problem.
 *
 * @see https://platform.openai.com/docs/api-reference/chat
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */

export { createStreamValidator, type ValidateStreamOptions, validateStream } from './validate/stream.ts';

/** Every rule name the Chat validators report; names are stable (the conventions list plus those shared with Claude's). */
export const VALIDATION_RULES = [
  'schema',
  'json',
  'event-name',
  'envelope',
  'first-event',
  'last-event',
  'block-index',
  'arguments-json',
  'finish-reason',
  'usage',
  'terminator',
  'empty-content',
  'block-role',
  'tool-result',
  'tool-name',
] as const;

/** Validates a Chat Completions request body against the schema and the API's documented 400 rules. */
export function validateRequest(body: unknown): ValidationResult {
  const problems = createProblems();
  checkRequest(problems, body);
  return problems.result();
}

/** Validates a non-streamed `chat.completion` response body. */
export function validateResponse(body: unknown): ValidationResult {
  const problems = createProblems();
  checkResponse(problems, body, []);
  return problems.result();
}

/** Validates a Chat error body (`{error: {message, type, param, code}}`). */
export function validateError(body: unknown): ValidationResult {
  const problems = createProblems();
  checkError(problems, body, []);
  return problems.result();
}
