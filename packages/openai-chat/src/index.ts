/**
 * @interlingua/openai-chat: the OpenAI Chat Completions wire format (and the "OpenAI-compatible"
 * servers that speak it) to and from interlingua's canonical model.
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
export type { ChatEncodeOptions, ChatStreamOptions, ReasoningField } from './options.ts';
export { decodeRequest, encodeRequest } from './request.ts';
export { decodeResponse, encodeResponse } from './response.ts';
export { createStreamDecoder } from './stream-decoder.ts';
export { createStreamEncoder } from './stream-encoder.ts';
export { decodeUsage, encodeUsage } from './usage.ts';
export {
  createStreamValidator,
  VALIDATION_RULES,
  type ValidateStreamOptions,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './validate.ts';
export type { ChatWireMessage, ChatWireRequest } from './wire/request.ts';
export type {
  ChatWireChunk,
  ChatWireResponse,
  ChatWireUsage,
} from './wire/response.ts';
/** The Chat Completions adapter: requests, responses, streams and errors in one object. */
export const openaiChat = {
  format: 'openai-chat',
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
