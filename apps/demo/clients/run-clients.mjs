#!/usr/bin/env node
// Runs the real agent CLIs — Claude Code, Codex and Gemini CLI — non-interactively against the
// interlingua gateway and its built-in simulator, offline: each gets a fake key, the gateway's URL
// and the settings that stop it from calling anything else (see README.md beside this file).
//
//   node apps/demo/clients/run-clients.mjs [--only claude,codex,gemini] [--modes direct,cross]
//        [--via FORMAT] [--isolate | --no-isolate] [--no-privacy] [--save-captures] [--no-install]
//        [--timeout SECONDS] [--keep] [--verbose]
//
// 1. installs each CLI (pinned) from npm into apps/demo/clients/.cache/<client>/ when missing;
// 2. starts the gateway (apps/demo/src/main.ts, free loopback ports) with the repo's Node 24, twice:
//    "direct" sends every model to the simulator (same format: relayed as is); "cross" converts each
//    client's requests into another format (Claude Code → openai-chat, Codex → claude, Gemini CLI →
//    openai-responses; --via FORMAT: all into FORMAT) and relays them to the direct gateway;
// 3. runs each CLI twice per mode — a plain prompt, and one that makes the simulator call a tool —
//    through a recording proxy, with a hard timeout; checks the exit code, the answer text, the
//    route taken (and in cross mode the conversion, from the gateway's access log);
// 4. prints one line per run and "clients: N passed, N failed"; exits non-zero on any failure.
//
// Isolation (the default when running as root with `ip` and `unshare`; --isolate requires it):
// steps 2-4 run in a fresh network namespace that has only loopback, whose DNS server
// (dns-log.mjs) answers NXDOMAIN and records every name looked up; a lookup during a CLI run fails
// the run. With --no-privacy the CLIs run without their privacy settings and the lookups are only
// listed: that shows what the settings prevent. --save-captures writes the requests of each direct
// run to captures/<client>-<case>.json. Plain Node >= 22, no dependency.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCaptureProxy } from './capture-proxy.mjs';
import { startDnsLog } from './dns-log.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const demoDir = join(here, '..');
const repoRoot = join(demoDir, '..', '..');
const cacheDir = join(here, '.cache');
const capturesDir = join(here, 'captures');
const FAKE = 'sk-interlingua-fake-key';
const SIM = 'Hello from the interlingua simulator';
const TOOL = 'The tool returned:';

// ---------------------------------------------------------------------------------------------
// The clients: package, pinned version, and how to point each at the gateway.

