import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/gateway/server.ts';
import type { Simulator } from '../src/simulator/server.ts';
import { call, pngSize, startGateway, startSimulator, tempDataDir, until } from './media-helpers.ts';

let simulator: Simulator;
let gateway: Gateway;
let origin: string;
beforeAll(async () => {
  const sim = await startSimulator();
  simulator = sim.simulator;
  ({ gateway, origin } = await startGateway(sim.origin, await tempDataDir()));
});
afterAll(async () => {
  await gateway.close(0);
  await simulator.close();
});

type Task = {
  id: string;
  status: string;
  progress: string;
  imageUrl: string;
  buttons: { customId: string; label: string }[];
};

async function mjDone(id: string): Promise<Task> {
  return until(async () => {
    const { json } = await call(`${origin}/mj/task/${id}/fetch`);
    const task = json as unknown as Task;
    return task.status === 'SUCCESS' ? task : undefined;
  });
}

describe('Midjourney tasks through the gateway', () => {
  it('imagine → poll to SUCCESS → PNG grid → U2 → upscaled PNG, with seed and list-by-condition', async () => {
    const submit = await call(`${origin}/mj-fast/mj/submit/imagine`, {
      body: { prompt: 'a red fox --ar 1:1', state: 'mine' },
    });
    expect(submit.status).toBe(200);
    expect(submit.json).toMatchObject({ code: 1, description: 'Submit success' });
    const id = submit.json.result as string;
    expect(id).toMatch(/^\d+$/);
    const grid = await mjDone(id);
    expect(grid).toMatchObject({ action: 'IMAGINE', progress: '100%', prompt: 'a red fox --ar 1:1', state: 'mine' });
    expect(grid.imageUrl).toBe(`${origin}/mj/image/${id}`);
    const image = await call(grid.imageUrl);
    expect(image.headers['content-type']).toBe('image/png');
    expect(pngSize(image.bytes)).toEqual({ width: 512, height: 512 });

    const u2 = grid.buttons.find((button) => button.label === 'U2');
    expect(u2?.customId).toMatch(/^MJ::JOB::upsample::2::/);
    const action = await call(`${origin}/mj/submit/action`, { body: { taskId: id, customId: u2?.customId } });
    expect(action.json).toMatchObject({ code: 1 });
    const upscaled = await mjDone(action.json.result as string);
    expect(upscaled).toMatchObject({ action: 'UPSCALE', parentId: id });
    expect(pngSize((await call(upscaled.imageUrl)).bytes)).toEqual({ width: 512, height: 512 });
    expect(upscaled.buttons.map((button) => button.label)).toContain('Vary (Strong)');

    const list = await call(`${origin}/mj/task/list-by-condition`, { body: { ids: [id, upscaled.id, 'nope'] } });
    expect((list.json as unknown as Task[]).map((task) => task.id)).toEqual([id, upscaled.id]);
    const seed = await call(`${origin}/mj-relax/mj/task/${id}/image-seed`);
    expect(seed.json).toMatchObject({ code: 1, result: expect.stringMatching(/^\d+$/) });
  });

  it('describes an image and shortens a prompt (text results in properties.finalPrompt)', async () => {
    const png = `data:image/png;base64,${Buffer.from('fake').toString('base64')}`;
    const describe = await call(`${origin}/mj/submit/describe`, { body: { base64: png } });
    const task = await mjDone(describe.json.result as string);
    expect(task).toMatchObject({ action: 'DESCRIBE', properties: { finalPrompt: expect.stringContaining('1️⃣') } });
    const shorten = await call(`${origin}/mj/submit/shorten`, { body: { prompt: 'a very long prompt' } });
    expect(await mjDone(shorten.json.result as string)).toMatchObject({ action: 'SHORTEN' });
  });
});

type Video = { id: string; status: string; progress: number; remixed_from_video_id?: string };

async function videoDone(id: string): Promise<Video> {
  return until(async () => {
    const video = (await call(`${origin}/v1/videos/${id}`)).json as unknown as Video;
    return video.status === 'completed' ? video : undefined;
  });
}

