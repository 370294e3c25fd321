import { z } from 'zod';

/** The `google.rpc.Status` error envelope. */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});

/** Wire type of an error body. */
export type WireErrorBody = z.infer<typeof errorBodySchema>;
