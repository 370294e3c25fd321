import { describe, expect, it } from 'vitest';
import { diff } from './diff.ts';
import { explained, unexplained } from './explain.ts';
import { normalize, normalizeWithOrigins } from './normalize.ts';

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

describe('normalizeWithOrigins', () => {
  const request = {
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'b' },
          { type: 'image', source: { type: 'url', url: 'u' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
    ],
  };

  it('maps original paths to where merged turns and joined texts put them', () => {
    const { value, toNormalized } = normalizeWithOrigins(request);
    expect(value.messages).toHaveLength(2);
    // Turn 1 merged into turn 0; its text joined turn 0's text, its image moved up.
    expect(toNormalized(['messages', 1, 'content', 1, 'source', 'url'])).toEqual([
      'messages',
      0,
      'content',
      1,
      'source',
      'url',
    ]);
    expect(toNormalized(['messages', 1, 'content', 0])).toEqual(['messages', 0, 'content', 0]);
    expect(toNormalized(['messages', 2, 'content', 0])).toEqual(['messages', 1, 'content', 0]);
    expect(toNormalized(['model'])).toEqual(['model']);
  });
});

describe('unexplained, after normalisation', () => {
  it('explains a difference where a loss at an original index lands after merging turns', () => {
    const before = {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'a' }] },
        { role: 'user', content: [{ type: 'image', data: 'x' }] },
      ],
    };
    const after = { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }] }] };
    const differences = diff(normalize(before), normalize(after));
    expect(differences.map((d) => d.path)).toEqual([['messages', 0, 'content', 1]]);
    const original = ['messages', 1, 'content', 0];
    // The loss as reported does not line up with the normalised difference; mapped, it does.
    expect(unexplained(differences, [{ path: original, code: 'dropped' }])).toHaveLength(1);
    const mapped = normalizeWithOrigins(before).toNormalized(original);
    expect(unexplained(differences, [{ path: mapped, code: 'dropped' }])).toEqual([]);
  });

  it('explains text that absorbed the next text when the part between them was dropped', () => {
    const before = {
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', data: 'x' },
        { type: 'text', text: 'b' },
      ],
    };
    const after = { content: [{ type: 'text', text: 'ab' }] };
    const differences = diff(normalize(before), normalize(after));
    expect(unexplained(differences, [{ path: ['content', 1], code: 'dropped' }])).toEqual([]);
  });

  it('explains text that absorbed the next turn’s text when the turn between them was dropped', () => {
    const before = {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'a' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'r' }] },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
      ],
    };
    const after = { messages: [{ role: 'user', content: [{ type: 'text', text: 'ab' }] }] };
    const differences = diff(normalize(before), normalize(after));
    expect(unexplained(differences, [{ path: ['messages', 1], code: 'dropped' }])).toEqual([]);
    // A turn lost further on separated nothing from the text.
    expect(unexplained(differences, [{ path: ['messages', 2], code: 'dropped' }]).map((d) => d.path)).toEqual([
      ['messages', 0, 'content', 0, 'text'],
      ['messages', 1],
    ]);
  });

  it('keeps a text change unexplained when nothing between texts was lost or the text was rewritten', () => {
    const before = {
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', data: 'x' },
        { type: 'text', text: 'b' },
      ],
    };
    const joined = diff(normalize(before), normalize({ content: [{ type: 'text', text: 'ab' }] }));
    // A loss after the image, or a loss that removes nothing (`defaulted`), does not explain the join.
    expect(unexplained(joined, [{ path: ['content', 2], code: 'dropped' }]).map((d) => d.path)).toEqual([
      ['content', 0, 'text'],
      ['content', 1],
    ]);
    expect(unexplained(joined, [{ path: ['content', 1], code: 'defaulted' }]).map((d) => d.path)).toEqual([
      ['content', 0, 'text'],
    ]);
    // Text that changed other than at its end is not a join.
    const rewritten = diff(normalize(before), normalize({ content: [{ type: 'text', text: 'xb' }] }));
    expect(unexplained(rewritten, [{ path: ['content', 1], code: 'dropped' }]).map((d) => d.path)).toEqual([
      ['content', 0, 'text'],
    ]);
  });
});
