import type { JsonObject, MediaSource } from '@interlingua/core';

/** Image media types Claude accepts in base64 sources. */
export const IMAGE_MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Reads a Claude image/document `source`. Returns `undefined` for source shapes the core has no
 * form for (`content` documents, extra fields), which the caller then keeps whole in extensions.
 */
export function decodeSource(source: JsonObject): MediaSource | undefined {
  const keys = Object.keys(source).sort().join(',');
  if (source.type === 'base64' && keys === 'data,media_type,type')
    return { type: 'base64', mediaType: String(source.media_type), data: String(source.data) };
  if (source.type === 'url' && keys === 'type,url') return { type: 'url', url: String(source.url) };
  if (source.type === 'file' && keys === 'file_id,type') return { type: 'file', fileId: String(source.file_id) };
  if (source.type === 'text' && keys === 'data,media_type,type')
    return { type: 'text', text: String(source.data), mediaType: String(source.media_type) };
  return undefined;
}

/** Splits a `data:` URL into media type and base64 data, or `undefined` for any other URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1]!, data: match[2]! } : undefined;
}
