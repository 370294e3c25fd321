import type { ValidationResult } from '@interlingua/core';
import { checkError, checkResponse } from './validate/body.ts';
import { createProblems } from './validate/problems.ts';
import { checkRequest, type ValidateRequestOptions } from './validate/request.ts';

/**
 * Validators: is this a Claude body or stream the API would send or accept? Built on the wire
 * schemas in `wire/` plus the format's grammar; every problem is reported with its path and a
 * stable rule name (see the README's "Validation" section for the list). Unlike the decoders,
 * validators never throw and do not stop at the first problem.
 *
 * @see https://docs.claude.com/en/api/messages
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */

export type { ValidateRequestOptions } from './validate/request.ts';
export { createStreamValidator, validateStream } from './validate/stream.ts';

/** Every rule name the Claude validators report; names are stable (the conventions list plus Claude's own). */
export const VALIDATION_RULES = [
  'schema',
  'json',
  'event-name',
  'first-event',
  'last-event',
  'event-order',
  'block-index',
  'unclosed-block',
  'delta-kind',
  'arguments-json',
  'signature',
  'finish-reason',
  'usage',
  'terminator',
  'alternation',
  'empty-content',
  'empty-text',
  'block-role',
  'tool-result',
  'tool-id',
  'tool-name',
  'thinking',
  'cache-control',
] as const;

/** Validates a Messages API request body against the schema and the API's 400 rules. */
export function validateRequest(body: unknown, options?: ValidateRequestOptions): ValidationResult {
  const problems = createProblems();
  checkRequest(problems, body, options);
  return problems.result();
}

/** Validates a non-streamed Messages API response body. */
export function validateResponse(body: unknown): ValidationResult {
  const problems = createProblems();
  checkResponse(problems, body, []);
  return problems.result();
}

/** Validates a Claude error body (`{type: "error", error: {type, message}, request_id}`). */
export function validateError(body: unknown): ValidationResult {
  const problems = createProblems();
  checkError(problems, body, []);
  return problems.result();
}
