import type { ChatFormat } from '@interlingua/core';
import { ADAPTERS, type AdapterTable } from '../../src/adapters.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { AccessLogEntry } from '../../src/gateway/access-log.ts';
import { createGateway } from '../../src/gateway/server.ts';
import { createSimulator } from '../../src/simulator/server.ts';

/** A running simulator + gateway pair on loopback, with the access log captured. */
export interface Stack {
  origin: string;
  simulatorOrigin: string;
  logs: AccessLogEntry[];
  adapters: AdapterTable;
  close(): Promise<void>;
}

/**
 * Starts the simulator (no pacing) and a gateway whose providers are the simulator declared once per
 * format (`sim-<format>`, so it really serves each upstream format over HTTP), routed by model prefix:
 * `<format>/…` goes to that format; `alias-claude` and `alias-same` rewrite the model; anything else to the built-in `simulator` (same format as the client).
 */
export async function startStack(
  extra: Record<string, unknown> = {},
  build?: (sim: string) => unknown,
): Promise<Stack> {
  const adapters = ADAPTERS;
  const simulator = createSimulator({ adapters, pacing: false, chunkChars: 12, chunkDelayMs: 0 });
  const simulatorOrigin = await simulator.listen();
  const formats: ChatFormat[] = ['openai-chat', 'openai-responses', 'claude', 'gemini'];
  const file = build?.(simulatorOrigin) ?? {
    server: { host: '127.0.0.1', port: 0 },
    providers: formats.map((format) => ({ id: `sim-${format}`, format, baseURL: simulatorOrigin })),
    routes: [
      ...formats.map((format) => ({ match: `${format}/*`, provider: `sim-${format}` })),
      { match: 'alias-claude', provider: 'sim-claude', model: 'claude/rewritten' },
      { match: 'alias-same', provider: 'simulator', model: 'rewritten' },
      { match: '*', provider: 'simulator' },
    ],
    ...extra,
  };
  const config = parseConfig(file, 'test', {});
  const logs: AccessLogEntry[] = [];
  const gateway = createGateway({ config, adapters, simulatorOrigin, logger: (entry) => logs.push(entry) });
  const origin = await gateway.listen(0, '127.0.0.1');
  return {
    origin,
    simulatorOrigin,
    logs,
    adapters,
    async close() {
      await gateway.close(0);
      await simulator.close();
    },
  };
}

/** Waits until `check` passes (the access log is written when the response closes, a tick after the client sees it). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
