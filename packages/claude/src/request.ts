import {
  type ChatRequest,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type Message,
} from '@interlingua/core';
import { decodeBlocks, type ExtraBlock, extraMarker } from './content-decode.ts';
import { claudeExt, FORMAT, isObject, leftovers, ownExt, setIf } from './ext.ts';
import { pickHeaders } from './headers.ts';
import { encodeMessages, lacksLoopThinking } from './messages-encode.ts';
import { encodeOutput } from './output-format.ts';
import { decodeReasoning, encodeReasoning } from './reasoning.ts';
import { decodeTool, decodeToolChoice, encodeToolChoice, encodeTools } from './tools.ts';
import { parseWire } from './wire/parse.ts';
import { ClaudeRequest, type ClaudeRequestWire } from './wire/request.ts';

/**
 * `max_tokens` written when the core request has no output limit (Claude requires one). 4096 is
 * the largest value every Claude model accepts; override it with the `defaultMaxTokens` option.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Options of `decodeRequest`. */
export interface DecodeRequestOptions extends ConvertOptions {
  /** The HTTP headers the request came with; `anthropic-*` ones are kept in `request.headers`. */
  headers?: Record<string, string>;
}

/** Options of `encodeRequest`. */
export interface EncodeRequestOptions extends ConvertOptions {
  /** `max_tokens` to use when the request has none (default `DEFAULT_MAX_TOKENS`). */
  defaultMaxTokens?: number;
  /** Keep mid-conversation system/developer messages as `role: "system"` messages (newest models only). */
  midConversationSystem?: boolean;
}

const KNOWN = [
  'model',
  'max_tokens',
  'messages',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'stream',
  'metadata',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
  'cache_control',
  'service_tier',
];

/** Reads a Messages API request body into the core request. */
export function decodeRequest(wire: unknown, options?: DecodeRequestOptions): Converted<ChatRequest> {
  const req = parseWire(ClaudeRequest, wire, 'request');
  const messages: Message[] = [];
  if (req.system !== undefined) messages.push(decodeSystem(req.system as string | JsonObject[]));
  req.messages.forEach((m, i) => {
    messages.push(...decodeMessage(m, ['messages', i]));
  });
  const request: ChatRequest = { messages };
  setIf(request, 'model', req.model);
  setIf(request, 'maxOutputTokens', req.max_tokens);
  setIf(request, 'stop', req.stop_sequences);
  setIf(request, 'temperature', req.temperature);
  setIf(request, 'topP', req.top_p);
  setIf(request, 'topK', req.top_k);
  setIf(request, 'stream', req.stream);
  setIf(request, 'serviceTier', req.service_tier);
  const ext: JsonObject = leftovers(req, KNOWN) ?? {};
  if (req.metadata) {
    if (typeof req.metadata.user_id === 'string') request.user = req.metadata.user_id;
    const rest = leftovers(req.metadata, typeof req.metadata.user_id === 'string' ? ['user_id'] : []);
    if (rest) ext.metadata = rest;
  }
  if (req.tools) request.tools = req.tools.map(decodeTool);
  if (req.tool_choice) {
    const { toolChoice, parallelToolCalls } = decodeToolChoice(req.tool_choice);
    request.toolChoice = toolChoice;
    setIf(request, 'parallelToolCalls', parallelToolCalls);
    const rest = leftovers(req.tool_choice, ['type', 'name', 'disable_parallel_tool_use']);
    if (rest) ext.tool_choice = rest;
  }
  setIf(request, 'reasoning', decodeReasoning(req));
  if (req.thinking) {
    const rest = leftovers(req.thinking, ['type', 'budget_tokens', 'display']);
    if (rest) ext.thinking = rest;
  }
  decodeOutput(req, request, ext);
  if (req.cache_control) {
    const { type, ttl } = req.cache_control;
    request.cache = { hint: ttl !== undefined ? { type, ttl } : { type } };
  }
  const headers = pickHeaders(options?.headers);
  if (headers) request.headers = headers;
  setIf(request, 'extensions', claudeExt(ext));
  return { value: request, losses: [] };
}

function decodeOutput(req: ClaudeRequestWire, request: ChatRequest, ext: JsonObject): void {
  const config = req.output_config;
  if (config) {
    if (config.format) request.output = { type: 'json-schema', schema: config.format.schema as JsonObject };
    const rest: JsonObject = leftovers(config, ['effort', 'format']) ?? {};
    if (config.effort === null) rest.effort = null;
    if (config.format === null) rest.format = null;
    if (Object.keys(rest).length > 0 || Object.keys(config).length === 0) ext.output_config = rest;
  }
  if (req.output_format) {
    request.output = { type: 'json-schema', schema: req.output_format.schema as JsonObject };
    ext.outputField = 'output_format';
  } else if (req.output_format === null) ext.output_format = null;
}

