import { z } from 'zod';

/** Wire usage. */
export const wireUsage = z.looseObject({
  input_tokens: z.number().nullish(),
  input_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  output_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  total_tokens: z.number().nullish(),
});

/** The in-band error of a failed response. */
export const wireResponseError = z.looseObject({ code: z.string().nullish(), message: z.string().nullish() });

/** A response object (`object: "response"`), also the snapshot inside lifecycle stream events. */
export const wireResponse = z.looseObject({
  id: z.string().nullish(),
  created_at: z.number().nullish(),
  model: z.string().nullish(),
  status: z.string().nullish(),
  output: z.array(z.looseObject({ type: z.string() })).nullish(),
  usage: wireUsage.nullish(),
  error: wireResponseError.nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  service_tier: z.string().nullish(),
});

/** Wire usage. */
export type WireUsage = z.infer<typeof wireUsage>;
/** Wire response. */
export type WireResponse = z.infer<typeof wireResponse>;
