import type { Extensions } from './extensions.ts';
import type { Message } from './message.ts';
import type { OutputFormat } from './output-format.ts';
import type { ReasoningConfig } from './reasoning-config.ts';
import type { Tool, ToolChoice } from './tool.ts';

/** A chat request in the canonical model: what every chat format's request decodes into. */
export interface ChatRequest {
  /** The model id as the client named it. */
  model?: string;
  /** The conversation, instructions included (roles `system` / `developer` at their positions). */
  messages: Message[];
  /** Tools the model may use. */
  tools?: Tool[];
  /** Which tool the model must or must not call. */
  toolChoice?: ToolChoice;
  /** Whether several tool calls may come in one turn. */
  parallelToolCalls?: boolean;
  /** The answer's shape. */
  output?: OutputFormat;
  /** Answer verbosity (Responses `text.verbosity`, Chat `verbosity`). */
  verbosity?: 'low' | 'medium' | 'high';
  /** Output modalities (`text`, `audio`, `image`). */
  modalities?: string[];
  /** Upper bound on generated tokens (reasoning included where the provider counts it so). */
  maxOutputTokens?: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Nucleus sampling. */
  topP?: number;
  /** Top-k sampling. */
  topK?: number;
  /** Stop sequences. */
  stop?: string[];
  /** Sampling seed. */
  seed?: number;
  /** Presence penalty (-2..2). */
  presencePenalty?: number;
  /** Frequency penalty (-2..2). */
  frequencyPenalty?: number;
  /** Token bias map (Chat `logit_bias`). */
  logitBias?: Record<string, number>;
  /** Number of choices / candidates to generate. */
  n?: number;
  /** Return log probabilities of output tokens. */
  logprobs?: boolean;
  /** How many alternatives per token with `logprobs`. */
  topLogprobs?: number;
  /** Reasoning settings. */
  reasoning?: ReasoningConfig;
  /** End-user id (Chat `user` / `safety_identifier`, Claude `metadata.user_id`). */
  user?: string;
  /** Free-form string metadata (OpenAI `metadata`). */
  metadata?: Record<string, string>;
  /** Prompt-cache key (OpenAI `prompt_cache_key`) and retention. */
  cache?: { key?: string; retention?: string; hint?: { type: 'ephemeral'; ttl?: string } };
  /** Whether the answer streams. */
  stream?: boolean;
  /** Stream options. */
  streamOptions?: { includeUsage?: boolean };
  /** Service tier requested. */
  serviceTier?: string;
  /** Whether the provider should store the exchange (OpenAI `store`). */
  store?: boolean;
  /**
   * References to server-side state the request builds on. Only the issuing provider (or a gateway
   * with a store) can resolve them; other encoders report them as `stateful` losses.
   */
  state?: { previousResponseId?: string; conversationId?: string };
  /** Values the caller sends as HTTP headers with this format (e.g. `anthropic-beta`, `anthropic-version`). */
  headers?: Record<string, string>;
  /** Provider-specific request fields, keyed by format. */
  extensions?: Extensions;
}
