import {
  arbitraryArguments,
  arbitraryBase64,
  arbitraryId,
  arbitraryText,
  arbitraryToolName,
  dropUndefined,
} from '@interlingua/core/testing';
import fc from 'fast-check';

/** Arbitrary valid Chat wire values (requests and responses), in the shapes the adapter reads exactly. */

type Obj = Record<string, unknown>;
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const rec = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Obj> =>
  fc.record(shape).map((o) => dropUndefined(o as Obj));

const textPart = rec({
  type: fc.constant('text'),
  text: arbitraryText,
  prompt_cache_breakpoint: opt(fc.constant({ mode: 'explicit' })),
});
const imagePart = rec({
  type: fc.constant('image_url'),
  image_url: rec({
    url: fc.oneof(
      arbitraryId().map((s) => `https://example.com/${s}.png`),
      arbitraryBase64.map((d) => `data:image/png;base64,${d}`),
    ),
    detail: opt(fc.constantFrom('auto', 'low', 'high')),
  }),
});
const audioPart = rec({
  type: fc.constant('input_audio'),
  input_audio: rec({ data: arbitraryBase64, format: fc.constantFrom('wav', 'mp3') }),
});
const filePart = fc.oneof(
  rec({ type: fc.constant('file'), file: rec({ file_id: arbitraryId('file-') }) }),
  rec({
    type: fc.constant('file'),
    file: rec({ file_data: arbitraryBase64.map((d) => `data:application/pdf;base64,${d}`), filename: arbitraryText }),
  }),
);
const unknownPart = rec({ type: fc.constant('future_part'), payload: arbitraryText });

const content = (parts: fc.Arbitrary<Obj>) => fc.oneof(arbitraryText, fc.array(parts, { minLength: 1, maxLength: 3 }));

const toolCall = fc.oneof(
  rec({
    id: arbitraryId('call_'),
    type: fc.constant('function'),
    function: rec({ name: arbitraryToolName, arguments: arbitraryArguments }),
  }),
  rec({
    id: arbitraryId('call_'),
    type: fc.constant('custom'),
    custom: rec({ name: arbitraryToolName, input: arbitraryText }),
  }),
);

const message: fc.Arbitrary<Obj> = fc.oneof(
  rec({ role: fc.constantFrom('system', 'developer'), content: content(textPart), name: opt(arbitraryToolName) }),
  rec({
    role: fc.constant('user'),
    content: content(fc.oneof(textPart, imagePart, audioPart, filePart, unknownPart)),
    name: opt(arbitraryToolName),
  }),
  rec({
    role: fc.constant('assistant'),
    content: fc.oneof(fc.constant(null), arbitraryText, fc.constant(undefined)),
    refusal: opt(fc.oneof(fc.constant(null), arbitraryText)),
    tool_calls: opt(fc.array(toolCall, { maxLength: 3 })),
    reasoning_content: opt(arbitraryText),
    audio: opt(rec({ id: arbitraryId('audio_') })),
  }),
  rec({ role: fc.constant('tool'), tool_call_id: arbitraryId('call_'), content: content(textPart) }),
);

const functionTool = rec({
  type: fc.constant('function'),
  function: rec({
    name: arbitraryToolName,
    description: opt(arbitraryText),
    parameters: opt(fc.constant({ type: 'object', properties: { q: { type: 'string' } } })),
    strict: opt(fc.boolean()),
  }),
});
const customTool = rec({
  type: fc.constant('custom'),
  custom: rec({
    name: arbitraryToolName,
    description: opt(arbitraryText),
    format: opt(
      fc.oneof(
        fc.constant({ type: 'text' }),
        fc.constant({ type: 'grammar', grammar: { definition: 'start: "a"', syntax: 'lark' } }),
      ),
    ),
  }),
});

