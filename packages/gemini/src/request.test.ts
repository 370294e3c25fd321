import { type ChatRequest, InterlinguaError, type JsonObject, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { SKIP_SIGNATURE } from './part-encode.ts';
import { decodeRequest, encodeRequest, LEADING_USER_TEXT, MISSING_RESULT_TEXT } from './request.ts';
import { encodeToolName } from './tool-name.ts';
import { validateRequest } from './validate.ts';

const features = (losses: { feature?: string }[]) => losses.map((l) => l.feature);

describe('decodeRequest', () => {
  it('normalises snake_case keys everywhere except in user data', () => {
    const { value } = decodeRequest({
      contents: [
        { role: 'user', parts: [{ text: 'hi' }] },
        {
          role: 'model',
          parts: [{ function_call: { name: 'f', args: { user_id: 1 } }, thought_signature: 'ab-_c' }],
        },
        { role: 'user', parts: [{ function_response: { name: 'f', response: { some_key: 'v' } } }] },
      ],
      system_instruction: { parts: [{ text: 'be brief' }] },
      tools: [
        {
          function_declarations: [
            {
              name: 'f',
              parameters: { type: 'OBJECT', properties: { first_name: { type: 'STRING', max_length: 3 } } },
            },
          ],
        },
      ],
      generation_config: { max_output_tokens: 5, thinking_config: { include_thoughts: true, thinking_budget: 128 } },
    });
    expect(value.messages[0]).toMatchObject({ role: 'system', content: [{ type: 'text', text: 'be brief' }] });
    const call = value.messages[2]?.content[0];
    expect(call).toMatchObject({ type: 'tool-call', name: 'f', arguments: '{"user_id":1}' });
    // base64url signatures are kept byte-exact.
    expect(call).toMatchObject({ signature: { format: 'gemini', value: 'ab-_c' } });
    expect(value.messages[3]?.content[0]).toMatchObject({
      type: 'tool-result',
      content: [{ text: '{"some_key":"v"}' }],
    });
    expect(value.tools?.[0]).toMatchObject({
      parameters: { type: 'object', properties: { first_name: { type: 'string', maxLength: 3 } } },
    });
    expect(value.maxOutputTokens).toBe(5);
    expect(value.reasoning).toEqual({ budgetTokens: 128, mode: 'enabled', includeThoughts: true });
  });

  it('synthesises stable call ids when absent and maps responses back by name and order', () => {
    const wire = {
      contents: [
        { role: 'user', parts: [{ text: 'go' }] },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: {} } }],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'a', response: { output: 'A' } } },
            { functionResponse: { name: 'b', response: { output: 'B' } } },
          ],
        },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages[1]?.content.map((p) => (p.type === 'tool-call' ? p.id : ''))).toEqual([
      'call_1_0',
      'call_1_1',
    ]);
    expect(value.messages[2]?.content).toMatchObject([
      { type: 'tool-result', callId: 'call_1_0', name: 'a', content: [{ type: 'text', text: 'A' }] },
      { type: 'tool-result', callId: 'call_1_1', name: 'b', content: [{ type: 'text', text: 'B' }] },
    ]);
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('reorders function responses into call order, as the API requires', () => {
    const { value } = decodeRequest({
      contents: [
        { role: 'user', parts: [{ text: 'Run a and b.' }] },
        {
          role: 'model',
          parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: {} } }],
        },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'b', response: {} } }, { functionResponse: { name: 'a', response: {} } }],
        },
      ],
    });
    const contents = (encodeRequest(value).value as { contents: { parts: { functionResponse: { name: string } }[] }[] })
      .contents;
    expect(contents[2]?.parts.map((p) => p.functionResponse.name)).toEqual(['a', 'b']);
  });

  it('reads the legacy function role and keeps part sidecars and signatures on other parts', () => {
    const wire = {
      contents: [
        {
          role: 'user',
          parts: [
            {
              fileData: { mimeType: 'video/mp4', fileUri: 'gs://b/v.mp4' },
              videoMetadata: { startOffset: '1s', fps: 2 },
            },
          ],
        },
        {
          role: 'model',
          parts: [
            { executableCode: { language: 'PYTHON', code: 'print(1)' }, thoughtSignature: 'S1' },
            { codeExecutionResult: { outcome: 'OUTCOME_FAILED', output: 'boom' } },
            { functionCall: { name: 'f', args: {} } },
          ],
        },
        { role: 'function', parts: [{ functionResponse: { name: 'f', response: { output: 'ok' } } }] },
      ],
    };
    const { value } = decodeRequest(wire);
    expect(value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(value.messages[0]?.content[0]).toMatchObject({
      type: 'file',
      source: { type: 'url', url: 'gs://b/v.mp4', mediaType: 'video/mp4' },
      extensions: { gemini: { extra: { videoMetadata: { startOffset: '1s', fps: 2 } } } },
    });
    expect(value.messages[1]?.content).toMatchObject([
      {
        type: 'server-tool-call',
        id: 'code_0',
        name: 'code_execution',
        input: { language: 'PYTHON', code: 'print(1)' },
        extensions: { gemini: { extra: { thoughtSignature: 'S1' } } },
      },
      { type: 'server-tool-result', callId: 'code_0', name: 'code_execution', isError: true },
      { type: 'tool-call', id: 'call_1_0' },
    ]);
    expect(value.messages[2]?.content[0]).toMatchObject({ type: 'tool-result', callId: 'call_1_0' });
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('splits a user turn mixing results and text into a tool and a user message', () => {
    const { value } = decodeRequest({
      contents: [
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'a', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'a', response: {} } }, { text: 'and now?' }] },
      ],
    });
    expect(value.messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'user']);
  });

  it('throws WireFormatError with the JSON path on bad input, never a TypeError', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'text',
      {},
      { contents: 'x' },
      { contents: [{ parts: 'x' }] },
      { contents: [{ parts: [{ text: 3 }] }] },
      { contents: [], tools: [{ functionDeclarations: [{}] }] },
      { contents: [], generationConfig: { temperature: 'hot' } },
    ];
    for (const wire of bad) {
      let error: unknown;
      try {
        decodeRequest(wire);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WireFormatError);
      expect(InterlinguaError.is(error)).toBe(true);
    }
    try {
      decodeRequest({ contents: [{ parts: [{ text: 3 }] }] });
    } catch (e) {
      expect((e as WireFormatError).path).toEqual(['contents', 0, 'parts', 0, 'text']);
      expect((e as WireFormatError).message).toContain('contents[0].parts[0].text');
    }
  });
});

