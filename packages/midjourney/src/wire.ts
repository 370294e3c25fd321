import { z } from 'zod';

/**
 * Zod schemas of the midjourney-proxy wire format (novicezk, trueai "plus", as relayed by new-api).
 * Objects are loose: proxies add fields freely and new-api forwards bodies whole.
 * @see /work/shared/specs/midjourney.md
 */

/** Fields every submit body shares (`BaseSubmitDTO`). */
const base = {
  state: z.string().optional(),
  notifyHook: z.string().optional(),
  botType: z.string().optional(),
};

/** POST /mj/submit/imagine. */
export const imagineBodySchema = z.looseObject({
  ...base,
  prompt: z.string(),
  base64Array: z.array(z.string()).optional(),
});

/** POST /mj/submit/action (press a button). */
export const actionBodySchema = z.looseObject({ ...base, taskId: z.string(), customId: z.string() });

/** POST /mj/submit/modal (confirm a MODAL task). */
export const modalBodySchema = z.looseObject({
  ...base,
  taskId: z.string(),
  prompt: z.string().optional(),
  maskBase64: z.string().optional(),
});

/** POST /mj/submit/describe. */
export const describeBodySchema = z
  .looseObject({ ...base, base64: z.string().optional(), link: z.string().optional() })
  .refine((body) => body.base64 !== undefined || body.link !== undefined, {
    message: 'expected base64 or link',
    path: ['base64'],
  });

/** POST /mj/submit/blend. */
export const blendBodySchema = z.looseObject({
  ...base,
  base64Array: z.array(z.string()),
  dimensions: z.string().optional(),
});

/** POST /mj/submit/shorten. */
export const shortenBodySchema = z.looseObject({ ...base, prompt: z.string() });

/** POST /mj/submit/edits (plus): edit an image with a prompt. */
export const editsBodySchema = z.looseObject({ ...base, prompt: z.string(), image: z.string() });

/** POST /mj/submit/change (legacy U/V/R). */
export const changeBodySchema = z.looseObject({
  ...base,
  taskId: z.string(),
  action: z.enum(['UPSCALE', 'VARIATION', 'REROLL']),
  index: z.number().int().optional(),
});

/** POST /mj/insight-face/swap. */
export const swapFaceBodySchema = z
  .looseObject({
    ...base,
    sourceBase64: z.string().optional(),
    targetBase64: z.string().optional(),
    sourceUrl: z.string().optional(),
    targetUrl: z.string().optional(),
  })
  .refine((body) => body.sourceBase64 !== undefined || body.sourceUrl !== undefined, {
    message: 'expected sourceBase64 or sourceUrl',
    path: ['sourceBase64'],
  })
  .refine((body) => body.targetBase64 !== undefined || body.targetUrl !== undefined, {
    message: 'expected targetBase64 or targetUrl',
    path: ['targetBase64'],
  });

/** POST /mj/task/list-by-condition body. */
export const taskQuerySchema = z.looseObject({ ids: z.array(z.string()) });

/** `SubmitResultVO`: the answer to every submit (and to image-seed). */
export const submitResultSchema = z.looseObject({
  code: z.number().int(),
  description: z.string().nullable().optional(),
  result: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  properties: z.looseObject({}).nullable().optional(),
});

/** Task statuses (`CANCEL` is trueai's; new-api may send `""` just after submit). */
export const statusSchema = z.enum([
  '',
  'NOT_START',
  'SUBMITTED',
  'MODAL',
  'IN_PROGRESS',
  'FAILURE',
  'SUCCESS',
  'CANCEL',
]);

/** One `buttons[]` item. */
export const buttonSchema = z.looseObject({
  customId: z.string(),
  emoji: z.string().optional(),
  label: z.string().optional(),
  type: z.number().int().optional(),
  style: z.number().int().optional(),
});

/** One `imageUrls[]` / `videoUrls[]` item (trueai). */
export const urlItemSchema = z.looseObject({ url: z.string() });

/** The task object (fetch, list-by-condition item, notifyHook payload). */
export const taskSchema = z.looseObject({
  id: z.string(),
  action: z.string(),
  status: statusSchema,
  progress: z.string().nullable().optional(),
  prompt: z.string().nullable().optional(),
  state: z.string().nullable().optional(),
  botType: z.string().nullable().optional(),
  parentId: z.string().nullable().optional(),
  submitTime: z.number().nullable().optional(),
  startTime: z.number().nullable().optional(),
  finishTime: z.number().nullable().optional(),
  imageUrl: z.string().nullable().optional(),
  imageUrls: z.array(urlItemSchema).nullable().optional(),
  videoUrl: z.string().nullable().optional(),
  videoUrls: z.array(urlItemSchema).nullable().optional(),
  failReason: z.string().nullable().optional(),
  buttons: z.array(buttonSchema).nullable().optional(),
  properties: z.looseObject({}).nullable().optional(),
});

/** Wire type of a task object. */
export type WireTask = z.infer<typeof taskSchema>;
/** Wire type of a button. */
export type WireButton = z.infer<typeof buttonSchema>;
/** Wire type of a submit result. */
export type WireSubmitResult = z.infer<typeof submitResultSchema>;
