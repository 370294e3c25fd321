import { describe, expect, it } from 'vitest';
import { endpointOfPath, inferEndpoint } from './endpoint.ts';
import { decodeRequest, encodeRequest } from './request.ts';

describe('decodeRequest', () => {
  it('reads imagine: flags, --no, reference images, bot, hook and state', () => {
    const wire = {
      prompt: 'a cat --ar 16:9 --niji 6 --no dogs',
      base64Array: ['data:image/png;base64,AAAA'],
      botType: 'NIJI_JOURNEY',
      notifyHook: 'https://hook.example/cb',
      state: 's1',
      accountFilter: { modes: ['FAST'] },
    };
    const { value } = decodeRequest(wire, { endpoint: 'imagine' });
    expect(value).toEqual({
      kind: 'image',
      action: 'generate',
      prompt: 'a cat',
      negativePrompt: 'dogs',
      parameters: { aspectRatio: '16:9', niji: '6' },
      references: [{ source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' }, role: 'input' }],
      model: 'niji',
      callbackUrl: 'https://hook.example/cb',
      state: 's1',
      extensions: { midjourney: { accountFilter: { modes: ['FAST'] } } },
    });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('keeps the original prompt text byte-exact', () => {
    const wire = { prompt: 'a  cat --stylize   100 --AR 1:1' };
    const { value } = decodeRequest(wire);
    expect(value.parameters).toEqual({ stylize: 100, aspectRatio: '1:1' });
    expect(encodeRequest(value).value).toEqual(wire);
    // Edited in the core: the flags are written afresh from the parameters.
    expect(encodeRequest({ ...value, prompt: 'a dog' }).value).toEqual({ prompt: 'a dog --s 100 --ar 1:1' });
  });

  it('reads action buttons into action + index and writes the customId back unchanged', () => {
    const wire = { taskId: '123', customId: 'MJ::JOB::upsample::2::abc', chooseSameChannel: true };
    const { value } = decodeRequest(wire);
    expect(value).toMatchObject({
      kind: 'image',
      action: 'upscale',
      index: 2,
      parentTaskId: '123',
      actionId: 'MJ::JOB::upsample::2::abc',
    });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('reads modal, describe, blend, shorten, change and face swap', () => {
    expect(decodeRequest({ taskId: 'm1', maskBase64: 'data:image/png;base64,QQ==', prompt: 'hat' }).value).toEqual({
      kind: 'image',
      action: 'modal',
      parentTaskId: 'm1',
      prompt: 'hat',
      mask: { type: 'base64', mediaType: 'image/png', data: 'QQ==' },
    });
    expect(decodeRequest({ link: 'https://x/y.png' }).value).toEqual({
      kind: 'text',
      action: 'describe',
      references: [{ source: { type: 'url', url: 'https://x/y.png' }, role: 'input' }],
    });
    expect(
      decodeRequest({ base64Array: ['data:image/png;base64,AA', 'data:image/png;base64,BB'], dimensions: 'PORTRAIT' })
        .value,
    ).toMatchObject({
      action: 'blend',
      parameters: { aspectRatio: '2:3' },
    });
    expect(decodeRequest({ prompt: 'long prompt' }, { endpoint: 'shorten' }).value).toEqual({
      kind: 'text',
      action: 'shorten',
      prompt: 'long prompt',
    });
    expect(decodeRequest({ prompt: 'add a hat', image: 'https://x/cat.png' }).value).toEqual({
      kind: 'image',
      action: 'edit',
      prompt: 'add a hat',
      references: [{ source: { type: 'url', url: 'https://x/cat.png' }, role: 'input' }],
    });
    expect(decodeRequest({ taskId: 't', action: 'VARIATION', index: 3 }).value).toEqual({
      kind: 'image',
      action: 'variation',
      parentTaskId: 't',
      index: 3,
    });
    expect(decodeRequest({ sourceBase64: 'data:image/png;base64,AA', targetUrl: 'https://t/x.png' }).value).toEqual({
      kind: 'image',
      action: 'face-swap',
      references: [
        { source: { type: 'base64', mediaType: 'image/png', data: 'AA' }, role: 'face' },
        { source: { type: 'url', url: 'https://t/x.png' }, role: 'target' },
      ],
    });
  });

  it('knows the endpoint of a path, with or without a mode prefix', () => {
    expect(endpointOfPath('/mj-fast/mj/submit/imagine')).toBe('imagine');
    expect(endpointOfPath('/mj/insight-face/swap')).toBe('swap-face');
    expect(endpointOfPath('/mj/task/1/fetch')).toBeUndefined();
    expect(inferEndpoint({ base64: 'x' })).toBe('describe');
  });
});

describe('encodeRequest from other formats', () => {
  it('builds flags from parameters and reports what Midjourney cannot carry', () => {
    const { value, losses } = encodeRequest({
      kind: 'video',
      action: 'generate',
      prompt: 'aurora',
      model: 'sora-2',
      parameters: { size: '1280x720', seconds: 8, seed: 7 },
      references: [{ source: { type: 'url', url: 'https://x/first.png' }, role: 'first-frame' }],
    });
    expect(value).toEqual({ prompt: 'aurora --ar 16:9 --seed 7' });
    expect(losses.map((loss) => loss.feature).sort()).toEqual([
      'kind',
      'model',
      'parameters.seconds',
      'parameters.size',
      'references',
    ]);
  });

  it('uses the legacy change endpoint for an upscale without a button id', () => {
    expect(encodeRequest({ kind: 'image', action: 'upscale', parentTaskId: 't', index: 2 }).value).toEqual({
      taskId: 't',
      action: 'UPSCALE',
      index: 2,
    });
  });

  it('throws in strict mode', () => {
    expect(() =>
      encodeRequest({ kind: 'image', action: 'generate', prompt: 'x', model: 'gpt-image-1' }, { strict: true }),
    ).toThrow(/model/);
  });
});
