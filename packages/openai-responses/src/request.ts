import {
  type ChatRequest,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type Message,
  type ReasoningConfig,
} from '@interlingua/core';
import { decodeContentPart } from './content.ts';
import { attachExt, extMarkers, FORMAT, isObject, leftovers, type Markers } from './ext.ts';
import { decodeOutputItem, decodeSingleItem } from './item-decode.ts';
import { parseWire } from './parse.ts';
import { encodeRequestFields } from './request-fields.ts';
import { encodeMessages } from './request-items.ts';
import { decodeToolResult } from './tool-results.ts';
import { decodeTool, decodeToolChoice } from './tools.ts';
import { wireItemBase, wireMessageItem } from './wire/items.ts';
import { wireRequest } from './wire/request.ts';

/** Top-level request fields mapped to core fields (everything else rides in extensions). */
const KNOWN = [
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'text',
  'reasoning',
  'max_output_tokens',
  'temperature',
  'top_p',
  'top_logprobs',
  'metadata',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
  'store',
  'stream',
  'previous_response_id',
  'conversation',
];

/**
 * Reads a Responses request body. `instructions` becomes a leading system message marked so it
 * re-encodes as `instructions`; `previous_response_id` / `conversation` are kept in `state` and
 * reported as `stateful` losses (feature `state`): only a store can resolve them.
 */
export function decodeRequest(wire: unknown, options?: ConvertOptions): Converted<ChatRequest> {
  const w = parseWire(wireRequest, wire, 'request');
  const losses = createLossRecorder(FORMAT, options);
  const request: ChatRequest = { messages: [] };
  const markers: Markers = {};
  if (typeof w.model === 'string') request.model = w.model;
  if (typeof w.instructions === 'string')
    request.messages.push(
      attachExt<Message>(
        { role: 'system', content: [{ type: 'text', text: w.instructions }] },
        {},
        { instructions: true },
      ),
    );
  if (typeof w.input === 'string')
    request.messages.push(
      attachExt<Message>({ role: 'user', content: [{ type: 'text', text: w.input }] }, {}, { inputString: true }),
    );
  else if (Array.isArray(w.input)) decodeInput(w.input, request.messages, losses);
  // A continuation (`previous_response_id`) may send no input at all.
  else if (!('input' in w)) markers.noInput = true;
  if (w.tools) request.tools = w.tools.map((t, i) => decodeTool(t as JsonObject & { type: string }, ['tools', i]));
  if (w.tool_choice) {
    const { choice, raw } = decodeToolChoice(w.tool_choice as string | (JsonObject & { type: string }));
    request.toolChoice = choice;
    if (raw) markers.toolChoice = raw;
  }
  if (typeof w.parallel_tool_calls === 'boolean') request.parallelToolCalls = w.parallel_tool_calls;
  if (w.text) {
    const format = w.text.format;
    if (format?.type === 'text') request.output = { type: 'text' };
    else if (format?.type === 'json_object') request.output = { type: 'json' };
    else if (format?.type === 'json_schema' && isObject(format.schema)) {
      request.output = { type: 'json-schema', schema: format.schema };
      if (typeof format.name === 'string') request.output.name = format.name;
      if (typeof format.description === 'string') request.output.description = format.description;
      if (typeof format.strict === 'boolean') request.output.strict = format.strict;
    }
    if (w.text.verbosity) request.verbosity = w.text.verbosity;
    const textFields = leftovers(w.text, ['format', 'verbosity']);
    if (Object.keys(textFields).length > 0) markers.text = textFields;
    if (format) {
      const known = request.output ? ['type', 'name', 'schema', 'strict', 'description'] : [];
      const formatFields = leftovers(format, known);
      if (Object.keys(formatFields).length > 0) markers.textFormat = formatFields;
    }
  }
  if (w.reasoning) {
    const reasoning: ReasoningConfig = {};
    if (w.reasoning.effort) reasoning.effort = w.reasoning.effort;
    if (w.reasoning.summary) reasoning.summary = w.reasoning.summary;
    request.reasoning = reasoning;
    const fields = leftovers(w.reasoning, ['effort', 'summary']);
    if (Object.keys(fields).length > 0) markers.reasoning = fields;
  }
  if (w.include?.includes('message.output_text.logprobs')) request.logprobs = true;
  if (typeof w.max_output_tokens === 'number') request.maxOutputTokens = w.max_output_tokens;
  if (typeof w.temperature === 'number') request.temperature = w.temperature;
  if (typeof w.top_p === 'number') request.topP = w.top_p;
  if (typeof w.top_logprobs === 'number') request.topLogprobs = w.top_logprobs;
  if (w.metadata) request.metadata = w.metadata;
  if (typeof w.user === 'string') {
    request.user = w.user;
    markers.userField = 'user';
  } else if (typeof w.safety_identifier === 'string') request.user = w.safety_identifier;
  const cache: NonNullable<ChatRequest['cache']> = {};
  if (typeof w.prompt_cache_key === 'string') cache.key = w.prompt_cache_key;
  if (typeof w.prompt_cache_retention === 'string') cache.retention = w.prompt_cache_retention;
  if (Object.keys(cache).length > 0) request.cache = cache;
  if (typeof w.service_tier === 'string') request.serviceTier = w.service_tier;
  if (typeof w.store === 'boolean') request.store = w.store;
  if (typeof w.stream === 'boolean') request.stream = w.stream;
  const state: NonNullable<ChatRequest['state']> = {};
  if (typeof w.previous_response_id === 'string') {
    state.previousResponseId = w.previous_response_id;
    losses.add(
      'stateful',
      ['previous_response_id'],
      'the request continues a stored response; a store must resolve its history',
      'state',
    );
  }
  if (w.conversation) {
    state.conversationId = typeof w.conversation === 'string' ? w.conversation : w.conversation.id;
    if (isObject(w.conversation)) markers.conversation = leftovers(w.conversation, ['id']);
    losses.add(
      'stateful',
      ['conversation'],
      'the request continues a stored conversation; a store must resolve its items',
      'state',
    );
  }
  if (Object.keys(state).length > 0) request.state = state;
  const fields = leftovers(w, KNOWN);
  // `user` and `safety_identifier` both present: the second one rides as a plain field.
  if (typeof w.user === 'string' && typeof w.safety_identifier === 'string')
    fields.safety_identifier = w.safety_identifier;
  attachExt(request, fields, markers);
  return { value: request, losses: losses.losses };
}

