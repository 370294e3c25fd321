import type { ChatRequest, JsonObject, LossRecorder } from '@interlingua/core';
import { extFields, extMarkers, isObject, put } from './ext.ts';
import { encodeTool, encodeToolChoice } from './tools.ts';

const EFFORT_BY_BUDGET: [number, 'minimal' | 'low' | 'medium' | 'high'][] = [
  [1024, 'low'],
  [8192, 'medium'],
  [Number.POSITIVE_INFINITY, 'high'],
];

/** Writes every request field except `instructions` / `input`. */
export function encodeRequestFields(request: ChatRequest, losses: LossRecorder): JsonObject {
  const fields = extFields(request);
  const markers = extMarkers(request);
  const body: JsonObject = { ...fields };
  put(body, 'model', request.model);
  if (request.tools) {
    const tools = request.tools.flatMap((t, i) => {
      const encoded = encodeTool(t, ['tools', i], losses);
      return encoded ? [encoded] : [];
    });
    body.tools = tools;
  }
  if (request.toolChoice)
    body.tool_choice = encodeToolChoice(
      request.toolChoice,
      request,
      isObject(markers.toolChoice) ? markers.toolChoice : undefined,
    );
  put(body, 'parallel_tool_calls', request.parallelToolCalls);
  const text = encodeText(request, markers);
  if (text) body.text = text;
  const reasoning = encodeReasoning(request, markers, losses);
  if (reasoning) body.reasoning = reasoning;
  put(body, 'max_output_tokens', request.maxOutputTokens);
  put(body, 'temperature', request.temperature);
  put(body, 'top_p', request.topP);
  put(body, 'top_logprobs', request.topLogprobs);
  if (request.logprobs) {
    const include = Array.isArray(body.include) ? [...body.include] : [];
    if (!include.includes('message.output_text.logprobs')) include.push('message.output_text.logprobs');
    body.include = include;
  }
  if (request.metadata) body.metadata = request.metadata;
  if (request.user !== undefined) body[markers.userField === 'user' ? 'user' : 'safety_identifier'] = request.user;
  if (request.cache) {
    put(body, 'prompt_cache_key', request.cache.key);
    put(body, 'prompt_cache_retention', request.cache.retention);
    if (request.cache.hint) losses.drop(['cache', 'hint'], 'Responses has no request-level cache breakpoint', 'cache');
  }
  put(body, 'service_tier', request.serviceTier);
  put(body, 'store', request.store);
  put(body, 'stream', request.stream);
  if (request.state?.previousResponseId !== undefined) body.previous_response_id = request.state.previousResponseId;
  if (request.state?.conversationId !== undefined)
    body.conversation = isObject(markers.conversation)
      ? { ...markers.conversation, id: request.state.conversationId }
      : request.state.conversationId;
  reportUnsupported(request, losses);
  return body;
}

function encodeText(request: ChatRequest, markers: ReturnType<typeof extMarkers>): JsonObject | undefined {
  const textFields = isObject(markers.text) ? markers.text : undefined;
  if (!request.output && !request.verbosity && !textFields) return undefined;
  const text: JsonObject = { ...textFields };
  const formatFields = isObject(markers.textFormat) ? markers.textFormat : {};
  const output = request.output;
  if (output?.type === 'text') text.format = { ...formatFields, type: 'text' };
  else if (output?.type === 'json') text.format = { ...formatFields, type: 'json_object' };
  else if (output?.type === 'json-schema') {
    const format: JsonObject = { ...formatFields, type: 'json_schema', name: output.name ?? 'response' };
    put(format, 'description', output.description);
    format.schema = output.schema;
    put(format, 'strict', output.strict);
    text.format = format;
  } else if (Object.keys(formatFields).length > 0) text.format = formatFields;
  put(text, 'verbosity', request.verbosity);
  return text;
}

function encodeReasoning(
  request: ChatRequest,
  markers: ReturnType<typeof extMarkers>,
  losses: LossRecorder,
): JsonObject | undefined {
  const config = request.reasoning;
  const extra = isObject(markers.reasoning) ? markers.reasoning : undefined;
  if (!config && !extra) return undefined;
  const out: JsonObject = { ...extra };
  if (config?.effort) out.effort = config.effort;
  else if (config?.mode === 'disabled') out.effort = 'none';
  else if (config?.budgetTokens !== undefined) {
    const budget = config.budgetTokens < 0 ? 8192 : config.budgetTokens;
    out.effort = EFFORT_BY_BUDGET.find(([max]) => budget <= max)?.[1] ?? 'high';
  }
  // Responses knows only an effort level: a mode or a budget is translated (or left out), and the
  // effort written reads back in their place, so the whole config is approximated.
  if (config?.mode !== undefined || config?.budgetTokens !== undefined)
    losses.approximate(
      ['reasoning'],
      'a thinking mode or budget is written as the nearest effort level (adaptive: the default effort)',
      'reasoning.config',
    );
  if (config?.summary) out.summary = config.summary;
  else if (config?.includeThoughts) {
    out.summary = 'auto';
    losses.approximate(
      ['reasoning', 'includeThoughts'],
      'returned thoughts are requested as an automatic summary',
      'reasoning.config',
    );
  }
  return out;
}

function reportUnsupported(request: ChatRequest, losses: LossRecorder): void {
  const drop = (field: keyof ChatRequest, feature: string, what: string): void => {
    if (request[field] !== undefined) losses.drop([field], `Responses has no ${what}`, feature);
  };
  drop('stop', 'sampling.stop', 'stop sequences');
  drop('seed', 'sampling.seed', 'seed');
  drop('topK', 'sampling.top-k', 'top-k sampling');
  drop('presencePenalty', 'sampling.penalties', 'presence penalty');
  drop('frequencyPenalty', 'sampling.penalties', 'frequency penalty');
  drop('logitBias', 'sampling.logit-bias', 'logit bias');
  // Even `n: 1` and text-only modalities, which say what Responses always does, have no field to ride in.
  if (request.n !== undefined) losses.drop(['n'], 'Responses generates one answer per request', 'sampling.n');
  if (request.modalities !== undefined) losses.drop(['modalities'], 'Responses answers in text only', 'modalities');
}
