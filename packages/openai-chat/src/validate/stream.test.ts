import type { JsonObject, JsonValue, ValidationResult, WireEvent } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { VALIDATION_RULES, validateStream } from '../validate.ts';

// Hand-broken Chat streams, each with exactly the problems (rule and path) it must produce.

/** The problems of a result as `[rule, path]` pairs, the part tests compare. */
const rules = (result: ValidationResult): [string, (string | number)[]][] =>
  result.problems.map((p) => [p.rule, p.path]);

const ENVELOPE = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1767225600, model: 'gpt-4.1' };

/** A chunk event with the shared envelope. */
const chunk = (choices: JsonValue[], extra: JsonObject = {}): WireEvent => ({
  data: JSON.stringify({ ...ENVELOPE, choices, ...extra }),
});
/** A chunk for one choice. */
const on = (delta: JsonObject, finish: string | null = null, index = 0): WireEvent =>
  chunk([{ index, delta, finish_reason: finish }]);
const role = (index = 0): WireEvent => on({ role: 'assistant', content: '', refusal: null }, null, index);
const text = (t: string, index = 0): WireEvent => on({ content: t }, null, index);
const finish = (reason = 'stop', index = 0): WireEvent => on({}, reason, index);
/** The first fragment of a function call. */
const call = (tool: number, id = `call_${tool}`, name = 'get_weather'): WireEvent =>
  on({ tool_calls: [{ index: tool, id, type: 'function', function: { name, arguments: '' } }] });
const args = (tool: number, fragment: string): WireEvent =>
  on({ tool_calls: [{ index: tool, function: { arguments: fragment } }] });
const usage = chunk([], { usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 } });
const done: WireEvent = { data: '[DONE]' };

