import {
  type Converted,
  type ConvertOptions,
  createLossRecorder,
  type FeatureNames,
  type FieldMapping,
  type JsonObject,
  type JsonValue,
  keepUnmapped,
  type MediaRequest,
  type MediaSource,
  put,
  readField,
  reportDifferences,
  reportForeignExtensions,
  restoreUnmapped,
  sourceFromString,
  sourceToString,
  wireErrorFromIssues,
  writeField,
} from '@interlingua/core';
import { z } from 'zod';
import { secondsField, stringField } from './task-fields.ts';
import { createBodySchema, imageRefSchema, remixBodySchema } from './wire.ts';

const FORMAT = 'sora';

/** Which call a body belongs to: create (`POST /v1/videos`) or remix (`POST /v1/videos/{id}/remix`). */
export type SoraEndpoint = 'create' | 'remix';

/** Options of the request codec. */
export interface SoraRequestOptions extends ConvertOptions {
  /** The call; `create` when absent. */
  endpoint?: SoraEndpoint;
  /** For remix: the `{video_id}` of the path, which becomes `parentTaskId`. */
  videoId?: string;
}

/** Extension key remembering multipart details (never written to a JSON body). */
export const MULTIPART_KEY = '$multipart';

const MAPPED: Record<SoraEndpoint, ReadonlySet<string>> = {
  create: new Set(['prompt', 'model', 'seconds', 'size', 'input_reference', MULTIPART_KEY]),
  remix: new Set(['prompt', MULTIPART_KEY]),
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

/** `input_reference` ↔ the first-frame source: `{image_url}` (URL or data URL) or `{file_id}`. */
export const inputReferenceField: FieldMapping<MediaSource | undefined> = {
  schema: z.union([imageRefSchema, z.string()]),
  decode: (raw) => {
    // new-api also takes a bare URL / data URL string here.
    if (typeof raw === 'string') return sourceFromString(raw);
    const ref = raw as { image_url?: string; file_id?: string } | undefined;
    if (typeof ref?.image_url === 'string') return sourceFromString(ref.image_url);
    if (typeof ref?.file_id === 'string') return { type: 'file', fileId: ref.file_id };
    return undefined;
  },
  encode: (value): JsonValue | undefined => {
    if (value?.type === 'file') return { file_id: value.fileId };
    const url = value ? sourceToString(value) : undefined;
    return url === undefined ? undefined : { image_url: url };
  },
};

const ASPECT_SIZES: Record<string, string> = {
  '16:9': '1280x720',
  '9:16': '720x1280',
  '7:4': '1792x1024',
  '4:7': '1024x1792',
};

/** The endpoint a core request goes to. */
export function endpointFor(request: MediaRequest): SoraEndpoint {
  return request.action === 'remix' && request.parentTaskId !== undefined ? 'remix' : 'create';
}

/** The path to POST a core request to. */
export function requestPath(request: MediaRequest): string {
  return endpointFor(request) === 'remix'
    ? `/v1/videos/${encodeURIComponent(request.parentTaskId ?? '')}/remix`
    : '/v1/videos';
}

/** Decodes a create (JSON) or remix body. Throws `WireFormatError` with the JSON path. */
export function decodeRequest(wire: unknown, options?: SoraRequestOptions): Converted<MediaRequest> {
  const endpoint = options?.endpoint ?? 'create';
  const schema: z.ZodType = endpoint === 'remix' ? remixBodySchema : createBodySchema;
  const parsed = schema.safeParse(wire);
  if (!parsed.success) throw wireErrorFromIssues(FORMAT, 'request', parsed.error.issues, wire);
  const w = parsed.data as z.infer<typeof createBodySchema>;
  const ext: JsonObject = {};
  keepUnmapped(ext, wire, MAPPED[endpoint]);
  const request: MediaRequest = {
    kind: 'video',
    action: endpoint === 'remix' ? 'remix' : 'generate',
    prompt: w.prompt,
  };
  if (endpoint === 'remix' && options?.videoId !== undefined) request.parentTaskId = options.videoId;
  if (endpoint === 'create') {
    const model = readField(ext, 'model', w.model, stringField);
    if (model !== undefined) request.model = model;
    const parameters: JsonObject = {};
    put(parameters, 'seconds', readField(ext, 'seconds', w.seconds, secondsField));
    put(parameters, 'size', readField(ext, 'size', w.size, stringField));
    if (Object.keys(parameters).length > 0) request.parameters = parameters;
    const source = readField(ext, 'input_reference', w.input_reference, inputReferenceField);
    if (source !== undefined) request.references = [{ source, role: 'first-frame' }];
  }
  if (Object.keys(ext).length > 0) request.extensions = { [FORMAT]: ext };
  return { value: request, losses: [] };
}

/** Encodes a create or remix body (see `requestPath` for where it goes); what Sora cannot take is reported. */
export function encodeRequest(request: MediaRequest, options?: ConvertOptions): Converted<JsonValue> {
  const losses = createLossRecorder(FORMAT, options);
  const endpoint = endpointFor(request);
  const ext = request.extensions?.[FORMAT];
  reportForeignExtensions(losses, request.extensions, FORMAT);
  if (request.prompt === undefined)
    losses.add('defaulted', ['prompt'], 'Sora requires a prompt: written as ""', 'prompt');
  const out: JsonObject = { prompt: request.prompt ?? '' };
  const reported = new Set<string>();
  if (endpoint === 'create') {
    put(out, 'model', writeField(ext, 'model', request.model, stringField));
    const parameters = request.parameters ?? {};
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
    let size = typeof parameters.size === 'string' ? parameters.size : undefined;
    const aspect = parameters.aspectRatio;
    if (size === undefined && typeof aspect === 'string' && ASPECT_SIZES[aspect]) {
      size = ASPECT_SIZES[aspect];
      reported.add('parameters.aspectRatio');
      losses.approximate(
        ['parameters', 'aspectRatio'],
        `aspect ratio ${aspect} written as size ${size}`,
        'parameters.aspectRatio',
      );
    }
    put(out, 'size', writeField(ext, 'size', size, stringField));
    put(
      out,
      'input_reference',
      writeField(ext, 'input_reference', request.references?.[0]?.source, inputReferenceField),
    );
  }
  restoreUnmapped(out, ext, MAPPED[endpoint]);
  const back = decodeRequest(out, {
    endpoint,
    ...(request.parentTaskId === undefined ? {} : { videoId: request.parentTaskId }),
  });
  reportDifferences(losses, request, back.value, FEATURES, reported);
  return { value: out, losses: losses.losses };
}
