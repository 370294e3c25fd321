import type { MediaSource } from './model/media-source.ts';

const DATA_URL = /^data:([^;,]+)?((?:;[^;,=]+=[^;,]*)*);base64,(.*)$/s;

/**
 * Reads an image string as media APIs take it (a Midjourney proxy's `base64Array`, Sora's
 * `input_reference.image_url`): a `data:` URL becomes a base64 source, an
 * http(s) URL a URL source. Bare base64 (some clients omit the prefix) becomes base64 of unknown type.
 */
export function sourceFromString(value: string): MediaSource {
  const match = DATA_URL.exec(value);
  if (match && match[2] === '')
    return { type: 'base64', mediaType: match[1] ?? 'application/octet-stream', data: match[3] ?? '' };
  if (/^https?:\/\//i.test(value)) return { type: 'url', url: value };
  return { type: 'base64', mediaType: 'application/octet-stream', data: value };
}

/** Writes a source as an image string (data URL or URL); `undefined` for sources that cannot be one (file ids, text). */
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
