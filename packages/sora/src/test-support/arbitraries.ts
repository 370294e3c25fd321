import type { JsonObject, MediaRequest, MediaTask } from '@interlingua/core';
import fc from 'fast-check';
import { bytesToBase64 } from '../base64.ts';

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(arb, fc.constant(null));
const unix = fc.integer({ min: 0, max: 4_000_000_000 });
const time = fc.oneof(unix, fc.integer({ min: 100_000_000_001, max: 4_000_000_000_000 }));
const id = fc.stringMatching(/^video_[a-f0-9]{6,20}$/);

/** Any valid video object (OpenAI's, or new-api's relay with omissions, `unknown` status, `task_id`, `metadata`). */
export const wireVideo = fc.record(
  {
    id,
    object: fc.constant('video'),
    status: fc.constantFrom('queued', 'in_progress', 'completed', 'failed', 'cancelled', 'unknown'),
    progress: opt(fc.integer({ min: 0, max: 100 })),
    model: opt(fc.constantFrom('sora-2', 'sora-2-pro', 'kling-v1')),
    created_at: opt(time),
    completed_at: opt(time),
    expires_at: opt(time),
    prompt: opt(fc.string()),
    seconds: opt(fc.constantFrom('4', '8', '12', '04', '4.5', 'x')),
    size: opt(fc.constantFrom('720x1280', '1280x720', '1024x1792')),
    quality: opt(fc.constantFrom('standard', 'high')),
    remixed_from_video_id: opt(id),
    error: opt(
      fc.record(
        { code: opt(fc.constantFrom('moderation_blocked', 'internal_error')), message: fc.string() },
        { requiredKeys: ['message'] },
      ),
    ),
    metadata: opt(fc.record({ url: fc.webUrl(), vendor: fc.string() }, { requiredKeys: [] })),
    task_id: fc.string(),
  },
  { requiredKeys: ['id', 'object', 'status'] },
);

const dataUrl = fc.base64String({ minLength: 4, maxLength: 24 }).map((data) => `data:image/png;base64,${data}`);

/** Any valid create body. */
export const wireCreate = fc.record(
  {
    prompt: fc.string(),
    model: fc.constantFrom('sora-2', 'sora-2-pro'),
    seconds: fc.constantFrom('4', '8', '12', '16'),
    size: fc.constantFrom('720x1280', '1280x720'),
    input_reference: fc.oneof(
      fc.record({ image_url: fc.oneof(fc.webUrl(), dataUrl) }),
      fc.record({ file_id: fc.string() }),
    ),
    metadata: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string()),
  },
  { requiredKeys: ['prompt'] },
);

const words = fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Canonical tasks inside a video object's capabilities (whole seconds, video results only, no state or buttons). */
export const coreVideo: fc.Arbitrary<MediaTask> = fc
  .record({
    id,
    status: fc.constantFrom('queued', 'in-progress', 'succeeded', 'failed', 'cancelled'),
    progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    prompt: fc.option(fc.string(), { nil: undefined }),
    model: fc.option(fc.constantFrom('sora-2', 'sora-2-pro'), { nil: undefined }),
    seconds: fc.option(fc.constantFrom(4, 8, 12), { nil: undefined }),
    size: fc.option(fc.constantFrom('720x1280', '1280x720'), { nil: undefined }),
    createdAt: fc.option(unix, { nil: undefined }),
    finishedAt: fc.option(unix, { nil: undefined }),
    expiresAt: fc.option(unix, { nil: undefined }),
    parent: fc.option(id, { nil: undefined }),
    url: fc.option(fc.webUrl(), { nil: undefined }),
    error: fc.option(
      fc.record({ message: words, code: fc.option(fc.constantFrom('moderation_blocked'), { nil: undefined }) }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const parameters = defined({ seconds: r.seconds, size: r.size }) as JsonObject;
    return defined<MediaTask>({
      id: r.id,
      kind: 'video',
      action: r.parent === undefined ? 'generate' : 'remix',
      status: r.status as MediaTask['status'],
      progress: r.progress,
      prompt: r.prompt,
      model: r.model,
      parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      expiresAt: r.expiresAt,
      parentTaskId: r.parent,
      results: r.url === undefined ? undefined : [{ url: r.url, variant: 'video' }],
      error: r.error === undefined ? undefined : defined(r.error),
    });
  });

const source = fc.oneof(
  fc.webUrl().map((url) => ({ type: 'url' as const, url })),
  // Canonical base64 (from bytes): multipart carries bytes, so non-canonical padding bits cannot survive.
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .map((bytes) => ({ type: 'base64' as const, mediaType: 'image/jpeg', data: bytesToBase64(bytes) })),
  fc.string().map((fileId) => ({ type: 'file' as const, fileId })),
);

/** Canonical requests inside Sora's capabilities. */
export const coreRequest: fc.Arbitrary<MediaRequest> = fc.oneof(
  fc
    .record({
      prompt: fc.string(),
      model: fc.option(fc.constantFrom('sora-2', 'sora-2-pro'), { nil: undefined }),
      seconds: fc.option(fc.constantFrom(4, 8, 12), { nil: undefined }),
      size: fc.option(fc.constantFrom('720x1280', '1280x720'), { nil: undefined }),
      source: fc.option(source, { nil: undefined }),
    })
    .map((r) => {
      const parameters = defined({ seconds: r.seconds, size: r.size }) as JsonObject;
      return defined<MediaRequest>({
        kind: 'video',
        action: 'generate',
        prompt: r.prompt,
        model: r.model,
        parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        references: r.source === undefined ? undefined : [{ source: r.source, role: 'first-frame' }],
      });
    }),
  fc
    .record({ prompt: fc.string(), parent: id })
    .map((r) => ({ kind: 'video' as const, action: 'remix', prompt: r.prompt, parentTaskId: r.parent })),
);
