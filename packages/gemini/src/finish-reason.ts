import type { FinishReason, FinishReasonKind, LossRecorder } from '@interlingua/core';

/**
 * Gemini `finishReason` → canonical kind. A `STOP` whose candidate holds function calls is a
 * tool-call finish (Gemini has no separate value for it).
 *
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export const FINISH_REASONS: Readonly<Record<string, FinishReasonKind>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content-filter',
  RECITATION: 'content-filter',
  LANGUAGE: 'content-filter',
  BLOCKLIST: 'content-filter',
  PROHIBITED_CONTENT: 'content-filter',
  SPII: 'content-filter',
  IMAGE_SAFETY: 'content-filter',
  IMAGE_PROHIBITED_CONTENT: 'content-filter',
  IMAGE_RECITATION: 'content-filter',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  NO_IMAGE: 'other',
  IMAGE_OTHER: 'other',
  OTHER: 'other',
  FINISH_REASON_UNSPECIFIED: 'other',
};

// Canonical kind → the Gemini value written for it when the raw value is foreign.
const TO_WIRE: Readonly<Record<FinishReasonKind, string>> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  'tool-calls': 'STOP',
  'content-filter': 'SAFETY',
  pause: 'STOP',
  error: 'OTHER',
  other: 'OTHER',
};

/** Decodes a wire finish reason; `hasCalls` says whether the candidate called functions. */
export function decodeFinishReason(raw: string, hasCalls: boolean): FinishReason {
  const reason = raw === 'STOP' && hasCalls ? 'tool-calls' : (FINISH_REASONS[raw] ?? 'other');
  return { reason, raw };
}

/** Encodes a canonical finish reason: the raw Gemini value when it is one and still agrees, else the table's value. */
export function encodeFinishReason(finish: FinishReason): string {
  const raw = finish.raw;
  if (raw !== undefined) {
    const kind = FINISH_REASONS[raw];
    if (kind === finish.reason || (raw === 'STOP' && finish.reason === 'tool-calls')) return raw;
    if (kind === undefined && finish.reason === 'other' && /^[A-Z_]+$/.test(raw)) return raw;
  }
  return TO_WIRE[finish.reason];
}

/**
 * Encodes a finish reason and reports what Gemini cannot say: a kind that reads back as another one
 * (`error` → `OTHER`, `pause` → `STOP`, `tool-calls` without calls → `STOP`) and a stop sequence
 * (Gemini does not name the one that matched). `path` points at the choice's `finishReason`.
 */
export function encodeFinishReasonReporting(
  finish: FinishReason,
  hasCalls: boolean,
  losses: LossRecorder,
  path: (string | number)[],
): string {
  const wire = encodeFinishReason(finish);
  const back = decodeFinishReason(wire, hasCalls).reason;
  if (back !== finish.reason)
    losses.approximate(
      [...path, 'reason'],
      `Gemini has no finish reason for ${finish.reason}: sent ${wire}, read back as ${back}`,
      'finish-reason',
    );
  if (finish.stopSequence !== undefined)
    losses.drop([...path, 'stopSequence'], 'Gemini does not say which stop sequence matched', 'finish-reason');
  return wire;
}
