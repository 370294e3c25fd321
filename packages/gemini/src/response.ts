import {
  type ChatResponse,
  type Choice,
  type ContentPart,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type LossRecorder,
  type TokenLogprob,
  wireErrorFromIssues,
} from '@interlingua/core';
import { decodeFinishReason, encodeFinishReasonReporting } from './finish-reason.ts';
import { attachGrounding, groundingFromCitations } from './grounding.ts';
import { decodePart } from './part-decode.ts';
import { encodePart } from './part-encode.ts';
import { decodeUsage, encodeUsage } from './usage.ts';
import { geminiExt, isObject, omit, withExt } from './util.ts';
import { responseSchema } from './wire/response.ts';

/** The id given to the `n`-th function call of a candidate that came without one (stable across stream and body). */
export function responseCallId(responseId: string | undefined, candidate: number, n: number): string {
  return `call_${responseId ? `${responseId}_` : ''}${candidate}_${n}`;
}

const CANDIDATE_MAPPED = ['content', 'finishReason', 'index'];

/** Decodes one candidate (also used by the stream decoder's tests through {@link decodeResponse}). */
function decodeCandidate(raw: JsonObject, position: number, responseId: string | undefined): Choice {
  const index = typeof raw.index === 'number' ? raw.index : position;
  const ext: JsonObject = omit(raw, CANDIDATE_MAPPED);
  if (typeof raw.index !== 'number') ext.noIndex = true;
  const content: ContentPart[] = [];
  if (isObject(raw.content)) {
    const extra = omit(raw.content, ['parts']);
    if (!(Object.keys(extra).length === 1 && extra.role === 'model')) ext.contentExtra = extra;
    if (!Array.isArray(raw.content.parts)) ext.noParts = true;
    const state = { ids: { call: (n: number) => responseCallId(responseId, index, n) }, calls: 0, code: 0 };
    for (const part of Array.isArray(raw.content.parts) ? raw.content.parts : [])
      if (isObject(part)) content.push(decodePart(part, state));
  } else ext.noContent = true;
  if (isObject(raw.groundingMetadata)) attachGrounding(content, raw.groundingMetadata);
  const choice: Choice = { index, content };
  if (typeof raw.finishReason === 'string')
    choice.finishReason = decodeFinishReason(
      raw.finishReason,
      content.some((p) => p.type === 'tool-call'),
    );
  // The wire object stays in extensions (exact round trip); the core gets the neutral form.
  if (isObject(raw.logprobsResult)) choice.logprobs = tokenLogprobs(raw.logprobsResult);
  return withExt(choice, ext);
}

/**
 * Decodes a `GenerateContentResponse`. A blocked prompt (no candidates, `promptFeedback.blockReason`)
 * becomes one empty choice with finish reason `content-filter` (raw: the block reason).
 */
