import {
  type ChatRequest,
  type ContentPart,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  type LossRecorder,
  type Message,
} from '@interlingua/core';
import { encodeGenerationConfig } from './generation-config.ts';
import { responseFromText, textFromResponse } from './part-decode.ts';
import { encodePart, encodeToolCall, encodeToolResult } from './part-encode.ts';
import type { SchemaMode } from './schema.ts';
import { encodeToolChoice, encodeTools } from './tools.ts';
import { deepMerge, geminiExt, isObject } from './util.ts';

/**
 * The URL path (after the API version) a request goes to: `models/{model}:generateContent`, or
 * `models/{model}:streamGenerateContent?alt=sse` when `request.stream` is true. Gemini carries the
 * model and the streaming mode here, not in the body; `decodeRequest(body, { model, stream })`
 * reads them back. Throws when the request names no model (there is no default model).
 */
export function requestUrlPath(request: Pick<ChatRequest, 'model' | 'stream'>): string {
  if (request.model === undefined || request.model === '')
    throw new Error('the request names no model: Gemini has no default model');
  const model = request.model.startsWith('models/') ? request.model : `models/${request.model}`;
  return request.stream === true ? `${model}:streamGenerateContent?alt=sse` : `${model}:generateContent`;
}

/** Options of {@link encodeRequest}. */
export interface EncodeRequestOptions extends ConvertOptions {
  /**
   * Where JSON Schemas go: `openapi` (`parameters` / `responseSchema`, converted to the OpenAPI
   * subset) or `json-schema` (`parametersJsonSchema` / `responseJsonSchema`). Default: JSON Schema
   * exactly when the schema uses keywords the OpenAPI subset lacks.
   */
  schemaMode?: SchemaMode;
}

/** Text of the user content inserted before a conversation that starts with the model, or holds no content at all. */
export const LEADING_USER_TEXT = '(conversation start)';

