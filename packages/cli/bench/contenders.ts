import type { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream } from 'node:stream/web';
import { type ChatFormat, createSseTokenizer, formatSse } from '@interlingua/core';
import { handleUniversalStreamRequest, type ProviderType } from 'llm-bridge';
import { adapters } from '../src/adapters.ts';
import { convertStream } from '../src/convert.ts';
import { floorChatToClaude, floorChatToResponses, floorClaudeToChat } from './floors.ts';

/** A conversion direction measured by the bench. */
export interface Direction {
  key: string;
  label: string;
  from: ChatFormat;
  to: ChatFormat;
}

export const DIRECTIONS: readonly Direction[] = [
  { key: 'claude-to-chat', label: 'Claude → Chat Completions', from: 'claude', to: 'openai-chat' },
  { key: 'chat-to-claude', label: 'Chat Completions → Claude', from: 'openai-chat', to: 'claude' },
  { key: 'chat-to-responses', label: 'Chat Completions → Responses', from: 'openai-chat', to: 'openai-responses' },
];

/** One way of converting the stream; `run` pumps the chunks through it into `sink` and resolves when done. */
export interface Contender {
  key: string;
  label: string;
  /** `floor`, `ours` or `peer` (ratios are taken against the floor and the best peer). */
  role: 'floor' | 'ours' | 'peer';
  run: (chunks: readonly Buffer[], sink: Writable) => Promise<void>;
}

/**
 * The sink every contender writes into: counts bytes and drops them, completing each write
 * synchronously (an idle socket). Strings are encoded to Buffers by Writable itself
 * (`decodeStrings`), as a socket would, so string and byte producers pay the same encoding.
 */
export function createSink(capture?: (chunk: Buffer) => void): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      sink.bytes += chunk.length;
      capture?.(chunk);
      callback();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

type Stage = (source: AsyncIterable<Buffer>) => AsyncIterable<string | Uint8Array>;

/** Node-stream harness: `Readable.from(chunks)` → stage → sink, through `pipeline` (backpressure, errors, teardown). */
function nodeStage(stage: Stage): Contender['run'] {
  return (chunks, sink) => pipeline(Readable.from(chunks), stage, sink);
}

/**
 * Web-stream harness for peers that take and return web `ReadableStream`s (what `fetch` gives a
 * gateway): the same chunks as a web stream in, the result bridged into the same Node sink.
 */
function webStage(
  convert: (input: ReadableStream<Uint8Array>) => Promise<ReadableStream<Uint8Array>>,
): Contender['run'] {
  return async (chunks, sink) => {
    const output = await convert(ReadableStream.from(chunks as Buffer[]));
    await pipeline(Readable.fromWeb(output), sink);
  };
}

/** The CLI's own path (`convertStream`: tokenizer → decoder → encoder → formatSse, synchronously per input chunk, one string per chunk). */
function oursCli(direction: Direction): Contender {
  return {
    key: 'interlingua',
    label: 'interlingua convertStream (CLI path)',
    role: 'ours',
    run: nodeStage((source) => convertStream(source, { from: direction.from, to: direction.to })),
  };
}

/**
 * The same adapters fed by the synchronous tokenizer per chunk instead of `readSse`: the difference
 * with `interlingua` is readSse's per-event promise, the difference with the floor is the adapters.
 */
function oursSync(direction: Direction): Contender {
  async function* stage(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
    const tokenizer = createSseTokenizer();
    const decoder = adapters[direction.from].stream.createDecoder();
    const encoder = adapters[direction.to].stream.createEncoder();
    for await (const bytes of source) {
      const wire = tokenizer.feed(bytes);
      for (let i = 0; i < wire.length; i++) {
        const events = decoder.push(wire[i] as { data: string });
        for (let j = 0; j < events.length; j++) {
          const out = encoder.push(events[j]!);
          for (let k = 0; k < out.length; k++) yield formatSse(out[k]!);
        }
      }
    }
    tokenizer.end();
    for (const event of decoder.end()) for (const out of encoder.push(event)) yield formatSse(out);
    for (const out of encoder.end()) yield formatSse(out);
  }
  return {
    key: 'interlingua-sync',
    label: 'interlingua adapters, sync tokenizer',
    role: 'ours',
    run: nodeStage(stage),
  };
}