export function decodeResponse(wire: unknown, options?: ConvertOptions): Converted<ChatResponse> {
  const losses = createLossRecorder('gemini', options);
  const parsed = responseSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues('gemini', 'response', parsed.error.issues, wire);
  const body = wire as JsonObject;
  const responseId = typeof body.responseId === 'string' ? body.responseId : undefined;
  const response: ChatResponse = { choices: [] };
  if (responseId !== undefined) response.id = responseId;
  if (typeof body.modelVersion === 'string') response.model = body.modelVersion;
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isObject) : [];
  response.choices = candidates.map((c, i) => decodeCandidate(c, i, responseId));
  const blocked = blockedChoice(body);
  if (blocked && response.choices.length === 0) response.choices.push(blocked);
  if (isObject(body.usageMetadata)) response.usage = decodeUsage(body.usageMetadata);
  const ext = omit(body, ['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
  if (Array.isArray(body.candidates) && body.candidates.length === 0) ext.emptyCandidates = true;
  withExt(response, ext);
  return { value: response, losses: losses.losses };
}

/** The choice standing for a blocked prompt, when the body reports one. */
export function blockedChoice(body: JsonObject): Choice | undefined {
  const feedback = body.promptFeedback;
  if (!isObject(feedback) || typeof feedback.blockReason !== 'string') return undefined;
  if (Array.isArray(body.candidates) && body.candidates.length > 0) return undefined;
  return {
    index: 0,
    content: [],
    finishReason: { reason: 'content-filter', raw: feedback.blockReason },
    extensions: { gemini: { promptBlocked: true } },
  };
}

/** Encodes a choice's content as Gemini parts, and the grounding its text citations give. */
export function encodeChoiceParts(
  choice: Choice,
  losses: LossRecorder,
  path: (string | number)[],
): { parts: JsonObject[]; grounding?: JsonObject } {
  const parts: JsonObject[] = [];
  let grounding: JsonObject | undefined;
  for (const [p, part] of choice.content.entries()) {
    const encoded = encodePart(part, { losses, path: [...path, 'content', p], response: true });
    if (encoded) parts.push(encoded);
    if (part.type === 'text' && part.citations?.length && !grounding)
      grounding = groundingFromCitations(part.text, part.citations);
  }
  return grounding ? { parts, grounding } : { parts };
}

/** Encodes a choice as a candidate (without its finish reason when `final` is false). */
export function encodeCandidate(choice: Choice, losses: LossRecorder, path: (string | number)[]): JsonObject {
  const ext = geminiExt(choice) ?? {};
  const { noIndex, noContent, noParts, contentExtra, promptBlocked: _, ...rest } = ext;
  const candidate: JsonObject = {};
  const { parts, grounding } = encodeChoiceParts(choice, losses, path);
  if (noContent !== true) {
    const content: JsonObject = isObject(contentExtra) ? { ...contentExtra } : { role: 'model' };
    if (noParts !== true) content.parts = parts;
    candidate.content = content;
  }
  if (choice.finishReason)
    candidate.finishReason = encodeFinishReasonReporting(
      choice.finishReason,
      choice.content.some((p) => p.type === 'tool-call'),
      losses,
      [...path, 'finishReason'],
    );
  if (noIndex !== true) candidate.index = choice.index;
  if (grounding && rest.groundingMetadata === undefined) candidate.groundingMetadata = grounding;
  if (choice.logprobs?.length && rest.logprobsResult === undefined)
    candidate.logprobsResult = logprobsResult(choice.logprobs);
  return { ...candidate, ...rest };
}

/** Reads `logprobsResult` (chosen tokens with their top alternatives) as core token logprobs. */
function tokenLogprobs(result: JsonObject): TokenLogprob[] {
  const chosen = Array.isArray(result.chosenCandidates) ? result.chosenCandidates.filter(isObject) : [];
  const top = Array.isArray(result.topCandidates) ? result.topCandidates : [];
  return chosen.map((c, i) => {
    const entry: TokenLogprob = { token: String(c.token ?? ''), logprob: Number(c.logProbability ?? 0) };
    const alternatives = top[i];
    if (isObject(alternatives) && Array.isArray(alternatives.candidates))
      entry.topLogprobs = alternatives.candidates
        .filter(isObject)
        .map((a) => ({ token: String(a.token ?? ''), logprob: Number(a.logProbability ?? 0) }));
    return entry;
  });
}

/** Writes core token logprobs as Gemini's `logprobsResult` (chosen tokens plus their top alternatives). */
function logprobsResult(logprobs: TokenLogprob[]): JsonObject {
  const result: JsonObject = {
    chosenCandidates: logprobs.map((t) => ({ token: t.token, logProbability: t.logprob })),
  };
  // Without any alternatives there is no `topCandidates` (it would read back as empty lists).
  if (logprobs.some((t) => t.topLogprobs !== undefined))
    result.topCandidates = logprobs.map((t) => ({
      candidates: (t.topLogprobs ?? []).map((a) => ({ token: a.token, logProbability: a.logprob })),
    }));
  return result;
}

/** Encodes a core response as a `GenerateContentResponse` body. */
export function encodeResponse(response: ChatResponse, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder('gemini', options);
  const ext = geminiExt(response) ?? {};
  const { emptyCandidates, ...rest } = ext;
  const body: JsonObject = {};
  const choices = response.choices.filter((c) => geminiExt(c)?.promptBlocked !== true);
  if (choices.length > 0 || emptyCandidates === true)
    body.candidates = choices.map((c) => encodeCandidate(c, losses, ['choices', response.choices.indexOf(c)]));
  const blocked = response.choices.find((c) => geminiExt(c)?.promptBlocked === true);
  if (blocked && !isObject(rest.promptFeedback))
    body.promptFeedback = { blockReason: blocked.finishReason?.raw ?? 'OTHER' };
  if (response.usage) body.usageMetadata = encodeUsage(response.usage, losses);
  if (response.model !== undefined) body.modelVersion = response.model;
  if (response.id !== undefined) body.responseId = response.id;
  if (response.created !== undefined)
    losses.drop(['created'], 'Gemini API responses carry no creation time', 'metadata');
  if (response.serviceTier !== undefined)
    losses.drop(['serviceTier'], 'Gemini responses name no service tier', 'service-tier');
  if (response.error) losses.drop(['error'], 'a Gemini response body carries no error', 'stream.event');
  return { value: { ...body, ...rest }, losses: losses.losses };
}
