/** Reasoning effort levels, the union of what providers accept. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * How much and how the model should think.
 *
 * Providers steer reasoning in different currencies: effort levels (OpenAI, Claude
 * `output_config.effort`, Gemini `thinkingLevel`) or token budgets (Claude `budget_tokens`, Gemini
 * `thinkingBudget`). The core keeps whichever the source gave; encoders translate with a
 * documented table and report the approximation.
 */
export interface ReasoningConfig {
  /** `enabled` (fixed budget), `adaptive` (the model decides), `disabled`; absent: provider default. */
  mode?: 'enabled' | 'adaptive' | 'disabled';
  /** Effort level. */
  effort?: ReasoningEffort;
  /** Token budget for thinking (`-1` = dynamic, Gemini). */
  budgetTokens?: number;
  /** Summary detail (Responses `reasoning.summary`). */
  summary?: 'auto' | 'concise' | 'detailed' | 'none';
  /** Return the thinking (Gemini `includeThoughts`, Claude `display: summarized`); false hides it. */
  includeThoughts?: boolean;
}
