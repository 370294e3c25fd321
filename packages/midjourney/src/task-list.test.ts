import { describe, expect, it } from 'vitest';
import { decodeImageSeed, encodeImageSeed } from './image-seed.ts';
import { decodeTask, encodeTask } from './task.ts';
import { decodeTaskList, decodeTaskQuery, encodeTaskList, encodeTaskQuery } from './task-list.ts';

const task = { id: '1', action: 'UPSCALE', status: 'SUCCESS', progress: '100%', imageUrl: 'https://x/1.png' };

describe('list-by-condition, image-seed', () => {
  it('round-trips the list answer and the {ids} body', () => {
    const list = [task, { id: '2', action: 'DESCRIBE', status: 'SUCCESS', properties: { finalPrompt: '1️⃣ a cat' } }];
    const { value } = decodeTaskList(list);
    expect(value.map((t) => [t.action, t.text])).toEqual([
      ['upscale', undefined],
      ['describe', '1️⃣ a cat'],
    ]);
    expect(encodeTaskList(value)).toEqual({ value: list, losses: [] });
    expect(decodeTaskList([]).value).toEqual([]);
    const query = { ids: ['1', '2'], extra: true };
    expect(encodeTaskQuery(decodeTaskQuery(query).value).value).toEqual(query);
  });

  it('prefixes list losses with the task index', () => {
    const { losses } = encodeTaskList([
      decodeTask(task).value,
      { id: '3', kind: 'video', action: 'generate', status: 'queued', expiresAt: 5 },
    ]);
    expect(losses.map((loss) => loss.path)).toEqual([[1, 'expiresAt']]);
  });

  it('reads the image seed', () => {
    const wire = { code: 1, description: 'success', result: '3627408411' };
    const { value } = decodeImageSeed(wire);
    expect(value).toEqual({ code: 1, seed: '3627408411', message: 'success' });
    expect(encodeImageSeed(value).value).toEqual(wire);
    expect(decodeImageSeed({ code: 4, description: 'no message hash' }).value).toEqual({
      code: 4,
      message: 'no message hash',
    });
  });

  it('keeps __proto__ as a plain field', () => {
    const wire = JSON.parse('{"id":"1","action":"IMAGINE","status":"SUCCESS","__proto__":{"x":1}}');
    expect(encodeTask(decodeTask(wire).value).value).toEqual(wire);
  });
});
