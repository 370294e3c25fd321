import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';

describe('error codec', () => {
  it('reads the OpenAI envelope', () => {
    expect(
      decodeError(
        { error: { message: 'Invalid size', type: 'invalid_request_error', param: 'size', code: 'invalid_value' } },
        400,
      ),
    ).toEqual({
      kind: 'invalid_request',
      status: 400,
      message: 'Invalid size',
      type: 'invalid_request_error',
      param: 'size',
      code: 'invalid_value',
    });
    expect(
      decodeError(
        { error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
        429,
      ).kind,
    ).toBe('quota');
    expect(
      decodeError({ error: { message: 'blocked', type: 'invalid_request_error', code: 'moderation_blocked' } }, 400)
        .kind,
    ).toBe('content_filter');
  });

  it("reads new-api's task errors and text; never throws", () => {
    expect(decodeError({ code: 'task_not_exist', message: 'task not exist', data: null }, 404)).toEqual({
      kind: 'not_found',
      status: 404,
      message: 'task not exist',
      code: 'task_not_exist',
      extensions: { sora: { data: null } },
    });
    expect(decodeError('upstream timeout', 504)).toMatchObject({ kind: 'timeout', message: 'upstream timeout' });
    expect(decodeError([1], 500)).toMatchObject({ kind: 'server', details: [1] });
  });

  it('writes the envelope and reads it back', () => {
    const encoded = encodeError({ kind: 'rate_limit', status: 429, message: 'slow down' });
    expect(encoded).toEqual({
      status: 429,
      body: { error: { message: 'slow down', type: 'requests', param: null, code: null } },
      losses: [],
    });
    expect(decodeError(encoded.body, 429)).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: 'slow down',
      type: 'requests',
    });
  });
});