/** Groups input items into messages: user-side items one message each, assistant-side and tool-output runs merged. */
function decodeInput(items: unknown[], messages: Message[], losses: ReturnType<typeof createLossRecorder>): void {
  items.forEach((value, i) => {
    const path = ['input', i];
    const base = parseWire(wireItemBase, value, 'request', path);
    const last = messages[messages.length - 1];
    const type = base.type;
    if (type === undefined || type === 'message') {
      const role = parseWire(wireMessageItem, value, 'request', path).role;
      if (role === 'assistant') {
        const parts = decodeOutputItem(value, path, 'request');
        if (last?.role === 'assistant' && isMergeable(last)) last.content.push(...parts);
        else messages.push({ role: 'assistant', content: parts });
        return;
      }
      messages.push(decodeInputMessage(value, path));
      return;
    }
    if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      const part = decodeToolResult(value, path);
      if (last?.role === 'tool') last.content.push(part);
      else messages.push({ role: 'tool', content: [part] });
      return;
    }
    if (type === 'item_reference')
      losses.add('stateful', path, 'an item reference points at a stored item; a store must resolve it', 'state');
    const part = decodeSingleItem(value, path, 'request');
    if (last?.role === 'assistant' && isMergeable(last)) last.content.push(part);
    else messages.push({ role: 'assistant', content: [part] });
  });
}

function isMergeable(message: Message): boolean {
  return message.extensions === undefined;
}

function decodeInputMessage(value: unknown, path: (string | number)[]): Message {
  const item = parseWire(wireMessageItem, value, 'request', path);
  const role = item.role as 'user' | 'system' | 'developer';
  const markers: Markers = {};
  if (item.type === undefined) markers.untyped = true;
  let content: Message['content'];
  if (typeof item.content === 'string') {
    markers.contentString = true;
    content = [{ type: 'text', text: item.content }];
  } else content = item.content.map((p, i) => decodeContentPart(p, false, [...path, 'content', i]));
  const message: Message = { role, content };
  if (typeof item.id === 'string') message.id = item.id;
  return attachExt(message, leftovers(item, ['type', 'role', 'content', 'id']), markers);
}

/**
 * Writes a Responses request body. Messages marked as `instructions` become `instructions`; other
 * system / developer messages stay input messages at their position (exact, and accepted by the
 * API). Fields Responses has no home for (`stop`, `seed`, `n`, penalties, `logit_bias`, `top_k`)
 * are dropped with a loss; `state` is written back as `previous_response_id` / `conversation`.
 */
export function encodeRequest(request: ChatRequest, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const body: JsonObject = encodeRequestFields(request, losses);
  const { instructions, input } = encodeMessages(request.messages, losses);
  if (instructions !== undefined) body.instructions = instructions;
  if (!(extMarkers(request).noInput && Array.isArray(input) && input.length === 0)) body.input = input;
  return { value: reorder(body), losses: losses.losses };
}

/** Puts `model`, `instructions` and `input` first, as clients write them (easier to read in logs). */
function reorder(body: JsonObject): JsonObject {
  const { model, instructions, input, ...rest } = body;
  const out: JsonObject = {};
  if (model !== undefined) out.model = model;
  if (instructions !== undefined) out.instructions = instructions;
  if (input !== undefined) out.input = input;
  return { ...out, ...rest };
}
