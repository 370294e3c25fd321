import type { ChatRequest } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { simulateAnswer } from './answer.ts';
import { chunker } from './server.ts';

const ask = (text: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'sim',
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  ...extra,
});

const weather: ChatRequest['tools'] = [
  {
    type: 'function',
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] }, days: { type: 'integer' } },
      required: ['city', 'unit', 'days'],
    },
  },
];

describe('simulateAnswer', () => {
  it('echoes the last user text, deterministically, with usage', () => {
    const answer = simulateAnswer(ask('hello'));
    expect(answer.choices[0]?.content).toEqual([{ type: 'text', text: expect.stringContaining('You said: "hello"') }]);
    expect(answer.choices[0]?.finishReason).toEqual({ reason: 'stop' });
    expect(answer.usage?.inputTokens).toBe(2);
    expect({ ...simulateAnswer(ask('hello')), created: 0 }).toEqual({ ...answer, created: 0 });
  });

  it('calls a tool the prompt names, with arguments shaped by its schema', () => {
    const answer = simulateAnswer(ask('use get_weather please', { tools: weather }));
    expect(answer.choices[0]?.content).toEqual([
      {
        type: 'tool-call',
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        name: 'get_weather',
        arguments: '{"city":"sample-city","unit":"c","days":1}',
      },
    ]);
    expect(answer.choices[0]?.finishReason).toEqual({ reason: 'tool-calls' });
    expect(simulateAnswer(ask('no tool here', { tools: weather })).choices[0]?.content[0]?.type).toBe('text');
    const forced = simulateAnswer(ask('anything', { tools: weather, toolChoice: { type: 'required' } }));
    expect(forced.choices[0]?.content[0]?.type).toBe('tool-call');
  });

  it('quotes tool results back instead of calling again', () => {
    const request = ask('use get_weather', { tools: weather });
    request.messages.push(
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'get_weather', arguments: '{}' }] },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 'c1', name: 'get_weather', content: [{ type: 'text', text: 'rain' }] },
        ],
      },
    );
    const content = simulateAnswer(request).choices[0]?.content;
    expect(content).toEqual([
      { type: 'text', text: 'The tool returned: get_weather → rain. That is the result you asked for.' },
    ]);
  });

  it('thinks first when reasoning is requested, signed in the format it serves', () => {
    const answer = simulateAnswer(ask('think', { reasoning: { effort: 'high', summary: 'auto' } }), 'claude');
    const [reasoning, text] = answer.choices[0]?.content ?? [];
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      summary: [expect.any(String)],
      signature: { format: 'claude' },
    });
    expect(text?.type).toBe('text');
    expect(answer.usage?.reasoningTokens).toBeGreaterThan(0);
    expect(simulateAnswer(ask('think', { reasoning: { mode: 'disabled' } })).choices[0]?.content).toHaveLength(1);
    expect(simulateAnswer(ask('think', { model: 'interlingua-sim-thinking' })).choices[0]?.content[0]?.type).toBe(
      'reasoning',
    );
  });

  it('stops at the output limit with finish reason length', () => {
    const answer = simulateAnswer(ask('hello', { maxOutputTokens: 3 }));
    expect(answer.choices[0]?.finishReason).toEqual({ reason: 'length' });
    expect(answer.usage?.outputTokens).toBe(3);
  });
});

describe('chunker', () => {
  it('splits at word boundaries into pieces of about the given size, losing nothing', () => {
    const text = 'The quick brown fox jumps over the lazy dog, twice.';
    const pieces = chunker(12)(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((piece) => piece.length <= 16)).toBe(true);
    expect(pieces.length).toBeGreaterThan(3);
  });
});
