import { describe, expect, it } from 'vitest';
import { jsonEqual, keepUnmapped, restoreUnmapped, setOwn } from './field-mapping.ts';
import type { JsonObject } from './model/json.ts';

describe('field mapping helpers', () => {
  it('compares JSON structurally, with undefined members as absent', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, { x: [2] }], [1, { x: [2] }])).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });

  it('keeps unmapped wire fields, __proto__ included, and writes them back without overwriting', () => {
    const wire = JSON.parse('{"prompt":"p","__proto__":{"x":1},"extra":[1]}') as JsonObject;
    const ext: JsonObject = {};
    keepUnmapped(ext, wire, new Set(['prompt']));
    expect(Object.keys(ext)).toEqual(['__proto__', 'extra']);
    expect(Object.getPrototypeOf(ext)).toBe(Object.prototype);
    const out: JsonObject = { extra: 'mine' };
    restoreUnmapped(out, ext, new Set(['prompt']));
    expect(out.extra).toBe('mine');
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    const target: JsonObject = {};
    setOwn(target, '__proto__', 1);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});
