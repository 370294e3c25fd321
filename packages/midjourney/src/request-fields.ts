import {
  type FieldMapping,
  type JsonObject,
  type MediaReference,
  type MediaSource,
  sourceFromString,
  sourceToString,
} from '@interlingua/core';
import { z } from 'zod';
import { formatPromptParameters, parsePromptParameters } from './prompt-parameters.ts';

/** The prompt as a core request holds it. */
export interface RequestPrompt {
  /** Text without flags. */
  prompt?: string;
  /** `--no`. */
  negativePrompt?: string;
  /** Other flags. */
  parameters?: JsonObject;
}

/** `prompt` ↔ text, `--no` and flags. */
export const requestPromptField: FieldMapping<RequestPrompt> = {
  schema: z.string(),
  decode: (raw) => {
    const parsed = parsePromptParameters(typeof raw === 'string' ? raw : '');
    const out: RequestPrompt = { prompt: parsed.text };
    if (parsed.negativePrompt !== undefined) out.negativePrompt = parsed.negativePrompt;
    if (Object.keys(parsed.parameters).length > 0) out.parameters = parsed.parameters;
    return out;
  },
  encode: (value) => formatPromptParameters(value.prompt ?? '', value.parameters ?? {}, value.negativePrompt),
};

/** A plain string field (`taskId`, `notifyHook`, `state`). */
export const stringField: FieldMapping<string | undefined> = {
  schema: z.string(),
  decode: (raw) => (typeof raw === 'string' ? raw : undefined),
  encode: (value) => value,
};

/** An image string (data URL or URL) ↔ one source. */
export const sourceField: FieldMapping<MediaSource | undefined> = {
  schema: z.string(),
  decode: (raw) => (typeof raw === 'string' ? sourceFromString(raw) : undefined),
  encode: (value) => (value ? sourceToString(value) : undefined),
};

/** An image string ↔ a list of zero or one references with the given role. */
export function referenceField(role: MediaReference['role']): FieldMapping<MediaReference[]> {
  return {
    schema: z.string(),
    decode: (raw) => (typeof raw === 'string' ? [{ source: sourceFromString(raw), role }] : []),
    encode: (value) => (value[0] ? sourceToString(value[0].source) : undefined),
  };
}

/** `base64Array` ↔ input references. */
export const referencesField: FieldMapping<MediaReference[] | undefined> = {
  schema: z.array(z.string()),
  decode: (raw) =>
    Array.isArray(raw) ? raw.map((item: string) => ({ source: sourceFromString(item), role: 'input' })) : undefined,
  // Proxies take data URLs here; URL and file references have no place (the loss report names them).
  encode: (value) => {
    const images = value?.flatMap((reference) =>
      reference.source.type === 'base64' ? (sourceToString(reference.source) ?? []) : [],
    );
    return images && (images.length > 0 || value?.length === 0) ? images : undefined;
  },
};

const DIMENSIONS: Record<string, string> = { PORTRAIT: '2:3', SQUARE: '1:1', LANDSCAPE: '3:2' };

/** Blend `dimensions` ↔ `parameters.aspectRatio`. */
export const dimensionsField: FieldMapping<string | undefined> = {
  schema: z.string(),
  decode: (raw) => DIMENSIONS[raw as string],
  encode: (value) => Object.keys(DIMENSIONS).find((key) => DIMENSIONS[key] === value),
};

const CHANGE_ACTIONS: Record<string, string> = { UPSCALE: 'upscale', VARIATION: 'variation', REROLL: 'reroll' };

/** Legacy change `action` ↔ canonical verb. */
export const changeActionField: FieldMapping<string> = {
  schema: z.enum(['UPSCALE', 'VARIATION', 'REROLL']),
  decode: (raw) => CHANGE_ACTIONS[raw as string] ?? 'upscale',
  encode: (value) => Object.keys(CHANGE_ACTIONS).find((key) => CHANGE_ACTIONS[key] === value) ?? 'UPSCALE',
};

/** Legacy change `index` ↔ request index. */
export const indexField: FieldMapping<number | undefined> = {
  schema: z.number().int(),
  decode: (raw) => (typeof raw === 'number' ? raw : undefined),
  encode: (value) => value,
};