describe('videos through the gateway', () => {
  it('create → poll → MP4 content → thumbnail → remix → list → delete', async () => {
    const created = await call(`${origin}/v1/videos`, {
      body: { model: 'sora-2', prompt: 'waves at dusk', seconds: '8' },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ object: 'video', model: 'sora-2', seconds: '8' });
    // The simulator steps every 5 ms without pacing: a busy machine may answer the create already in progress.
    expect(['queued', 'in_progress']).toContain(created.json.status);
    const id = created.json.id as string;
    expect(id).toMatch(/^video_[0-9a-f]{32}$/);
    expect(await videoDone(id)).toMatchObject({ progress: 100, prompt: 'waves at dusk' });
    const content = await call(`${origin}/v1/videos/${id}/content`);
    expect(content.headers['content-type']).toBe('video/mp4');
    expect(content.bytes.toString('latin1', 4, 8)).toBe('ftyp');
    expect(content.bytes.includes(Buffer.from('moov'))).toBe(true);
    const thumbnail = await call(`${origin}/v1/videos/${id}/content?variant=thumbnail`);
    expect(pngSize(thumbnail.bytes)).toBeDefined();

    const remix = await call(`${origin}/v1/videos/${id}/remix`, { body: { prompt: 'make it night' } });
    expect(remix.json).toMatchObject({ remixed_from_video_id: id, prompt: 'make it night' });
    await videoDone(remix.json.id as string);
    const list = await call(`${origin}/v1/videos?limit=1&order=desc`);
    expect(list.json).toMatchObject({ object: 'list', has_more: true, first_id: remix.json.id });

    const deleted = await call(`${origin}/v1/videos/${id}`, { method: 'DELETE' });
    expect(deleted.json).toEqual({ id, object: 'video.deleted', deleted: true });
    expect((await call(`${origin}/v1/videos/${id}`)).status).toBe(404);
  });

  it('accepts a multipart create with an input_reference file', async () => {
    const form = new FormData();
    form.append('prompt', 'from a picture');
    form.append('input_reference', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), 'ref.png');
    const body = new Response(form);
    const created = await call(`${origin}/v1/videos`, {
      body: Buffer.from(await body.arrayBuffer()).toString('latin1'),
      headers: { 'content-type': body.headers.get('content-type') as string },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ object: 'video', prompt: 'from a picture' });
  });
});

describe('media through chat', () => {
  it('streams an imagine as progress deltas ending in a markdown image', async () => {
    const stream = await call(`${origin}/v1/chat/completions`, {
      body: { model: 'mj-imagine', stream: true, messages: [{ role: 'user', content: 'a lighthouse in fog' }] },
    });
    const text = stream.bytes.toString('utf8');
    const deltas = [...text.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1] as string));
    const content = deltas.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(content).toMatch(/^Task \d+ submitted\.\n/);
    expect(content).toContain('Progress: 100%');
    const link = /!\[image\]\((http[^)]+)\)/.exec(content)?.[1] as string;
    expect(link).toMatch(/\/mj\/image\/\d+$/);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(deltas.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(pngSize((await call(link)).bytes)).toEqual({ width: 512, height: 512 });
  });

  it('waits for a video without stream, in any chat format', async () => {
    const chat = await call(`${origin}/v1/chat/completions`, {
      body: { model: 'sora-2', messages: [{ role: 'user', content: 'a paper boat' }] },
    });
    const message = (chat.json as unknown as { choices: { message: { content: string } }[] }).choices[0]?.message;
    const link = /\[▶ video\]\((http[^)]+)\)/.exec(message?.content ?? '')?.[1] as string;
    expect((await call(link)).bytes.toString('latin1', 4, 8)).toBe('ftyp');
    const claude = await call(`${origin}/v1/messages`, {
      body: { model: 'mj-x', max_tokens: 64, messages: [{ role: 'user', content: 'a cat' }] },
    });
    expect(claude.json).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: expect.stringContaining('![image](') }],
    });
  });
});