describe('encodeRequest from other formats', () => {
  const foreign: ChatRequest = {
    model: 'gpt-x',
    messages: [
      { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
      { role: 'user', content: [{ type: 'text', text: 'old question' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'call_old', name: 'lookup', arguments: '{"q":"x"}' }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'call_old', content: [{ type: 'text', text: 'found' }] }],
      },
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'user',
        content: [{ type: 'image', source: { type: 'url', url: 'data:image/png;base64,iVBORw0KGgo=' } }],
      },
      { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two calls.', signature: { format: 'claude', value: 'claude-sig' } },
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'weather', arguments: '{"city":"Rome"}' },
        ],
      },
      // Results arrive as separate tool messages, in reverse order.
      {
        role: 'tool',
        content: [{ type: 'tool-result', callId: 'toolu_2', content: [{ type: 'text', text: '{"c":21}' }] }],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 'toolu_1', content: [{ type: 'text', text: 'rainy' }], isError: true },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'toolu_3', name: 'weather', arguments: '' }] },
      { role: 'tool', content: [{ type: 'tool-result', callId: 'toolu_3', content: [{ type: 'text', text: 'ok' }] }] },
    ],
    tools: [
      {
        type: 'function',
        name: 'weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
      { type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
      { type: 'builtin', kind: 'web_search' },
      { type: 'custom', name: 'apply_patch' },
    ],
    toolChoice: { type: 'required' },
    reasoning: { effort: 'high', summary: 'auto' },
    output: { type: 'json-schema', schema: { type: 'object', properties: { a: { type: 'string' } } }, name: 'out' },
    temperature: 0.2,
    stop: ['a', 'b', 'c', 'd', 'e', 'f'],
    user: 'u1',
  };
  const { value, losses } = encodeRequest(foreign);
  const body = value as Record<string, never>;

  it('hoists instructions into systemInstruction, reporting the mid-conversation one', () => {
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'You are terse.' }, { text: 'Use metric units.' }] });
    // The path is the first conversation message: every message from there on moves.
    const hoisted = losses.filter((l) => l.feature === 'instructions.position');
    expect(hoisted.map((l) => l.path)).toEqual([['messages', 1]]);
    expect(hoisted[0]?.message).toContain('messages[6]');
  });

  it('maps roles, merges consecutive contents and groups function responses in call order', () => {
    const contents = body.contents as unknown as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user', 'model', 'user']);
    // The tool result and the two user messages that follow it alternate as one user content.
    expect(contents[2]?.parts.map((p) => Object.keys(p)[0])).toEqual(['functionResponse', 'text', 'inlineData']);
    expect(contents[4]?.parts).toEqual([
      { functionResponse: { id: 'toolu_1', name: 'weather', response: { error: 'rainy' } } },
      { functionResponse: { id: 'toolu_2', name: 'weather', response: { c: 21 } } },
    ]);
    expect(contents[2]?.parts[0]).toEqual({
      functionResponse: { id: 'call_old', name: 'lookup', response: { output: 'found' } },
    });
  });

  it('puts the documented placeholder on the first call of each current-turn step, with a loss', () => {
    const contents = body.contents as unknown as { parts: Record<string, unknown>[] }[];
    expect(contents[1]?.parts[0]?.thoughtSignature).toBeUndefined();
    expect(contents[3]?.parts.map((p) => p.thoughtSignature)).toEqual([undefined, SKIP_SIGNATURE, undefined]);
    expect(contents[5]?.parts[0]?.thoughtSignature).toBe(SKIP_SIGNATURE);
    const signatureLosses = losses.filter((l) => l.feature === 'reasoning.signature');
    expect(signatureLosses.map((l) => l.code)).toEqual(['dropped', 'approximated', 'approximated']);
  });

  it('keeps foreign reasoning as thought text without a signature', () => {
    const contents = body.contents as unknown as { parts: Record<string, unknown>[] }[];
    expect(contents[3]?.parts[0]).toEqual({ text: 'Two calls.', thought: true });
  });

  it('writes tools, config and reports what Gemini cannot carry', () => {
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'weather',
            parametersJsonSchema: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
          },
          { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
        ],
      },
      { googleSearch: {} },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      stopSequences: ['a', 'b', 'c', 'd', 'e'],
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { type: 'string' } } },
      thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true },
    });
    expect(features(losses)).toEqual(
      expect.arrayContaining(['tool.custom', 'sampling.stop', 'user', 'instructions.position', 'reasoning.signature']),
    );
    expect(body.model).toBeUndefined();
  });

  it('sends other URLs as fileData with an approximation loss and never drops silently', () => {
    const { value: out, losses: l } = encodeRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'file', source: { type: 'url', url: 'gs://bucket/doc.pdf', mediaType: 'application/pdf' } },
            { type: 'text', text: '' },
          ],
        },
      ],
    });
    expect((out as { contents: unknown[] }).contents).toEqual([
      {
        role: 'user',
        parts: [
          { fileData: { fileUri: 'https://example.com/cat.jpg', mimeType: 'image/jpeg' } },
          { fileData: { fileUri: 'gs://bucket/doc.pdf', mimeType: 'application/pdf' } },
        ],
      },
    ]);
    expect(l.map((x) => [x.code, x.feature])).toEqual([
      ['approximated', 'content.image'],
      ['dropped', 'content.empty-text'],
    ]);
  });

  it('uses the OpenAPI subset on request and throws in strict mode', () => {
    const request: ChatRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object', additionalProperties: false } }],
    };
    const { value: out, losses: l } = encodeRequest(request, { schemaMode: 'openapi' });
    expect((out as { tools: unknown }).tools).toEqual([
      { functionDeclarations: [{ name: 'f', parameters: { type: 'object' } }] },
    ]);
    expect(features(l)).toEqual(['tool.schema']);
    expect(() => encodeRequest(request, { schemaMode: 'openapi', strict: true })).toThrow(/additionalProperties/);
  });

  it('maps tool choices', () => {
    const base: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] };
    const config = (toolChoice: ChatRequest['toolChoice']) =>
      (encodeRequest({ ...base, toolChoice }).value as { toolConfig: unknown }).toolConfig;
    expect(config({ type: 'none' })).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(config({ type: 'tool', name: 'f' })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] },
    });
    expect(config({ type: 'auto', allowedTools: ['f'] })).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    const validated = decodeRequest({
      contents: [],
      toolConfig: { functionCallingConfig: { mode: 'VALIDATED', allowedFunctionNames: ['f'] } },
    }).value;
    expect(validated.toolChoice).toEqual({ type: 'auto', allowedTools: ['f'] });
    expect((encodeRequest(validated).value as { toolConfig: unknown }).toolConfig).toEqual({
      functionCallingConfig: { mode: 'VALIDATED', allowedFunctionNames: ['f'] },
    });
  });
  it('answers a foreign call left without a result with an error-flagged placeholder response', () => {
    const { value, losses } = encodeRequest({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'toolu_2', name: 'weather', arguments: '{"city":"Rome"}' },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'toolu_2', content: [{ type: 'text', text: 'sunny' }] }],
        },
        { role: 'user', content: [{ type: 'text', text: 'Well?' }] },
      ],
    });
    const body = value as JsonObject;
    expect((body.contents as JsonObject[])[2]).toEqual({
      role: 'user',
      parts: [
        {
          functionResponse: { id: 'toolu_1', name: 'weather', response: { error: MISSING_RESULT_TEXT } },
        },
        { functionResponse: { id: 'toolu_2', name: 'weather', response: { output: 'sunny' } } },
        { text: 'Well?' },
      ],
    });
    expect(losses).toMatchObject([{ code: 'defaulted', feature: 'tool-result.missing' }]);
    expect(validateRequest(value)).toEqual({ valid: true, problems: [] });
  });

  it('rewrites tool names Gemini rejects reversibly, the same way in tools, choice, calls and results', () => {
    const name = '1st tool/read';
    const request: ChatRequest = {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'read' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name, arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'c1', content: [{ type: 'text', text: 'ok' }] }] },
      ],
      tools: [{ type: 'function', name }],
      toolChoice: { type: 'tool', name },
    };
    const { value, losses } = encodeRequest(request);
    const escaped = encodeToolName(name).name;
    expect(escaped).toMatch(/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/);
    expect(value).toMatchObject({
      contents: [
        {},
        { parts: [{ functionCall: { name: escaped } }] },
        { parts: [{ functionResponse: { name: escaped } }] },
      ],
      tools: [{ functionDeclarations: [{ name: escaped }] }],
      toolConfig: { functionCallingConfig: { allowedFunctionNames: [escaped] } },
    });
    // Declaration, call and result each report the rewrite (the call also gets the signature placeholder).
    expect(features(losses).filter((f) => f === 'tool.name')).toHaveLength(3);
    expect(validateRequest(value)).toEqual({ valid: true, problems: [] });
    const back = decodeRequest(value).value;
    expect(back.tools?.[0]).toMatchObject({ name });
    expect(back.toolChoice).toEqual({ type: 'tool', name });
    expect(back.messages[1]?.content[0]).toMatchObject({ type: 'tool-call', name });
    expect(back.messages[2]?.content[0]).toMatchObject({ type: 'tool-result', name });
    const valid = encodeRequest({ ...request, tools: [{ type: 'function', name: 'fs.read:v2' }] });
    expect(JSON.stringify(valid.value)).toContain('"fs.read:v2"');
  });

  it('opens a conversation that starts with the model, or holds only instructions, with a placeholder user content', () => {
    const modelFirst = encodeRequest({
      messages: [
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
    });
    expect((modelFirst.value as JsonObject).contents).toEqual([
      { role: 'user', parts: [{ text: LEADING_USER_TEXT }] },
      { role: 'model', parts: [{ text: 'Hello!' }] },
      { role: 'user', parts: [{ text: 'Hi' }] },
    ]);
    expect(features(modelFirst.losses)).toEqual(['messages.alternation']);
    const instructionsOnly = encodeRequest({
      messages: [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }],
    });
    expect(instructionsOnly.value).toEqual({
      contents: [{ role: 'user', parts: [{ text: LEADING_USER_TEXT }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
    });
    expect(features(instructionsOnly.losses)).toEqual(['messages.alternation']);
    expect(validateRequest(instructionsOnly.value)).toEqual({ valid: true, problems: [] });
  });
  it('sends a tool result that answers no call of the model content before it as text', () => {
    const { value, losses } = encodeRequest({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'call_9', name: 'f', content: [{ type: 'text', text: 'stale' }] }],
        },
      ],
    });
    expect((value as JsonObject).contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }, { text: 'Tool result (call_9): stale' }] },
    ]);
    expect(features(losses)).toEqual(['tool-result.orphan']);
    expect(validateRequest(value)).toEqual({ valid: true, problems: [] });
  });
});
