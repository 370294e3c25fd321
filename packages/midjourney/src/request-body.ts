import {
  describeValue,
  type JsonObject,
  type LossRecorder,
  type MediaReference,
  type MediaRequest,
  put,
  readField,
  WireFormatError,
  writeField,
} from '@interlingua/core';
import { parseCustomId } from './custom-id.ts';
import type { MidjourneyEndpoint } from './endpoint.ts';
import { promptableParameters } from './foreign-parameters.ts';
import {
  changeActionField,
  dimensionsField,
  indexField,
  referenceField,
  referencesField,
  requestPromptField,
  sourceField,
} from './request-fields.ts';

/**
 * The endpoint-specific part of the request codec: which body fields map to which core fields.
 * Shared fields (`botType`, `notifyHook`, `state`) and extensions are handled by `request.ts`.
 */

const FORMAT = 'midjourney';

function readPrompt(request: MediaRequest, ext: JsonObject, raw: unknown): void {
  if (raw === undefined) return;
  const prompt = readField(ext, 'prompt', raw, requestPromptField);
  if (prompt.prompt !== undefined) request.prompt = prompt.prompt;
  if (prompt.negativePrompt !== undefined) request.negativePrompt = prompt.negativePrompt;
  if (prompt.parameters !== undefined) request.parameters = prompt.parameters;
}

function readReferences(
  ext: JsonObject,
  w: Record<string, unknown>,
  keys: [string, MediaReference['role']][],
): MediaReference[] {
  return keys.flatMap(([key, role]) => (w[key] === undefined ? [] : readField(ext, key, w[key], referenceField(role))));
}

/** Reads the endpoint-specific fields of a validated body. */
export function readBody(endpoint: MidjourneyEndpoint, w: Record<string, unknown>, ext: JsonObject): MediaRequest {
  switch (endpoint) {
    case 'imagine':
    case 'shorten': {
      const request: MediaRequest =
        endpoint === 'imagine' ? { kind: 'image', action: 'generate' } : { kind: 'text', action: 'shorten' };
      readPrompt(request, ext, w.prompt);
      const references = readField(ext, 'base64Array', w.base64Array, referencesField);
      if (references !== undefined) request.references = references;
      return request;
    }
    case 'action': {
      const customId = w.customId as string;
      const parsed = parseCustomId(customId);
      if (!parsed) {
        throw new WireFormatError({
          format: FORMAT,
          kind: 'request',
          issues: [
            {
              path: ['customId'],
              expected: 'a Midjourney button id (MJ::JOB::upsample::1::<hash>…)',
              received: describeValue(customId),
            },
          ],
        });
      }
      const request: MediaRequest = {
        kind: parsed.action === 'animate' ? 'video' : 'image',
        action: parsed.action,
        parentTaskId: w.taskId as string,
        actionId: customId,
      };
      if (parsed.index !== undefined) request.index = parsed.index;
      return request;
    }
    case 'modal': {
      const request: MediaRequest = { kind: 'image', action: 'modal', parentTaskId: w.taskId as string };
      readPrompt(request, ext, w.prompt);
      const mask = w.maskBase64 === undefined ? undefined : readField(ext, 'maskBase64', w.maskBase64, sourceField);
      if (mask !== undefined) request.mask = mask;
      return request;
    }
    case 'describe':
      return {
        kind: 'text',
        action: 'describe',
        references: readReferences(ext, w, [
          ['base64', 'input'],
          ['link', 'input'],
        ]),
      };
    case 'blend': {
      const request: MediaRequest = {
        kind: 'image',
        action: 'blend',
        references: readField(ext, 'base64Array', w.base64Array, referencesField) ?? [],
      };
      const aspectRatio =
        w.dimensions === undefined ? undefined : readField(ext, 'dimensions', w.dimensions, dimensionsField);
      if (aspectRatio !== undefined) request.parameters = { aspectRatio };
      return request;
    }
    case 'change': {
      const request: MediaRequest = {
        kind: 'image',
        action: readField(ext, 'action', w.action, changeActionField),
        parentTaskId: w.taskId as string,
      };
      const index = readField(ext, 'index', w.index, indexField);
      if (index !== undefined) request.index = index;
      return request;
    }
    case 'edits': {
      const request: MediaRequest = { kind: 'image', action: 'edit' };
      readPrompt(request, ext, w.prompt);
      request.references = readReferences(ext, w, [['image', 'input']]);
      return request;
    }
    case 'swap-face':
      return {
        kind: 'image',
        action: 'face-swap',
        references: readReferences(ext, w, [
          ['sourceBase64', 'face'],
          ['sourceUrl', 'face'],
          ['targetBase64', 'target'],
          ['targetUrl', 'target'],
        ]),
      };
  }
}

