import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { ADAPTERS } from '../src/adapters.ts';
import { parseConfig } from '../src/config/load-config.ts';
import { createGateway, type Gateway } from '../src/gateway/server.ts';
import { createSimulator, type Simulator } from '../src/simulator/server.ts';

/** A fresh data directory for one test's task store. */
export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'interlingua-media-'));
}

/** A simulator without pacing (media tasks step every 5 ms). */
export async function startSimulator(): Promise<{ simulator: Simulator; origin: string }> {
  const simulator = createSimulator({ adapters: ADAPTERS, pacing: false, chunkChars: 12, chunkDelayMs: 0 });
  return { simulator, origin: await simulator.listen() };
}

/** A gateway on loopback whose routes all reach the given simulator, with fast polling. */
export async function startGateway(
  simulatorOrigin: string,
  dataDir: string,
  extra: Record<string, unknown> = {},
): Promise<{ gateway: Gateway; origin: string }> {
  const config = parseConfig(
    { server: { port: 0 }, dataDir, media: { pollMs: 20, maxPollMs: 200, hookBackoffMs: 20 }, ...extra },
    'test',
    {},
  );
  const gateway = createGateway({ config, adapters: ADAPTERS, simulatorOrigin, logger: () => {} });
  return { gateway, origin: await gateway.listen(0, '127.0.0.1') };
}

/** One HTTP call with undici: status, headers, raw bytes and the JSON body when there is one. */
export async function call(
  url: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; headers?: Record<string, string>; raw?: boolean } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await request(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return {
    status: response.statusCode,
    headers: response.headers,
    bytes,
    json: json as Record<string, unknown> & unknown[],
  };
}

/** Polls `check` until it returns a value (not undefined), failing after `timeoutMs`. */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Reads a PNG's IHDR after checking the 8-byte signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
