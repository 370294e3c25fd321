import {
  type ChatRequest,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type OutputFormat,
} from '@interlingua/core';
import { attachExt, extFields, extMarkers, FORMAT, isObject, leftovers, type Markers, put } from './ext.ts';
import { decodeMessages } from './messages-decode.ts';
import { encodeMessages } from './messages-encode.ts';
import type { ChatEncodeOptions } from './options.ts';
import { parseWire } from './parse.ts';
import { decodeToolChoice, decodeTools, encodeToolChoice, encodeTools } from './tools.ts';
import { type ChatWireRequest, ChatWireRequestSchema } from './wire/request.ts';

/** Top-level request fields the mapping consumes (everything else rides in extensions). */
const KNOWN = [
  'model',
  'messages',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'seed',
  'n',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'response_format',
  'reasoning_effort',
  'verbosity',
  'modalities',
  'metadata',
  'store',
  'user',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
  'web_search_options',
];

/**
 * Reads a Chat Completions request body. `max_tokens` (deprecated) maps to `maxOutputTokens` and is
 * also kept in extensions, so a same-format round trip writes the field it was read from.
 */
export function decodeRequest(wire: unknown, options?: ConvertOptions): Converted<ChatRequest> {
  const losses = createLossRecorder(FORMAT, options);
  const body = parseWire(ChatWireRequestSchema, wire, 'request');
  const request: ChatRequest = { messages: decodeMessages(body.messages) };
  const fields = leftovers(body, KNOWN);
  const markers: Markers = {};
  if (body.model != null) request.model = body.model;
  decodeLimits(body, request, fields, markers);
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  if (typeof body.stop === 'string') {
    request.stop = [body.stop];
    fields.stop = body.stop;
  } else if (body.stop != null) request.stop = body.stop;
  if (body.seed != null) request.seed = body.seed;
  if (body.n != null) request.n = body.n;
  if (body.presence_penalty != null) request.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) request.frequencyPenalty = body.frequency_penalty;
  if (body.logit_bias != null) request.logitBias = body.logit_bias;
  if (body.logprobs != null) request.logprobs = body.logprobs;
  if (body.top_logprobs != null) request.topLogprobs = body.top_logprobs;
  if (body.stream != null) request.stream = body.stream;
  // A Chat stream without include_usage carries no usage; remember that it was asked for without it.
  if (body.stream === true && body.stream_options == null) markers.noStreamOptions = true;
  if (body.stream_options) {
    if (typeof body.stream_options.include_usage === 'boolean')
      request.streamOptions = { includeUsage: body.stream_options.include_usage };
    const rest = leftovers(body.stream_options, ['include_usage']);
    if (Object.keys(rest).length > 0) fields.stream_options = rest;
  }
  const tools = decodeTools(body);
  if (tools) request.tools = tools;
  const choice = decodeToolChoice(body);
  if (choice.choice) request.toolChoice = choice.choice;
  Object.assign(fields, choice.fields);
  if (body.parallel_tool_calls != null) request.parallelToolCalls = body.parallel_tool_calls;
  if (body.response_format) {
    const output = decodeResponseFormat(body.response_format as JsonObject);
    if (output) request.output = output;
    else fields.response_format = body.response_format as JsonObject;
  }
  if (body.reasoning_effort != null) request.reasoning = { effort: body.reasoning_effort };
  if (body.verbosity != null) request.verbosity = body.verbosity;
  if (body.modalities != null) request.modalities = body.modalities;
  if (body.metadata != null) request.metadata = body.metadata;
  if (body.store != null) request.store = body.store;
  if (body.user != null) request.user = body.user;
  if (body.prompt_cache_key != null) request.cache = { key: body.prompt_cache_key };
  if (body.prompt_cache_retention != null) request.cache = { ...request.cache, retention: body.prompt_cache_retention };
  if (body.service_tier != null) request.serviceTier = body.service_tier;
  return { value: attachExt(request, fields, markers), losses: losses.losses };
}

/** `max_tokens` alone maps to `maxOutputTokens` with a marker; next to `max_completion_tokens` it rides raw. */
function decodeLimits(body: ChatWireRequest, request: ChatRequest, fields: JsonObject, markers: Markers): void {
  if (body.max_completion_tokens != null) request.maxOutputTokens = body.max_completion_tokens;
  else if (body.max_tokens != null) {
    request.maxOutputTokens = body.max_tokens;
    markers.maxTokensField = 'max_tokens';
    delete fields.max_tokens;
  }
}

