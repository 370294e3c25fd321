import type { FinishReason, FinishReasonKind } from '@interlingua/core';

/**
 * Claude `stop_reason` ↔ canonical finish reason.
 *
 * @see https://docs.claude.com/en/api/handling-stop-reasons
 */
const TO_CORE: Record<string, FinishReasonKind> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  pause_turn: 'pause',
  refusal: 'content-filter',
  compaction: 'other',
};

const FROM_CORE: Record<FinishReasonKind, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  pause: 'pause_turn',
  error: 'end_turn',
  other: 'end_turn',
};

/** True for a `stop_reason` this table knows (unknown ones are kept in extensions by the decoders). */
export function isKnownStopReason(stopReason: string): boolean {
  return stopReason in TO_CORE;
}

/** Reads a `stop_reason` (and `stop_sequence`) into a canonical finish reason. */
export function decodeFinishReason(stopReason: string, stopSequence?: string | null): FinishReason {
  const out: FinishReason = { reason: TO_CORE[stopReason] ?? 'other', raw: stopReason };
  if (typeof stopSequence === 'string') out.stopSequence = stopSequence;
  return out;
}

/**
 * Writes a canonical finish reason as a `stop_reason`: Claude's own raw value when it matches the
 * canonical reason, else the table value (`stop` with a stop sequence → `stop_sequence`).
 * `exact` is false when the canonical reason has no Claude equivalent (`error`, `other`).
 */
export function encodeFinishReason(finish: FinishReason): { stopReason: string; exact: boolean } {
  if (finish.raw !== undefined && TO_CORE[finish.raw] === finish.reason) return { stopReason: finish.raw, exact: true };
  if (finish.reason === 'stop' && finish.stopSequence !== undefined)
    return { stopReason: 'stop_sequence', exact: true };
  return { stopReason: FROM_CORE[finish.reason], exact: finish.reason !== 'error' && finish.reason !== 'other' };
}
