import { type ChatRequest, UnsupportedError, WireFormatError } from '@interlingua/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './request.ts';

const roundTrip = (wire: unknown) => expect(encodeRequest(decodeRequest(wire).value).value).toEqual(wire);

describe('decodeRequest', () => {
  it('keeps system and developer messages at their positions', () => {
    const wire = {
      model: 'gpt-5',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Mid-conversation rule.' }] },
        { role: 'user', content: 'Again' },
      ],
    };
    const { value, losses } = decodeRequest(wire);
    expect(losses).toEqual([]);
    expect(value.messages.map((m) => [m.role, m.content])).toEqual([
      ['developer', [{ type: 'text', text: 'Be brief.' }]],
      ['user', [{ type: 'text', text: 'Hi' }]],
      ['system', [{ type: 'text', text: 'Mid-conversation rule.' }]],
      ['user', [{ type: 'text', text: 'Again' }]],
    ]);
    roundTrip(wire);
  });

  it('maps user parts: text, image URL and data URL with detail, input_audio, files by data and id', () => {
    const wire = {
      messages: [
        {
          role: 'user',
          name: 'ann',
          content: [
            { type: 'text', text: 'Look', prompt_cache_breakpoint: { mode: 'explicit' } },
            { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
            { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBER', filename: 'a.pdf' } },
            { type: 'file', file: { file_id: 'file-123' } },
            { type: 'hologram', hologram: { id: 7 } },
          ],
        },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages[0]?.name).toBe('ann');
    expect(value.messages[0]?.content).toEqual([
      { type: 'text', text: 'Look', cache: { type: 'ephemeral' } },
      { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' }, detail: 'high' },
      { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0K' } },
      { type: 'audio', source: { type: 'base64', mediaType: 'audio/wav', data: 'UklGR' } },
      { type: 'file', source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBER' }, filename: 'a.pdf' },
      { type: 'file', source: { type: 'file', fileId: 'file-123' } },
    ]);
    // The unknown part is kept, with its position, and written back there.
    roundTrip(wire);
  });

  it('maps assistant content, refusal, tool calls (function and custom), audio and compatible reasoning', () => {
    const wire = {
      messages: [
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'Let me think.',
          reasoning_signature: 'sig==',
          refusal: 'No.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } },
            { id: 'call_2', type: 'custom', custom: { name: 'patch', input: '*** Begin' } },
          ],
          audio: { id: 'audio_1' },
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'done' },
        { role: 'assistant', content: 'ok', reasoning: 'thought' },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages[0]?.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: { format: 'openai-chat', value: 'sig==' } },
      { type: 'refusal', text: 'No.' },
      { type: 'tool-call', id: 'call_1', name: 'get', arguments: '{"a":1}' },
      { type: 'tool-call', id: 'call_2', name: 'patch', arguments: '*** Begin', kind: 'custom' },
    ]);
    expect(value.messages[1]).toMatchObject({
      role: 'tool',
      content: [{ type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: 'done' }] }],
    });
    expect(value.messages[2]?.content[0]).toEqual({ type: 'reasoning', text: 'thought' });
    roundTrip(wire);
  });

  it('reads legacy functions, function_call and function-role messages and writes them back', () => {
    const wire = {
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { role: 'function', name: 'get_weather', content: 'sunny' },
      ],
      functions: [{ name: 'get_weather', parameters: { type: 'object' } }],
      function_call: { name: 'get_weather' },
    };
    const { value } = decodeRequest(wire);
    expect(value.tools).toMatchObject([{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }]);
    expect(value.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    const call = value.messages[1]?.content[0];
    const result = value.messages[2]?.content[0];
    expect(call).toMatchObject({ type: 'tool-call', name: 'get_weather' });
    expect(result).toMatchObject({ type: 'tool-result', name: 'get_weather', callId: (call as { id: string }).id });
    roundTrip(wire);
  });

  it('maps tools, tool_choice (incl. allowed_tools), response_format, reasoning_effort and sampling', () => {
    const wire = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } },
        {
          type: 'custom',
          custom: { name: 'g', format: { type: 'grammar', grammar: { definition: 'start: "a"', syntax: 'lark' } } },
        },
      ],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'f' } }] },
      },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'high',
      verbosity: 'low',
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      logit_bias: { '50256': -100 },
      logprobs: true,
      top_logprobs: 3,
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      modalities: ['text', 'audio'],
      audio: { format: 'wav', voice: 'alloy' },
      prediction: { type: 'content', content: 'x' },
      metadata: { k: 'v' },
      store: true,
      user: 'u1',
      safety_identifier: 'hash',
      prompt_cache_key: 'k',
      prompt_cache_retention: '24h',
      service_tier: 'flex',
      web_search_options: { search_context_size: 'low' },
    };
    const { value } = decodeRequest(wire);
    expect(value).toMatchObject({
      tools: [
        { type: 'function', name: 'f', description: 'd', parameters: { type: 'object' }, strict: true },
        { type: 'custom', name: 'g', format: { type: 'grammar', syntax: 'lark', definition: 'start: "a"' } },
        { type: 'builtin', kind: 'web_search', options: { searchContextSize: 'low' } },
      ],
      toolChoice: { type: 'required', allowedTools: ['f'] },
      parallelToolCalls: false,
      output: { type: 'json-schema', name: 'out', schema: { type: 'object' }, strict: true },
      reasoning: { effort: 'high' },
      verbosity: 'low',
      stop: ['END'],
      n: 2,
      logitBias: { '50256': -100 },
      topLogprobs: 3,
      streamOptions: { includeUsage: true },
      cache: { key: 'k', retention: '24h' },
      serviceTier: 'flex',
      user: 'u1',
    });
    roundTrip(wire);
  });

  it('remembers max_tokens so a same-format round trip keeps it', () => {
    const legacy = { messages: [{ role: 'user', content: 'x' }], max_tokens: 100 };
    expect(decodeRequest(legacy).value.maxOutputTokens).toBe(100);
    roundTrip(legacy);
    roundTrip({ messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 100 });
    roundTrip({ messages: [{ role: 'user', content: 'x' }], max_tokens: 50, max_completion_tokens: 100 });
    const moved = encodeRequest(decodeRequest(legacy).value, { maxTokensField: 'max_completion_tokens' }).value;
    expect(moved).toEqual({ messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 100 });
  });

  it('rejects invalid bodies with the JSON path', () => {
    const bad = (wire: unknown, path: (string | number)[]) => {
      try {
        decodeRequest(wire);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(WireFormatError);
        expect((error as WireFormatError).path).toEqual(path);
      }
    };
    bad({ model: 'x' }, ['messages']);
    bad({ messages: [{ role: 'robot', content: 'x' }] }, ['messages', 0, 'role']);
    bad({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 7 } }] }] }, [
      'messages',
      0,
      'content',
      0,
      'image_url',
      'url',
    ]);
    bad({ messages: [], tools: [{ type: 'function' }] }, ['tools', 0, 'function']);
    bad({ messages: [], temperature: 'hot' }, ['temperature']);
  });

  it('never throws anything but WireFormatError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          decodeRequest(json);
        } catch (error) {
          expect(error).toBeInstanceOf(WireFormatError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodeRequest from other formats', () => {
  const foreign: ChatRequest = {
    model: 'claude-x',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'sys' }] },
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm', signature: { format: 'claude', value: 'EqQB' } },
          { type: 'tool-call', id: '', name: 'look', arguments: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            callId: '',
            name: 'look',
            isError: true,
            content: [
              { type: 'text', text: 'here' },
              { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' } },
            ],
          },
        ],
      },
    ],
    maxOutputTokens: 1024,
    topK: 40,
    reasoning: { mode: 'enabled', budgetTokens: 4000 },
    state: { previousResponseId: 'resp_1' },
  };

  it('writes a body Chat accepts and reports every loss', () => {
    const { value, losses } = encodeRequest(foreign);
    expect(value).toEqual({
      model: 'claude-x',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          reasoning_content: 'hmm',
          tool_calls: [
            { id: 'call_messages_2_content_1', type: 'function', function: { name: 'look', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_messages_2_content_1', content: 'here' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      ],
      max_completion_tokens: 1024,
      reasoning_effort: 'medium',
    });
    expect(losses.map((l) => [l.code, l.feature])).toEqual([
      ['defaulted', 'tool-call.id'],
      ['dropped', 'reasoning.signature'],
      ['approximated', 'tool-result.media'],
      ['dropped', 'tool-result.error'],
      ['dropped', 'sampling.top-k'],
      ['approximated', 'reasoning.config'],
      ['stateful', 'state'],
    ]);
  });

  it('asks a streaming Chat upstream for usage (other formats always stream it)', () => {
    expect(encodeRequest({ messages: [], stream: true }).value).toEqual({
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    roundTrip({ messages: [], stream: true });
  });

  it('honours maxTokensField and reasoningField', () => {
    const { value } = encodeRequest(foreign, { maxTokensField: 'max_tokens', reasoningField: 'none' });
    expect(value).toMatchObject({ max_tokens: 1024 });
    expect(JSON.stringify(value)).not.toContain('reasoning_content');
    const reasoning = encodeRequest(foreign, { reasoningField: 'reasoning' }).value as {
      messages: { reasoning?: string }[];
    };
    expect(reasoning.messages[2]?.reasoning).toBe('hmm');
  });

  it('rewrites tool names Chat rejects, the same way everywhere', () => {
    const { value, losses } = encodeRequest({
      model: 'gpt-4.1',
      messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'fs.read', arguments: '{}' }] }],
      tools: [{ type: 'function', name: 'fs.read' }],
      toolChoice: { type: 'tool', name: 'fs.read' },
    });
    expect(value).toMatchObject({
      messages: [{ tool_calls: [{ function: { name: 'fs_read' } }] }],
      tools: [{ function: { name: 'fs_read' } }],
      tool_choice: { type: 'function', function: { name: 'fs_read' } },
    });
    expect(losses.map((l) => l.feature)).toEqual(['tool.name', 'tool.name']);
  });

  it('writes an empty string for an assistant turn left with nothing Chat can carry', () => {
    const { value } = encodeRequest({
      messages: [{ role: 'assistant', content: [{ type: 'reasoning', text: '', redacted: true }] }],
    });
    expect(value).toEqual({ messages: [{ role: 'assistant', content: '' }] });
  });

  it('carries the Gemini-compat thought signature on tool calls as opaque state', () => {
    const wire = {
      messages: [
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'f', arguments: '{}' },
              extra_content: { google: { thought_signature: 'dGhvdWdodA==' } },
            },
          ],
        },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages[0]?.content[0]).toMatchObject({
      signature: { format: 'openai-chat', value: 'dGhvdWdodA==' },
    });
    roundTrip(wire);
  });

  it('throws UnsupportedError in strict mode', () => {
    expect(() => encodeRequest(foreign, { strict: true })).toThrow(UnsupportedError);
  });
  it('writes no model for a request without one and reports a model loss (strict mode throws)', () => {
    const request = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }] };
    const { value, losses } = encodeRequest(request);
    expect(value).not.toHaveProperty('model');
    expect(losses).toMatchObject([{ code: 'dropped', path: ['model'], feature: 'model' }]);
    expect(() => encodeRequest(request, { strict: true })).toThrow(UnsupportedError);
    expect(encodeRequest({ ...request, model: 'gpt-4.1' }).losses).toEqual([]);
  });
});
