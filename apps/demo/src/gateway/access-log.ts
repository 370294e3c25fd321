import type { Usage } from '@interlingua/core';

/** The one structured line logged per request. Never holds a key or a body. */
export interface AccessLogEntry {
  time: string;
  id: string;
  method: string;
  path: string;
  inbound?: string;
  provider?: string;
  upstream?: string;
  model?: string;
  upstreamModel?: string;
  stream?: boolean;
  passThrough?: boolean;
  /** Upstream requests made, when more than one (retries of a provider, then its fallbacks). */
  attempts?: number;
  status?: number;
  latencyMs?: number;
  ttfbMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  losses?: string[];
  error?: string;
  clientAborted?: boolean;
}

/** Where access-log lines go. */
export type AccessLogger = (entry: AccessLogEntry) => void;

/**
 * The default logger: one JSON line per request on stderr. Lines are batched and written once per
 * turn of the event loop (stderr is synchronous on files and pipes: a write per request would be a
 * system call on every answer's path); whatever is pending is written before the process exits.
 */
export const stderrLogger: AccessLogger = (entry) => {
  pending += `${JSON.stringify(entry)}\n`;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
};

let pending = '';
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (pending === '') return;
  const lines = pending;
  pending = '';
  process.stderr.write(lines);
}

process.once('exit', flush);

/** Copies the token counts of a usage snapshot into the log entry. */
export function recordUsage(entry: AccessLogEntry, usage: Usage | undefined): void {
  if (usage?.inputTokens !== undefined) entry.inputTokens = usage.inputTokens;
  if (usage?.outputTokens !== undefined) entry.outputTokens = usage.outputTokens;
}
