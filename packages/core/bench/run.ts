// SSE benchmark: `pnpm --filter @interlingua/core bench` (add `-- --quick` for a smoke run).
// Throughput of every contender on the same in-memory streams, interleaved round-robin, median of rounds;
// then RSS growth on a 500 MB stream generated on the fly, one child process per contender.
// Time is the benchmark thread's CPU time (process.threadCpuUsage), which, unlike wall-clock time, does not
// count the time the thread is descheduled on a shared machine; wall-clock medians are recorded as well.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CONTENDERS, type Contender, consumeSink } from './contenders.ts';
import { chunk, generateStream, type StreamKind } from './streams.ts';

const here = dirname(fileURLToPath(import.meta.url));
// A full GC before every sample, so no contender pays for garbage another one left behind.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const quick = process.argv.includes('--quick');
const STREAM_BYTES = quick ? 4e6 : 50e6;
// One-to-sixteen-byte chunks cost ~100 k chunk objects per MB: measure them on a prefix.
const TINY_STREAM_BYTES = quick ? 0.5e6 : 4e6;
const ROUNDS = quick ? 3 : 7;
const RSS_MEGABYTES = quick ? 50 : 500;
const MIN_SAMPLE_SECONDS = quick ? 0.1 : 0.25;

interface Chunking {
  key: string;
  label: string;
  min: number;
  max: number;
}

const CHUNKINGS: readonly Chunking[] = [
  { key: '64k', label: '64 KiB chunks', min: 65536, max: 65536 },
  { key: '1-4k', label: '1–4 KiB chunks', min: 1024, max: 4096 },
  { key: '1-16b', label: '1–16 B chunks', min: 1, max: 16 },
];
const KINDS: readonly StreamKind[] = ['openai', 'anthropic'];

interface Result {
  kind: StreamKind;
  chunking: string;
  contender: string;
  label: string;
  bytes: number;
  events: number | null;
  mbPerSecond: number;
  eventsPerSecond: number | null;
  wallMbPerSecond: number;
  samplesMbPerSecond: number[];
  ratioToEventsourceParser?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Timing {
  cpu: number;
  wall: number;
  count: number;
}

/**
 * Runs `contender` over the stream, repeated until the sample lasts MIN_SAMPLE_SECONDS (thread CPU time is
 * accounted in scheduler ticks, so short samples would be coarse), and returns the time per pass.
 */
async function time(contender: Contender, chunks: readonly Buffer[]): Promise<Timing> {
  const wall = process.hrtime.bigint();
  const cpu = process.threadCpuUsage();
  let count = 0;
  let passes = 0;
  let elapsed = 0;
  do {
    count = await contender.run(chunks);
    passes++;
    elapsed = Number(process.hrtime.bigint() - wall) / 1e9;
  } while (elapsed < MIN_SAMPLE_SECONDS);
  const used = process.threadCpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1e6 / passes, wall: elapsed / passes, count };
}

async function measureThroughput(): Promise<Result[]> {
  const results: Result[] = [];
  for (const kind of KINDS) {
    const stream = generateStream(kind, STREAM_BYTES);
    for (const chunking of CHUNKINGS) {
      const source = chunking.max < 64 ? stream.subarray(0, TINY_STREAM_BYTES) : stream;
      const chunks = chunk(source, chunking.min, chunking.max);
      const samples = new Map<string, number[]>(CONTENDERS.map((c) => [c.key, []]));
      const wallSamples = new Map<string, number[]>(CONTENDERS.map((c) => [c.key, []]));
      const counts = new Map<string, number>();
      // Round 0 is the warm-up; contenders take turns within each round so drift hits all alike, and the
      // order rotates so that none always follows the same neighbour.
      for (let round = 0; round <= ROUNDS; round++) {
        for (let k = 0; k < CONTENDERS.length; k++) {
          const contender = CONTENDERS[(k + round) % CONTENDERS.length] as Contender;
          collectGarbage();
          const { cpu, wall, count } = await time(contender, chunks);
          if (round > 0) {
            samples.get(contender.key)?.push(cpu);
            wallSamples.get(contender.key)?.push(wall);
          }
          counts.set(contender.key, count);
        }
      }
      const reference = median(samples.get('eventsource-parser') ?? []);
      for (const contender of CONTENDERS) {
        const seconds = samples.get(contender.key) ?? [];
        const med = median(seconds);
        const events = contender.countsEvents ? (counts.get(contender.key) ?? 0) : null;
        results.push({
          kind,
          chunking: chunking.key,
          contender: contender.key,
          label: contender.label,
          bytes: source.length,
          events,
          mbPerSecond: source.length / med / 1e6,
          eventsPerSecond: events === null ? null : events / med,
          wallMbPerSecond: source.length / median(wallSamples.get(contender.key) ?? []) / 1e6,
          samplesMbPerSecond: seconds.map((s) => Math.round(source.length / s / 1e5) / 10),
          ratioToEventsourceParser: reference / med,
        });
      }
      const ours = counts.get('strings');
      for (const contender of CONTENDERS) {
        if (contender.countsEvents && counts.get(contender.key) !== ours) {
          throw new Error(`${contender.key} saw ${counts.get(contender.key)} events, expected ${ours}`);
        }
      }
      printTable(kind, chunking, results.slice(-CONTENDERS.length));
    }
  }
  return results;
}

