import type {
  ContentPart,
  JsonObject,
  JsonValue,
  ServerToolCallPart,
  ServerToolResultPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '@interlingua/core';
import { mediaPart } from './media.ts';
import { decodeToolName } from './tool-name.ts';
import { base64UrlToBase64, isBase64Url, isObject, jsonEqual, omit, withExt } from './util.ts';

/** Names a call id the wire did not send (stable, derived from position). */
export interface CallIds {
  /** Id for the `n`-th function call (0-based) of the current content / candidate. */
  call(n: number): string;
}

/** Per-content decoding state: call numbering and the last code-execution id. */
export interface PartDecodeState {
  /** Id source for calls without `id`. */
  ids: CallIds;
  /** Function calls seen so far in this content. */
  calls: number;
  /** Code executions seen so far in this content. */
  code: number;
  /** The id of the last `executableCode`, paired with the next `codeExecutionResult`. */
  lastCodeId?: string;
}

const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'executableCode',
  'codeExecutionResult',
] as const;

/** Reads a wire part's `thoughtSignature` as the core's opaque state. */
function signatureOf(raw: JsonObject): { format: 'gemini'; value: string } | undefined {
  return typeof raw.thoughtSignature === 'string' ? { format: 'gemini', value: raw.thoughtSignature } : undefined;
}

/**
 * Decodes one model- or user-side part (not a function response). Unknown part kinds become an
 * empty text part carrying the wire part whole in `extensions.gemini.raw`.
 */
export function decodePart(raw: JsonObject, state: PartDecodeState): ContentPart {
  const field = DATA_FIELDS.find((f) => raw[f] !== undefined);
  const signature = signatureOf(raw);
  switch (field) {
    case 'text': {
      const text = String(raw.text);
      const extra = omit(raw, ['text', 'thought', 'thoughtSignature']);
      if (raw.thought !== undefined && raw.thought !== true) extra.thought = raw.thought;
      const part: TextPart | { type: 'reasoning'; text: string } =
        raw.thought === true ? { type: 'reasoning', text } : { type: 'text', text };
      if (signature) (part as TextPart).signature = signature;
      const ext: JsonObject = {};
      if (Object.keys(extra).length > 0) ext.extra = extra;
      // Gemini rejects empty text parts unless they carry a signature; remember that this one was sent.
      if (text === '' && !signature) ext.empty = true;
      return withExt(part as ContentPart, ext);
    }
    case 'inlineData':
    case 'fileData': {
      const blob = raw[field] as JsonObject;
      const mimeType = typeof blob.mimeType === 'string' ? blob.mimeType : undefined;
      const ext: JsonObject = {};
      const extra = omit(raw, [field]);
      if (Object.keys(extra).length > 0) ext.extra = extra;
      const inner = omit(blob, field === 'inlineData' ? ['mimeType', 'data'] : ['mimeType', 'fileUri']);
      if (Object.keys(inner).length > 0) ext.inner = inner;
      if (field === 'inlineData') {
        const data = String(blob.data);
        if (isBase64Url(data)) ext.base64url = data.endsWith('=') ? 'padded' : 'unpadded';
        if (mimeType === undefined) ext.noMimeType = true;
        const source = {
          type: 'base64' as const,
          mediaType: mimeType ?? 'application/octet-stream',
          data: ext.base64url ? base64UrlToBase64(data) : data,
        };
        return withExt(mediaPart(mimeType, source), ext);
      }
      // Marks a URI Gemini itself accepted, so re-encoding does not warn about it.
      ext.fileData = true;
      const source = { type: 'url' as const, url: String(blob.fileUri), ...(mimeType ? { mediaType: mimeType } : {}) };
      return withExt(mediaPart(mimeType, source), ext);
    }
    case 'functionCall': {
      const call = raw.functionCall as JsonObject;
      const n = state.calls++;
      const id = typeof call.id === 'string' ? call.id : state.ids.call(n);
      const part: ToolCallPart = {
        type: 'tool-call',
        id,
        name: typeof call.name === 'string' ? decodeToolName(call.name) : '',
        arguments: JSON.stringify(isObject(call.args) ? call.args : {}),
      };
      if (signature) part.signature = signature;
      const ext: JsonObject = {};
      if (typeof call.id !== 'string') ext.syntheticId = true;
      if (call.args === undefined) ext.noArgs = true;
      const inner = omit(call, ['id', 'name', 'args']);
      if (Object.keys(inner).length > 0) ext.inner = inner;
      const extra = omit(raw, ['functionCall', 'thoughtSignature']);
      if (Object.keys(extra).length > 0) ext.extra = extra;
      return withExt(part, ext);
    }
    case 'executableCode': {
      const code = raw.executableCode as JsonObject;
      const n = state.code++;
      const id = typeof code.id === 'string' ? code.id : `code_${n}`;
      state.lastCodeId = id;
      const part: ServerToolCallPart = {
        type: 'server-tool-call',
        id,
        name: 'code_execution',
        input: omit(code, ['id']),
      };
      const ext: JsonObject = {};
      if (typeof code.id !== 'string') ext.syntheticId = true;
      const extra = omit(raw, ['executableCode']);
      if (Object.keys(extra).length > 0) ext.extra = extra;
      return withExt(part, ext);
    }
    case 'codeExecutionResult': {
      const result = raw.codeExecutionResult as JsonObject;
      const id = typeof result.id === 'string' ? result.id : (state.lastCodeId ?? `code_${state.code}`);
      const part: ServerToolResultPart = {
        type: 'server-tool-result',
        callId: id,
        name: 'code_execution',
        output: omit(result, ['id']),
      };
      if (typeof result.outcome === 'string' && result.outcome !== 'OUTCOME_OK') part.isError = true;
      const ext: JsonObject = {};
      if (typeof result.id !== 'string') ext.syntheticId = true;
      const extra = omit(raw, ['codeExecutionResult']);
      if (Object.keys(extra).length > 0) ext.extra = extra;
      return withExt(part, ext);
    }
    default:
      return { type: 'text', text: '', extensions: { gemini: { raw } } };
  }
}

