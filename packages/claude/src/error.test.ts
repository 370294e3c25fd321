import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';

describe('errors', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_request'],
    [401, 'authentication_error', 'authentication'],
    [402, 'billing_error', 'billing'],
    [403, 'permission_error', 'permission'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'request_too_large'],
    [429, 'rate_limit_error', 'rate_limit'],
    [500, 'api_error', 'server'],
    [504, 'timeout_error', 'timeout'],
    [529, 'overloaded_error', 'overloaded'],
  ])('%i %s ↔ %s', (status, type, kind) => {
    const body = { type: 'error', error: { type, message: 'm' }, request_id: 'req_1' };
    const error = decodeError(body, status);
    expect(error).toMatchObject({ kind, status, type, message: 'm', requestId: 'req_1' });
    expect(encodeError(error)).toEqual({ status, body, losses: [] });
    const { type: _t, ...foreign } = error;
    expect(encodeError(foreign)).toEqual({ status, body, losses: [] });
  });

  it('recognises an over-long prompt as context_length and keeps it a 400', () => {
    const body = {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
    };
    const error = decodeError(body, 400);
    expect(error.kind).toBe('context_length');
    expect(encodeError(error)).toEqual({ status: 400, body, losses: [] });
  });

  it('maps foreign kinds onto Claude types and statuses', () => {
    const unavailable = encodeError({ kind: 'unavailable', status: 503, message: 'x' });
    expect(unavailable).toMatchObject({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'x' } },
    });
    // What does not read back is reported, field by field.
    expect(unavailable.losses.map((l) => [l.code, l.feature, l.message])).toEqual([
      ['approximated', 'error.kind', `the error's kind "unavailable" reads back as "overloaded"`],
      ['approximated', 'error.status', `the error's status 503 reads back as 529`],
    ]);
    expect(() => encodeError({ kind: 'quota', status: 429, message: 'q' }, { strict: true })).toThrow(/quota/);
    expect(encodeError({ kind: 'quota', status: 429, message: 'q', type: 'insufficient_quota' }).body).toMatchObject({
      error: { type: 'rate_limit_error' },
    });
    expect(encodeError({ kind: 'context_length', status: 400, message: 'c' }).status).toBe(400);
  });

  it('never throws on odd bodies', () => {
    expect(decodeError('<html>413 Request Entity Too Large</html>', 413)).toMatchObject({
      kind: 'request_too_large',
      status: 413,
    });
    expect(decodeError(undefined, 502)).toMatchObject({ kind: 'server', status: 502 });
    expect(decodeError({ detail: 'x' })).toMatchObject({ kind: 'other', status: 500 });
    expect(encodeError(decodeError({ detail: 'x' }, 418))).toEqual({ status: 418, body: { detail: 'x' }, losses: [] });
  });
});
