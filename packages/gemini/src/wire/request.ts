import { z } from 'zod';
import { contentSchema } from './part.ts';

const jsonObject = z.record(z.string(), z.unknown());

/** A function declaration inside a `functionDeclarations` tool. */
export const functionDeclarationSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  parameters: jsonObject.optional(),
  parametersJsonSchema: jsonObject.optional(),
});

/** A Gemini `Tool`: function declarations or one built-in tool. */
export const toolSchema = z.looseObject({ functionDeclarations: z.array(functionDeclarationSchema).optional() });

/** `generationConfig`. */
export const generationConfigSchema = z.looseObject({
  temperature: z.number().optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  candidateCount: z.number().optional(),
  maxOutputTokens: z.number().optional(),
  stopSequences: z.array(z.string()).optional(),
  seed: z.number().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  responseLogprobs: z.boolean().optional(),
  logprobs: z.number().optional(),
  responseMimeType: z.string().optional(),
  responseSchema: jsonObject.optional(),
  responseJsonSchema: z.unknown().optional(),
  responseModalities: z.array(z.string()).optional(),
  thinkingConfig: z
    .looseObject({
      includeThoughts: z.boolean().optional(),
      thinkingBudget: z.number().optional(),
      thinkingLevel: z.string().optional(),
    })
    .optional(),
});

/** The `GenerateContentRequest` body (after snake_case keys were normalised to camelCase). */
export const requestSchema = z.looseObject({
  contents: z.array(contentSchema),
  systemInstruction: contentSchema.optional(),
  tools: z.array(toolSchema).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() })
        .optional(),
    })
    .optional(),
  generationConfig: generationConfigSchema.optional(),
  safetySettings: z.array(z.unknown()).optional(),
  cachedContent: z.string().optional(),
  serviceTier: z.string().optional(),
});

/** Wire type of a request. */
export type WireRequest = z.infer<typeof requestSchema>;
/** Wire type of a tool. */
export type WireTool = z.infer<typeof toolSchema>;
/** Wire type of a function declaration. */
export type WireFunctionDeclaration = z.infer<typeof functionDeclarationSchema>;
