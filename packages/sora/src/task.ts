import {
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type FeatureNames,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type MediaResult,
  type MediaTask,
  put,
  readField,
  reportDifferences,
  reportForeignExtensions,
  restoreUnmapped,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import {
  errorField,
  metadataField,
  progressField,
  secondsField,
  statusField,
  stringField,
  timeField,
} from './task-fields.ts';
import { videoSchema } from './wire.ts';

const FORMAT = 'sora';

const MAPPED: ReadonlySet<string> = new Set([
  'id',
  'object',
  'status',
  'progress',
  'model',
  'created_at',
  'completed_at',
  'expires_at',
  'prompt',
  'seconds',
  'size',
  'quality',
  'remixed_from_video_id',
  'error',
  'metadata',
]);

const FEATURES: FeatureNames<MediaTask> = {
  id: 'id',
  kind: 'kind',
  action: 'action',
  status: 'status',
  progress: 'progress',
  prompt: 'prompt',
  model: 'model',
  parameters: 'parameters',
  createdAt: 'timestamp',
  startedAt: 'started-at',
  finishedAt: 'timestamp',
  expiresAt: 'timestamp',
  results: 'results',
  text: 'text',
  actions: 'actions',
  error: 'error',
  parentTaskId: 'parent-task',
  state: 'state',
};

/** Reads one video object; `path` prefixes error paths (list items). */
export function readVideo(wire: unknown, path: (string | number)[] = []): MediaTask {
  const parsed = videoSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'task', parsed.error.issues, wire, path);
  const w = parsed.data;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED);
  const parentTaskId = readField(ext, 'remixed_from_video_id', w.remixed_from_video_id, stringField);
  const task: MediaTask = {
    id: w.id,
    kind: 'video',
    action: parentTaskId === undefined ? 'generate' : 'remix',
    status: readField(ext, 'status', w.status, statusField),
  };
  if (parentTaskId !== undefined) task.parentTaskId = parentTaskId;
  const progress = readField(ext, 'progress', w.progress, progressField);
  if (progress !== undefined) task.progress = progress;
  const prompt = readField(ext, 'prompt', w.prompt, stringField);
  if (prompt !== undefined) task.prompt = prompt;
  const model = readField(ext, 'model', w.model, stringField);
  if (model !== undefined) task.model = model;
  const parameters: JsonObject = {};
  put(parameters, 'seconds', readField(ext, 'seconds', w.seconds, secondsField));
  put(parameters, 'size', readField(ext, 'size', w.size, stringField));
  put(parameters, 'quality', readField(ext, 'quality', w.quality, stringField));
  if (Object.keys(parameters).length > 0) task.parameters = parameters;
  const createdAt = readField(ext, 'created_at', w.created_at, timeField);
  if (createdAt !== undefined) task.createdAt = createdAt;
  const finishedAt = readField(ext, 'completed_at', w.completed_at, timeField);
  if (finishedAt !== undefined) task.finishedAt = finishedAt;
  const expiresAt = readField(ext, 'expires_at', w.expires_at, timeField);
  if (expiresAt !== undefined) task.expiresAt = expiresAt;
  const results = readField(ext, 'metadata', w.metadata, metadataField);
  if (results.length > 0) task.results = results;
  const error = readField(ext, 'error', w.error, errorField);
  if (error !== undefined) task.error = error;
  if (Object.keys(ext).length > 0) task.extensions = { [FORMAT]: ext };
  return task;
}

/** Decodes a video object; throws `WireFormatError` with the JSON path. */
export function decodeTask(wire: unknown, _options?: ConvertOptions): Converted<MediaTask> {
  return { value: readVideo(wire), losses: [] };
}

/** Picks the result new-api's `metadata.url` can carry: the first video. */
function videoResults(results: MediaResult[] | undefined): MediaResult[] {
  const video = results?.find((result) => result.variant === 'video' || result.mediaType?.startsWith('video/'));
  return video ? [video] : [];
}

/**
 * Encodes a video object in OpenAI's shape; fields without a value are left out (as new-api does)
 * unless the decoded original had them as `null`. What a video object cannot carry is reported.
 */
export function encodeTask(task: MediaTask, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const ext = task.extensions?.[FORMAT];
  reportForeignExtensions(losses, task.extensions, FORMAT);
  const out: JsonObject = { id: task.id, object: 'video' };
  out.status = writeField(ext, 'status', task.status, statusField) as string;
  put(out, 'progress', writeField(ext, 'progress', task.progress, progressField));
  put(out, 'model', writeField(ext, 'model', task.model, stringField));
  put(out, 'created_at', writeField(ext, 'created_at', task.createdAt, timeField));
  put(out, 'completed_at', writeField(ext, 'completed_at', task.finishedAt, timeField));
  put(out, 'expires_at', writeField(ext, 'expires_at', task.expiresAt, timeField));
  put(out, 'prompt', writeField(ext, 'prompt', task.prompt, stringField));
  const parameters = task.parameters ?? {};
  const seconds = parameters.seconds;
  put(
    out,
    'seconds',
    writeField(
      ext,
      'seconds',
      typeof seconds === 'number' || typeof seconds === 'string' ? seconds : undefined,
      secondsField,
    ),
  );
  put(
    out,
    'size',
    writeField(ext, 'size', typeof parameters.size === 'string' ? parameters.size : undefined, stringField),
  );
  put(
    out,
    'quality',
    writeField(ext, 'quality', typeof parameters.quality === 'string' ? parameters.quality : undefined, stringField),
  );
  put(out, 'remixed_from_video_id', writeField(ext, 'remixed_from_video_id', task.parentTaskId, stringField));
  put(out, 'error', writeField(ext, 'error', task.error, errorField));
  put(out, 'metadata', writeField(ext, 'metadata', videoResults(task.results), metadataField));
  restoreUnmapped(out, ext, MAPPED);
  reportDifferences(losses, task, readVideo(out), FEATURES);
  return { value: out, losses: losses.losses };
}
