import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, readSse } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { adapters } from '../src/adapters.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'interlingua.mjs');
const fixtures = join(import.meta.dirname, '..', '..');
const fixture = (format: string, name: string): string => join(fixtures, format, 'fixtures', name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string | Buffer): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  return finish(child, input);
}

function finish(child: ChildProcess, input?: string | Buffer): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function* oneChunk(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}

async function eventsOf(format: 'claude' | 'openai-chat', sse: string) {
  const decoder = adapters[format].stream.createDecoder();
  const events = [];
  for await (const wire of readSse(oneChunk(sse))) events.push(...decoder.push(wire));
  events.push(...decoder.end());
  return events;
}

describe('interlingua detect', () => {
  it('prints the format and kind of a file', async () => {
    const result = await run(['detect', fixture('gemini', 'function-call.json')]);
    expect(result).toMatchObject({ code: 0, stdout: 'gemini response\n' });
  });

  it('reads standard input', async () => {
    const result = await run(['detect', '-'], readFileSync(fixture('claude', 'tool-use-parallel-stream.sse')));
    expect(result.stdout).toBe('claude stream\n');
  });

  it('says so and exits 1 when nothing matches', async () => {
    const result = await run(['detect'], 'hello');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not detect');
  });
});

describe('interlingua convert', () => {
  it('converts a Claude stream into a Chat Completions stream that decodes to the same answer', async () => {
    const source = readFileSync(fixture('claude', 'tool-use-parallel-stream.sse'), 'utf8');
    const result = await run(['convert', '--to', 'openai-chat', fixture('claude', 'tool-use-parallel-stream.sse')]);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const original = collect(await eventsOf('claude', source));
    const converted = collect(await eventsOf('openai-chat', result.stdout));
    // Claude-only fields (extensions such as `caller`) stay behind; what Chat carries must match.
    const calls = (r: typeof original) =>
      r.choices[0]?.content.map((p) =>
        p.type === 'tool-call' ? { id: p.id, name: p.name, arguments: p.arguments } : p,
      );
    expect(calls(converted)).toEqual(calls(original));
    expect(converted.choices[0]?.finishReason?.reason).toBe(original.choices[0]?.finishReason?.reason);
  });

  it('streams: output starts before the input ends', async () => {
    const source = readFileSync(fixture('claude', 'tool-use-parallel-stream.sse'), 'utf8');
    const cut = source.indexOf('event: content_block_stop');
    const child = spawn(
      process.execPath,
      [bin, 'convert', '--from', 'claude', '--kind', 'stream', '--to', 'openai-chat'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    // Pad the first half past the detection window so conversion starts on it alone.
    child.stdin.write(`${': padding\n'.repeat(8000)}${source.slice(0, cut)}`);
    const firstOutput = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(firstOutput).toContain('chat.completion.chunk');
    const rest = finish(child, source.slice(cut));
    expect((await rest).code).toBe(0);
  });

  it('converts a request and reports losses on stderr, one line each', async () => {
    const result = await run(['convert', '--to', 'claude', fixture('openai-chat', 'tool-call.request.json')]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { max_tokens: number; messages: unknown[] };
    expect(body.max_tokens).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^loss defaulted max_tokens|^loss defaulted maxOutputTokens|^loss /m);
  });

  it('exits 1 under --strict when something is lost', async () => {
    const result = await run([
      'convert',
      '--strict',
      '--to',
      'claude',
      fixture('openai-chat', 'tool-call.request.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('interlingua:');
    expect(result.stderr).not.toContain('    at ');
  });

  it('converts error bodies with the target status', async () => {
    const result = await run([
      'convert',
      '--to',
      'claude',
      fixture('openai-chat', 'error-unsupported-max-tokens.json'),
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(result.stderr).toContain('status 400');
  });

  it('converts JSONL line by line and reports a bad line without stopping the batch', async () => {
    const request = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    const input = `${request}\n{"model": 3, "messages": "nope"}\n${request}\n`;
    const result = await run(['convert', '--from', 'openai-chat', '--kind', 'request', '--to', 'gemini'], input);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    expect(result.stderr).toMatch(/line 2: openai-chat request: at /);
    expect(result.stderr).toContain('1 of 3 lines failed');
  });

  it('names format, kind and path for invalid input, exit 1, no stack trace', async () => {
    const result = await run(
      ['convert', '--from', 'claude', '--kind', 'request', '--to', 'gemini'],
      '{"model":"c","messages":[{"role":"user","content":3}]}',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^interlingua: claude request: at messages\[0\]\.content/);
    expect(result.stderr).not.toContain('    at ');
  });

  it('prints a stack trace with --debug', async () => {
    const result = await run(
      ['convert', '--debug', '--from', 'claude', '--kind', 'request', '--to', 'gemini'],
      '{"messages":3}',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('    at ');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['convert', '--to', 'cobol'], '{}')).code).toBe(2);
    expect((await run(['convert'], '{}')).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['convert', '--nope'])).code).toBe(2);
  });

  it('has --help for every command', async () => {
    for (const args of [['--help'], ['convert', '--help'], ['detect', '--help']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage');
    }
  });
});

describe('interlingua validate', () => {
  it('says a recording is valid', async () => {
    const result = await run(['validate', '--format', 'claude', fixture('claude', 'tool-use-parallel-stream.sse')]);
    expect(result).toMatchObject({ code: 0, stdout: 'valid claude stream\n' });
  });

  it('validates what convert writes', async () => {
    const converted = await run([
      'convert',
      '--to',
      'openai-responses',
      fixture('claude', 'tool-use-parallel-stream.sse'),
    ]);
    const result = await run(['validate', '--format', 'openai-responses', '--kind', 'stream'], converted.stdout);
    expect(result).toMatchObject({ code: 0, stdout: 'valid openai-responses stream\n' });
  });

  it('lists every problem with its event number and rule, exit 1', async () => {
    const result = await run([
      'validate',
      '--format',
      'openai-chat',
      '--kind',
      'stream',
      fixture('claude', 'tool-use-parallel-stream.sse'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^event 0: .* \[event-name\]$/m);
    expect(result.stderr).toMatch(/^\d+ problems$/m);
  });

  it('reports body problems with JSON paths', async () => {
    const result = await run(
      ['validate', '--format', 'claude', '--kind', 'request'],
      '{"model":"m","max_tokens":5,"messages":[{"role":"user","content":""}]}',
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^messages\[0\]\.content/m);
  });
});