function decodeResponseFormat(format: JsonObject): OutputFormat | undefined {
  const keys = Object.keys(format);
  if (format.type === 'text' && keys.length === 1) return { type: 'text' };
  if (format.type === 'json_object' && keys.length === 1) return { type: 'json' };
  const schema = format.json_schema;
  if (format.type !== 'json_schema' || keys.length !== 2 || !isObject(schema)) return undefined;
  if (Object.keys(leftovers(schema, ['name', 'description', 'schema', 'strict'])).length > 0) return undefined;
  const output: OutputFormat = { type: 'json-schema', schema: isObject(schema.schema) ? schema.schema : {} };
  if (typeof schema.name === 'string') output.name = schema.name;
  if (typeof schema.description === 'string') output.description = schema.description;
  if (typeof schema.strict === 'boolean') output.strict = schema.strict;
  // An absent schema is legal on the wire; remember it so it stays absent.
  if (!isObject(schema.schema)) return undefined;
  return output;
}

/**
 * Writes a Chat Completions request body. Values from other formats that Chat cannot carry are
 * reported as losses (top-k, stateful references, foreign reasoning state, built-in tools other
 * than web search, media where Chat takes none).
 */
export function encodeRequest(request: ChatRequest, options: ChatEncodeOptions = {}): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const fields = extFields(request);
  const body: JsonObject = { ...fields };
  put(body, 'model', request.model);
  // Chat requires `model`, but only the caller knows it (Gemini names it in the URL): no model is
  // invented; the gap is reported so that a caller sets `request.model` (strict mode throws).
  if (request.model === undefined)
    losses.drop(['model'], 'the request names no model and Chat requires one: set request.model', 'model');
  body.messages = encodeMessages(request.messages, losses, options);
  encodeLimit(body, request, options);
  put(body, 'temperature', request.temperature);
  put(body, 'top_p', request.topP);
  if (request.topK !== undefined) losses.drop(['topK'], 'Chat has no top-k sampling', 'sampling.top-k');
  if (request.stop !== undefined) {
    if (typeof fields.stop === 'string' && request.stop.length === 1 && request.stop[0] === fields.stop)
      body.stop = fields.stop;
    else body.stop = request.stop;
    if (request.stop.length > 4)
      losses.approximate(['stop'], 'OpenAI accepts at most 4 stop sequences', 'sampling.stop');
  }
  put(body, 'seed', request.seed);
  put(body, 'n', request.n);
  put(body, 'presence_penalty', request.presencePenalty);
  put(body, 'frequency_penalty', request.frequencyPenalty);
  put(body, 'logit_bias', request.logitBias);
  put(body, 'logprobs', request.logprobs);
  put(body, 'top_logprobs', request.topLogprobs);
  put(body, 'stream', request.stream);
  if (request.streamOptions?.includeUsage !== undefined)
    body.stream_options = {
      ...(isObject(fields.stream_options) ? fields.stream_options : {}),
      include_usage: request.streamOptions.includeUsage,
    };
  else if (request.stream === true && !('stream_options' in fields) && !extMarkers(request).noStreamOptions)
    // Other formats always stream usage; without this a Chat upstream sends none.
    body.stream_options = { include_usage: true };
  if (request.tools) encodeTools(body, request.tools, losses);
  encodeToolSettings(body, request, losses);
  if (request.output) body.response_format = encodeOutput(request.output, losses);
  encodeReasoningConfig(body, request, losses);
  put(body, 'verbosity', request.verbosity);
  put(body, 'modalities', request.modalities);
  put(body, 'metadata', request.metadata);
  put(body, 'store', request.store);
  put(body, 'user', request.user);
  put(body, 'prompt_cache_key', request.cache?.key);
  put(body, 'prompt_cache_retention', request.cache?.retention);
  if (request.cache?.hint) losses.drop(['cache', 'hint'], 'Chat has no request-wide cache breakpoint', 'cache');
  put(body, 'service_tier', request.serviceTier);
  if (request.state?.previousResponseId !== undefined || request.state?.conversationId !== undefined)
    losses.add('stateful', ['state'], 'Chat Completions has no server-side conversation state', 'state');
  return { value: body, losses: losses.losses };
}

