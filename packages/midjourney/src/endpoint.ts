import type { MediaRequest } from '@interlingua/core';

/** The submit endpoints whose bodies the request codec reads and writes. */
export type MidjourneyEndpoint =
  | 'imagine'
  | 'action'
  | 'modal'
  | 'describe'
  | 'blend'
  | 'shorten'
  | 'change'
  | 'edits'
  | 'swap-face';

/** Path of each endpoint (new-api and the proxies also accept a `/mj-fast`, `/mj-relax` or `/mj-turbo` prefix). */
export const SUBMIT_PATHS: Readonly<Record<MidjourneyEndpoint, string>> = {
  imagine: '/mj/submit/imagine',
  action: '/mj/submit/action',
  modal: '/mj/submit/modal',
  describe: '/mj/submit/describe',
  blend: '/mj/submit/blend',
  shorten: '/mj/submit/shorten',
  change: '/mj/submit/change',
  edits: '/mj/submit/edits',
  'swap-face': '/mj/insight-face/swap',
};

/** The endpoint of a request path (mode prefix and query ignored); `undefined` for other paths. */
export function endpointOfPath(path: string): MidjourneyEndpoint | undefined {
  const bare = (path.split('?')[0] ?? '').replace(/^\/mj-(?:fast|relax|turbo)(?=\/mj\/)/, '').replace(/\/+$/, '');
  return (Object.keys(SUBMIT_PATHS) as MidjourneyEndpoint[]).find((key) => SUBMIT_PATHS[key] === bare);
}

/** Guesses the endpoint of a body by its fields (imagine and shorten look alike: pass the endpoint when you know it). */
export function inferEndpoint(body: unknown): MidjourneyEndpoint {
  if (typeof body !== 'object' || body === null) return 'imagine';
  const has = (key: string): boolean => Object.hasOwn(body, key);
  if (has('customId')) return 'action';
  if (has('maskBase64')) return 'modal';
  if (has('sourceBase64') || has('targetBase64') || has('sourceUrl') || has('targetUrl')) return 'swap-face';
  if (has('taskId') && has('action')) return 'change';
  if (has('prompt') && has('image')) return 'edits';
  if (has('prompt')) return 'imagine';
  if (has('base64Array')) return 'blend';
  if (has('base64') || has('link')) return 'describe';
  return 'imagine';
}

/** The endpoint a core request is submitted to. */
export function endpointFor(request: MediaRequest): MidjourneyEndpoint {
  switch (request.action) {
    case 'modal':
      return 'modal';
    case 'describe':
      return 'describe';
    case 'blend':
      return 'blend';
    case 'shorten':
      return 'shorten';
    case 'face-swap':
      return 'swap-face';
    case 'edit':
      return request.actionId === undefined ? 'edits' : 'action';
    default:
      if (request.actionId !== undefined) return 'action';
      if (
        request.parentTaskId !== undefined &&
        (request.action === 'upscale' || request.action === 'variation' || request.action === 'reroll')
      ) {
        return 'change';
      }
      return 'imagine';
  }
}
