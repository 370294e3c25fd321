import type { ChatRequest } from '@interlingua/core';

/** The `anthropic-version` sent when the caller gave none. */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** Keeps the `anthropic-*` headers of an incoming request (lower-cased), or `undefined` when there are none. */
export function pickHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower.startsWith('anthropic-')) out[lower] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The headers to send with an encoded request: `anthropic-version` (the caller's, else
 * `2023-06-01`) and the caller's `anthropic-beta` and other `anthropic-*` headers. Credentials
 * are not this adapter's business.
 */
export function requestHeaders(request: ChatRequest): Record<string, string> {
  const picked = pickHeaders(request.headers) ?? {};
  return { 'anthropic-version': DEFAULT_ANTHROPIC_VERSION, ...picked };
}
