import type { ValidationResult } from '@interlingua/core';
import { checkError, checkRequest, checkResponse } from './validate/body.ts';
import { createProblems } from './validate/problems.ts';

/**
 * Validators: is this a Responses body or stream the API would send or accept? Built on the wire
 * schemas plus the format's grammar; every problem is reported with its path and a stable rule
 * name. Unlike the decoders, validators never throw and do not stop at the first problem.
 *
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */

export { createStreamValidator, validateStream } from './validate/stream.ts';

/** Every rule name the Responses validators report; names are stable. */
export const VALIDATION_RULES = [
  'schema',
  'json',
  'event-name',
  'first-event',
  'last-event',
  'sequence-number',
  'block-index',
  'unclosed-block',
  'arguments-json',
  'usage',
  'terminator',
  'reasoning-pairing',
  'tool-result',
] as const;

/** Validates a request body: schema, items, parts, tools, reasoning pairing and call / output pairing. */
export function validateRequest(body: unknown): ValidationResult {
  const problems = createProblems();
  checkRequest(problems, body);
  return problems.result();
}

/** Validates a non-streamed response object. */
export function validateResponse(body: unknown): ValidationResult {
  const problems = createProblems();
  checkResponse(problems, body, []);
  return problems.result();
}

/** Validates an OpenAI error body `{error: {message, type, param, code}}`. */
export function validateError(body: unknown): ValidationResult {
  const problems = createProblems();
  checkError(problems, body);
  return problems.result();
}
