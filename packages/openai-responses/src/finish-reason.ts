import type { FinishReason, FinishReasonKind } from '@interlingua/core';

/**
 * Responses has no finish reason: it is derived from `status`, `incomplete_details.reason` and
 * whether the output holds client tool calls.
 *
 * | wire | canonical |
 * |---|---|
 * | `completed` with a `function_call` / `custom_tool_call` item | `tool-calls` |
 * | `completed` | `stop` |
 * | `complete` (seen in a recording; not an API value) | as `completed` |
 * | `incomplete` + `max_output_tokens` | `length` |
 * | `incomplete` + `content_filter` | `content-filter` |
 * | `incomplete` + anything else | `other` |
 * | `failed` | `error` |
 * | `cancelled` | `other` |
 * | `in_progress` / `queued` | none |
 *
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function decodeFinishReason(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): FinishReason | undefined {
  switch (status) {
    case 'completed':
    // `complete` is not an API status, but a recorded body has it (pydantic-ai cassette): read it leniently.
    case 'complete':
      return { reason: hasToolCalls ? 'tool-calls' : 'stop', raw: status };
    case 'incomplete': {
      const reason: FinishReasonKind =
        incompleteReason === 'max_output_tokens'
          ? 'length'
          : incompleteReason === 'content_filter'
            ? 'content-filter'
            : 'other';
      return { reason, raw: incompleteReason ? `incomplete:${incompleteReason}` : 'incomplete' };
    }
    case 'failed':
      return { reason: 'error', raw: 'failed' };
    case 'cancelled':
      return { reason: 'other', raw: 'cancelled' };
    default:
      return undefined;
  }
}

/** The wire `status` and `incomplete_details.reason` a canonical finish reason is written as. */
export function encodeFinishReason(finish: FinishReason | undefined): { status: string; incompleteReason?: string } {
  if (!finish) return { status: 'completed' };
  const raw = finish.raw;
  switch (finish.reason) {
    case 'stop':
    case 'tool-calls':
      return { status: 'completed' };
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'error':
      return { status: 'failed' };
    case 'pause':
      return { status: 'incomplete', incompleteReason: 'pause_turn' };
    default:
      if (raw === 'cancelled') return { status: 'cancelled' };
      if (raw?.startsWith('incomplete:'))
        return { status: 'incomplete', incompleteReason: raw.slice('incomplete:'.length) };
      return { status: 'completed' };
  }
}
