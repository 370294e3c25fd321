import type { Readable } from 'node:stream';
import { gatewayError } from '../gateway/gateway-error.ts';

/**
 * Reads a whole body, refusing more than `limit` bytes (413 before reading when `Content-Length`
 * already says so), so a client cannot make the gateway hold an unbounded request in memory.
 */
export async function readBody(source: Readable, limit: number, declaredLength?: string): Promise<Buffer> {
  if (declaredLength !== undefined && Number(declaredLength) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Parses a JSON body, answering 400 with the parser's reason when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw gatewayError('invalid_request', 400, `the request body is not valid JSON: ${(error as Error).message}`, {
      type: 'invalid_request_error',
    });
  }
}

function tooLarge(limit: number) {
  return gatewayError('request_too_large', 413, `the request body exceeds the gateway's limit of ${limit} bytes`, {
    type: 'request_too_large',
  });
}
