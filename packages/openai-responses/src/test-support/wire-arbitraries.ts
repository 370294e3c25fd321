import {
  arbitraryArguments,
  arbitraryBase64,
  arbitraryId,
  arbitraryText,
  arbitraryToolName,
} from '@interlingua/core/testing';
import fc from 'fast-check';

/** A JSON object as the wire has it. */
export type Wire = Record<string, unknown>;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Removes undefined keys (records with optional keys). */
function clean<T extends Wire>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const url = arbitraryId().map((s) => `https://example.com/${s}.png`);

/** `url_citation` annotations. */
export const wireUrlCitation: fc.Arbitrary<Wire> = fc
  .record({ start: fc.nat(50), length: fc.nat(20), url, title: arbitraryText })
  .map(({ start, length, url, title }) => ({
    type: 'url_citation',
    start_index: start,
    end_index: start + length,
    url,
    title,
  }));

/** File annotations. */
export const wireFileCitation: fc.Arbitrary<Wire> = fc
  .record({ file_id: arbitraryId('file-'), filename: arbitraryId(), index: fc.nat(100) })
  .map((a) => ({ type: 'file_citation', ...a }));

/** User-side content parts. */
export const wireInputPart: fc.Arbitrary<Wire> = fc.oneof(
  arbitraryText.map((text) => ({ type: 'input_text', text })),
  fc
    .record({
      image_url: fc.oneof(
        url,
        arbitraryBase64.map((d) => `data:image/png;base64,${d}`),
      ),
      detail: maybe(fc.constantFrom('auto', 'low', 'high')),
    })
    .map((p) => clean({ type: 'input_image', ...p })),
  arbitraryId('file-').map((file_id) => ({ type: 'input_image', file_id })),
  arbitraryId('file-').map((file_id) => ({ type: 'input_file', file_id })),
  fc
    .record({ data: arbitraryBase64, filename: arbitraryId().map((s) => `${s}.pdf`) })
    .map(({ data, filename }) => ({ type: 'input_file', file_data: `data:application/pdf;base64,${data}`, filename })),
);

/** Assistant output content parts. */
export const wireOutputPart: fc.Arbitrary<Wire> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        text: arbitraryText,
        annotations: fc.array(fc.oneof(wireUrlCitation, wireFileCitation), { maxLength: 2 }),
        logprobs: maybe(fc.constant([])),
      })
      .map((p) => clean({ type: 'output_text', ...p })),
  },
  { weight: 1, arbitrary: arbitraryText.map((refusal) => ({ type: 'refusal', refusal })) },
);

const userMessage: fc.Arbitrary<Wire> = fc
  .record({
    typed: fc.boolean(),
    role: fc.constantFrom('user', 'system', 'developer'),
    content: fc.oneof(arbitraryText, fc.array(wireInputPart, { minLength: 1, maxLength: 3 })),
  })
  .map(({ typed, role, content }) => (typed ? { type: 'message', role, content } : { role, content }));

const fullAssistantMessage: fc.Arbitrary<Wire> = fc
  .record({
    id: arbitraryId('msg_'),
    content: fc.array(wireOutputPart, { minLength: 1, maxLength: 2 }),
    phase: maybe(fc.constantFrom('commentary', 'final_answer')),
  })
  .map((m) =>
    clean({ type: 'message', id: m.id, role: 'assistant', status: 'completed', content: m.content, phase: m.phase }),
  );

const assistantMessage: fc.Arbitrary<Wire> = fc.oneof(
  arbitraryText.map((content) => ({ role: 'assistant', content })),
  fullAssistantMessage,
);

const functionCall: fc.Arbitrary<Wire> = fc
  .record({
    id: arbitraryId('fc_'),
    call_id: arbitraryId('call_'),
    name: arbitraryToolName,
    arguments: arbitraryArguments,
  })
  .map((c) => ({ type: 'function_call', ...c, status: 'completed' }));

const customCall: fc.Arbitrary<Wire> = fc
  .record({ id: arbitraryId('ctc_'), call_id: arbitraryId('call_'), name: arbitraryToolName, input: arbitraryText })
  .map((c) => clean({ type: 'custom_tool_call', ...c }));

const reasoning: fc.Arbitrary<Wire> = fc
  .record({
    id: arbitraryId('rs_'),
    summary: fc.array(arbitraryText, { maxLength: 2 }),
    encrypted_content: maybe(arbitraryBase64),
  })
  .map((r) =>
    clean({
      type: 'reasoning',
      id: r.id,
      summary: r.summary.map((text) => ({ type: 'summary_text', text })),
      encrypted_content: r.encrypted_content,
    }),
  );

