import {
  type Converted,
  type ConvertOptions,
  carries,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type MediaResult,
  type MediaTask,
  put,
  readField,
  reportForeignExtensions,
  restoreUnmapped,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import { promptableParameters } from './foreign-parameters.ts';
import { actionFromWire } from './task-action.ts';
import {
  actionField,
  botTypeField,
  buttonsField,
  failReasonField,
  optionalStringField,
  progressField,
  promptField,
  type ResultSlot,
  resultFields,
  slotOf,
  statusField,
  timeField,
} from './task-fields.ts';
import { taskSchema } from './wire.ts';

const FORMAT = 'midjourney';

const MAPPED: ReadonlySet<string> = new Set([
  'id',
  'action',
  'status',
  'progress',
  'prompt',
  'state',
  'botType',
  'parentId',
  'submitTime',
  'startTime',
  'finishTime',
  'imageUrl',
  'imageUrls',
  'videoUrl',
  'videoUrls',
  'failReason',
  'buttons',
  'properties',
]);

const SLOTS: readonly ResultSlot[] = ['imageUrl', 'imageUrls', 'videoUrl', 'videoUrls'];

/** Reads one task object; `path` prefixes error paths (list items). */
export function readTask(wire: unknown, path: (string | number)[] = []): MediaTask {
  const parsed = taskSchema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'task', parsed.error.issues, wire, path);
  const w = parsed.data;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED);
  const { action, kind } = readField(ext, 'action', w.action, actionField);
  const task: MediaTask = { id: w.id, kind, action, status: readField(ext, 'status', w.status, statusField) };
  const progress = readField(ext, 'progress', w.progress, progressField);
  if (progress !== undefined) task.progress = progress;
  const { prompt, parameters } = readField(ext, 'prompt', w.prompt, promptField);
  if (prompt !== undefined) task.prompt = prompt;
  if (parameters !== undefined) task.parameters = parameters;
  const model = readField(ext, 'botType', w.botType, botTypeField);
  if (model !== undefined) task.model = model;
  const createdAt = readField(ext, 'submitTime', w.submitTime, timeField);
  if (createdAt !== undefined) task.createdAt = createdAt;
  const startedAt = readField(ext, 'startTime', w.startTime, timeField);
  if (startedAt !== undefined) task.startedAt = startedAt;
  const finishedAt = readField(ext, 'finishTime', w.finishTime, timeField);
  if (finishedAt !== undefined) task.finishedAt = finishedAt;
  const results = SLOTS.flatMap((slot) => readField(ext, slot, w[slot], resultFields[slot]));
  if (results.length > 0) task.results = results;
  if (w.properties !== undefined) {
    // DESCRIBE / SHORTEN put their numbered candidate prompts in properties.finalPrompt.
    const finalPrompt = w.properties?.finalPrompt;
    if (kind === 'text' && typeof finalPrompt === 'string') {
      task.text = finalPrompt;
      const { finalPrompt: _text, ...rest } = w.properties ?? {};
      if (Object.keys(rest).length > 0) ext.properties = rest as JsonObject;
    } else {
      ext.properties = w.properties as JsonObject | null;
    }
  }
  const actions = readField(ext, 'buttons', w.buttons, buttonsField);
  if (actions !== undefined) task.actions = actions;
  const error = readField(ext, 'failReason', w.failReason, failReasonField);
  if (error !== undefined) task.error = error;
  const parentTaskId = readField(ext, 'parentId', w.parentId, optionalStringField);
  if (parentTaskId !== undefined) task.parentTaskId = parentTaskId;
  const state = readField(ext, 'state', w.state, optionalStringField);
  if (state !== undefined) task.state = state;
  if (Object.keys(ext).length > 0) task.extensions = { [FORMAT]: ext };
  return task;
}

/** Decodes a task object (fetch, list item, notifyHook payload); throws `WireFormatError` with the JSON path. */
export function decodeTask(wire: unknown, _options?: ConvertOptions): Converted<MediaTask> {
  return { value: readTask(wire), losses: [] };
}

