import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';

describe('decodeError', () => {
  it.each([
    [400, 'invalid_request_error', 'context_length_exceeded', 'context_length'],
    [400, 'invalid_request_error', 'unsupported_parameter', 'invalid_request'],
    [401, 'invalid_request_error', 'invalid_api_key', 'authentication'],
    [403, 'invalid_request_error', 'unsupported_country_region_territory', 'permission'],
    [404, 'invalid_request_error', 'model_not_found', 'not_found'],
    [409, 'invalid_request_error', null, 'conflict'],
    [422, 'invalid_request_error', null, 'invalid_request'],
    [429, 'requests', 'rate_limit_exceeded', 'rate_limit'],
    [429, 'insufficient_quota', 'insufficient_quota', 'quota'],
    [500, 'server_error', null, 'server'],
    [503, 'server_error', null, 'overloaded'],
  ])('%i %s %s → %s, and back', (status, type, code, kind) => {
    const body = { error: { message: 'm', type, param: null, code } };
    const error = decodeError(body, status);
    expect(error).toMatchObject({ kind, status, message: 'm', type });
    expect(encodeError(error)).toEqual({ status, body, losses: [] });
  });

  it('reads a mid-stream error without a status from its type', () => {
    expect(decodeError({ error: { message: 'boom', type: 'server_error' } })).toMatchObject({
      kind: 'server',
      status: 500,
    });
  });

  it('carries the request id in a body-level request_id and reads it back', () => {
    const encoded = encodeError({ kind: 'not_found', status: 404, message: 'no such model', requestId: 'req_123' });
    expect(encoded.body).toMatchObject({ request_id: 'req_123', error: { message: 'no such model' } });
    const back = decodeError(encoded.body, encoded.status);
    expect(back.requestId).toBe('req_123');
    expect(encodeError(back)).toEqual(encoded);
  });

  it('never throws on odd bodies', () => {
    expect(decodeError('Bad Gateway', 502)).toMatchObject({ kind: 'server', status: 502, message: 'Bad Gateway' });
    expect(decodeError('{"error":{"message":"x","type":"invalid_request_error"}}', 400)).toMatchObject({
      kind: 'invalid_request',
      message: 'x',
    });
    expect(decodeError(null)).toMatchObject({ kind: 'other', status: 500 });
    expect(decodeError({ error: { message: 7, code: 429 } }, 429)).toMatchObject({ kind: 'rate_limit', code: '429' });
  });
});

describe('encodeError', () => {
  it('writes canonical errors from other formats in the OpenAI envelope', () => {
    const overloaded = encodeError({
      kind: 'overloaded',
      status: 529,
      message: 'Overloaded',
      type: 'overloaded_error',
    });
    expect(overloaded).toMatchObject({
      status: 503,
      body: { error: { message: 'Overloaded', type: 'overloaded_error', param: null, code: null } },
    });
    // OpenAI has no 529: the status is reported as approximated.
    expect(overloaded.losses.map((l) => [l.code, l.path, l.feature])).toEqual([
      ['approximated', ['status'], 'error.status'],
    ]);
    expect(encodeError({ kind: 'rate_limit', status: 0, message: 'slow down' })).toMatchObject({
      status: 429,
      body: { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
  });
});
