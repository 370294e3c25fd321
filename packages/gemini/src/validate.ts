import type { ValidationResult } from '@interlingua/core';
import { checkError, checkResponse } from './validate/body.ts';
import { createProblems } from './validate/problems.ts';
import { checkRequest } from './validate/request.ts';

/**
 * Validators: is this a Gemini body or stream the API would send or accept? Built on the wire
 * schemas in `wire/` plus the format's grammar and documented 400 rules; every problem is
 * reported with its path and a stable rule name (see the README's "Validation" section for the
 * list). Unlike the decoders, validators never throw and do not stop at the first problem.
 *
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */

export { createStreamValidator, validateStream } from './validate/stream.ts';

/** Every rule name the Gemini validators report; names are stable (the conventions list, Claude's, plus Gemini's own). */
export const VALIDATION_RULES = [
  'schema',
  'json',
  'envelope',
  'last-event',
  'arguments-json',
  'finish-reason',
  'usage',
  'terminator',
  'empty-content',
  'tool-result',
  'tool-name',
  'tool-choice',
  'thinking',
] as const;

/** Validates a `generateContent` / `streamGenerateContent` request body against the schema and the API's 400 rules. */
export function validateRequest(body: unknown): ValidationResult {
  const problems = createProblems();
  checkRequest(problems, body);
  return problems.result();
}

/** Validates a non-streamed `GenerateContentResponse` body. */
export function validateResponse(body: unknown): ValidationResult {
  const problems = createProblems();
  checkResponse(problems, body, []);
  return problems.result();
}

/** Validates a Gemini error body (`{error: {code, message, status, details?}}`, google.rpc.Status). */
export function validateError(body: unknown): ValidationResult {
  const problems = createProblems();
  checkError(problems, body, []);
  return problems.result();
}
