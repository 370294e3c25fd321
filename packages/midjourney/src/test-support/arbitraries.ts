import type { JsonObject, MediaRequest, MediaTask, MediaTaskAction } from '@interlingua/core';
import fc from 'fast-check';
import { parseCustomId } from '../custom-id.ts';

/** A word without whitespace that never reads as a flag. */
export const word = fc.stringMatching(/^[a-z0-9猫,.:/]{1,8}$/);
/** Single-spaced words. */
export const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
/** A prompt with flags, odd spacing and unicode, or any string at all. */
export const wirePrompt = fc.oneof(
  fc.string(),
  fc
    .tuple(
      words,
      fc.array(
        fc.constantFrom(
          '--ar 16:9',
          '--v 6.1',
          '--no trees, cars',
          '--tile',
          '--s 250',
          '--seed 12',
          '--q .5',
          '--foo bar',
          '--niji',
          '--stylize  100',
          '--NO x',
        ),
        { maxLength: 4 },
      ),
      fc.constantFrom(' ', '  ', '\t'),
    )
    .map(([text, flags, sep]) => [text, ...flags].join(sep)),
);

const hash = fc.stringMatching(/^[a-f0-9-]{4,12}$/);
/** A known button customId. */
export const customId = fc.oneof(
  fc
    .tuple(fc.constantFrom('upsample', 'variation'), fc.integer({ min: 1, max: 4 }), hash)
    .map(([v, i, h]) => `MJ::JOB::${v}::${i}::${h}`),
  hash.map((h) => `MJ::JOB::reroll::0::${h}::SOLO`),
  fc
    .tuple(
      fc.constantFrom('low_variation', 'high_variation', 'pan_left', 'pan_up', 'upsample_v6_2x_subtle', 'animate_low'),
      hash,
    )
    .map(([v, h]) => `MJ::JOB::${v}::1::${h}::SOLO`),
  hash.map((h) => `MJ::Inpaint::1::${h}::SOLO`),
  fc.tuple(fc.constantFrom(50, 75), hash).map(([z, h]) => `MJ::Outpaint::${z}::1::${h}::SOLO`),
  hash.map((h) => `MJ::CustomZoom::1::${h}`),
);

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(arb, fc.constant(null));
const ms = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4_000_000_000_000 }));
const url = fc.webUrl();

/** Any valid task object (loose: unknown fields included). */
export const wireTask = fc.record(
  {
    id: fc.stringMatching(/^\d{1,17}$/),
    action: fc.constantFrom(
      'IMAGINE',
      'UPSCALE',
      'VARIATION',
      'HIGH_VARIATION',
      'DESCRIBE',
      'SHORTEN',
      'BLEND',
      'CUSTOM_ZOOM',
      'INPAINT',
      'MODAL',
      'VIDEO',
      'SWAP_FACE',
      'RETEXTURE',
      'UPLOAD',
    ),
    status: fc.constantFrom('', 'NOT_START', 'SUBMITTED', 'MODAL', 'IN_PROGRESS', 'FAILURE', 'SUCCESS', 'CANCEL'),
    progress: opt(
      fc.oneof(
        fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
        fc.constantFrom('', '045%', '12.5%', 'n/a'),
      ),
    ),
    prompt: opt(wirePrompt),
    promptEn: fc.string(),
    description: fc.string(),
    state: opt(fc.string()),
    botType: opt(fc.constantFrom('MID_JOURNEY', 'NIJI_JOURNEY', 'INSIGHT_FACE', '')),
    parentId: opt(fc.string()),
    submitTime: opt(ms),
    startTime: opt(ms),
    finishTime: opt(ms),
    imageUrl: opt(fc.oneof(url, fc.constant(''))),
    imageUrls: opt(fc.array(fc.record({ url, thumbnail: url }, { requiredKeys: ['url'] }), { maxLength: 4 })),
    videoUrl: opt(url),
    videoUrls: opt(fc.array(fc.record({ url }), { maxLength: 2 })),
    failReason: opt(fc.string()),
    buttons: opt(
      fc.array(
        fc.record(
          {
            customId: fc.oneof(customId, fc.string()),
            emoji: fc.string(),
            label: fc.string(),
            type: fc.constant(2),
            style: fc.integer({ min: 1, max: 4 }),
          },
          { requiredKeys: ['customId'] },
        ),
        { maxLength: 5 },
      ),
    ),
    properties: opt(
      fc.dictionary(
        fc.constantFrom('finalPrompt', 'finalZhPrompt', 'flags', 'messageHash'),
        fc.oneof(fc.string(), fc.integer()),
      ),
    ),
  },
  { requiredKeys: ['id', 'action', 'status'] },
);

/** Any valid submit result. */
export const wireSubmission = fc.record(
  {
    code: fc.constantFrom(1, 3, 4, 9, 21, 22, 23, 24),
    description: opt(fc.string()),
    result: opt(fc.oneof(fc.string(), fc.array(url, { maxLength: 2 }))),
    properties: opt(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer()))),
  },
  { requiredKeys: ['code'] },
);