function printTable(kind: StreamKind, chunking: Chunking, rows: readonly Result[]): void {
  const first = rows[0];
  console.log(`\n${kind}, ${chunking.label} (${((first?.bytes ?? 0) / 1e6).toFixed(1)} MB, ${first?.events} events)`);
  console.log(
    `${'contender'.padEnd(38)}${'MB/s'.padStart(9)}${'events/s'.padStart(12)}${'× e-p'.padStart(8)}${'wall MB/s'.padStart(11)}`,
  );
  for (const row of rows) {
    const events = row.eventsPerSecond === null ? '' : `${(row.eventsPerSecond / 1e6).toFixed(2)} M`;
    console.log(
      `${row.label.padEnd(38)}${row.mbPerSecond.toFixed(0).padStart(9)}${events.padStart(12)}${(row.ratioToEventsourceParser ?? 0).toFixed(2).padStart(8)}${row.wallMbPerSecond.toFixed(0).padStart(11)}`,
    );
  }
}

interface RssResult {
  contender: string;
  kind: string;
  megabytes: number;
  seconds: number;
  peakGrowthMiB: number;
  afterGcGrowthMiB: number;
  retainedAfterGcMiB: number;
}

function measureRss(): RssResult[] {
  const out: RssResult[] = [];
  console.log(`\nRSS while tokenizing a ${RSS_MEGABYTES} MB stream generated on the fly (1–4 KiB chunks)`);
  for (const contender of ['bytes', 'strings', 'eventsource-parser']) {
    const stdout = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--conditions=@interlingua/source',
        join(here, 'rss-child.ts'),
        contender,
        String(RSS_MEGABYTES),
        'openai',
      ],
      { encoding: 'utf8' },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop() as string) as RssResult;
    out.push(result);
    console.log(
      `${contender.padEnd(20)} peak RSS growth ${result.peakGrowthMiB.toFixed(1).padStart(6)} MiB, RSS after GC ${result.afterGcGrowthMiB.toFixed(1).padStart(6)} MiB, heap+external kept after GC ${result.retainedAfterGcMiB.toFixed(2).padStart(6)} MiB`,
    );
  }
  return out;
}

interface Target {
  description: string;
  measured: number;
  /** `>= n` for ratios, `< n` for memory. */
  required: string;
  met: boolean;
}

function checkTargets(results: readonly Result[], rss: readonly RssResult[]): Target[] {
  const targets: Target[] = [];
  const get = (kind: StreamKind, chunking: string, contender: string) =>
    results.find((r) => r.kind === kind && r.chunking === chunking && r.contender === contender);
  const ratio = (description: string, measured: number, required: number) =>
    targets.push({ description, measured, required: `>= ${required}`, met: measured >= required });
  for (const kind of KINDS) {
    for (const [chunking, required] of [
      ['64k', 1.5],
      ['1-4k', 1.5],
      ['1-16b', 3],
    ] as const) {
      ratio(
        `${kind} ${chunking}: strings vs eventsource-parser`,
        get(kind, chunking, 'strings')?.ratioToEventsourceParser ?? 0,
        required,
      );
    }
    ratio(`${kind} 64k: bytes vs eventsource-parser`, get(kind, '64k', 'bytes')?.ratioToEventsourceParser ?? 0, 3);
    for (const chunking of ['64k', '1-4k']) {
      const sync = get(kind, chunking, 'strings')?.mbPerSecond ?? 1;
      ratio(
        `${kind} ${chunking}: readSse vs sync strings`,
        (get(kind, chunking, 'async')?.mbPerSecond ?? 0) / sync,
        0.7,
      );
    }
  }
  for (const r of rss) {
    if (r.contender === 'eventsource-parser') continue;
    targets.push({
      description: `peak RSS growth (${r.contender}) < 16 MiB`,
      measured: r.peakGrowthMiB,
      required: '< 16',
      met: r.peakGrowthMiB < 16,
    });
    targets.push({
      description: `kept after GC (${r.contender}) < 1 MiB`,
      measured: r.retainedAfterGcMiB,
      required: '< 1',
      met: r.retainedAfterGcMiB < 1,
    });
  }
  console.log('\nTargets');
  for (const t of targets) {
    console.log(`${t.met ? 'met    ' : 'NOT met'}  ${t.description}: ${t.measured.toFixed(2)} (need ${t.required})`);
  }
  return targets;
}

function machine() {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // keep availableParallelism
  }
  const pkg = JSON.parse(readFileSync(join(here, '../node_modules/eventsource-parser/package.json'), 'utf8')) as {
    version: string;
  };
  return {
    date: new Date().toISOString(),
    node: process.version,
    nproc,
    cpuModel,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg(),
    eventsourceParser: pkg.version,
    quick,
  };
}

const info = machine();
console.log(
  `SSE benchmark${quick ? ' (quick)' : ''}: Node ${info.node}, ${info.nproc} cores (${info.cpuModel}), ${info.memoryGiB} GiB; median thread CPU time of ${ROUNDS} interleaved rounds after a warm-up`,
);
const results = await measureThroughput();
const rss = measureRss();
const targets = checkTargets(results, rss);
const outDir = join(here, 'results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, quick ? 'sse-quick.json' : 'sse.json');
writeFileSync(file, JSON.stringify({ machine: info, results, rss, targets, sink: consumeSink() % 1 }, null, 2) + '\n');
console.log(`\nwrote ${file}`);
