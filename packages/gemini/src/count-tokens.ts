import {
  type ChatRequest,
  type Converted,
  type ConvertOptions,
  describeValue,
  type JsonObject,
  type JsonValue,
  WireFormatError,
} from '@interlingua/core';
import { camelizeRequest } from './case.ts';
import { decodeRequest, type EncodeRequestOptions, encodeRequest } from './request.ts';
import { isObject, omit } from './util.ts';

/** The answer of `countTokens`, in neutral names. */
export interface CountTokensResult {
  /** All input tokens (`totalTokens`). */
  inputTokens: number;
  /** Tokens served from `cachedContent` (`cachedContentTokenCount`). */
  cacheReadTokens?: number;
  /** Per-modality counts (`promptTokensDetails`), as Gemini reports them. */
  details?: JsonValue;
  /** Provider-specific fields, keyed by format. */
  extensions?: { [format: string]: JsonObject };
}

/**
 * Decodes a `countTokens` body: `{contents}` or `{generateContentRequest}` (whose `model`,
 * `models/{id}`, becomes the request's model).
 */
export function decodeCountTokensRequest(wire: unknown, options?: ConvertOptions): Converted<ChatRequest> {
  const body = camelizeRequest(wire);
  if (!isObject(body))
    throw new WireFormatError({
      format: 'gemini',
      kind: 'request',
      issues: [{ path: [], expected: 'object', received: describeValue(body) }],
    });
  if (isObject(body.generateContentRequest)) {
    const inner = body.generateContentRequest;
    const model = typeof inner.model === 'string' ? inner.model.replace(/^models\//, '') : undefined;
    const decoded = decodeRequest(omit(inner, ['model']), { ...options, ...(model ? { model } : {}) });
    decoded.value.extensions = {
      ...decoded.value.extensions,
      gemini: { ...decoded.value.extensions?.gemini, countTokens: 'generateContentRequest' },
    };
    return decoded;
  }
  return decodeRequest(body, options);
}

/** Encodes a `countTokens` body: `{contents}` alone when that says everything, else `{generateContentRequest}`. */
export function encodeCountTokensRequest(request: ChatRequest, options?: EncodeRequestOptions): Converted<JsonValue> {
  const wrapped = request.extensions?.gemini?.countTokens === 'generateContentRequest';
  const { value, losses } = encodeRequest(request, options);
  const body = value as JsonObject;
  const { countTokens: _, ...rest } = body;
  if (!wrapped && Object.keys(rest).every((k) => k === 'contents'))
    return { value: { contents: rest.contents ?? [] }, losses };
  const inner: JsonObject = { ...rest };
  if (request.model !== undefined) inner.model = `models/${request.model}`;
  return { value: { generateContentRequest: inner }, losses };
}

/** Decodes a `countTokens` answer (`{totalTokens, cachedContentTokenCount?, promptTokensDetails?}`). */
export function decodeCountTokensResponse(wire: unknown): CountTokensResult {
  if (!isObject(wire) || typeof wire.totalTokens !== 'number')
    throw new WireFormatError({
      format: 'gemini',
      kind: 'response',
      issues: [
        {
          path: ['totalTokens'],
          expected: 'number',
          received: describeValue(isObject(wire) ? wire.totalTokens : wire),
        },
      ],
    });
  const result: CountTokensResult = { inputTokens: wire.totalTokens };
  if (typeof wire.cachedContentTokenCount === 'number') result.cacheReadTokens = wire.cachedContentTokenCount;
  if (wire.promptTokensDetails !== undefined) result.details = wire.promptTokensDetails;
  const extra = omit(wire, ['totalTokens', 'cachedContentTokenCount', 'promptTokensDetails']);
  if (Object.keys(extra).length > 0) result.extensions = { gemini: extra };
  return result;
}

/** Encodes a `countTokens` answer. */
export function encodeCountTokensResponse(result: CountTokensResult): JsonObject {
  const out: JsonObject = { totalTokens: result.inputTokens };
  if (result.cacheReadTokens !== undefined) out.cachedContentTokenCount = result.cacheReadTokens;
  if (result.details !== undefined) out.promptTokensDetails = result.details;
  return { ...out, ...(result.extensions?.gemini ?? {}) };
}
