import type { CacheHint, ContentPart, JsonObject, LossRecorder, TextPart } from '@interlingua/core';
import { extFields, extMarkers, nested, put } from './ext.ts';
import { audioFormat, encodeDataUrl } from './media.ts';

/** Parts a Chat user message can carry. */
export type UserPart = Extract<ContentPart, { type: 'text' | 'image' | 'audio' | 'file' }>;

/**
 * Writes one text / image / audio / file part as a Chat content part, or reports why it cannot be
 * written (URL audio, URL or text files, file-id images) and returns undefined.
 */
export function encodeUserPart(
  part: ContentPart,
  path: (string | number)[],
  losses: LossRecorder,
): JsonObject | undefined {
  const fields = extFields(part);
  let out: JsonObject | undefined;
  switch (part.type) {
    case 'text':
      out = { type: 'text', text: part.text };
      if (part.citations && part.citations.length > 0)
        losses.drop([...path, 'citations'], 'Chat request text parts carry no citations', 'content.citations');
      encodeTextSignature(part, path, losses);
      break;
    case 'image': {
      const source = part.source;
      let url: string | undefined;
      if (source.type === 'url') url = source.url;
      else if (source.type === 'base64') url = encodeDataUrl(source.mediaType, source.data);
      if (url === undefined) {
        losses.drop(path, `Chat image_url cannot reference an image by ${source.type}`, 'content.image');
        return undefined;
      }
      const image: JsonObject = { ...nested(fields, 'image_url'), url };
      put(image, 'detail', part.detail);
      out = { type: 'image_url', image_url: image };
      break;
    }
    case 'audio': {
      if (part.source.type !== 'base64') {
        losses.drop(path, 'Chat input_audio takes base64 data only', 'content.audio');
        return undefined;
      }
      const audio = {
        ...nested(fields, 'input_audio'),
        data: part.source.data,
        format: audioFormat(part.source.mediaType),
      };
      out = { type: 'input_audio', input_audio: audio };
      break;
    }
    case 'file': {
      const source = part.source;
      const file: JsonObject = { ...nested(fields, 'file') };
      if (source.type === 'file') file.file_id = source.fileId;
      else if (source.type === 'base64')
        file.file_data = extMarkers(part).bareFileData ? source.data : encodeDataUrl(source.mediaType, source.data);
      else if (source.type === 'text') {
        losses.approximate(path, 'Chat has no plain-text documents; the text is sent as a text part', 'content.file');
        out = { type: 'text', text: source.text };
        break;
      } else {
        losses.drop(path, 'Chat file parts cannot reference a file by URL', 'content.file');
        return undefined;
      }
      put(file, 'filename', part.filename);
      if (part.title !== undefined || part.context !== undefined || part.citations !== undefined)
        losses.drop(path, 'Chat file parts have no title, context or citations setting', 'content.file');
      out = { type: 'file', file };
      break;
    }
    default:
      return undefined;
  }
  // Nested extras (`image_url`, `input_audio`, `file`) were merged into `out` above, so `out` wins here.
  const merged: JsonObject = { ...fields, ...out };
  encodeBreakpoint(merged, part.cache, path, losses);
  return merged;
}

/**
 * Reports the signature a text part may carry (Gemini's `thoughtSignature`): Chat text has no place
 * for one, and only tool calls carry Gemini-compat signatures.
 */
export function encodeTextSignature(part: TextPart, path: (string | number)[], losses: LossRecorder): void {
  if (part.signature)
    losses.drop(
      [...path, 'signature'],
      `a ${part.signature.format} signature on a text part is not forwarded to Chat`,
      'reasoning.signature',
    );
}

/** Writes a cache hint as `prompt_cache_breakpoint` (Chat's explicit cache mode has no per-part TTL). */
export function encodeBreakpoint(
  out: JsonObject,
  cache: CacheHint | undefined,
  path: (string | number)[],
  losses: LossRecorder,
): void {
  if (!cache) return;
  out.prompt_cache_breakpoint = { mode: 'explicit' };
  if (cache.ttl !== undefined)
    losses.drop(
      [...path, 'cache', 'ttl'],
      'Chat cache breakpoints have no TTL (prompt_cache_options.ttl is request-wide)',
      'cache',
    );
}
