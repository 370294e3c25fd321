import type { MediaResult } from '@interlingua/core';

/** What `GET /v1/videos/{id}/content` can download. */
export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

/** The media type of each variant (the thumbnail is WebP; check the response's Content-Type to be sure). */
export const VARIANT_MEDIA_TYPES: Readonly<Record<VideoVariant, string>> = {
  video: 'video/mp4',
  thumbnail: 'image/webp',
  spritesheet: 'image/jpeg',
};

/** The content path of a video variant (`variant` is left out for the default, `video`). */
export function contentPath(videoId: string, variant: VideoVariant = 'video'): string {
  const path = `/v1/videos/${encodeURIComponent(videoId)}/content`;
  return variant === 'video' ? path : `${path}?variant=${variant}`;
}

/** Reads a content path or URL back into video id and variant; `undefined` for other paths or unknown variants. */
export function parseContentPath(pathOrUrl: string): { videoId: string; variant: VideoVariant } | undefined {
  const match = /\/v1\/videos\/([^/?#]+)\/content(?:\?([^#]*))?/.exec(pathOrUrl);
  if (!match?.[1]) return undefined;
  const variant = new URLSearchParams(match[2] ?? '').get('variant') ?? 'video';
  if (!(variant in VARIANT_MEDIA_TYPES)) return undefined;
  return { videoId: decodeURIComponent(match[1]), variant: variant as VideoVariant };
}

/**
 * The downloadable results of a completed video, as core results pointing at the content endpoint
 * (`baseUrl` is prepended, e.g. `https://api.openai.com`). The video object itself carries no URL.
 */
export function contentResults(videoId: string, baseUrl = ''): MediaResult[] {
  return (Object.keys(VARIANT_MEDIA_TYPES) as VideoVariant[]).map((variant) => ({
    url: `${baseUrl}${contentPath(videoId, variant)}`,
    variant,
    mediaType: VARIANT_MEDIA_TYPES[variant],
  }));
}
