import { Buffer } from 'node:buffer';

/** Deterministic PRNG (mulberry32) so every run and every child process sees the same streams. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in is that it for on with as was at by an be this from or have not are but what all were ' +
  'when we there can your which said if do will each about how up out them then she many some so these would ' +
  'model stream token delta chunk provider request response function tool call argument result message content'
).split(' ');
// Roughly one delta in twenty carries non-ASCII text, as real multilingual output does.
const NON_ASCII = ['café', 'naïve', '—', '“quoted”', '日本語', 'Привет', 'µs', '🙂', '𝔘nicode', 'straße'];

/** Returns a text delta of 1–3 tokens-worth of words. */
function delta(random: () => number): string {
  if (random() < 0.05) return ' ' + (NON_ASCII[Math.floor(random() * NON_ASCII.length)] as string);
  let out = '';
  const words = 1 + Math.floor(random() * 3);
  for (let i = 0; i < words; i++) out += ' ' + WORDS[Math.floor(random() * WORDS.length)];
  return random() < 0.1 ? out + '.\n' : out;
}

function id(random: () => number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** One OpenAI chat completion stream: `data: {chat.completion.chunk}` events, then `data: [DONE]`. */
export function openAiResponse(random: () => number): string {
  const head = {
    id: 'chatcmpl-' + id(random, 29),
    object: 'chat.completion.chunk',
    created: 1_700_000_000 + Math.floor(random() * 1e7),
    model: 'gpt-4o-2024-08-06',
    system_fingerprint: 'fp_' + id(random, 10),
  };
  const chunk = (delta: object, finish: string | null): string =>
    'data: ' +
    JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] }) +
    '\n\n';
  let out = chunk({ role: 'assistant', content: '', refusal: null }, null);
  const deltas = 20 + Math.floor(random() * 300);
  for (let i = 0; i < deltas; i++) out += chunk({ content: delta(random) }, null);
  out += chunk({}, 'stop');
  return out + 'data: [DONE]\n\n';
}

/** One Anthropic Messages stream: named events from `message_start` to `message_stop`, with pings. */
export function anthropicResponse(random: () => number): string {
  const event = (name: string, data: object): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  let out = event('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_' + id(random, 24),
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-sonnet-4-5-20250929',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 25 + Math.floor(random() * 2000), output_tokens: 1 },
    },
  });
  out += event('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  out += event('ping', { type: 'ping' });
  const deltas = 20 + Math.floor(random() * 300);
  for (let i = 0; i < deltas; i++) {
    out += event('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: delta(random) },
    });
    if (random() < 0.01) out += event('ping', { type: 'ping' });
  }
  out += event('content_block_stop', { type: 'content_block_stop', index: 0 });
  out += event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: deltas },
  });
  return out + event('message_stop', { type: 'message_stop' });
}

/** Which provider's stream shape to generate. */
export type StreamKind = 'openai' | 'anthropic';

const RESPONSES: Record<StreamKind, (random: () => number) => string> = {
  openai: openAiResponse,
  anthropic: anthropicResponse,
};

/** Concatenated responses of `kind`, about `bytes` long (whole responses only), as one Buffer. */
export function generateStream(kind: StreamKind, bytes: number, seed = 1): Buffer {
  const random = createRandom(seed);
  const parts: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const part = Buffer.from(RESPONSES[kind](random), 'utf8');
    parts.push(part);
    size += part.length;
  }
  return Buffer.concat(parts, size);
}

/**
 * `totalBytes` of `kind` streams as fresh chunks of `minChunk`–`maxChunk` bytes, produced on the fly
 * (never materialised whole): each chunk is a new Buffer copied from a small pre-generated ring of whole
 * responses, cut at random offsets so lines and UTF-8 sequences straddle chunks.
 */
export function* generateChunks(
  kind: StreamKind,
  totalBytes: number,
  minChunk: number,
  maxChunk: number,
  seed = 1,
): Generator<Buffer> {
  const ring = generateStream(kind, 4e6, seed);
  const cut = createRandom(seed + 1);
  let offset = 0;
  for (let produced = 0; produced < totalBytes; ) {
    const size = minChunk + Math.floor(cut() * (maxChunk - minChunk + 1));
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = Math.min(size - filled, ring.length - offset);
      ring.copy(out, filled, offset, offset + n);
      filled += n;
      offset = (offset + n) % ring.length;
    }
    produced += size;
    yield out;
  }
}

/** Splits `stream` into views of random sizes in `[min, max]` bytes. */
export function chunk(stream: Buffer, min: number, max: number, seed = 7): Buffer[] {
  const random = createRandom(seed);
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; ) {
    const size = min + Math.floor(random() * (max - min + 1));
    out.push(stream.subarray(i, i + size));
    i += size;
  }
  return out;
}
