// Stream conversion benchmark: `pnpm --filter @interlingua/cli bench` (add `-- --quick` for a smoke run).
// Converts one large in-memory stream per direction inside a Node stream (Readable.from(1–4 KiB chunks) →
// converter → counting Writable), for our CLI path, a hand-written floor and the npm peers, in the same
// process, interleaved round-robin (the starting contender rotates each round), after a warm-up round,
// median of the rounds. Time is the process's CPU time (user + system, all threads): on a shared machine
// it does not count time spent descheduled, and unlike the main thread's CPU time it charges each contender
// for the garbage collection its allocations cause on V8's helper threads. Wall-clock and main-thread CPU
// medians are recorded as well.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSseTokenizer, type StreamDecoder } from '@interlingua/core';
import { adapters } from '../src/adapters.ts';
import { type Contender, contendersFor, createSink, DIRECTIONS, type Direction } from './contenders.ts';
import { chatStream, chunk, claudeStream } from './streams.ts';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
// `--only chat-to-responses` (a direction key) measures one direction; its results go to their own file.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && !DIRECTIONS.some((d) => d.key === only))
  throw new Error(`--only: unknown direction ${only} (one of ${DIRECTIONS.map((d) => d.key).join(', ')})`);
const STREAM_BYTES = quick ? 4e6 : 50e6;
const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : quick ? 3 : 7;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds: a positive integer');

// A full collection before each sample, so one contender's garbage is not collected on another's time.
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function countEvents(stream: Buffer): number {
  const tokenizer = createSseTokenizer();
  const n = tokenizer.feed(stream).length;
  tokenizer.end();
  return n;
}

interface Output {
  bytes: number;
  events: number;
  /** Whether our decoder of the target format reads the output without error (a sanity check, not an oracle). */
  decodes: boolean;
  error?: string;
  /** Canonical events our decoder made of it, by type (shows what a converter dropped). */
  canonical: Record<string, number>;
}

/** Runs `contender` once with a sink that tokenizes and decodes its output on the fly (untimed). */
async function inspect(contender: Contender, direction: Direction, chunks: readonly Buffer[]): Promise<Output> {
  const tokenizer = createSseTokenizer();
  const decoder: StreamDecoder = adapters[direction.to].stream.createDecoder();
  const result: Output = { bytes: 0, events: 0, decodes: true, canonical: {} };
  const tally = (events: { type: string }[]) => {
    for (const e of events) result.canonical[e.type] = (result.canonical[e.type] ?? 0) + 1;
  };
  const sink = createSink((bytes) => {
    for (const wire of tokenizer.feed(bytes)) {
      result.events++;
      if (!result.decodes) continue;
      try {
        tally(decoder.push(wire));
      } catch (error) {
        result.decodes = false;
        result.error = String((error as Error).message).slice(0, 300);
      }
    }
  });
  await contender.run(chunks, sink);
  tokenizer.end();
  if (result.decodes) tally(decoder.end());
  result.bytes = sink.bytes;
  return result;
}

interface Sample {
  cpu: number;
  thread: number;
  wall: number;
}

async function time(contender: Contender, chunks: readonly Buffer[]): Promise<Sample> {
  gc();
  const sink = createSink();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const thread = process.threadCpuUsage();
  await contender.run(chunks, sink);
  const usedThread = process.threadCpuUsage(thread);
  const used = process.cpuUsage(cpu);
  return {
    cpu: (used.user + used.system) / 1e6,
    thread: (usedThread.user + usedThread.system) / 1e6,
    wall: Number(process.hrtime.bigint() - wall) / 1e9,
  };
}

interface Result {
  direction: string;
  contender: string;
  label: string;
  role: string;
  inputBytes: number;
  inputEvents: number;
  output: Output;
  seconds: number;
  mbPerSecond: number;
  eventsPerSecond: number;
  wallMbPerSecond: number;
  threadMbPerSecond: number;
  samplesMbPerSecond: number[];
  /** Median over rounds of (floor's time / this contender's time) in the same round. */
  ratioToFloor: number;
  /** Median over rounds of (fastest peer's time in that round / this contender's time). */
  ratioToBestPeer: number | null;
  /** Ratios of the medians (floor median / this median), for comparison with the paired figures. */
  medianRatioToFloor: number;
  medianRatioToBestPeer: number | null;
  wallRatioToFloor: number;
}

