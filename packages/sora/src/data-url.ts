import type { MediaSource } from '@interlingua/core';

const DATA_URL = /^data:([^;,]+)?((?:;[^;,=]+=[^;,]*)*);base64,(.*)$/s;

/**
 * Reads an image string (`input_reference.image_url`): a `data:` URL becomes a base64 source, an
 * http(s) URL a URL source. Bare base64 (some clients omit the prefix) becomes base64 of unknown type.
 */
export function sourceFromString(value: string): MediaSource {
  const match = DATA_URL.exec(value);
  if (match && match[2] === '')
    return { type: 'base64', mediaType: match[1] ?? 'application/octet-stream', data: match[3] ?? '' };
  if (/^https?:\/\//i.test(value)) return { type: 'url', url: value };
  return { type: 'base64', mediaType: 'application/octet-stream', data: value };
}

/** Writes a source as an image string (data URL or URL); `undefined` for file ids and text. */
export function sourceToString(source: MediaSource): string | undefined {
  switch (source.type) {
    case 'base64':
      return source.mediaType === 'application/octet-stream'
        ? source.data
        : `data:${source.mediaType};base64,${source.data}`;
    case 'url':
      return source.url;
    default:
      return undefined;
  }
}
