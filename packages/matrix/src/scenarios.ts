import type {
  ApiError,
  ChatFormat,
  ChatRequest,
  ChatResponse,
  ContentPart,
  FinishReasonKind,
  Message,
  StreamEvent,
} from '@interlingua/core';

/** The canonical value a scenario converts. */
export type ScenarioValue =
  | { kind: 'request'; value: ChatRequest }
  | { kind: 'response'; value: ChatResponse }
  | { kind: 'stream'; value: StreamEvent[] }
  | { kind: 'error'; value: ApiError };

/** One row of the feature table: a feature shown by one canonical value. */
export interface Scenario {
  /** Stable id (kebab-case). */
  id: string;
  /** The table it belongs to. */
  group: string;
  /** Row title. */
  title: string;
  /**
   * The part of the value the scenario is about: only losses and differences at or under this
   * path count for its cell (incidental fields such as `created` are the recordings matrix's job).
   */
  focus: readonly (string | number)[];
  /**
   * The value, built for a source format: opaque state (signatures, encrypted reasoning) is issued
   * by the source, as it would be in a real conversation coming from that format.
   */
  build(source: ChatFormat): ScenarioValue;
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PDF = 'JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK';
const WAV = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=';
const SIGNATURE = 'RXJzdGUgU2lnbmF0dXI=';
const PARIS_URL = 'https://example.com/paris';
const GEMINI_FILES = 'https://generativelanguage.googleapis.com/v1beta/files';
const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const text = (value: string): ContentPart => ({ type: 'text', text: value });
const user = (...content: ContentPart[]): Message => ({ role: 'user', content });
const assistant = (...content: ContentPart[]): Message => ({ role: 'assistant', content });
const request = (messages: Message[], rest: Partial<ChatRequest> = {}): ScenarioValue => ({
  kind: 'request',
  value: { model: 'model-1', maxOutputTokens: 256, messages, ...rest },
});
const response = (content: ContentPart[], rest: Partial<ChatResponse> = {}, reason: FinishReasonKind = 'stop') => ({
  kind: 'response' as const,
  value: {
    id: 'resp_1',
    model: 'model-1',
    choices: [{ index: 0, content, finishReason: { reason } }],
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    ...rest,
  },
});
const call = (id: string, city: string): ContentPart => ({
  type: 'tool-call',
  id,
  name: 'get_weather',
  arguments: JSON.stringify({ city }),
});
/** A call in a request's history: Gemini history carries the thought signature its calls came with. */
const pastCall = (source: ChatFormat, id: string, city: string): ContentPart =>
  source === 'gemini' ? ({ ...(call(id, city) as object), signature: opaque(source) } as ContentPart) : call(id, city);
const result = (callId: string, ...content: ContentPart[]): ContentPart =>
  ({ type: 'tool-result', callId, name: 'get_weather', content }) as ContentPart;
const opaque = (source: ChatFormat) => ({ format: source, value: SIGNATURE });

/** A streamed answer: text, then the given blocks, each streamed in two deltas. */
function stream(blocks: { part: ContentPart; deltas: StreamEvent[] }[], end: StreamEvent[]): ScenarioValue {
  const events: StreamEvent[] = [{ type: 'message-start', id: 'resp_1', model: 'model-1' }];
  blocks.forEach((block, index) => {
    events.push({ type: 'block-start', index, part: block.part });
    for (const delta of block.deltas) events.push({ ...delta, index } as StreamEvent);
    events.push({ type: 'block-end', index });
  });
  events.push(...end);
  return { kind: 'stream', value: events };
}

/**
 * A web search answer as `source` would hold it. Claude and Responses carry the search itself as
 * server tool blocks (marked with their own extensions, which every other encoder ignores); Chat
 * and Gemini carry only the citations on the text (Gemini grounding is rebuilt from them).
 */
function webSearch(source: ChatFormat): ContentPart[] {
  const cited: ContentPart = {
    type: 'text',
    text: 'It is sunny in Paris.',
    citations: [{ type: 'url', url: PARIS_URL, title: 'Paris weather', startIndex: 0, endIndex: 21 }],
  };
  const query = 'weather Paris';
  if (source === 'claude')
    return [
      {
        type: 'server-tool-call',
        id: 'srvtoolu_1',
        name: 'web_search',
        input: { query },
        extensions: { claude: { wireType: 'server_tool_use' } },
      },
      {
        type: 'server-tool-result',
        callId: 'srvtoolu_1',
        name: 'web_search',
        output: [{ type: 'web_search_result', url: PARIS_URL, title: 'Paris weather', encrypted_content: 'ZW5j' }],
        extensions: { claude: { wireType: 'web_search_tool_result' } },
      },
      {
        // Claude cites the quoted text of a search result, not character offsets.
        type: 'text',
        text: 'It is sunny in Paris.',
        citations: [
          {
            type: 'url',
            url: PARIS_URL,
            title: 'Paris weather',
            citedText: 'Sunny, 21°C.',
            extensions: { claude: { type: 'web_search_result_location', encrypted_index: 'ZW5j' } },
          },
        ],
      },
    ];
  if (source === 'openai-responses')
    return [
      {
        type: 'server-tool-call',
        id: 'ws_1',
        name: 'web_search',
        input: { type: 'search', query },
        extensions: {
          'openai-responses': {
            interlingua: {
              item: { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query } },
            },
          },
        },
      },
      cited,
    ];
  return [cited];
}

