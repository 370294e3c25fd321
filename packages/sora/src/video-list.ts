import {
  type Converted,
  type ConvertOptions,
  type Extensions,
  type FieldMapping,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type Loss,
  type MediaTask,
  put,
  readField,
  restoreUnmapped,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import { z } from 'zod';
import { encodeTask, readVideo } from './task.ts';
import { videoListSchema } from './wire.ts';

const FORMAT = 'sora';
const MAPPED: ReadonlySet<string> = new Set(['object', 'data', 'first_id', 'last_id', 'has_more']);

/** One page of `GET /v1/videos`. */
export interface VideoPage {
  /** The videos. */
  tasks: MediaTask[];
  /** Id of the first video of the page. */
  firstId?: string;
  /** Id of the last video (the `after` cursor of the next page). */
  lastId?: string;
  /** Whether another page follows. */
  hasMore: boolean;
  /** Other fields, keyed by format. */
  extensions?: Extensions;
}

/** A cursor id: OpenAI writes `null` on an empty page (kept as a hint); absent when written afresh, like the video fields. */
const cursorField: FieldMapping<string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw === 'string' ? raw : undefined),
  encode: (value) => value,
};

/** Decodes a list page; item error paths start with `['data', i]`. */
export function decodeVideoList(wire: unknown, _options?: ConvertOptions): Converted<VideoPage> {
  const parsed = videoListSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'response', parsed.error.issues, wire);
  const w = parsed.data;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED);
  const page: VideoPage = { tasks: w.data.map((item, i) => readVideo(item, ['data', i])), hasMore: w.has_more };
  const firstId = readField(ext, 'first_id', w.first_id, cursorField);
  if (firstId !== undefined) page.firstId = firstId;
  const lastId = readField(ext, 'last_id', w.last_id, cursorField);
  if (lastId !== undefined) page.lastId = lastId;
  if (Object.keys(ext).length > 0) page.extensions = { [FORMAT]: ext };
  return { value: page, losses: [] };
}

/** Encodes a list page; loss paths start with `['tasks', i]`. */
export function encodeVideoList(page: VideoPage, options?: ConvertOptions): Converted<JsonValue> {
  const losses: Loss[] = [];
  const ext = page.extensions?.[FORMAT];
  const data = page.tasks.map((task, i) => {
    const encoded = encodeTask(task, options);
    for (const loss of encoded.losses) losses.push({ ...loss, path: ['tasks', i, ...loss.path] });
    return encoded.value;
  });
  const out: JsonObject = { object: 'list', data };
  put(out, 'first_id', writeField(ext, 'first_id', page.firstId, cursorField));
  put(out, 'last_id', writeField(ext, 'last_id', page.lastId, cursorField));
  out.has_more = page.hasMore;
  restoreUnmapped(out, ext, MAPPED);
  return { value: out, losses };
}
