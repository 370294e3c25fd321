import type { Citation } from './citation.ts';
import type { Extensions } from './extensions.ts';
import type { JsonValue } from './json.ts';
import type { MediaSource } from './media-source.ts';
import type { OpaqueState } from './opaque.ts';

/** A prompt-cache breakpoint hint (Claude `cache_control`, Responses `prompt_cache_breakpoint`). */
export interface CacheHint {
  /** `ephemeral` is the only kind providers know today. */
  type: 'ephemeral';
  /** Time to live, e.g. `5m` or `1h`. */
  ttl?: string;
}

/** Fields every content part may have. */
interface PartBase {
  /** A cache breakpoint after this part. */
  cache?: CacheHint;
  /** Provider-specific fields of this part, keyed by format. */
  extensions?: Extensions;
}

/** Plain text, possibly with citations. */
export interface TextPart extends PartBase {
  type: 'text';
  /** The text. May be empty only where a format allows it (Gemini's signature-only parts). */
  text: string;
  /** Sources cited by spans of this text. */
  citations?: Citation[];
  /** A Gemini `thoughtSignature` riding on this text part. */
  signature?: OpaqueState;
}

/** An image. */
export interface ImagePart extends PartBase {
  type: 'image';
  /** Where the image is. */
  source: MediaSource;
  /** Resolution hint (OpenAI `detail`; Gemini `mediaResolution` is mapped here too). */
  detail?: 'auto' | 'low' | 'high' | 'original';
}

/** An audio clip (input audio, or audio output of an audio-capable model). */
export interface AudioPart extends PartBase {
  type: 'audio';
  /** Where the audio is. */
  source: MediaSource;
  /** The transcript, when the provider returns one with audio output. */
  transcript?: string;
  /** Provider id of generated audio (Chat `message.audio.id`), for replaying it in history. */
  id?: string;
  /** Unix seconds after which a generated audio clip can no longer be referenced. */
  expiresAt?: number;
}

/** A file or document: PDF, plain text, or any other type a provider accepts. */
export interface FilePart extends PartBase {
  type: 'file';
  /** Where the file is. */
  source: MediaSource;
  /** The file name, when given. */
  filename?: string;
  /** Document title (Claude). */
  title?: string;
  /** Context about the document that is not quoted from it (Claude). */
  context?: string;
  /** Whether the model may cite this document (Claude `citations.enabled`). */
  citations?: boolean;
}

/**
 * The model's reasoning: raw thinking text and/or summary parts, with the opaque state that lets a
 * provider resume it. A redacted block has no readable text, only its encrypted payload.
 */
export interface ReasoningPart extends PartBase {
  type: 'reasoning';
  /** Raw reasoning text (Claude `thinking`, Chat `reasoning_content`, Gemini thought text, Responses `reasoning_text`). */
  text: string;
  /** Summary parts (Responses `summary[]`); absent when the format has none. */
  summary?: string[];
  /** Signature over the reasoning (Claude `signature`, Gemini `thoughtSignature`). */
  signature?: OpaqueState;
  /** Encrypted reasoning state (Responses `encrypted_content`, Claude `redacted_thinking.data`). */
  encrypted?: OpaqueState;
  /** True for a block whose content the provider withheld (Claude `redacted_thinking`). */
  redacted?: boolean;
  /** The provider's item id (Responses `rs_…`). */
  id?: string;
}

/** A call of a client-side tool the model asks the caller to run. */
export interface ToolCallPart extends PartBase {
  type: 'tool-call';
  /** The call id that pairs the call with its result (Chat `id`, Responses `call_id`, Claude `tool_use.id`, Gemini `functionCall.id`). */
  id: string;
  /** The tool's name. */
  name: string;
  /** The arguments as text: JSON for function tools, free-form input for custom tools. */
  arguments: string;
  /** `function` (JSON arguments) or `custom` (free-form input, Responses custom tools). */
  kind?: 'function' | 'custom';
  /** The provider's item id when it differs from the call id (Responses `fc_…`). */
  itemId?: string;
  /** A Gemini `thoughtSignature` riding on this call. */
  signature?: OpaqueState;
}

/** The result of a client-side tool call, sent back by the caller. */
export interface ToolResultPart extends PartBase {
  type: 'tool-result';
  /** The id of the call this answers. */
  callId: string;
  /** The tool's name when the wire carries it (Gemini requires it; encoders look it up from the call otherwise). */
  name?: string;
  /** The result: text and media parts. */
  content: (TextPart | ImagePart | FilePart | AudioPart)[];
  /** True when the tool failed. */
  isError?: boolean;
  /** `function` or `custom`, mirroring the call. */
  kind?: 'function' | 'custom';
}

/**
 * A call of a tool the provider runs itself (web search, web fetch, code execution, file search,
 * image generation, MCP, …). Only the issuing provider can replay it; other formats get text.
 */
export interface ServerToolCallPart extends PartBase {
  type: 'server-tool-call';
  /** Call id (Claude `srvtoolu_…`, Responses item id). */
  id: string;
  /** Canonical tool kind: `web_search`, `web_fetch`, `code_execution`, `file_search`, … or the provider's name. */
  name: string;
  /** The call's input as the provider states it (query, code, url…). */
  input: JsonValue;
}

/** The result of a server-side tool call. */
export interface ServerToolResultPart extends PartBase {
  type: 'server-tool-result';
  /** The id of the call this answers. */
  callId: string;
  /** Canonical tool kind, as on the call. */
  name: string;
  /** The provider's result payload (results list, stdout, error object…). */
  output: JsonValue;
  /** Sources the result found, in a provider-neutral shape (web search results). */
  sources?: { url: string; title?: string }[];
  /** True when the tool failed. */
  isError?: boolean;
}

/** The model declined to answer. */
export interface RefusalPart extends PartBase {
  type: 'refusal';
  /** The refusal text. */
  text: string;
}

/** Every kind of content part. */
export type ContentPart =
  | TextPart
  | ImagePart
  | AudioPart
  | FilePart
  | ReasoningPart
  | ToolCallPart
  | ToolResultPart
  | ServerToolCallPart
  | ServerToolResultPart
  | RefusalPart;

/** The `type` of a content part. */
export type ContentPartType = ContentPart['type'];
