import { z } from 'zod';

/** Any content part: validated further by its `type`. */
export const wirePartBase = z.looseObject({ type: z.string() });

/** `input_text` / `output_text` (annotations only on output text). */
export const wireTextPart = z.looseObject({
  type: z.enum(['input_text', 'output_text']),
  text: z.string(),
  annotations: z.array(z.looseObject({ type: z.string() })).optional(),
});

/** `input_image`: an https / data URL or a file id. */
export const wireImagePart = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high', 'original']).nullish(),
});

/** `input_file`: a file id, inline data (data URL) with a name, or a URL. */
export const wireFilePart = z.looseObject({
  type: z.literal('input_file'),
  file_id: z.string().nullish(),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});

/** `input_audio` (base64 mp3 / wav). */
export const wireAudioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});

/** `refusal`. */
export const wireRefusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

/** A text annotation (`url_citation`, `file_citation`, `container_file_citation`, `file_path`, …). */
export const wireAnnotation = z.looseObject({ type: z.string() });

/** Wire text part. */
export type WireTextPart = z.infer<typeof wireTextPart>;
/** Wire image part. */
export type WireImagePart = z.infer<typeof wireImagePart>;
/** Wire file part. */
export type WireFilePart = z.infer<typeof wireFilePart>;
