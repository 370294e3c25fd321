import { z } from 'zod';
import { SERVER_CALL_TYPES, SERVER_RESULT_TYPES } from '../server-tools.ts';
import {
  ClaudeBase64Source,
  ClaudeBlock,
  ClaudeDocumentBlock,
  ClaudeFileSource,
  ClaudeImageBlock,
  ClaudeRedactedThinkingBlock,
  ClaudeServerToolResultBlock,
  ClaudeServerToolUseBlock,
  ClaudeTextBlock,
  ClaudeTextSource,
  ClaudeThinkingBlock,
  ClaudeToolResultBlock,
  ClaudeToolUseBlock,
  ClaudeUrlSource,
} from '../wire/content.ts';
import { isRecord, type Path, type Problems } from './problems.ts';

/**
 * Content blocks, checked with the package's wire schemas by type. Block types this package does
 * not know are accepted with only a string `type` (Anthropic adds block types; the decoder keeps
 * them whole), so the validator never rejects what the adapter round-trips.
 */

// The wire schemas accept any `input` so that decoding never fails on it; the API takes only objects.
const ToolUse = ClaudeToolUseBlock.extend({ input: z.looseObject({}) });
const ServerToolUse = ClaudeServerToolUseBlock.extend({ input: z.looseObject({}) });

const BLOCKS: Record<string, z.ZodType> = {
  text: ClaudeTextBlock,
  image: ClaudeImageBlock,
  document: ClaudeDocumentBlock,
  tool_use: ToolUse,
  tool_result: ClaudeToolResultBlock,
  thinking: ClaudeThinkingBlock,
  redacted_thinking: ClaudeRedactedThinkingBlock,
};

const SOURCES: Record<string, z.ZodType> = {
  base64: ClaudeBase64Source,
  url: ClaudeUrlSource,
  file: ClaudeFileSource,
  text: ClaudeTextSource,
};

/** Block types only the assistant sends (spec §2.2); a user turn holding one is rejected. */
export const ASSISTANT_BLOCKS = new Set([
  'tool_use',
  'thinking',
  'redacted_thinking',
  ...SERVER_CALL_TYPES,
  ...SERVER_RESULT_TYPES,
]);

/** Block types only the user sends (spec §2.2); an assistant turn or a response holding one is rejected. */
export const USER_BLOCKS = new Set(['tool_result', 'image', 'document', 'search_result', 'container_upload']);

/** Block types whose `input` streams as `input_json_delta` fragments. */
export const INPUT_BLOCKS = new Set(['tool_use', ...SERVER_CALL_TYPES]);

/** The schema of a known block type, or `undefined` for a type this package does not know. */
export function blockSchema(type: string): z.ZodType | undefined {
  if (BLOCKS[type]) return BLOCKS[type];
  if (SERVER_CALL_TYPES.has(type)) return ServerToolUse;
  if (SERVER_RESULT_TYPES.has(type)) return ClaudeServerToolResultBlock;
  return undefined;
}

/**
 * Checks one block (and the blocks nested in a `tool_result`) against its schema; returns the
 * block's type when it has a readable one.
 */
export function checkBlock(problems: Problems, block: unknown, path: Path): string | undefined {
  if (!problems.schema(ClaudeBlock, block, path) || !isRecord(block)) return undefined;
  const type = block.type as string;
  const schema = blockSchema(type);
  if (schema) problems.schema(schema, block, path);
  if ((type === 'image' || type === 'document') && isRecord(block.source)) {
    const source = SOURCES[String(block.source.type)];
    if (source) problems.schema(source, block.source, [...path, 'source']);
  }
  if (type === 'tool_result' && Array.isArray(block.content))
    for (const [i, inner] of block.content.entries()) checkBlock(problems, inner, [...path, 'content', i]);
  return type;
}
