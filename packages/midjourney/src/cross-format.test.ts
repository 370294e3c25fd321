import type { Loss, MediaTask } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Test-only: the sora adapter from its sources (no package dependency between adapters).
import { sora, endpointFor as soraEndpointFor } from '../../sora/src/index.ts';
import { coreVideo, coreRequest as soraRequest } from '../../sora/src/test-support/arbitraries.ts';
import { endpointFor } from './endpoint.ts';
import { midjourney } from './index.ts';
import { coreTask, coreRequest as midjourneyRequest } from './test-support/arbitraries.ts';
import { expectLossesCover } from './test-support/loss-coverage.ts';

const features = (losses: Loss[]): string[] => [...new Set(losses.map((loss) => loss.feature ?? '?'))].sort();

/** What carries between the two formats: status, progress, times (to the second), error message. */
function carried(task: MediaTask) {
  return {
    status: task.status,
    progress: task.progress,
    createdAt: task.createdAt === undefined ? undefined : Math.floor(task.createdAt),
    finishedAt: task.finishedAt === undefined ? undefined : Math.floor(task.finishedAt),
    error: task.error?.message,
  };
}

const mjTask = {
  id: '1730621718151844',
  action: 'IMAGINE',
  status: 'FAILURE',
  prompt: 'a cat --ar 16:9 --niji 6',
  promptEn: 'a cat --ar 16:9 --niji 6',
  description: '/imagine a cat',
  state: 'order-7',
  botType: 'NIJI_JOURNEY',
  submitTime: 1730621718151,
  startTime: 1730621720000,
  finishTime: 1730621790433,
  progress: '45%',
  imageUrl: 'https://cdn.example/grid.png',
  failReason: 'Banned prompt',
  buttons: [{ customId: 'MJ::JOB::upsample::1::abc', emoji: '', label: 'U1', type: 2, style: 2 }],
  properties: { finalPrompt: 'a cat' },
};

const soraVideo = {
  id: 'video_68f42e34d72c8198957733bdebbbd0bf',
  object: 'video',
  created_at: 1760833076,
  status: 'failed',
  completed_at: 1760833176,
  error: { code: 'moderation_blocked', message: 'Your request was blocked' },
  expires_at: 1760836776,
  model: 'sora-2',
  progress: 100,
  prompt: 'aurora over a lake',
  remixed_from_video_id: 'video_parent',
  seconds: '8',
  size: '1280x720',
};

