import type { JsonObject, ValidationResult } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { VALIDATION_RULES, validateError, validateRequest, validateResponse } from '../validate.ts';

/** The problems of a result as `[rule, path]` pairs. */
const rules = (result: ValidationResult): [string, (string | number)[]][] =>
  result.problems.map((p) => [p.rule, p.path]);

const user = (...parts: JsonObject[]): JsonObject => ({ role: 'user', parts });
const model = (...parts: JsonObject[]): JsonObject => ({ role: 'model', parts });
const call = (name: string, id?: string): JsonObject => ({
  functionCall: { ...(id === undefined ? {} : { id }), name, args: {} },
});
const answer = (name: string, id?: string): JsonObject => ({
  functionResponse: { ...(id === undefined ? {} : { id }), name, response: { output: 'ok' } },
});
const text = (t: string): JsonObject => ({ text: t });
const AT_START =
  'expected functionResponse parts only right after the model turn that made the calls, got one at the start';

describe('validateRequest', () => {
  it('reports every problem of a body that breaks many rules, each with its path', () => {
    const body = {
      contents: [
        user(answer('lookup')),
        { role: 'assistant', parts: [{ text: 'hi', inlineData: { mimeType: 'image/png', data: 'eA==' } }] },
        model(call('get_weather'), { functionCall: { name: 'lookup', args: '{}' } }),
        user(answer('lookup')),
        user(),
      ],
      tools: [
        {
          functionDeclarations: [
            { name: '1st', parameters: { type: ['string', 'null'] } },
            {
              name: 'get_weather',
              parameters: {
                type: 'OBJECT',
                properties: { city: { type: 'STRING', enum: ['a', 1] } },
                additionalProperties: false,
                $schema: 'http://json-schema.org/draft-07/schema#',
              },
            },
            { name: 'get_weather' },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { allowedFunctionNames: ['get_weather'] } },
      generationConfig: {
        stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'],
        thinkingConfig: { thinkingBudget: 1024, thinkingLevel: 'HIGH' },
        responseSchema: { type: 'object', const: 'x' },
        responseJsonSchema: { type: 'object' },
      },
    };
    const verdict = validateRequest(body);
    expect(verdict.valid).toBe(false);
    const declaration = (d: number, ...rest: (string | number)[]) => ['tools', 0, 'functionDeclarations', d, ...rest];
    expect(rules(verdict)).toEqual([
      ['schema', ['contents', 1, 'role']],
      ['schema', ['contents', 1, 'parts', 0]],
      ['arguments-json', ['contents', 2, 'parts', 1, 'functionCall', 'args']],
      ['empty-content', ['contents', 4, 'parts']],
      ['tool-result', ['contents', 0, 'parts', 0]],
      ['tool-result', ['contents', 3, 'parts', 0]],
      ['tool-result', ['contents', 2, 'parts', 1]],
      ['tool-name', declaration(0, 'name')],
      ['schema', declaration(0, 'parameters', 'type')],
      ['schema', declaration(1, 'parameters', 'properties', 'city', 'enum', 1)],
      ['schema', declaration(1, 'parameters', 'additionalProperties')],
      ['schema', declaration(1, 'parameters', '$schema')],
      ['tool-name', declaration(2, 'name')],
      ['tool-choice', ['toolConfig', 'functionCallingConfig', 'allowedFunctionNames']],
      ['schema', ['generationConfig', 'stopSequences']],
      ['thinking', ['generationConfig', 'thinkingConfig']],
      ['schema', ['generationConfig', 'responseSchema', 'const']],
      ['schema', ['generationConfig', 'responseJsonSchema']],
    ]);
    for (const problem of verdict.problems) expect(VALIDATION_RULES).toContain(problem.rule);
    const message = (path: (string | number)[]) =>
      verdict.problems.find((p) => JSON.stringify(p.path) === JSON.stringify(path))?.message;
    expect(message(['contents', 1, 'parts', 0])).toBe(
      'expected exactly one data field in a part, got text and inlineData',
    );
    expect(message(['contents', 3, 'parts', 0])).toBe(
      'expected the response to call 0 "get_weather" (same order as the calls), got "lookup"',
    );
    expect(message(['contents', 2, 'parts', 1])).toBe(
      'expected a functionResponse for call 1 ("lookup") in contents[3] (2 calls, 1 responses), got none',
    );
    expect(message(declaration(0, 'parameters', 'type'))).toBe(
      'expected one type (a union with null is "nullable": true), got the type array ["string","null"]',
    );
    expect(message(['toolConfig', 'functionCallingConfig', 'allowedFunctionNames'])).toBe(
      'expected allowedFunctionNames only with mode ANY or VALIDATED, got mode AUTO (the default)',
    );
    expect(message(['generationConfig', 'thinkingConfig'])).toBe(
      'expected thinkingBudget (Gemini 2.5) or thinkingLevel (Gemini 3), not both, got both (1024 and "HIGH")',
    );
  });

  it('reads snake_case field names as the API does and reports them as sent', () => {
    const body = {
      contents: [user(text('hi')), { role: 'model', parts: [{ function_call: { name: 'f', args: 'x' } }] }],
      tools: [
        {
          function_declarations: [
            {
              name: 'f',
              parameters: {
                type: 'object',
                additional_properties: false,
                properties: { my_field: { type: 'string', const: 'x' } },
              },
            },
          ],
        },
      ],
      tool_config: { function_calling_config: { mode: 'AUTO', allowed_function_names: ['f'] } },
      generation_config: { stop_sequences: ['1', '2', '3', '4', '5', '6'], thinking_config: { thinking_budget: 0 } },
    };
    const parameters = ['tools', 0, 'function_declarations', 0, 'parameters'];
    expect(rules(validateRequest(body))).toEqual([
      ['arguments-json', ['contents', 1, 'parts', 0, 'function_call', 'args']],
      ['schema', [...parameters, 'additional_properties']],
      ['schema', [...parameters, 'properties', 'my_field', 'const']],
      ['tool-choice', ['tool_config', 'function_calling_config', 'allowed_function_names']],
      ['schema', ['generation_config', 'stop_sequences']],
    ]);
  });

  it('matches function responses to the calls of the model turn before them', () => {
    const legacy = { inlineData: { mimeType: 'image/png', data: 'eA==' } };
    const fine = {
      contents: [
        user(text('weather?')),
        model(text('checking'), call('get_weather', 'a'), call('get_weather', 'b')),
        { role: 'function', parts: [answer('get_weather', 'a'), legacy, answer('get_weather', 'b')] },
        model(call('lookup')),
        { parts: [answer('lookup')] },
        model(call('again')),
      ],
    };
    expect(rules(validateRequest(fine))).toEqual([]);
    const broken = {
      contents: [
        user(text('weather?')),
        model(call('get_weather', 'a'), call('get_weather', 'b')),
        user(answer('get_weather', 'b'), answer('get_weather', 'a'), answer('get_weather')),
        model(call('lookup')),
        model(text('no answer')),
        user(text('hm'), answer('lookup')),
      ],
    };
    expect(rules(validateRequest(broken))).toEqual([
      ['tool-result', ['contents', 2, 'parts', 0]],
      ['tool-result', ['contents', 2, 'parts', 1]],
      ['tool-result', ['contents', 2, 'parts', 2]],
      ['tool-result', ['contents', 3, 'parts', 0]],
      ['tool-result', ['contents', 5, 'parts', 1]],
    ]);
  });

  it('checks parts: one data field, whole calls with object args, named responses with an object response', () => {
    const body = {
      contents: [
        user(
          { thoughtSignature: 'c2ln' },
          { futurePart: { x: 1 }, thought: true },
          { functionResponse: { response: 'ok' } },
          { functionResponse: { name: 'f' } },
        ),
        model({ functionCall: { name: 'f', willContinue: true } }, { functionCall: { args: [] } }),
      ],
    };
    expect(validateRequest(body).problems.map((p) => [p.rule, p.path, p.message])).toEqual([
      [
        'schema',
        ['contents', 0, 'parts', 0],
        'expected one data field (text, inlineData, fileData, functionCall, functionResponse, executableCode, codeExecutionResult, toolCall, toolResponse), got none',
      ],
      ['schema', ['contents', 0, 'parts', 2, 'functionResponse', 'response'], 'expected record, got "ok"'],
      ['schema', ['contents', 0, 'parts', 2, 'functionResponse', 'name'], 'expected a name (string), got missing'],
      [
        'schema',
        ['contents', 0, 'parts', 3, 'functionResponse', 'response'],
        'expected response (a JSON object, e.g. {"output": …}), got missing',
      ],
      [
        'arguments-json',
        ['contents', 1, 'parts', 0, 'functionCall'],
        'expected a whole functionCall (name and args); partialArgs / willContinue pieces arrive only in Vertex streams, got a piece',
      ],
      ['schema', ['contents', 1, 'parts', 1, 'functionCall', 'name'], 'expected a name (string), got missing'],
      [
        'arguments-json',
        ['contents', 1, 'parts', 1, 'functionCall', 'args'],
        'expected args to be a JSON object, got array',
      ],
      ['tool-result', ['contents', 0, 'parts', 2], AT_START],
      ['tool-result', ['contents', 0, 'parts', 3], AT_START],
    ]);
  });

  it('accepts the Schema dialect in full and rejects what it lacks', () => {
    const parameters = {
      type: 'object',
      title: 'T',
      description: 'd',
      nullable: false,
      required: ['a'],
      propertyOrdering: ['a', 'b'],
      minProperties: 1,
      maxProperties: 3,
      properties: {
        a: {
          type: 'STRING',
          format: 'date-time',
          enum: ['x', 'y'],
          minLength: 1,
          maxLength: 9,
          pattern: '^x',
          default: 'x',
        },
        b: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9, example: 3 }, minItems: 0, maxItems: 4 },
        c: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    };
    const request = (schema: unknown) => ({
      contents: [user(text('hi'))],
      tools: [{ functionDeclarations: [{ name: 'ns.get:item-1', parameters: schema, response: { type: 'string' } }] }],
    });
    expect(rules(validateRequest(request(parameters)))).toEqual([]);
    const bad = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' }, b: { type: 'Text' }, c: { oneOf: [] }, d: 'string' },
      $defs: { A: { type: 'string' } },
      anyOf: { type: 'string' },
    };
    const at = (...rest: (string | number)[]) => ['tools', 0, 'functionDeclarations', 0, 'parameters', ...rest];
    expect(rules(validateRequest(request(bad)))).toEqual([
      ['schema', at('properties', 'a', '$ref')],
      ['schema', at('properties', 'b', 'type')],
      ['schema', at('properties', 'c', 'oneOf')],
      ['schema', at('properties', 'd')],
      ['schema', at('$defs')],
      ['schema', at('anyOf')],
    ]);
  });

  it('reports wrongly typed and missing fields with what was expected and what arrived', () => {
    expect(rules(validateRequest('hello'))).toEqual([['schema', []]]);
    expect(validateRequest({}).problems).toEqual([
      { path: ['contents'], rule: 'schema', message: 'expected array, got missing' },
    ]);
    expect(rules(validateRequest({ contents: [] }))).toEqual([['empty-content', ['contents']]]);
    const body = {
      contents: [{ role: 3, parts: 'hi' }, 'text'],
      systemInstruction: { parts: [{ text: 1 }] },
      toolConfig: { functionCallingConfig: { mode: 'REQUIRED' } },
      generationConfig: { temperature: 'hot' },
    };
    expect(rules(validateRequest(body))).toEqual([
      ['schema', ['generationConfig', 'temperature']],
      ['schema', ['systemInstruction', 'parts', 0, 'text']],
      ['schema', ['contents', 0, 'role']],
      ['schema', ['contents', 0, 'parts']],
      ['schema', ['contents', 1]],
      ['schema', ['toolConfig', 'functionCallingConfig', 'mode']],
    ]);
  });
});

