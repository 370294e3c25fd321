#!/usr/bin/env node
// Launcher: inside the monorepo (where src/ exists) it runs the TypeScript sources, so the command
// never lags behind a stale build; a published install (no src/) runs the built dist/. Either way it
// needs Node >= 22; when started by an older `node` it re-executes itself with the Node 24 that the
// repository's `node` devDependency installs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, '..', 'dist', 'main.js');
const source = join(here, '..', 'src', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);

function findRepoNode() {
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', 'node');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

if (!existsSync(source) && existsSync(built) && major >= 22) {
  const { main } = await import(built);
  process.exitCode = await main(process.argv.slice(2));
} else {
  const node = major >= 22 ? process.execPath : findRepoNode();
  if (!node) {
    process.stderr.write(`interlingua needs Node.js 22 or later (this is ${process.version}).\n`);
    process.exit(2);
  }
  const entry = existsSync(source) ? source : built;
  const result = spawnSync(
    node,
    ['--conditions=@interlingua/source', '--no-warnings', entry, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 1);
}
