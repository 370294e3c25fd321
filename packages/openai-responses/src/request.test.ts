import { type ChatRequest, UnsupportedError, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest } from './index.ts';

describe('decodeRequest', () => {
  it('turns instructions into a leading system message and back', () => {
    const wire = { model: 'gpt-5', instructions: 'Be brief.', input: 'hi' };
    const { value } = decodeRequest(wire);
    expect(value.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', [{ type: 'text', text: 'Be brief.' }]],
      ['user', [{ type: 'text', text: 'hi' }]],
    ]);
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('reports previous_response_id and conversation as stateful losses, and throws in strict mode', () => {
    const wire = { model: 'm', input: 'x', previous_response_id: 'resp_1', conversation: { id: 'conv_1' } };
    const { value, losses } = decodeRequest(wire);
    expect(value.state).toEqual({ previousResponseId: 'resp_1', conversationId: 'conv_1' });
    expect(losses.map((l) => [l.code, l.feature, l.path])).toEqual([
      ['stateful', 'state', ['previous_response_id']],
      ['stateful', 'state', ['conversation']],
    ]);
    expect(() => decodeRequest(wire, { strict: true })).toThrow(UnsupportedError);
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('maps Codex-style items: custom tools, apply_patch calls, reasoning with encrypted state', () => {
    const wire = {
      model: 'gpt-5-codex',
      instructions: 'You are Codex.',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'sandbox: on' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix it' }] },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Plan' }], encrypted_content: 'gAAA' },
        { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_1', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: 'call_1', output: 'Done' },
      ],
      tools: [
        { type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
        { type: 'local_shell' },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'high', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      stream: true,
      prompt_cache_key: 'k',
    };
    const { value, losses } = decodeRequest(wire);
    expect(losses).toEqual([]);
    const assistant = value.messages.find((m) => m.role === 'assistant');
    expect(assistant?.content[0]).toMatchObject({
      type: 'reasoning',
      summary: ['Plan'],
      id: 'rs_1',
      encrypted: { format: 'openai-responses', value: 'gAAA' },
    });
    expect(assistant?.content[1]).toMatchObject({
      type: 'tool-call',
      kind: 'custom',
      id: 'call_1',
      itemId: 'ctc_1',
      arguments: '*** Begin Patch',
    });
    expect(value.messages.find((m) => m.role === 'tool')?.content[0]).toMatchObject({
      type: 'tool-result',
      kind: 'custom',
      callId: 'call_1',
    });
    expect(value.tools?.[0]).toEqual({
      type: 'custom',
      name: 'apply_patch',
      format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
    });
    expect(value.tools?.[1]).toMatchObject({ type: 'builtin', kind: 'local_shell' });
    expect(value.cache).toEqual({ key: 'k' });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('round-trips a Codex-shaped stateless turn (items without ids, content: null, local shell)', () => {
    const wire = {
      model: 'gpt-5-codex',
      instructions: 'You are a coding agent.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files' }] },
        { type: 'reasoning', summary: [], content: null, encrypted_content: 'gAAAA' },
        { type: 'local_shell_call', call_id: 'call_1', status: 'completed', action: { type: 'exec', command: ['ls'] } },
        { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
        {
          type: 'custom_tool_call',
          status: 'completed',
          call_id: 'call_2',
          name: 'apply_patch',
          input: '*** Begin Patch',
        },
        { type: 'custom_tool_call_output', call_id: 'call_2', output: 'ok' },
        { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'rust' } },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'shell',
          description: 'Runs a command',
          strict: false,
          parameters: { type: 'object', properties: {} },
        },
        { type: 'local_shell' },
        { type: 'web_search' },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'medium', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'session-1',
      text: { verbosity: 'low' },
    };
    const { value, losses } = decodeRequest(wire);
    expect(losses).toEqual([]);
    expect(value.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('keeps a continuation without input', () => {
    const wire = { model: 'm', previous_response_id: 'resp_1', instructions: 'x' };
    expect(encodeRequest(decodeRequest(wire).value).value).toEqual(wire);
  });

  it('rejects invalid input with the JSON path', () => {
    const bad = (wire: unknown): WireFormatError => {
      try {
        decodeRequest(wire);
      } catch (error) {
        if (error instanceof WireFormatError) return error;
        throw error;
      }
      throw new Error('expected a WireFormatError');
    };
    expect(bad({ input: 42 }).path).toEqual(['input']);
    expect(bad({ input: [{ type: 'function_call', call_id: 'c', name: 'f' }] }).path).toEqual([
      'input',
      0,
      'arguments',
    ]);
    expect(bad({ input: [{ role: 'user', content: [{ type: 'input_text', text: 1 }] }] }).path).toEqual([
      'input',
      0,
      'content',
      0,
      'text',
    ]);
    expect(bad({ input: [{ role: 'robot', content: 'x' }] }).path).toEqual(['input', 0, 'role']);
    expect(bad({ temperature: 'hot' }).path).toEqual(['temperature']);
    expect(bad(null).format).toBe('openai-responses');
  });

  it('keeps unknown items and parts whole', () => {
    const wire = {
      input: [
        { role: 'user', content: [{ type: 'input_video', video_url: 'https://v' }] },
        { type: 'future_item', id: 'fi_1', payload: { a: 1 } },
      ],
    };
    expect(encodeRequest(decodeRequest(wire).value).value).toEqual(wire);
  });
});

describe('encodeRequest from other formats', () => {
  const foreign: ChatRequest = {
    model: 'claude-sonnet',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking…', signature: { format: 'claude', value: 'sig' } },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'toolu_1', content: [{ type: 'text', text: '18C' }], isError: true }],
      },
    ],
    tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }],
    toolChoice: { type: 'tool', name: 'get_weather' },
    stop: ['END'],
    topK: 5,
    reasoning: { mode: 'enabled', budgetTokens: 4000 },
    state: { previousResponseId: 'resp_9' },
  };

  it('writes a body Responses accepts and reports what it drops', () => {
    const { value, losses } = encodeRequest(foreign);
    expect(value).toEqual({
      model: 'claude-sonnet',
      input: [
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.', annotations: [] }] },
        { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'toolu_1', output: '18C' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: false }],
      tool_choice: { type: 'function', name: 'get_weather' },
      reasoning: { effort: 'medium' },
      previous_response_id: 'resp_9',
    });
    expect(losses.map((l) => l.feature).sort()).toEqual(
      [
        'reasoning.config',
        'reasoning.signature',
        'reasoning.text',
        'sampling.stop',
        'sampling.top-k',
        'tool-result.error',
        'tool.strict',
      ].sort(),
    );
  });

  it('throws in strict mode', () => {
    expect(() => encodeRequest(foreign, { strict: true })).toThrow(UnsupportedError);
  });
});

