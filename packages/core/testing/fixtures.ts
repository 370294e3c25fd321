import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded fixture file. */
export interface Fixture {
  /** File name, e.g. `tool-call-stream.sse`. */
  name: string;
  /** Scenario name: the file name without its kind suffix (`tool-call-stream`). */
  scenario: string;
  /** What the file holds. */
  kind: 'request' | 'response' | 'sse' | 'chunks' | 'json-array';
  /** Absolute path. */
  path: string;
  /** The raw bytes. */
  bytes: Buffer;
}

/** Classifies a fixture file name by the `<scenario>.<kind>.<ext>` convention of `shared/fixtures`. */
export function classifyFixture(name: string): Pick<Fixture, 'scenario' | 'kind'> | undefined {
  if (name.endsWith('.request.json')) return { scenario: name.slice(0, -'.request.json'.length), kind: 'request' };
  if (name.endsWith('.chunks.jsonl')) return { scenario: name.slice(0, -'.chunks.jsonl'.length), kind: 'chunks' };
  if (name.endsWith('.sse')) return { scenario: name.slice(0, -'.sse'.length), kind: 'sse' };
  if (name.endsWith('-no-sse.json')) return { scenario: name.slice(0, -'.json'.length), kind: 'json-array' };
  if (name.endsWith('.json')) return { scenario: name.slice(0, -'.json'.length), kind: 'response' };
  return undefined;
}

/** Loads every fixture of a folder (e.g. `packages/claude/fixtures`), sorted by name. */
export function loadFixtures(dir: string): Fixture[] {
  const out: Fixture[] = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = classifyFixture(name);
    if (!kind) continue;
    const path = join(dir, name);
    out.push({ name, ...kind, path, bytes: readFileSync(path) });
  }
  return out;
}

/** Parses a `*.chunks.jsonl` fixture: one JSON payload per non-empty line. */
export function readJsonLines(bytes: Uint8Array): unknown[] {
  return Buffer.from(bytes)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