async function measure(direction: Direction): Promise<Result[]> {
  const stream = direction.from === 'claude' ? claudeStream(STREAM_BYTES) : chatStream(STREAM_BYTES);
  const chunks = chunk(stream, 1024, 4096);
  const inputEvents = countEvents(stream);
  const contenders = await contendersFor(direction);
  const outputs = new Map<string, Output>();
  for (const contender of contenders) outputs.set(contender.key, await inspect(contender, direction, chunks));
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.key, []]));
  // Round 0 is the warm-up; contenders take turns within each round, starting one further each round,
  // so drift and collection debt hit all alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + round) % contenders.length] as Contender;
      const sample = await time(contender, chunks);
      if (round > 0) samples.get(contender.key)?.push(sample);
    }
  }
  const med = (key: string, field: keyof Sample) => median((samples.get(key) ?? []).map((s) => s[field]));
  const floor = med('floor', 'cpu');
  const floorWall = med('floor', 'wall');
  const peers = contenders.filter((c) => c.role === 'peer').map((c) => med(c.key, 'cpu'));
  const bestPeer = peers.length > 0 ? Math.min(...peers) : undefined;
  // Paired ratios: each round's contenders ran seconds apart, so a ratio taken within a round cancels
  // the machine's drift between rounds (the shared VM's speed moves by ±15 % over minutes).
  const cpuOf = (key: string, round: number) => ((samples.get(key) ?? [])[round] as Sample).cpu;
  const peerKeys = contenders.filter((c) => c.role === 'peer').map((c) => c.key);
  const paired = (key: string, reference: (round: number) => number) =>
    median(Array.from({ length: ROUNDS }, (_, round) => reference(round) / cpuOf(key, round)));
  const results = contenders.map((c): Result => {
    const seconds = med(c.key, 'cpu');
    return {
      direction: direction.key,
      contender: c.key,
      label: c.label,
      role: c.role,
      inputBytes: stream.length,
      inputEvents,
      output: outputs.get(c.key) as Output,
      seconds,
      mbPerSecond: stream.length / seconds / 1e6,
      eventsPerSecond: inputEvents / seconds,
      wallMbPerSecond: stream.length / med(c.key, 'wall') / 1e6,
      threadMbPerSecond: stream.length / med(c.key, 'thread') / 1e6,
      samplesMbPerSecond: (samples.get(c.key) ?? []).map((s) => Math.round(stream.length / s.cpu / 1e5) / 10),
      ratioToFloor: paired(c.key, (round) => cpuOf('floor', round)),
      ratioToBestPeer:
        peerKeys.length === 0 ? null : paired(c.key, (round) => Math.min(...peerKeys.map((key) => cpuOf(key, round)))),
      medianRatioToFloor: floor / seconds,
      medianRatioToBestPeer: bestPeer === undefined ? null : bestPeer / seconds,
      wallRatioToFloor: floorWall / med(c.key, 'wall'),
    };
  });
  printTable(direction, results);
  return results;
}

