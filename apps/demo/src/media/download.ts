import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { RequestContext } from '../gateway/context.ts';
import { gatewayError } from '../gateway/gateway-error.ts';

/** Streams an upstream file to the client with its type and length; an upstream error becomes a 502. */
export async function pipeDownload(ctx: RequestContext, response: Dispatcher.ResponseData): Promise<void> {
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump();
    throw gatewayError('server', 502, `the upstream answered ${response.statusCode} for the file`);
  }
  const headers: Record<string, string> = { 'cache-control': 'private, max-age=3600' };
  for (const name of ['content-type', 'content-length']) {
    const value = response.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  ctx.markFirstByte();
  ctx.res.writeHead(200, headers);
  // One chunk at a time, waiting for 'drain': a slow client slows the download instead of filling memory.
  for await (const chunk of response.body) {
    if (!ctx.res.write(chunk)) await new Promise((resolve) => ctx.res.once('drain', resolve));
  }
  ctx.res.end();
}

/** Downloads an absolute URL (a Midjourney result, possibly on a CDN) to the client. */
export async function proxyUrl(ctx: RequestContext, url: string): Promise<void> {
  const response = await request(url, { signal: ctx.signal, headersTimeout: 60_000, bodyTimeout: 60_000 });
  await pipeDownload(ctx, response);
}
