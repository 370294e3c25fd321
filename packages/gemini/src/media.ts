import type { AudioPart, FilePart, ImagePart, MediaSource } from '@interlingua/core';

/** The core part kind for a media type: `image/*` → image, `audio/*` → audio, anything else → file. */
export function mediaPart(mimeType: string | undefined, source: MediaSource): ImagePart | AudioPart | FilePart {
  if (mimeType?.startsWith('image/')) return { type: 'image', source };
  if (mimeType?.startsWith('audio/')) return { type: 'audio', source };
  return { type: 'file', source };
}

/** Parses a `data:` URL into media type and base64 data. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]*)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1] || 'application/octet-stream', data: match[2] ?? '' } : undefined;
}

/** True for URIs the Gemini API accepts in `fileData`: Files-API URIs, YouTube links and `gs://` objects (Vertex). */
export function isGeminiFileUri(url: string): boolean {
  return (
    url.startsWith('gs://') ||
    /^https:\/\/generativelanguage\.googleapis\.com\/.*files\//.test(url) ||
    /^https:\/\/(www\.)?(youtube\.com|youtu\.be)\//.test(url)
  );
}

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

/** Guesses a media type from a URL's file extension (Gemini requires `fileData.mimeType` for most URIs). */
export function guessMediaType(url: string, fallback: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return (ext && EXTENSION_TYPES[ext]) ?? fallback;
}

/** Default media type per core part kind, used when neither the source nor the URL says. */
export function defaultMediaType(kind: 'image' | 'audio' | 'file'): string {
  return kind === 'image' ? 'image/png' : kind === 'audio' ? 'audio/wav' : 'application/octet-stream';
}
