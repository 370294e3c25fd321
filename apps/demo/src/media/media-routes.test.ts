import { describe, expect, it } from 'vitest';
import { matchMedia } from './media-routes.ts';

describe('matchMedia', () => {
  it('maps Midjourney paths, with or without a mode prefix', () => {
    expect(matchMedia('POST', '/mj/submit/imagine')).toEqual({
      format: 'midjourney',
      kind: 'submit',
      endpoint: 'imagine',
    });
    expect(matchMedia('POST', '/mj-turbo/mj/insight-face/swap')).toMatchObject({ endpoint: 'swap-face' });
    expect(matchMedia('GET', '/mj-relax/mj/task/42/fetch')).toEqual({ format: 'midjourney', kind: 'fetch', id: '42' });
    expect(matchMedia('GET', '/mj/task/42/image-seed')).toMatchObject({ kind: 'image-seed', id: '42' });
    expect(matchMedia('POST', '/mj/task/list-by-condition')).toMatchObject({ kind: 'list-by-condition' });
    expect(matchMedia('GET', '/mj/image/42')).toMatchObject({ kind: 'image', id: '42' });
    expect(matchMedia('POST', '/mj/submit/upload-discord-images')).toBeUndefined();
    expect(matchMedia('GET', '/mj/submit/imagine')).toBeUndefined();
  });

  it('maps the OpenAI Videos paths by method', () => {
    expect(matchMedia('POST', '/v1/videos')).toEqual({ format: 'sora', kind: 'create' });
    expect(matchMedia('GET', '/v1/videos/')).toEqual({ format: 'sora', kind: 'list' });
    expect(matchMedia('GET', '/v1/videos/video_1')).toEqual({ format: 'sora', kind: 'get', id: 'video_1' });
    expect(matchMedia('DELETE', '/v1/videos/video_1')).toMatchObject({ kind: 'delete' });
    expect(matchMedia('GET', '/v1/videos/video_1/content')).toMatchObject({ kind: 'content' });
    expect(matchMedia('POST', '/v1/videos/video_1/remix')).toMatchObject({ kind: 'remix' });
    expect(matchMedia('POST', '/v1/videos/video_1')).toBeUndefined();
    expect(matchMedia('POST', '/v1/chat/completions')).toBeUndefined();
  });
});
