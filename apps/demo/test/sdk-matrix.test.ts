import type { ChatFormat } from '@interlingua/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driver } from './support/clients.ts';
import { type Stack, startStack } from './support/stack.ts';

// The formats whose adapter package exports its adapter today; the matrix grows to all four as they land.
const FORMATS: ChatFormat[] = ['openai-chat', 'openai-responses', 'claude', 'gemini'];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

describe.each(FORMATS)('%s client (official SDK)', (inbound) => {
  describe.each(FORMATS)('→ %s upstream (simulator)', (upstream) => {
    const model = `${upstream}/sim-model`;

    it.each([false, true])('answers text (stream: %s)', async (stream) => {
      const outcome = await driver(inbound, stack.origin).ask({ model, prompt: 'hello gateway', stream });
      expect(outcome.text).toContain('You said: "hello gateway"');
      expect(outcome.toolCalls).toEqual([]);
      const entry = stack.logs.find((log) => log.inbound === inbound && log.upstream === upstream);
      expect(entry).toMatchObject({ provider: `sim-${upstream}`, passThrough: inbound === upstream });
    });

    it.each([false, true])('runs a tool-call round trip (stream: %s)', async (stream) => {
      const client = driver(inbound, stack.origin);
      const call = await client.ask({ model, prompt: 'What is the weather? use get_weather', stream, tools: true });
      expect(call.toolCalls).toHaveLength(1);
      expect(call.toolCalls[0]).toMatchObject({ name: 'get_weather', arguments: { city: 'sample-city' } });
      const answer = await client.answerTool('sunny, 21 °C');
      expect(answer.toolCalls).toEqual([]);
      expect(answer.text).toContain('sunny, 21 °C');
    });

    it.each([false, true])('carries reasoning where both formats can (stream: %s)', async (stream) => {
      const outcome = await driver(inbound, stack.origin).ask({
        model,
        prompt: 'think first',
        stream,
        reasoning: true,
      });
      expect(outcome.text).toContain('You said: "think first"');
      // Reasoning survives when the client's format can show it and the upstream's can carry it back.
      if (reasoningVisible(inbound, upstream)) expect(outcome.reasoning).toContain('The user wrote "think first"');
    });
  });
});

/** Where the client sees reasoning text (see the report: foreign reasoning cannot become a Claude thinking block). */
function reasoningVisible(inbound: ChatFormat, upstream: ChatFormat): boolean {
  return inbound !== 'claude' || upstream === 'claude';
}
