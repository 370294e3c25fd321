import { join } from 'node:path';
import { loadFixtures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';

const fixtures = loadFixtures(join(import.meta.dirname, '..', 'fixtures'));
const files = fixtures.map((fixture) => fixture.name);
const load = (name: string): unknown =>
  JSON.parse(fixtures.find((fixture) => fixture.name === name)?.bytes.toString('utf8') ?? 'null');

describe('midjourney fixtures', () => {
  it('has every recording', () => {
    expect(files).toHaveLength(6);
  });

  it.each(files.filter((name) => name.startsWith('submit-')))('%s: submission round trip', (name) => {
    const wire = load(name);
    const decoded = decodeSubmission(wire);
    expect(decoded.losses).toEqual([]);
    const encoded = encodeSubmission(decoded.value);
    expect(encoded.losses).toEqual([]);
    expect(encoded.value).toEqual(wire);
  });

  it.each(files.filter((name) => name.startsWith('task-')))('%s: task round trip', (name) => {
    const wire = load(name);
    const decoded = decodeTask(wire);
    expect(decoded.losses).toEqual([]);
    const encoded = encodeTask(decoded.value);
    expect(encoded.losses).toEqual([]);
    expect(encoded.value).toEqual(wire);
  });

  it('maps codes to acceptance', () => {
    const accepted = Object.fromEntries(
      files.filter((n) => n.startsWith('submit-')).map((n) => [n, decodeSubmission(load(n)).value.accepted]),
    );
    expect(accepted).toEqual({
      'submit-banned-prompt.json': false,
      'submit-queue-full.json': false,
      'submit-queued.json': true,
      'submit-success.json': true,
      'submit-task-exists.json': true,
    });
    expect(decodeSubmission(load('submit-queued.json')).value).toMatchObject({
      code: 22,
      taskId: '0741798445574458',
      message: '排队中，前面还有1个任务',
      extensions: { midjourney: { properties: { numberOfQueues: 1, discordInstanceId: '1118138338562560102' } } },
    });
  });

  it('reads the imagine task into the canonical task', () => {
    const { value } = decodeTask(load('task-imagine-success.json'));
    expect(value).toMatchObject({
      id: '14001929738841620',
      kind: 'image',
      action: 'generate',
      status: 'succeeded',
      progress: 100,
      prompt: '猫猫',
      createdAt: 1689231405.854,
      startedAt: 1689231442.755,
      finishedAt: 1689231544.312,
      results: [{ url: 'https://cdn.discordapp.com/attachments/xxx/xxx/xxxx.png', variant: 'image' }],
    });
    expect(value.error).toBeUndefined();
  });
});