const webSearchCall: fc.Arbitrary<Wire> = fc
  .record({ id: arbitraryId('ws_'), query: arbitraryText })
  .map(({ id, query }) => ({ type: 'web_search_call', id, status: 'completed', action: { type: 'search', query } }));

const toolOutput: fc.Arbitrary<Wire> = fc
  .record({
    custom: fc.boolean(),
    call_id: arbitraryId('call_'),
    output: fc.oneof(arbitraryText, fc.array(wireInputPart, { minLength: 1, maxLength: 2 })),
  })
  .map(({ custom, call_id, output }) => ({
    type: custom ? 'custom_tool_call_output' : 'function_call_output',
    call_id,
    output,
  }));

/** Output items of a response (assistant side). */
export const wireOutputItem: fc.Arbitrary<Wire> = fc.oneof(
  fullAssistantMessage,
  functionCall,
  customCall,
  reasoning,
  webSearchCall,
);

/** Input items of a request. */
export const wireInputItem: fc.Arbitrary<Wire> = fc.oneof(
  userMessage,
  assistantMessage,
  functionCall,
  customCall,
  reasoning,
  webSearchCall,
  toolOutput,
);

const tool: fc.Arbitrary<Wire> = fc.oneof(
  fc
    .record({ name: arbitraryToolName, description: maybe(arbitraryText), strict: maybe(fc.boolean()) })
    .map((t) =>
      clean({ type: 'function', ...t, parameters: { type: 'object', properties: { q: { type: 'string' } } } }),
    ),
  fc
    .record({ name: arbitraryToolName, definition: arbitraryText })
    .map(({ name, definition }) => ({ type: 'custom', name, format: { type: 'grammar', syntax: 'lark', definition } })),
  fc.constant({ type: 'web_search', search_context_size: 'medium' }),
  fc.constant({ type: 'file_search', vector_store_ids: ['vs_1'] }),
);

/** A request body. */
export const wireRequest: fc.Arbitrary<Wire> = fc
  .record({
    model: arbitraryId('gpt-'),
    input: fc.oneof(
      { weight: 1, arbitrary: arbitraryText },
      { weight: 4, arbitrary: fc.array(wireInputItem, { minLength: 1, maxLength: 5 }) },
    ),
    instructions: maybe(arbitraryText),
    tools: maybe(fc.array(tool, { maxLength: 3 })),
    tool_choice: maybe(fc.constantFrom('auto', 'none', 'required')),
    parallel_tool_calls: maybe(fc.boolean()),
    temperature: maybe(fc.integer({ min: 0, max: 20 }).map((n) => n / 10)),
    max_output_tokens: maybe(fc.integer({ min: 1, max: 10_000 })),
    reasoning: maybe(
      fc.record({ effort: fc.constantFrom('low', 'medium', 'high'), summary: fc.constantFrom('auto', 'detailed') }),
    ),
    include: maybe(fc.constant(['reasoning.encrypted_content'])),
    text: maybe(fc.record({ verbosity: fc.constantFrom('low', 'medium', 'high') })),
    metadata: maybe(fc.dictionary(arbitraryId(), arbitraryText, { maxKeys: 2 })),
    store: maybe(fc.boolean()),
    stream: maybe(fc.boolean()),
    prompt_cache_key: maybe(arbitraryId()),
    safety_identifier: maybe(arbitraryId()),
    service_tier: maybe(fc.constantFrom('auto', 'flex', 'priority')),
    truncation: maybe(fc.constantFrom('auto', 'disabled')),
  })
  .map((r) => clean(r));

/** A response body. */
export const wireResponse: fc.Arbitrary<Wire> = fc
  .record({
    id: arbitraryId('resp_'),
    created_at: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
    model: arbitraryId('gpt-'),
    output: fc.array(wireOutputItem, { maxLength: 4 }),
    status: fc.constantFrom('completed', 'incomplete', 'failed'),
    input: fc.nat(10_000),
    cached: fc.nat(1000),
    output_tokens: fc.nat(1000),
    reasoning_tokens: fc.nat(100),
  })
  .map((r) => ({
    id: r.id,
    object: 'response',
    created_at: r.created_at,
    status: r.status,
    error: r.status === 'failed' ? { code: 'server_error', message: 'boom' } : null,
    incomplete_details: r.status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    model: r.model,
    output: r.output,
    parallel_tool_calls: true,
    usage: {
      input_tokens: r.input + r.cached,
      input_tokens_details: { cached_tokens: r.cached },
      output_tokens: r.output_tokens + r.reasoning_tokens,
      output_tokens_details: { reasoning_tokens: r.reasoning_tokens },
      total_tokens: r.input + r.cached + r.output_tokens + r.reasoning_tokens,
    },
    service_tier: 'default',
  }));
