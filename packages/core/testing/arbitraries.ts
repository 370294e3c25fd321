import fc from 'fast-check';
import type {
  ApiError,
  ApiErrorKind,
  ChatRequest,
  ChatResponse,
  Choice,
  Citation,
  ContentPart,
  ContentPartType,
  FinishReason,
  JsonObject,
  JsonValue,
  MediaRequest,
  MediaSource,
  MediaTask,
  Message,
  OpaqueState,
  Role,
  TokenLogprob,
  Tool,
  ToolChoice,
  Usage,
} from '../src/index.ts';

/**
 * fast-check arbitraries for every canonical model type. Adapters restrict them to what their
 * format can carry through the options (part kinds, roles, which optional fields appear), then
 * check `decode(encode(x))` against `x`.
 */

/** Short identifiers safe in every format's id pattern (`^[a-zA-Z0-9_-]+$`). */
export const arbitraryId = (prefix = ''): fc.Arbitrary<string> =>
  fc.stringMatching(/^[a-zA-Z0-9_-]{1,24}$/).map((s) => `${prefix}${s}`);

/** Tool names valid in every format (`^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$`). */
export const arbitraryToolName: fc.Arbitrary<string> = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,30}$/);

/** Non-empty text, unicode included. */
export const arbitraryText: fc.Arbitrary<string> = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });

/** JSON values (finite numbers, no -0, so that JSON round trips are exact). */
export const arbitraryJsonValue: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => normalizeJson(v as JsonValue));

/** JSON objects. */
export const arbitraryJsonObject: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  arbitraryJsonValue,
  { maxKeys: 4 },
);

/** JSON text of an object: tool-call arguments. */
export const arbitraryArguments: fc.Arbitrary<string> = arbitraryJsonObject.map((o) => JSON.stringify(o));

/** Standard base64 data. */
export const arbitraryBase64: fc.Arbitrary<string> = fc
  .uint8Array({ minLength: 1, maxLength: 24 })
  .map((b) => Buffer.from(b).toString('base64'));

/** An opaque provider value issued by `format`. */
export const arbitraryOpaque = (format: string): fc.Arbitrary<OpaqueState> =>
  arbitraryBase64.map((value) => ({ format, value }));

/** A media source of the given kinds. */
export function arbitraryMediaSource(
  kinds: readonly MediaSource['type'][] = ['base64', 'url', 'file'],
  mediaTypes: readonly string[] = ['image/png', 'image/jpeg'],
): fc.Arbitrary<MediaSource> {
  const options: fc.Arbitrary<MediaSource>[] = [];
  if (kinds.includes('base64'))
    options.push(
      fc.record({
        type: fc.constant('base64' as const),
        mediaType: fc.constantFrom(...mediaTypes),
        data: arbitraryBase64,
      }),
    );
  if (kinds.includes('url'))
    options.push(
      fc.record({ type: fc.constant('url' as const), url: arbitraryId().map((s) => `https://example.com/${s}.png`) }),
    );
  if (kinds.includes('file'))
    options.push(fc.record({ type: fc.constant('file' as const), fileId: arbitraryId('file-') }));
  if (kinds.includes('text')) options.push(fc.record({ type: fc.constant('text' as const), text: arbitraryText }));
  return fc.oneof(...options);
}

/** A URL citation with offsets. */
export const arbitraryUrlCitation: fc.Arbitrary<Citation> = fc
  .record({
    start: fc.nat(100),
    length: fc.nat(50),
    url: arbitraryId().map((s) => `https://example.com/${s}`),
    title: arbitraryText,
  })
  .map(({ start, length, url, title }) => ({ type: 'url', url, title, startIndex: start, endIndex: start + length }));

/** Options restricting generated content. */
export interface ContentOptions {
  /** Part kinds to generate. */
  parts?: readonly ContentPartType[];
  /** Format that issued opaque reasoning state (signatures, encrypted blobs); none when absent. */
  opaqueFormat?: string;
  /** Media source kinds for images and files. */
  sources?: readonly MediaSource['type'][];
}

