import { z } from 'zod';
import { contentSchema } from './part.ts';

/** `usageMetadata`: token counts (every field optional; Vertex may send only `trafficType`). */
export const usageSchema = z.looseObject({
  promptTokenCount: z.number().optional(),
  candidatesTokenCount: z.number().optional(),
  thoughtsTokenCount: z.number().optional(),
  cachedContentTokenCount: z.number().optional(),
  toolUsePromptTokenCount: z.number().optional(),
  totalTokenCount: z.number().optional(),
});

/** A `Candidate`. */
export const candidateSchema = z.looseObject({
  content: contentSchema.optional(),
  finishReason: z.string().optional(),
  index: z.number().optional(),
});

/** A `GenerateContentResponse` (a whole response, or one stream chunk). */
export const responseSchema = z.looseObject({
  candidates: z.array(candidateSchema).optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: usageSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

/** Wire type of a response. */
export type WireResponse = z.infer<typeof responseSchema>;
/** Wire type of a candidate. */
export type WireCandidate = z.infer<typeof candidateSchema>;
/** Wire type of usage metadata. */
export type WireUsage = z.infer<typeof usageSchema>;