/** @type {Record<string, Client>} */
const CLIENTS = {
  claude: {
    label: 'Claude Code',
    pkg: '@anthropic-ai/claude-code',
    version: '2.1.332',
    bin: 'claude',
    format: 'claude',
    route: '/v1/messages',
    cases: [
      { name: 'text', prompt: 'Say hello to the interlingua gateway.', expect: SIM },
      // The simulator calls a tool the prompt names: Read, with {"file_path":"sample-file_path"},
      // which Claude Code runs (a missing file: an error result) and sends back.
      { name: 'tool', prompt: 'What does the file say? use Read', expect: TOOL },
    ],
    prepare: ({ origin, privacy }) => ({
      env: {
        ANTHROPIC_BASE_URL: origin,
        ANTHROPIC_API_KEY: FAKE,
        ...(privacy
          ? {
              CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
              DISABLE_TELEMETRY: '1',
              DISABLE_ERROR_REPORTING: '1',
              DISABLE_AUTOUPDATER: '1',
              CLAUDE_CODE_AUTO_CONNECT_IDE: 'false',
            }
          : {}),
      },
      args: (prompt) => ['-p', prompt, '--strict-mcp-config', '--no-session-persistence'],
    }),
  },
  codex: {
    label: 'Codex',
    pkg: '@openai/codex',
    version: '0.171.0',
    bin: 'codex',
    format: 'openai-responses',
    route: '/v1/responses',
    cases: [
      { name: 'text', prompt: 'Say hello to the interlingua gateway.', expect: SIM },
      // get_goal takes no arguments and only reads Codex's own state: a harmless tool round trip.
      { name: 'tool', prompt: 'What is the current goal? use get_goal', expect: TOOL },
    ],
    prepare: ({ origin, privacy, dir }) => {
      const codexHome = join(dir, 'codex-home');
      mkdirSync(codexHome, { recursive: true });
      writeFileSync(join(codexHome, 'config.toml'), codexConfig(origin, privacy));
      return {
        env: { CODEX_HOME: codexHome, INTERLINGUA_API_KEY: FAKE },
        args: (prompt) => ['exec', '--skip-git-repo-check', '--ephemeral', '--color', 'never', prompt],
      };
    },
  },
  gemini: {
    label: 'Gemini CLI',
    pkg: '@google/gemini-cli',
    version: '0.61.0',
    bin: 'gemini',
    format: 'gemini',
    route: '/v1beta/models/',
    cases: [
      { name: 'text', prompt: 'Say hello to the interlingua gateway.', expect: SIM },
      // list_directory with {"dir_path":"sample-dir_path"}: a missing directory, an error result.
      { name: 'tool', prompt: 'What files are here? use list_directory', expect: TOOL },
    ],
    prepare: ({ origin, privacy, home }) => {
      mkdirSync(join(home, '.gemini'), { recursive: true });
      writeFileSync(join(home, '.gemini', 'settings.json'), `${JSON.stringify(geminiSettings(privacy), null, 2)}\n`);
      return {
        env: {
          GEMINI_API_KEY: FAKE,
          GOOGLE_GEMINI_BASE_URL: origin,
          GEMINI_CLI_TRUST_WORKSPACE: 'true',
          GEMINI_CLI_NO_RELAUNCH: 'true',
        },
        // An explicit model: with the default ("auto") every turn first asks a flash-lite model to
        // classify the prompt as JSON, which the simulator does not answer (5 retries, ~100 s).
        args: (prompt) => ['-m', 'gemini-2.5-flash', '-p', prompt],
      };
    },
  },
};

function codexConfig(origin, privacy) {
  return [
    'model = "gpt-5"',
    'model_provider = "interlingua"',
    ...(privacy ? ['check_for_update_on_startup = false'] : []),
    '',
    ...(privacy ? ['[analytics]', 'enabled = false', '', '[features]', 'plugins = false', ''] : []),
    '[model_providers.interlingua]',
    'name = "interlingua gateway"',
    `base_url = "${origin}/v1"`,
    'wire_api = "responses"',
    'env_key = "INTERLINGUA_API_KEY"',
    '',
  ].join('\n');
}

function geminiSettings(privacy) {
  return {
    security: { auth: { selectedType: 'gemini-api-key' } },
    ...(privacy
      ? {
          privacy: { usageStatisticsEnabled: false },
          telemetry: { enabled: false },
          general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
          ide: { enabled: false },
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Options, Node, cleanup.

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
if (flag('--help') || flag('-h')) {
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0];
  process.stdout.write(`${header.replace(/^#!.*\n/, '').replace(/^\/\/ ?/gm, '')}\n`);
  process.exit(0);
}
const only = option('--only', Object.keys(CLIENTS).join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of only) {
  if (!CLIENTS[name]) fail(`unknown client "${name}" (expected ${Object.keys(CLIENTS).join(', ')})`);
}
const privacy = !flag('--no-privacy');
const timeoutMs = Number(option('--timeout', '180')) * 1000;
const insideNetns = flag('--inside-netns');
const modeNames = option('--modes', 'direct,cross').split(',');
const viaFormat = option('--via', undefined);
if (viaFormat && !['openai-chat', 'openai-responses', 'claude', 'gemini'].includes(viaFormat))
  fail(`--via expects openai-chat, openai-responses, claude or gemini, not "${viaFormat}"`);

/** Node 24 from the repo's `node` devDependency (runs the gateway's .ts sources), else this Node. */
const nodeBin = existsSync(join(repoRoot, 'node_modules', '.bin', 'node'))
  ? realpathSync(join(repoRoot, 'node_modules', '.bin', 'node'))
  : process.execPath;
const basePath = `${dirname(nodeBin)}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`;

const groups = new Set();
const cleanups = [];
function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {}
}
async function cleanup() {
  for (const pid of groups) killGroup(pid);
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await fn();
    } catch {}
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => cleanup().then(() => process.exit(130)));
}
// A closed stdout (`| head`) must not leave the gateways running.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
process.once('uncaughtException', (error) => {
  try {
    process.stderr.write(`run-clients: ${error.stack ?? error}\n`);
  } catch {}
  cleanup().then(() => process.exit(1));
});