function decodeSystem(system: string | JsonObject[]): Message {
  if (typeof system === 'string')
    return {
      role: 'system',
      content: [{ type: 'text', text: system }],
      extensions: { claude: { systemForm: 'string' } },
    };
  const decoded = decodeBlocks(system, 'request', ['system']);
  return {
    role: 'system',
    content: decoded.parts,
    extensions: { claude: { systemForm: 'blocks', ...extraMarker(decoded.extra) } },
  };
}

function decodeMessage(m: ClaudeRequestWire['messages'][number], path: (string | number)[]): Message[] {
  const rest = leftovers(m, ['role', 'content']);
  if (typeof m.content === 'string') {
    const marker: JsonObject = m.role === 'system' ? { systemForm: 'string', inline: true } : { contentForm: 'string' };
    return [
      { role: m.role, content: [{ type: 'text', text: m.content }], extensions: { claude: { ...marker, ...rest } } },
    ];
  }
  const decoded = decodeBlocks(m.content, 'request', [...path, 'content']);
  if (m.role !== 'user') {
    const marker: JsonObject = m.role === 'system' ? { systemForm: 'blocks', inline: true } : {};
    const message: Message = { role: m.role, content: decoded.parts };
    setIf(message, 'extensions', claudeExt({ ...marker, ...extraMarker(decoded.extra), ...rest }));
    return [message];
  }
  // A user turn holding tool results decodes into a tool message followed by a user message.
  const results = decoded.parts.filter((p) => p.type === 'tool-result');
  const others = decoded.parts.filter((p) => p.type !== 'tool-result');
  const out: Message[] = [];
  if (results.length > 0) out.push({ role: 'tool', content: results });
  if (others.length > 0 || out.length === 0) out.push({ role: 'user', content: others });
  const host = out[out.length - 1]!;
  const extra: ExtraBlock[] =
    host.role === 'tool'
      ? decoded.extra
      : decoded.extra.map((e) => ({ at: e.at - countResultsBefore(m.content as JsonObject[], e.at), block: e.block }));
  setIf(host, 'extensions', claudeExt({ ...extraMarker(extra), ...rest }));
  return out;
}

function countResultsBefore(blocks: JsonObject[], at: number): number {
  return blocks.slice(0, at).filter((b) => b.type === 'tool_result').length;
}

/** Writes the core request as a Messages API body that Claude accepts. */
export function encodeRequest(request: ChatRequest, options?: EncodeRequestOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const ext = ownExt(request);
  const { system, messages } = encodeMessages(request.messages, options ?? {}, losses);
  const body: JsonObject = {};
  if (request.model !== undefined) body.model = request.model;
  const reasoning = encodeReasoning(request, losses);
  if (reasoning.on && lacksLoopThinking(messages)) {
    losses.approximate(
      ['reasoning'],
      'The tool loop has no Claude thinking to continue; thinking is turned off.',
      'reasoning.config',
    );
    reasoning.thinking = { type: 'disabled' };
    reasoning.on = false;
  }
  let maxTokens = request.maxOutputTokens;
  if (maxTokens === undefined) {
    maxTokens = options?.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    losses.add('defaulted', ['maxOutputTokens'], `Claude requires max_tokens; ${maxTokens} was used.`, 'max-tokens');
    const budget = reasoning.thinking?.budget_tokens;
    if (typeof budget === 'number' && budget >= maxTokens) maxTokens += budget;
  } else {
    const budget = reasoning.thinking?.budget_tokens;
    if (reasoning.thinking && typeof budget === 'number' && budget >= maxTokens) {
      if (maxTokens - 1 >= 1024) {
        reasoning.thinking.budget_tokens = maxTokens - 1;
        losses.approximate(
          ['reasoning', 'budgetTokens'],
          'Thinking budget lowered below max_tokens.',
          'reasoning.config',
        );
      } else {
        maxTokens = budget + 1;
        losses.approximate(['maxOutputTokens'], 'max_tokens raised above the thinking budget.', 'max-tokens');
      }
    }
  }
  body.max_tokens = maxTokens;
  body.messages = messages;
  const output = encodeOutput(request.output, losses);
  const systemValue = appendInstruction(system, output.instruction);
  if (systemValue !== undefined) body.system = systemValue;
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  encodeSampling(request, reasoning.on, body, losses);
  if (request.stream !== undefined) body.stream = request.stream;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.tools !== undefined) body.tools = encodeTools(request.tools, losses);
  const toolChoice = encodeToolChoice(request, reasoning.on, (request.tools?.length ?? 0) > 0, losses);
  if (toolChoice) body.tool_choice = toolChoice;
  if (reasoning.thinking) body.thinking = reasoning.thinking;
  const outputConfig: JsonObject = {};
  if (reasoning.effort !== undefined) outputConfig.effort = reasoning.effort;
  if (output.format && ext?.outputField === 'output_format') body.output_format = output.format;
  else if (output.format) outputConfig.format = output.format;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  if (request.cache?.hint) body.cache_control = { ...request.cache.hint };
  if (request.serviceTier !== undefined) {
    if (request.serviceTier === 'auto' || request.serviceTier === 'standard_only' || ext)
      body.service_tier = request.serviceTier;
    else losses.drop(['serviceTier'], `Claude has no service tier "${request.serviceTier}".`, 'service-tier');
  }
  reportUnsupported(request, losses);
  mergeRequestExt(body, ext);
  return { value: body, losses: losses.losses };
}

