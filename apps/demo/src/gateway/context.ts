import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatAdapter, ChatFormat } from '@interlingua/core';
import type { AdapterTable } from '../adapters.ts';
import type { GatewayConfig } from '../config/load-config.ts';
import type { AccessLogEntry } from './access-log.ts';
import { gatewayError } from './gateway-error.ts';
import type { Router } from './router.ts';
import type { UpstreamPools } from './upstream.ts';

/** One inbound request being served. */
export interface RequestContext {
  /** The request id, also sent as `x-request-id`. */
  readonly id: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Aborted when the client disconnects before the answer is complete: cancels the upstream call. */
  readonly signal: AbortSignal;
  /** `performance.now()` when the request arrived. */
  readonly started: number;
  /** The access-log line, filled in as the request progresses. */
  readonly log: AccessLogEntry;
  /** Records the time to first byte (once). */
  markFirstByte(): void;
}

/** What the request handlers share. */
export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly adapters: AdapterTable;
  readonly router: Router;
  readonly pools: UpstreamPools;
}

/** The adapter of a format, or a 501 naming the missing package. */
export function requireAdapter(adapters: AdapterTable, format: ChatFormat): ChatAdapter {
  const adapter = adapters[format];
  if (!adapter) {
    throw gatewayError('server', 501, `the ${format} adapter is not available in this build of the gateway`, {
      type: 'not_implemented',
    });
  }
  return adapter;
}
