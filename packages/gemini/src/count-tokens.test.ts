import { describe, expect, it } from 'vitest';
import {
  decodeCountTokensRequest,
  decodeCountTokensResponse,
  encodeCountTokensRequest,
  encodeCountTokensResponse,
} from './count-tokens.ts';

describe('countTokens', () => {
  it('reads and writes {contents}', () => {
    const wire = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    const { value } = decodeCountTokensRequest(wire);
    expect(value.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(encodeCountTokensRequest(value).value).toEqual(wire);
  });

  it('reads and writes {generateContentRequest} with its model', () => {
    const wire = {
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        systemInstruction: { parts: [{ text: 'sys' }] },
      },
    };
    const { value } = decodeCountTokensRequest(wire);
    expect(value.model).toBe('gemini-2.5-flash');
    expect(encodeCountTokensRequest(value).value).toEqual(wire);
  });

  it('reads and writes the answer', () => {
    const wire = {
      totalTokens: 31,
      cachedContentTokenCount: 10,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 31 }],
    };
    const result = decodeCountTokensResponse(wire);
    expect(result).toEqual({ inputTokens: 31, cacheReadTokens: 10, details: wire.promptTokensDetails });
    expect(encodeCountTokensResponse(result)).toEqual(wire);
    expect(() => decodeCountTokensResponse({})).toThrow(/totalTokens/);
  });
});
