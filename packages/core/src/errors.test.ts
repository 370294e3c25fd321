import { describe, expect, it } from 'vitest';
import { InterlinguaError, ProviderError, UnsupportedError, WireFormatError } from './errors.ts';
import { formatPath } from './model/loss.ts';
import { createLossRecorder } from './model/loss-recorder.ts';
import { createSseTokenizer } from './sse/tokenizer.ts';
import { parseWireJson, wireErrorFromIssues } from './wire-json.ts';

describe('errors', () => {
  it('names format, kind, path, expected and received in wire-format errors', () => {
    const error = new WireFormatError({
      format: 'claude',
      kind: 'request',
      issues: [{ path: ['messages', 0, 'content'], expected: 'string or array', received: 'number 3' }],
    });
    expect(error.message).toBe('claude request: at messages[0].content: expected string or array, received number 3');
    expect(error.code).toBe('wire_format');
    expect(error.path).toEqual(['messages', 0, 'content']);
    expect(InterlinguaError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(InterlinguaError);
  });

  it('recognises errors across package copies by brand, not by class identity', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('interlingua.error')]: true });
    expect(InterlinguaError.is(foreign)).toBe(true);
    expect(InterlinguaError.is(new Error('x'))).toBe(false);
    expect(InterlinguaError.is(null)).toBe(false);
  });

  it('builds wire errors from validator issues with what actually arrived', () => {
    const input = { messages: [{ role: 'user', content: 3 }] };
    const error = wireErrorFromIssues(
      'openai-chat',
      'request',
      [{ path: ['messages', 0, 'content'], message: 'Invalid input: expected string, received number' }],
      input,
    );
    expect(error.issues[0]).toEqual({ path: ['messages', 0, 'content'], expected: 'string', received: 'number 3' });
  });

  it('turns bad JSON into a wire error at the given path', () => {
    expect(() => parseWireJson('{oops', 'gemini', 'stream', [4, 'data'])).toThrowError(
      'gemini stream: at [4].data: expected valid JSON, received "{oops"',
    );
  });

  it('carries the provider error and status', () => {
    const error = new ProviderError({ kind: 'overloaded', status: 529, message: 'Overloaded' }, 'claude');
    expect(error.status).toBe(529);
    expect(error.message).toBe('claude provider error 529 (overloaded): Overloaded');
  });

  it('formats paths readably', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['a', 0, 'b c', 'd'])).toBe('a[0]["b c"].d');
  });
});

describe('createLossRecorder', () => {
  it('collects losses with the format', () => {
    const recorder = createLossRecorder('gemini');
    recorder.drop(['seed'], 'no seed', 'sampling.seed');
    recorder.approximate(['messages', 1], 'merged');
    expect(recorder.losses).toEqual([
      { code: 'dropped', path: ['seed'], message: 'no seed', format: 'gemini', feature: 'sampling.seed' },
      { code: 'approximated', path: ['messages', 1], message: 'merged', format: 'gemini' },
    ]);
  });

  it('throws UnsupportedError on the first loss in strict mode', () => {
    const recorder = createLossRecorder('claude', { strict: true });
    expect(() => recorder.drop(['n'], 'Claude has no n')).toThrowError(UnsupportedError);
    try {
      recorder.drop(['n'], 'Claude has no n');
    } catch (error) {
      expect((error as UnsupportedError).losses[0]?.path).toEqual(['n']);
      expect((error as UnsupportedError).message).toBe('claude: Claude has no n (at n)');
    }
  });
});

describe('SSE errors', () => {
  it('are interlingua errors with a stable code', () => {
    const tokenizer = createSseTokenizer({ maxLineBytes: 8 });
    try {
      tokenizer.feed(new TextEncoder().encode('data: far too long for the limit'));
      expect.unreachable();
    } catch (error) {
      expect(InterlinguaError.is(error)).toBe(true);
      expect((error as InterlinguaError).code).toBe('sse_line_too_long');
    }
  });
});
