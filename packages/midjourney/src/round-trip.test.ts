import { arbitraryApiError, arbitraryMediaRequest, arbitraryMediaTask } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MidjourneyEndpoint } from './endpoint.ts';
import { endpointFor } from './endpoint.ts';
import { decodeError, encodeError } from './error.ts';
import { decodeRequest, encodeRequest } from './request.ts';
import { decodeSubmission, encodeSubmission } from './submission.ts';
import { decodeTask, encodeTask } from './task.ts';
import { coreRequest, coreTask, wireRequests, wireSubmission, wireTask } from './test-support/arbitraries.ts';
import { expectLossesCover } from './test-support/loss-coverage.ts';

const runs = { numRuns: 150 };

describe('wire → core → wire is the identity', () => {
  it('tasks', () => {
    fc.assert(
      fc.property(wireTask, (wire) => {
        const encoded = encodeTask(decodeTask(wire).value);
        expect(encoded.value).toEqual(wire);
        expect(encoded.losses).toEqual([]);
      }),
      runs,
    );
  });

  it('submit results', () => {
    fc.assert(
      fc.property(wireSubmission, (wire) => {
        const encoded = encodeSubmission(decodeSubmission(wire).value);
        expect(encoded.value).toEqual(wire);
        expect(encoded.losses).toEqual([]);
      }),
      runs,
    );
  });

  for (const [endpoint, arbitrary] of Object.entries(wireRequests)) {
    it(`${endpoint} bodies`, () => {
      fc.assert(
        fc.property(arbitrary, (wire) => {
          const decoded = decodeRequest(wire, { endpoint: endpoint as MidjourneyEndpoint }).value;
          expect(endpointFor(decoded)).toBe(endpoint);
          const encoded = encodeRequest(decoded);
          expect(encoded.value).toEqual(wire);
          expect(encoded.losses).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('core → wire → core is the identity within capabilities', () => {
  it('tasks', () => {
    fc.assert(
      fc.property(coreTask, (task) => {
        const encoded = encodeTask(task);
        expect(encoded.losses).toEqual([]);
        expect(decodeTask(encoded.value).value).toEqual(task);
      }),
      runs,
    );
  });

  it('requests', () => {
    fc.assert(
      fc.property(coreRequest, (request) => {
        const encoded = encodeRequest(request);
        expect(encoded.losses).toEqual([]);
        expect(decodeRequest(encoded.value, { endpoint: endpointFor(request) }).value).toEqual(request);
      }),
      runs,
    );
  });

  it('submissions', () => {
    const submission = fc
      .record({
        code: fc.constantFrom(1, 21, 22, 23, 24, 4),
        message: fc.option(fc.string(), { nil: undefined }),
        taskId: fc.option(fc.string(), { nil: undefined }),
      })
      .map(({ code, message, taskId }) => ({
        accepted: [1, 21, 22].includes(code),
        code,
        ...(message === undefined ? {} : { message }),
        ...(taskId === undefined ? {} : { taskId }),
      }));
    fc.assert(
      fc.property(submission, (value) => {
        const encoded = encodeSubmission(value);
        expect(encoded.losses).toEqual([]);
        expect(decodeSubmission(encoded.value).value).toEqual(value);
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
          decodeRequest(encoded.value, { endpoint: endpointFor(request) }).value,
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
