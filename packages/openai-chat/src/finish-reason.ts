import type { FinishReason, FinishReasonKind, LossRecorder } from '@interlingua/core';

/**
 * Chat `finish_reason` values and their canonical kinds. `function_call` is the deprecated
 * `functions` API's tool ending.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
const TABLE: Record<string, FinishReasonKind> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** Canonical kind → the Chat value written for it when the raw value is foreign. */
const REVERSE: Record<FinishReasonKind, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  pause: 'stop',
  error: 'stop',
  other: 'stop',
};

/**
 * Maps a Chat `finish_reason` to the canonical one, keeping the raw value. A `stop` on a message
 * that carries tool calls (some compatible servers send it) is `tool-calls`.
 */
export function decodeFinishReason(raw: string, hasToolCalls = false): FinishReason {
  const reason = TABLE[raw] ?? 'other';
  return { reason: reason === 'stop' && hasToolCalls ? 'tool-calls' : reason, raw };
}

/**
 * Maps a canonical finish reason to Chat's value. The raw value is reused when it is a Chat value
 * that means the same thing (so `function_call` and a tool-carrying `stop` survive a round trip);
 * `approximated` is true when Chat has no value for the reason (`pause`, `error`, `other`).
 *
 * `hasToolCalls: false` says the choice carries no tool call on the wire (another format's calls
 * were dropped, or it ended `tool-calls` with server tools only): a `tool-calls` finish is then
 * written as `stop` (approximated), since OpenAI never sends `tool_calls` without calls and clients
 * would wait for calls that never come. `hasToolCalls: true` with a `stop` finish is approximated:
 * Chat reads it back as `tool-calls`. Left out, the choice's calls are unknown and not checked.
 */
export function encodeFinishReason(
  finish: FinishReason,
  hasToolCalls?: boolean,
): { value: string; approximated: boolean } {
  const { value, approximated } = encodeKnown(finish);
  if (hasToolCalls === false && TABLE[value] === 'tool-calls') return { value: 'stop', approximated: true };
  // Chat reads `stop` next to tool calls as a tool-calls finish (compatible servers send it so), and has
  // no other spelling for a plain stop that carries calls (Claude `end_turn` after `tool_use`).
  if (hasToolCalls === true && finish.reason === 'stop') return { value, approximated: true };
  return { value, approximated };
}

function encodeKnown(finish: FinishReason): { value: string; approximated: boolean } {
  const raw = finish.raw;
  if (raw !== undefined && raw in TABLE) {
    const kind = TABLE[raw];
    if (kind === finish.reason || (raw === 'stop' && finish.reason === 'tool-calls')) {
      return { value: raw, approximated: false };
    }
  }
  const exact = finish.reason !== 'pause' && finish.reason !== 'error' && finish.reason !== 'other';
  return { value: REVERSE[finish.reason], approximated: !exact };
}

/** The loss message for an approximated finish reason (`value` is what was written). */
export function finishReasonLoss(finish: FinishReason, value: string): string {
  if (finish.reason === 'tool-calls')
    return `a "tool-calls" finish without a tool call on the Chat wire is written as "${value}"`;
  if (finish.reason === 'stop') return `a "stop" finish with tool calls is written as "${value}", read as tool_calls`;
  return `Chat has no "${finish.reason}" finish reason; "${value}" was written`;
}

/** Reports the stop sequence a finish names (Claude `stop_sequence`): Chat's finish reason is just `stop`. */
export function reportStopSequence(finish: FinishReason, path: (string | number)[], losses: LossRecorder): void {
  if (finish.stopSequence !== undefined)
    losses.drop([...path, 'stopSequence'], 'Chat does not say which stop sequence ended the output', 'finish-reason');
}
