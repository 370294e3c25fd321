import type { ChatRequest, JsonObject, LossRecorder, ReasoningConfig, ReasoningEffort } from '@interlingua/core';
import type { ClaudeRequestWire } from './wire/request.ts';

/**
 * Thinking and effort, both ways.
 *
 * Claude steers reasoning with `thinking` (`enabled` + `budget_tokens`, `adaptive`, `disabled`)
 * and `output_config.effort` (`low` … `max`). Effort levels pass through unchanged; `none` and
 * `minimal` turn thinking off; a fixed mode without a budget gets one from `EFFORT_BUDGETS`.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/extended-thinking
 */

/** Thinking budgets used when a source asks for fixed thinking by effort level only. */
export const EFFORT_BUDGETS: Record<ReasoningEffort, number> = {
  none: 0,
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32000,
  max: 48000,
};

/** The smallest budget Claude accepts. */
export const MIN_THINKING_BUDGET = 1024;

const CLAUDE_EFFORTS = new Set<string>(['low', 'medium', 'high', 'xhigh', 'max']);

/** Reads `thinking` and `output_config.effort` into the core reasoning config. */
export function decodeReasoning(wire: ClaudeRequestWire): ReasoningConfig | undefined {
  const reasoning: ReasoningConfig = {};
  if (wire.thinking) {
    reasoning.mode = wire.thinking.type;
    if (wire.thinking.budget_tokens !== undefined) reasoning.budgetTokens = wire.thinking.budget_tokens;
    if (wire.thinking.display !== undefined) reasoning.includeThoughts = wire.thinking.display === 'summarized';
  }
  const effort = wire.output_config?.effort;
  if (typeof effort === 'string') reasoning.effort = effort;
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

/** The encoded reasoning: `thinking`, the effort for `output_config`, and whether thinking is on. */
export interface EncodedReasoning {
  /** The `thinking` object, if any. */
  thinking?: JsonObject;
  /** `output_config.effort`, if any. */
  effort?: string;
  /** Thinking is enabled or adaptive (sampling and tool-choice rules apply). */
  on: boolean;
}

/** Writes the core reasoning config as `thinking` + effort, reporting approximations. */
export function encodeReasoning(request: ChatRequest, losses: LossRecorder): EncodedReasoning {
  const r = request.reasoning;
  if (!r) return { on: false };
  const path = ['reasoning'];
  let thinking: JsonObject | undefined;
  let effortUsed = false;
  if (r.mode === 'disabled') thinking = { type: 'disabled' };
  else if (r.mode === 'adaptive') thinking = { type: 'adaptive' };
  else if (r.mode === 'enabled' || r.budgetTokens !== undefined) {
    let budget = r.budgetTokens;
    if (budget === -1) {
      losses.approximate(
        [...path, 'budgetTokens'],
        'A dynamic budget is sent as adaptive thinking.',
        'reasoning.config',
      );
      thinking = { type: 'adaptive' };
    } else if (budget === 0) {
      thinking = { type: 'disabled' };
    } else {
      if (budget === undefined) {
        budget = EFFORT_BUDGETS[r.effort ?? 'medium'] || EFFORT_BUDGETS.medium;
        effortUsed = r.effort !== undefined;
        losses.approximate(path, `Thinking budget set to ${budget} tokens from the effort level.`, 'reasoning.config');
      } else if (budget < MIN_THINKING_BUDGET) {
        losses.approximate(
          [...path, 'budgetTokens'],
          `Claude's minimum thinking budget is ${MIN_THINKING_BUDGET}.`,
          'reasoning.config',
        );
        budget = MIN_THINKING_BUDGET;
      }
      thinking = { type: 'enabled', budget_tokens: budget };
    }
  } else if (r.effort === 'none' || r.effort === 'minimal') {
    if (r.effort === 'minimal')
      losses.approximate(
        [...path, 'effort'],
        'Claude has no minimal effort; thinking is turned off.',
        'reasoning.config',
      );
    thinking = { type: 'disabled' };
    effortUsed = true;
  }
  const on = thinking?.type === 'enabled' || thinking?.type === 'adaptive';
  if (r.includeThoughts !== undefined) {
    if (on && thinking) thinking.display = r.includeThoughts ? 'summarized' : 'omitted';
    // `display` only exists on enabled / adaptive thinking: without thinking the setting has no place.
    else
      losses.drop(
        [...path, 'includeThoughts'],
        'Claude shows thoughts only when thinking is on; the setting is not sent.',
        'reasoning.config',
      );
  }
  if (r.summary !== undefined && r.summary !== 'auto')
    losses.drop([...path, 'summary'], 'Claude has no reasoning summary setting.', 'reasoning.summary');
  const out: EncodedReasoning = { on };
  if (thinking) out.thinking = thinking;
  if (r.effort !== undefined && !effortUsed) {
    if (CLAUDE_EFFORTS.has(r.effort)) out.effort = r.effort;
    else if (r.effort === 'none' || r.effort === 'minimal')
      losses.drop([...path, 'effort'], `Claude has no "${r.effort}" effort level.`, 'reasoning.config');
  }
  return out;
}
