import OpenAI from 'openai';

/**
 * Runs the official openai SDK's stream accumulator over an SSE body, through its real HTTP + SSE
 * path (a fetch stub serves the bytes, no network), and returns its final chat completion.
 */
export async function sdkFinalCompletion(sse: string, params: { n?: number } = {}): Promise<unknown> {
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:1/v1',
    maxRetries: 0,
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.chat.completions.stream({
    model: 'test-model',
    messages: [{ role: 'user', content: 'hi' }],
    ...(params.n !== undefined ? { n: params.n } : {}),
  });
  return JSON.parse(JSON.stringify(await stream.finalChatCompletion())) as unknown;
}
