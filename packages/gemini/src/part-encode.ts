import type { ContentPart, JsonObject, LossRecorder, ToolCallPart, ToolResultPart } from '@interlingua/core';
import { defaultMediaType, guessMediaType, isGeminiFileUri, parseDataUrl } from './media.ts';
import { responseFromText } from './part-decode.ts';
import { encodeToolName, toolNameLoss } from './tool-name.ts';
import { base64ToBase64Url, geminiExt, isObject } from './util.ts';

/** The placeholder Google documents for calls that never had a thought signature (history from other providers). */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** Where a part is being written and what to do with what Gemini cannot carry there. */
export interface PartEncodeContext {
  /** Loss channel of the conversion. */
  losses: LossRecorder;
  /** Path of the part in the core value. */
  path: (string | number)[];
  /** True inside a response: citations travel in `groundingMetadata`, not on the part. */
  response?: boolean;
}

function extraOf(part: ContentPart): JsonObject {
  const extra = geminiExt(part)?.extra;
  return isObject(extra) ? { ...extra } : {};
}

function innerOf(part: ContentPart): JsonObject {
  const inner = geminiExt(part)?.inner;
  return isObject(inner) ? inner : {};
}

/** Writes the part's signature: Gemini's own byte-exact, foreign ones dropped with a loss. */
function writeSignature(
  out: JsonObject,
  signature: { format: string; value: string } | undefined,
  ctx: PartEncodeContext,
) {
  if (!signature) return;
  if (signature.format === 'gemini') out.thoughtSignature = signature.value;
  else
    ctx.losses.drop(
      [...ctx.path, 'signature'],
      `${signature.format} signature cannot go to Gemini`,
      'reasoning.signature',
    );
}

/**
 * Encodes one core part as a Gemini part, or `undefined` when Gemini cannot carry it (reported).
 * Tool calls and results have their own encoders ({@link encodeToolCall}, {@link encodeToolResult}).
 */
export function encodePart(part: ContentPart, ctx: PartEncodeContext): JsonObject | undefined {
  const ext = geminiExt(part);
  if (isObject(ext?.raw)) return ext.raw;
  switch (part.type) {
    case 'text': {
      if (part.text === '' && part.signature?.format !== 'gemini' && ext?.empty !== true) {
        ctx.losses.drop(ctx.path, 'Gemini rejects empty text parts', 'content.empty-text');
        return undefined;
      }
      const out: JsonObject = { ...extraOf(part), text: part.text };
      writeSignature(out, part.signature, ctx);
      if (part.citations?.length && !ctx.response)
        ctx.losses.drop([...ctx.path, 'citations'], 'Gemini requests carry no citations', 'content.citations');
      return out;
    }
    case 'reasoning': {
      if (part.encrypted)
        ctx.losses.drop([...ctx.path, 'encrypted'], 'encrypted reasoning cannot go to Gemini', 'reasoning.encrypted');
      let text = part.text;
      if (text === '' && part.summary?.length) text = part.summary.join('\n\n');
      else if (part.summary?.length)
        ctx.losses.drop(
          [...ctx.path, 'summary'],
          'Gemini thoughts have one text: the summary was dropped',
          'reasoning.summary',
        );
      const signed = part.signature?.format === 'gemini';
      if (text === '' && !signed) {
        if (part.redacted) ctx.losses.drop(ctx.path, 'redacted reasoning has no Gemini form', 'reasoning.redacted');
        else if (!part.encrypted) ctx.losses.drop(ctx.path, 'empty reasoning has no Gemini form', 'content.empty-text');
        return undefined;
      }
      if (part.text === '' && part.summary?.length)
        ctx.losses.approximate(
          [...ctx.path, 'summary'],
          'Gemini thoughts have no summary: the summary was sent as the thought text',
          'reasoning.summary',
        );
      if (part.id !== undefined)
        ctx.losses.drop([...ctx.path, 'id'], 'Gemini thoughts have no item id', 'reasoning.id');
      // Foreign reasoning stays readable as thought text but never gets a (fake) signature.
      const out: JsonObject = { ...extraOf(part), text, thought: true };
      writeSignature(out, part.signature, ctx);
      return out;
    }
    case 'image':
    case 'audio':
    case 'file':
      return encodeMedia(part, ctx);
    case 'refusal':
      ctx.losses.approximate(ctx.path, 'a refusal became plain text', 'content.refusal');
      return { text: part.text };
    case 'server-tool-call':
      if (part.name === 'code_execution' && isObject(part.input)) {
        const out: JsonObject = { ...extraOf(part), executableCode: { ...part.input } };
        if (ext?.syntheticId !== true) (out.executableCode as JsonObject).id = part.id;
        return out;
      }
      ctx.losses.drop(ctx.path, `server tool call ${part.name} can be replayed only to its provider`, 'server-tool');
      return undefined;
    case 'server-tool-result':
      if (part.name === 'code_execution' && isObject(part.output)) {
        const out: JsonObject = { ...extraOf(part), codeExecutionResult: { ...part.output } };
        if (ext?.syntheticId !== true) (out.codeExecutionResult as JsonObject).id = part.callId;
        return out;
      }
      ctx.losses.drop(ctx.path, `server tool result ${part.name} can be replayed only to its provider`, 'server-tool');
      return undefined;
    case 'tool-call':
      return encodeToolCall(part, ctx, false);
    case 'tool-result':
      return encodeToolResult(part, part.name ?? '', ctx);
  }
}

