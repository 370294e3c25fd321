import {
  type Converted,
  type Extensions,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  restoreUnmapped,
  wireErrorFromIssues,
} from '@interlingua/core';
import { videoDeletedSchema } from './wire.ts';

const FORMAT = 'sora';
const MAPPED: ReadonlySet<string> = new Set(['id', 'object', 'deleted']);

/** The answer to `DELETE /v1/videos/{id}`. */
export interface VideoDeletion {
  /** The video id. */
  id: string;
  /** Whether it was deleted. */
  deleted: boolean;
  /** Other fields, keyed by format. */
  extensions?: Extensions;
}

/** Decodes `{ id, object: "video.deleted", deleted }`. */
export function decodeDeletion(wire: unknown): Converted<VideoDeletion> {
  const parsed = videoDeletedSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'response', parsed.error.issues, wire);
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED);
  const value: VideoDeletion = { id: parsed.data.id, deleted: parsed.data.deleted };
  if (Object.keys(ext).length > 0) value.extensions = { [FORMAT]: ext };
  return { value, losses: [] };
}

/** Encodes a deletion answer. */
export function encodeDeletion(deletion: VideoDeletion): Converted<JsonValue> {
  const out: JsonObject = { id: deletion.id, object: 'video.deleted', deleted: deletion.deleted };
  restoreUnmapped(out, deletion.extensions?.[FORMAT], MAPPED);
  return { value: out, losses: [] };
}
