import { type ChatRequest, type JsonObject, UnsupportedError, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { requestHeaders } from './headers.ts';
import { DEFAULT_MAX_TOKENS, decodeRequest, encodeRequest } from './request.ts';
import { claudeRequestProblems } from './test-support/validate.ts';

const user = (text: string): ChatRequest['messages'][number] => ({ role: 'user', content: [{ type: 'text', text }] });
const body = (request: ChatRequest, options?: Parameters<typeof encodeRequest>[1]) => {
  const { value, losses } = encodeRequest(request, options);
  return { wire: value as JsonObject, losses, features: losses.map((l) => l.feature) };
};

describe('decodeRequest', () => {
  it('maps system blocks with cache_control to a leading system message', () => {
    const wire = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: 'hi' }],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages[0]).toMatchObject({
      role: 'system',
      content: [{ type: 'text', text: 'Be brief.', cache: { type: 'ephemeral', ttl: '1h' } }],
    });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('keeps a mid-conversation role:system message in place', () => {
    const wire = {
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: 'Now answer in French.' },
        { role: 'user', content: 'ok' },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'system', 'user']);
    expect(encodeRequest(value)).toEqual({ value: wire, losses: [] });
  });

  it('splits a user turn with tool results into a tool message and a user message', () => {
    const wire = {
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'done' }], is_error: true },
            { type: 'text', text: 'and?' },
          ],
        },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(value.messages[2]?.content[0]).toEqual({
      type: 'tool-result',
      callId: 'toolu_1',
      content: [{ type: 'text', text: 'done' }],
      isError: true,
    });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('carries beta fields, unknown blocks and headers', () => {
    const wire = {
      max_tokens: 10,
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'x' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'search_result', source: 's', title: 't', content: [] },
            { type: 'text', text: 'q' },
          ],
        },
      ],
    };
    const { value } = decodeRequest(wire, {
      headers: { 'Anthropic-Beta': 'context-management-2025-06-27', 'x-api-key': 'k' },
    });
    expect(value.headers).toEqual({ 'anthropic-beta': 'context-management-2025-06-27' });
    expect(requestHeaders(value)).toEqual({
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'context-management-2025-06-27',
    });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('maps thinking, effort, output format, tool_choice and metadata', () => {
    const { value } = decodeRequest({
      max_tokens: 5000,
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'enabled', budget_tokens: 2000, display: 'omitted' },
      output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } },
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      metadata: { user_id: 'u1' },
      service_tier: 'auto',
    });
    expect(value).toMatchObject({
      reasoning: { mode: 'enabled', budgetTokens: 2000, includeThoughts: false, effort: 'high' },
      output: { type: 'json-schema', schema: { type: 'object' } },
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      user: 'u1',
      serviceTier: 'auto',
    });
  });

  it('throws a WireFormatError with the JSON path on bad input', () => {
    const bad = { max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }] };
    expect(() => decodeRequest(bad)).toThrow(WireFormatError);
    try {
      decodeRequest(bad);
    } catch (error) {
      expect((error as WireFormatError).path).toEqual(['messages', 0, 'content', 0, 'text']);
    }
    expect(() => decodeRequest({ max_tokens: 1 })).toThrow(/messages/);
    expect(() => decodeRequest({ messages: [{ role: 'bot', content: 'x' }] })).toThrow(WireFormatError);
    expect(() => decodeRequest('nope')).toThrow(WireFormatError);
  });
});