function writePrompt(
  request: MediaRequest,
  ext: JsonObject | undefined,
  out: JsonObject,
  losses: LossRecorder,
  reported: Set<string>,
): void {
  const parameters = promptableParameters(request.parameters, losses, ['parameters'], reported);
  const { negativePrompt: _ignored, ...flags } = parameters ?? {};
  const value = { prompt: request.prompt, negativePrompt: request.negativePrompt, parameters: parameters && flags };
  out.prompt = writeField(ext, 'prompt', value, requestPromptField) as string;
}

function pick(references: MediaReference[], role: string, type: string, fallback: number): MediaReference[] {
  const byRole = references.filter((reference) => reference.role === role);
  const candidates = byRole.length > 0 ? byRole : references.slice(fallback, fallback + 1);
  return candidates.filter((reference) => reference.source.type === type).slice(0, 1);
}

/** Writes the endpoint-specific fields of a body. */
export function writeBody(
  endpoint: MidjourneyEndpoint,
  request: MediaRequest,
  ext: JsonObject | undefined,
  out: JsonObject,
  losses: LossRecorder,
  reported: Set<string>,
): void {
  const references = request.references ?? [];
  switch (endpoint) {
    case 'imagine':
    case 'shorten':
      writePrompt(request, ext, out, losses, reported);
      put(out, 'base64Array', writeField(ext, 'base64Array', request.references, referencesField));
      return;
    case 'action':
      out.taskId = request.parentTaskId ?? '';
      out.customId = request.actionId ?? '';
      return;
    case 'modal':
      out.taskId = request.parentTaskId ?? '';
      if (request.prompt !== undefined || request.parameters !== undefined || request.negativePrompt !== undefined) {
        writePrompt(request, ext, out, losses, reported);
      }
      put(out, 'maskBase64', writeField(ext, 'maskBase64', request.mask, sourceField));
      return;
    case 'describe':
      put(out, 'base64', writeField(ext, 'base64', pick(references, 'input', 'base64', 0), referenceField('input')));
      put(out, 'link', writeField(ext, 'link', pick(references, 'input', 'url', 0), referenceField('input')));
      if (out.base64 === undefined && out.link === undefined) out.base64 = '';
      return;
    case 'blend':
      out.base64Array = writeField(ext, 'base64Array', references, referencesField) ?? [];
      put(
        out,
        'dimensions',
        writeField(ext, 'dimensions', request.parameters?.aspectRatio as string | undefined, dimensionsField),
      );
      return;
    case 'change':
      out.taskId = request.parentTaskId ?? '';
      out.action = writeField(ext, 'action', request.action, changeActionField) as string;
      put(out, 'index', writeField(ext, 'index', request.index, indexField));
      return;
    case 'edits': {
      writePrompt(request, ext, out, losses, reported);
      // The proxy takes a URL or a data URL here.
      const image = references.filter(
        (reference) => reference.source.type === 'base64' || reference.source.type === 'url',
      );
      out.image = writeField(ext, 'image', image.slice(0, 1), referenceField('input')) ?? '';
      return;
    }
    case 'swap-face':
      put(
        out,
        'sourceBase64',
        writeField(ext, 'sourceBase64', pick(references, 'face', 'base64', 0), referenceField('face')),
      );
      put(out, 'sourceUrl', writeField(ext, 'sourceUrl', pick(references, 'face', 'url', 0), referenceField('face')));
      put(
        out,
        'targetBase64',
        writeField(ext, 'targetBase64', pick(references, 'target', 'base64', 1), referenceField('target')),
      );
      put(
        out,
        'targetUrl',
        writeField(ext, 'targetUrl', pick(references, 'target', 'url', 1), referenceField('target')),
      );
      return;
  }
}
