import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneJson } from './json-clone.ts';

describe('cloneJson', () => {
  it('copies any JSON value deeply, sharing nothing with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneJson(value);
        expect(copy).toStrictEqual(value);
        expect(copy).toStrictEqual(structuredClone(value));
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
    );
  });

  it('keeps undefined members and an own __proto__ member without touching the prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":[1,{"b":null}]}') as Record<string, unknown>;
    const copy = cloneJson({ ...parsed, gone: undefined } as Record<string, unknown>);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.hasOwn(copy, 'gone')).toBe(true);
    expect(copy.a).toStrictEqual([1, { b: null }]);
    expect(copy.a).not.toBe(parsed.a);
  });

  it('hands what is not plain JSON to structuredClone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const copy = cloneJson({ bytes });
    expect(copy.bytes).toBeInstanceOf(Uint8Array);
    expect(copy.bytes).not.toBe(bytes);
    expect([...copy.bytes]).toEqual([1, 2, 3]);
  });
});
