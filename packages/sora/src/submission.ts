import {
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type JsonValue,
  type MediaSubmission,
  type MediaTask,
  reportForeignExtensions,
} from '@interlingua/core';
import { encodeTask, readVideo } from './task.ts';

const FORMAT = 'sora';

/**
 * Decodes the answer to a create or remix call: the new video object. It is accepted unless it
 * already failed; a failed one's error becomes the submission's code and message.
 */
export function decodeSubmission(wire: unknown, _options?: ConvertOptions): Converted<MediaSubmission> {
  const task = readVideo(wire);
  const submission: MediaSubmission = { accepted: task.status !== 'failed', taskId: task.id, task };
  if (task.status === 'failed' && task.error) {
    if (task.error.code !== undefined) submission.code = task.error.code;
    submission.message = task.error.message;
  }
  return { value: submission, losses: [] };
}

/**
 * Encodes a submission as a video object: the returned task when there is one, else a queued
 * (accepted) or failed (rejected, carrying code and message as its error) video.
 */
export function encodeSubmission(submission: MediaSubmission, options?: ConvertOptions): Converted<JsonValue> {
  if (submission.task) {
    const task = submission.taskId === undefined ? submission.task : { ...submission.task, id: submission.taskId };
    return encodeTask(task, options);
  }
  const losses = createLossRecorder(FORMAT, options);
  reportForeignExtensions(losses, submission.extensions, FORMAT);
  const task: MediaTask = {
    id: submission.taskId ?? '',
    kind: 'video',
    action: 'generate',
    status: submission.accepted ? 'queued' : 'failed',
  };
  if (submission.taskId === undefined) losses.add('defaulted', ['taskId'], 'no task id: written as ""', 'task-id');
  if (!submission.accepted) {
    task.error = { message: submission.message ?? 'submission rejected' };
    if (submission.code !== undefined) task.error.code = String(submission.code);
  } else {
    if (submission.code !== undefined) losses.drop(['code'], 'an accepted video carries no result code', 'code');
    if (submission.message !== undefined) losses.drop(['message'], 'an accepted video carries no message', 'message');
  }
  const encoded = encodeTask(task, options);
  return { value: encoded.value, losses: [...losses.losses, ...encoded.losses] };
}