describe('validateResponse', () => {
  it('reports every problem with its path', () => {
    const body = {
      candidates: [
        { content: { role: 'model', parts: [{ functionCall: { name: 'f', willContinue: true } }] }, index: 0 },
        { content: { parts: [{ text: 1 }] }, finishReason: 'STOP', index: 1 },
      ],
      modelVersion: 3,
    };
    expect(rules(validateResponse(body))).toEqual([
      ['schema', ['modelVersion']],
      ['arguments-json', ['candidates', 0, 'content', 'parts', 0, 'functionCall']],
      ['finish-reason', ['candidates', 0, 'finishReason']],
      ['schema', ['candidates', 1, 'content', 'parts', 0, 'text']],
      ['usage', ['usageMetadata']],
    ]);
  });

  it('accepts a blocked prompt and a blocked candidate without content; needs one or the other', () => {
    const usageMetadata = { promptTokenCount: 4, totalTokenCount: 4 };
    expect(rules(validateResponse({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata }))).toEqual([]);
    expect(rules(validateResponse({ candidates: [{ finishReason: 'SAFETY', index: 0 }], usageMetadata }))).toEqual([]);
    expect(validateResponse({ candidates: [], usageMetadata }).problems).toEqual([
      {
        path: ['candidates'],
        rule: 'finish-reason',
        message: 'expected candidates or a promptFeedback.blockReason (a blocked prompt), got neither',
      },
    ]);
    expect(rules(validateResponse(null))).toEqual([['schema', []]]);
  });
});

describe('validateError', () => {
  it('accepts google.rpc.Status bodies, also wrapped in the JSON-array stream', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      },
    };
    expect(validateError(body)).toEqual({ valid: true, problems: [] });
    expect(validateError([body])).toEqual({ valid: true, problems: [] });
  });

  it('reports every missing or wrongly typed field', () => {
    expect(rules(validateError({ error: { code: 4.5, status: 'BAD' } }))).toEqual([
      ['schema', ['error', 'code']],
      ['schema', ['error', 'message']],
      ['schema', ['error', 'status']],
    ]);
    expect(rules(validateError({ message: 'x' }))).toEqual([['schema', ['error']]]);
    expect(rules(validateError('Bad Gateway'))).toEqual([['schema', []]]);
  });
});
