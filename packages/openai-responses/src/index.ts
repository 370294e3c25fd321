/**
 * @interlingua/openai-responses: the OpenAI Responses API wire format (requests, responses,
 * streams and errors) to and from interlingua's canonical model.
 *
 * @module
 */
import type { ChatAdapter } from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { createStreamObserver, responseUsage } from './observe.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder } from './stream-decoder.ts';
import { createStreamEncoder } from './stream-encoder.ts';
import { createStreamValidator, validateError, validateRequest, validateResponse } from './validate.ts';

export { decodeError, encodeError } from './error.ts';
export { FORMAT } from './ext.ts';
export { decodeFinishReason, encodeFinishReason } from './finish-reason.ts';
export { createStreamObserver, responseUsage } from './observe.ts';
export { decodeRequest, encodeRequest } from './request.ts';
export { decodeResponse, encodeResponse } from './response.ts';
export { createStreamDecoder } from './stream-decoder.ts';
export { createStreamEncoder } from './stream-encoder.ts';
export { decodeUsage, encodeUsage } from './usage.ts';
export {
  createStreamValidator,
  VALIDATION_RULES,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './validate.ts';
/** The Responses adapter: every codec of the format in the shape the gateway's adapter table expects. */
export const openaiResponses = {
  format: 'openai-responses',
  request: { decode: decodeRequest, encode: encodeRequest },
  response: { decode: decodeResponse, encode: encodeResponse },
  stream: { createDecoder: createStreamDecoder, createEncoder: createStreamEncoder },
  error: { decode: decodeError, encode: encodeError },
  validate: {
    request: (body) => validateRequest(body),
    response: validateResponse,
    error: validateError,
    createStreamValidator: () => createStreamValidator(),
  },
  observe: { responseUsage, createStreamObserver },
} satisfies ChatAdapter;
