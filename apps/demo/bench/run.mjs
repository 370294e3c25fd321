// Gateway benchmark: requests/s and added latency of the interlingua gateway over calling a fast
// upstream directly, next to peer gateways installed from npm, on loopback.
//
//   cd apps/demo && timeout 1500 node bench/run.mjs [--reps 3] [--quick] [--no-peers] [--cpu-prof]
//                                                    [--rows pass-chat,convert] [--out results/gateway.json]
//   node bench/run.mjs --merge results/run1.json results/run2.json [--out results/gateway.json]
//
// Every server and the load generator is a separate process (the machine has few cores and the
// numbers must not include one server starving another on the same event loop). Rows are measured
// contender after contender with the order rotated per repetition, and each metric is the median
// over repetitions. See BENCHMARKS.md ("Gateway") for the method and results.
import { fork, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const BENCH = dirname(fileURLToPath(import.meta.url));
const DEMO = dirname(BENCH);
const CACHE = join(BENCH, '.cache');
const LOGS = join(CACHE, 'logs');

// ---- options ----------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1] : fallback;
};
const REPS = Number(option('--reps', '3'));
const QUICK = flag('--quick');
const PEERS = !flag('--no-peers');
const CPU_PROF = flag('--cpu-prof');
const ONLY_ROWS = option('--rows', '')?.split(',').filter(Boolean);
const OUT = join(BENCH, option('--out', 'results/gateway.json'));
// Request counts per series: fixed, and bounded in time in case a contender is slow.
const COUNTS = QUICK
  ? { 1: { count: 300, warmup: 100 }, 64: { count: 2_000, warmup: 500 } }
  : { 1: { count: 2_000, warmup: 300 }, 64: { count: 20_000, warmup: 2_000 } };
const TIME_CAP_MS = { 1: 15_000, 64: 10_000 };

// ---- processes --------------------------------------------------------------------------------
const children = new Set();
mkdirSync(LOGS, { recursive: true });

/** Starts a server process; its output goes to a log file (never to a pipe that could fill up). */
function start(name, command, args, options = {}) {
  const log = openSync(join(LOGS, `${name}.log`), 'w');
  // stdin is a pipe so that children which watch it (upstream.mjs) exit when we do.
  const child = spawn(command, args, { stdio: ['pipe', log, log], ...options });
  closeSync(log);
  child.name = name;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(timer);
}

function killAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One request, whole body as text (set-up and validation only, never in a measured loop). */
async function call(origin, spec) {
  const res = await request(origin + spec.path, {
    method: 'POST',
    headers: spec.headers,
    body: spec.body,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

async function waitReady(name, child, origin, spec) {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}); see ${join(LOGS, `${name}.log`)}`);
    try {
      const { status, text } = await call(origin, spec);
      if (status === 200) return;
      last = `${status} ${text.slice(0, 200)}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} not ready on ${origin}: ${last}`);
}

// ---- peers: installed into .cache, never into the workspace ------------------------------------
const NPM_CACHE = join(CACHE, 'npm-cache');
const PEER_PACKAGES = {
  // Portkey 1.15.2 asks for @hono/node-server ^1.3.3; the 1.19 line (as resolved now) hands
  // Portkey's `new Response(stream, fetchResponse)` the upstream's immutable Headers, and Portkey's
  // own `headers.append(...)` then throws "immutable" → 500 "Something went wrong" on every stream.
  // 1.13.8 copies the headers, as Portkey was written against; pinned with an npm override.
  portkey: {
    dependencies: { '@portkey-ai/gateway': '1.15.2' },
    overrides: { '@hono/node-server': '1.13.8' },
    entry: 'node_modules/@portkey-ai/gateway/build/start-server.js',
  },
  // claude-code-router 3.1.1 does not install: its dependency @the-next-ai/ai-gateway is not on
  // the npm registry (E404). 2.0.0 is the newest that installs (a single bundled file).
  ccr: {
    dependencies: { '@musistudio/claude-code-router': '2.0.0' },
    entry: 'node_modules/@musistudio/claude-code-router/dist/cli.js',
  },
};

function installPeer(name) {
  const spec = PEER_PACKAGES[name];
  const dir = join(CACHE, name);
  if (existsSync(join(dir, spec.entry))) return join(dir, spec.entry);
  mkdirSync(dir, { recursive: true });
  const { entry: _entry, ...manifest } = spec;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, ...manifest }, null, 2));
  process.stderr.write(`installing ${name} into ${dir}\n`);
  const result = spawnSync('npm', ['install', '--cache', NPM_CACHE, '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`npm install for ${name} failed`);
  return join(dir, spec.entry);
}

// ---- the requests ------------------------------------------------------------------------------
const SYSTEM = 'You are a terse assistant.';
const PROMPT = 'Say twenty words.';
const chatBody = (model, stream) =>
  JSON.stringify({
    model,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: PROMPT },
    ],
    max_tokens: 256,
    temperature: 0.2,
    ...(stream ? { stream: true } : {}),
  });
const claudeBody = (model, stream) =>
  JSON.stringify({
    model,
    max_tokens: 256,
    system: SYSTEM,
    messages: [{ role: 'user', content: PROMPT }],
    temperature: 0.2,
    ...(stream ? { stream: true } : {}),
  });
const CHAT_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
const CLAUDE_HEADERS = {
  'content-type': 'application/json',
  'x-api-key': 'sk-bench',
  'anthropic-version': '2023-06-01',
};

/**
 * The rows. `direct` is the baseline: the same client request (same format, same body) sent to the
 * fast upstream itself, which answers that format natively with bodies of the same shape.
 */
function scenarios(up, ports) {
  const portkeyHeaders = {
    ...CHAT_HEADERS,
    'x-portkey-provider': 'openai',
    'x-portkey-custom-host': `${up}/v1`,
  };
  const gw = `http://127.0.0.1:${ports.interlingua}`;
  return [
    {
      id: 'pass-chat',
      label: 'pass-through openai-chat → openai-chat',
      contenders: (stream) => ({
        direct: {
          origin: up,
          path: '/v1/chat/completions',
          headers: CHAT_HEADERS,
          body: chatBody('gpt-bench', stream),
        },
        interlingua: {
          origin: gw,
          path: '/v1/chat/completions',
          headers: CHAT_HEADERS,
          body: chatBody('gpt-bench', stream),
        },
        ...(ports.portkey
          ? {
              portkey: {
                origin: `http://127.0.0.1:${ports.portkey}`,
                path: '/v1/chat/completions',
                headers: portkeyHeaders,
                body: chatBody('gpt-bench', stream),
              },
            }
          : {}),
      }),
      expect: (stream) => (stream ? ['word19', 'data: [DONE]'] : ['word19', '"chat.completion"']),
    },
    {
      id: 'pass-claude',
      label: 'pass-through claude → claude',
      contenders: (stream) => ({
        direct: { origin: up, path: '/v1/messages', headers: CLAUDE_HEADERS, body: claudeBody('claude-pass', stream) },
        interlingua: {
          origin: gw,
          path: '/v1/messages',
          headers: CLAUDE_HEADERS,
          body: claudeBody('claude-pass', stream),
        },
        ...(ports.portkey
          ? {
              portkey: {
                origin: `http://127.0.0.1:${ports.portkey}`,
                path: '/v1/messages',
                headers: { ...CLAUDE_HEADERS, 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${up}/v1` },
                body: claudeBody('claude-pass', stream),
              },
            }
          : {}),
      }),
      expect: (stream) => (stream ? ['word19', 'message_stop'] : ['word19', '"type":"message"']),
    },
    {
      id: 'convert',
      label: 'convert claude → openai-chat upstream',
      contenders: (stream) => ({
        direct: { origin: up, path: '/v1/messages', headers: CLAUDE_HEADERS, body: claudeBody('claude-bench', stream) },
        interlingua: {
          origin: gw,
          path: '/v1/messages',
          headers: CLAUDE_HEADERS,
          body: claudeBody('claude-bench', stream),
        },
        ...(ports.ccr
          ? {
              ccr: {
                origin: `http://127.0.0.1:${ports.ccr}`,
                path: '/v1/messages',
                headers: CLAUDE_HEADERS,
                body: claudeBody('claude-bench', stream),
              },
            }
          : {}),
      }),
      expect: (stream) => (stream ? ['word19', 'message_stop'] : ['word19', '"type":"message"']),
    },
  ].filter((row) => !ONLY_ROWS?.length || ONLY_ROWS.includes(row.id));
}

// ---- load generator ----------------------------------------------------------------------------
let loader;
let nextJob = 0;
const pending = new Map();
function startLoader() {
  loader = fork(join(BENCH, 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(loader);
  loader.on('message', (message) => {
    const done = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) done.reject(new Error(message.error));
    else done.resolve(message.result);
  });
}
function load(job) {
  const id = nextJob++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    loader.send({ id, job });
  });
}

