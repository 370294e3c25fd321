import { gatewayError } from './gateway-error.ts';

/** The most a complete (non-streamed) upstream answer may weigh before the gateway gives up on it. */
export const MAX_UPSTREAM_BODY = 64 * 1024 * 1024;

/** Reads a complete upstream body as text, bounded by `MAX_UPSTREAM_BODY`. */
export async function readUpstreamText(body: AsyncIterable<Uint8Array>, limit = MAX_UPSTREAM_BODY): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw gatewayError('server', 502, `the upstream answer exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