/** The `response` object the encoder would write for a tool result's text (see {@link functionResponseBody}). */
export function responseFromText(text: string, isError: boolean): JsonObject {
  if (isError) return { error: text };
  try {
    const parsed = JSON.parse(text) as JsonValue;
    if (isObject(parsed)) return parsed;
  } catch {
    // Not JSON: wrapped below.
  }
  return { output: text };
}

/** The text a function `response` object is read as: the bare `output` / `error` string, else its JSON. */
export function textFromResponse(response: JsonObject): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  if (keys.length === 1 && typeof response.output === 'string') return { text: response.output, isError: false };
  if (keys.length === 1 && typeof response.error === 'string') return { text: response.error, isError: true };
  return { text: JSON.stringify(response), isError: false };
}

/** Decodes a `functionResponse` part into a core tool result; `callId` was resolved by the caller. */
export function decodeFunctionResponse(raw: JsonObject, callId: string, synthetic: boolean): ToolResultPart {
  const fr = raw.functionResponse as JsonObject;
  const response = isObject(fr.response) ? fr.response : {};
  const { text, isError } = textFromResponse(response);
  const part: ToolResultPart = { type: 'tool-result', callId, content: [{ type: 'text', text }] };
  if (typeof fr.name === 'string') part.name = decodeToolName(fr.name);
  if (isError) part.isError = true;
  if (Array.isArray(fr.parts)) {
    for (const sub of fr.parts) {
      if (!isObject(sub)) continue;
      const media = decodePart(sub, { ids: { call: () => '' }, calls: 0, code: 0 });
      if (media.type === 'image' || media.type === 'file' || media.type === 'audio' || media.type === 'text')
        part.content.push(media);
    }
  }
  const ext: JsonObject = {};
  if (synthetic) ext.syntheticId = true;
  if (fr.response === undefined) ext.noResponse = true;
  else if (!jsonEqual(responseFromText(text, isError), response)) ext.response = response;
  const inner = omit(fr, ['id', 'name', 'response', 'parts']);
  if (Object.keys(inner).length > 0) ext.inner = inner;
  const extra = omit(raw, ['functionResponse']);
  if (Object.keys(extra).length > 0) ext.extra = extra;
  return withExt(part, ext);
}