// ---- statistics --------------------------------------------------------------------------------
const median = (values) => {
  const xs = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
};
const r3 = (x) => (x === null ? null : Math.round(x * 1000) / 1000);

// ---- main --------------------------------------------------------------------------------------
async function main() {
  if (flag('--merge')) {
    // Every .json argument after --merge except the --out value.
    const outValue = option('--out', '');
    merge(argv.slice(argv.indexOf('--merge') + 1).filter((arg) => arg.endsWith('.json') && arg !== outValue));
    return;
  }
  startLoader();
  const startedAt = new Date();
  const machine = {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };

  // Upstream.
  const upPort = await freePort();
  const upstream = start('upstream', process.execPath, [join(BENCH, 'upstream.mjs'), String(upPort)]);
  const up = `http://127.0.0.1:${upPort}`;
  await waitReady('upstream', upstream, up, {
    path: '/v1/chat/completions',
    headers: CHAT_HEADERS,
    body: chatBody('x', false),
  });

  // interlingua gateway, through its real entry point and a real configuration file.
  const ports = { interlingua: await freePort() };
  const config = {
    server: { host: '127.0.0.1', port: ports.interlingua },
    providers: [
      { id: 'up-chat', format: 'openai-chat', baseURL: up, apiKey: 'sk-bench' },
      { id: 'up-claude', format: 'claude', baseURL: up, apiKey: 'sk-bench' },
    ],
    routes: [
      { match: 'gpt-*', provider: 'up-chat' },
      { match: 'claude-pass*', provider: 'up-claude' },
      { match: 'claude-*', provider: 'up-chat', model: 'bench-upstream' },
    ],
  };
  const configFile = join(CACHE, 'interlingua.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  // Profiles are large: they stay in the git-ignored cache.
  const profDir = join(CACHE, 'prof');
  const gatewayArgs = [
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    '--conditions=@interlingua/source',
    'src/main.ts',
    '--config',
    configFile,
  ];
  const gateway = start('interlingua', process.execPath, gatewayArgs, { cwd: DEMO });
  const servers = [{ name: 'interlingua', child: gateway, origin: `http://127.0.0.1:${ports.interlingua}` }];

  const peers = {};
  if (PEERS) {
    try {
      const entry = installPeer('portkey');
      ports.portkey = await freePort();
      const child = start('portkey', process.execPath, [entry, `--port=${ports.portkey}`, '--headless'], {
        cwd: join(CACHE, 'portkey'),
        env: { ...process.env, NODE_ENV: 'production' },
      });
      servers.push({ name: 'portkey', child, origin: `http://127.0.0.1:${ports.portkey}` });
      peers.portkey = {
        package: '@portkey-ai/gateway@1.15.2',
        pinned: '@hono/node-server@1.13.8 (npm override)',
        node: process.version,
      };
    } catch (error) {
      process.stderr.write(`portkey unavailable: ${error.message}\n`);
    }
    try {
      const entry = installPeer('ccr');
      ports.ccr = await freePort();
      // A private HOME: claude-code-router reads ~/.claude-code-router/config.json and writes a pid
      // file and logs there; this keeps it off the real home directory.
      const home = join(CACHE, 'ccr-home');
      mkdirSync(join(home, '.claude-code-router'), { recursive: true });
      writeFileSync(
        join(home, '.claude-code-router', 'config.json'),
        JSON.stringify(
          {
            LOG: false,
            HOST: '127.0.0.1',
            PORT: ports.ccr,
            NON_INTERACTIVE_MODE: true,
            Providers: [
              {
                name: 'bench',
                api_base_url: `${up}/v1/chat/completions`,
                api_key: 'sk-bench',
                models: ['bench-upstream'],
              },
            ],
            Router: { default: 'bench,bench-upstream' },
          },
          null,
          2,
        ),
      );
      // `ccr start` runs the server in the foreground (it is the process we track and kill).
      const child = start('ccr', process.execPath, [entry, 'start'], {
        cwd: home,
        env: { ...process.env, HOME: home, USERPROFILE: home },
      });
      servers.push({ name: 'ccr', child, origin: `http://127.0.0.1:${ports.ccr}` });
      peers.ccr = { package: '@musistudio/claude-code-router@2.0.0', node: process.version };
    } catch (error) {
      process.stderr.write(`claude-code-router unavailable: ${error.message}\n`);
    }
  }

  const rows = scenarios(up, ports);
  // Readiness and a correctness check of every contender on every row it is in: a fast wrong
  // answer must not count.
  for (const server of servers) {
    const row = rows.find((candidate) => candidate.contenders(false)[server.name]);
    try {
      await waitReady(server.name, server.child, server.origin, row.contenders(false)[server.name]);
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
      for (const r of rows) r.dropped = [...(r.dropped ?? []), server.name];
    }
  }
  for (const row of rows) {
    for (const stream of [false, true]) {
      for (const [name, spec] of Object.entries(row.contenders(stream))) {
        if (row.dropped?.includes(name)) continue;
        const { status, text } = await call(spec.origin, spec);
        const missing = row.expect(stream).filter((needle) => !text.includes(needle));
        if (status !== 200 || missing.length) {
          process.stderr.write(
            `${name} fails ${row.id} stream=${stream}: ${status} missing ${missing.join(', ')}: ${text.slice(0, 300)}\n`,
          );
          row.dropped = [...(row.dropped ?? []), `${name}:${stream}`];
        }
      }
    }
  }

  // Measure.
  const results = [];
  for (const row of rows) {
    for (const stream of [false, true]) {
      for (const concurrency of [1, 64]) {
        const contenders = Object.entries(row.contenders(stream)).filter(
          ([name]) => !row.dropped?.includes(name) && !row.dropped?.includes(`${name}:${stream}`),
        );
        const reps = [];
        for (let rep = 0; rep < REPS; rep++) {
          // Rotate the order each repetition: whoever runs first or last gets no systematic edge.
          const order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]);
          const measured = {};
          for (const [name, spec] of order) {
            measured[name] = await load({
              ...spec,
              concurrency,
              ...COUNTS[concurrency],
              timeCapMs: TIME_CAP_MS[concurrency],
            });
          }
          reps.push(measured);
          process.stderr.write(
            `${row.id} stream=${stream} c=${concurrency} rep ${rep + 1}/${REPS}: ${Object.entries(measured)
              .map(
                ([n, m]) =>
                  `${n} ${m.rps}/s p50 ${m.p50} p99 ${m.p99}${m.errors ? ` errors ${m.errors} (${m.errorSample})` : ''}`,
              )
              .join(' | ')}\n`,
          );
        }
        const summary = summarize(reps);
        results.push({ row: row.id, label: row.label, stream, concurrency, summary, reps });
      }
    }
  }

  machine.loadavgAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const report = {
    date: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    command: `cd apps/demo && timeout 1500 node bench/run.mjs ${argv.join(' ')}`.trim(),
    machine,
    counts: COUNTS,
    reps: REPS,
    peers,
    targets: { addedP50Ms: 1, addedP99Ms: 5, at: 'concurrency 1', peer: 'ahead on every row (req/s and added p50)' },
    results,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(OUT.replace(/\.json$/, '.md'), table(report));
  process.stdout.write(table(report));

  // Stop: SIGINT for the gateway (its own shutdown path, which is also what writes a --cpu-prof profile).
  await stop(gateway, 'SIGINT');
  for (const server of servers.slice(1)) await stop(server.child);
  await stop(upstream);
  loader.disconnect();
}

