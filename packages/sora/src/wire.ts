import { z } from 'zod';

/**
 * Zod schemas of the OpenAI Videos API (Sora) and of what aggregators relay in its shape.
 * Objects are loose: OpenAI adds fields over time and new-api adds its own (`task_id`, `metadata`).
 * @see /work/shared/specs/sora.md
 */

/** `input_reference` in a JSON body: exactly one of `image_url` (https or data URL) and `file_id`. */
export const imageRefSchema = z.union([
  z.looseObject({ image_url: z.string(), file_id: z.undefined().optional() }),
  z.looseObject({ file_id: z.string(), image_url: z.undefined().optional() }),
]);

/** POST /v1/videos body. */
export const createBodySchema = z.looseObject({
  prompt: z.string(),
  model: z.string().optional(),
  seconds: z.string().optional(),
  size: z.string().optional(),
  input_reference: z.union([imageRefSchema, z.string()]).optional(),
});

/** POST /v1/videos/{id}/remix body. */
export const remixBodySchema = z.looseObject({ prompt: z.string() });

/** Video statuses (`cancelled` appears in newer snapshots, `unknown` is new-api's). */
export const videoStatusSchema = z.enum(['queued', 'in_progress', 'completed', 'failed', 'cancelled', 'unknown']);

/** A video's error. */
export const videoErrorSchema = z.looseObject({ code: z.string().nullable().optional(), message: z.string() });

/** The video object (create, retrieve, remix, list item). */
export const videoSchema = z.looseObject({
  id: z.string(),
  object: z.literal('video'),
  status: videoStatusSchema,
  progress: z.number().nullable().optional(),
  model: z.string().nullable().optional(),
  created_at: z.number().nullable().optional(),
  completed_at: z.number().nullable().optional(),
  expires_at: z.number().nullable().optional(),
  prompt: z.string().nullable().optional(),
  seconds: z.string().nullable().optional(),
  size: z.string().nullable().optional(),
  quality: z.string().nullable().optional(),
  remixed_from_video_id: z.string().nullable().optional(),
  error: videoErrorSchema.nullable().optional(),
  metadata: z.looseObject({}).nullable().optional(),
});

/** GET /v1/videos page. */
export const videoListSchema = z.looseObject({
  object: z.literal('list'),
  data: z.array(z.unknown()),
  first_id: z.string().nullable().optional(),
  last_id: z.string().nullable().optional(),
  has_more: z.boolean(),
});

/** DELETE /v1/videos/{id} answer. */
export const videoDeletedSchema = z.looseObject({
  id: z.string(),
  object: z.literal('video.deleted'),
  deleted: z.boolean(),
});

/** Wire type of a video object. */
export type WireVideo = z.infer<typeof videoSchema>;
