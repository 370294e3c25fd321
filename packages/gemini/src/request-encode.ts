import {
  type ChatRequest,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type LossRecorder,
  type Message,
} from '@interlingua/core';
import { encodeGenerationConfig } from './generation-config.ts';
import { encodePart, encodeToolCall, encodeToolResult } from './part-encode.ts';
import type { SchemaMode } from './schema.ts';
import { encodeToolChoice, encodeTools } from './tools.ts';
import { deepMerge, geminiExt, isObject } from './util.ts';

/** Options of {@link encodeRequest}. */
export interface EncodeRequestOptions extends ConvertOptions {
  /**
   * Where JSON Schemas go: `openapi` (`parameters` / `responseSchema`, converted to the OpenAPI
   * subset) or `json-schema` (`parametersJsonSchema` / `responseJsonSchema`). Default: JSON Schema
   * exactly when the schema uses keywords the OpenAPI subset lacks.
   */
  schemaMode?: SchemaMode;
}

/** One wire content under construction, with what the grouping pass needs to know about its parts. */
interface Draft {
  role: string | undefined;
  parts: JsonObject[];
  /** Per part: the call id it makes (`functionCall`) or answers (`functionResponse`). */
  calls: (string | undefined)[];
  answers: (string | undefined)[];
  extra: JsonObject;
  separate: boolean;
  keepEmpty: boolean;
}

/** True for a user message that is a new prompt (not only tool results): it starts a new turn. */
function isPlainUser(message: Message): boolean {
  return message.role === 'user' && message.content.some((p) => p.type !== 'tool-result');
}

/**
 * Encodes a core request as a `GenerateContentRequest` body Gemini accepts: instructions hoisted
 * into `systemInstruction`, roles mapped and merged, function responses grouped right after their
 * calls in call order, and the documented signature placeholder on unsigned current-turn calls.
 */
export function encodeRequest(request: ChatRequest, options?: EncodeRequestOptions): Converted<JsonValue> {
  const losses = createLossRecorder('gemini', options);
  const body: JsonObject = {};
  const systemParts: JsonObject[] = [];
  let systemExtra: JsonObject | undefined;
  let seenConversation = false;
  const names = new Map<string, string>();
  for (const message of request.messages)
    for (const part of message.content) if (part.type === 'tool-call') names.set(part.id, part.name);
  let turnStart = -1;
  request.messages.forEach((m, i) => {
    if (isPlainUser(m)) turnStart = i;
  });

  const drafts: Draft[] = [];
  for (const [m, message] of request.messages.entries()) {
    const path = ['messages', m];
    const ext = geminiExt(message);
    if (message.role === 'system' || message.role === 'developer') {
      if (seenConversation)
        losses.approximate(
          path,
          'Gemini has one systemInstruction: a mid-conversation instruction was hoisted',
          'instructions.position',
        );
      systemExtra ??= isObject(ext?.extra) ? ext.extra : undefined;
      for (const [p, part] of message.content.entries()) {
        const encoded = encodePart(part, { losses, path: [...path, 'content', p] });
        if (encoded) systemParts.push(encoded);
      }
      continue;
    }
    seenConversation = true;
    if (message.name !== undefined)
      losses.drop([...path, 'name'], 'Gemini contents carry no participant name', 'message.name');
    const role =
      typeof ext?.role === 'string'
        ? ext.role
        : ext?.noRole === true
          ? undefined
          : message.role === 'assistant'
            ? 'model'
            : 'user';
    const draft: Draft = {
      role,
      parts: [],
      calls: [],
      answers: [],
      extra: isObject(ext?.extra) ? ext.extra : {},
      separate: ext?.separate === true,
      keepEmpty: ext?.emptyParts === true || ext?.noParts === true,
    };
    if (ext?.noParts === true) draft.extra = { ...draft.extra, noParts: true };
    let firstCall = true;
    for (const [p, part] of message.content.entries()) {
      const ctx = { losses, path: [...path, 'content', p] };
      let encoded: JsonObject | undefined;
      if (part.type === 'tool-call') {
        const pext = geminiExt(part);
        const bypass = message.role === 'assistant' && m > turnStart && firstCall && pext?.unsigned !== true;
        firstCall = false;
        encoded = encodeToolCall(part, ctx, bypass);
        draft.calls.push(part.id);
        draft.answers.push(undefined);
      } else if (part.type === 'tool-result') {
        const name = part.name ?? names.get(part.callId);
        if (name === undefined)
          losses.approximate(ctx.path, `no call ${part.callId} names the function: sent an empty name`, 'tool-call.id');
        encoded = encodeToolResult(part, name ?? '', ctx);
        draft.calls.push(undefined);
        draft.answers.push(part.callId);
      } else {
        encoded = encodePart(part, ctx);
        if (encoded) {
          draft.calls.push(undefined);
          draft.answers.push(undefined);
        }
      }
      if (encoded) draft.parts.push(encoded);
    }
    drafts.push(draft);
  }

  const contents = mergeDrafts(groupResponses(drafts));
  body.contents = contents.map((d) => {
    const { noParts, ...extra } = d.extra;
    const content: JsonObject = { ...extra };
    if (d.role !== undefined) content.role = d.role;
    if (noParts !== true) content.parts = d.parts;
    return content;
  });
  if (systemParts.length > 0 || systemExtra) body.systemInstruction = { ...systemExtra, parts: systemParts };

  const ext = geminiExt(request);
  const leftovers = isObject(ext?.body) ? ext.body : {};
  if (request.tools?.length) body.tools = encodeTools(request.tools, options?.schemaMode, losses);
  if (request.toolChoice) body.toolConfig = { functionCallingConfig: encodeToolChoice(request.toolChoice) };
  const gc = encodeGenerationConfig(
    request,
    isObject(ext?.output) ? ext.output : undefined,
    options?.schemaMode,
    losses,
  );
  if (Object.keys(gc).length > 0) body.generationConfig = gc;
  if (request.serviceTier !== undefined) body.serviceTier = request.serviceTier;
  reportForeignFields(request, losses);
  const merged = deepMerge(body, leftovers);
  checkAllowedNames(merged, losses);
  return { value: merged, losses: losses.losses };
}

