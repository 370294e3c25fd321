import type {
  FieldMapping,
  JsonObject,
  JsonValue,
  MediaResult,
  MediaTaskAction,
  MediaTaskStatus,
} from '@interlingua/core';
import { z } from 'zod';
import { parseCustomId } from './custom-id.ts';
import { formatPromptParameters, parsePromptParameters } from './prompt-parameters.ts';
import { type ActionAndKind, actionFromWire, actionToWire } from './task-action.ts';
import { buttonSchema, statusSchema, urlItemSchema, type WireButton } from './wire.ts';

/**
 * The task's field mappings, one per wire field. Each says how the wire value reads into the core
 * and how the core value is written canonically; core's `field-mapping.ts` keeps the raw value where they differ.
 */

const STATUS_IN: Record<z.infer<typeof statusSchema>, MediaTaskStatus> = {
  '': 'queued',
  NOT_START: 'queued',
  SUBMITTED: 'queued',
  MODAL: 'queued',
  IN_PROGRESS: 'in-progress',
  FAILURE: 'failed',
  SUCCESS: 'succeeded',
  CANCEL: 'cancelled',
};

const STATUS_OUT: Record<MediaTaskStatus, z.infer<typeof statusSchema>> = {
  queued: 'SUBMITTED',
  'in-progress': 'IN_PROGRESS',
  succeeded: 'SUCCESS',
  failed: 'FAILURE',
  cancelled: 'CANCEL',
};

/** `status`: MODAL (waiting for `/submit/modal`) and NOT_START read as queued. */
export const statusField: FieldMapping<MediaTaskStatus> = {
  schema: statusSchema,
  decode: (raw) => STATUS_IN[raw as z.infer<typeof statusSchema>],
  encode: (value) => STATUS_OUT[value],
};

/** `action` ↔ canonical verb + kind. */
export const actionField: FieldMapping<ActionAndKind> = {
  schema: z.string(),
  decode: (raw) => actionFromWire(raw as string),
  encode: (value) => actionToWire(value),
};

const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** `progress`: `"45%"` ↔ 45; `""`, null and unparsable strings read as no progress. */
export const progressField: FieldMapping<number | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => {
    const match = typeof raw === 'string' ? PERCENT.exec(raw) : null;
    return match ? Number(match[1]) : undefined;
  },
  encode: (value) => (value === undefined ? undefined : `${value}%`),
};

/** `submitTime` / `startTime` / `finishTime`: milliseconds ↔ Unix seconds; 0 and null mean "not yet". */
export const timeField: FieldMapping<number | undefined> = {
  schema: z.number().nullable(),
  decode: (raw) => (typeof raw === 'number' && raw !== 0 ? raw / 1000 : undefined),
  encode: (value) => (value === undefined ? undefined : Math.round(value * 1000)),
};

/** An optional string where `null` and `""` mean absent (`state`, `parentId`). */
export const optionalStringField: FieldMapping<string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw === 'string' && raw !== '' ? raw : undefined),
  encode: (value) => value,
};

/** `failReason` ↔ `error.message` (Midjourney has no error code). */
export const failReasonField: FieldMapping<{ message: string; code?: string } | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (typeof raw === 'string' && raw !== '' ? { message: raw } : undefined),
  encode: (value) => value?.message,
};

/** `botType` ↔ model id: `MID_JOURNEY` is `midjourney`, `NIJI_JOURNEY` is `niji`; other models have no bot. */
export const botTypeField: FieldMapping<string | undefined> = {
  schema: z.string().nullable(),
  decode: (raw) => (raw === 'MID_JOURNEY' ? 'midjourney' : raw === 'NIJI_JOURNEY' ? 'niji' : undefined),
  encode: (value) => (value === 'midjourney' ? 'MID_JOURNEY' : value === 'niji' ? 'NIJI_JOURNEY' : undefined),
};

/** The prompt as the core holds it on a task: text plus parameters (`--no` as `parameters.negativePrompt`). */
export interface TaskPrompt {
  /** Text without flags. */
  prompt?: string;
  /** Parsed flags. */
  parameters?: JsonObject;
}

