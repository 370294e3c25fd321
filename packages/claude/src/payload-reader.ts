import { createTemplateReader, type TemplateReader } from '@interlingua/core';
import { FORMAT } from './ext.ts';

/**
 * Reads Claude stream payloads with core's template reader: `content_block_delta` events repeat one
 * shape and differ only in the delta's string (`text`, `thinking`, `partial_json` or `signature`), so
 * most are read without `JSON.parse`.
 */
export function createPayloadReader(): TemplateReader {
  return createTemplateReader({
    format: FORMAT,
    paths: [
      ['delta', 'text'],
      ['delta', 'thinking'],
      ['delta', 'partial_json'],
      ['delta', 'signature'],
    ],
  });
}
