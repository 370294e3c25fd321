#!/usr/bin/env node
// Entry point behind the root `npm test` / `npm run demo`: it works on any Node >= 18 and
// with npm alone. It installs what a fresh clone lacks (pnpm, the workspace dependencies and,
// through the `node` devDependency, Node 24), then runs the named root script under pnpm,
// where node_modules/.bin (holding Node 24's `node`) comes first on PATH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.21.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const pnpmBin = join(toolsDir, 'node_modules', '.bin', 'pnpm');
const stampFile = join(root, 'node_modules', '.interlingua-install-stamp');

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function log(message) {
  process.stderr.write(`[interlingua setup] ${message}\n`);
}

function ensurePnpm() {
  if (existsSync(pnpmBin)) return;
  log(`installing pnpm ${PNPM_VERSION} into .tools/ (npm registry)`);
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, 'package.json'), '{"private":true}\n');
  const status = run('npm', [
    'install',
    '--prefix',
    toolsDir,
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `pnpm@${PNPM_VERSION}`,
  ]);
  if (status !== 0) process.exit(status);
}

/** The install is redone when the lockfile or any manifest changes. */
function installFingerprint() {
  const hash = createHash('sha256');
  for (const file of ['pnpm-lock.yaml', 'package.json', 'pnpm-workspace.yaml']) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

function ensureInstalled() {
  const fingerprint = installFingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return;
  log('installing workspace dependencies (first run or lockfile changed)');
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  const status = run(pnpmBin, ['install', ...frozen]);
  if (status !== 0) process.exit(status);
  writeFileSync(stampFile, fingerprint);
}

ensurePnpm();
ensureInstalled();
const [script, ...rest] = process.argv.slice(2);
if (!script) process.exit(0);
// Put the Node 24 binary from the `node` devDependency first on PATH for everything below.
const binDir = join(root, 'node_modules', '.bin');
const env = {
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  ...process.env,
  PATH: `${binDir}:${join(toolsDir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
};
const pnpmRun = spawnSync(pnpmBin, ['run', script, ...rest], { cwd: root, stdio: 'inherit', env });
process.exit(pnpmRun.status ?? 1);
