import type { ApiError } from '@interlingua/core';
import { kindOfStatus } from '../gateway/gateway-error.ts';

/**
 * Faults a prompt can ask the simulator for, so that the gateway's error paths can be shown and
 * tested against a real HTTP upstream:
 *
 * - `[sim:error 429]`: answer with that HTTP status, in the format's error envelope;
 * - `[sim:fail-mid-stream]`: stream half of the answer, then a mid-stream error event;
 * - `[sim:disconnect]`: stream half of the answer, then drop the connection;
 * - `[sim:delay 500]`: wait that many milliseconds before answering.
 */
export interface Directives {
  error?: ApiError;
  failMidStream?: boolean;
  disconnect?: boolean;
  delayMs?: number;
}

/** Reads the directives out of the user's text. */
export function readDirectives(text: string): Directives {
  const directives: Directives = {};
  const error = /\[sim:error (\d{3})\]/.exec(text);
  if (error) {
    const status = Number(error[1]);
    directives.error = { kind: kindOfStatus(status), status, message: `simulated error ${status}` };
  }
  if (text.includes('[sim:fail-mid-stream]')) directives.failMidStream = true;
  if (text.includes('[sim:disconnect]')) directives.disconnect = true;
  const delay = /\[sim:delay (\d{1,6})\]/.exec(text);
  if (delay) directives.delayMs = Number(delay[1]);
  return directives;
}