const dataUrl = fc.base64String({ minLength: 4, maxLength: 24 }).map((data) => `data:image/png;base64,${data}`);
const image = fc.oneof(dataUrl, fc.base64String({ minLength: 4, maxLength: 12 }), url);
const base = { state: fc.string(), notifyHook: url, botType: fc.constantFrom('MID_JOURNEY', 'NIJI_JOURNEY', 'OTHER') };

/** Valid bodies per endpoint. */
export const wireRequests = {
  imagine: fc.record(
    {
      ...base,
      prompt: wirePrompt,
      base64Array: fc.array(image, { maxLength: 3 }),
      accountFilter: fc.record({ modes: fc.constant(['FAST']) }),
    },
    { requiredKeys: ['prompt'] },
  ),
  action: fc.record(
    { ...base, taskId: fc.string(), customId, chooseSameChannel: fc.boolean() },
    { requiredKeys: ['taskId', 'customId'] },
  ),
  modal: fc.record(
    { ...base, taskId: fc.string(), prompt: wirePrompt, maskBase64: dataUrl },
    { requiredKeys: ['taskId'] },
  ),
  describe: fc.record({ ...base, base64: dataUrl, link: url }, { requiredKeys: ['base64'] }),
  blend: fc.record(
    {
      ...base,
      base64Array: fc.array(image, { minLength: 2, maxLength: 5 }),
      dimensions: fc.constantFrom('PORTRAIT', 'SQUARE', 'LANDSCAPE', 'WIDE'),
    },
    { requiredKeys: ['base64Array'] },
  ),
  shorten: fc.record({ ...base, prompt: wirePrompt }, { requiredKeys: ['prompt'] }),
  change: fc.record(
    {
      ...base,
      taskId: fc.string(),
      action: fc.constantFrom('UPSCALE', 'VARIATION', 'REROLL'),
      index: fc.integer({ min: 1, max: 4 }),
    },
    { requiredKeys: ['taskId', 'action'] },
  ),
  edits: fc.record({ ...base, prompt: wirePrompt, image }, { requiredKeys: ['prompt', 'image'] }),
  'swap-face': fc.record(
    { ...base, sourceBase64: dataUrl, targetBase64: dataUrl, targetUrl: url },
    { requiredKeys: ['sourceBase64', 'targetBase64'] },
  ),
} as const;

/** Parameters Midjourney writes as flags and parses back to the same values. */
export const coreParameters: fc.Arbitrary<JsonObject> = fc.record(
  {
    aspectRatio: fc
      .tuple(fc.integer({ min: 1, max: 21 }), fc.integer({ min: 1, max: 21 }))
      .map(([w, h]) => `${w}:${h}`),
    version: fc.constantFrom('6', '6.1', '7'),
    seed: fc.nat(),
    stylize: fc.nat({ max: 1000 }),
    chaos: fc.nat({ max: 100 }),
    tile: fc.constant(true),
    style: fc.constant('raw'),
    '--foo': word,
  },
  { requiredKeys: [] },
);

const seconds = fc.integer({ min: 1, max: 4_000_000_000_000 }).map((n) => n / 1000);
const textOrNot = fc.option(words, { nil: undefined });

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const taskAction: fc.Arbitrary<MediaTaskAction> = fc
  .record({
    id: customId,
    label: fc.option(fc.string(), { nil: undefined }),
    emoji: fc.option(fc.string(), { nil: undefined }),
  })
  .map(({ id, label, emoji }) => {
    const parsed = parseCustomId(id);
    return defined({ actionId: id, action: parsed?.action, label, emoji, index: parsed?.index });
  });

/** Canonical tasks inside Midjourney's capabilities (no expiry, no error code, flag-able parameters). */
export const coreTask: fc.Arbitrary<MediaTask> = fc
  .record({
    id: fc.stringMatching(/^\d{1,17}$/),
    kindAction: fc.constantFrom(
      ['image', 'generate'],
      ['video', 'generate'],
      ['image', 'upscale'],
      ['image', 'variation'],
      ['text', 'describe'],
      ['text', 'shorten'],
      ['image', 'zoom'],
      ['image', 'face-swap'],
      ['image', 'modal'],
    ),
    status: fc.constantFrom('queued', 'in-progress', 'succeeded', 'failed', 'cancelled'),
    progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    prompt: textOrNot,
    parameters: fc.option(
      coreParameters.filter((p) => Object.keys(p).length > 0),
      { nil: undefined },
    ),
    model: fc.option(fc.constantFrom('midjourney', 'niji'), { nil: undefined }),
    createdAt: fc.option(seconds, { nil: undefined }),
    startedAt: fc.option(seconds, { nil: undefined }),
    finishedAt: fc.option(seconds, { nil: undefined }),
    image: fc.option(url, { nil: undefined }),
    text: textOrNot,
    actions: fc.option(fc.array(taskAction, { maxLength: 4 }), { nil: undefined }),
    error: fc.option(
      words.map((message) => ({ message })),
      { nil: undefined },
    ),
    parentTaskId: textOrNot,
    state: textOrNot,
  })
  .map((r) => {
    const [kind, action] = r.kindAction as [MediaTask['kind'], string];
    return defined<MediaTask>({
      id: r.id,
      kind,
      action,
      status: r.status as MediaTask['status'],
      progress: r.progress,
      prompt: r.prompt ?? (r.parameters ? '' : undefined),
      parameters: r.parameters,
      model: r.model,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      results: r.image === undefined ? undefined : [{ url: r.image, variant: 'image' }],
      text: kind === 'text' ? r.text : undefined,
      actions: r.actions,
      error: r.error,
      parentTaskId: r.parentTaskId,
      state: r.state,
    });
  });

