// The fast upstream for the gateway benchmark: a bare node:http server that answers OpenAI Chat
// Completions and Anthropic Messages (JSON and SSE) from bodies computed once at start-up, with no
// delay, so every microsecond measured through a gateway is the gateway's and not the upstream's.
//
//   node bench/upstream.mjs [port]     → prints {"port":N} on stdout once listening (port 0 = any)
//
// It reads (and discards) the request body before answering: a real upstream does, and answering
// early would let a gateway win by not finishing its upload.
import { createServer } from 'node:http';

/** Number of content deltas in a streamed answer (the issue asks for about 20 chunks). */
const DELTAS = 20;
const WORDS = Array.from({ length: DELTAS }, (_, i) => `word${i} `);
const TEXT = WORDS.join('');
const CREATED = 1_764_000_000;

// --- OpenAI Chat Completions -------------------------------------------------------------------
const chatJson = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: CREATED,
  model: 'bench-upstream',
  choices: [
    { index: 0, message: { role: 'assistant', content: TEXT, refusal: null }, finish_reason: 'stop', logprobs: null },
  ],
  usage: { prompt_tokens: 24, completion_tokens: DELTAS, total_tokens: 24 + DELTAS },
});
const chunk = (delta, finish = null, extra = {}) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'bench-upstream',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...extra,
  })}\n\n`;
/** The SSE answer as separate writes: role, 20 content deltas, finish, usage, [DONE]. */
const chatSse = [
  chunk({ role: 'assistant', content: '' }),
  ...WORDS.map((word) => chunk({ content: word })),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'bench-upstream',
    choices: [],
    usage: { prompt_tokens: 24, completion_tokens: DELTAS, total_tokens: 24 + DELTAS },
  })}\n\n`,
  'data: [DONE]\n\n',
];

// --- Anthropic Messages --------------------------------------------------------------------------
const claudeJson = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'bench-upstream',
  content: [{ type: 'text', text: TEXT }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 24, output_tokens: DELTAS },
});
const event = (type, data) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const claudeSse = [
  event('message_start', {
    message: {
      id: 'msg_bench',
      type: 'message',
      role: 'assistant',
      model: 'bench-upstream',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 24, output_tokens: 1 },
    },
  }),
  event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  ...WORDS.map((word) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: word } })),
  event('content_block_stop', { index: 0 }),
  event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: DELTAS } }),
  event('message_stop', {}),
];

const JSON_HEADERS = { 'content-type': 'application/json', 'x-request-id': 'up-bench' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'up-bench' };

function answer(req, res, raw) {
  const path = req.url.split('?', 1)[0];
  // Streaming is decided by a cheap byte search rather than JSON.parse: the upstream must stay cheap.
  const stream = /"stream"\s*:\s*true/.test(raw);
  let json;
  let sse;
  if (path.endsWith('/chat/completions')) [json, sse] = [chatJson, chatSse];
  else if (path.endsWith('/messages')) [json, sse] = [claudeJson, claudeSse];
  else if (path.endsWith('/models')) {
    res.writeHead(200, JSON_HEADERS).end('{"object":"list","data":[{"id":"bench-upstream","object":"model"}]}');
    return;
  } else {
    res.writeHead(404, JSON_HEADERS).end('{"error":{"message":"not found","type":"not_found"}}');
    return;
  }
  if (!stream) {
    res.writeHead(200, JSON_HEADERS).end(json);
    return;
  }
  res.writeHead(200, SSE_HEADERS);
  // One write per event, no pause: each is a separate chunk as a real provider sends them.
  for (const part of sse) res.write(part);
  res.end();
}

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (data) => {
    raw += data;
  });
  req.on('end', () => answer(req, res, raw));
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The orchestrator may die without signalling: do not outlive it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
