import type { ChatFormat } from '@interlingua/core';
import { type MediaRoute, matchMedia } from '../media/media-routes.ts';
import type { CountingFormat } from './count-tokens-wire.ts';

/** A chat call: the client's format, and for Gemini the model and stream mode taken from the URL. */
export interface ChatRoute {
  kind: 'chat';
  format: ChatFormat;
  /** The model named in the URL (Gemini). */
  model?: string;
  /** Streaming decided by the URL (Gemini `:streamGenerateContent`). */
  stream?: boolean;
  /** Gemini streams: `?alt=sse` (true) or the JSON-array form (false). */
  sse?: boolean;
}

/** What an inbound request asks for. */
export type InboundRoute =
  | ChatRoute
  | { kind: 'count-tokens'; format: CountingFormat; model?: string }
  | { kind: 'list-models'; format: 'openai-chat' | 'claude' | 'gemini' }
  | { kind: 'get-model'; format: 'openai-chat' | 'claude' | 'gemini'; id: string }
  | { kind: 'health' }
  | { kind: 'media'; media: MediaRoute };

const GEMINI_CALL = /^\/(?:v1beta|v1)\/models\/(.+):(generateContent|streamGenerateContent|countTokens)$/;
const GET_MODEL = /^\/(v1beta|v1)\/models\/(.+)$/;

/**
 * Maps a method and URL onto a route (see `/work/shared/specs/routes.md`). `anthropicStyle` says the
 * client sent `anthropic-version`, which makes the `/v1/models` routes answer in Anthropic's shape.
 */
export function matchInbound(method: string, url: URL, anthropicStyle: boolean): InboundRoute | undefined {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const media = matchMedia(method, path);
  if (media) return { kind: 'media', media };
  if (method === 'POST') {
    // `/v1beta/openai/…` is Gemini's OpenAI-compatible surface, which some clients are configured for.
    if (path === '/v1/chat/completions' || path === '/v1beta/openai/chat/completions') {
      return { kind: 'chat', format: 'openai-chat' };
    }
    if (path === '/v1/responses') return { kind: 'chat', format: 'openai-responses' };
    if (path === '/v1/messages') return { kind: 'chat', format: 'claude' };
    if (path === '/v1/messages/count_tokens') return { kind: 'count-tokens', format: 'claude' };
    if (path === '/v1/responses/input_tokens') return { kind: 'count-tokens', format: 'openai-responses' };
    const gemini = GEMINI_CALL.exec(path);
    if (gemini) {
      const model = decodeURIComponent(gemini[1] as string);
      if (gemini[2] === 'countTokens') return { kind: 'count-tokens', format: 'gemini', model };
      const stream = gemini[2] === 'streamGenerateContent';
      return { kind: 'chat', format: 'gemini', model, stream, sse: stream && url.searchParams.get('alt') === 'sse' };
    }
    return undefined;
  }
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/health') return { kind: 'health' };
  const listFormat = anthropicStyle ? 'claude' : 'openai-chat';
  if (path === '/v1/models') return { kind: 'list-models', format: listFormat };
  if (path === '/v1beta/openai/models') return { kind: 'list-models', format: 'openai-chat' };
  if (path === '/v1beta/models') return { kind: 'list-models', format: 'gemini' };
  const get = GET_MODEL.exec(path);
  if (get) {
    const id = decodeURIComponent(get[2] as string).replace(/^models\//, '');
    return { kind: 'get-model', format: get[1] === 'v1beta' ? 'gemini' : listFormat, id };
  }
  return undefined;
}

/** Whether a chat call streams: the Gemini URL says so, other formats say `"stream": true` in the body. */
export function wantsStream(route: ChatRoute, body: unknown): boolean {
  if (route.format === 'gemini') return route.stream === true;
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}

/** The model a chat or count-tokens call names: in the Gemini URL, or the body's `model`. */
export function requestedModel(route: { format: ChatFormat; model?: string }, body: unknown): string {
  if (route.model !== undefined) return route.model;
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : '';
}
