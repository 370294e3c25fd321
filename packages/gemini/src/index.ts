/**
 * @interlingua/gemini: the Google Gemini API (v1beta / v1 `generateContent`,
 * `streamGenerateContent`, `countTokens`) to and from interlingua's canonical model.
 *
 * @module
 */
import type { ChatAdapter } from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { createStreamObserver, responseUsage } from './observe.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeResponse, encodeResponse } from './response.ts';
import { createStreamDecoder, createStreamEncoder } from './stream.ts';
import { createStreamValidator, validateError, validateRequest, validateResponse } from './validate.ts';

export { camelizeRequest } from './case.ts';
export {
  type CountTokensResult,
  decodeCountTokensRequest,
  decodeCountTokensResponse,
  encodeCountTokensRequest,
  encodeCountTokensResponse,
} from './count-tokens.ts';
export { decodeError, encodeError, KIND_DOMAIN } from './error.ts';
export { decodeFinishReason, encodeFinishReason, FINISH_REASONS } from './finish-reason.ts';
export { createJsonArrayWriter, formatJsonArrayStream, readJsonArrayStream } from './json-array-stream.ts';
export { createStreamObserver, responseUsage } from './observe.ts';
export { SKIP_SIGNATURE } from './part-encode.ts';
export {
  type DecodeRequestOptions,
  decodeRequest,
  type EncodeRequestOptions,
  encodeRequest,
  LEADING_USER_TEXT,
  MISSING_RESULT_TEXT,
  requestUrlPath,
} from './request.ts';
export { decodeResponse, encodeResponse } from './response.ts';
export {
  chooseSchemaMode,
  jsonSchemaToOpenApi,
  MAX_REF_DEPTH,
  openApiToJsonSchema,
  type SchemaMode,
  sanitizeJsonSchema,
} from './schema.ts';
export { CHUNK_END, CHUNK_START, createStreamDecoder, createStreamEncoder, formatGeminiSse } from './stream.ts';
export { decodeToolName, encodeToolName, TOOL_NAME_PREFIX } from './tool-name.ts';
export { decodeUsage, encodeUsage } from './usage.ts';
export {
  createStreamValidator,
  VALIDATION_RULES,
  validateError,
  validateRequest,
  validateResponse,
  validateStream,
} from './validate.ts';
/** The Gemini chat adapter: requests, responses, streams and errors. */
export const gemini = {
  format: 'gemini',
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