/** Medians over repetitions; added latency is taken per repetition against that repetition's direct call. */
function summarize(reps) {
  const summary = {};
  for (const name of Object.keys(reps[0])) {
    const series = reps.map((rep) => rep[name]);
    const added = (key) => median(reps.map((rep) => rep[name][key] - rep.direct[key]));
    summary[name] = {
      rps: Math.round(median(series.map((m) => m.rps))),
      p50: r3(median(series.map((m) => m.p50))),
      p99: r3(median(series.map((m) => m.p99))),
      ttfbP50: r3(median(series.map((m) => m.ttfbP50))),
      ttfbP99: r3(median(series.map((m) => m.ttfbP99))),
      addedP50: name === 'direct' ? 0 : r3(added('p50')),
      addedP99: name === 'direct' ? 0 : r3(added('p99')),
      addedTtfbP50: name === 'direct' ? 0 : r3(added('ttfbP50')),
      errors: series.reduce((sum, m) => sum + m.errors, 0),
      completed: series.map((m) => m.ok),
      timedOut: series.some((m) => m.timedOut),
    };
  }
  return summary;
}

/**
 * `--merge A.json B.json …`: pools the repetitions of several runs (same rows) and recomputes the
 * medians, so that runs made at different load levels of a shared machine are all counted.
 */