/** A Chat Completions request body. */
export const arbitraryWireRequest: fc.Arbitrary<Obj> = rec({
  model: arbitraryId('gpt-'),
  messages: fc.array(message, { minLength: 1, maxLength: 5 }),
  max_tokens: opt(fc.integer({ min: 1, max: 4096 })),
  max_completion_tokens: opt(fc.integer({ min: 1, max: 4096 })),
  temperature: opt(fc.integer({ min: 0, max: 20 }).map((n) => n / 10)),
  top_p: opt(fc.integer({ min: 0, max: 10 }).map((n) => n / 10)),
  stop: opt(fc.oneof(arbitraryText, fc.array(arbitraryText, { minLength: 1, maxLength: 4 }))),
  seed: opt(fc.nat()),
  n: opt(fc.integer({ min: 1, max: 4 })),
  presence_penalty: opt(fc.integer({ min: -20, max: 20 }).map((n) => n / 10)),
  logit_bias: opt(fc.constant({ '50256': -100 })),
  logprobs: opt(fc.boolean()),
  top_logprobs: opt(fc.integer({ min: 0, max: 20 })),
  stream: opt(fc.boolean()),
  stream_options: opt(rec({ include_usage: fc.boolean(), include_obfuscation: opt(fc.boolean()) })),
  tools: opt(fc.array(fc.oneof(functionTool, customTool), { minLength: 1, maxLength: 3 })),
  tool_choice: opt(
    fc.oneof(
      fc.constantFrom('none', 'auto', 'required'),
      arbitraryToolName.map((name) => ({ type: 'function', function: { name } })),
    ),
  ),
  parallel_tool_calls: opt(fc.boolean()),
  response_format: opt(
    fc.oneof(
      fc.constant({ type: 'text' }),
      fc.constant({ type: 'json_object' }),
      fc.constant({ type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } }),
    ),
  ),
  reasoning_effort: opt(fc.constantFrom('minimal', 'low', 'medium', 'high')),
  verbosity: opt(fc.constantFrom('low', 'medium', 'high')),
  modalities: opt(fc.constant(['text', 'audio'])),
  audio: opt(fc.constant({ format: 'wav', voice: 'alloy' })),
  prediction: opt(fc.constant({ type: 'content', content: 'predicted' })),
  metadata: opt(fc.dictionary(arbitraryToolName, arbitraryText, { maxKeys: 2 })),
  store: opt(fc.boolean()),
  user: opt(arbitraryText),
  safety_identifier: opt(arbitraryText),
  prompt_cache_key: opt(arbitraryText),
  service_tier: opt(fc.constantFrom('auto', 'default', 'flex', 'priority')),
  web_search_options: opt(
    fc.constant({
      search_context_size: 'low',
      user_location: { type: 'approximate', approximate: { city: 'Utrecht' } },
    }),
  ),
  some_vendor_field: opt(fc.constant({ x: 1 })),
}).filter(
  // A `function` tool_choice naming a custom tool is invalid (the API rejects it); the encoder would
  // rightly write it as a custom choice, so such bodies cannot round-trip and are not generated.
  // Nor are `tool_choice` / `parallel_tool_calls` without tools (a 400; the encoder leaves them out).
  (body) => {
    const choice = body.tool_choice as { function?: { name?: string } } | undefined;
    const tools = (body.tools as { type: string; custom?: { name: string } }[] | undefined) ?? [];
    if ((choice !== undefined || body.parallel_tool_calls !== undefined) && tools.length === 0) return false;
    return !choice?.function || !tools.some((t) => t.type === 'custom' && t.custom?.name === choice.function?.name);
  },
);

const tokenLogprob = rec({
  token: arbitraryText,
  logprob: fc.integer({ min: -2000, max: 0 }).map((n) => n / 100),
  bytes: fc.oneof(fc.constant(null), fc.array(fc.nat(255), { maxLength: 3 })),
  top_logprobs: fc.array(rec({ token: arbitraryText, logprob: fc.constant(-1), bytes: fc.constant(null) }), {
    maxLength: 2,
  }),
});

const responseMessage = rec({
  role: fc.constant('assistant'),
  content: fc.oneof(fc.constant(null), arbitraryText),
  refusal: fc.oneof(fc.constant(null), arbitraryText),
  annotations: opt(fc.constant([])),
  tool_calls: opt(fc.array(toolCall, { maxLength: 3 })),
  reasoning_content: opt(arbitraryText),
});

const usage = rec({
  prompt_tokens: fc.nat(10_000),
  completion_tokens: fc.nat(10_000),
  total_tokens: fc.nat(20_000),
  prompt_tokens_details: opt(rec({ cached_tokens: fc.nat(100), audio_tokens: fc.nat(10) })),
  completion_tokens_details: opt(rec({ reasoning_tokens: fc.nat(100), accepted_prediction_tokens: fc.nat(10) })),
});

/** A choice ending in a tool-call finish reason without calls ends `stop` (what OpenAI sends). */
function withCallsFinish(choice: Obj): Obj {
  const calls = (choice.message as { tool_calls?: unknown[] }).tool_calls;
  const toolFinish = choice.finish_reason === 'tool_calls' || choice.finish_reason === 'function_call';
  return toolFinish && !(calls && calls.length > 0) ? { ...choice, finish_reason: 'stop' } : choice;
}

/** A `chat.completion` body (with `n` choices). */
export const arbitraryWireResponse: fc.Arbitrary<Obj> = fc
  .array(
    rec({
      message: responseMessage,
      finish_reason: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'function_call'),
      logprobs: fc.oneof(
        fc.constant(null),
        rec({ content: fc.array(tokenLogprob, { maxLength: 2 }), refusal: fc.constant(null) }),
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .chain((choices) =>
    rec({
      id: arbitraryId('chatcmpl-'),
      object: fc.constant('chat.completion'),
      created: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
      model: arbitraryId('gpt-'),
      // OpenAI ends a choice `tool_calls` / `function_call` only when it carries calls.
      choices: fc.constant(choices.map((c, index) => ({ index, ...withCallsFinish(c) }))),
      usage: opt(usage),
      service_tier: opt(fc.constantFrom('default', 'flex')),
      system_fingerprint: opt(fc.oneof(fc.constant(null), arbitraryId('fp_'))),
    }),
  );
