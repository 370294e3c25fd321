import type { JsonObject, OpaqueState } from '@interlingua/core';
import { FORMAT, isObject } from './ext.ts';

/**
 * Gemini's OpenAI-compatible endpoint puts a thought signature on tool calls as
 * `extra_content.google.thought_signature` (observed traffic, see the spec's sources); it must come
 * back on the same call in the next request. It is read as opaque state issued by this format.
 */
export function readToolCallSignature(call: JsonObject): { signature?: OpaqueState; rest?: JsonObject } {
  const extra = call.extra_content;
  if (!isObject(extra) || !isObject(extra.google) || typeof extra.google.thought_signature !== 'string') return {};
  const { thought_signature, ...google } = extra.google;
  const { google: _google, ...others } = extra;
  const rest: JsonObject = { ...others };
  if (Object.keys(google).length > 0) rest.google = google;
  return { signature: { format: FORMAT, value: thought_signature }, rest };
}

/** Writes a tool call's signature back where it was read from. */
export function writeToolCallSignature(out: JsonObject, signature: OpaqueState): void {
  const extra = isObject(out.extra_content) ? out.extra_content : {};
  const google = isObject(extra.google) ? extra.google : {};
  out.extra_content = { ...extra, google: { ...google, thought_signature: signature.value } };
}