function merge(files) {
  const reports = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
  const [first] = reports;
  const results = first.results.map((result) => {
    const reps = reports.flatMap(
      (report) =>
        report.results.find(
          (r) => r.row === result.row && r.stream === result.stream && r.concurrency === result.concurrency,
        )?.reps ?? [],
    );
    return { ...result, summary: summarize(reps), reps };
  });
  const merged = {
    ...first,
    reps: results[0]?.reps.length,
    mergedFrom: reports.map((report) => ({
      date: report.date,
      durationS: report.durationS,
      command: report.command,
      loadavgAtStart: report.machine.loadavgAtStart,
      loadavgAtEnd: report.machine.loadavgAtEnd,
    })),
    results,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(OUT.replace(/\.json$/, '.md'), table(merged));
  process.stdout.write(table(merged));
}

/** The Markdown table for BENCHMARKS.md. */
function table(report) {
  const peerOf = { 'pass-chat': 'portkey', 'pass-claude': 'portkey', convert: 'ccr' };
  const fmt = (x, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
  const lines = [
    '| row | stream | c | contender | req/s | p50 ms | p99 ms | added p50 | added p99 | TTFB p50 | vs peer (req/s ×, added p50 ×) |',
    '| --- | --- | --: | --- | --: | --: | --: | --: | --: | --: | --- |',
  ];
  for (const result of report.results) {
    const peer = result.summary[peerOf[result.row]];
    for (const [name, m] of Object.entries(result.summary)) {
      let versus = '';
      if (name === 'interlingua' && peer) {
        const rps = m.rps / peer.rps;
        const lat = peer.addedP50 / Math.max(m.addedP50, 0.001);
        versus = `${rps.toFixed(1)}× req/s, ${lat.toFixed(1)}× lower added p50`;
      }
      lines.push(
        `| ${result.row} | ${result.stream ? 'SSE' : 'JSON'} | ${result.concurrency} | ${name} | ${m.rps} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${name === 'direct' ? '—' : fmt(m.addedP50)} | ${name === 'direct' ? '—' : fmt(m.addedP99)} | ${result.stream ? fmt(m.ttfbP50) : '—'} | ${versus} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  killAll();
  process.exit(1);
});
