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
  /** Providers tried, when a fallback was used. */
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

/** The default logger: one JSON line on stderr. */
export const stderrLogger: AccessLogger = (entry) => {
  process.stderr.write(`${JSON.stringify(entry)}\n`);
};

/** Copies the token counts of a usage snapshot into the log entry. */
export function recordUsage(entry: AccessLogEntry, usage: Usage | undefined): void {
  if (usage?.inputTokens !== undefined) entry.inputTokens = usage.inputTokens;
  if (usage?.outputTokens !== undefined) entry.outputTokens = usage.outputTokens;
}
