import {
  type ChatRequest,
  type ContentPart,
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonObject,
  type Message,
  type ToolResultPart,
  wireErrorFromIssues,
} from '@interlingua/core';
import { camelizeRequest } from './case.ts';
import { decodeGenerationConfig } from './generation-config.ts';
import { decodeFunctionResponse, decodePart } from './part-decode.ts';
import { decodeToolChoice, decodeTools } from './tools.ts';
import { isObject, omit, withExt } from './util.ts';
import { requestSchema } from './wire/request.ts';

/** Options of {@link decodeRequest}. */
export interface DecodeRequestOptions extends ConvertOptions {
  /** The model id from the URL (`models/{model}:generateContent`); Gemini bodies do not name it. */
  model?: string;
  /** Whether the URL called `streamGenerateContent` (the body does not say). */
  stream?: boolean;
}

const TOP_MAPPED = ['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'serviceTier'];

/**
 * Decodes a `GenerateContentRequest` body. snake_case keys are first normalised to camelCase (user
 * data excepted); calls without `id` get stable ids `call_<content>_<n>` that their responses share.
 */
export function decodeRequest(wire: unknown, options?: DecodeRequestOptions): Converted<ChatRequest> {
  const losses = createLossRecorder('gemini', options);
  const normalized = camelizeRequest(wire);
  const parsed = requestSchema.safeParse(normalized);
  if (!parsed.success) throw wireErrorFromIssues('gemini', 'request', parsed.error.issues, normalized);
  const body = normalized as JsonObject;
  const request: ChatRequest = { messages: [] };
  if (options?.model !== undefined) request.model = options.model;
  if (options?.stream !== undefined) request.stream = options.stream;

  if (isObject(body.systemInstruction)) {
    const si = body.systemInstruction;
    const state = { ids: { call: (n: number) => `call_s_${n}` }, calls: 0, code: 0 };
    const content = Array.isArray(si.parts) ? si.parts.filter(isObject).map((p) => decodePart(p, state)) : [];
    const extra = omit(si, ['parts']);
    request.messages.push(withExt<Message>({ role: 'system', content }, Object.keys(extra).length ? { extra } : {}));
  }

  let previousCalls: { id: string; name: string; synthetic: boolean; used: boolean }[] = [];
  let previousRole: string | undefined;
  for (const [i, raw] of (body.contents as JsonObject[]).entries()) {
    const role = typeof raw.role === 'string' ? raw.role : undefined;
    const ext: JsonObject = {};
    const extra = omit(raw, ['role', 'parts']);
    if (Object.keys(extra).length > 0) ext.extra = extra;
    if (role === undefined) ext.noRole = true;
    if (raw.parts === undefined) ext.noParts = true;
    else if (Array.isArray(raw.parts) && raw.parts.length === 0) ext.emptyParts = true;
    // Separate wire contents with one role stay separate (the encoder merges them otherwise).
    if (previousRole !== undefined && (role ?? 'user') === previousRole) ext.separate = true;
    previousRole = role ?? 'user';
    const parts = (Array.isArray(raw.parts) ? raw.parts : []).filter(isObject);
    const state = { ids: { call: (n: number) => `call_${i}_${n}` }, calls: 0, code: 0 };

    if (role === 'model') {
      const content = parts.map((p) => {
        const part = decodePart(p, state);
        // A Gemini call that came without a signature must go back without one (no placeholder).
        if (part.type === 'tool-call' && !part.signature) withExt(part, { ...part.extensions?.gemini, unsigned: true });
        return part;
      });
      previousCalls = content
        .filter((p) => p.type === 'tool-call')
        .map((p) => ({ id: p.id, name: p.name, synthetic: p.extensions?.gemini?.syntheticId === true, used: false }));
      request.messages.push(withExt<Message>({ role: 'assistant', content }, ext));
      continue;
    }

    const results: ToolResultPart[] = [];
    const others: ContentPart[] = [];
    let responseNumber = 0;
    for (const p of parts) {
      if (isObject(p.functionResponse)) {
        const fr = p.functionResponse;
        let callId = typeof fr.id === 'string' ? fr.id : undefined;
        let synthetic = callId === undefined;
        if (callId === undefined) {
          // Without ids, results answer calls by name and order.
          const match = previousCalls.find((c) => !c.used && c.name === fr.name) ?? previousCalls.find((c) => !c.used);
          if (match) {
            match.used = true;
            callId = match.id;
          } else callId = `call_${i}_${responseNumber}`;
          synthetic = true;
        } else {
          const match = previousCalls.find((c) => c.id === callId);
          if (match) match.used = true;
        }
        responseNumber++;
        results.push(decodeFunctionResponse(p, callId, synthetic));
      } else others.push(decodePart(p, state));
    }
    if (results.length > 0) {
      const toolExt: JsonObject = { ...ext };
      if (role === 'function') toolExt.role = 'function';
      request.messages.push(withExt<Message>({ role: 'tool', content: results }, toolExt));
    }
    if (others.length > 0 || results.length === 0) {
      const userExt: JsonObject = results.length > 0 ? {} : { ...ext };
      if (role !== undefined && role !== 'user') userExt.role = role;
      request.messages.push(withExt<Message>({ role: 'user', content: others }, userExt));
    }
  }

  if (Array.isArray(body.tools)) request.tools = decodeTools(body.tools.filter(isObject));
  const leftovers: JsonObject = omit(body, TOP_MAPPED);
  if (isObject(body.toolConfig)) {
    const tc = body.toolConfig;
    const rest = omit(tc, ['functionCallingConfig']);
    if (isObject(tc.functionCallingConfig)) {
      const { choice, leftovers: fcc } = decodeToolChoice(tc.functionCallingConfig);
      if (choice) request.toolChoice = choice;
      if (Object.keys(fcc).length > 0 || !choice) rest.functionCallingConfig = fcc;
    }
    leftovers.toolConfig = rest;
  }
  let output: JsonObject | undefined;
  if (isObject(body.generationConfig)) {
    const decoded = decodeGenerationConfig(body.generationConfig);
    Object.assign(request, decoded.fields);
    leftovers.generationConfig = decoded.leftovers;
    output = decoded.output;
  }
  if (typeof body.serviceTier === 'string') request.serviceTier = body.serviceTier;
  const ext: JsonObject = {};
  if (Object.keys(leftovers).length > 0) ext.body = leftovers;
  if (output) ext.output = output;
  withExt(request, ext);
  return { value: request, losses: losses.losses };
}
