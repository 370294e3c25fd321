import { collect } from '@interlingua/core';
import { arbitraryApiError } from '@interlingua/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, createStreamEncoder, decodeError, encodeError } from './index.ts';

describe('errors', () => {
  it('maps statuses and codes to kinds', () => {
    const kind = (body: unknown, status?: number): string => decodeError(body, status).kind;
    expect(
      kind(
        { error: { message: 'x', type: 'invalid_request_error', param: null, code: 'context_length_exceeded' } },
        400,
      ),
    ).toBe('context_length');
    expect(
      kind({ error: { message: 'x', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }, 429),
    ).toBe('quota');
    expect(kind({ error: { message: 'x', type: 'requests', param: null, code: 'rate_limit_exceeded' } }, 429)).toBe(
      'rate_limit',
    );
    expect(
      kind({ error: { message: 'x', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, 401),
    ).toBe('authentication');
    expect(kind({ error: { message: 'x', type: 'server_error', param: null, code: null } }, 503)).toBe('overloaded');
  });

  it('never throws on odd bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), (body, status) => {
        const error = decodeError(body, status);
        expect(typeof error.message).toBe('string');
        expect(error.status).toBe(status ?? error.status);
      }),
      { numRuns: 100 },
    );
    expect(decodeError('Bad Gateway', 502)).toMatchObject({ kind: 'unavailable', message: 'Bad Gateway' });
  });

  it('writes canonical errors in the OpenAI envelope and reads them back', () => {
    fc.assert(
      fc.property(arbitraryApiError, (error) => {
        const { status, body } = encodeError(error);
        expect(status).toBe(error.status);
        expect(body).toMatchObject({ error: { message: error.message, param: null } });
        expect(decodeError(body, status).message).toBe(error.message);
      }),
      { numRuns: 100 },
    );
  });
});

describe('errors from other formats', () => {
  it('keep their request id in the body, since errors have no loss channel', () => {
    const error = { kind: 'not_found' as const, status: 404, message: 'no such model', requestId: 'req_011' };
    const { status, body } = encodeError(error);
    expect(body).toMatchObject({ request_id: 'req_011' });
    expect(decodeError(body, status)).toMatchObject({ kind: 'not_found', status: 404, requestId: 'req_011' });
  });

  it('keep their kind in a stream error event, where no HTTP status says it', () => {
    const encoder = createStreamEncoder();
    encoder.push({ type: 'message-start', id: 'resp_1', created: 1 });
    const wire = [
      ...encoder.push({ type: 'error', error: { kind: 'quota', status: 429, message: 'quota', code: '429' } }),
      ...encoder.end(),
    ];
    const decoder = createStreamDecoder();
    const events = [...wire.flatMap((w) => decoder.push(w)), ...decoder.end()];
    expect(collect(events).error).toMatchObject({ kind: 'quota', status: 429, code: 'insufficient_quota' });
  });
});
