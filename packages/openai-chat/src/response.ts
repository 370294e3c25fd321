import {
  type ChatResponse,
  type Choice,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type TokenLogprob,
} from '@interlingua/core';
import { attachExt, extFields, FORMAT, isObject, leftovers, put } from './ext.ts';
import { decodeFinishReason, encodeFinishReason, finishReasonLoss, reportStopSequence } from './finish-reason.ts';
import { decodeLogprobs, encodeLogprobs } from './logprobs.ts';
import type { ChatEncodeOptions } from './options.ts';
import { parseWire } from './parse.ts';
import { decodeResponseMessage, encodeResponseMessage } from './response-message.ts';
import { decodeUsage, encodeUsage } from './usage.ts';
import { ChatWireResponseSchema } from './wire/response.ts';

/**
 * Reads a `chat.completion` body. Every choice keeps its `index`; `logprobs.content` becomes the
 * choice's `TokenLogprob[]`; message leftovers ride in the choice's extensions under `message`.
 */
export function decodeResponse(wire: unknown, options?: ConvertOptions): Converted<ChatResponse> {
  const losses = createLossRecorder(FORMAT, options);
  const body = parseWire(ChatWireResponseSchema, wire, 'response');
  const response: ChatResponse = { choices: [] };
  if (typeof body.id === 'string') response.id = body.id;
  if (typeof body.model === 'string') response.model = body.model;
  if (typeof body.created === 'number') response.created = body.created;
  if (body.usage) response.usage = decodeUsage(body.usage);
  if (typeof body.service_tier === 'string') response.serviceTier = body.service_tier;
  const fields = leftovers(body, ['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier']);
  if (typeof body.object === 'string' && body.object !== 'chat.completion') fields.object = body.object;
  for (const [position, wireChoice] of body.choices.entries()) {
    const message = decodeResponseMessage(wireChoice.message);
    const choice: Choice = { index: wireChoice.index ?? position, content: message.parts };
    const choiceFields = leftovers(wireChoice, ['index', 'message', 'finish_reason', 'logprobs']);
    if (typeof wireChoice.finish_reason === 'string')
      choice.finishReason = decodeFinishReason(
        wireChoice.finish_reason,
        message.parts.some((p) => p.type === 'tool-call'),
      );
    const logprobs = wireChoice.logprobs;
    if (logprobs) {
      if (Array.isArray(logprobs.content)) choice.logprobs = decodeLogprobs(logprobs.content);
      const rest = leftovers(logprobs, ['content']);
      // `refusal` logprobs have no core slot: they ride in extensions with the other leftovers.
      if (Object.keys(rest).length > 0 || !Array.isArray(logprobs.content)) choiceFields.logprobs = rest;
    }
    if (Object.keys(message.fields).length > 0) choiceFields.message = message.fields;
    response.choices.push(attachExt(choice, choiceFields, message.markers));
  }
  return { value: attachExt(response, fields), losses: losses.losses };
}

/** Writes a `chat.completion` body. */
export function encodeResponse(response: ChatResponse, options: ChatEncodeOptions = {}): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const fields = extFields(response);
  const body: JsonObject = {
    id: response.id ?? 'chatcmpl-interlingua',
    object: 'chat.completion',
    created: response.created ?? 0,
    model: response.model ?? '',
    ...fields,
  };
  body.choices = response.choices.map((choice, i) => encodeChoice(choice, ['choices', i], losses, options));
  if (response.usage) body.usage = encodeUsage(response.usage, losses);
  put(body, 'service_tier', response.serviceTier);
  if (response.error)
    losses.drop(['error'], 'a Chat completion body cannot carry an error; send it with encodeError instead', 'error');
  return { value: body, losses: losses.losses };
}

function encodeChoice(
  choice: Choice,
  path: (string | number)[],
  losses: ReturnType<typeof createLossRecorder>,
  options: ChatEncodeOptions,
): JsonObject {
  const fields = extFields(choice);
  const { message: _message, logprobs: rawLogprobs, ...rest } = fields;
  const out: JsonObject = { ...rest, index: choice.index };
  const message = encodeResponseMessage(choice.content, choice, path, losses, options.reasoningField);
  out.message = message;
  if (choice.finishReason) {
    const calls = message.tool_calls;
    const hasToolCalls = (Array.isArray(calls) && calls.length > 0) || isObject(message.function_call);
    const { value, approximated } = encodeFinishReason(choice.finishReason, hasToolCalls);
    if (approximated)
      losses.approximate([...path, 'finishReason'], finishReasonLoss(choice.finishReason, value), 'finish-reason');
    reportStopSequence(choice.finishReason, [...path, 'finishReason'], losses);
    out.finish_reason = value;
  } else out.finish_reason = null;
  const logprobs = encodeChoiceLogprobs(choice.logprobs, rawLogprobs);
  if (logprobs !== undefined) out.logprobs = logprobs;
  return out;
}

/** `choice.logprobs` (TokenLogprob[]) + the leftovers (refusal logprobs) → `{content, refusal}`. */
export function encodeChoiceLogprobs(
  logprobs: TokenLogprob[] | undefined,
  raw: JsonValue | undefined,
): JsonValue | undefined {
  if (logprobs === undefined) return raw === undefined ? undefined : raw;
  const base = isObject(raw) ? raw : {};
  return { refusal: null, ...base, content: encodeLogprobs(logprobs) };
}
