import { cloneJson, type FinishReason, type JsonObject, type JsonValue } from '@interlingua/core';
import { encodeFinishReason } from './finish-reason.ts';
import { isObject } from './util.ts';

/**
 * Rebuilds one wire chunk from the envelope the decoder recorded (`CHUNK_START` data): `null` part
 * slots take the encoded parts in order, `null` finish reasons and usage take the canonical values
 * (or disappear), everything else — key order included — stays as the server sent it.
 */
export function fillEnvelope(
  template: JsonObject,
  parts: Map<number, JsonObject[]>,
  finishes: Map<number, FinishReason>,
  usageMetadata: JsonObject | undefined,
): JsonObject {
  const chunk = cloneJson(template);
  const candidates = Array.isArray(chunk.candidates) ? chunk.candidates.filter(isObject) : [];
  const seen = new Set<number>();
  for (const [k, cand] of candidates.entries()) {
    const choice = typeof cand.index === 'number' ? cand.index : k;
    seen.add(choice);
    const pending = [...(parts.get(choice) ?? [])];
    if (isObject(cand.content) && Array.isArray(cand.content.parts)) {
      const filled: JsonValue[] = [];
      for (const slot of cand.content.parts) {
        if (slot !== null) filled.push(slot);
        else if (pending.length > 0) filled.push(pending.shift() as JsonObject);
      }
      cand.content.parts = [...filled, ...pending];
    } else if (pending.length > 0)
      cand.content = { ...(isObject(cand.content) ? cand.content : {}), parts: pending, role: 'model' };
    const finish = finishes.get(choice);
    if (finish) cand.finishReason = encodeFinishReason(finish);
    else if (cand.finishReason === null) delete cand.finishReason;
  }
  for (const [choice, pending] of parts)
    if (!seen.has(choice)) candidates.push({ content: { parts: pending, role: 'model' }, index: choice });
  if (Array.isArray(chunk.candidates) || candidates.length > 0) chunk.candidates = candidates;
  if (usageMetadata) chunk.usageMetadata = usageMetadata;
  else if (chunk.usageMetadata === null) delete chunk.usageMetadata;
  return chunk;
}
