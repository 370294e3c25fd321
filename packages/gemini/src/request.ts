export { type DecodeRequestOptions, decodeRequest } from './request-decode.ts';
export { type EncodeRequestOptions, encodeRequest } from './request-encode.ts';