function appendInstruction(system: JsonValue | undefined, instruction: string | undefined): JsonValue | undefined {
  if (instruction === undefined) return system;
  if (system === undefined) return instruction;
  if (typeof system === 'string') return `${system}\n\n${instruction}`;
  return [...(system as JsonObject[]), { type: 'text', text: instruction }];
}

/** Sampling parameters; with thinking on Claude rejects temperature ≠ 1, top_k and top_p < 0.95. */
function encodeSampling(
  request: ChatRequest,
  thinkingOn: boolean,
  body: JsonObject,
  losses: import('@interlingua/core').LossRecorder,
): void {
  if (request.temperature !== undefined) {
    if (thinkingOn && request.temperature !== 1)
      losses.drop(['temperature'], 'Claude does not allow temperature with thinking.', 'sampling.temperature');
    else body.temperature = request.temperature;
  }
  if (request.topP !== undefined) {
    if (thinkingOn && request.topP < 0.95)
      losses.drop(['topP'], 'With thinking Claude only allows top_p from 0.95 to 1.', 'sampling.top-p');
    else body.top_p = request.topP;
  }
  if (request.topK !== undefined) {
    if (thinkingOn) losses.drop(['topK'], 'Claude does not allow top_k with thinking.', 'sampling.top-k');
    else body.top_k = request.topK;
  }
}

function reportUnsupported(request: ChatRequest, losses: import('@interlingua/core').LossRecorder): void {
  const drop = (field: keyof ChatRequest, feature: string, what: string): void => {
    if (request[field] !== undefined) losses.drop([field], `Claude has no ${what}.`, feature);
  };
  drop('seed', 'sampling.seed', 'seed');
  drop('presencePenalty', 'sampling.penalties', 'presence penalty');
  drop('frequencyPenalty', 'sampling.penalties', 'frequency penalty');
  drop('logitBias', 'sampling.logit-bias', 'logit bias');
  drop('logprobs', 'sampling.logprobs', 'log probabilities');
  drop('topLogprobs', 'sampling.logprobs', 'top log probabilities');
  // Even `n: 1` is reported: Claude has no field for it, so it does not come back.
  if (request.n !== undefined) losses.drop(['n'], 'Claude generates one answer and has no `n`.', 'sampling.n');
  drop('verbosity', 'verbosity', 'verbosity setting');
  // Even a text-only list is reported: Claude has no field for it, so it does not come back.
  if (request.modalities !== undefined)
    losses.drop(['modalities'], 'Claude answers with text only and has no modalities setting.', 'modalities');
  drop('metadata', 'metadata', 'free-form metadata (only metadata.user_id)');
  if (request.cache?.key !== undefined || request.cache?.retention !== undefined)
    losses.drop(['cache'], 'Claude has no prompt-cache key or retention.', 'cache');
  drop('store', 'state', 'stored responses');
  if (request.state?.previousResponseId !== undefined || request.state?.conversationId !== undefined)
    losses.add('stateful', ['state'], 'Claude is stateless; the referenced state is not sent.', 'state');
}

/** Merges request extensions back: whole fields where absent, one level deep into sub-objects. */
function mergeRequestExt(body: JsonObject, ext: JsonObject | undefined): void {
  if (!ext) return;
  for (const [key, value] of Object.entries(ext)) {
    if (key === 'outputField') continue;
    const current = body[key];
    if (current === undefined) body[key] = value;
    else if (isObject(current) && isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (!(k in current)) current[k] = v;
    }
  }
}
