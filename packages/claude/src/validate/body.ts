import { z } from 'zod';
import { ClaudeResponse, ClaudeUsage } from '../wire/response.ts';
import { checkBlock, USER_BLOCKS } from './blocks.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * Response and error bodies (spec §3, §5), also used for the `message_start` envelope and the
 * `error` event of streams.
 */

// `decodeError` reads any shape (it must never throw), so `wire/` has no error schema to reuse.
/** The error envelope the API sends and the SDK reads (HTTP body and stream `error` event alike). */
export const ClaudeErrorBody = z.looseObject({
  type: z.literal('error'),
  error: z.looseObject({ type: z.string(), message: z.string() }),
  request_id: z.string().nullable().optional(),
});

/**
 * The message envelope with `usage` left to `checkUsage`, so that a missing usage is reported once,
 * under the `usage` rule, and a wrongly typed one under `schema`.
 */
export const ClaudeEnvelope = ClaudeResponse.extend({ usage: ClaudeUsage.nullable().optional() });

/**
 * Checks that a usage object is present with its `required` counts (the SDK reads them unguarded);
 * field types are the schema's business.
 */
export function checkUsage(problems: Problems, usage: unknown, path: Path, required: readonly string[]): void {
  if (usage === undefined || usage === null) {
    problems.add(path, 'usage', `expected a usage object, got ${describe(usage)}`);
    return;
  }
  if (!isRecord(usage)) return;
  for (const key of required)
    if (usage[key] === undefined || usage[key] === null)
      problems.add([...path, key], 'usage', `expected usage.${key} (a number), got ${describe(usage[key])}`);
}

/** Checks the blocks of an assistant message (a response, or a stream's blocks as they start). */
export function checkAssistantBlock(problems: Problems, block: unknown, path: Path): string | undefined {
  const type = checkBlock(problems, block, path);
  if (type !== undefined && USER_BLOCKS.has(type))
    problems.add([...path, 'type'], 'block-role', `expected a block the assistant sends, got a ${type} block`);
  return type;
}

/** Checks a whole response body. */
export function checkResponse(problems: Problems, body: unknown, path: Path): void {
  problems.schema(ClaudeEnvelope, body, path);
  if (!isRecord(body)) return;
  if (Array.isArray(body.content))
    body.content.forEach((block, i) => {
      const at = [...path, 'content', i];
      if (checkAssistantBlock(problems, block, at) !== 'thinking' || !isRecord(block)) return;
      // Replaying thinking needs its signature; a response without one cannot continue a tool loop.
      if (typeof block.signature !== 'string' || block.signature === '')
        problems.add(
          [...at, 'signature'],
          'signature',
          `expected a non-empty signature, got ${describe(block.signature)}`,
        );
    });
  if (body.stop_reason === null)
    problems.add(
      [...path, 'stop_reason'],
      'finish-reason',
      'expected a stop_reason, got null (only a streamed message_start has none)',
    );
  checkUsage(problems, body.usage, [...path, 'usage'], ['input_tokens', 'output_tokens']);
}

/** Checks an error body. */
export function checkError(problems: Problems, body: unknown, path: Path): void {
  problems.schema(ClaudeErrorBody, body, path);
}