describe('encodeRequest reports every value it invents or leaves out', () => {
  const user = { role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] };
  const lossesOf = (request: ChatRequest): unknown[] =>
    encodeRequest(request).losses.map((l) => [l.code, l.feature, l.path]);

  it('reports strict: false and an empty schema written for a tool that had neither', () => {
    expect(lossesOf({ messages: [user], tools: [{ type: 'function', name: 'f' }] })).toEqual([
      ['defaulted', 'tool.schema', ['tools', 0, 'parameters']],
      ['defaulted', 'tool.strict', ['tools', 0, 'strict']],
    ]);
    // A tool read from Responses without `strict` stays without it, and nothing is reported.
    const own = decodeRequest({ input: 'hi', tools: [{ type: 'function', name: 'f', parameters: {} }] }).value;
    expect(encodeRequest(own).losses).toEqual([]);
  });

  it('reports another format’s tool version written as the Responses tool type', () => {
    const request: ChatRequest = {
      messages: [user],
      tools: [{ type: 'builtin', kind: 'code_execution', providerType: 'code_execution_20250825' }],
    };
    expect(lossesOf(request)).toEqual([['approximated', 'tool.builtin', ['tools', 0, 'providerType']]]);
  });

  it('reports n and modalities even when they say what Responses always does', () => {
    expect(lossesOf({ messages: [user], n: 1, modalities: ['text'] })).toEqual([
      ['dropped', 'sampling.n', ['n']],
      ['dropped', 'modalities', ['modalities']],
    ]);
  });

  it('reports a thinking mode or budget translated into an effort as an approximated reasoning config', () => {
    expect(lossesOf({ messages: [user], reasoning: { mode: 'enabled', budgetTokens: 2000 } })).toEqual([
      ['approximated', 'reasoning.config', ['reasoning']],
    ]);
    expect(lossesOf({ messages: [user], reasoning: { mode: 'adaptive' } })).toEqual([
      ['approximated', 'reasoning.config', ['reasoning']],
    ]);
    expect(lossesOf({ messages: [user], reasoning: { effort: 'low' } })).toEqual([]);
  });

  it('reports the default file name written for inline data', () => {
    const file = {
      type: 'file' as const,
      source: { type: 'base64' as const, mediaType: 'application/pdf', data: 'JVBE' },
    };
    expect(lossesOf({ messages: [{ role: 'user', content: [file] }] })).toEqual([
      ['defaulted', 'content.file', ['messages', 0, 'content', 0, 'filename']],
    ]);
  });

  it('reports isError: false, which the wire cannot say either', () => {
    const result = { type: 'tool-result' as const, callId: 'c', content: [{ type: 'text' as const, text: 'ok' }] };
    expect(lossesOf({ messages: [{ role: 'tool', content: [{ ...result, isError: false }] }] })).toEqual([
      ['dropped', 'tool-result.error', ['messages', 0, 'content', 0, 'isError']],
    ]);
  });

  it('reports a turn that leaves no item at all as a dropped message', () => {
    const thinking = { role: 'assistant' as const, content: [{ type: 'reasoning' as const, text: 'hmm' }] };
    expect(lossesOf({ messages: [thinking, user] })).toEqual([
      ['dropped', 'reasoning.text', ['messages', 0, 'content', 0, 'text']],
      ['dropped', 'reasoning.text', ['messages', 0]],
    ]);
  });
});
