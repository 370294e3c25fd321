import type { JsonObject, WireEvent } from '@interlingua/core';

/** Writes Responses stream events, numbering them with `sequence_number` in order. */
export interface Emit {
  /** Writes `{ type, ...fields, sequence_number }`. */
  (type: string, fields: JsonObject): WireEvent;
  /**
   * Writes an event whose members (`"type":…` up to, not including, `sequence_number`) are already
   * serialised. Deltas are most of a stream's events; building their JSON from a cached head and one
   * `JSON.stringify` of the delta text avoids an object and a spread per event. Output is
   * byte-identical to the object form.
   */
  members(type: string, members: string): WireEvent;
}

/** Creates an emitter whose sequence numbers start at 0. */
export function createEmit(): Emit {
  let seq = 0;
  const emit = ((type: string, fields: JsonObject): WireEvent => ({
    event: type,
    data: JSON.stringify({ type, ...fields, sequence_number: seq++ }),
  })) as Emit;
  emit.members = (type, members) => ({ event: type, data: `{${members},"sequence_number":${seq++}}` });
  return emit;
}

/**
 * The serialised members that open a delta event, up to and including `"delta":`, so that a delta is
 * `head + JSON.stringify(text)`. `at` holds the event's locating members in wire order.
 */
export function deltaHead(type: string, at: JsonObject): string {
  const members = JSON.stringify({ type, ...at });
  return `${members.slice(1, -1)},"delta":`;
}