describe('midjourney ↔ sora', () => {
  it('a Midjourney task through a Sora video object keeps status, progress, times and error', () => {
    const core = midjourney.task.decode(mjTask).value;
    const asSora = sora.task.encode(core);
    expect(asSora.value).toMatchObject({
      id: mjTask.id,
      object: 'video',
      status: 'failed',
      progress: 45,
      created_at: 1730621718,
      completed_at: 1730621790,
      error: { code: null, message: 'Banned prompt' },
      model: 'niji',
      prompt: 'a cat',
    });
    // Everything else is reported: the grid and buttons, the start time, the state, the image kind,
    // the prompt flags, the millisecond part of the timestamps, and the Midjourney-only fields kept
    // in extensions (promptEn, description, button styles…).
    expect(features(asSora.losses)).toEqual([
      'actions',
      'extensions',
      'kind',
      'parameters.aspectRatio',
      'parameters.niji',
      'results',
      'started-at',
      'state',
      'timestamp',
    ]);
    const back = sora.task.decode(asSora.value).value;
    expect(carried(back)).toEqual(carried(core));
    const asMidjourney = midjourney.task.encode(back);
    expect(asMidjourney.value).toMatchObject({
      id: mjTask.id,
      status: 'FAILURE',
      progress: '45%',
      failReason: 'Banned prompt',
      submitTime: 1730621718000,
    });
    expect(carried(midjourney.task.decode(asMidjourney.value).value)).toEqual(carried(core));
  });

  it('a Sora video object through a Midjourney task keeps status, progress, times and error', () => {
    const core = sora.task.decode(soraVideo).value;
    const asMidjourney = midjourney.task.encode(core);
    expect(asMidjourney.value).toMatchObject({
      id: soraVideo.id,
      status: 'FAILURE',
      progress: '100%',
      submitTime: 1760833076000,
      finishTime: 1760833176000,
      failReason: 'Your request was blocked',
      prompt: 'aurora over a lake --ar 16:9',
      parentId: 'video_parent',
    });
    expect(features(asMidjourney.losses)).toEqual([
      'error.code',
      'expires-at',
      'kind',
      'model',
      'parameters.seconds',
      'parameters.size',
    ]);
    const back = midjourney.task.decode(asMidjourney.value).value;
    expect(carried(back)).toEqual(carried(core));
    const asSora = sora.task.encode(back);
    expect(carried(sora.task.decode(asSora.value).value)).toEqual(carried(core));
  });

  it('video results carry both ways (new-api metadata.url)', () => {
    const video = {
      id: '9',
      action: 'VIDEO',
      status: 'SUCCESS',
      progress: '100%',
      videoUrl: 'https://cdn.example/v.mp4',
    };
    const asSora = sora.task.encode(midjourney.task.decode(video).value);
    expect(asSora.value).toMatchObject({
      object: 'video',
      status: 'completed',
      metadata: { url: 'https://cdn.example/v.mp4' },
    });
    expect(asSora.losses).toEqual([]);
    expect(midjourney.task.encode(sora.task.decode(asSora.value).value).value).toEqual(video);
  });

  it('submissions: an accepted Midjourney submit becomes a queued video, a rejected one a failed video', () => {
    const accepted = sora.submission.encode(
      midjourney.submission.decode({ code: 1, description: 'ok', result: '123' }).value,
    );
    expect(accepted.value).toEqual({ id: '123', object: 'video', status: 'queued' });
    expect(features(accepted.losses)).toEqual(['code', 'message']);
    const rejected = sora.submission.encode(midjourney.submission.decode({ code: 24, description: 'banned' }).value);
    expect(rejected.value).toMatchObject({ status: 'failed', error: { code: '24', message: 'banned' } });
    const back = midjourney.submission.encode(sora.submission.decode(rejected.value).value);
    expect(back.value).toEqual({ code: 24, description: 'banned', result: '' });
  });
});

describe('midjourney ↔ sora, any value: what does not survive is named by the loss report', () => {
  const runs = { numRuns: 100 };

  it('Midjourney tasks as video objects, and video objects as Midjourney tasks', () => {
    fc.assert(
      fc.property(coreTask, (task) => {
        const encoded = sora.task.encode(task);
        expectLossesCover(task, sora.task.decode(encoded.value).value, encoded.losses);
      }),
      runs,
    );
    fc.assert(
      fc.property(coreVideo, (task) => {
        const encoded = midjourney.task.encode(task);
        expectLossesCover(task, midjourney.task.decode(encoded.value).value, encoded.losses);
      }),
      runs,
    );
  });

  it('Midjourney requests as Sora bodies, and Sora requests as Midjourney bodies', () => {
    fc.assert(
      fc.property(midjourneyRequest, (request) => {
        const encoded = sora.request.encode(request);
        const options = {
          endpoint: soraEndpointFor(request),
          ...(request.parentTaskId === undefined ? {} : { videoId: request.parentTaskId }),
        };
        expectLossesCover(request, sora.request.decode(encoded.value, options).value, encoded.losses);
      }),
      runs,
    );
    fc.assert(
      fc.property(soraRequest, (request) => {
        const encoded = midjourney.request.encode(request);
        expectLossesCover(
          request,
          midjourney.request.decode(encoded.value, { endpoint: endpointFor(request) }).value,
          encoded.losses,
        );
      }),
      runs,
    );
  });
});
