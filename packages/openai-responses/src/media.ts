import type { MediaSource } from '@interlingua/core';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** Reads an `image_url` / `file_data` string: a base64 data URL becomes inline data, anything else a URL. */
export function sourceFromUrl(url: string): MediaSource {
  const match = DATA_URL.exec(url);
  if (match?.[1] !== undefined && match[2] !== undefined)
    return { type: 'base64', mediaType: match[1], data: match[2] };
  return { type: 'url', url };
}

/** Writes inline data as a data URL (the only inline form Responses accepts for images and files). */
export function dataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** True when `value` is a base64 data URL. */
export function isDataUrl(value: string): boolean {
  return DATA_URL.test(value);
}