/** One content part of the allowed kinds. */
export function arbitraryContentPart(options: ContentOptions = {}): fc.Arbitrary<ContentPart> {
  const parts = options.parts ?? ['text', 'image', 'reasoning', 'tool-call'];
  const sources = options.sources ?? ['base64', 'url'];
  const opaque = options.opaqueFormat;
  const all: Partial<Record<ContentPartType, fc.Arbitrary<ContentPart>>> = {
    text: fc.record({ type: fc.constant('text' as const), text: arbitraryText }),
    image: fc.record({ type: fc.constant('image' as const), source: arbitraryMediaSource(sources) }),
    audio: fc.record({
      type: fc.constant('audio' as const),
      source: arbitraryMediaSource(['base64'], ['audio/wav', 'audio/mpeg']),
    }),
    file: fc.record({ type: fc.constant('file' as const), source: arbitraryMediaSource(sources, ['application/pdf']) }),
    reasoning: fc
      .record(
        {
          type: fc.constant('reasoning' as const),
          text: arbitraryText,
          signature: opaque ? arbitraryOpaque(opaque) : fc.constant(undefined),
        },
        { requiredKeys: ['type', 'text'] },
      )
      .map(dropUndefined),
    'tool-call': fc.record({
      type: fc.constant('tool-call' as const),
      id: arbitraryId('call_'),
      name: arbitraryToolName,
      arguments: arbitraryArguments,
    }),
    'tool-result': fc.record({
      type: fc.constant('tool-result' as const),
      callId: arbitraryId('call_'),
      content: fc.array(fc.record({ type: fc.constant('text' as const), text: arbitraryText }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    refusal: fc.record({ type: fc.constant('refusal' as const), text: arbitraryText }),
  };
  const chosen = parts.map((p) => all[p]).filter((a): a is fc.Arbitrary<ContentPart> => a !== undefined);
  return fc.oneof(...chosen);
}

/** Options restricting generated requests. */
export interface RequestOptions extends ContentOptions {
  /** Roles to generate. */
  roles?: readonly Role[];
  /** Generate tools and tool choice. */
  tools?: boolean;
  /** Sampling fields to generate. */
  sampling?: readonly (
    | 'temperature'
    | 'topP'
    | 'topK'
    | 'stop'
    | 'seed'
    | 'maxOutputTokens'
    | 'presencePenalty'
    | 'frequencyPenalty'
    | 'n'
  )[];
}

/** A message of the allowed roles with content that fits its role. */
export function arbitraryMessage(options: RequestOptions = {}): fc.Arbitrary<Message> {
  const roles = options.roles ?? ['system', 'user', 'assistant'];
  const userParts = (options.parts ?? ['text', 'image']).filter((p) => ['text', 'image', 'audio', 'file'].includes(p));
  const assistantParts = (options.parts ?? ['text', 'reasoning', 'tool-call']).filter((p) =>
    ['text', 'reasoning', 'tool-call', 'refusal'].includes(p),
  );
  return fc.constantFrom(...roles).chain((role): fc.Arbitrary<Message> => {
    if (role === 'system' || role === 'developer')
      return fc
        .array(fc.record({ type: fc.constant('text' as const), text: arbitraryText }), { minLength: 1, maxLength: 2 })
        .map((content) => ({ role, content }));
    if (role === 'tool')
      return fc
        .array(arbitraryContentPart({ parts: ['tool-result'] }), { minLength: 1, maxLength: 2 })
        .map((content) => ({ role, content }));
    const kinds = role === 'assistant' ? assistantParts : userParts;
    return fc
      .array(arbitraryContentPart({ ...options, parts: kinds.length > 0 ? kinds : ['text'] }), {
        minLength: 1,
        maxLength: 3,
      })
      .map((content) => ({ role, content }));
  });
}

/** A function tool. */
export const arbitraryFunctionTool: fc.Arbitrary<Tool> = fc.record(
  {
    type: fc.constant('function' as const),
    name: arbitraryToolName,
    description: arbitraryText,
    parameters: fc.constant({ type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } as JsonObject),
  },
  { requiredKeys: ['type', 'name'] },
);

/** A tool choice naming one of `names` (or a mode). */
export function arbitraryToolChoice(names: readonly string[]): fc.Arbitrary<ToolChoice> {
  const modes: fc.Arbitrary<ToolChoice>[] = [
    fc.constant({ type: 'auto' } as ToolChoice),
    fc.constant({ type: 'none' } as ToolChoice),
    fc.constant({ type: 'required' } as ToolChoice),
  ];
  if (names.length > 0) modes.push(fc.constantFrom(...names).map((name) => ({ type: 'tool', name }) as ToolChoice));
  return fc.oneof(...modes);
}

/** A chat request. */
export function arbitraryChatRequest(options: RequestOptions = {}): fc.Arbitrary<ChatRequest> {
  const sampling = options.sampling ?? ['temperature', 'topP', 'stop', 'maxOutputTokens'];
  return fc
    .record(
      {
        model: arbitraryId('model-'),
        messages: fc.array(arbitraryMessage(options), { minLength: 1, maxLength: 4 }),
        tools: options.tools
          ? fc.uniqueArray(arbitraryFunctionTool, { maxLength: 3, minLength: 1, selector: (t) => t.name })
          : fc.constant(undefined),
        temperature: sampling.includes('temperature')
          ? fc.integer({ min: 0, max: 20 }).map((n) => n / 10)
          : fc.constant(undefined),
        topP: sampling.includes('topP') ? fc.integer({ min: 1, max: 10 }).map((n) => n / 10) : fc.constant(undefined),
        topK: sampling.includes('topK') ? fc.integer({ min: 1, max: 100 }) : fc.constant(undefined),
        stop: sampling.includes('stop')
          ? fc.array(arbitraryText, { minLength: 1, maxLength: 3 })
          : fc.constant(undefined),
        seed: sampling.includes('seed') ? fc.nat() : fc.constant(undefined),
        maxOutputTokens: sampling.includes('maxOutputTokens')
          ? fc.integer({ min: 1, max: 100_000 })
          : fc.constant(undefined),
        presencePenalty: sampling.includes('presencePenalty')
          ? fc.integer({ min: -20, max: 20 }).map((n) => n / 10)
          : fc.constant(undefined),
        frequencyPenalty: sampling.includes('frequencyPenalty')
          ? fc.integer({ min: -20, max: 20 }).map((n) => n / 10)
          : fc.constant(undefined),
        n: sampling.includes('n') ? fc.integer({ min: 1, max: 4 }) : fc.constant(undefined),
      },
      { requiredKeys: ['messages'] },
    )
    .chain((request) =>
      request.tools
        ? arbitraryToolChoice(request.tools.map((t) => (t as { name: string }).name)).map((toolChoice) => ({
            ...request,
            toolChoice,
          }))
        : fc.constant(request),
    )
    .map((r) => dropUndefined(r) as ChatRequest);
}

/** Canonical usage with consistent totals. */
export const arbitraryUsage: fc.Arbitrary<Usage> = fc
  .record({ input: fc.nat(100_000), output: fc.nat(10_000), cacheRead: fc.nat(1000), reasoning: fc.nat(1000) })
  .map(({ input, output, cacheRead, reasoning }) => ({
    inputTokens: input + cacheRead,
    outputTokens: output + reasoning,
    totalTokens: input + cacheRead + output + reasoning,
    cacheReadTokens: cacheRead,
    reasoningTokens: reasoning,
  }));

/** A finish reason of the given kinds. */
export function arbitraryFinishReason(
  kinds: readonly FinishReason['reason'][] = ['stop', 'length', 'tool-calls', 'content-filter'],
): fc.Arbitrary<FinishReason> {
  return fc.constantFrom(...kinds).map((reason) => ({ reason }));
}

/** Token logprobs. */
export const arbitraryLogprobs: fc.Arbitrary<TokenLogprob[]> = fc.array(
  fc.record({ token: arbitraryText, logprob: fc.integer({ min: -2000, max: 0 }).map((n) => n / 100) }),
  { minLength: 1, maxLength: 3 },
);

/** Options restricting generated responses. */
export interface ResponseOptions extends ContentOptions {
  /** Maximum number of choices. */
  maxChoices?: number;
  /** Finish reasons to generate. */
  finishReasons?: readonly FinishReason['reason'][];
  /** Generate logprobs. */
  logprobs?: boolean;
}

/** One choice. */
export function arbitraryChoice(index: number, options: ResponseOptions = {}): fc.Arbitrary<Choice> {
  const parts = options.parts ?? ['text', 'reasoning', 'tool-call'];
  return fc
    .record(
      {
        content: fc.array(arbitraryContentPart({ ...options, parts }), { minLength: 1, maxLength: 4 }),
        finishReason: arbitraryFinishReason(options.finishReasons),
        logprobs: options.logprobs ? arbitraryLogprobs : fc.constant(undefined),
      },
      { requiredKeys: ['content', 'finishReason'] },
    )
    .map(({ logprobs, ...c }) => {
      // Logprobs describe text tokens: a choice without text has none.
      const hasText = c.content.some((p) => p.type === 'text');
      return dropUndefined({ index, ...c, logprobs: hasText ? logprobs : undefined }) as Choice;
    });
}

/** A complete chat response. */
export function arbitraryChatResponse(options: ResponseOptions = {}): fc.Arbitrary<ChatResponse> {
  return fc
    .record({
      id: arbitraryId('resp_'),
      model: arbitraryId('model-'),
      created: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
      choiceCount: fc.integer({ min: 1, max: options.maxChoices ?? 1 }),
      usage: arbitraryUsage,
    })
    .chain(({ choiceCount, ...rest }) =>
      fc
        .tuple(...Array.from({ length: choiceCount }, (_, i) => arbitraryChoice(i, options)))
        .map((choices) => ({ ...rest, choices })),
    );
}

/** Canonical API errors. */
export const arbitraryApiError: fc.Arbitrary<ApiError> = fc.record({
  kind: fc.constantFrom<ApiErrorKind>(
    'invalid_request',
    'authentication',
    'permission',
    'not_found',
    'rate_limit',
    'server',
    'overloaded',
  ),
  status: fc.constantFrom(400, 401, 403, 404, 429, 500, 529),
  message: arbitraryText,
});

/** A media generation request. */
export const arbitraryMediaRequest: fc.Arbitrary<MediaRequest> = fc
  .record(
    {
      kind: fc.constantFrom('image' as const, 'video' as const),
      action: fc.constant('generate'),
      prompt: arbitraryText,
      model: arbitraryId(),
    },
    { requiredKeys: ['kind', 'action', 'prompt'] },
  )
  .map((r) => dropUndefined(r) as MediaRequest);

/** A media task. */
export const arbitraryMediaTask: fc.Arbitrary<MediaTask> = fc
  .record(
    {
      id: arbitraryId('task_'),
      kind: fc.constantFrom('image' as const, 'video' as const),
      action: fc.constant('generate'),
      status: fc.constantFrom('queued' as const, 'in-progress' as const, 'succeeded' as const, 'failed' as const),
      progress: fc.integer({ min: 0, max: 100 }),
      prompt: arbitraryText,
      createdAt: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
    },
    { requiredKeys: ['id', 'kind', 'action', 'status'] },
  )
  .map((t) => dropUndefined(t) as MediaTask);

/** Removes keys whose value is `undefined` (fast-check records may produce them). */
export function dropUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

function normalizeJson(value: JsonValue): JsonValue {
  if (typeof value === 'number') return Object.is(value, -0) || !Number.isFinite(value) ? 0 : value;
  if (Array.isArray(value)) return value.map(normalizeJson);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (k !== '__proto__') out[k] = normalizeJson(v);
    return out;
  }
  return value;
}
