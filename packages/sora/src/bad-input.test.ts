import { WireFormatError } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDeletion } from './deletion.ts';
import { decodeMultipartFields, type MultipartValue } from './multipart.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';
import { wireCreate, wireVideo } from './test-support/arbitraries.ts';
import { decodeVideoList } from './video-list.ts';

function pathOf(run: () => unknown): (string | number)[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WireFormatError);
    expect((error as WireFormatError).format).toBe('sora');
    return (error as WireFormatError).path;
  }
  throw new Error('expected a WireFormatError');
}

const video = { id: 'video_1', object: 'video', status: 'queued' };

describe('bad input gives WireFormatError with the JSON path', () => {
  it('requests: missing prompt, wrong types, both reference kinds', () => {
    expect(pathOf(() => decodeRequest({ model: 'sora-2' }))).toEqual(['prompt']);
    expect(pathOf(() => decodeRequest({ prompt: 'x', seconds: 8 }))).toEqual(['seconds']);
    expect(pathOf(() => decodeRequest({ prompt: 'x', input_reference: { image_url: 'a', file_id: 'b' } }))[0]).toBe(
      'input_reference',
    );
    expect(pathOf(() => decodeRequest({ prompt: 1 }, { endpoint: 'remix', videoId: 'v' }))).toEqual(['prompt']);
    expect(pathOf(() => decodeMultipartFields({ model: 'sora-2' }))).toEqual(['prompt']);
    expect(
      pathOf(() => decodeMultipartFields({ prompt: 'x', input_reference: 5 as unknown as MultipartValue })),
    ).toEqual(['input_reference']);
  });

  it('video objects: unknown status, wrong types, wrong object', () => {
    expect(pathOf(() => decodeTask({ ...video, status: 'done' }))).toEqual(['status']);
    expect(pathOf(() => decodeTask({ ...video, progress: '45%' }))).toEqual(['progress']);
    expect(pathOf(() => decodeTask({ ...video, object: 'list' }))).toEqual(['object']);
    expect(pathOf(() => decodeTask({ ...video, error: { code: 'x' } }))).toEqual(['error', 'message']);
    expect(pathOf(() => decodeSubmission({ ...video, id: 7 }))).toEqual(['id']);
  });

  it('lists and deletions', () => {
    expect(
      pathOf(() => decodeVideoList({ object: 'list', data: [video, { ...video, status: 'x' }], has_more: false })),
    ).toEqual(['data', 1, 'status']);
    expect(pathOf(() => decodeVideoList({ object: 'list', data: [] }))).toEqual(['has_more']);
    expect(pathOf(() => decodeDeletion({ id: 'v', object: 'video.deleted', deleted: 'yes' }))).toEqual(['deleted']);
  });

  it('valid values with one field replaced decode or throw WireFormatError, and what decodes re-encodes', () => {
    const mutated = fc.tuple(
      fc.oneof(wireVideo, wireCreate),
      fc.string({ maxLength: 12 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(mutated, ([value, key, replacement]) => {
        const keys = Object.keys(value);
        const target = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] ?? key) : key;
        const wire = { ...value, [target]: replacement };
        try {
          const encoded =
            'object' in value ? encodeTask(decodeTask(wire).value) : encodeRequest(decodeRequest(wire).value);
          expect(JSON.parse(JSON.stringify(encoded.value))).toEqual(JSON.parse(JSON.stringify(wire)));
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
      (v: unknown) => decodeRequest(v),
      (v: unknown) => decodeVideoList(v),
      (v: unknown) => decodeDeletion(v),
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
