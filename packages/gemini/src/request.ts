export { type DecodeRequestOptions, decodeRequest } from './request-decode.ts';
export {
  type EncodeRequestOptions,
  encodeRequest,
  LEADING_USER_TEXT,
  MISSING_RESULT_TEXT,
  requestUrlPath,
} from './request-encode.ts';
