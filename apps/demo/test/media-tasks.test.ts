import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/simulator/server.ts';
import { call, startGateway, startSimulator, tempDataDir, until } from './media-helpers.ts';

let simulator: Simulator;
let simulatorOrigin: string;
beforeAll(async () => {
  ({ simulator, origin: simulatorOrigin } = await startSimulator());
});
afterAll(async () => {
  await simulator.close();
});

async function imagine(origin: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const submit = await call(`${origin}/mj/submit/imagine`, { body, headers });
  return submit.json.result as string;
}

async function succeeded(origin: string, id: string, headers: Record<string, string> = {}) {
  return until(async () => {
    const { json } = await call(`${origin}/mj/task/${id}/fetch`, { headers });
    return json.status === 'SUCCESS' ? json : undefined;
  });
}

describe('the media task store', () => {
  it('keeps tasks across a restart of the gateway and its simulator on the same dataDir', async () => {
    const dataDir = await tempDataDir();
    const firstSimulator = await startSimulator();
    const first = await startGateway(firstSimulator.origin, dataDir);
    const id = await imagine(first.origin, { prompt: 'survive me' });
    const before = await succeeded(first.origin, id);
    const video = await call(`${first.origin}/v1/videos`, { body: { prompt: 'survive me too' } });
    const videoId = video.json.id as string;
    await until(async () => {
      const { json } = await call(`${first.origin}/v1/videos/${videoId}`);
      return json.status === 'completed' ? json : undefined;
    });
    await first.gateway.close(0);
    await firstSimulator.simulator.close();
    const secondSimulator = await startSimulator();
    const second = await startGateway(secondSimulator.origin, dataDir);
    try {
      const after = await call(`${second.origin}/mj/task/${id}/fetch`);
      expect(after.status).toBe(200);
      expect({ ...after.json, imageUrl: '' }).toEqual({ ...before, imageUrl: '' });
      expect(after.json.imageUrl).toBe(`${second.origin}/mj/image/${id}`);
      expect((await call(after.json.imageUrl as string)).headers['content-type']).toBe('image/png');
      expect((await call(`${second.origin}/v1/videos/${videoId}`)).json).toMatchObject({ status: 'completed' });
      const content = await call(`${second.origin}/v1/videos/${videoId}/content`);
      expect(content.bytes.toString('latin1', 4, 8)).toBe('ftyp');
    } finally {
      await second.gateway.close(0);
      await secondSimulator.simulator.close();
    }
  });

  it('delivers notifyHook callbacks, retrying a hook that failed', async () => {
    const received: { status: number; body: Record<string, unknown> }[] = [];
    const hook = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => {
        // The first delivery fails: the gateway must try again.
        const status = received.length === 0 ? 500 : 200;
        received.push({ status, body: JSON.parse(text) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const { gateway, origin } = await startGateway(simulatorOrigin, await tempDataDir());
    try {
      const id = await imagine(origin, { prompt: 'call me back', notifyHook: hookUrl, state: 's1' });
      const done = await until(async () =>
        received.find((delivery) => delivery.status === 200 && delivery.body.status === 'SUCCESS'),
      );
      expect(received[0]?.status).toBe(500);
      expect(done.body).toMatchObject({ id, action: 'IMAGINE', state: 's1', imageUrl: `${origin}/mj/image/${id}` });
      expect(received.every((delivery) => delivery.body.id === id)).toBe(true);
    } finally {
      await gateway.close(0);
      hook.close();
    }
  });

  it('shows each client only its own tasks when keys are configured', async () => {
    const { gateway, origin } = await startGateway(simulatorOrigin, await tempDataDir(), { keys: ['sk-a', 'sk-b'] });
    const a = { authorization: 'Bearer sk-a' };
    const b = { 'mj-api-secret': 'sk-b' };
    try {
      expect((await call(`${origin}/mj/submit/imagine`, { body: { prompt: 'x' } })).json).toMatchObject({ code: 4 });
      const id = await imagine(origin, { prompt: 'private' }, a);
      await succeeded(origin, id, { 'mj-api-secret': 'sk-a' });
      const other = await call(`${origin}/mj/task/${id}/fetch`, { headers: b });
      expect(other.status).toBe(404);
      expect(other.json).toMatchObject({ code: 3, type: 'upstream_error' });
      const list = await call(`${origin}/mj/task/list-by-condition`, { body: { ids: [id] }, headers: b });
      expect(list.json).toEqual([]);
      const video = await call(`${origin}/v1/videos`, { body: { prompt: 'mine' }, headers: a });
      expect((await call(`${origin}/v1/videos`, { headers: b })).json).toMatchObject({ data: [] });
      expect((await call(`${origin}/v1/videos`, { headers: a })).json).toMatchObject({ data: [{ id: video.json.id }] });
      expect((await call(`${origin}/v1/videos/${video.json.id}`, { method: 'DELETE', headers: b })).status).toBe(404);
      expect((await call(`${origin}/v1/videos`, { headers: {} })).status).toBe(401);
    } finally {
      await gateway.close(0);
    }
  });
});

describe('bad media input gets the format’s own error shape', () => {
  let origin: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const started = await startGateway(simulatorOrigin, await tempDataDir(), {
      server: { port: 0, bodyLimitBytes: 4096 },
    });
    origin = started.origin;
    close = () => started.gateway.close(0);
  });
  afterAll(() => close());

  it('Midjourney: missing prompt, unknown or foreign buttons, unknown tasks, oversized images', async () => {
    const missing = await call(`${origin}/mj/submit/imagine`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      type: 'upstream_error',
      code: 4,
      description: expect.stringContaining('prompt'),
    });
    const id = await imagine(origin, { prompt: 'parent' });
    await succeeded(origin, id);
    const garbage = await call(`${origin}/mj/submit/action`, { body: { taskId: id, customId: 'not-a-button' } });
    expect(garbage.status).toBe(400);
    expect(garbage.json).toMatchObject({ code: 4 });
    const foreign = await call(`${origin}/mj/submit/action`, {
      body: { taskId: id, customId: 'MJ::JOB::upsample::1::00000000-0000-0000-0000-000000000000' },
    });
    expect(foreign.json).toMatchObject({ code: 4, description: expect.stringContaining('unknown_action') });
    const unknown = await call(`${origin}/mj/task/123/fetch`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 3, type: 'upstream_error' });
    const orphan = await call(`${origin}/mj/submit/action`, {
      body: { taskId: '999', customId: 'MJ::JOB::upsample::1::x' },
    });
    expect(orphan.json).toMatchObject({ code: 3 });
    const big = `data:image/png;base64,${'A'.repeat(8192)}`;
    const oversized = await call(`${origin}/mj/submit/imagine`, { body: { prompt: 'p', base64Array: [big] } });
    expect(oversized.status).toBe(413);
    expect(oversized.json).toMatchObject({ type: 'upstream_error', description: expect.stringContaining('limit') });
  });

  it('videos: missing prompt, unknown ids, bad variants, content of a failed video, oversized references', async () => {
    const missing = await call(`${origin}/v1/videos`, { body: { model: 'sora-2' } });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: { type: 'invalid_request_error', message: expect.any(String) } });
    expect((await call(`${origin}/v1/videos/video_nope`)).json).toMatchObject({ error: { code: 'not_found' } });
    expect((await call(`${origin}/v1/videos/video_nope/content`)).status).toBe(404);
    const created = await call(`${origin}/v1/videos`, { body: { prompt: 'doomed [sim:fail]' } });
    const badVariant = await call(`${origin}/v1/videos/${created.json.id}/content?variant=poster`);
    expect(badVariant.json).toMatchObject({ error: { param: 'variant' } });
    const failed = await until(async () => {
      const { json } = await call(`${origin}/v1/videos/${created.json.id}`);
      return json.status === 'failed' ? json : undefined;
    });
    expect(failed.error).toMatchObject({ message: expect.stringContaining('simulated failure') });
    const never = await call(`${origin}/v1/videos/${created.json.id}/content`);
    expect(never.status).toBe(400);
    expect(never.json).toMatchObject({ error: { message: 'Task is not completed yet' } });
    const oversized = await call(`${origin}/v1/videos`, {
      body: { prompt: 'p', input_reference: { image_url: `data:image/png;base64,${'A'.repeat(8192)}` } },
    });
    expect(oversized.status).toBe(413);
    expect(oversized.json).toMatchObject({ error: { type: 'request_too_large' } });
  });

  it('reports a failed task with its reason', async () => {
    const id = await imagine(origin, { prompt: 'doomed [sim:fail]' });
    const failed = await until(async () => {
      const { json } = await call(`${origin}/mj/task/${id}/fetch`);
      return json.status === 'FAILURE' ? json : undefined;
    });
    expect(failed.failReason).toContain('simulated failure');
  });
});

