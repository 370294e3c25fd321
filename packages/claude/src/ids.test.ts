import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToolId, decodeToolName, encodeToolId, encodeToolName } from './ids.ts';

describe('tool id and name mapping', () => {
  it('is reversible and always matches Claude patterns', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (value) => {
        const id = encodeToolId(value);
        expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
        expect(decodeToolId(id)).toBe(value);
        const name = encodeToolName(value);
        expect(name.name).toMatch(/^[a-zA-Z0-9_-]{1,128}$/);
        if (!name.truncated) expect(decodeToolName(name.name)).toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves valid ids untouched unless they use the reserved prefix', () => {
    expect(encodeToolId('toolu_01AbC')).toBe('toolu_01AbC');
    expect(encodeToolId('call-1')).toBe('call-1');
    expect(encodeToolId('ilx_x')).toBe('ilx_ilx_x');
    expect(decodeToolId('ilx_ilx_x')).toBe('ilx_x');
    expect(encodeToolName('x'.repeat(200)).truncated).toBe(true);
  });
});
