import type { RequestContext } from '../gateway/context.ts';
import { toApiError } from '../gateway/gateway-error.ts';
import type { MediaRoute } from './media-routes.ts';
import {
  fetchMidjourney,
  imageMidjourney,
  imageSeedMidjourney,
  listMidjourney,
  submitMidjourney,
} from './midjourney-handlers.ts';
import { type MediaService, ownerOf, sendMediaError } from './service.ts';
import { createVideo, deleteVideo, getVideo, listVideos, videoContent } from './sora-handlers.ts';

/**
 * Serves one Midjourney-proxy or OpenAI Videos call. Errors are answered in the route's own
 * envelope: `{description, type, code}` for Midjourney, `{error: {…}}` for videos.
 */
export async function handleMedia(service: MediaService, ctx: RequestContext, route: MediaRoute): Promise<void> {
  ctx.log.inbound = route.format;
  try {
    // The image proxy needs no key, like new-api's: result URLs must open in a browser.
    if (route.format === 'midjourney' && route.kind === 'image') return await imageMidjourney(service, ctx, route.id);
    const owner = ownerOf(service.config.keys, ctx);
    if (route.format === 'midjourney') {
      switch (route.kind) {
        case 'submit':
          return await submitMidjourney(service, ctx, route.endpoint, owner);
        case 'fetch':
          return fetchMidjourney(service, ctx, route.id, owner);
        case 'list-by-condition':
          return await listMidjourney(service, ctx, owner);
        case 'image-seed':
          return await imageSeedMidjourney(service, ctx, route.id, owner);
      }
      return;
    }
    switch (route.kind) {
      case 'create':
        return await createVideo(service, ctx, owner);
      case 'list':
        return listVideos(service, ctx, owner);
      case 'get':
        return getVideo(service, ctx, route.id, owner);
      case 'content':
        return await videoContent(service, ctx, route.id, owner);
      case 'remix':
        return await createVideo(service, ctx, owner, route.id);
      case 'delete':
        return await deleteVideo(service, ctx, route.id, owner);
    }
  } catch (error) {
    if (ctx.signal.aborted) return;
    const apiError = toApiError(error);
    ctx.log.error ??= apiError.message;
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    if (apiError.kind === 'request_too_large') ctx.res.setHeader('connection', 'close');
    sendMediaError(ctx, route.format, apiError);
  }
}
