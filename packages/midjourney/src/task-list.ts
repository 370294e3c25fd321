import {
  type Converted,
  type ConvertOptions,
  type Extensions,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type Loss,
  type MediaTask,
  restoreUnmapped,
  wireErrorFromIssues,
} from '@interlingua/core';
import { z } from 'zod';
import { encodeTask, readTask } from './task.ts';
import { taskQuerySchema } from './wire.ts';

const FORMAT = 'midjourney';

/** The body of `POST /mj/task/list-by-condition`. */
export interface MidjourneyTaskQuery {
  /** Task ids to fetch. */
  ids: string[];
  /** Other conditions, keyed by format. */
  extensions?: Extensions;
}

/** Decodes the list-by-condition answer: an array of task objects (error paths start with the item index). */
export function decodeTaskList(wire: unknown, _options?: ConvertOptions): Converted<MediaTask[]> {
  const parsed = z.array(z.unknown()).safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'task', parsed.error.issues, wire);
  return { value: parsed.data.map((item, i) => readTask(item, [i])), losses: [] };
}

/** Encodes a list-by-condition answer; loss paths start with the task index. */
export function encodeTaskList(tasks: MediaTask[], options?: ConvertOptions): Converted<JsonValue> {
  const losses: Loss[] = [];
  const value = tasks.map((task, i) => {
    const encoded = encodeTask(task, options);
    for (const loss of encoded.losses) losses.push({ ...loss, path: [i, ...loss.path] });
    return encoded.value;
  });
  return { value, losses };
}

/** Decodes a list-by-condition body `{ ids }`. */
export function decodeTaskQuery(wire: unknown): Converted<MidjourneyTaskQuery> {
  const parsed = taskQuerySchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'request', parsed.error.issues, wire);
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, new Set(['ids']));
  const query: MidjourneyTaskQuery = { ids: parsed.data.ids };
  if (Object.keys(ext).length > 0) query.extensions = { [FORMAT]: ext };
  return { value: query, losses: [] };
}

/** Encodes a list-by-condition body. */
export function encodeTaskQuery(query: MidjourneyTaskQuery): Converted<JsonValue> {
  const out: JsonObject = { ids: query.ids };
  restoreUnmapped(out, query.extensions?.[FORMAT], new Set(['ids']));
  return { value: out, losses: [] };
}
