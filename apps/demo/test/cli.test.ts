import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// What `npm run demo -- --config FILE` runs (pnpm passes the `--` through).
const ENTRY = ['--conditions=@interlingua/source', 'src/main.ts', '--'];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [...ENTRY, ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, INTERLINGUA_CONFIG: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async (): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(stderr);
      if (match) return match[1] as string;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`gateway did not start: ${stderr}`);
  };
  return { child, exited, listening, stderr: () => stderr };
}

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'interlingua-demo-'));
  const file = join(dir, 'gateway.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('the demo command', () => {
  it('starts from --config FILE and serves a chat through the simulator', async () => {
    const file = await configFile({ server: { port: 0 }, simulator: { pacing: false } });
    const gateway = start(['--config', file]);
    const origin = await gateway.listening();
    const response = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'from the CLI' }] }),
    });
    expect(await response.text()).toContain('You said: \\"from the CLI\\"');
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(gateway.stderr()).toMatch(/"path":"\/v1\/chat\/completions".*"status":200/);
  });

  it('reads INTERLINGUA_CONFIG and refuses an invalid file, naming the path', async () => {
    const file = await configFile({ server: { port: 'eighty' }, routes: [{ match: '*', provider: 'ghost' }] });
    const gateway = start([], { INTERLINGUA_CONFIG: file });
    expect(await gateway.exited).toBe(1);
    expect(gateway.stderr()).toContain(`${file}: at server.port: expected number, received string`);
  });
});