/** `allowedFunctionNames` is valid only with ANY / VALIDATED: drop it elsewhere with a loss. */
function checkAllowedNames(body: JsonObject, losses: LossRecorder): void {
  const fcc = isObject(body.toolConfig) ? body.toolConfig.functionCallingConfig : undefined;
  if (isObject(fcc) && fcc.mode === 'AUTO' && fcc.allowedFunctionNames !== undefined) {
    delete fcc.allowedFunctionNames;
    losses.drop(['toolChoice', 'allowedTools'], 'Gemini restricts function names only in mode ANY', 'tool-choice');
  }
}

/**
 * Moves every function response into one user content right after the model content whose calls
 * it answers, in call order. A body that is already grouped is left as it is.
 */
function groupResponses(drafts: Draft[]): Draft[] {
  const out = [...drafts];
  for (let i = 0; i < out.length; i++) {
    const model = out[i];
    if (model?.role !== 'model') continue;
    const ids = model.calls.filter((c): c is string => c !== undefined);
    if (ids.length === 0) continue;
    let end = i + 1;
    while (end < out.length && out[end]?.role !== 'model') end++;
    const span = out.slice(i + 1, end);
    const responses: { part: JsonObject; id: string }[] = [];
    const rest: Draft[] = [];
    for (const d of span) {
      const kept: Draft = { ...d, parts: [], calls: [], answers: [] };
      d.parts.forEach((part, k) => {
        const id = d.answers[k];
        if (id !== undefined && ids.includes(id)) responses.push({ part, id });
        else {
          kept.parts.push(part);
          kept.calls.push(d.calls[k]);
          kept.answers.push(id);
        }
      });
      rest.push(kept);
    }
    if (responses.length === 0) continue;
    const sorted = [...responses].sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const first = span[0];
    const alreadyGrouped =
      first !== undefined &&
      sorted.every((r, k) => first.parts[k] === r.part) &&
      rest.slice(1).every((d, k) => d.parts.length === span[k + 1]?.parts.length);
    if (alreadyGrouped) continue;
    const head = rest[0];
    const grouped: Draft = {
      role: head?.role === 'function' ? 'function' : 'user',
      parts: sorted.map((r) => r.part),
      calls: sorted.map(() => undefined),
      answers: sorted.map((r) => r.id),
      extra: head?.extra ?? {},
      separate: false,
      keepEmpty: false,
    };
    const remaining = rest.map((d, k) => (k === 0 ? { ...d, extra: {} } : d)).filter((d) => d.parts.length > 0);
    out.splice(i + 1, span.length, grouped, ...remaining);
  }
  return out;
}

/** Drops empty contents and merges consecutive contents of one role (unless the source kept them apart). */
function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    if (d.parts.length === 0 && !d.keepEmpty) continue;
    const last = out[out.length - 1];
    const wireRole = (r: string | undefined) => (r === 'model' ? 'model' : 'user');
    if (last && !d.separate && wireRole(last.role) === wireRole(d.role) && !d.keepEmpty && !last.keepEmpty) {
      last.parts.push(...d.parts);
      last.calls.push(...d.calls);
      last.answers.push(...d.answers);
      continue;
    }
    out.push({ ...d, parts: [...d.parts] });
  }
  return out;
}

/** Reports core request fields Gemini has no place for. */
function reportForeignFields(request: ChatRequest, losses: LossRecorder): void {
  if (request.logitBias) losses.drop(['logitBias'], 'Gemini has no logit bias', 'sampling.logit-bias');
  if (request.parallelToolCalls === false)
    losses.drop(['parallelToolCalls'], 'Gemini cannot forbid parallel calls', 'tool-choice.parallel');
  if (request.user !== undefined) losses.drop(['user'], 'Gemini has no end-user id', 'user');
  if (request.metadata) losses.drop(['metadata'], 'Gemini has no request metadata', 'metadata');
  if (request.cache) losses.drop(['cache'], 'Gemini caches are separate resources (cachedContent)', 'cache');
  if (request.state)
    losses.add('stateful', ['state'], 'Gemini is stateless: the referenced state was not sent', 'state');
  if (request.verbosity !== undefined) losses.drop(['verbosity'], 'Gemini has no verbosity setting', 'verbosity');
  if (request.store !== undefined) losses.drop(['store'], 'Gemini does not store exchanges', 'state');
}
