import { type ChatResponse, WireFormatError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeResponse } from './response.ts';

describe('responses', () => {
  it('turns a blocked prompt into one content-filter choice and back', () => {
    const wire = {
      promptFeedback: {
        blockReason: 'SAFETY',
        safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH' }],
      },
      usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'r1',
    };
    const { value } = decodeResponse(wire);
    expect(value.choices).toEqual([
      {
        index: 0,
        content: [],
        finishReason: { reason: 'content-filter', raw: 'SAFETY' },
        extensions: { gemini: { promptBlocked: true } },
      },
    ]);
    expect(encodeResponse(value).value).toEqual(wire);
  });

  it('counts thoughts as output and keeps the raw usage', () => {
    const { value } = decodeResponse({
      candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        candidatesTokenCount: 10,
        thoughtsTokenCount: 30,
        toolUsePromptTokenCount: 5,
        totalTokenCount: 145,
      },
    });
    expect(value.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      cacheReadTokens: 60,
      reasoningTokens: 30,
      toolUseInputTokens: 5,
      totalTokens: 145,
    });
  });

  it('maps grounding supports to url citations with UTF-16 offsets, and back', () => {
    const text = 'Café is open. Rain later.';
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const wire = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text }] },
          finishReason: 'STOP',
          index: 0,
          groundingMetadata: {
            groundingChunks: [
              { web: { uri: 'https://a.example', title: 'a' } },
              { web: { uri: 'https://b.example', title: 'b' } },
            ],
            groundingSupports: [
              { segment: { endIndex: bytes('Café is open.'), text: 'Café is open.' }, groundingChunkIndices: [0, 1] },
              {
                segment: { startIndex: bytes('Café is open. '), endIndex: bytes(text), text: 'Rain later.' },
                groundingChunkIndices: [1],
              },
            ],
          },
        },
      ],
    };
    const { value } = decodeResponse(wire);
    const part = value.choices[0]?.content[0];
    expect(part?.type === 'text' && part.citations).toEqual([
      { type: 'url', url: 'https://a.example', title: 'a', startIndex: 0, endIndex: 13 },
      { type: 'url', url: 'https://b.example', title: 'b', startIndex: 0, endIndex: 13 },
      { type: 'url', url: 'https://b.example', title: 'b', startIndex: 14, endIndex: 25 },
    ]);
    expect(encodeResponse(value).value).toEqual(wire);
    // From another format (no Gemini extensions) the grounding is rebuilt from the citations.
    const foreign: ChatResponse = {
      choices: [
        {
          index: 0,
          content: [{ type: 'text', text, citations: part?.type === 'text' ? part.citations : [] }],
          finishReason: { reason: 'stop' },
        },
      ],
    };
    const rebuilt = encodeResponse(foreign).value as { candidates: { groundingMetadata: unknown }[] };
    expect(rebuilt.candidates[0]?.groundingMetadata).toEqual(wire.candidates[0]?.groundingMetadata);
  });

  it('decodes a STOP with function calls as a tool-call finish and synthesises ids', () => {
    const { value } = decodeResponse({
      candidates: [
        { content: { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' },
      ],
      responseId: 'resp1',
    });
    expect(value.choices[0]?.finishReason).toEqual({ reason: 'tool-calls', raw: 'STOP' });
    expect(value.choices[0]?.content[0]).toMatchObject({
      type: 'tool-call',
      id: 'call_resp1_0_0',
      arguments: '{"a":1}',
    });
  });

  it('encodes foreign content with losses for what Gemini cannot carry', () => {
    const { value, losses } = encodeResponse({
      id: 'msg_1',
      model: 'claude-x',
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'hmm', signature: { format: 'claude', value: 's' } },
            { type: 'refusal', text: 'no' },
            { type: 'server-tool-call', id: 'srv_1', name: 'web_search', input: { query: 'q' } },
          ],
          finishReason: { reason: 'stop', raw: 'end_turn' },
        },
      ],
      usage: { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 2 },
    });
    expect(value).toEqual({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'hmm', thought: true }, { text: 'no' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
      modelVersion: 'claude-x',
      responseId: 'msg_1',
    });
    expect(losses.map((l) => l.feature)).toEqual([
      'reasoning.signature',
      'content.refusal',
      'server-tool',
      'usage.cache-write',
    ]);
  });

  it('reads logprobsResult as token logprobs and writes foreign ones back', () => {
    const logprobsResult = {
      chosenCandidates: [{ token: 'Hi', logProbability: -0.5 }],
      topCandidates: [
        {
          candidates: [
            { token: 'Hi', logProbability: -0.5 },
            { token: 'Yo', logProbability: -1.5 },
          ],
        },
      ],
    };
    const wire = {
      candidates: [
        { content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP', index: 0, logprobsResult },
      ],
    };
    const { value } = decodeResponse(wire);
    expect(value.choices[0]?.logprobs).toEqual([
      {
        token: 'Hi',
        logprob: -0.5,
        topLogprobs: [
          { token: 'Hi', logprob: -0.5 },
          { token: 'Yo', logprob: -1.5 },
        ],
      },
    ]);
    expect(encodeResponse(value).value).toEqual(wire);
    const { extensions: _, ...foreignChoice } = value.choices[0] as NonNullable<(typeof value.choices)[0]>;
    const rebuilt = encodeResponse({ choices: [foreignChoice] }).value as { candidates: { logprobsResult: unknown }[] };
    expect(rebuilt.candidates[0]?.logprobsResult).toEqual(logprobsResult);
  });

  it('rejects malformed bodies with a path', () => {
    expect(() => decodeResponse({ candidates: [{ content: { parts: [{ text: 1 }] } }] })).toThrow(WireFormatError);
    expect(() => decodeResponse({ candidates: 'x' })).toThrow(/candidates/);
    expect(() => decodeResponse(null)).toThrow(WireFormatError);
  });
});