describe('validateStream: broken streams', () => {
  const error = (body: JsonObject): WireEvent => ({ data: JSON.stringify(body) });
  const cases: [
    string,
    WireEvent[],
    { includeUsage?: boolean; requireDone?: boolean },
    [string, (string | number)[]][],
  ][] = [
    ['a payload that is not JSON', [role(), { data: 'nope' }, finish(), done], {}, [['json', [1]]]],
    [
      'a chunk with the wrong object and no created',
      [
        role(),
        { data: JSON.stringify({ ...ENVELOPE, object: 'chat.completion', created: undefined, choices: [] }) },
        finish(),
        done,
      ],
      {},
      [
        ['schema', [1, 'object']],
        ['schema', [1, 'created']],
      ],
    ],
    [
      'an envelope that changes (reported once per change)',
      [
        role(),
        chunk([{ index: 0, delta: { content: 'a' } }], { id: 'chatcmpl-2', model: 'gpt-5' }),
        text('b'),
        finish(),
        done,
      ],
      {},
      [
        ['envelope', [1, 'id']],
        ['envelope', [1, 'model']],
        ['envelope', [2, 'id']],
        ['envelope', [2, 'model']],
      ],
    ],
    [
      'a choice without its role chunk',
      [text('a'), finish(), done],
      {},
      [['first-event', [0, 'choices', 0, 'delta', 'role']]],
    ],
    [
      'a role other than assistant',
      [on({ role: 'user' }), finish(), done],
      {},
      [['schema', [0, 'choices', 0, 'delta', 'role']]],
    ],
    [
      'a first tool-call fragment without id, type and name',
      [role(), on({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }), finish('tool_calls'), done],
      {},
      [
        ['schema', [1, 'choices', 0, 'delta', 'tool_calls', 0, 'id']],
        ['schema', [1, 'choices', 0, 'delta', 'tool_calls', 0, 'type']],
        ['schema', [1, 'choices', 0, 'delta', 'tool_calls', 0, 'function', 'name']],
      ],
    ],
    [
      'a later fragment that names the call again',
      [
        role(),
        call(0),
        on({ tool_calls: [{ index: 0, id: 'call_x', function: { name: 'f', arguments: '{}' } }] }),
        finish('tool_calls'),
        done,
      ],
      {},
      [
        ['schema', [2, 'choices', 0, 'delta', 'tool_calls', 0, 'id']],
        ['schema', [2, 'choices', 0, 'delta', 'tool_calls', 0, 'function', 'name']],
      ],
    ],
    [
      'a tool-call fragment without index',
      [
        role(),
        on({ tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'f', arguments: '{}' } }] }),
        finish('tool_calls'),
        done,
      ],
      {},
      [
        ['schema', [1, 'choices', 0, 'delta', 'tool_calls', 0, 'index']],
        ['finish-reason', [2, 'choices', 0, 'finish_reason']],
      ],
    ],
    [
      'arguments that are not JSON at the finish',
      [role(), call(0), args(0, '{"city": '), finish('tool_calls'), done],
      {},
      [['arguments-json', [3, 'choices', 0, 'finish_reason']]],
    ],
    [
      'tool-call indices that do not start at 0 or skip one',
      [role(), call(1), call(3), args(1, '{}'), args(3, '{}'), finish('tool_calls'), done],
      {},
      [
        ['block-index', [1, 'choices', 0, 'delta', 'tool_calls', 0, 'index']],
        ['block-index', [2, 'choices', 0, 'delta', 'tool_calls', 0, 'index']],
      ],
    ],
    ['content after the finish chunk', [role(), finish(), text('late'), done], {}, [['last-event', [2, 'choices', 0]]]],
    ['a second finish chunk', [role(), finish(), finish('length'), done], {}, [['last-event', [2, 'choices', 0]]]],
    ['a choice that never finishes', [role(0), role(1), finish('stop', 1), done], {}, [['last-event', [3]]]],
    [
      'finish_reason tool_calls without tool calls, and an unknown finish reason',
      [role(0), role(1), finish('tool_calls', 0), finish('eos', 1), done],
      {},
      [
        ['finish-reason', [2, 'choices', 0, 'finish_reason']],
        ['finish-reason', [3, 'choices', 0, 'finish_reason']],
      ],
    ],
    [
      'a missing usage chunk when usage was requested',
      [role(), finish(), done],
      { includeUsage: true },
      [['usage', [2]]],
    ],
    [
      'a usage chunk before the finish, without counts, then another',
      [role(), chunk([], { usage: { prompt_tokens: 1, completion_tokens: 1 } }), finish(), usage, done],
      {},
      [
        ['usage', [1]],
        ['usage', [1, 'usage', 'total_tokens']],
        ['usage', [2, 'choices', 0]],
        ['usage', [3, 'usage']],
      ],
    ],
    ['a missing [DONE]', [role(), finish()], {}, [['terminator', [2]]]],
    [
      'anything after [DONE]',
      [role(), finish(), done, usage, done],
      {},
      [
        ['last-event', [3]],
        ['last-event', [4]],
      ],
    ],
    [
      'anything after an error payload but [DONE]',
      [role(), error({ error: { message: 'x', type: 't', param: null, code: null } }), text('a')],
      {},
      [['last-event', [2]]],
    ],
    [
      'a malformed error payload',
      [role(), error({ error: { message: 'boom', code: 500 } })],
      {},
      [
        ['schema', [1, 'error', 'type']],
        ['schema', [1, 'error', 'param']],
        ['schema', [1, 'error', 'code']],
      ],
    ],
    ['a named event', [{ ...role(), event: 'message' }, finish(), done], {}, [['event-name', [0]]]],
    [
      'an empty stream',
      [],
      { includeUsage: true },
      [
        ['first-event', [0]],
        ['usage', [0]],
        ['terminator', [0]],
      ],
    ],
    ['a stream of [DONE] only', [done], {}, [['first-event', [0]]]],
    [
      'a stream cut off mid-call (no [DONE] required)',
      [role(), call(0), args(0, '{"a"')],
      { requireDone: false },
      [['last-event', [3]]],
    ],
  ];

  for (const [name, events, options, expected] of cases)
    it(`reports ${name}`, () => {
      const result = validateStream(events, options);
      expect(rules(result)).toEqual(expected);
      expect(result.valid).toBe(false);
    });

  it('says what was expected and what arrived', () => {
    const messages = (events: WireEvent[]) => validateStream(events).problems.map((p) => p.message);
    expect(messages([role(), call(1), args(1, '{}'), finish('tool_calls'), done])).toEqual([
      'expected tool call index 0 (indices count up from 0 per choice), got 1',
    ]);
    expect(messages([role(), call(0), args(0, '{"a'), finish('tool_calls'), done])).toEqual([
      'expected the arguments of tool call 0 of choice 0 (started at event 1) to be valid JSON, got "{"a"',
    ]);
    expect(messages([role(), finish(), text('late'), done])).toEqual([
      'expected nothing for choice 0 after its finish chunk (event 1), got delta.content',
    ]);
    expect(messages([role(), finish()])).toEqual([
      'expected data: [DONE] last, got the end of the stream after 2 events',
    ]);
  });

  it('uses only the documented rule names, and every one of them on streams but the request rules', () => {
    const reported = new Set(
      cases.flatMap(([, events, options]) => validateStream(events, options).problems.map((p) => p.rule)),
    );
    for (const rule of reported) expect(VALIDATION_RULES).toContain(rule);
    const requestOnly = ['empty-content', 'block-role', 'tool-result', 'tool-name'];
    expect([...reported].sort()).toEqual(VALIDATION_RULES.filter((r) => !requestOnly.includes(r)).sort());
  });
});
