import type { ApiError } from './api-error.ts';
import type { ContentPart } from './content.ts';
import type { Extensions } from './extensions.ts';
import type { FinishReason } from './finish-reason.ts';
import type { TokenLogprob } from './logprobs.ts';
import type { Usage } from './usage.ts';

/** One generated answer. Most formats produce exactly one; Chat (`n`) and Gemini (`candidateCount`) can produce several. */
export interface Choice {
  /** Position among the choices (0-based), as the wire numbers it. */
  index: number;
  /** The assistant's content, in order: reasoning, text, tool calls, server tool blocks, refusals. */
  content: ContentPart[];
  /** Why this choice ended; absent while streaming. */
  finishReason?: FinishReason;
  /** Log probabilities of the output tokens, in order. */
  logprobs?: TokenLogprob[];
  /** Provider-specific fields of the choice / candidate, keyed by format. */
  extensions?: Extensions;
}

/** A complete chat response in the canonical model. */
export interface ChatResponse {
  /** The provider's response id (`chatcmpl-…`, `resp_…`, `msg_…`, Gemini `responseId`). */
  id?: string;
  /** The model that answered (as reported). */
  model?: string;
  /** Creation time in Unix seconds. */
  created?: number;
  /** The answers; `choices[0]` is the one single-choice formats carry. */
  choices: Choice[];
  /** Token usage. */
  usage?: Usage;
  /** The service tier that served the request. */
  serviceTier?: string;
  /** A failure reported inside a 200 response (Responses `status: failed`) or ending a stream. */
  error?: ApiError;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}