const finishReason = (reason: FinishReasonKind): Scenario => ({
  id: `finish-${reason}`,
  focus: ['choices', 0, 'finishReason'],
  group: 'Usage and finish reasons',
  title: `Finish reason \`${reason}\``,
  build: () => response(reason === 'tool-calls' ? [call('call_1', 'Paris')] : [text('Done.')], {}, reason),
});

/** The fixed set of feature scenarios `docs/matrix.md` is generated from, in table order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'text',
    focus: ['messages'],
    group: 'Conversation',
    title: 'Text',
    build: () => request([user(text('Hello!'))]),
  },
  {
    id: 'multi-turn',
    focus: ['messages'],
    group: 'Conversation',
    title: 'Multi-turn',
    build: () => request([user(text('Hi, I am Ada.')), assistant(text('Hello Ada!')), user(text('What is my name?'))]),
  },
  {
    id: 'system-leading',
    focus: ['messages'],
    group: 'Conversation',
    title: 'System instruction (leading)',
    build: () => request([{ role: 'system', content: [text('Be brief.')] }, user(text('Hello!'))]),
  },
  {
    id: 'system-mid',
    focus: ['messages'],
    group: 'Conversation',
    title: 'System instruction (mid-conversation)',
    build: () =>
      request([
        user(text('Hi.')),
        assistant(text('Hello!')),
        { role: 'system', content: [text('Answer in French from now on.')] },
        user(text('How are you?')),
      ]),
  },
  {
    id: 'developer',
    focus: ['messages'],
    group: 'Conversation',
    title: 'Developer instruction',
    build: () => request([{ role: 'developer', content: [text('Be brief.')] }, user(text('Hello!'))]),
  },
  {
    id: 'stop-sequences',
    focus: ['stop'],
    group: 'Conversation',
    title: 'Stop sequences',
    build: () => request([user(text('Count to ten.'))], { stop: ['5'] }),
  },
  {
    id: 'image-base64',
    focus: ['messages'],
    group: 'Media',
    title: 'Image (inline)',
    build: () =>
      request([
        user(text('Describe it.'), { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: PNG } }),
      ]),
  },
  {
    id: 'image-url',
    focus: ['messages'],
    group: 'Media',
    title: 'Image (URL)',
    // Gemini reads URLs only from its Files API (with their media type); the others read any https URL.
    build: (source) =>
      request([
        user(text('Describe it.'), {
          type: 'image',
          source:
            source === 'gemini'
              ? { type: 'url', url: `${GEMINI_FILES}/a1b2c3`, mediaType: 'image/png' }
              : { type: 'url', url: 'https://example.com/a.png' },
        }),
      ]),
  },
  {
    id: 'pdf',
    focus: ['messages'],
    group: 'Media',
    title: 'PDF (inline)',
    // OpenAI formats name inline files; Claude and Gemini documents have no file name.
    build: (source) =>
      request([
        user(text('Summarise it.'), {
          type: 'file',
          source: { type: 'base64', mediaType: 'application/pdf', data: PDF },
          ...(source.startsWith('openai') ? { filename: 'a.pdf' } : {}),
        }),
      ]),
  },
  {
    id: 'audio',
    focus: ['messages'],
    group: 'Media',
    title: 'Audio input',
    build: () =>
      request([
        user(text('Transcribe it.'), { type: 'audio', source: { type: 'base64', mediaType: 'audio/wav', data: WAV } }),
      ]),
  },
  {
    id: 'tool-call',
    focus: ['choices', 0, 'content'],
    group: 'Tools',
    title: 'Tool call',
    build: () => response([call('call_1', 'Paris')], {}, 'tool-calls'),
  },
  {
    id: 'parallel-tool-calls',
    focus: ['choices', 0, 'content'],
    group: 'Tools',
    title: 'Parallel tool calls',
    build: () => response([call('call_1', 'Paris'), call('call_2', 'Oslo')], {}, 'tool-calls'),
  },
  {
    id: 'tool-result',
    focus: ['messages'],
    group: 'Tools',
    title: 'Tool result (text)',
    build: (source) =>
      request(
        [
          user(text('Weather in Paris?')),
          assistant(pastCall(source, 'call_1', 'Paris')),
          { role: 'tool', content: [result('call_1', text('18°C, sunny'))] },
        ],
        { tools: [WEATHER_TOOL] },
      ),
  },
  {
    id: 'tool-result-image',
    focus: ['messages'],
    group: 'Tools',
    title: 'Tool result with an image',
    build: (source) =>
      request(
        [
          user(text('Show the radar for Paris.')),
          assistant(pastCall(source, 'call_1', 'Paris')),
          {
            role: 'tool',
            content: [
              result('call_1', text('Radar:'), {
                type: 'image',
                source: { type: 'base64', mediaType: 'image/png', data: PNG },
              }),
            ],
          },
        ],
        { tools: [WEATHER_TOOL] },
      ),
  },
  {
    id: 'streamed-arguments',
    focus: ['choices', 0, 'content'],
    group: 'Tools',
    title: 'Streamed tool arguments',
    build: () =>
      stream(
        [
          {
            part: { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '' },
            deltas: [
              { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '{"city":' } },
              { type: 'block-delta', index: 0, delta: { type: 'arguments', text: '"Paris"}' } },
            ],
          },
        ],
        [
          { type: 'finish', finishReason: { reason: 'tool-calls' } },
          { type: 'usage', usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 } },
          { type: 'message-end' },
        ],
      ),
  },
  {
    id: 'reasoning-signed',
    focus: ['choices', 0, 'content'],
    group: 'Reasoning',
    title: 'Reasoning with a signature',
    build: (source) =>
      response([{ type: 'reasoning', text: 'The user wants a greeting.', signature: opaque(source) }, text('Hello!')]),
  },
  {
    id: 'reasoning-redacted',
    focus: ['choices', 0, 'content'],
    group: 'Reasoning',
    title: 'Redacted reasoning',
    build: (source) =>
      response([{ type: 'reasoning', text: '', redacted: true, encrypted: opaque(source) }, text('Hello!')]),
  },
  {
    id: 'reasoning-encrypted-summary',
    focus: ['choices', 0, 'content'],
    group: 'Reasoning',
    title: 'Reasoning summary with encrypted state',
    build: (source) =>
      response([
        { type: 'reasoning', text: '', summary: ['Greeting the user.'], encrypted: opaque(source) },
        text('Hello!'),
      ]),
  },
  {
    id: 'web-search-citations',
    focus: ['choices', 0, 'content'],
    group: 'Server tools and output',
    title: 'Web search with citations',
    build: (source) => response(webSearch(source)),
  },
  {
    id: 'structured-output',
    focus: ['output'],
    group: 'Server tools and output',
    title: 'Structured output (JSON schema)',
    // OpenAI formats name the schema; Claude's output format has no name.
    build: (source) =>
      request([user(text('Give me a city.'))], {
        output: {
          type: 'json-schema',
          ...(source === 'claude' ? {} : { name: 'city' }),
          schema: {
            type: 'object',
            properties: { name: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      }),
  },
  {
    id: 'usage-cache-reasoning',
    focus: ['usage'],
    group: 'Usage and finish reasons',
    title: 'Usage with cache and reasoning tokens',
    build: () =>
      response([text('Hello!')], {
        usage: {
          inputTokens: 120,
          outputTokens: 50,
          totalTokens: 170,
          cacheReadTokens: 80,
          cacheWriteTokens: 20,
          reasoningTokens: 30,
        },
      }),
  },
  finishReason('stop'),
  finishReason('length'),
  finishReason('tool-calls'),
  finishReason('content-filter'),
  finishReason('pause'),
  finishReason('error'),
  finishReason('other'),
  {
    id: 'error-before-stream',
    focus: [],
    group: 'Errors',
    title: 'Error before the answer (HTTP error)',
    build: () => ({ kind: 'error', value: { kind: 'rate_limit', status: 429, message: 'Rate limit reached.' } }),
  },
  {
    id: 'error-in-stream',
    focus: ['error'],
    group: 'Errors',
    title: 'Error during a stream (server error)',
    build: () =>
      stream(
        [
          {
            part: { type: 'text', text: '' },
            deltas: [{ type: 'block-delta', index: 0, delta: { type: 'text', text: 'Hel' } }],
          },
        ],
        [{ type: 'error', error: { kind: 'server', status: 500, message: 'Internal error.' } }],
      ),
  },
  {
    id: 'overloaded-in-stream',
    focus: ['error'],
    group: 'Errors',
    title: 'Error during a stream (overloaded, 529)',
    build: () =>
      stream(
        [
          {
            part: { type: 'text', text: '' },
            deltas: [{ type: 'block-delta', index: 0, delta: { type: 'text', text: 'Hel' } }],
          },
        ],
        [{ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded.' } }],
      ),
  },
];
