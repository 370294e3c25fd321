/**
 * @interlingua/claude: the Anthropic Messages wire format (requests, responses, SSE streams and
 * errors) to and from the interlingua canonical model.
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
export { decodeFinishReason, encodeFinishReason } from './finish-reason.ts';
export { DEFAULT_ANTHROPIC_VERSION, requestHeaders } from './headers.ts';
export { decodeToolId, decodeToolName, ESCAPE_PREFIX, encodeToolId, encodeToolName } from './ids.ts';
export { LEADING_USER_TEXT, MISSING_RESULT_TEXT } from './messages-encode.ts';
export { createStreamObserver, responseUsage } from './observe.ts';
export { JSON_INSTRUCTION } from './output-format.ts';
export { EFFORT_BUDGETS, MIN_THINKING_BUDGET } from './reasoning.ts';
export {
  DEFAULT_MAX_TOKENS,
  type DecodeRequestOptions,
  decodeRequest,
  type EncodeRequestOptions,
  encodeRequest,
} from './request.ts';
export { DEFAULT_MESSAGE_ID, decodeResponse, encodeResponse } from './response.ts';
export { createStreamDecoder } from './stream-decoder.ts';
export { createStreamEncoder } from './stream-encoder.ts';
export { decodeUsage, encodeUsage } from './usage.ts';
export {
  createStreamValidator,
  VALIDATION_RULES,
  type ValidateRequestOptions,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './validate.ts';
/** The Claude (Anthropic Messages) adapter: every codec of the format in one object. */
export const claude = {
  format: 'claude',
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
