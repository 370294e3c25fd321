import { arbitraryApiError, arbitraryMediaRequest, arbitraryMediaTask } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';
import { decodeMultipartFields, encodeMultipartFields } from './multipart.ts';
import { decodeRequest, encodeRequest, endpointFor } from './request.ts';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';
import { coreRequest, coreVideo, wireCreate, wireVideo } from './test-support/arbitraries.ts';
import { expectLossesCover } from './test-support/loss-coverage.ts';
import { decodeVideoList, encodeVideoList } from './video-list.ts';

const runs = { numRuns: 150 };

describe('wire → core → wire is the identity', () => {
  it('video objects', () => {
    fc.assert(
      fc.property(wireVideo, (wire) => {
        expect(encodeTask(decodeTask(wire).value)).toEqual({ value: wire, losses: [] });
      }),
      runs,
    );
  });

  it('list pages', () => {
    const page = fc.record(
      {
        object: fc.constant('list'),
        data: fc.array(wireVideo, { maxLength: 3 }),
        first_id: fc.oneof(fc.string(), fc.constant(null)),
        last_id: fc.oneof(fc.string(), fc.constant(null)),
        has_more: fc.boolean(),
      },
      { requiredKeys: ['object', 'data', 'has_more'] },
    );
    fc.assert(
      fc.property(page, (wire) => {
        expect(encodeVideoList(decodeVideoList(wire).value)).toEqual({ value: wire, losses: [] });
      }),
      { numRuns: 60 },
    );
  });

  it('create bodies', () => {
    fc.assert(
      fc.property(wireCreate, (wire) => {
        expect(encodeRequest(decodeRequest(wire).value)).toEqual({ value: wire, losses: [] });
      }),
      runs,
    );
  });

  it('remix bodies', () => {
    fc.assert(
      fc.property(fc.record({ prompt: fc.string() }), fc.string(), (wire, videoId) => {
        const decoded = decodeRequest(wire, { endpoint: 'remix', videoId }).value;
        expect(decoded).toMatchObject({ action: 'remix', parentTaskId: videoId });
        expect(encodeRequest(decoded)).toEqual({ value: wire, losses: [] });
      }),
      runs,
    );
  });
});

describe('core → wire → core is the identity within capabilities', () => {
  it('video objects', () => {
    fc.assert(
      fc.property(coreVideo, (task) => {
        const encoded = encodeTask(task);
        expect(encoded.losses).toEqual([]);
        expect(decodeTask(encoded.value).value).toEqual(task);
      }),
      runs,
    );
  });

  it('submissions', () => {
    fc.assert(
      fc.property(
        coreVideo.filter((task) => task.status !== 'failed'),
        (task) => {
          const encoded = encodeSubmission({ accepted: true, taskId: task.id, task });
          expect(encoded.losses).toEqual([]);
          expect(decodeSubmission(encoded.value).value).toEqual({ accepted: true, taskId: task.id, task });
        },
      ),
      runs,
    );
  });

  it('requests, as JSON and as multipart', () => {
    fc.assert(
      fc.property(coreRequest, (request) => {
        const endpoint = endpointFor(request);
        const options = { endpoint, ...(request.parentTaskId === undefined ? {} : { videoId: request.parentTaskId }) };
        const encoded = encodeRequest(request);
        expect(encoded.losses).toEqual([]);
        expect(decodeRequest(encoded.value, options).value).toEqual(request);
        const fields = encodeMultipartFields(request);
        expect(fields.losses).toEqual([]);
        const back = decodeMultipartFields(fields.value, options).value;
        const { extensions: _files, ...withoutFileNames } = back;
        expect(withoutFileNames).toEqual(request);
      }),
      runs,
    );
  });
});

describe("core's arbitraries: what does not survive is named by the loss report", () => {
  it('tasks', () => {
    fc.assert(
      fc.property(arbitraryMediaTask, (task) => {
        const encoded = encodeTask(task);
        expectLossesCover(task, decodeTask(encoded.value).value, encoded.losses);
      }),
      runs,
    );
  });

  it('requests', () => {
    fc.assert(
      fc.property(arbitraryMediaRequest, (request) => {
        const encoded = encodeRequest(request);
        expectLossesCover(
          request,
          decodeRequest(encoded.value, {
            endpoint: endpointFor(request),
            ...(request.parentTaskId === undefined ? {} : { videoId: request.parentTaskId }),
          }).value,
          encoded.losses,
        );
      }),
      runs,
    );
  });

  it('errors keep status and message', () => {
    fc.assert(
      fc.property(arbitraryApiError, (error) => {
        const encoded = encodeError(error);
        expect(decodeError(encoded.body, encoded.status)).toMatchObject({
          status: error.status,
          message: error.message,
        });
      }),
      runs,
    );
  });
});
