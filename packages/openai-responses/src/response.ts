import {
  type ChatResponse,
  type Choice,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type FinishReason,
  type JsonObject,
  type JsonValue,
  type LossCode,
  type LossRecorder,
} from '@interlingua/core';
import { errorFromObject, inBandCode, statusOf } from './error.ts';
import { attachExt, extFields, extMarkers, FORMAT, isObject } from './ext.ts';
import { decodeFinishReason, encodeFinishReason } from './finish-reason.ts';
import { hashId, idBase } from './ids.ts';
import { decodeOutputItem, forgetInventedId } from './item-decode.ts';
import { encodeOutputParts } from './item-encode.ts';
import { parseWire } from './parse.ts';
import { decodeUsage, encodeUsage } from './usage.ts';
import { type WireResponse, wireResponse } from './wire/response.ts';

/** Response fields mapped to core fields; the rest of the envelope rides in `extensions`. */
export const RESPONSE_KNOWN = ['id', 'created_at', 'model', 'output', 'usage', 'service_tier', 'error'];

/**
 * Reads a response object. The finish reason is derived from `status` (see `finish-reason.ts`);
 * `status: failed` also fills `response.error`.
 */
export function decodeResponse(wire: unknown, options?: ConvertOptions): Converted<ChatResponse> {
  const w = parseWire(wireResponse, wire, 'response');
  const losses = createLossRecorder(FORMAT, options);
  return { value: responseFromWire(w, 'response'), losses: losses.losses };
}

/** Builds the core response of a wire response object (shared with the stream decoder's lifecycle events). */
export function responseFromWire(
  w: WireResponse,
  kind: 'response' | 'stream',
  prefix: (string | number)[] = [],
): ChatResponse {
  const content = (w.output ?? []).flatMap((item, i) =>
    decodeOutputItem(item, [...prefix, 'output', i], kind).map((part) => forgetInventedId(part, w.id ?? undefined, i)),
  );
  const choice: Choice = { index: 0, content };
  const finish = decodeFinishReason(w.status, w.incomplete_details?.reason, hasToolCalls(w.output ?? []));
  if (finish) choice.finishReason = finish;
  const response: ChatResponse = { choices: [choice] };
  if (w.id) response.id = w.id;
  if (w.model) response.model = w.model;
  if (typeof w.created_at === 'number') response.created = w.created_at;
  if (w.usage) response.usage = decodeUsage(w.usage);
  if (w.service_tier) response.serviceTier = w.service_tier;
  if (w.error) response.error = inBandError(w.error as JsonObject);
  return attachExt(response, envelopeFields(w));
}

/** The envelope fields of a response object that have no core field (status, echoed parameters…). */
export function envelopeFields(w: WireResponse): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(w)) {
    if (value === undefined) continue;
    if (!RESPONSE_KNOWN.includes(key) || (value === null && key !== 'output')) out[key] = value as JsonValue;
  }
  return out;
}

/** An in-band `error: {code, message}` of a failed response, as a canonical error. */
export function inBandError(error: JsonObject): ReturnType<typeof errorFromObject> {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const provisional = errorFromObject(error, undefined);
  return { ...provisional, status: code === undefined ? 500 : statusOf(provisional.kind) };
}

/** True when output items include a client tool call (the finish reason is then `tool-calls`). */
export function hasToolCalls(output: { type: string }[]): boolean {
  return output.some((item) => item.type === 'function_call' || item.type === 'custom_tool_call');
}

/**
 * Writes a response object. Ids missing in the core (`resp_…`, `msg_…`, `fc_…`, `rs_…`) are
 * invented deterministically from the response's content; only `choices[0]` is written.
 */
