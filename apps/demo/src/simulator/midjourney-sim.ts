import type { ServerResponse } from 'node:http';
import type { JsonObject, JsonValue } from '@interlingua/core';
import { type MidjourneyEndpoint, midjourney, parseCustomId } from '@interlingua/midjourney';
import { gatewayError } from '../gateway/gateway-error.ts';
import { sendJson } from '../http/send.ts';
import { jobHash, progressOf, type SimTask, type SimTasks } from './media-tasks.ts';
import { gradientPng, gridPng } from './png.ts';

const GRID_ACTIONS = new Set([
  'IMAGINE',
  'VARIATION',
  'REROLL',
  'BLEND',
  'ZOOM',
  'PAN',
  'INPAINT',
  'CUSTOM_ZOOM',
  'HIGH_VARIATION',
  'LOW_VARIATION',
]);
const TEXT_ACTIONS = new Set(['DESCRIBE', 'SHORTEN']);
const VERB_ACTIONS: [RegExp, string][] = [
  [/^upsample/i, 'UPSCALE'],
  [/^low_variation/i, 'LOW_VARIATION'],
  [/^high_variation/i, 'HIGH_VARIATION'],
  [/^variation/i, 'VARIATION'],
  [/^reroll/i, 'REROLL'],
  [/^pan_/i, 'PAN'],
  [/^outpaint/i, 'ZOOM'],
  [/^customzoom/i, 'CUSTOM_ZOOM'],
  [/^inpaint/i, 'INPAINT'],
];

/** A submit to the simulated Midjourney proxy: answers a `SubmitResultVO` (code 1, or 21 for a MODAL task). */
export function simulateMidjourneySubmit(
  tasks: SimTasks,
  endpoint: MidjourneyEndpoint,
  body: unknown,
  res: ServerResponse,
): void {
  const request = midjourney.request.decode(body, { endpoint }).value;
  const raw = body as Record<string, unknown>;
  const prompt = typeof raw.prompt === 'string' ? raw.prompt : '';
  const common = { format: 'midjourney' as const, ...(request.state ? { state: request.state } : {}) };
  if (endpoint === 'modal') {
    const target = tasks.get(String(raw.taskId));
    if (!target?.modal)
      throw gatewayError('not_found', 404, 'task not found or not waiting for a modal', { code: '3' });
    target.modal = false;
    target.startedMs = Date.now();
    if (prompt) target.prompt = prompt;
    sendJson(res, 200, { code: 1, description: 'Submit success', result: target.id });
    return;
  }
  if (endpoint === 'action' || endpoint === 'change') {
    const parent = tasks.get(String(raw.taskId));
    if (!parent) throw gatewayError('not_found', 404, `task ${String(raw.taskId)} not found`, { code: '3' });
    const customId = String(raw.customId ?? '');
    const parsed = parseCustomId(customId);
    if (endpoint === 'action' && parsed?.hash !== undefined && parsed.hash !== jobHash(parent.id)) {
      throw gatewayError('invalid_request', 400, `unknown_action: ${customId}`, { code: '4' });
    }
    const verb = parsed?.verb ?? String(raw.action ?? '');
    const action = VERB_ACTIONS.find(([pattern]) => pattern.test(verb))?.[1] ?? String(raw.action ?? 'UPSCALE');
    const index = request.index ?? 1;
    const modal = action === 'INPAINT' || action === 'CUSTOM_ZOOM';
    const task = tasks.add({
      ...common,
      action,
      prompt: parent.prompt,
      seed: action === 'UPSCALE' ? `${parent.seed}#${index}` : `${parent.seed}/${action}${index}`,
      parentId: parent.id,
      index,
      modal,
    });
    sendJson(
      res,
      200,
      modal
        ? { code: 21, description: 'Waiting for window confirm', result: task.id }
        : { code: 1, description: 'Submit success', result: task.id },
    );
    return;
  }
  const action = endpoint === 'swap-face' ? 'SWAP_FACE' : endpoint === 'edits' ? 'EDITS' : endpoint.toUpperCase();
  const seed = prompt || JSON.stringify(body).slice(0, 200);
  const task = tasks.add({ ...common, action, prompt: endpoint === 'swap-face' ? 'InsightFace' : prompt, seed });
  sendJson(res, 200, {
    code: 1,
    description: 'Submit success',
    result: task.id,
    properties: { discordInstanceId: 'simulator' },
  });
}