describe('declared media providers', () => {
  it('relays to upstreams of format midjourney and sora (the simulator standing in for real ones)', async () => {
    const { gateway, origin } = await startGateway(simulatorOrigin, await tempDataDir(), {
      providers: [
        { id: 'mj-proxy', format: 'midjourney', baseURL: simulatorOrigin, apiKey: 'mj-secret' },
        { id: 'videos', format: 'sora', baseURL: `${simulatorOrigin}/`, apiKey: 'sk-video' },
        { id: 'chat', format: 'openai-chat', baseURL: simulatorOrigin },
      ],
      routes: [
        { match: 'mj_*', provider: 'mj-proxy' },
        { match: 'sora-*', provider: 'videos', model: 'sora-2-pro' },
        { match: 'llama*', provider: 'chat' },
        { match: '*', provider: 'simulator' },
      ],
    });
    try {
      const id = await imagine(origin, { prompt: 'through a declared proxy' });
      expect(await succeeded(origin, id)).toMatchObject({ imageUrl: `${origin}/mj/image/${id}` });
      const video = await call(`${origin}/v1/videos`, { body: { model: 'sora-2', prompt: 'declared' } });
      expect(video.json).toMatchObject({ model: 'sora-2-pro' });
      expect(['queued', 'in_progress']).toContain(video.json.status);
      const done = await until(async () => {
        const { json } = await call(`${origin}/v1/videos/${video.json.id}`);
        return json.status === 'completed' ? json : undefined;
      });
      expect(done.metadata).toEqual({ url: `${origin}/v1/videos/${video.json.id}/content` });
      const content = await call(`${origin}/v1/videos/${video.json.id}/content`);
      expect(content.bytes.toString('latin1', 4, 8)).toBe('ftyp');
      const chat = await call(`${origin}/v1/chat/completions`, {
        body: { model: 'llama', messages: [{ role: 'user', content: 'plain chat still works' }] },
      });
      expect(chat.status).toBe(200);
      const wrong = await call(`${origin}/v1/videos`, { body: { model: 'llama-video', prompt: 'p' } });
      expect(wrong.status).toBe(400);
      expect(wrong.json).toMatchObject({ error: { message: expect.stringContaining('runs no media tasks') } });
    } finally {
      await gateway.close(0);
    }
  });
});