describe('encodeRequest from other formats', () => {
  it('defaults max_tokens (above a thinking budget) and reports it', () => {
    expect(body({ messages: [user('x')] }).wire.max_tokens).toBe(DEFAULT_MAX_TOKENS);
    expect(body({ messages: [user('x')] }, { defaultMaxTokens: 1000 }).wire.max_tokens).toBe(1000);
    const thinking = body({ messages: [user('x')], reasoning: { budgetTokens: 10_000 } });
    expect(thinking.wire.max_tokens).toBe(DEFAULT_MAX_TOKENS + 10_000);
    expect(thinking.features).toContain('max-tokens');
    const lowered = body({ messages: [user('x')], maxOutputTokens: 3000, reasoning: { budgetTokens: 5000 } });
    expect(lowered.wire.thinking).toEqual({ type: 'enabled', budget_tokens: 2999 });
  });

  it('hoists instructions, merges turns, puts tool results first and fills missing ones', () => {
    const { wire, features } = body({
      maxOutputTokens: 100,
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Rules.' }] },
        user('a'),
        user('b'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"x":1}' },
            { type: 'tool-call', id: 'call_2', name: 'f', arguments: '{}' },
          ],
        },
        user('look'),
        { role: 'tool', content: [{ type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: 'r1' }] }] },
        { role: 'system', content: [{ type: 'text', text: 'Late rule.' }] },
      ],
    });
    expect(wire.system).toEqual([
      { type: 'text', text: 'Rules.' },
      { type: 'text', text: 'Late rule.' },
    ]);
    expect(wire.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_1', name: 'f', input: { x: 1 } },
          { type: 'tool_use', id: 'call_2', name: 'f', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: [{ type: 'text', text: 'r1' }] },
          {
            type: 'tool_result',
            tool_use_id: 'call_2',
            content: 'No result was provided for this tool call.',
            is_error: true,
          },
          { type: 'text', text: 'look' },
        ],
      },
    ]);
    expect(features).toEqual(
      expect.arrayContaining([
        'instructions.developer',
        'instructions.position',
        'content.empty-text',
        'tool-result.missing',
      ]),
    );
    expect(claudeRequestProblems(wire)).toEqual([]);
  });

  it('sends a tool result that answers no call as text', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [
        user('a'),
        { role: 'tool', content: [{ type: 'tool-result', callId: 'gone', content: [{ type: 'text', text: '42' }] }] },
      ],
    });
    expect(wire.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Tool result (gone): 42' },
          { type: 'text', text: 'a' },
        ],
      },
    ]);
    expect(features).toEqual(['tool-result.orphan']);
  });

  it('keeps mid-conversation instructions inline when asked', () => {
    const { wire, features } = body(
      {
        maxOutputTokens: 9,
        messages: [user('a'), { role: 'system', content: [{ type: 'text', text: 'S' }] }, user('b')],
      },
      { midConversationSystem: true },
    );
    expect(wire.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'system', content: 'S' },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
    ]);
    expect(features).toEqual([]);
  });

  it('opens an assistant-first conversation with a placeholder user turn', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [{ role: 'assistant', content: [{ type: 'text', text: 'Hi!' }] }, user('yo')],
    });
    expect((wire.messages as JsonObject[])[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: '(conversation start)' }],
    });
    expect(features).toContain('messages.alternation');
  });

  it('gives a request of instructions only a placeholder user turn, reporting messages.alternation', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
    });
    expect(wire.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: '(conversation start)' }] }]);
    expect(wire.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(features).toContain('messages.alternation');
    expect(body({ maxOutputTokens: 9, messages: [] }).wire.messages).toHaveLength(1);
  });

  it('drops instructions of whitespace only, reporting content.empty-text', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [{ role: 'system', content: [{ type: 'text', text: ' \n' }] }, user('hi')],
    });
    // Like an empty instruction: no system text is left (an empty list, as for `instructions: ""`).
    expect(wire.system).toEqual([]);
    expect(wire.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(features).toContain('content.empty-text');
  });

  it('rewrites foreign tool ids and names reversibly and leaves native ones alone', () => {
    const request: ChatRequest = {
      maxOutputTokens: 9,
      tools: [{ type: 'function', name: 'files.read:v2' }],
      toolChoice: { type: 'tool', name: 'files.read:v2' },
      messages: [
        user('a'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'call|abc.1', name: 'files.read:v2', arguments: '{}' },
            { type: 'tool-call', id: 'toolu_01X', name: 'files.read:v2', arguments: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', callId: 'call|abc.1', content: [{ type: 'text', text: 'r' }] },
            { type: 'tool-result', callId: 'toolu_01X', content: [{ type: 'text', text: 'r' }] },
          ],
        },
      ],
    };
    const { wire } = body(request);
    const assistant = (wire.messages as JsonObject[])[1]!.content as JsonObject[];
    expect(assistant.map((b) => b.id)).toEqual(['ilx_call-7c-abc-2e-1', 'toolu_01X']);
    expect(assistant[0]!.name).toBe('ilx_files-2e-read-3a-v2');
    expect(claudeRequestProblems(wire)).toEqual([]);
    const back = decodeRequest(wire).value;
    expect(back.tools?.[0]).toMatchObject({ name: 'files.read:v2' });
    expect(back.toolChoice).toEqual({ type: 'tool', name: 'files.read:v2' });
    expect(back.messages[1]?.content[0]).toMatchObject({ id: 'call|abc.1', name: 'files.read:v2' });
    expect(back.messages[2]?.content[0]).toMatchObject({ callId: 'call|abc.1' });
  });

  it('drops temperature and top_k under thinking, and forced tools become auto', () => {
    const { wire, features } = body({
      maxOutputTokens: 9000,
      messages: [user('x')],
      tools: [{ type: 'function', name: 'f' }],
      toolChoice: { type: 'required' },
      temperature: 0.2,
      topK: 5,
      topP: 0.5,
      reasoning: { mode: 'adaptive', effort: 'high' },
    });
    expect(wire).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      tool_choice: { type: 'auto' },
    });
    expect(wire.temperature).toBeUndefined();
    expect(wire.top_k).toBeUndefined();
    expect(features).toEqual(
      expect.arrayContaining(['sampling.temperature', 'sampling.top-k', 'sampling.top-p', 'tool-choice']),
    );
  });

  it('turns thinking off for a tool loop whose thinking came from another format', () => {
    const { wire, features } = body({
      maxOutputTokens: 9000,
      reasoning: { mode: 'enabled', budgetTokens: 2000 },
      messages: [
        user('x'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'gemini thoughts', signature: { format: 'gemini', value: 's' } },
            { type: 'tool-call', id: 'c1', name: 'f', arguments: '{}' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'c1', content: [{ type: 'text', text: 'r' }] }] },
      ],
    });
    expect(wire.thinking).toEqual({ type: 'disabled' });
    expect(features).toEqual(['reasoning.text', 'reasoning.signature', 'reasoning.config']);
  });

  it('maps reasoning effort levels', () => {
    expect(body({ maxOutputTokens: 9, messages: [user('x')], reasoning: { effort: 'none' } }).wire.thinking).toEqual({
      type: 'disabled',
    });
    expect(
      body({ maxOutputTokens: 9, messages: [user('x')], reasoning: { effort: 'medium' } }).wire.output_config,
    ).toEqual({ effort: 'medium' });
    const fixed = body({
      maxOutputTokens: 90_000,
      messages: [user('x')],
      reasoning: { mode: 'enabled', effort: 'high' },
    });
    expect(fixed.wire.thinking).toEqual({ type: 'enabled', budget_tokens: 16384 });
    expect(fixed.features).toEqual(['reasoning.config']);
  });

  it('never turns foreign reasoning into thinking, and replays Claude thinking exactly', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [
        user('x'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'openai thoughts', signature: { format: 'openai-responses', value: 'enc' } },
            { type: 'reasoning', text: 'mine', signature: { format: 'claude', value: 'sig' } },
            { type: 'reasoning', text: '', redacted: true, encrypted: { format: 'claude', value: 'data' } },
            { type: 'text', text: 'ok' },
          ],
        },
      ],
    });
    expect((wire.messages as JsonObject[])[1]!.content).toEqual([
      { type: 'thinking', thinking: 'mine', signature: 'sig' },
      { type: 'redacted_thinking', data: 'data' },
      { type: 'text', text: 'ok' },
    ]);
    expect(features).toEqual(['reasoning.text', 'reasoning.signature']);
  });

  it('writes JSON output as output_config.format, sanitising the schema, and json mode as an instruction', () => {
    const schema = body({
      maxOutputTokens: 9,
      messages: [user('x')],
      output: {
        type: 'json-schema',
        name: 'n',
        schema: { type: 'object', properties: { a: { type: 'string', pattern: '^a', oneOf: [] } } },
      },
    });
    expect(schema.wire.output_config).toEqual({
      format: {
        type: 'json_schema',
        schema: {
          type: 'object',
          properties: { a: { type: 'string', anyOf: [], description: '{pattern: ^a}' } },
          additionalProperties: false,
        },
      },
    });
    expect(schema.features).toEqual(['output.json-schema', 'output.json-schema']);
    const json = body({
      maxOutputTokens: 9,
      messages: [{ role: 'system', content: [{ type: 'text', text: 'S' }] }, user('x')],
      output: { type: 'json' },
    });
    expect(json.wire.system).toBe('S\n\nRespond only with a single valid JSON object, without any other text.');
    expect(json.features).toEqual(['output.json']);
  });

  it('splits data URLs, drops what Claude cannot take, and reports unsupported parameters', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      seed: 1,
      n: 2,
      presencePenalty: 1,
      metadata: { a: 'b' },
      state: { previousResponseId: 'resp_1' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'data:image/png;base64,AAAA' } },
            { type: 'image', source: { type: 'base64', mediaType: 'image/bmp', data: 'AAAA' } },
            { type: 'audio', source: { type: 'base64', mediaType: 'audio/wav', data: 'AAAA' } },
            { type: 'file', source: { type: 'base64', mediaType: 'application/pdf', data: 'AAAA' }, filename: 'a.pdf' },
          ],
        },
      ],
    });
    expect((wire.messages as JsonObject[])[0]!.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'AAAA' }, title: 'a.pdf' },
    ]);
    expect(features).toEqual(
      expect.arrayContaining([
        'content.image',
        'content.audio',
        'content.file',
        'sampling.seed',
        'sampling.n',
        'sampling.penalties',
        'metadata',
        'state',
      ]),
    );
  });

  it('maps foreign built-in tools onto Claude server tools', () => {
    const { wire, features } = body({
      maxOutputTokens: 9,
      messages: [user('x')],
      tools: [
        {
          type: 'builtin',
          kind: 'web_search',
          providerType: 'web_search_preview',
          options: { searchContextSize: 'low', allowedDomains: ['a.com'] },
        },
        { type: 'builtin', kind: 'image_generation' },
        { type: 'custom', name: 'apply_patch' },
      ],
    });
    expect(wire.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', allowed_domains: ['a.com'] },
      {
        name: 'apply_patch',
        input_schema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] },
      },
    ]);
    expect(features).toEqual(['tool.builtin', 'tool.builtin', 'tool.custom']);
  });

  it('throws in strict mode instead of losing anything', () => {
    expect(() => encodeRequest({ messages: [user('x')], seed: 3, maxOutputTokens: 1 }, { strict: true })).toThrow(
      UnsupportedError,
    );
  });
});