/**
 * Writes `tool_choice` and `parallel_tool_calls`. OpenAI rejects both without `tools` (a request
 * whose only tools were built-ins Chat lacks, or none at all), so they are then left out and reported.
 */
function encodeToolSettings(
  body: JsonObject,
  request: ChatRequest,
  losses: ReturnType<typeof createLossRecorder>,
): void {
  const hasTools = Array.isArray(body.tools) && body.tools.length > 0;
  // Legacy `functions` take their choice as `function_call`, which needs no `tools`.
  const legacy = Array.isArray(body.functions) && body.functions.length > 0;
  if (request.toolChoice) {
    if (hasTools || legacy) encodeToolChoice(body, request.toolChoice, request.tools ?? [], losses);
    else
      losses.drop(
        ['toolChoice'],
        'Chat takes tool_choice only together with tools, and none are written',
        'tool-choice',
      );
  }
  if (request.parallelToolCalls !== undefined) {
    if (hasTools) body.parallel_tool_calls = request.parallelToolCalls;
    else
      losses.drop(
        ['parallelToolCalls'],
        'Chat takes parallel_tool_calls only together with tools, and none are written',
        'tool-choice.parallel',
      );
  }
}

/** The field the request was read with wins over the default (`max_completion_tokens`); the option wins over both. */
function encodeLimit(body: JsonObject, request: ChatRequest, options: ChatEncodeOptions): void {
  if (request.maxOutputTokens === undefined) return;
  const readWith = extMarkers(request).maxTokensField === 'max_tokens' ? 'max_tokens' : undefined;
  body[options.maxTokensField ?? readWith ?? 'max_completion_tokens'] = request.maxOutputTokens;
}

function encodeOutput(output: OutputFormat, losses: ReturnType<typeof createLossRecorder>): JsonObject {
  if (output.type === 'text') return { type: 'text' };
  if (output.type === 'json') return { type: 'json_object' };
  const schema: JsonObject = { name: output.name ?? 'response' };
  if (output.name === undefined)
    losses.add(
      'defaulted',
      ['output', 'name'],
      'Chat json_schema needs a name; "response" was used',
      'output.json-schema',
    );
  put(schema, 'description', output.description);
  schema.schema = output.schema;
  put(schema, 'strict', output.strict);
  return { type: 'json_schema', json_schema: schema };
}

/**
 * Effort levels pass through; a token budget becomes the nearest effort (Chat has no budget), disabled
 * thinking becomes `none`. Whatever else the config says (a mode, a budget next to an effort) has no
 * Chat field and is reported; an approximation is reported on the whole config, whose fields change
 * together (a Claude `{mode: enabled, budgetTokens}` comes back as `{effort}`).
 */
function encodeReasoningConfig(
  body: JsonObject,
  request: ChatRequest,
  losses: ReturnType<typeof createLossRecorder>,
): void {
  const reasoning = request.reasoning;
  if (!reasoning) return;
  const { effort, mode, budgetTokens } = reasoning;
  if (effort !== undefined) {
    body.reasoning_effort = effort;
    if (mode !== undefined)
      losses.drop(['reasoning', 'mode'], `Chat has no reasoning mode; "${mode}" is not written`, 'reasoning.config');
    if (budgetTokens !== undefined)
      losses.drop(['reasoning', 'budgetTokens'], 'Chat has no thinking budget next to an effort', 'reasoning.config');
  } else if (mode === 'disabled') {
    body.reasoning_effort = 'none';
    losses.approximate(['reasoning'], 'disabled reasoning is written as reasoning_effort "none"', 'reasoning.config');
  } else if (budgetTokens !== undefined) {
    body.reasoning_effort =
      budgetTokens < 0 ? 'medium' : budgetTokens <= 2048 ? 'low' : budgetTokens <= 16384 ? 'medium' : 'high';
    losses.approximate(['reasoning'], 'Chat has no thinking budget; the nearest effort was used', 'reasoning.config');
  } else if (mode !== undefined) {
    // `adaptive` (the model decides) is what Chat does without an effort; `enabled` without a budget says no more.
    losses.drop(['reasoning', 'mode'], `Chat has no reasoning mode; "${mode}" is not written`, 'reasoning.config');
  }
  if (reasoning.summary !== undefined || reasoning.includeThoughts !== undefined)
    losses.drop(['reasoning'], 'Chat has no reasoning summary or thought-display setting', 'reasoning.config');
}
