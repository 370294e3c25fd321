import type { ChatFormat } from '@interlingua/core';
import { Pool } from 'undici';
import type { ResolvedProvider } from '../config/load-config.ts';
import type { CountingFormat } from './count-tokens-wire.ts';
import type { RouteTarget } from './router.ts';

/** The path of a chat call for each upstream format, after the provider's base path. */
export function chatPath(format: ChatFormat, model: string, stream: boolean): string {
  switch (format) {
    case 'openai-chat':
      return '/v1/chat/completions';
    case 'openai-responses':
      return '/v1/responses';
    case 'claude':
      return '/v1/messages';
    case 'gemini':
      // The gateway always asks Gemini for SSE: it re-frames to the JSON-array form when the client wants that.
      return `/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
}

/** The path of a count-tokens call for the formats that have one. */
export function countTokensPath(format: CountingFormat, model: string): string {
  if (format === 'claude') return '/v1/messages/count_tokens';
  if (format === 'openai-responses') return '/v1/responses/input_tokens';
  return `/v1beta/models/${encodeURIComponent(model)}:countTokens`;
}

/** The headers of an upstream call: content type, the format's auth convention, the provider's extra headers. */
export function upstreamHeaders(target: RouteTarget, extra: Record<string, string> = {}): Record<string, string> {
  const { provider, format } = target;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = provider.apiKey;
  if (format === 'claude') {
    headers['anthropic-version'] = '2023-06-01';
    if (key) headers['x-api-key'] = key;
  } else if (format === 'gemini') {
    if (key) headers['x-goog-api-key'] = key;
  } else if (key) {
    headers.authorization = `Bearer ${key}`;
  }
  return { ...headers, ...extra, ...provider.headers };
}

/** One keep-alive undici pool per provider, created on first use. */
export class UpstreamPools {
  private readonly pools = new Map<string, { pool: Pool; basePath: string }>();

  /** The pool for a provider and the base path its URLs start with. */
  get(provider: ResolvedProvider): { pool: Pool; basePath: string } {
    let entry = this.pools.get(provider.id);
    if (!entry) {
      const url = new URL(provider.baseURL as string);
      const pool = new Pool(url.origin, {
        connections: provider.connections,
        connectTimeout: provider.timeouts.connectMs,
        headersTimeout: provider.timeouts.firstByteMs,
        bodyTimeout: provider.timeouts.idleMs,
        keepAliveTimeout: 30_000,
      });
      entry = { pool, basePath: url.pathname.replace(/\/+$/, '') };
      this.pools.set(provider.id, entry);
    }
    return entry;
  }

  /** Closes every pool (in-flight requests finish first). */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((entry) => entry.pool.close()));
    this.pools.clear();
  }

  /** Destroys every pool at once, aborting in-flight requests. */
  async destroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((entry) => entry.pool.destroy()));
    this.pools.clear();
  }
}
