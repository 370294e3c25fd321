import type { WireEvent } from '@interlingua/core';
import OpenAI from 'openai';
import { formatSse } from './sse.ts';

/** Runs the openai SDK's `responses.stream()` helper over our SSE bytes and returns its final response. */
export async function sdkFinalResponse(events: WireEvent[]): Promise<unknown> {
  const body = events.map((e) => formatSse(e)).join('');
  const client = new OpenAI({
    apiKey: 'x',
    baseURL: 'http://127.0.0.1:1/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
  });
  return client.responses.stream({ model: 'x', input: 'x' }).finalResponse();
}

/**
 * The SDK adds parse helpers that are not on the wire: `output_text`, `output_parsed`, and
 * `parsed` / `parsed_arguments` on output items and text parts. They are removed before comparing.
 */
export function withoutSdkHelpers(response: unknown): unknown {
  const { output_text: _t, output_parsed: _p, ...rest } = response as Record<string, unknown>;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const { parsed: _a, parsed_arguments: _b, ...own } = value as Record<string, unknown>;
    return Object.fromEntries(Object.entries(own).map(([k, v]) => [k, strip(v)]));
  };
  return { ...rest, output: strip(rest.output) };
}