function fail(message) {
  process.stderr.write(`run-clients: ${message}\n`);
  process.exit(2);
}
function log(message) {
  process.stderr.write(`[clients] ${message}\n`);
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Spawns in its own process group, with a hard timeout; resolves to { code, stdout, stderr, ms, timedOut }. */
function run(cmd, args, { cwd, env, timeout = timeoutMs, stdin = 'ignore' }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: [stdin, 'pipe', 'pipe'] });
    groups.add(child.pid);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeout);
    child.on('error', (error) => (stderr += `\nspawn error: ${error.message}`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // anything it left behind
      groups.delete(child.pid);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Install.

const clientDir = (name) => join(cacheDir, name);
const binPath = (name) => join(clientDir(name), 'node_modules', '.bin', CLIENTS[name].bin);

function installedVersion(name) {
  const manifest = join(clientDir(name), 'node_modules', ...CLIENTS[name].pkg.split('/'), 'package.json');
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Claude Code's bin/claude.exe is a stub until its postinstall (install.cjs) copies the native
 * binary from @anthropic-ai/claude-code-linux-x64 (an optional dependency) over it; npm skips that
 * step with --ignore-scripts. Runs it by hand when the stub is still there.
 */
async function repairClaude() {
  const env = { ...process.env, PATH: basePath };
  const probe = await run(binPath('claude'), ['--version'], { cwd: here, env, timeout: 60_000 });
  if (probe.code === 0) return true;
  log('claude: the postinstall did not run; running install.cjs');
  const pkgDir = join(clientDir('claude'), 'node_modules', '@anthropic-ai', 'claude-code');
  const fix = await run(nodeBin, [join(pkgDir, 'install.cjs')], { cwd: pkgDir, env, timeout: 120_000 });
  if (fix.code !== 0) process.stderr.write(`${fix.stdout}${fix.stderr}\n`);
  return (await run(binPath('claude'), ['--version'], { cwd: here, env, timeout: 60_000 })).code === 0;
}

async function install(names) {
  const missing = names.filter(
    (name) => installedVersion(name) !== CLIENTS[name].version || !existsSync(binPath(name)),
  );
  if (missing.length === 0) return true;
  log(`installing ${missing.map((n) => `${CLIENTS[n].pkg}@${CLIENTS[n].version}`).join(', ')} into ${cacheDir}`);
  const results = await Promise.all(
    missing.map(async (name) => {
      rmSync(clientDir(name), { recursive: true, force: true });
      mkdirSync(clientDir(name), { recursive: true });
      // --no-save --no-package-lock: the prefix holds node_modules only. The install scripts run
      // under Node 24 (Claude Code's postinstall needs Node >= 22).
      const result = await run(
        'npm',
        [
          'install',
          '--prefix',
          clientDir(name),
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          `${CLIENTS[name].pkg}@${CLIENTS[name].version}`,
        ],
        { cwd: here, env: { ...process.env, PATH: basePath }, timeout: 900_000 },
      );
      let ok = result.code === 0 && installedVersion(name) === CLIENTS[name].version;
      if (ok && name === 'claude') ok = await repairClaude();
      log(
        `${ok ? 'installed' : 'FAILED to install'} ${CLIENTS[name].pkg}@${CLIENTS[name].version} in ${seconds(result.ms)}`,
      );
      if (!ok) process.stderr.write(`${result.stdout}${result.stderr}\n`);
      return ok;
    }),
  );
  return results.every(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Isolation: a network namespace with only loopback, and a DNS server that records lookups.

function canIsolate() {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return ['ip', 'unshare', 'mount'].every((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0);
}

/** Re-runs this script inside a fresh network namespace; resolves to its exit code, or undefined when that fails. */
async function runIsolated(required) {
  const ns = `interlingua-clients-${process.pid}`;
  const add = spawnSync('ip', ['netns', 'add', ns], { encoding: 'utf8' });
  if (add.status !== 0) {
    if (required) fail(`cannot create a network namespace: ${add.stderr.trim()}`);
    log(`no network namespace (${add.stderr.trim()}): running without isolation`);
    return undefined;
  }
  cleanups.push(() => spawnSync('ip', ['netns', 'del', ns]));
  spawnSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  log(`isolated: network namespace ${ns} (loopback only)`);
  const args = argv.filter((a) => a !== '--isolate');
  const child = spawn(
    'ip',
    [
      'netns',
      'exec',
      ns,
      'unshare',
      '--mount',
      '--propagation',
      'private',
      process.execPath,
      fileURLToPath(import.meta.url),
      ...args,
      '--no-install',
      '--inside-netns',
    ],
    { stdio: 'inherit', detached: true },
  );
  groups.add(child.pid);
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  groups.delete(child.pid);
  return code;
}

/** Inside the namespace: point /etc/resolv.conf (in this mount namespace only) at a recording DNS server. */
async function startDnsRecorder(work) {
  const resolv = join(work, 'resolv.conf');
  writeFileSync(resolv, 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n');
  const mount = spawnSync('mount', ['--bind', resolv, '/etc/resolv.conf'], { encoding: 'utf8' });
  if (mount.status !== 0) fail(`mount --bind resolv.conf: ${mount.stderr.trim()}`);
  const recorder = { label: 'setup', lookups: [] };
  const server = await startDnsLog({
    host: '127.0.0.1',
    port: 53,
    onQuery: ({ name, type }) => recorder.lookups.push({ label: recorder.label, name, type }),
  });
  cleanups.push(() => server.close());
  return recorder;
}

// ---------------------------------------------------------------------------------------------
// Gateway.

/** Starts a gateway (src/main.ts) with the given configuration on a free loopback port. */
async function startGateway(work, name, settings) {
  const config = join(work, `${name}.json`);
  writeFileSync(config, JSON.stringify({ server: { host: '127.0.0.1', port: 0 }, ...settings }, null, 2));
  const child = spawn(nodeBin, ['--conditions=@interlingua/source', 'src/main.ts', '--config', config], {
    cwd: demoDir,
    env: { ...process.env, PATH: basePath },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.add(child.pid);
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in 30 s:\n${log}`)), 30_000);
    child.stderr.on('data', (d) => {
      log += d;
      const match = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${code}) before listening:\n${log}`));
    });
  });
  cleanups.push(async () => {
    killGroup(child.pid, 'SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 5000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    killGroup(child.pid);
    groups.delete(child.pid);
  });
  const health = await fetch(`${origin}/health`).then((r) => r.json());
  return { origin, health, log: () => log };
}

const FORMATS = ['openai-chat', 'openai-responses', 'claude', 'gemini'];
/** --cross: the upstream format each client's requests are converted to (every conversion differs). */
const CROSS = { claude: 'openai-chat', codex: 'claude', gemini: 'openai-responses' };

/**
 * The cross-format gateway: every request is converted into another format and relayed to the
 * direct gateway (which answers with the simulator), the upstream model being `via-<format>` so
 * that the simulator's answer names the route taken.
 */
function crossSettings(directOrigin, via) {
  const route = (match, format) => ({ match, provider: `via-${format}`, model: `via-${format}` });
  return {
    providers: FORMATS.map((format) => ({ id: `via-${format}`, format, baseURL: directOrigin })),
    routes: via
      ? [route('*', via)]
      : [route('claude-*', CROSS.claude), route('gpt-*', CROSS.codex), route('gemini-*', CROSS.gemini)],
  };
}

/** The gateway's access-log lines (JSON) written since `from` characters into its log. */
function accessLog(gateway, from) {
  return gateway
    .log()
    .slice(from)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// One CLI run.

async function runCase(name, testCase, { mode, gateway, work, recorder }) {
  const client = CLIENTS[name];
  const dir = mkdtempSync(join(work, `${name}-${testCase.name}-${mode.name}-`));
  const home = join(dir, 'home');
  const cwd = join(dir, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
  const proxy = await startCaptureProxy({ target: gateway.origin, label: name });
  const logFrom = gateway.log().length;
  try {
    const { env, args } = client.prepare({ origin: proxy.origin, privacy, dir, home });
    const fullEnv = {
      PATH: basePath,
      HOME: home,
      TMPDIR: dir,
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      NO_COLOR: '1',
      ...env,
    };
    const label = `${name} ${testCase.name} ${mode.name}`;
    if (recorder) recorder.label = label;
    const result = await run(binPath(name), args(testCase.prompt), { cwd, env: fullEnv });
    if (recorder) recorder.label = 'between runs';
    const requests = proxy.requests;
    const lookups = recorder ? recorder.lookups.filter((l) => l.label === label) : [];
    const relayed = accessLog(gateway, logFrom).filter((line) => line.inbound === client.format);
    const via = mode.via?.(name);
    const problems = [];
    if (result.timedOut) problems.push(`timed out after ${seconds(timeoutMs)}`);
    else if (result.code !== 0) problems.push(`exit code ${result.code}`);
    if (!result.stdout.includes(testCase.expect)) problems.push(`answer lacks "${testCase.expect}"`);
    if (via && testCase.expect === SIM && !result.stdout.includes(`(via-${via})`))
      problems.push(`answer does not name the route (via-${via})`);
    if (via && !relayed.some((line) => line.upstream === via && line.status === 200))
      problems.push(`the gateway did not relay to ${via}`);
    if (!requests.some((r) => r.method === 'POST' && r.url.startsWith(client.route)))
      problems.push(`no POST ${client.route}… reached the gateway`);
    if (privacy && recorder && lookups.length > 0)
      problems.push(`looked up ${[...new Set(lookups.map((l) => l.name))].join(', ')}`);
    return {
      name,
      testCase,
      mode,
      result,
      requests,
      lookups,
      relayed,
      problems,
      env: fullEnv,
      args: args(testCase.prompt),
    };
  } finally {
    await proxy.close();
  }
}

/** Writes what the CLI sent in a run — every request, with headers and JSON body — to captures/. */
function saveCapture(run) {
  if (run.requests.length === 0) return undefined;
  mkdirSync(capturesDir, { recursive: true });
  const file = join(capturesDir, `${run.name}-${run.testCase.name}.json`);
  const capture = {
    client: `${CLIENTS[run.name].pkg}@${CLIENTS[run.name].version}`,
    invocation: [CLIENTS[run.name].bin, ...run.args],
    capturedAt: run.requests[0].time,
    requests: run.requests.map(({ client, time, ...request }) => request),
  };
  writeFileSync(file, `${JSON.stringify(capture, null, 2)}\n`);
  return file;
}

function tail(text, lines = 3) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function report(r, recorder) {
  const ok = r.problems.length === 0;
  const routes = [...new Set(r.requests.map((q) => `${q.method} ${q.url.split('?')[0]}`))].join(', ');
  const statuses = r.requests.map((q) => q.status).join(',');
  const dns = recorder
    ? `; dns: ${r.lookups.length ? [...new Set(r.lookups.map((l) => l.name))].join(' ') : 'none'}`
    : '';
  const via = r.mode.via ? ` → ${r.mode.via(r.name)}` : '';
  const losses = [...new Set(r.relayed.flatMap((line) => line.losses ?? []))];
  process.stdout.write(
    `${ok ? 'PASS' : 'FAIL'} ${r.name.padEnd(6)} ${r.testCase.name.padEnd(4)} ${r.mode.name.padEnd(6)} ` +
      `${seconds(r.result.ms).padStart(6)}  ${CLIENTS[r.name].pkg}@${CLIENTS[r.name].version}${via}: ` +
      `${r.requests.length} request(s) [${statuses}] ${routes}${dns}` +
      `${losses.length ? `; losses: ${losses.join(' ')}` : ''}` +
      `${ok ? '' : `\n     ${r.problems.join('; ')}`}\n`,
  );
  const at = r.result.stdout.indexOf(r.testCase.expect);
  const answer = (at >= 0 ? r.result.stdout.slice(at) : tail(r.result.stdout, 2)).replace(/\s+/g, ' ').slice(0, 200);
  process.stdout.write(`     answer: ${answer || '(none)'}\n`);
  if (!ok || flag('--verbose')) {
    process.stdout.write(`     stderr (tail):\n${tail(r.result.stderr, 12).replace(/^/gm, '       ')}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main.

async function main() {
  const isolate = flag('--isolate') ? 'required' : flag('--no-isolate') ? 'never' : 'auto';
  if (!insideNetns) {
    if (!flag('--no-install') && !(await install(only))) return 1;
    for (const name of only)
      if (!existsSync(binPath(name))) fail(`${CLIENTS[name].label} is not installed (${binPath(name)})`);
    if (isolate === 'required' && !canIsolate()) fail('--isolate needs root, `ip` and `unshare` on Linux');
    if (isolate !== 'never' && canIsolate()) {
      const code = await runIsolated(isolate === 'required');
      if (code !== undefined) return code;
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'interlingua-clients-'));
  if (!flag('--keep')) cleanups.push(() => rmSync(work, { recursive: true, force: true }));
  else log(`keeping ${work}`);
  const recorder = insideNetns ? await startDnsRecorder(work) : undefined;
  const direct = await startGateway(work, 'gateway-direct', { simulator: { pacing: false } });
  const nodeVersion = spawnSync(nodeBin, ['-v']).stdout.toString().trim();
  log(`direct gateway on ${direct.origin} (every model to the simulator; node ${nodeVersion})`);
  const modes = [];
  if (modeNames.includes('direct')) modes.push({ name: 'direct', gateway: direct });
  if (modeNames.includes('cross')) {
    const cross = await startGateway(work, 'gateway-cross', crossSettings(direct.origin, viaFormat));
    const via = (name) => viaFormat ?? CROSS[name];
    log(
      `cross gateway on ${cross.origin}: ${only.map((n) => `${CLIENTS[n].format} → ${via(n)}`).join(', ')} → direct gateway`,
    );
    modes.push({ name: 'cross', gateway: cross, via });
  }
  if (!privacy) log('--no-privacy: the CLIs run without their privacy settings');
  const runs = [];
  for (const mode of modes) {
    for (const name of only) {
      for (const testCase of CLIENTS[name].cases) {
        const r = await runCase(name, testCase, { mode, gateway: mode.gateway, work, recorder });
        runs.push(r);
        report(r, recorder);
        if (flag('--save-captures') && mode.name === 'direct') {
          const file = saveCapture(r);
          if (file) log(`saved ${file}`);
        }
      }
    }
  }
  if (recorder) {
    const other = recorder.lookups.filter((l) => l.label === 'setup' || l.label === 'between runs');
    if (other.length) log(`lookups outside the CLI runs: ${[...new Set(other.map((l) => l.name))].join(', ')}`);
  }
  if (flag('--save-captures')) {
    const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
    if (existsSync(biome)) spawnSync(biome, ['format', '--write', capturesDir], { cwd: repoRoot, stdio: 'ignore' });
  }
  const passed = runs.filter((r) => r.problems.length === 0).length;
  const failed = runs.length - passed;
  process.stdout.write(`clients: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error) => {
    process.stderr.write(`run-clients: ${error.stack ?? error}\n`);
    await cleanup();
    process.exit(1);
  });

/**
 * @typedef {{ name: string, prompt: string, expect: string }} Case
 * @typedef {{ label: string, pkg: string, version: string, bin: string, route: string, cases: Case[],
 *   prepare: (o: { origin: string, privacy: boolean, dir: string, home: string }) =>
 *     { env: Record<string, string>, args: (prompt: string) => string[] } }} Client
 */