/** `prompt` ↔ text + parsed flags. */
export const promptField: FieldMapping<TaskPrompt> = {
  schema: z.string().nullable(),
  decode: (raw) => {
    if (typeof raw !== 'string') return {};
    const parsed = parsePromptParameters(raw);
    const parameters: JsonObject = { ...parsed.parameters };
    if (parsed.negativePrompt !== undefined) parameters.negativePrompt = parsed.negativePrompt;
    return Object.keys(parameters).length > 0 ? { prompt: parsed.text, parameters } : { prompt: parsed.text };
  },
  encode: (value) => {
    if (value.prompt === undefined && value.parameters === undefined) return undefined;
    const { negativePrompt, ...flags } = value.parameters ?? {};
    return formatPromptParameters(
      value.prompt ?? '',
      flags,
      typeof negativePrompt === 'string' ? negativePrompt : undefined,
    );
  },
};

/** Which wire field a result goes to. */
export type ResultSlot = 'imageUrl' | 'imageUrls' | 'videoUrl' | 'videoUrls';

/** The `variant` each slot's results carry. */
export const SLOT_VARIANT: Record<ResultSlot, string> = {
  imageUrl: 'image',
  imageUrls: 'split',
  videoUrl: 'video',
  videoUrls: 'video-batch',
};

/** Picks the slot of a result: by variant, else by media type (video or image). */
export function slotOf(result: MediaResult): ResultSlot {
  const slot = (Object.keys(SLOT_VARIANT) as ResultSlot[]).find((key) => SLOT_VARIANT[key] === result.variant);
  if (slot) return slot;
  return result.mediaType?.startsWith('video/') || result.variant === 'video' ? 'videoUrl' : 'imageUrl';
}

function singleUrl(slot: ResultSlot): FieldMapping<MediaResult[]> {
  return {
    schema: z.string().nullable(),
    decode: (raw) => (typeof raw === 'string' && raw !== '' ? [{ url: raw, variant: SLOT_VARIANT[slot] }] : []),
    encode: (value) => value[0]?.url,
  };
}

function urlList(slot: ResultSlot): FieldMapping<MediaResult[]> {
  return {
    schema: z.array(urlItemSchema).nullable(),
    decode: (raw) =>
      Array.isArray(raw)
        ? raw.map((item) => ({ url: (item as { url: string }).url, variant: SLOT_VARIANT[slot] }))
        : [],
    encode: (value) => (value.length > 0 ? value.map((result) => ({ url: result.url })) : undefined),
  };
}

/** The four result slots (`imageUrls[].thumbnail` and other item fields ride in the slot's hint). */
export const resultFields: Record<ResultSlot, FieldMapping<MediaResult[]>> = {
  imageUrl: singleUrl('imageUrl'),
  imageUrls: urlList('imageUrls'),
  videoUrl: singleUrl('videoUrl'),
  videoUrls: urlList('videoUrls'),
};

function actionOfButton(button: WireButton): MediaTaskAction {
  const out: MediaTaskAction = { actionId: button.customId };
  const parsed = parseCustomId(button.customId);
  if (parsed) out.action = parsed.action;
  if (button.label !== undefined) out.label = button.label;
  if (button.emoji !== undefined) out.emoji = button.emoji;
  if (parsed?.index !== undefined) out.index = parsed.index;
  return out;
}

/** `buttons[]` ↔ actions: the customId is the action id; action and index are parsed from it. */
export const buttonsField: FieldMapping<MediaTaskAction[] | undefined> = {
  schema: z.array(buttonSchema).nullable(),
  decode: (raw) => (Array.isArray(raw) ? (raw as WireButton[]).map(actionOfButton) : undefined),
  encode: (value) =>
    value?.map((action) => {
      // Discord component type 2 (button), style 2 (secondary): what proxies send for most buttons.
      const button: { [key: string]: JsonValue } = { customId: action.actionId };
      if (action.emoji !== undefined) button.emoji = action.emoji;
      if (action.label !== undefined) button.label = action.label;
      button.type = 2;
      button.style = 2;
      return button;
    }),
};
