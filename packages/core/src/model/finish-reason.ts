/**
 * Why generation stopped, in one vocabulary.
 *
 * - `stop`: natural end or a stop sequence.
 * - `length`: the output limit or the context window was reached.
 * - `tool-calls`: the model wants client tool results.
 * - `content-filter`: a safety system stopped or refused the answer.
 * - `pause`: the provider paused a long server-tool turn (Claude `pause_turn`); resend to continue.
 * - `error`: the generation failed (Responses `failed`, Gemini `MALFORMED_FUNCTION_CALL`).
 * - `other`: anything else.
 */
export type FinishReasonKind = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'pause' | 'error' | 'other';

/** A finish reason with the provider's raw value kept. */
export interface FinishReason {
  /** The canonical reason. */
  reason: FinishReasonKind;
  /** The provider's own value (`end_turn`, `MAX_TOKENS`, `function_call`, `incomplete:max_output_tokens`…). */
  raw?: string;
  /** The stop sequence that matched, when the provider says which. */
  stopSequence?: string;
}