export function encodeResponse(response: ChatResponse, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const choice = response.choices[0];
  response.choices.slice(1).forEach((c) => {
    losses.drop(['choices', c.index], 'Responses returns one answer', 'choices');
  });
  if (choice?.logprobs !== undefined)
    losses.drop(['choices', 0, 'logprobs'], 'choice-level logprobs are not written', 'logprobs');
  const id = response.id ?? `resp_${hashId(JSON.stringify([response.model, response.created, choice?.content]))}`;
  const base = idBase(id);
  const output = encodeOutputParts(choice?.content ?? [], ['choices', 0, 'content'], {
    mode: 'response',
    base,
    losses,
  });
  const fields = extFields(response);
  reportEnvelopeDefaults(response, losses);
  applyTerminalEncrypted(output, extMarkers(response).terminalEncrypted);
  const body: JsonObject = { id, object: 'response', created_at: response.created ?? Math.floor(Date.now() / 1000) };
  Object.assign(body, fields);
  body.id = id;
  if (response.created !== undefined) body.created_at = response.created;
  const { status, incompleteReason } = statusFor(response, fields, output);
  // A response read from this format keeps its own set of envelope keys; others get the full set.
  const own = response.extensions?.[FORMAT] !== undefined;
  const orNull = (key: string): void => {
    if (!own || key in fields) body[key] = null;
  };
  body.status = status;
  // A failed stream's terminal error object is remembered when the error itself came from an `error` event.
  if (response.error) body.error = isObject(fields.error) ? fields.error : encodeInBandError(response.error);
  else if (status === 'failed' && !('error' in fields)) {
    // A failed response must say why: a failure without an error (finish reason `error`) gets a
    // generic one, without a code so that it reads back as kind `other`.
    body.error = { code: null, message: 'The response failed.' };
    losses.add(
      'defaulted',
      ['error'],
      'a failed Responses response needs an error; a generic one was written',
      'error',
    );
  } else orNull('error');
  if (status === 'incomplete')
    body.incomplete_details =
      incompleteReason !== undefined ? { reason: incompleteReason } : (fields.incomplete_details ?? null);
  else orNull('incomplete_details');
  if (response.model !== undefined) body.model = response.model;
  body.output = output;
  if (response.usage) body.usage = encodeUsage(response.usage, losses);
  else orNull('usage');
  if (response.serviceTier !== undefined && !('service_tier' in fields)) body.service_tier = response.serviceTier;
  reportFinish(choice?.finishReason, body, output, losses);
  return { value: body, losses: losses.losses };
}

/** Responses requires a response id and a creation time: missing ones are invented (and read back as real). */
export function reportEnvelopeDefaults(response: { id?: string; created?: number }, losses: LossRecorder): void {
  if (response.id === undefined)
    losses.add('defaulted', ['id'], 'Responses requires a response id; one was invented', 'id');
  if (response.created === undefined)
    losses.add('defaulted', ['created'], 'Responses requires a creation time; the current time was written', 'created');
}

/**
 * Responses has no finish reason, only a status: the reason is derived back from it (and from the
 * presence of client tool calls), so a reason the status cannot say (`pause`, `tool-calls` without
 * a call, `other`, none at all) is reported, and so is a stop sequence.
 */
function reportFinish(
  finish: FinishReason | undefined,
  body: JsonObject,
  output: JsonObject[],
  losses: LossRecorder,
): void {
  const path = ['choices', 0, 'finishReason'];
  const details = isObject(body.incomplete_details) ? body.incomplete_details : undefined;
  const back = decodeFinishReason(
    typeof body.status === 'string' ? body.status : undefined,
    typeof details?.reason === 'string' ? details.reason : undefined,
    hasToolCalls(output as { type: string }[]),
  );
  if (back?.reason !== finish?.reason) {
    const code: LossCode = finish === undefined ? 'defaulted' : 'approximated';
    const said = `the finish reason ${finish?.reason ?? '(none)'} reads back from status ${String(body.status)} as ${back?.reason ?? '(none)'}`;
    losses.add(code, path, said, 'finish-reason');
  }
  if (finish?.stopSequence !== undefined)
    losses.drop([...path, 'stopSequence'], 'Responses does not say which stop sequence matched', 'finish-reason');
}

function statusFor(
  response: ChatResponse,
  fields: JsonObject,
  output: JsonObject[],
): { status: string; incompleteReason?: string } {
  const finish = response.choices[0]?.finishReason;
  const remembered = typeof fields.status === 'string' ? fields.status : undefined;
  const details = isObject(fields.incomplete_details) ? fields.incomplete_details : undefined;
  const reason = typeof details?.reason === 'string' ? details.reason : undefined;
  if (response.error && (!finish || finish.reason === 'error')) return { status: 'failed' };
  if (remembered !== undefined) {
    const derived = decodeFinishReason(remembered, reason, hasToolCalls(output as { type: string }[]));
    if (derived?.reason === finish?.reason) return { status: remembered };
  }
  return encodeFinishReason(finish);
}

function encodeInBandError(error: NonNullable<ChatResponse['error']>): JsonObject {
  const fields = extFields(error);
  return { code: inBandCode(error), message: error.message, ...fields };
}

/** Restores the terminal event's re-encrypted reasoning state (see the stream decoder) on the items it names. */
function applyTerminalEncrypted(output: JsonObject[], remembered: unknown): void {
  if (!isObject(remembered)) return;
  for (const item of output) {
    const value = typeof item.id === 'string' ? remembered[item.id] : undefined;
    if (item.type === 'reasoning' && typeof value === 'string' && typeof item.encrypted_content === 'string')
      item.encrypted_content = value;
  }
}
