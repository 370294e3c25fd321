import type { Converted, ConvertOptions, Extensions, JsonValue } from '@interlingua/core';
import { decodeSubmission, encodeSubmission } from './submission.ts';

/** The answer of `GET /mj/task/{id}/image-seed`. */
export interface MidjourneyImageSeed {
  /** Result code (1 success, 3 not found, 4 no message hash…). */
  code: number;
  /** The seed, when found. */
  seed?: string;
  /** The proxy's message. */
  message?: string;
  /** Other fields, keyed by format. */
  extensions?: Extensions;
}

/** Decodes an image-seed answer (a `SubmitResultVO` whose `result` is the seed). */
export function decodeImageSeed(wire: unknown, options?: ConvertOptions): Converted<MidjourneyImageSeed> {
  const { value, losses } = decodeSubmission(wire, options);
  const out: MidjourneyImageSeed = { code: value.code as number };
  if (value.taskId !== undefined) out.seed = value.taskId;
  if (value.message !== undefined) out.message = value.message;
  if (value.extensions !== undefined) out.extensions = value.extensions;
  return { value: out, losses };
}

/** Encodes an image-seed answer. */
export function encodeImageSeed(seed: MidjourneyImageSeed, options?: ConvertOptions): Converted<JsonValue> {
  return encodeSubmission(
    {
      accepted: seed.code === 1,
      code: seed.code,
      ...(seed.seed === undefined ? {} : { taskId: seed.seed }),
      ...(seed.message === undefined ? {} : { message: seed.message }),
      ...(seed.extensions === undefined ? {} : { extensions: seed.extensions }),
    },
    options,
  );
}
