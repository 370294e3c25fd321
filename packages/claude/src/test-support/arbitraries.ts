import type { ChatResponse, ContentPart, JsonObject, JsonValue } from '@interlingua/core';
import {
  arbitraryArguments,
  arbitraryBase64,
  arbitraryText,
  arbitraryUsage,
  dropUndefined,
} from '@interlingua/core/testing';
import fc from 'fast-check';

/**
 * Format-restricted generators: valid Claude wire requests (for wire → core → wire) and
 * canonical responses within Claude's capabilities (for core → wire → core and streams).
 */

const id = (prefix: string): fc.Arbitrary<string> => fc.stringMatching(/^[A-Za-z0-9]{6,12}$/).map((s) => prefix + s);
const toolName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const cache = fc.option(fc.constantFrom<JsonObject>({ type: 'ephemeral' }, { type: 'ephemeral', ttl: '1h' }), {
  nil: undefined,
});
const signature = fc.base64String({ minLength: 4, maxLength: 40 });
const SCHEMA: JsonObject = {
  type: 'object',
  properties: { q: { type: 'string' } },
  required: ['q'],
  additionalProperties: false,
};

const textBlock: fc.Arbitrary<JsonObject> = fc
  .record({ type: fc.constant('text'), text: arbitraryText, cache_control: cache })
  .map((b) => dropUndefined(b) as JsonObject);

const imageBlock: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({
    type: fc.constant('image'),
    source: fc.record({
      type: fc.constant('base64'),
      media_type: fc.constantFrom('image/png', 'image/jpeg'),
      data: arbitraryBase64,
    }),
  }),
  fc.record({
    type: fc.constant('image'),
    source: fc.record({ type: fc.constant('url'), url: id('https://example.com/') }),
  }),
);

const documentBlock: fc.Arbitrary<JsonObject> = fc
  .record({
    type: fc.constant('document'),
    source: fc.oneof(
      fc.record({ type: fc.constant('url'), url: id('https://example.com/doc') }),
      fc.record({ type: fc.constant('text'), media_type: fc.constant('text/plain'), data: arbitraryText }),
      fc.record({ type: fc.constant('base64'), media_type: fc.constant('application/pdf'), data: arbitraryBase64 }),
      fc.record({ type: fc.constant('content'), content: arbitraryText }),
    ),
    title: fc.option(arbitraryText, { nil: undefined }),
    context: fc.option(arbitraryText, { nil: undefined }),
    citations: fc.option(fc.record({ enabled: fc.boolean() }), { nil: undefined }),
    cache_control: cache,
  })
  .map((b) => dropUndefined(b) as JsonObject);

const userBlock = fc.oneof({ weight: 3, arbitrary: textBlock }, imageBlock, documentBlock);

const assistantBlock: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 3, arbitrary: textBlock },
  fc.record({ type: fc.constant('thinking'), thinking: arbitraryText, signature }),
  fc.record({ type: fc.constant('redacted_thinking'), data: signature }),
  fc.record({
    type: fc.constant('server_tool_use'),
    id: id('srvtoolu_'),
    name: fc.constant('web_search'),
    input: fc.record({ query: arbitraryText }),
  }),
);

const toolUse = (name: string): fc.Arbitrary<JsonObject> =>
  fc.record({
    type: fc.constant('tool_use'),
    id: id('toolu_'),
    name: fc.constant(name),
    input: arbitraryArguments.map((a) => JSON.parse(a) as JsonObject),
  });

