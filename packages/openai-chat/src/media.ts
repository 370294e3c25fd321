import type { MediaSource } from '@interlingua/core';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/**
 * Reads an `image_url.url` or `file.file_data`: a base64 data URL becomes a base64 source (the
 * core's form for inline bytes), anything else stays a URL.
 */
export function decodeDataUrl(url: string): MediaSource {
  const match = DATA_URL.exec(url);
  if (match?.[1] !== undefined && match[2] !== undefined)
    return { type: 'base64', mediaType: match[1], data: match[2] };
  return { type: 'url', url };
}

/** Writes inline bytes as a data URL. */
export function encodeDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** `input_audio.format` → media type. */
export function audioMediaType(format: string): string {
  if (format === 'mp3') return 'audio/mpeg';
  if (format === 'pcm16') return 'audio/pcm';
  return `audio/${format}`;
}

/** Media type → `input_audio.format` (the inverse of `audioMediaType`; OpenAI itself accepts `wav` and `mp3`). */
export function audioFormat(mediaType: string): string {
  const subtype = mediaType.toLowerCase().split(';')[0]?.split('/')[1] ?? mediaType;
  if (subtype === 'mpeg' || subtype === 'mp3') return 'mp3';
  if (subtype === 'x-wav' || subtype === 'wave') return 'wav';
  if (subtype === 'pcm') return 'pcm16';
  return subtype;
}