const base64Source = fc
  .base64String({ minLength: 4, maxLength: 16 })
  .map((data) => ({ type: 'base64' as const, mediaType: 'image/png', data }));
const common = {
  model: fc.option(fc.constantFrom('midjourney', 'niji'), { nil: undefined }),
  callbackUrl: fc.option(url, { nil: undefined }),
  state: textOrNot,
};

/** Canonical requests inside Midjourney's capabilities, one generator per endpoint. */
export const coreRequest: fc.Arbitrary<MediaRequest> = fc.oneof(
  fc
    .record({
      ...common,
      prompt: words,
      negativePrompt: textOrNot,
      parameters: fc.option(
        coreParameters.filter((p) => Object.keys(p).length > 0),
        { nil: undefined },
      ),
      refs: fc.array(base64Source, { maxLength: 2 }),
    })
    .map(({ refs, ...r }) =>
      defined<MediaRequest>({
        kind: 'image',
        action: 'generate',
        ...r,
        references: refs.length > 0 ? refs.map((source) => ({ source, role: 'input' })) : undefined,
      }),
    ),
  fc.record({ ...common, id: customId, parent: fc.string() }).map(({ id, parent, ...r }) => {
    const parsed = parseCustomId(id);
    return defined<MediaRequest>({
      kind: parsed?.action === 'animate' ? 'video' : 'image',
      action: parsed?.action ?? '',
      actionId: id,
      parentTaskId: parent,
      index: parsed?.index,
      ...r,
    });
  }),
  fc
    .record({ ...common, parent: fc.string(), prompt: textOrNot, mask: fc.option(base64Source, { nil: undefined }) })
    .map(({ parent, ...r }) => defined<MediaRequest>({ kind: 'image', action: 'modal', parentTaskId: parent, ...r })),
  fc
    .record({
      ...common,
      src: fc.oneof(
        base64Source,
        url.map((u) => ({ type: 'url' as const, url: u })),
      ),
    })
    .map(({ src, ...r }) =>
      defined<MediaRequest>({ kind: 'text', action: 'describe', references: [{ source: src, role: 'input' }], ...r }),
    ),
  fc
    .record({
      ...common,
      refs: fc.array(base64Source, { minLength: 2, maxLength: 5 }),
      ratio: fc.option(fc.constantFrom('2:3', '1:1', '3:2'), { nil: undefined }),
    })
    .map(({ refs, ratio, ...r }) =>
      defined<MediaRequest>({
        kind: 'image',
        action: 'blend',
        references: refs.map((source) => ({ source, role: 'input' })),
        parameters: ratio ? { aspectRatio: ratio } : undefined,
        ...r,
      }),
    ),
  fc.record({ ...common, prompt: words }).map((r) => defined<MediaRequest>({ kind: 'text', action: 'shorten', ...r })),
  fc
    .record({
      ...common,
      prompt: words,
      image: fc.oneof(
        base64Source,
        url.map((u) => ({ type: 'url' as const, url: u })),
      ),
    })
    .map(({ image: source, ...r }) =>
      defined<MediaRequest>({ kind: 'image', action: 'edit', references: [{ source, role: 'input' }], ...r }),
    ),
  fc
    .record({
      ...common,
      parent: fc.string(),
      action: fc.constantFrom('upscale', 'variation', 'reroll'),
      index: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    })
    .map(({ parent, ...r }) => defined<MediaRequest>({ kind: 'image', parentTaskId: parent, ...r })),
  fc
    .record({
      ...common,
      face: base64Source,
      target: fc.oneof(
        base64Source,
        url.map((u) => ({ type: 'url' as const, url: u })),
      ),
    })
    .map(({ face, target, ...r }) =>
      defined<MediaRequest>({
        kind: 'image',
        action: 'face-swap',
        references: [
          { source: face, role: 'face' },
          { source: target, role: 'target' },
        ],
        ...r,
      }),
    ),
);
