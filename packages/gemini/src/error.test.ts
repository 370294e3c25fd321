import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from './error.ts';

describe('errors', () => {
  it('reads an invalid key as an authentication error (Gemini sends 400)', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ],
      },
    };
    const error = decodeError(body, 400);
    expect(error).toMatchObject({ kind: 'authentication', status: 400, type: 'INVALID_ARGUMENT', code: '400' });
    expect(encodeError(error)).toEqual({ status: 400, body, losses: [] });
  });

  it('maps statuses and retry hints', () => {
    const quota = decodeError({
      error: {
        code: 429,
        message: 'quota',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '31s' }],
      },
    });
    expect(quota).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 31 });
    expect(decodeError({ error: { code: 500, message: 'x', status: 'INTERNAL' } }).kind).toBe('server');
    expect(decodeError({ error: { code: 503, message: 'x', status: 'UNAVAILABLE' } }).kind).toBe('overloaded');
    expect(decodeError({ error: { code: 504, message: 'x', status: 'DEADLINE_EXCEEDED' } }).kind).toBe('timeout');
    expect(decodeError([{ error: { code: 404, message: 'x', status: 'NOT_FOUND' } }]).kind).toBe('not_found');
  });

  it('never throws on unknown shapes', () => {
    expect(decodeError('Bad Gateway', 502)).toMatchObject({ kind: 'server', status: 502, message: 'Bad Gateway' });
    expect(decodeError(undefined)).toMatchObject({ kind: 'server', status: 500 });
    expect(decodeError({ error: 'x' }, 418)).toMatchObject({ kind: 'other', status: 418 });
  });

  it('writes other formats’ errors in Gemini’s envelope and statuses', () => {
    const auth = encodeError({ kind: 'authentication', status: 401, message: 'bad key', type: 'authentication_error' });
    // Gemini answers a bad key with 400 and has no type of that name: both are reported.
    expect(auth.losses.map((l) => l.feature)).toEqual(['error.status', 'error.type']);
    expect(auth).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'bad key',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
            },
          ],
        },
      },
    });
    expect(encodeError({ kind: 'rate_limit', status: 429, message: 'slow down', retryAfter: 2 })).toEqual({
      losses: [],
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'slow down',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
        },
      },
    });
    expect(encodeError({ kind: 'overloaded', status: 529, message: 'busy' }).status).toBe(503);
    expect(encodeError({ kind: 'timeout', status: 408, message: 'slow' }).status).toBe(504);
  });
});
