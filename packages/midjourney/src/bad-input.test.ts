import { WireFormatError } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';
import { decodeTaskList, decodeTaskQuery } from './task-list.ts';
import { wireRequests, wireTask } from './test-support/arbitraries.ts';

function pathOf(run: () => unknown): (string | number)[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    expect((error as WireFormatError).format).toBe('midjourney');
    return (error as WireFormatError).path;
  }
  throw new Error('expected a WireFormatError');
}

describe('bad input gives WireFormatError with the JSON path', () => {
  it('unknown button ids', () => {
    expect(pathOf(() => decodeRequest({ taskId: '1', customId: 'MJ::BOOKMARK::abc' }))).toEqual(['customId']);
    expect(pathOf(() => decodeRequest({ taskId: '1', customId: 42 }, { endpoint: 'action' }))).toEqual(['customId']);
  });

  it('missing prompt and wrong types', () => {
    expect(pathOf(() => decodeRequest({ base64Array: 'nope' }, { endpoint: 'imagine' }))).toEqual(['prompt']);
    expect(pathOf(() => decodeRequest({ prompt: 'x', base64Array: [1] }))).toEqual(['base64Array', 0]);
    expect(pathOf(() => decodeRequest({}, { endpoint: 'describe' }))).toEqual(['base64']);
    expect(pathOf(() => decodeRequest({ taskId: 't', action: 'ZOOM' }, { endpoint: 'change' }))).toEqual(['action']);
    expect(pathOf(() => decodeRequest(null))).toEqual([]);
  });

  it('unknown status, bad progress type, bad buttons', () => {
    expect(pathOf(() => decodeTask({ id: '1', action: 'IMAGINE', status: 'DONE' }))).toEqual(['status']);
    expect(pathOf(() => decodeTask({ id: '1', action: 'IMAGINE', status: 'SUCCESS', progress: 45 }))).toEqual([
      'progress',
    ]);
    expect(
      pathOf(() => decodeTask({ id: '1', action: 'IMAGINE', status: 'SUCCESS', buttons: [{ label: 'U1' }] })),
    ).toEqual(['buttons', 0, 'customId']);
    expect(pathOf(() => decodeTask({ action: 'IMAGINE', status: 'SUCCESS' }))).toEqual(['id']);
  });

  it('list items carry their index', () => {
    expect(pathOf(() => decodeTaskList([{ id: '1', action: 'IMAGINE', status: 'SUCCESS' }, { id: 2 }]))).toEqual([
      1,
      'id',
    ]);
    expect(pathOf(() => decodeTaskList({}))).toEqual([]);
    expect(pathOf(() => decodeTaskQuery({ ids: [1] }))).toEqual(['ids', 0]);
  });

  it('submit results', () => {
    expect(pathOf(() => decodeSubmission({ code: '1' }))).toEqual(['code']);
    expect(pathOf(() => decodeSubmission({ code: 1, result: 5 }))).toEqual(['result']);
  });

  it('valid values with one field replaced decode or throw WireFormatError, and what decodes re-encodes', () => {
    const mutated = fc.tuple(
      fc.oneof(wireTask, wireRequests.imagine, wireRequests.action),
      fc.string({ maxLength: 12 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(mutated, fc.constantFrom('task', 'request'), ([value, key, replacement], kind) => {
        const keys = Object.keys(value);
        const target = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] ?? key) : key;
        const wire = { ...value, [target]: replacement };
        try {
          const decoded =
            kind === 'task' ? encodeTask(decodeTask(wire).value) : encodeRequest(decodeRequest(wire).value);
          expect(JSON.parse(JSON.stringify(decoded.value))).toEqual(JSON.parse(JSON.stringify(wire)));
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws anything but WireFormatError on arbitrary JSON', () => {
    const decoders = [
      (v: unknown) => decodeTask(v),
      (v: unknown) => decodeSubmission(v),
      (v: unknown) => decodeRequest(v),
      (v: unknown) => decodeRequest(v, { endpoint: 'swap-face' }),
      (v: unknown) => decodeTaskList(v),
    ];
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: decoders.length - 1 }), (value, i) => {
        try {
          decoders[i]?.(value);
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
