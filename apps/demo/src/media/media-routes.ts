import { endpointOfPath, type MidjourneyEndpoint } from '@interlingua/midjourney';

/** A Midjourney-proxy or OpenAI Videos call (see `/work/shared/specs/routes.md`). */
export type MediaRoute =
  | { format: 'midjourney'; kind: 'submit'; endpoint: MidjourneyEndpoint }
  | { format: 'midjourney'; kind: 'fetch' | 'image-seed' | 'image'; id: string }
  | { format: 'midjourney'; kind: 'list-by-condition' }
  | { format: 'sora'; kind: 'create' | 'list' }
  | { format: 'sora'; kind: 'get' | 'content' | 'remix' | 'delete'; id: string };

/** The submit endpoints served (the adapter also knows `change` and `edits`, which new-api relays too). */
const SERVED: ReadonlySet<MidjourneyEndpoint> = new Set([
  'imagine',
  'action',
  'describe',
  'blend',
  'modal',
  'shorten',
  'swap-face',
  'change',
  'edits',
]);

const MJ_TASK = /^\/mj\/task\/([^/]+)\/(fetch|image-seed)$/;
const MJ_IMAGE = /^\/mj\/image\/([^/]+)$/;
const VIDEO = /^\/v1\/videos\/([^/]+)(\/content|\/remix)?$/;

/** Maps a method and path onto a media route; `undefined` for anything else. */
export function matchMedia(method: string, pathname: string): MediaRoute | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // new-api routes `/mj-fast/mj/…` (and relax, turbo) exactly like `/mj/…`.
  const path = trimmed.replace(/^\/mj-(?:fast|relax|turbo)(?=\/mj\/)/, '');
  if (path.startsWith('/mj/')) return matchMidjourney(method, path);
  if (path === '/v1/videos') {
    if (method === 'POST') return { format: 'sora', kind: 'create' };
    if (method === 'GET') return { format: 'sora', kind: 'list' };
    return undefined;
  }
  const video = VIDEO.exec(path);
  if (!video) return undefined;
  const id = decodeURIComponent(video[1] as string);
  if (video[2] === '/content') return method === 'GET' ? { format: 'sora', kind: 'content', id } : undefined;
  if (video[2] === '/remix') return method === 'POST' ? { format: 'sora', kind: 'remix', id } : undefined;
  if (method === 'GET') return { format: 'sora', kind: 'get', id };
  if (method === 'DELETE') return { format: 'sora', kind: 'delete', id };
  return undefined;
}

function matchMidjourney(method: string, path: string): MediaRoute | undefined {
  if (method === 'POST') {
    if (path === '/mj/task/list-by-condition') return { format: 'midjourney', kind: 'list-by-condition' };
    const endpoint = endpointOfPath(path);
    return endpoint && SERVED.has(endpoint) ? { format: 'midjourney', kind: 'submit', endpoint } : undefined;
  }
  if (method !== 'GET') return undefined;
  const task = MJ_TASK.exec(path);
  if (task) {
    const kind = task[2] === 'fetch' ? 'fetch' : 'image-seed';
    return { format: 'midjourney', kind, id: decodeURIComponent(task[1] as string) };
  }
  const image = MJ_IMAGE.exec(path);
  if (image) return { format: 'midjourney', kind: 'image', id: decodeURIComponent(image[1] as string) };
  return undefined;
}
