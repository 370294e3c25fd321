import type { ServerResponse } from 'node:http';
import type { ApiError, ChatFormat, JsonValue } from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';

/** Sends a JSON body with a status (no-op when the client is gone or headers already went out). */
export function sendJson(res: ServerResponse, status: number, body: JsonValue | string): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Encodes an error in the client's format (its adapter's envelope and status) and sends it. */
export function sendError(res: ServerResponse, adapters: AdapterTable, format: ChatFormat, error: ApiError): number {
  const adapter = adapters[format];
  // Without the format's adapter (not landed yet), fall back to the OpenAI envelope, the most widely parsed one.
  const { status, body } = adapter
    ? adapter.error.encode(error)
    : {
        status: error.status,
        body: { error: { message: error.message, type: error.type ?? error.kind, param: null, code: null } },
      };
  sendJson(res, status, body);
  return status;
}
