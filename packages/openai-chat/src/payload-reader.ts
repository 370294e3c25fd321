import { createTemplateReader, type TemplateReader } from '@interlingua/core';
import { FORMAT } from './ext.ts';

/**
 * Reads Chat Completions chunks with core's template reader: after the first text delta, chunks differ
 * only in the delta's string (`content`, `reasoning_content`, `reasoning` or a tool call's `arguments`
 * fragment) and in OpenAI's random `obfuscation` padding, so most are read without `JSON.parse`.
 */
export function createPayloadReader(): TemplateReader {
  return createTemplateReader({
    format: FORMAT,
    paths: [
      ['choices', 0, 'delta', 'content'],
      ['choices', 0, 'delta', 'reasoning_content'],
      ['choices', 0, 'delta', 'reasoning'],
      ['choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'],
    ],
    padding: 'obfuscation',
  });
}