/** The task object of the midjourney-proxy API, as the simulator serves it. */
export function midjourneyTaskObject(task: SimTask, origin: string, stepMs: number): JsonObject {
  const state = progressOf(task, stepMs);
  const status = task.modal
    ? 'MODAL'
    : { queued: 'SUBMITTED', 'in-progress': 'IN_PROGRESS', succeeded: 'SUCCESS', failed: 'FAILURE' }[state.status];
  const out: JsonObject = {
    id: task.id,
    action: task.action,
    status,
    progress: `${state.progress}%`,
    prompt: task.prompt,
    promptEn: task.prompt,
    description: `/${task.action.toLowerCase()} ${task.prompt}`.trim(),
    state: task.state ?? '',
    submitTime: task.startedMs,
    startTime: state.startedMs ?? 0,
    finishTime: state.finishedMs ?? 0,
    imageUrl: '',
    failReason: state.status === 'failed' ? 'simulated failure ([sim:fail] in the prompt)' : '',
    buttons: [],
    properties: {},
  };
  if (task.parentId) out.parentId = task.parentId;
  if (state.status !== 'succeeded') return out;
  if (TEXT_ACTIONS.has(task.action)) {
    out.properties = {
      finalPrompt: [1, 2, 3, 4].map((n) => `${n}️⃣ ${task.prompt || 'a gradient'}, variation ${n}`).join('\n\n'),
    };
    return out;
  }
  // The URL says what to draw, so the picture survives a restart of the simulator (tasks live in memory).
  const query = new URLSearchParams({ seed: task.seed, grid: GRID_ACTIONS.has(task.action) ? '1' : '0' });
  out.imageUrl = `${origin}/mj/image/${task.id}?${query}`;
  out.buttons = buttonsOf(task);
  return out;
}

const PAN_EMOJI: Record<string, string> = { left: '⬅️', right: '➡️', up: '⬆️', down: '⬇️' };

function buttonsOf(task: SimTask): JsonValue[] {
  const hash = jobHash(task.id);
  const button = (customId: string, label: string, emoji = '') => ({ customId, emoji, label, type: 2, style: 2 });
  if (GRID_ACTIONS.has(task.action)) {
    return [
      ...[1, 2, 3, 4].map((n) => button(`MJ::JOB::upsample::${n}::${hash}`, `U${n}`)),
      button(`MJ::JOB::reroll::0::${hash}::SOLO`, '', '🔄'),
      ...[1, 2, 3, 4].map((n) => button(`MJ::JOB::variation::${n}::${hash}`, `V${n}`)),
    ];
  }
  return [
    button(`MJ::JOB::low_variation::1::${hash}::SOLO`, 'Vary (Subtle)', '🪄'),
    button(`MJ::JOB::high_variation::1::${hash}::SOLO`, 'Vary (Strong)', '🪄'),
    button(`MJ::Inpaint::1::${hash}::SOLO`, 'Vary (Region)', '🖌️'),
    button(`MJ::Outpaint::50::1::${hash}::SOLO`, 'Zoom Out 2x', '🔍'),
    button(`MJ::CustomZoom::1::${hash}`, 'Custom Zoom', '🔍'),
    ...Object.entries(PAN_EMOJI).map(([side, emoji]) => button(`MJ::JOB::pan_${side}::1::${hash}::SOLO`, '', emoji)),
  ];
}

/** The image of a finished task (from its URL's `seed` and `grid`): a 2×2 grid for grid actions, one picture otherwise. */
export function midjourneyImage(query: URLSearchParams): Buffer | undefined {
  const seed = query.get('seed');
  if (seed === null) return undefined;
  return query.get('grid') === '1' ? gridPng(seed) : gradientPng(seed, 512);
}

/** `SubmitResultVO` of image-seed: a stable number per task. */
export function midjourneySeed(task: SimTask): JsonObject {
  const seed = Number.parseInt(jobHash(task.id).slice(0, 8), 16) % 4_294_967_295;
  return { code: 1, description: 'Success', result: String(seed) };
}
