import { z } from 'zod';

/** Every stream event: a `type`, and usually a `sequence_number`. Fields are checked per type. */
export const wireStreamEvent = z.looseObject({ type: z.string(), sequence_number: z.number().optional() });

/** Events addressing an output item. */
export const wireItemEvent = z.looseObject({ type: z.string(), output_index: z.number() });

/** `response.output_item.added` / `.done`. */
export const wireOutputItemEvent = z.looseObject({
  type: z.string(),
  output_index: z.number(),
  item: z.looseObject({ type: z.string() }),
});

/** `response.content_part.added` / `.done`. */
export const wireContentPartEvent = z.looseObject({
  type: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  part: z.looseObject({ type: z.string() }),
});

/** Text-ish delta events (`output_text`, `refusal`, `function_call_arguments`, `reasoning_*`, custom input). */
export const wireDeltaEvent = z.looseObject({
  type: z.string(),
  output_index: z.number(),
  delta: z.string(),
  content_index: z.number().optional(),
  summary_index: z.number().optional(),
  logprobs: z.array(z.unknown()).nullish(),
});

/** `response.reasoning_summary_part.added`. */
export const wireSummaryPartEvent = z.looseObject({
  type: z.string(),
  output_index: z.number(),
  summary_index: z.number(),
});

/** `response.output_text.annotation.added`. */
export const wireAnnotationEvent = z.looseObject({
  type: z.string(),
  output_index: z.number(),
  content_index: z.number(),
  annotation: z.looseObject({ type: z.string() }),
});

/** Lifecycle events carrying a response snapshot. */
export const wireLifecycleEvent = z.looseObject({ type: z.string(), response: z.looseObject({}) });

/** `error` (flat `{code, message, param}`, or nested under `error` as some deployments send it). */
export const wireErrorEvent = z.looseObject({
  type: z.literal('error'),
  code: z.string().nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
  error: z
    .looseObject({
      type: z.string().nullish(),
      code: z.string().nullish(),
      message: z.string().nullish(),
      param: z.string().nullish(),
    })
    .nullish(),
});
