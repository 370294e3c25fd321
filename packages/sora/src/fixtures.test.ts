import { join } from 'node:path';
import { loadFixtures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeDeletion, encodeDeletion } from './deletion.ts';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';
import { decodeVideoList, encodeVideoList } from './video-list.ts';

const fixtures = loadFixtures(join(import.meta.dirname, '..', 'fixtures'));
const files = fixtures.map((fixture) => fixture.name);
const load = (name: string): unknown =>
  JSON.parse(fixtures.find((fixture) => fixture.name === name)?.bytes.toString('utf8') ?? 'null');
const videos = files.filter((name) => name !== 'video-list.json' && name !== 'video-delete.json');

describe('sora fixtures', () => {
  it('has every recording', () => {
    expect(files).toHaveLength(10);
  });

  it.each(videos)('%s: video object round trip', (name) => {
    const wire = load(name);
    const decoded = decodeTask(wire);
    expect(decoded.losses).toEqual([]);
    const encoded = encodeTask(decoded.value);
    expect(encoded.losses).toEqual([]);
    expect(encoded.value).toEqual(wire);
  });

  it.each(videos.filter((name) => /create|remix/.test(name)))('%s: as a submission', (name) => {
    const wire = load(name);
    const { value } = decodeSubmission(wire);
    expect(value.accepted).toBe(true);
    expect(value.taskId).toBe((wire as { id: string }).id);
    expect(encodeSubmission(value)).toEqual({ value: wire, losses: [] });
  });

  it('video-list.json: page round trip', () => {
    const wire = load('video-list.json');
    const { value } = decodeVideoList(wire);
    expect(value.tasks).toHaveLength(3);
    expect(value).toMatchObject({ hasMore: false, firstId: value.tasks[0]?.id, lastId: value.tasks[2]?.id });
    expect(encodeVideoList(value)).toEqual({ value: wire, losses: [] });
  });

  it('video-delete.json: deletion round trip', () => {
    const wire = load('video-delete.json');
    const { value } = decodeDeletion(wire);
    expect(value).toEqual({ id: 'video_68f42b7120d081919b3daed817c163ed0d041027cfe1806e', deleted: true });
    expect(encodeDeletion(value).value).toEqual(wire);
  });

  it('reads the canonical fields', () => {
    expect(decodeTask(load('video-retrieve-completed.json')).value).toMatchObject({
      kind: 'video',
      action: 'generate',
      status: 'succeeded',
      progress: 100,
      model: 'sora-2',
      parameters: { seconds: 4, size: '720x1280' },
      createdAt: 1760832369,
      finishedAt: 1760832448,
      expiresAt: 1760836048,
    });
    expect(decodeTask(load('video-remix-queued.json')).value).toMatchObject({
      action: 'remix',
      status: 'queued',
      parentTaskId: 'video_68f42cd163cc8193812eaf290e2fe72f04b97ac67b0bc928',
    });
    expect(decodeTask(load('spec-example-video-create.json')).value.parameters).toEqual({
      seconds: 8,
      size: '1024x1792',
      quality: 'standard',
    });
  });
});
