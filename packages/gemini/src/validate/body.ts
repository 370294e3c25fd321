import { z } from 'zod';
import { errorBodySchema } from '../wire/error.ts';
import { candidateSchema, responseSchema } from '../wire/response.ts';
import { type ContentInfo, checkContent, type Where } from './parts.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * Response and error bodies (spec §3, §5); stream chunks reuse the candidate and error checks.
 */

/** A `GenerateContentResponse` whose candidates are walked one by one. */
export const ChunkShape = responseSchema.extend({ candidates: z.array(z.unknown()).optional() });
/** A candidate whose content is walked part by part. */
const CandidateShape = candidateSchema.extend({ content: z.unknown().optional() });

/** The google.rpc canonical codes (`status`). */
const STATUSES = [
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
] as const;

/**
 * The error envelope as Google sends it. The wire schema is loose (`decodeError` must read any
 * shape); what the API and the SDK agree on is stricter: all three fields, a canonical status,
 * and `details` entries naming their `@type`.
 */
export const ErrorBodyShape = errorBodySchema.extend({
  error: errorBodySchema.shape.error.extend({
    code: z.number().int(),
    message: z.string(),
    status: z.enum(STATUSES),
    details: z.array(z.looseObject({ '@type': z.string() })).optional(),
  }),
});

/** What one candidate holds. */
export interface CandidateInfo {
  /** The candidate's `index`, or its position in the array when it has none (the SDK does the same). */
  choice: number;
  finishReason: string | undefined;
  content: ContentInfo;
}

/** Checks one candidate and its content; `undefined` when it is not an object. */
export function checkCandidate(
  problems: Problems,
  candidate: unknown,
  path: Path,
  position: number,
  where: Where,
): CandidateInfo | undefined {
  problems.schema(CandidateShape, candidate, path);
  if (!isRecord(candidate)) return undefined;
  const content =
    candidate.content === undefined
      ? { role: undefined, parts: [], calls: [], responses: [] }
      : checkContent(problems, candidate.content, [...path, 'content'], where);
  return {
    choice: typeof candidate.index === 'number' ? candidate.index : position,
    finishReason: typeof candidate.finishReason === 'string' ? candidate.finishReason : undefined,
    content,
  };
}

/** Checks a non-streamed `GenerateContentResponse`. */
export function checkResponse(problems: Problems, body: unknown, path: Path): void {
  problems.schema(ChunkShape, body, path);
  if (!isRecord(body)) return;
  const candidates = Array.isArray(body.candidates) ? body.candidates : [];
  for (const [k, raw] of candidates.entries()) {
    const candidate = checkCandidate(problems, raw, [...path, 'candidates', k], k, 'response');
    if (candidate && candidate.finishReason === undefined)
      problems.add(
        [...path, 'candidates', k, 'finishReason'],
        'finish-reason',
        `expected a finishReason on every candidate of a complete response, got ${describe(isRecord(raw) ? raw.finishReason : undefined)}`,
      );
  }
  // A blocked prompt is the one answer without candidates (HTTP 200, spec §3).
  if (candidates.length === 0 && !blockReasonOf(body))
    problems.add(
      [...path, 'candidates'],
      'finish-reason',
      'expected candidates or a promptFeedback.blockReason (a blocked prompt), got neither',
    );
  if (body.usageMetadata === undefined)
    problems.add([...path, 'usageMetadata'], 'usage', 'expected usageMetadata, got missing');
}

/** The `promptFeedback.blockReason` of a response or chunk, when the prompt was blocked. */
export function blockReasonOf(body: Record<string, unknown>): string | undefined {
  const feedback = body.promptFeedback;
  return isRecord(feedback) && typeof feedback.blockReason === 'string' ? feedback.blockReason : undefined;
}

/** Checks an error body, also in the one-element array the JSON-array endpoint wraps it in. */
export function checkError(problems: Problems, body: unknown, path: Path): void {
  if (Array.isArray(body) && body.length === 1) problems.schema(ErrorBodyShape, body[0], [...path, 0]);
  else problems.schema(ErrorBodyShape, body, path);
}
