import {
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type FieldMapping,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type MediaSubmission,
  put,
  readField,
  reportForeignExtensions,
  restoreUnmapped,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import { z } from 'zod';
import { submitResultSchema } from './wire.ts';

const FORMAT = 'midjourney';
const MAPPED: ReadonlySet<string> = new Set(['code', 'description', 'result']);

/** Codes meaning "the task exists": 1 submitted, 21 already exists / waiting for modal, 22 queued. */
export const ACCEPTED_CODES: ReadonlySet<number> = new Set([1, 21, 22]);

/** A string that may arrive as `null` (kept as a hint). */
const nullableString: FieldMapping<string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw === 'string' ? raw : undefined),
  encode: (value) => value,
};

/** `result`: the task id (an array for upload-discord-images rides in extensions). */
const resultField: FieldMapping<string | undefined> = {
  schema: z.union([z.string(), z.array(z.string())]).nullable(),
  decode: (raw) => (typeof raw === 'string' ? raw : undefined),
  encode: (value) => value,
};

/** Decodes a `SubmitResultVO` (`{code, description, result, properties}`); `properties` rides in extensions. */
export function decodeSubmission(wire: unknown, _options?: ConvertOptions): Converted<MediaSubmission> {
  const parsed = submitResultSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'response', parsed.error.issues, wire);
  const w = parsed.data;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED);
  const submission: MediaSubmission = { accepted: ACCEPTED_CODES.has(w.code), code: w.code };
  const message = readField(ext, 'description', w.description, nullableString);
  if (message !== undefined) submission.message = message;
  const taskId = readField(ext, 'result', w.result, resultField);
  if (taskId !== undefined) submission.taskId = taskId;
  if (Object.keys(ext).length > 0) submission.extensions = { [FORMAT]: ext };
  return { value: submission, losses: [] };
}

/** Encodes a `SubmitResultVO`. A foreign code becomes 1 (accepted) or 4 (rejected); a returned task object is dropped. */
export function encodeSubmission(submission: MediaSubmission, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const ext = submission.extensions?.[FORMAT];
  reportForeignExtensions(losses, submission.extensions, FORMAT);
  const numeric =
    typeof submission.code === 'number'
      ? submission.code
      : typeof submission.code === 'string' && /^\d+$/.test(submission.code)
        ? Number(submission.code)
        : undefined;
  const code = numeric ?? (submission.accepted ? 1 : 4);
  if (submission.code !== undefined && numeric === undefined) {
    losses.approximate(['code'], `code "${submission.code}" written as ${code}`, 'code');
  }
  if (ACCEPTED_CODES.has(code) !== submission.accepted) {
    losses.approximate(['accepted'], `code ${code} does not say accepted = ${submission.accepted}`, 'accepted');
  }
  const out: JsonObject = { code };
  put(out, 'description', writeField(ext, 'description', submission.message, nullableString));
  put(out, 'result', writeField(ext, 'result', submission.taskId ?? submission.task?.id, resultField));
  if (submission.task !== undefined) {
    losses.drop(['task'], 'Midjourney submit results carry only the task id', 'submission.task');
  }
  restoreUnmapped(out, ext, MAPPED);
  return { value: out, losses: losses.losses };
}