/** Error text of the placeholder `functionResponse` for a call that has no result. */
export const MISSING_RESULT_TEXT = 'No result was provided for this tool call.';

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
 * calls in call order, an error-flagged placeholder response for a call without a result, a
 * placeholder user content first when the conversation opens with the model or holds none, tool
 * names escaped to Gemini's rule, and the documented signature placeholder on unsigned
 * current-turn calls.
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

  const firstTurn = request.messages.findIndex((m) => m.role !== 'system' && m.role !== 'developer');
  const drafts: Draft[] = [];
  for (const [m, message] of request.messages.entries()) {
    const path = ['messages', m];
    const ext = geminiExt(message);
    if (message.role === 'system' || message.role === 'developer') {
      if (seenConversation)
        // Hoisting moves every message from the first conversation turn on: the loss points there.
        losses.approximate(
          ['messages', firstTurn],
          `Gemini has one systemInstruction: the instruction at messages[${m}] was hoisted before this message`,
          'instructions.position',
        );
      if (message.role === 'developer')
        losses.approximate(
          [...path, 'role'],
          'Gemini has one kind of instruction: a developer message became systemInstruction',
          'instructions.developer',
        );
      systemExtra ??= isObject(ext?.extra) ? ext.extra : undefined;
      const before = systemParts.length;
      for (const [p, part] of message.content.entries()) {
        reportCache(part, [...path, 'content', p], losses);
        const encoded = encodePart(part, { losses, path: [...path, 'content', p] });
        if (encoded) systemParts.push(encoded);
      }
      // An instruction with nothing to send (`instructions: ""`) leaves no trace in the body.
      if (systemParts.length === before && !isObject(ext?.extra))
        losses.drop(path, 'an empty instruction has no Gemini form', 'content.empty-text');
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
      reportCache(part, ctx.path, losses);
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
  fillMissingResponses(contents, losses);
  unwrapOrphanResponses(contents, losses);
  openWithUser(contents, losses);
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

/**
 * Answers every call of a model content that has no response in the next content with an
 * error-flagged placeholder (Gemini rejects a call turn not followed by one response per call, in
 * call order). A trailing model content with calls is left alone: answering it is the caller's next step.
 */
function fillMissingResponses(contents: Draft[], losses: LossRecorder): void {
  for (let i = 0; i < contents.length - 1; i++) {
    const model = contents[i]!;
    if (model.role !== 'model') continue;
    const calls = model.parts.flatMap((part, k) =>
      isObject(part.functionCall) ? [{ call: part.functionCall, id: model.calls[k] }] : [],
    );
    if (calls.length === 0) continue;
    let next = contents[i + 1]!;
    if (next.role === 'model') {
      next = { role: 'user', parts: [], calls: [], answers: [], extra: {}, separate: false, keepEmpty: false };
      contents.splice(i + 1, 0, next);
    }
    const responses = next.parts.flatMap((part, k) => (isObject(part.functionResponse) ? [k] : []));
    const unused = new Set(responses);
    const take = (id: string | undefined): number | undefined => {
      for (const k of unused)
        if (id !== undefined && next.answers[k] === id) {
          unused.delete(k);
          return k;
        }
      return undefined;
    };
    const matched = calls.map((c) => take(c.id));
    if (matched.every((k) => k !== undefined)) continue;
    const ordered: { part: JsonObject; answer: string | undefined }[] = calls.map((c, n) => {
      const k = matched[n];
      if (k !== undefined) return { part: next.parts[k]!, answer: next.answers[k] };
      const fr: JsonObject = { name: c.call.name ?? '', response: responseFromText(MISSING_RESULT_TEXT, true) };
      if (typeof c.call.id === 'string') fr.id = c.call.id;
      losses.add(
        'defaulted',
        ['messages'],
        `tool call ${c.id ?? String(c.call.name)} had no result: an error placeholder response was sent`,
        'tool-result.missing',
      );
      return { part: { functionResponse: fr }, answer: c.id };
    });
    // Responses to these calls first, in call order; then whatever else the content holds.
    const rest = next.parts.flatMap((part, k) =>
      matched.includes(k) ? [] : [{ part, answer: next.answers[k], call: next.calls[k] }],
    );
    next.parts = [...ordered.map((o) => o.part), ...rest.map((r) => r.part)];
    next.answers = [...ordered.map((o) => o.answer), ...rest.map((r) => r.answer)];
    next.calls = [...ordered.map(() => undefined), ...rest.map((r) => r.call)];
  }
}

/**
 * A `functionResponse` that answers no call of the model content right before it (Gemini rejects
 * it) is sent as text, `Tool result (<call id>): <text>`, with its media parts after it; the
 * responses that do answer calls stay first, in their order.
 */
function unwrapOrphanResponses(contents: Draft[], losses: LossRecorder): void {
  for (const [i, content] of contents.entries()) {
    if (content.role === 'model' || !content.parts.some((p) => isObject(p.functionResponse))) continue;
    const previous = contents[i - 1];
    const open = previous?.role === 'model' ? previous.calls.filter((c): c is string => c !== undefined) : [];
    const kept: { part: JsonObject; call: string | undefined; answer: string | undefined }[] = [];
    const trailing: typeof kept = [];
    let orphans = 0;
    content.parts.forEach((part, k) => {
      const answer = content.answers[k];
      const fr = part.functionResponse;
      const at = answer === undefined ? -1 : open.indexOf(answer);
      if (!isObject(fr) || at >= 0) {
        if (at >= 0) open.splice(at, 1);
        (isObject(fr) ? kept : trailing).push({ part, call: content.calls[k], answer });
        return;
      }
      const id = answer ?? (typeof fr.id === 'string' ? fr.id : String(fr.name ?? ''));
      orphans++;
      losses.approximate(
        ['messages'],
        `tool result ${id} answers no call of the model content before it; sent as text`,
        'tool-result.orphan',
      );
      const { text } = textFromResponse(isObject(fr.response) ? fr.response : {});
      trailing.push({ part: { text: `Tool result (${id}): ${text}` }, call: undefined, answer: undefined });
      if (Array.isArray(fr.parts))
        for (const media of fr.parts)
          if (isObject(media)) trailing.push({ part: media, call: undefined, answer: undefined });
    });
    if (orphans === 0) continue;
    const all = [...kept, ...trailing];
    content.parts = all.map((e) => e.part);
    content.calls = all.map((e) => e.call);
    content.answers = all.map((e) => e.answer);
  }
}

/**
 * Gemini needs at least one content and a user content first: a conversation that opens with the
 * model, or holds only instructions, gets a user content with `LEADING_USER_TEXT` before it.
 */
function openWithUser(contents: Draft[], losses: LossRecorder): void {
  const first = contents[0];
  if (first !== undefined && first.role !== 'model') return;
  losses.approximate(
    ['messages'],
    first === undefined
      ? 'Gemini needs at least one content; a placeholder user content was added'
      : 'Gemini conversations start with a user content; a placeholder was added before the model content',
    'messages.alternation',
  );
  contents.unshift({
    role: 'user',
    parts: [{ text: LEADING_USER_TEXT }],
    calls: [undefined],
    answers: [undefined],
    extra: {},
    separate: false,
    keepEmpty: false,
  });
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

/** A part's cache breakpoint: Gemini caches are separate resources (`cachedContent`), not hints. */
function reportCache(part: ContentPart, path: (string | number)[], losses: LossRecorder): void {
  if (part.cache) losses.drop([...path, 'cache'], 'Gemini has no cache breakpoints', 'cache');
}

/** Reports core request fields Gemini has no place for. */
function reportForeignFields(request: ChatRequest, losses: LossRecorder): void {
  // Gemini names the model and the streaming mode in the URL, never in the body: the caller carries
  // them there (`requestUrlPath`), and the body alone loses them.
  if (request.model !== undefined)
    losses.drop(['model'], 'a Gemini body names no model: it goes in the URL (requestUrlPath)', 'model');
  if (request.stream !== undefined)
    losses.drop(['stream'], 'a Gemini body has no stream flag: the method says it (requestUrlPath)', 'stream');
  if (request.streamOptions !== undefined)
    losses.drop(['streamOptions'], 'Gemini streams always carry usage; there are no stream options', 'stream');
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
