import type { Extensions } from './extensions.ts';
import type { JsonObject } from './json.ts';
import type { MediaSource } from './media-source.ts';

/** What a media task produces. */
export type MediaKind = 'image' | 'video' | 'text';

/**
 * What a media request asks for. Canonical where the meaning carries across task APIs; anything
 * else is the provider's own verb (e.g. Midjourney `modal`).
 */
export type MediaAction =
  | 'generate'
  | 'upscale'
  | 'variation'
  | 'reroll'
  | 'zoom'
  | 'pan'
  | 'describe'
  | 'blend'
  | 'edit'
  | 'shorten'
  | 'face-swap'
  | 'remix'
  | (string & {});

/** An input image or video for a media request. */
export interface MediaReference {
  /** Where it is. */
  source: MediaSource;
  /** How it is used: the main input, a style / character reference, the face to swap in, the first frame… */
  role?: 'input' | 'style' | 'character' | 'face' | 'target' | 'first-frame' | 'last-frame' | (string & {});
}

/** A request to start a media generation task. */
export interface MediaRequest {
  /** What to produce. */
  kind: MediaKind;
  /** The verb. */
  action: MediaAction;
  /** The prompt, without provider parameter flags (those are parsed into `parameters`). */
  prompt?: string;
  /** What to avoid (Midjourney `--no`). */
  negativePrompt?: string;
  /** Model id (`sora-2`, `midjourney`, `niji`…). */
  model?: string;
  /** Input images / videos. */
  references?: MediaReference[];
  /** Inpainting mask. */
  mask?: MediaSource;
  /**
   * Generation parameters with neutral names: `aspectRatio` ("16:9"), `size` ("1280x720"),
   * `seconds`, `seed`, `quality`, `stylize`, `chaos`, `version`, `niji`, `tile`, `weird`, …
   */
  parameters?: JsonObject;
  /** The task this action applies to (upscale / variation / remix …). */
  parentTaskId?: string;
  /** Which image of the parent grid (1-based), for per-image actions. */
  index?: number;
  /** The provider's action id (Midjourney button `customId`). */
  actionId?: string;
  /** URL the provider calls back when the task changes. */
  callbackUrl?: string;
  /** Caller's opaque value, echoed on the task. */
  state?: string;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}

/** Life-cycle state of a media task. */
export type MediaTaskStatus = 'queued' | 'in-progress' | 'succeeded' | 'failed' | 'cancelled';

/** One output file of a task. */
export interface MediaResult {
  /** Where to fetch it. */
  url: string;
  /** Which rendition (`image`, `grid`, `video`, `thumbnail`, `spritesheet`). */
  variant?: string;
  /** IANA media type. */
  mediaType?: string;
  /** Pixel width. */
  width?: number;
  /** Pixel height. */
  height?: number;
}

/** A follow-up action a finished task offers (Midjourney buttons). */
export interface MediaTaskAction {
  /** The id to submit to run it. */
  actionId: string;
  /** The canonical verb it runs, when recognised. */
  action?: MediaAction;
  /** Button label. */
  label?: string;
  /** Button emoji. */
  emoji?: string;
  /** Target image index (1-based), when the action is per image. */
  index?: number;
}

/** A media generation task and its state. */
export interface MediaTask {
  /** Task id. */
  id: string;
  /** What it produces. */
  kind: MediaKind;
  /** The verb it runs. */
  action: MediaAction;
  /** Life-cycle state. */
  status: MediaTaskStatus;
  /** Progress, 0–100. */
  progress?: number;
  /** The prompt it runs. */
  prompt?: string;
  /** Model id. */
  model?: string;
  /** Generation parameters (as on the request). */
  parameters?: JsonObject;
  /** Submit time, Unix seconds (fractional allowed). */
  createdAt?: number;
  /** Start time, Unix seconds. */
  startedAt?: number;
  /** End time, Unix seconds. */
  finishedAt?: number;
  /** When the results expire, Unix seconds. */
  expiresAt?: number;
  /** Output files. */
  results?: MediaResult[];
  /** Text output (Midjourney describe). */
  text?: string;
  /** Follow-up actions. */
  actions?: MediaTaskAction[];
  /** Why it failed. */
  error?: { message: string; code?: string };
  /** The task this one derives from. */
  parentTaskId?: string;
  /** Caller's opaque value. */
  state?: string;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}

/** The answer to a task submission. */
export interface MediaSubmission {
  /** Whether the task was accepted (it may still be queued). */
  accepted: boolean;
  /** The new (or existing) task's id. */
  taskId?: string;
  /** The provider's result code (Midjourney 1 / 21 / 22 / 23 / 24 …). */
  code?: number | string;
  /** The provider's message. */
  message?: string;
  /** The task as returned with the submission, when the provider returns one (Sora). */
  task?: MediaTask;
  /** Provider-specific fields, keyed by format. */
  extensions?: Extensions;
}
