import { describe, expect, it } from 'vitest';
import { diff } from './diff.ts';
import { explained, unexplained } from './explain.ts';
import { normalize } from './normalize.ts';

describe('diff', () => {
  it('lists the leaf paths that differ, a missing element at its index', () => {
    const left = { a: 1, b: [{ x: 1 }, { x: 2 }], c: { d: 'same' } };
    const right = { a: 2, b: [{ x: 1 }], c: { d: 'same' }, e: true };
    expect(diff(left, right).map((d) => d.path)).toEqual([['a'], ['b', 1], ['e']]);
  });

  it('treats a key holding undefined as absent', () => {
    expect(diff({ a: undefined }, {})).toEqual([]);
  });
});

describe('explained', () => {
  const losses = [{ path: ['messages', 2, 'content', 1] }];

  it('covers the lost value and everything inside it', () => {
    expect(explained(['messages', 2, 'content', 1], losses)).toBe(true);
    expect(explained(['messages', 2, 'content', 1, 'text'], losses)).toBe(true);
  });

  it('covers the containers of the lost value', () => {
    expect(explained(['messages', 2], losses)).toBe(true);
  });

  it('covers later elements of the same array (shifted), not earlier ones or other arrays', () => {
    expect(explained(['messages', 2, 'content', 3, 'text'], losses)).toBe(true);
    expect(explained(['messages', 2, 'content', 0], losses)).toBe(false);
    expect(explained(['messages', 3, 'content', 1], losses)).toBe(false);
    expect(explained(['model'], losses)).toBe(false);
  });

  it('never matches an index against a string key', () => {
    expect(explained(['messages', '2'], losses)).toBe(false);
  });

  it('ignores losses it cannot place', () => {
    expect(explained(['model'], [{ path: undefined, feature: 'metadata' }])).toBe(false);
  });
});

describe('unexplained', () => {
  it('lets a loss inside a vanished element explain the element and the shift after it', () => {
    const before = {
      content: [
        { type: 'reasoning', encrypted: 'x' },
        { type: 'text', text: 'a' },
      ],
    };
    const after = { content: [{ type: 'text', text: 'a' }] };
    const differences = diff(before, after);
    expect(unexplained(differences, [{ path: ['content', 0, 'encrypted'], code: 'dropped' }])).toEqual([]);
    expect(unexplained(differences, [])).toHaveLength(differences.length);
  });

  it('lets an approximation inside an element explain its sibling fields, not the next element', () => {
    const before = {
      content: [
        { type: 'reasoning', text: '', summary: ['s'] },
        { type: 'text', text: 'a' },
      ],
    };
    const after = {
      content: [
        { type: 'reasoning', text: 's' },
        { type: 'text', text: 'b' },
      ],
    };
    const left = unexplained(diff(before, after), [{ path: ['content', 0, 'summary'], code: 'approximated' }]);
    expect(left.map((d) => d.path)).toEqual([['content', 1, 'text']]);
  });
});

describe('normalize', () => {
  it('drops extensions and raw values, joins adjacent text, compacts JSON arguments', () => {
    const value = {
      extensions: { claude: { a: 1 } },
      usage: { inputTokens: 1, raw: { format: 'claude', value: {} } },
      content: [
        { type: 'text', text: 'Hello, ' },
        { type: 'text', text: 'world', citations: [{ type: 'url', url: 'u', startIndex: 0, endIndex: 5 }] },
        { type: 'tool-call', id: 'c', name: 'f', arguments: '{ "a": 1 }' },
      ],
    };
    expect(normalize(value)).toEqual({
      usage: { inputTokens: 1 },
      content: [
        {
          type: 'text',
          text: 'Hello, world',
          citations: [{ type: 'url', url: 'u', startIndex: 7, endIndex: 12 }],
        },
        { type: 'tool-call', id: 'c', name: 'f', arguments: '{"a":1}' },
      ],
    });
  });
});
