/**
 * @interlingua/sora: the OpenAI Videos API (Sora), as OpenAI serves it and as aggregators relay
 * it, to and from the canonical media-task model.
 *
 * @module
 */

import type { MediaAdapter } from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';

export { base64ToBytes, bytesToBase64 } from './base64.ts';
export { contentPath, contentResults, parseContentPath, VARIANT_MEDIA_TYPES, type VideoVariant } from './content.ts';
export { decodeDeletion, encodeDeletion, type VideoDeletion } from './deletion.ts';
export { decodeError, encodeError } from './error.ts';
export { decodeMultipartFields, encodeMultipartFields, type MultipartFile, type MultipartValue } from './multipart.ts';
export {
  decodeRequest,
  encodeRequest,
  endpointFor,
  requestPath,
  type SoraEndpoint,
  type SoraRequestOptions,
} from './request.ts';
export { decodeSubmission, encodeSubmission } from './submission.ts';
export { decodeTask, encodeTask } from './task.ts';
export { decodeVideoList, encodeVideoList, type VideoPage } from './video-list.ts';

/** The Sora (OpenAI Videos) adapter: request (create / remix bodies), submission, task (video object) and error codecs. */
export const sora = {
  format: 'sora',
  request: { decode: decodeRequest, encode: encodeRequest },
  submission: { decode: decodeSubmission, encode: encodeSubmission },
  task: { decode: decodeTask, encode: encodeTask },
  error: { decode: decodeError, encode: encodeError },
} satisfies MediaAdapter;