const MEDIA_RESOLUTION = {
  low: 'MEDIA_RESOLUTION_LOW',
  high: 'MEDIA_RESOLUTION_HIGH',
  original: 'MEDIA_RESOLUTION_ULTRA_HIGH',
};

function encodeMedia(
  part: Extract<ContentPart, { type: 'image' | 'audio' | 'file' }>,
  ctx: PartEncodeContext,
): JsonObject | undefined {
  const ext = geminiExt(part);
  const feature = `content.${part.type}`;
  const out = extraOf(part);
  const inner = innerOf(part);
  const source = part.source;
  if (part.type === 'file' && (part.filename || part.title || part.context))
    ctx.losses.drop(ctx.path, 'Gemini parts carry no file name, title or context', 'content.file');
  if (part.type === 'audio' && (part.transcript !== undefined || part.id !== undefined))
    ctx.losses.drop(ctx.path, 'Gemini audio parts carry no transcript or id', 'content.audio');
  // OpenAI-style detail maps onto Gemini's per-part media resolution.
  if (part.type === 'image' && !ext && part.detail !== undefined && part.detail !== 'auto')
    out.mediaResolution = { level: MEDIA_RESOLUTION[part.detail] };
  switch (source.type) {
    case 'base64': {
      const data =
        ext?.base64url === 'padded' || ext?.base64url === 'unpadded'
          ? base64ToBase64Url(source.data, ext.base64url === 'padded')
          : source.data;
      out.inlineData = ext?.noMimeType === true ? { ...inner, data } : { ...inner, mimeType: source.mediaType, data };
      return out;
    }
    case 'url': {
      const inline = parseDataUrl(source.url);
      if (inline) {
        out.inlineData = { ...inner, mimeType: inline.mediaType, data: inline.data };
        return out;
      }
      if (!ext && !isGeminiFileUri(source.url))
        ctx.losses.approximate(
          ctx.path,
          'the Gemini API accepts only Files-API, YouTube and gs:// URIs in fileData: fetch and inline other URLs',
          feature,
        );
      const fileData: JsonObject = { ...inner, fileUri: source.url };
      const mimeType = source.mediaType ?? (ext ? undefined : guessMediaType(source.url, defaultMediaType(part.type)));
      if (mimeType !== undefined) fileData.mimeType = mimeType;
      out.fileData = fileData;
      return out;
    }
    case 'file': {
      if (!/^(files\/|https:|gs:)/.test(source.fileId)) {
        ctx.losses.drop(ctx.path, `provider file id ${source.fileId} is not a Gemini file`, feature);
        return undefined;
      }
      const fileUri = source.fileId.startsWith('files/')
        ? `https://generativelanguage.googleapis.com/v1beta/${source.fileId}`
        : source.fileId;
      out.fileData = { mimeType: source.mediaType ?? defaultMediaType(part.type), fileUri };
      return out;
    }
    case 'text':
      ctx.losses.approximate(ctx.path, 'an inline text document became a text part', feature);
      return { text: source.text };
  }
}