const toolResult = (toolUseId: string): fc.Arbitrary<JsonObject> =>
  fc
    .record({
      type: fc.constant('tool_result'),
      tool_use_id: fc.constant(toolUseId),
      content: fc.option(
        fc.oneof(arbitraryText, fc.array(fc.oneof(textBlock, imageBlock), { minLength: 1, maxLength: 2 })),
        { nil: undefined },
      ),
      is_error: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map((b) => dropUndefined(b) as JsonObject);

/** Content as a string or blocks. */
function content(blocks: fc.Arbitrary<JsonObject[]>): fc.Arbitrary<string | JsonObject[]> {
  return fc.oneof(arbitraryText, blocks);
}

/** A valid conversation: user first, roles alternating, every tool_use answered first thing in the next user turn. */
function conversation(tools: string[], thinkingOn: boolean): fc.Arbitrary<JsonObject[]> {
  return fc.integer({ min: 1, max: 4 }).chain((turns) => {
    let chain: fc.Arbitrary<JsonObject[]> = fc.constant([]);
    for (let t = 0; t < turns; t++) {
      const last = t === turns - 1;
      chain = chain.chain((messages) => {
        const prev = messages[messages.length - 1];
        const pending =
          prev && Array.isArray(prev.content)
            ? (prev.content as JsonObject[]).filter((b) => b.type === 'tool_use').map((b) => String(b.id))
            : [];
        const user =
          pending.length > 0
            ? fc
                .tuple(fc.tuple(...pending.map(toolResult)), fc.array(userBlock, { maxLength: 2 }))
                .map(([results, rest]) => ({ role: 'user', content: [...results, ...rest] }) as JsonObject)
            : content(fc.array(userBlock, { minLength: 1, maxLength: 3 })).map(
                (c) => ({ role: 'user', content: c }) as JsonObject,
              );
        const assistant = fc
          .tuple(
            fc.array(assistantBlock, { minLength: 1, maxLength: 3 }),
            tools.length > 0 && !last
              ? fc.array(fc.constantFrom(...tools).chain(toolUse), { maxLength: 2 })
              : fc.constant([]),
          )
          .map(([blocks, generated]) => {
            // Tool-use ids must be unique in a conversation (the API pairs results by id): suffix the
            // turn and position so that two random ids can never collide.
            const uses = generated.map((use, i) => ({ ...use, id: `${String(use.id)}_${t}${i}` }));
            // With thinking on, Claude requires a tool-loop assistant turn to open with its thinking.
            const lead = thinkingOn && uses.length > 0 ? [{ type: 'thinking', thinking: 't', signature: 'c2ln' }] : [];
            return { role: 'assistant', content: [...lead, ...blocks, ...uses] } as JsonObject;
          });
        return fc
          .tuple(user, last ? fc.constant(undefined) : assistant)
          .map(([u, a]) => (a ? [...messages, u, a] : [...messages, u]));
      });
    }
    return chain;
  });
}

/** A valid Messages API request body. */
export const arbitraryClaudeRequest: fc.Arbitrary<JsonObject> = fc
  .record({
    tools: fc.uniqueArray(toolName, { maxLength: 3 }),
    thinking: fc.option(
      fc.oneof(
        fc.integer({ min: 1024, max: 4000 }).map((b) => ({ type: 'enabled', budget_tokens: b }) as JsonObject),
        fc.constant<JsonObject>({ type: 'adaptive', display: 'summarized' }),
        fc.constant<JsonObject>({ type: 'disabled' }),
      ),
      { nil: undefined },
    ),
  })
  .chain(({ tools, thinking }) => {
    const on = thinking !== undefined && thinking.type !== 'disabled';
    return fc
      .record({
        model: fc.constantFrom('claude-sonnet-4-5', 'claude-opus-4-6'),
        max_tokens: fc.integer({ min: 4001, max: 64000 }),
        messages: conversation(tools, on),
        system: fc.option(content(fc.array(textBlock, { minLength: 1, maxLength: 2 })), { nil: undefined }),
        stop_sequences: fc.option(fc.array(arbitraryText, { maxLength: 2 }), { nil: undefined }),
        temperature: on
          ? fc.constant(undefined)
          : fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        top_k: on ? fc.constant(undefined) : fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
        stream: fc.option(fc.boolean(), { nil: undefined }),
        metadata: fc.option(fc.record({ user_id: id('user_') }), { nil: undefined }),
        tools: fc.constant(
          tools.length > 0
            ? [
                ...tools.map((name, i) =>
                  dropUndefined({
                    name,
                    description: 'd',
                    input_schema: SCHEMA,
                    strict: i === 0 ? true : undefined,
                    defer_loading: i === 1 ? true : undefined,
                  }),
                ),
                { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
              ]
            : undefined,
        ),
        tool_choice:
          tools.length > 0
            ? fc.option(
                fc.oneof(
                  fc.record({ type: fc.constant('auto'), disable_parallel_tool_use: fc.boolean() }),
                  fc.constant({ type: 'none' }),
                  ...(on
                    ? []
                    : [
                        fc.constant({ type: 'any' }),
                        fc.constantFrom(...tools).map((name) => ({ type: 'tool', name })),
                      ]),
                ),
                { nil: undefined },
              )
            : fc.constant(undefined),
        thinking: fc.constant(thinking),
        output_config: fc.option(
          fc
            .record({
              effort: fc.option(fc.constantFrom('low', 'medium', 'high', 'xhigh', 'max'), { nil: undefined }),
              format: fc.option(fc.constant({ type: 'json_schema', schema: SCHEMA }), { nil: undefined }),
            })
            .map(dropUndefined),
          { nil: undefined },
        ),
        cache_control: fc.option(fc.constant({ type: 'ephemeral' }), { nil: undefined }),
        service_tier: fc.option(fc.constantFrom('auto', 'standard_only'), { nil: undefined }),
        context_management: fc.option(fc.constant({ edits: [{ type: 'clear_tool_uses_20250919' }] }), {
          nil: undefined,
        }),
      })
      .map((r) => acceptedByApi(dropUndefined(r) as unknown as JsonObject));
  });

/** The API caps `cache_control` breakpoints (the top-level one, tools, system, messages and nested content). */
const MAX_CACHE_BREAKPOINTS = 4;

/**
 * Makes a generated body one the API accepts: no message (or system) whose only text is whitespace
 * (a visible character is prepended to it), and at most four `cache_control` breakpoints (the ones
 * after the fourth, in the API's counting order, are removed).
 */
function acceptedByApi(body: JsonObject): JsonObject {
  const out = structuredClone(body);
  const visible = (text: string): string => (text !== '' && text.trim() === '' ? `x${text}` : text);
  const fixTexts = (content: JsonValue | undefined): JsonValue | undefined => {
    if (typeof content === 'string') return visible(content);
    if (!Array.isArray(content)) return content;
    const blocks = content as JsonObject[];
    const seen = blocks.some((b) => b.type !== 'text' || String(b.text).trim() !== '');
    if (!seen) for (const b of blocks) if (typeof b.text === 'string') b.text = visible(b.text);
    return content;
  };
  if (out.system !== undefined) out.system = fixTexts(out.system) as JsonValue;
  for (const message of out.messages as JsonObject[]) message.content = fixTexts(message.content) as JsonValue;
  let breakpoints = 0;
  const cap = (value: JsonValue | undefined): void => {
    if (!isObjectValue(value)) return;
    if (value.cache_control !== undefined && ++breakpoints > MAX_CACHE_BREAKPOINTS) delete value.cache_control;
    capAll(value.content);
  };
  const capAll = (values: JsonValue | undefined): void => {
    if (Array.isArray(values)) for (const value of values) cap(value);
  };
  if (out.cache_control !== undefined) breakpoints++;
  capAll(out.tools);
  capAll(out.system);
  capAll(out.messages);
  return out;
}

const isObjectValue = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Content parts a Claude response can carry, with Claude-issued opaque state. */
const responsePart: fc.Arbitrary<ContentPart> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('text' as const), text: arbitraryText }) },
  fc.record({
    type: fc.constant('reasoning' as const),
    text: arbitraryText,
    signature: signature.map((value) => ({ format: 'claude', value })),
  }),
  fc.record({
    type: fc.constant('reasoning' as const),
    text: fc.constant(''),
    redacted: fc.constant(true),
    encrypted: signature.map((value) => ({ format: 'claude', value })),
  }),
  fc.record({
    type: fc.constant('tool-call' as const),
    id: id('toolu_'),
    name: toolName,
    arguments: arbitraryArguments,
  }),
);

/** A canonical response within Claude's capabilities. */
export const arbitraryClaudeResponse: fc.Arbitrary<ChatResponse> = fc
  .record({
    id: id('msg_'),
    model: fc.constantFrom('claude-sonnet-4-5'),
    content: fc.array(responsePart, { minLength: 1, maxLength: 4 }),
    reason: fc.constantFrom('end_turn', 'max_tokens', 'tool_use', 'pause_turn', 'refusal'),
    usage: arbitraryUsage,
  })
  .map(({ id: msgId, model, content: parts, reason, usage }) => {
    const { totalTokens: _total, ...rest } = usage;
    return {
      id: msgId,
      model,
      choices: [{ index: 0, content: parts, finishReason: { reason: REASONS[reason]!, raw: reason } }],
      usage: rest,
    };
  });

const REASONS: Record<string, 'stop' | 'length' | 'tool-calls' | 'pause' | 'content-filter'> = {
  end_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool-calls',
  pause_turn: 'pause',
  refusal: 'content-filter',
};
