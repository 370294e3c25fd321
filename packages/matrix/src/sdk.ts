import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { ChatFormat } from '@interlingua/core';
import { formatSse, type WireEvent } from '@interlingua/core';
import OpenAI from 'openai';

/**
 * The official SDKs as oracles: each client gets a custom `fetch` that answers with our bytes (no
 * network), the way the adapter packages' own sdk-oracle tests run them.
 */

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const answering =
  (body: string, status: number, contentType: string): Fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': contentType } });

const BASE = 'http://127.0.0.1:1';

function openai(fetch: Fetch): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: `${BASE}/v1`, maxRetries: 0, fetch });
}

function anthropic(fetch: Fetch): Anthropic {
  return new Anthropic({ apiKey: 'test', baseURL: BASE, maxRetries: 0, fetch });
}

function google(fetch: Fetch): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'test', httpOptions: { baseUrl: BASE, fetch } });
}

/** Writes wire events as the format's SSE body (Gemini frames with CRLF like its server). */
export function sseBody(format: ChatFormat, events: readonly WireEvent[]): string {
  return events.map((e) => (format === 'gemini' ? `data: ${e.data}\r\n\r\n` : formatSse(e))).join('');
}

/**
 * Feeds a stream to the format's SDK stream accumulator and returns what it accumulated
 * (`finalChatCompletion`, `finalResponse`, `finalMessage`, or every `generateContentStream` chunk).
 * Rejects as the SDK does (a mid-stream error event becomes an API error).
 */
export async function sdkConsumeStream(format: ChatFormat, events: readonly WireEvent[]): Promise<unknown> {
  const fetch = answering(sseBody(format, events), 200, 'text/event-stream');
  switch (format) {
    case 'openai-chat':
      return openai(fetch)
        .chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
        .finalChatCompletion();
    case 'openai-responses':
      return openai(fetch).responses.stream({ model: 'm', input: 'hi' }).finalResponse();
    case 'claude':
      return anthropic(fetch)
        .messages.stream({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage();
    case 'gemini': {
      const chunks: unknown[] = [];
      for await (const chunk of await google(fetch).models.generateContentStream({ model: 'm', contents: 'hi' }))
        chunks.push(chunk);
      return chunks;
    }
  }
}

/** Feeds a non-streamed response body to the format's SDK call and returns what it parsed. */
export function sdkReadResponse(format: ChatFormat, body: unknown): Promise<unknown> {
  return sdkReadResponseWith(format, answering(JSON.stringify(body), 200, 'application/json'));
}

/**
 * Feeds an error body with its status to the format's SDK and returns the error it raised
 * (`undefined` if the call unexpectedly succeeded).
 */
export async function sdkRaise(format: ChatFormat, status: number, body: unknown): Promise<unknown> {
  const fetch = answering(JSON.stringify(body), status, 'application/json');
  try {
    await sdkReadResponseWith(format, fetch);
    return undefined;
  } catch (error) {
    return error;
  }
}

function sdkReadResponseWith(format: ChatFormat, fetch: Fetch): Promise<unknown> {
  switch (format) {
    case 'openai-chat':
      return openai(fetch).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    case 'openai-responses':
      return openai(fetch).responses.create({ model: 'm', input: 'hi' });
    case 'claude':
      return anthropic(fetch).messages.create({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'hi' }],
      });
    case 'gemini':
      return google(fetch).models.generateContent({ model: 'm', contents: 'hi' });
  }
}