const FLOORS: Record<string, Stage> = {
  'claude-to-chat': floorClaudeToChat,
  'chat-to-claude': floorChatToClaude,
  'chat-to-responses': floorChatToResponses,
};

const LLM_BRIDGE: Record<ChatFormat, ProviderType | undefined> = {
  claude: 'anthropic',
  'openai-chat': 'openai',
  'openai-responses': 'openai-responses',
  gemini: 'google',
};

/** llm-bridge 2.0.1 `handleUniversalStreamRequest`: parse{Provider}Stream → emit{Provider}Stream, web streams. */
function llmBridge(direction: Direction): Contender {
  const from = LLM_BRIDGE[direction.from] as ProviderType;
  const to = LLM_BRIDGE[direction.to] as ProviderType;
  return {
    key: 'llm-bridge',
    label: 'llm-bridge 2.0.1',
    role: 'peer',
    run: webStage(async (input) => handleUniversalStreamRequest(input as never, from, to) as never),
  };
}

interface MusiTransformer {
  transformResponseIn?: (response: Response, context: unknown) => Promise<Response>;
  transformResponseOut?: (response: Response, context?: unknown) => Promise<Response>;
}

let musi: { anthropic: MusiTransformer; vertexClaude: MusiTransformer } | undefined;

/**
 * @musistudio/llms 1.0.53 ships only its server (the ESM build fails to load: "Dynamic require of
 * child_process", so the CJS build is used). Its stream converters are methods of the transformers the
 * server registers; a server is built (never listening, logger off) to reach them, as its routes do.
 */
async function loadMusi(): Promise<NonNullable<typeof musi>> {
  if (musi) return musi;
  const mod = createRequire(import.meta.url)('@musistudio/llms') as { default?: unknown };
  const Server = (mod.default ?? mod) as new (
    options: object,
  ) => { transformerService: { getTransformer(name: string): MusiTransformer | undefined } };
  const server = new Server({ logger: false });
  // Transformers are registered asynchronously after construction.
  for (let i = 0; i < 100 && !server.transformerService.getTransformer('vertex-claude'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const anthropic = server.transformerService.getTransformer('Anthropic');
  const vertexClaude = server.transformerService.getTransformer('vertex-claude');
  if (!anthropic?.transformResponseIn || !vertexClaude?.transformResponseOut) {
    throw new Error('@musistudio/llms: transformers not found');
  }
  musi = { anthropic, vertexClaude };
  return musi;
}

const SSE_HEADERS = { 'Content-Type': 'text/event-stream' };

/**
 * @musistudio/llms: Chat → Claude is `AnthropicTransformer.transformResponseIn` (what its /v1/messages
 * route applies to an OpenAI-format upstream stream); Claude → Chat is the Vertex Claude transformer's
 * `transformResponseOut` (the only Anthropic-SSE reader it has). It cannot write Responses streams
 * (its `openai-responses` transformer only reads them), so that direction has no entry.
 */
async function musistudio(direction: Direction): Promise<Contender | undefined> {
  const { anthropic, vertexClaude } = await loadMusi();
  const context = { req: { id: 'bench' } };
  let convert: ((response: Response) => Promise<Response>) | undefined;
  if (direction.key === 'chat-to-claude') convert = (r) => anthropic.transformResponseIn!(r, context);
  else if (direction.key === 'claude-to-chat') convert = (r) => vertexClaude.transformResponseOut!(r, context);
  if (!convert) return undefined;
  const run = convert;
  return {
    key: 'musistudio',
    label: '@musistudio/llms 1.0.53',
    role: 'peer',
    run: webStage(async (input) => {
      const response = await run(new Response(input as never, { headers: SSE_HEADERS }));
      return response.body as never;
    }),
  };
}

/** Everything measured for `direction`, in table order. */
export async function contendersFor(direction: Direction): Promise<Contender[]> {
  const floor = FLOORS[direction.key] as Stage;
  const out: Contender[] = [
    { key: 'floor', label: 'floor: tokenize+parse+build+stringify+write', role: 'floor', run: nodeStage(floor) },
    oursCli(direction),
    oursSync(direction),
    llmBridge(direction),
  ];
  const m = await musistudio(direction);
  if (m) out.push(m);
  return out;
}
