import { describe, expect, it } from 'vitest';
import { validateStream } from '../validate.ts';

const response = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  status,
  model: 'gpt-x',
  output: [],
  ...extra,
});

function events(terminal: Record<string, unknown>) {
  const payloads = [
    { type: 'response.created', sequence_number: 0, response: response('in_progress') },
    {
      type: 'response.output_item.added',
      sequence_number: 1,
      output_index: 0,
      item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] },
    },
    { ...terminal, sequence_number: 2 },
  ];
  return payloads.map((p) => ({ event: String(p.type), data: JSON.stringify(p) }));
}

describe('validateStream terminal events', () => {
  it('accepts a failed response that leaves an item open, as the API aborts it', () => {
    const failed = {
      type: 'response.failed',
      response: response('failed', { error: { code: 'server_error', message: 'boom' } }),
    };
    expect(validateStream(events(failed)).problems.filter((p) => p.rule === 'unclosed-block')).toEqual([]);
  });

  it('flags a completed response that leaves an item open', () => {
    const completed = { type: 'response.completed', response: response('completed') };
    expect(validateStream(events(completed)).problems.map((p) => p.rule)).toContain('unclosed-block');
  });
});
