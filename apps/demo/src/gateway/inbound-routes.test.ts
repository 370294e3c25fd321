import { describe, expect, it } from 'vitest';
import { matchInbound } from './inbound-routes.ts';

const at = (method: string, path: string, anthropic = false) =>
  matchInbound(method, new URL(path, 'http://h'), anthropic);

describe('matchInbound', () => {
  it('maps the chat routes of the four formats', () => {
    expect(at('POST', '/v1/chat/completions')).toEqual({ kind: 'chat', format: 'openai-chat' });
    expect(at('POST', '/v1beta/openai/chat/completions')).toEqual({ kind: 'chat', format: 'openai-chat' });
    expect(at('POST', '/v1/responses')).toEqual({ kind: 'chat', format: 'openai-responses' });
    expect(at('POST', '/v1/messages?beta=true')).toEqual({ kind: 'chat', format: 'claude' });
    expect(at('POST', '/v1/messages/count_tokens')).toEqual({ kind: 'count-tokens', format: 'claude' });
    expect(at('POST', '/v1beta/models/gemini-2.5-flash:generateContent')).toEqual({
      kind: 'chat',
      format: 'gemini',
      model: 'gemini-2.5-flash',
      stream: false,
      sse: false,
    });
    expect(at('POST', '/v1/models/g:streamGenerateContent?alt=sse')).toMatchObject({ stream: true, sse: true });
    expect(at('POST', '/v1beta/models/g:streamGenerateContent')).toMatchObject({ stream: true, sse: false });
    expect(at('POST', '/v1beta/models/g:countTokens')).toEqual({ kind: 'count-tokens', format: 'gemini', model: 'g' });
  });

  it('maps the model routes, in the Anthropic shape when anthropic-version is sent', () => {
    expect(at('GET', '/v1/models')).toEqual({ kind: 'list-models', format: 'openai-chat' });
    expect(at('GET', '/v1/models', true)).toEqual({ kind: 'list-models', format: 'claude' });
    expect(at('GET', '/v1/models/gpt-5')).toEqual({ kind: 'get-model', format: 'openai-chat', id: 'gpt-5' });
    expect(at('GET', '/v1beta/models')).toEqual({ kind: 'list-models', format: 'gemini' });
    expect(at('GET', '/v1beta/openai/models')).toEqual({ kind: 'list-models', format: 'openai-chat' });
    expect(at('GET', '/v1beta/models/models%2Fg')).toEqual({ kind: 'get-model', format: 'gemini', id: 'g' });
    expect(at('GET', '/health')).toEqual({ kind: 'health' });
  });

  it('knows nothing else', () => {
    expect(at('GET', '/v1/chat/completions')).toBeUndefined();
    expect(at('POST', '/v1/embeddings')).toBeUndefined();
    expect(at('DELETE', '/v1/models/x')).toBeUndefined();
  });
});
