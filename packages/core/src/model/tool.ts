import type { CacheHint } from './content.ts';
import type { Extensions } from './extensions.ts';
import type { JsonObject, JsonSchema } from './json.ts';

/** A client-side function the model may call with JSON arguments. */
export interface FunctionTool {
  type: 'function';
  /** The name the model calls it by. */
  name: string;
  /** What it does. */
  description?: string;
  /** JSON Schema of the arguments object; absent means "no parameters". */
  parameters?: JsonSchema;
  /** Whether the provider must validate arguments against the schema (Chat/Responses `strict`, Claude `strict`). */
  strict?: boolean;
  /** A cache breakpoint after this tool (Claude). */
  cache?: CacheHint;
  /** Provider-specific fields, keyed by format (`defer_loading`, `input_examples`, …). */
  extensions?: Extensions;
}

/** A client-side tool with free-form text input (Responses / Chat custom tools, e.g. Codex's `apply_patch`). */
export interface CustomTool {
  type: 'custom';
  /** The name the model calls it by. */
  name: string;
  /** What it does. */
  description?: string;
  /** The input grammar: free text, or a Lark / regex grammar. */
  format?: { type: 'text' } | { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string };
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}

/**
 * A tool the provider runs itself.
 *
 * `kind` is canonical where the meaning carries across providers (`web_search`, `web_fetch`,
 * `code_execution`, `file_search`, `image_generation`, `mcp`, `url_context`, `computer`, `bash`,
 * `text_editor`, `local_shell`, `shell`, `apply_patch`, `tool_search`, `memory`, `google_maps`).
 * Provider-specific settings ride in `options` (neutral names, see below) and in `extensions`.
 */
export interface BuiltinTool {
  type: 'builtin';
  /** Canonical kind of the tool. */
  kind: string;
  /** The provider's name or versioned type, e.g. `web_search_20250305`, `web_search_preview`. */
  providerType?: string;
  /** Name as the model sees it, when the wire has one (Claude `name`). */
  name?: string;
  /** Neutral options: `maxUses`, `allowedDomains`, `blockedDomains`, `userLocation`, `searchContextSize`, … */
  options?: JsonObject;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}

/** Any tool. */
export type Tool = FunctionTool | CustomTool | BuiltinTool;

/**
 * Whether and which tool the model must call.
 *
 * - `auto`: the model decides; `none`: no tool calls; `required`: at least one call.
 * - `tool`: this named tool (a function, custom or built-in tool).
 * - `allowedTools` restricts `auto` / `required` to a subset (Responses `allowed_tools`, Gemini `allowedFunctionNames`).
 */
export type ToolChoice =
  | { type: 'auto'; allowedTools?: string[] }
  | { type: 'none' }
  | { type: 'required'; allowedTools?: string[] }
  | { type: 'tool'; name: string };
