import {
  type ChatResponse,
  type Choice,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
} from '@interlingua/core';
import { decodeBlocks, extraMarker } from './content-decode.ts';
import { type ContentContext, encodePart, insertExtra } from './content-encode.ts';
import { claudeExt, FORMAT, leftovers, mergeExt, ownExt } from './ext.ts';
import { decodeFinishReason, encodeFinishReason, isKnownStopReason } from './finish-reason.ts';
import { decodeUsage, encodeUsage } from './usage.ts';
import { parseWire } from './wire/parse.ts';
import { ClaudeResponse } from './wire/response.ts';

/** Fields of the message envelope that belong to the end of a turn (they arrive with `message_delta` when streaming). */
export const END_FIELDS = ['stop_details', 'container'];

const ENVELOPE = ['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage', ...END_FIELDS];

/** Id written when a response has none. */
export const DEFAULT_MESSAGE_ID = 'msg_interlingua';

/** Reads a Messages API response body into the core response. */
export function decodeResponse(wire: unknown, _options?: ConvertOptions): Converted<ChatResponse> {
  const res = parseWire(ClaudeResponse, wire, 'response');
  const decoded = decodeBlocks(res.content, 'response', ['content']);
  const choice: Choice = { index: 0, content: decoded.parts };
  const choiceExt: JsonObject = { ...extraMarker(decoded.extra) };
  if (res.stop_reason !== null) {
    choice.finishReason = decodeFinishReason(res.stop_reason, res.stop_sequence);
    if (!isKnownStopReason(res.stop_reason)) choiceExt.stop_reason = res.stop_reason;
  }
  for (const field of END_FIELDS) if (field in res) choiceExt[field] = res[field] as JsonValue;
  const ext = claudeExt(choiceExt);
  if (ext) choice.extensions = ext;
  const response: ChatResponse = {
    id: res.id,
    model: res.model,
    choices: [choice],
    usage: decodeUsage(res.usage as JsonObject),
  };
  if (typeof res.usage.service_tier === 'string') response.serviceTier = res.usage.service_tier;
  const rest = claudeExt(leftovers(res, ENVELOPE));
  if (rest) response.extensions = rest;
  return { value: response, losses: [] };
}

/** Writes the core response as a Messages API response body. */
export function encodeResponse(response: ChatResponse, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const choice = response.choices[0];
  if (response.choices.length > 1)
    losses.drop(['choices'], 'Claude returns one answer; only the first is kept.', 'choices');
  const ctx: ContentContext = { losses, target: 'response' };
  const blocks: JsonObject[] = [];
  choice?.content.forEach((part, i) => {
    const block = encodePart(part, ['choices', 0, 'content', i], ctx);
    if (block) blocks.push(block);
  });
  const choiceExt = ownExt(choice);
  const body: JsonObject = {
    id: response.id ?? DEFAULT_MESSAGE_ID,
    type: 'message',
    role: 'assistant',
    model: response.model ?? '',
    content: insertExtra(blocks, choiceExt),
    ...encodeStop(choice, losses, ['choices', 0, 'finishReason']),
    usage: encodeUsage(response.usage, losses),
  };
  if (response.serviceTier !== undefined && (body.usage as JsonObject).service_tier === undefined)
    (body.usage as JsonObject).service_tier = response.serviceTier;
  if (response.created !== undefined) losses.drop(['created'], 'A Claude message has no creation time.', 'created');
  if (choice?.logprobs !== undefined)
    losses.drop(['choices', 0, 'logprobs'], 'Claude has no log probabilities.', 'logprobs');
  if (response.error)
    losses.drop(['error'], 'A Claude response cannot carry a failure; send it as an error instead.', 'finish-reason');
  mergeExt(body, choiceExt);
  mergeExt(body, ownExt(response));
  return { value: body, losses: losses.losses };
}

/** `stop_reason` and `stop_sequence` of a choice (shared by the stream encoder). */
export function encodeStop(
  choice: Pick<Choice, 'finishReason' | 'extensions'> | undefined,
  losses: import('@interlingua/core').LossRecorder,
  path: (string | number)[],
): { stop_reason: string | null; stop_sequence: string | null } {
  const finish = choice?.finishReason;
  if (!finish) return { stop_reason: null, stop_sequence: null };
  const override = ownExt(choice)?.stop_reason;
  if (typeof override === 'string') return { stop_reason: override, stop_sequence: finish.stopSequence ?? null };
  const { stopReason, exact } = encodeFinishReason(finish);
  if (!exact)
    losses.approximate(path, `Claude has no "${finish.reason}" stop reason; sent as ${stopReason}.`, 'finish-reason');
  return { stop_reason: stopReason, stop_sequence: finish.stopSequence ?? null };
}
