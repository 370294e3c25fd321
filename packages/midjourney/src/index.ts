/**
 * @interlingua/midjourney: the midjourney-proxy task API (novicezk, trueai "plus", new-api relay)
 * to and from the canonical media-task model.
 *
 * @module
 */

import type { MediaAdapter } from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';

export { type ParsedCustomId, parseCustomId } from './custom-id.ts';
export { endpointFor, endpointOfPath, inferEndpoint, type MidjourneyEndpoint, SUBMIT_PATHS } from './endpoint.ts';
export { decodeError, encodeError } from './error.ts';
export { decodeImageSeed, encodeImageSeed, type MidjourneyImageSeed } from './image-seed.ts';
export {
  formatPromptParameters,
  isPromptParameter,
  type PromptParameters,
  parsePromptParameters,
} from './prompt-parameters.ts';
export { decodeRequest, encodeRequest, type MidjourneyRequestOptions } from './request.ts';
export { ACCEPTED_CODES, decodeSubmission, encodeSubmission } from './submission.ts';
export { decodeTask, encodeTask } from './task.ts';
export { actionFromWire, actionToWire } from './task-action.ts';
export {
  decodeTaskList,
  decodeTaskQuery,
  encodeTaskList,
  encodeTaskQuery,
  type MidjourneyTaskQuery,
} from './task-list.ts';

/** The Midjourney-proxy adapter: request (submit bodies), submission (`SubmitResultVO`), task and error codecs. */
export const midjourney = {
  format: 'midjourney',
  request: { decode: decodeRequest, encode: encodeRequest },
  submission: { decode: decodeSubmission, encode: encodeSubmission },
  task: { decode: decodeTask, encode: encodeTask },
  error: { decode: decodeError, encode: encodeError },
} satisfies MediaAdapter;