/** Encodes a task object; what Midjourney cannot carry (expiry, error codes, foreign parameters…) is reported. */
export function encodeTask(task: MediaTask, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const ext = task.extensions?.[FORMAT];
  reportForeignExtensions(losses, task.extensions, FORMAT);
  const out: JsonObject = { id: task.id };
  const actionAndKind = { action: task.action, kind: task.kind };
  const action = writeField(ext, 'action', actionAndKind, actionField) as string;
  out.action = action;
  const written = actionFromWire(action);
  if (written.action !== task.action) {
    losses.approximate(['action'], `task action "${task.action}" written as ${action}`, 'action');
  }
  if (written.kind !== task.kind) {
    losses.approximate(['kind'], `a ${task.kind} task written as action ${action} (${written.kind})`, 'kind');
  }
  out.status = writeField(ext, 'status', task.status, statusField) as string;
  put(out, 'progress', writeField(ext, 'progress', task.progress, progressField));
  const parameters = promptableParameters(task.parameters, losses, ['parameters']);
  const prompt = { prompt: task.prompt, parameters };
  put(out, 'prompt', writeField(ext, 'prompt', prompt, promptField));
  if (!carries(promptField, out.prompt, prompt) && out.prompt !== undefined) {
    losses.approximate(['prompt'], 'the prompt text does not survive flag parsing unchanged', 'prompt');
  }
  put(out, 'botType', writeField(ext, 'botType', task.model, botTypeField));
  if (task.model !== undefined && out.botType === undefined) {
    losses.drop(['model'], `Midjourney has no model "${task.model}" (only midjourney / niji bots)`, 'model');
  }
  const times = [
    ['submitTime', 'createdAt'],
    ['startTime', 'startedAt'],
    ['finishTime', 'finishedAt'],
  ] as const;
  for (const [key, field] of times) {
    put(out, key, writeField(ext, key, task[field], timeField));
    if (!carries(timeField, out[key], task[field])) {
      losses.approximate([field], `${field} rounded to milliseconds`, 'timestamp');
    }
  }
  if (task.expiresAt !== undefined) losses.drop(['expiresAt'], 'Midjourney tasks have no expiry time', 'expires-at');
  encodeResults(task.results ?? [], ext, out, losses);
  const properties = ext?.properties;
  if (task.text !== undefined && actionFromWire(action).kind === 'text') {
    out.properties = { ...(isObject(properties) ? properties : {}), finalPrompt: task.text };
  } else {
    if (task.text !== undefined) losses.drop(['text'], `a ${action} task carries no text output`, 'text');
    put(out, 'properties', properties);
  }
  put(out, 'buttons', writeField(ext, 'buttons', task.actions, buttonsField));
  if (!carries(buttonsField, out.buttons, task.actions)) {
    losses.approximate(['actions'], 'button action / index are read from the customId', 'actions');
  }
  put(out, 'failReason', writeField(ext, 'failReason', task.error, failReasonField));
  if (task.error?.code !== undefined) losses.drop(['error', 'code'], 'Midjourney failures carry no code', 'error.code');
  put(out, 'parentId', writeField(ext, 'parentId', task.parentTaskId, optionalStringField));
  put(out, 'state', writeField(ext, 'state', task.state, optionalStringField));
  restoreUnmapped(out, ext, MAPPED);
  return { value: out, losses: losses.losses };
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encodeResults(
  results: MediaResult[],
  ext: JsonObject | undefined,
  out: JsonObject,
  losses: ReturnType<typeof createLossRecorder>,
): void {
  const groups: Record<ResultSlot, MediaResult[]> = { imageUrl: [], imageUrls: [], videoUrl: [], videoUrls: [] };
  for (const result of results) {
    const slot = slotOf(result);
    // A second image (or video) has no single-URL field left: it goes to the matching list.
    const target: ResultSlot =
      slot === 'imageUrl' && groups.imageUrl.length > 0
        ? 'imageUrls'
        : slot === 'videoUrl' && groups.videoUrl.length > 0
          ? 'videoUrls'
          : slot;
    groups[target].push(result);
  }
  for (const slot of SLOTS) {
    const group = groups[slot];
    put(out, slot, writeField(ext, slot, group, resultFields[slot]));
    if (!carries(resultFields[slot], out[slot], group)) {
      losses.approximate(['results'], `results in ${slot} keep only their URL and variant`, 'results');
    }
  }
}
