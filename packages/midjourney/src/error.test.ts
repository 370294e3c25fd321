import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';

describe('error codec', () => {
  it("reads new-api's envelope", () => {
    expect(decodeError({ description: 'quota_not_enough', type: 'upstream_error', code: 4 }, 400)).toEqual({
      kind: 'invalid_request',
      status: 400,
      message: 'quota_not_enough',
      type: 'upstream_error',
      code: '4',
    });
    expect(decodeError({ description: 'group saturated', type: 'upstream_error', code: 30 })).toMatchObject({
      kind: 'rate_limit',
      status: 429,
    });
  });

  it('reads failed submit results by their code', () => {
    expect(decodeError({ code: 24, description: 'banned', properties: { bannedWord: 'x' } }, 200)).toMatchObject({
      kind: 'content_filter',
      code: '24',
      extensions: { midjourney: { properties: { bannedWord: 'x' } } },
    });
    expect(decodeError({ code: 23, description: 'queue full' }, 200).kind).toBe('overloaded');
  });

  it('reads {error: text}, {error: {message}} and plain text; never throws', () => {
    expect(decodeError({ error: 'invalid token' }, 401)).toMatchObject({
      kind: 'authentication',
      message: 'invalid token',
    });
    expect(decodeError({ error: { message: 'nope', type: 'new_api_error', code: 'x' } }, 403)).toMatchObject({
      kind: 'permission',
      message: 'nope',
      type: 'new_api_error',
      code: 'x',
    });
    expect(decodeError('Bad Gateway', 502)).toMatchObject({ kind: 'server', message: 'Bad Gateway' });
    expect(decodeError(42, 500)).toMatchObject({ kind: 'server', details: 42 });
    expect(decodeError(undefined)).toMatchObject({ kind: 'invalid_request', status: 400 });
  });

  it('writes the envelope and reads it back', () => {
    const encoded = encodeError({ kind: 'rate_limit', status: 429, message: 'slow down' });
    expect(encoded).toEqual({
      status: 429,
      body: { description: 'slow down', type: 'upstream_error', code: 30 },
      losses: [],
    });
    expect(decodeError(encoded.body, encoded.status)).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: 'slow down',
      type: 'upstream_error',
      code: '30',
    });
    expect(encodeError({ kind: 'server', status: 500, message: 'x', code: '9' }).body).toEqual({
      description: 'x',
      type: 'upstream_error',
      code: 9,
    });
  });
});
