import { expect, it } from 'vitest';
import { openaiChat } from './index.ts';

it('runs the README example', () => {
  const { value: request } = openaiChat.request.decode({
    model: 'gpt-4.1',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Hi!' },
    ],
    max_tokens: 64,
  });
  expect([request.messages[0]?.role, request.maxOutputTokens]).toEqual(['developer', 64]);
  const { value: body, losses } = openaiChat.request.encode(request);
  expect(body).toEqual({
    model: 'gpt-4.1',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Hi!' },
    ],
    max_tokens: 64,
  });
  expect(losses).toEqual([]);
});