/** Parses a tool call's arguments into the `args` object Gemini requires (non-objects are wrapped as `{input}`). */
function argsOf(part: ToolCallPart, ctx: PartEncodeContext): JsonObject {
  if (part.kind === 'custom') {
    ctx.losses.approximate(ctx.path, 'custom tool input was wrapped as {input}', 'tool.custom');
    return { input: part.arguments };
  }
  if (part.arguments.trim() === '') return {};
  try {
    const parsed = JSON.parse(part.arguments);
    if (isObject(parsed)) return parsed;
  } catch {
    // fall through
  }
  ctx.losses.approximate(
    [...ctx.path, 'arguments'],
    'arguments that are not a JSON object were wrapped as {input}',
    'tool-call.arguments',
  );
  return { input: part.arguments };
}

/**
 * Encodes a tool call as a `functionCall` part. `bypass` asks for the documented placeholder
 * signature when the call carries no Gemini one (first call of a step in the current turn).
 */
export function encodeToolCall(part: ToolCallPart, ctx: PartEncodeContext, bypass: boolean): JsonObject {
  const ext = geminiExt(part);
  const call: JsonObject = { ...innerOf(part) };
  if (ext?.syntheticId !== true) call.id = part.id;
  call.name = wireName(part.name, ctx);
  const args = argsOf(part, ctx);
  if (!(ext?.noArgs === true && Object.keys(args).length === 0)) call.args = args;
  const out: JsonObject = { ...extraOf(part), functionCall: call };
  if (part.itemId !== undefined)
    ctx.losses.drop([...ctx.path, 'itemId'], 'Gemini calls have no item id besides the call id', 'tool-call.id');
  writeSignature(out, part.signature, ctx);
  if (bypass && out.thoughtSignature === undefined) {
    out.thoughtSignature = SKIP_SIGNATURE;
    ctx.losses.approximate(
      [...ctx.path, 'signature'],
      `call has no Gemini thought signature: sent the documented ${SKIP_SIGNATURE} placeholder`,
      'reasoning.signature',
    );
  }
  return out;
}

/** A tool name as Gemini takes it (escaped reversibly when it breaks the name rule, reported as `tool.name`). */
function wireName(name: string, ctx: PartEncodeContext): string {
  const encoded = encodeToolName(name);
  const message = toolNameLoss(name, encoded);
  if (message !== undefined) ctx.losses.approximate([...ctx.path, 'name'], message, 'tool.name');
  return encoded.name;
}

/** Encodes a tool result as a `functionResponse` part; `name` is the called function's name. */
export function encodeToolResult(part: ToolResultPart, name: string, ctx: PartEncodeContext): JsonObject {
  const ext = geminiExt(part);
  const texts: string[] = [];
  const media: JsonObject[] = [];
  for (const [i, sub] of part.content.entries()) {
    if (sub.type === 'text') texts.push(sub.text);
    else {
      const encoded = encodeMedia(sub, { ...ctx, path: [...ctx.path, 'content', i] });
      if (encoded) media.push(encoded);
    }
  }
  const fr: JsonObject = { ...innerOf(part) };
  if (ext?.syntheticId !== true) fr.id = part.callId;
  fr.name = name === '' ? name : wireName(name, ctx);
  if (isObject(ext?.response)) fr.response = ext.response;
  else if (ext?.noResponse !== true) fr.response = responseFromText(texts.join('\n'), part.isError === true);
  if (media.length > 0) fr.parts = media;
  // `{output}` already means success: an explicit `isError: false` has no place of its own.
  if (part.isError === false)
    ctx.losses.drop([...ctx.path, 'isError'], 'Gemini has no explicit success flag on a result', 'tool-result.error');
  return { ...extraOf(part), functionResponse: fr };
}
