import { z } from 'zod';

const jsonObject = z.record(z.string(), z.unknown());

/** A Gemini `Blob` (`inlineData`): base64 bytes with their media type. */
export const blobSchema = z.looseObject({ mimeType: z.string().optional(), data: z.string() });

/** A Gemini `FileData` (`fileData`): a Files-API, YouTube or `gs://` URI. */
export const fileDataSchema = z.looseObject({ mimeType: z.string().optional(), fileUri: z.string() });

/** A Gemini `FunctionCall` part payload (Vertex streams may send it in pieces). */
export const functionCallSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  args: jsonObject.optional(),
  partialArgs: z.array(z.looseObject({ jsonPath: z.string().optional() })).optional(),
  willContinue: z.boolean().optional(),
});

/** A Gemini `FunctionResponse` part payload. */
export const functionResponseSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  response: jsonObject.optional(),
  parts: z.array(z.looseObject({ inlineData: blobSchema.optional(), fileData: fileDataSchema.optional() })).optional(),
});

/** A Gemini `Part`: one data field plus optional sidecars (`thought`, `thoughtSignature`, …). */
export const partSchema = z.looseObject({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: blobSchema.optional(),
  fileData: fileDataSchema.optional(),
  functionCall: functionCallSchema.optional(),
  functionResponse: functionResponseSchema.optional(),
  executableCode: z.looseObject({ code: z.string().optional(), language: z.string().optional() }).optional(),
  codeExecutionResult: z.looseObject({ outcome: z.string().optional(), output: z.string().optional() }).optional(),
});

/** A Gemini `Content`: a role and its parts. */
export const contentSchema = z.looseObject({ role: z.string().optional(), parts: z.array(partSchema).optional() });

/** Wire type of a part. */
export type WirePart = z.infer<typeof partSchema>;
/** Wire type of a content. */
export type WireContent = z.infer<typeof contentSchema>;
