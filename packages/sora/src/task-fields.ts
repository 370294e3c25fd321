import type { FieldMapping, JsonValue, MediaResult, MediaTaskStatus } from '@interlingua/core';
import { z } from 'zod';
import { videoErrorSchema, videoStatusSchema } from './wire.ts';

/** The video object's field mappings, one per wire field (see core's `field-mapping.ts`). */

type WireStatus = z.infer<typeof videoStatusSchema>;

const STATUS_IN: Record<WireStatus, MediaTaskStatus> = {
  queued: 'queued',
  in_progress: 'in-progress',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  // new-api's "unknown" stands for its NOT_START: the task has not started.
  unknown: 'queued',
};

const STATUS_OUT: Record<MediaTaskStatus, WireStatus> = {
  queued: 'queued',
  'in-progress': 'in_progress',
  succeeded: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** `status`. */
export const statusField: FieldMapping<MediaTaskStatus> = {
  schema: videoStatusSchema,
  decode: (raw) => STATUS_IN[raw as WireStatus],
  encode: (value) => STATUS_OUT[value],
};

/** `progress`: an integer 0–100. */
export const progressField: FieldMapping<number | undefined> = {
  schema: z.number().nullable(),
  decode: (raw) => (typeof raw === 'number' ? raw : undefined),
  encode: (value) => (value === undefined ? undefined : Math.round(value)),
};

/** Above this a timestamp is in milliseconds (new-api copies Kling's): 1e11 s is the year 5138. */
const MS_THRESHOLD = 1e11;

/** `created_at` / `completed_at` / `expires_at`: Unix seconds (milliseconds normalised by magnitude). */
export const timeField: FieldMapping<number | undefined> = {
  schema: z.number().nullable(),
  decode: (raw) => (typeof raw !== 'number' ? undefined : raw > MS_THRESHOLD ? raw / 1000 : raw),
  encode: (value) => (value === undefined ? undefined : Math.floor(value)),
};

/** A string that may be `null` (`prompt`, `model`, `size`, `quality`, `remixed_from_video_id`). */
export const stringField: FieldMapping<string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw === 'string' ? raw : undefined),
  encode: (value) => value,
};

/** `seconds`: `"8"` ↔ 8 (other strings stay strings). */
export const secondsField: FieldMapping<number | string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw !== 'string' ? undefined : /^(?:0|[1-9]\d{0,6})$/.test(raw) ? Number(raw) : raw),
  encode: (value) => (value === undefined ? undefined : String(value)),
};

/** `error` ↔ `{ message, code }`; OpenAI writes `code: null` when there is none. */
export const errorField: FieldMapping<{ message: string; code?: string } | undefined> = {
  schema: videoErrorSchema.nullable(),
  decode: (raw) => {
    if (raw === null || raw === undefined) return undefined;
    const error = raw as z.infer<typeof videoErrorSchema>;
    return typeof error.code === 'string' ? { message: error.message, code: error.code } : { message: error.message };
  },
  encode: (value) => (value === undefined ? undefined : { code: value.code ?? null, message: value.message }),
};

/** new-api's `metadata.url` (the vendor's video URL) ↔ one video result. */
export const metadataField: FieldMapping<MediaResult[]> = {
  schema: z.looseObject({}).nullable(),
  decode: (raw) => {
    const url = (raw as { url?: JsonValue } | null | undefined)?.url;
    return typeof url === 'string' ? [{ url, variant: 'video' }] : [];
  },
  encode: (value) => (value[0] ? { url: value[0].url } : undefined),
};
