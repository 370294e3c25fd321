import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';

const packagesDir = join(import.meta.dirname, '..', '..');

/** What a recording is, from the `<scenario>.<kind>.<ext>` naming of the fixtures. */
function expectedKind(name: string): string {
  if (name.endsWith('.request.json')) return 'request';
  if (name.endsWith('.sse') || name.endsWith('.chunks.jsonl') || name.endsWith('-no-sse.json')) return 'stream';
  if (name.startsWith('error-')) return 'error';
  return 'response';
}

describe('detect', () => {
  for (const format of ['openai-chat', 'openai-responses', 'claude', 'gemini']) {
    const dir = join(packagesDir, format, 'fixtures');
    const files = readdirSync(dir).filter((name) => /\.(json|sse|jsonl)$/.test(name));
    it.each(files)(`recognises ${format} fixture %s`, (name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      // JSONL recordings are detected from their first line, as the CLI does.
      const head = name.endsWith('.jsonl') ? (text.split('\n')[0] ?? '') : text.slice(0, 64 * 1024);
      const detection = detect(head);
      // Gemini stream chunks are whole responses: only the JSONL framing says "stream".
      const kind = name.endsWith('.jsonl') && format === 'gemini' ? 'response' : expectedKind(name);
      // Responses errors use the Chat Completions envelope byte for byte: they detect as openai-chat.
      const expectedFormat = format === 'openai-responses' && kind === 'error' ? 'openai-chat' : format;
      expect(detection).toMatchObject({ format: expectedFormat, kind });
    });
  }

  it('returns undefined for text that is no known body', () => {
    expect(detect('hello')).toBeUndefined();
    expect(detect('{"foo": 1}')).toBeUndefined();
    expect(detect('[1, 2]')).toBeUndefined();
  });
});
