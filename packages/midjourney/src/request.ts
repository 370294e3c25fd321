import {
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type FeatureNames,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type MediaRequest,
  put,
  readField,
  reportDifferences,
  reportForeignExtensions,
  restoreUnmapped,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import type { z } from 'zod';
import { endpointFor, inferEndpoint, type MidjourneyEndpoint } from './endpoint.ts';
import { readBody, writeBody } from './request-body.ts';
import { stringField } from './request-fields.ts';
import { botTypeField } from './task-fields.ts';
import {
  actionBodySchema,
  blendBodySchema,
  changeBodySchema,
  describeBodySchema,
  editsBodySchema,
  imagineBodySchema,
  modalBodySchema,
  shortenBodySchema,
  swapFaceBodySchema,
} from './wire.ts';

const FORMAT = 'midjourney';

/** Options of the request codec. */
export interface MidjourneyRequestOptions extends ConvertOptions {
  /** Which submit endpoint the body was sent to (see `endpointOfPath`); guessed from the fields when absent. */
  endpoint?: MidjourneyEndpoint;
}

const SCHEMAS: Record<MidjourneyEndpoint, z.ZodType> = {
  imagine: imagineBodySchema,
  action: actionBodySchema,
  modal: modalBodySchema,
  describe: describeBodySchema,
  blend: blendBodySchema,
  shorten: shortenBodySchema,
  change: changeBodySchema,
  edits: editsBodySchema,
  'swap-face': swapFaceBodySchema,
};

const COMMON = ['botType', 'notifyHook', 'state'];
const MAPPED: Record<MidjourneyEndpoint, ReadonlySet<string>> = {
  imagine: new Set([...COMMON, 'prompt', 'base64Array']),
  action: new Set([...COMMON, 'taskId', 'customId']),
  modal: new Set([...COMMON, 'taskId', 'prompt', 'maskBase64']),
  describe: new Set([...COMMON, 'base64', 'link']),
  blend: new Set([...COMMON, 'base64Array', 'dimensions']),
  shorten: new Set([...COMMON, 'prompt']),
  change: new Set([...COMMON, 'taskId', 'action', 'index']),
  edits: new Set([...COMMON, 'prompt', 'image']),
  'swap-face': new Set([...COMMON, 'sourceBase64', 'sourceUrl', 'targetBase64', 'targetUrl']),
};

const FEATURES: FeatureNames<MediaRequest> = {
  kind: 'kind',
  action: 'action',
  prompt: 'prompt',
  negativePrompt: 'negative-prompt',
  model: 'model',
  references: 'references',
  mask: 'mask',
  parameters: 'parameters',
  parentTaskId: 'parent-task',
  index: 'index',
  actionId: 'action-id',
  callbackUrl: 'callback-url',
  state: 'state',
};

/** Decodes a submit body; `options.endpoint` says which (else it is guessed). Throws `WireFormatError` with the JSON path. */
export function decodeRequest(wire: unknown, options?: MidjourneyRequestOptions): Converted<MediaRequest> {
  const endpoint = options?.endpoint ?? inferEndpoint(wire);
  const parsed = SCHEMAS[endpoint].safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'request', parsed.error.issues, wire);
  const w = parsed.data as Record<string, unknown>;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED[endpoint]);
  const request = readBody(endpoint, w, ext);
  const model = readField(ext, 'botType', w.botType, botTypeField);
  if (model !== undefined) request.model = model;
  const callbackUrl = readField(ext, 'notifyHook', w.notifyHook, stringField);
  if (callbackUrl !== undefined) request.callbackUrl = callbackUrl;
  const state = readField(ext, 'state', w.state, stringField);
  if (state !== undefined) request.state = state;
  if (Object.keys(ext).length > 0) request.extensions = { [FORMAT]: ext };
  return { value: request, losses: [] };
}

/** Encodes a submit body for `endpointFor(request)`; what that body cannot carry is reported. */
export function encodeRequest(request: MediaRequest, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const endpoint = endpointFor(request);
  const ext = request.extensions?.[FORMAT];
  reportForeignExtensions(losses, request.extensions, FORMAT);
  const out: JsonObject = {};
  const reported = new Set<string>();
  writeBody(endpoint, request, ext, out, losses, reported);
  put(out, 'botType', writeField(ext, 'botType', request.model, botTypeField));
  put(out, 'notifyHook', writeField(ext, 'notifyHook', request.callbackUrl, stringField));
  put(out, 'state', writeField(ext, 'state', request.state, stringField));
  restoreUnmapped(out, ext, MAPPED[endpoint]);
  let back: MediaRequest | undefined;
  try {
    back = decodeRequest(out, { endpoint }).value;
  } catch {
    // The body is incomplete (e.g. a face swap without a face): every field counts as dropped.
    back = { kind: request.kind, action: request.action };
  }
  reportDifferences(losses, request, back, FEATURES, reported);
  return { value: out, losses: losses.losses };
}
