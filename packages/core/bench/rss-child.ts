// Child process of bench/run.ts: tokenizes a stream generated chunk by chunk (never held whole) and
// reports RSS growth. Run as: node --expose-gc bench/rss-child.ts <bytes|strings|eventsource-parser> <MB> <kind>
import process from 'node:process';
import { createParser } from 'eventsource-parser';
import { createSseTokenizer } from '../src/sse/index.ts';
import { generateChunks, type StreamKind } from './streams.ts';

const [contender = 'bytes', megabytes = '500', kind = 'openai'] = process.argv.slice(2);
const total = Number(megabytes) * 1e6;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

function collect(): Memory {
  gc?.();
  gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

type Feed = (chunk: Buffer) => number;

function makeFeed(): { feed: Feed; end: () => void } {
  if (contender === 'none') return { feed: (chunk) => chunk.length, end: () => {} };
  if (contender === 'eventsource-parser') {
    let n = 0;
    const parser = createParser({
      onEvent(event) {
        n += event.data.length;
      },
    });
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    return {
      feed(chunk) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        return n;
      },
      end: () => parser.reset(),
    };
  }
  const tokenizer = createSseTokenizer();
  const asBytes = contender === 'bytes';
  return {
    feed(chunk) {
      let n = 0;
      for (const event of tokenizer.feed(chunk)) n += asBytes ? event.dataBytes.length : event.data.length;
      return n;
    },
    end: () => tokenizer.end(),
  };
}

// Warm up the generator, the JIT and the heap on 64 MB so the baseline is the steady state.
{
  const { feed, end } = makeFeed();
  for (const chunk of generateChunks(kind as StreamKind, 64e6, 1024, 4096, 99)) feed(chunk);
  end();
}
const baseline = collect();
let peak = baseline.rss;
let sum = 0;
let chunks = 0;
const { feed, end } = makeFeed();
const started = performance.now();
for (const chunk of generateChunks(kind as StreamKind, total, 1024, 4096, 1)) {
  sum += feed(chunk);
  if ((++chunks & 255) === 0) {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }
}
end();
const seconds = (performance.now() - started) / 1000;
peak = Math.max(peak, process.memoryUsage.rss());
const after = collect();
process.stdout.write(
  JSON.stringify({
    contender,
    kind,
    megabytes: Number(megabytes),
    chunks,
    seconds,
    baselineRssMiB: baseline.rss / 2 ** 20,
    peakGrowthMiB: (peak - baseline.rss) / 2 ** 20,
    afterGcGrowthMiB: (after.rss - baseline.rss) / 2 ** 20,
    // What the process still holds after GC (JS heap + Buffers), beyond the baseline: a leak shows here.
    retainedAfterGcMiB: (after.heapUsed + after.external - baseline.heapUsed - baseline.external) / 2 ** 20,
    checksum: sum,
  }) + '\n',
);