function printTable(direction: Direction, rows: readonly Result[]): void {
  const first = rows[0] as Result;
  console.log(
    `\n${direction.label} (${(first.inputBytes / 1e6).toFixed(1)} MB, ${first.inputEvents} events, 1–4 KiB chunks)`,
  );
  console.log(
    `${'contender'.padEnd(46)}${'MB/s'.padStart(7)}${'events/s'.padStart(11)}${'× floor'.padStart(9)}${'× best peer'.padStart(13)}${'wall × floor'.padStart(14)}${'out MB'.padStart(8)}${'out events'.padStart(12)}  decodes`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(46)}${r.mbPerSecond.toFixed(1).padStart(7)}${`${(r.eventsPerSecond / 1e3).toFixed(0)} k`.padStart(11)}${r.ratioToFloor.toFixed(2).padStart(9)}${(r.ratioToBestPeer === null ? '–' : r.ratioToBestPeer.toFixed(2)).padStart(13)}${r.wallRatioToFloor.toFixed(2).padStart(14)}${(r.output.bytes / 1e6).toFixed(1).padStart(8)}${String(r.output.events).padStart(12)}  ${r.output.decodes ? 'yes' : `no: ${r.output.error}`}`,
    );
  }
}

interface Target {
  description: string;
  measured: number;
  required: number;
  met: boolean;
}

function checkTargets(results: readonly Result[]): Target[] {
  const targets: Target[] = [];
  for (const direction of DIRECTIONS) {
    const ours = results.find((r) => r.direction === direction.key && r.contender === 'interlingua');
    if (!ours) continue;
    targets.push({
      description: `${direction.key}: interlingua vs floor`,
      measured: ours.ratioToFloor,
      required: 0.8,
      met: ours.ratioToFloor >= 0.8,
    });
    if (ours.ratioToBestPeer !== null) {
      targets.push({
        description: `${direction.key}: interlingua vs best peer`,
        measured: ours.ratioToBestPeer,
        required: 1.4,
        met: ours.ratioToBestPeer >= 1.4,
      });
    }
  }
  console.log('\nTargets (interlingua convertStream, CPU time, medians of the per-round ratios)');
  for (const t of targets) {
    const gap = t.met ? '' : `, gap ${((t.required / t.measured - 1) * 100).toFixed(0)}% more throughput needed`;
    console.log(
      `${t.met ? 'met    ' : 'NOT met'}  ${t.description}: ${t.measured.toFixed(2)} (need >= ${t.required})${gap}`,
    );
  }
  return targets;
}

function sh(command: string): string {
  try {
    return execSync(command, { encoding: 'utf8', cwd: join(here, '..') }).trim();
  } catch {
    return 'unknown';
  }
}

function version(name: string): string {
  const require = createRequire(join(here, '../package.json'));
  const main = require.resolve(name);
  // Walk up from the resolved entry to the package's own package.json.
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // keep walking up
    }
  }
  return 'unknown';
}

const info = {
  date: new Date().toISOString(),
  node: process.version,
  nproc: Number(sh('nproc')) || os.availableParallelism(),
  cpuModel: sh("lscpu | sed -n 's/^Model name: *//p'") || os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverageBefore: os.loadavg(),
  loadAverageAfter: [] as number[],
  peers: { 'llm-bridge': version('llm-bridge'), '@musistudio/llms': version('@musistudio/llms') },
  // The checkout is shared and the adapters change under the bench: record what was measured.
  git: {
    head: sh('git rev-parse --short HEAD'),
    uncommitted: sh(
      'git status --porcelain -- ../core/src ../claude/src ../openai-chat/src ../openai-responses/src src',
    )
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.endsWith('.test.ts')),
  },
  streamBytes: STREAM_BYTES,
  chunking: '1–4 KiB',
  rounds: ROUNDS,
  time: 'median process CPU time (user+system, all threads) per pass; wall and main-thread CPU also recorded',
  quick,
};
console.log(
  `Stream conversion benchmark${quick ? ' (quick)' : ''}: Node ${info.node}, ${info.nproc} cores (${info.cpuModel}), ${info.memoryGiB} GiB, load ${info.loadAverageBefore.map((l) => l.toFixed(2)).join(' ')}; median process CPU time of ${ROUNDS} interleaved rounds after a warm-up`,
);
const results: Result[] = [];
for (const direction of DIRECTIONS)
  if (only === undefined || direction.key === only) results.push(...(await measure(direction)));
const targets = checkTargets(results);
info.loadAverageAfter = os.loadavg();
const outDir = join(here, 'results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `convert${only ? `-${only}` : ''}${quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify({ machine: info, results, targets }, null, 2) + '\n');
console.log(`\nwrote ${file}`);
