import { Buffer } from 'node:buffer';

// Deterministic large streams, built by repeating the event shapes of the recorded fixtures
// (packages/claude/fixtures/*-stream.sse, packages/openai-chat/fixtures/*-stream.sse), so every run and
// every contender sees the same bytes.

/** Deterministic PRNG (mulberry32). */
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
// About one delta in twenty carries non-ASCII text (accents, CJK, Cyrillic, astral-plane emoji), as
// multilingual output does; it exercises UTF-8 decoding, chunk-straddling sequences and JSON escaping.
const NON_ASCII = ['café', 'naïve', '—', '“quoted”', '日本語', 'Привет', 'µs', '🙂', '𝔘nicode', 'straße'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = ALPHABET + '+/';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function id(random: () => number, length: number, alphabet = ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A text delta of `min`–`max` words, sometimes non-ASCII, sometimes ending a sentence or a line. */
function words(random: () => number, min: number, max: number): string {
  if (random() < 0.05) return ' ' + pick(random, NON_ASCII);
  let out = '';
  const n = min + Math.floor(random() * (max - min + 1));
  for (let i = 0; i < n; i++) out += ' ' + pick(random, WORDS);
  const end = random();
  return end < 0.05 ? out + '.\n\n' : end < 0.15 ? out + '.' : out;
}

/** Tool arguments as JSON text cut into token-sized fragments, as both providers stream them. */
function argumentFragments(random: () => number, fields: number): string[] {
  const args: Record<string, string | number | boolean> = {};
  for (let i = 0; i < fields; i++) {
    const key = pick(random, WORDS) + '_' + i;
    const r = random();
    args[key] = r < 0.6 ? words(random, 1, 6).trim() : r < 0.9 ? Math.floor(random() * 1e6) / 100 : r < 0.95;
  }
  const text = JSON.stringify(args);
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = 1 + Math.floor(random() * 8);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Claude pads `data:` lines with spaces after the JSON; the fixtures show 0–15. */
function pad(random: () => number): string {
  return random() < 0.5 ? '' : ' '.repeat(1 + Math.floor(random() * 15));
}

/**
 * One Claude Messages stream of about `bytes` bytes: `message_start`, then cycles of a thinking block
 * (thinking deltas, then a signature), a text block and a tool_use block (input_json_delta fragments,
 * the first one empty), with occasional pings; then `message_delta` (stop reason, usage) and `message_stop`.
 * One response, not many concatenated: a converter keeps per-stream state, and a gateway converts
 * each response with its own decoder/encoder.
 */
export function claudeStream(bytes: number, seed = 1): Buffer {
  const random = createRandom(seed);
  const parts: string[] = [];
  let size = 0;
  const emit = (name: string, data: object): void => {
    const text = `event: ${name}\ndata: ${JSON.stringify(data)}${pad(random)}\n\n`;
    parts.push(text);
    size += text.length;
  };
  emit('message_start', {
    type: 'message_start',
    message: {
      model: 'claude-sonnet-4-5-20250929',
      id: 'msg_' + id(random, 24),
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 2293,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 1,
        service_tier: 'standard',
      },
    },
  });
  let index = 0;
  let outputTokens = 0;
  const delta = (i: number, d: object): void => {
    outputTokens++;
    emit('content_block_delta', { type: 'content_block_delta', index: i, delta: d });
    if (random() < 0.01) emit('ping', { type: 'ping' });
  };
  while (size < bytes) {
    const thinking = index++;
    emit('content_block_start', {
      type: 'content_block_start',
      index: thinking,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    for (let n = 20 + Math.floor(random() * 40); n > 0; n--) {
      delta(thinking, { type: 'thinking_delta', thinking: words(random, 2, 8) });
    }
    delta(thinking, { type: 'signature_delta', signature: id(random, 300 + Math.floor(random() * 200), BASE64) });
    emit('content_block_stop', { type: 'content_block_stop', index: thinking });

    const text = index++;
    emit('content_block_start', {
      type: 'content_block_start',
      index: text,
      content_block: { type: 'text', text: '' },
    });
    for (let n = 60 + Math.floor(random() * 120); n > 0; n--) {
      delta(text, { type: 'text_delta', text: words(random, 1, 6) });
    }
    emit('content_block_stop', { type: 'content_block_stop', index: text });

    const tool = index++;
    emit('content_block_start', {
      type: 'content_block_start',
      index: tool,
      content_block: {
        type: 'tool_use',
        id: 'toolu_' + id(random, 24),
        name: pick(random, WORDS) + '_tool',
        input: {},
      },
    });
    delta(tool, { type: 'input_json_delta', partial_json: '' });
    for (const fragment of argumentFragments(random, 3 + Math.floor(random() * 6))) {
      delta(tool, { type: 'input_json_delta', partial_json: fragment });
    }
    emit('content_block_stop', { type: 'content_block_stop', index: tool });
  }
  emit('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: {
      input_tokens: 2293,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
    },
  });
  emit('message_stop', { type: 'message_stop' });
  return Buffer.from(parts.join(''), 'utf8');
}

/**
 * One Chat Completions stream of about `bytes` bytes (with `stream_options.include_usage`): the role
 * chunk, content deltas (about 80% of the bytes), then parallel tool calls streamed one after the
 * other (a first fragment with id and name, then argument fragments), the finish chunk, the usage chunk
 * with `choices: []`, and `data: [DONE]`. Envelope fields as OpenAI sends them (`usage: null`,
 * `service_tier`, `system_fingerprint`, `obfuscation`).
 */
export function chatStream(bytes: number, seed = 2): Buffer {
  const random = createRandom(seed);
  const parts: string[] = [];
  let size = 0;
  const head = {
    id: 'chatcmpl-' + id(random, 29),
    object: 'chat.completion.chunk',
    created: 1754693439,
    model: 'gpt-4o-2024-08-06',
    service_tier: 'default',
    system_fingerprint: 'fp_' + id(random, 10).toLowerCase(),
  };
  let completionTokens = 0;
  const chunk = (delta: object, finish: string | null = null): void => {
    const body = {
      ...head,
      usage: null,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      obfuscation: id(random, 2 + Math.floor(random() * 12)),
    };
    const text = 'data: ' + JSON.stringify(body) + '\n\n';
    parts.push(text);
    size += text.length;
    completionTokens++;
  };
  chunk({ role: 'assistant', content: '', refusal: null });
  while (size < bytes * 0.8) chunk({ content: words(random, 1, 3) });
  for (let call = 0; size < bytes; call++) {
    chunk({
      tool_calls: [
        {
          index: call,
          id: 'call_' + id(random, 24),
          type: 'function',
          function: { name: pick(random, WORDS) + '_tool', arguments: '' },
        },
      ],
    });
    // Argument objects sized so that about three calls fill the remaining fifth of the stream.
    for (const fragment of argumentFragments(random, Math.max(20, Math.round(bytes / 25e3)))) {
      chunk({ tool_calls: [{ index: call, function: { arguments: fragment } }] });
    }
  }
  chunk({}, 'tool_calls');
  const usage = {
    ...head,
    choices: [],
    usage: {
      prompt_tokens: 364,
      completion_tokens: completionTokens,
      total_tokens: 364 + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    obfuscation: id(random, 13),
  };
  parts.push('data: ' + JSON.stringify(usage) + '\n\n', 'data: [DONE]\n\n');
  return Buffer.from(parts.join(''), 'utf8');
}

/** Splits `stream` into views of random sizes in `[min, max]` bytes (lines and UTF-8 sequences straddle chunks). */
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
