import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { type ConfigFile, configSchema, type ProviderConfig } from './schema.ts';

/** A configuration that failed to load: the message names the file, the JSON path and what was expected. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A provider with its `env:` references resolved and its timeouts filled in. */
export interface ResolvedProvider extends Omit<ProviderConfig, 'timeouts' | 'headers' | 'retry'> {
  /** Extra headers sent on every upstream request. */
  headers: Record<string, string>;
  /** Connect, first-byte and idle timeouts in milliseconds. */
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  /** Retries of this provider before the next fallback (none unless configured). */
  retry: RetryPolicy;
}

/** How a provider is retried when it fails before answering. */
export interface RetryPolicy {
  /** Extra attempts on the same provider. */
  attempts: number;
  /** First backoff; doubled each attempt, with jitter. */
  backoffMs: number;
  /** The longest wait, backoff or `retry-after` alike: a longer `retry-after` moves on instead of waiting. */
  maxBackoffMs: number;
  /** Statuses that are retried (connection errors and timeouts always are). */
  onStatus: number[];
}

export const NO_RETRY: RetryPolicy = { attempts: 0, backoffMs: 250, maxBackoffMs: 8_000, onStatus: [] };

/** The validated configuration the gateway runs with: no `env:` references left. */
export interface GatewayConfig extends Omit<ConfigFile, 'providers'> {
  /** The declared providers (the built-in `simulator` is implicit). */
  providers: ResolvedProvider[];
}

const DEFAULT_TIMEOUTS = { connectMs: 10_000, firstByteMs: 600_000, idleMs: 300_000 };

/** Validates a parsed configuration and resolves its `env:NAME` references against `env`. */
export function parseConfig(input: unknown, source: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(describeIssues(source, result.error.issues));
  const config = result.data;
  const problems: string[] = [];
  const secret = (value: string, path: (string | number)[]): string => {
    if (!value.startsWith('env:')) return value;
    const name = value.slice(4);
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      problems.push(`${source}: at ${formatPath(path)}: environment variable ${name} is not set`);
      return '';
    }
    return resolved;
  };
  const keys = config.keys.map((key, index) => secret(key, ['keys', index]));
  const providers = config.providers.map((provider, index): ResolvedProvider => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(provider.headers ?? {})) {
      headers[name.toLowerCase()] = secret(value, ['providers', index, 'headers', name]);
    }
    const resolved: ResolvedProvider = {
      ...provider,
      headers,
      timeouts: { ...DEFAULT_TIMEOUTS, ...provider.timeouts },
      retry: provider.retry ?? NO_RETRY,
    };
    if (provider.apiKey !== undefined) resolved.apiKey = secret(provider.apiKey, ['providers', index, 'apiKey']);
    return resolved;
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  const pacing = env.INTERLINGUA_SIMULATOR_PACING;
  const simulator = { ...config.simulator };
  if (pacing !== undefined) simulator.pacing = !/^(0|off|false|no)$/i.test(pacing);
  return { ...config, keys, providers, simulator };
}

/** Where the configuration comes from: `--config FILE`, else `INTERLINGUA_CONFIG`, else none (simulator only). */
export function configPath(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--config') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ConfigError('--config: expected a file path');
      return next;
    }
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return env.INTERLINGUA_CONFIG || undefined;
}

/**
 * Reads and validates the configuration file. Relative paths are tried against the working
 * directory, then against `INIT_CWD` (npm and pnpm run scripts in the package folder, while the user
 * typed the path relative to where they ran `npm run demo`).
 */
export async function loadConfig(
  path: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayConfig> {
  if (path === undefined) return parseConfig({}, '(built-in default)', env);
  const candidates = isAbsolute(path)
    ? [path]
    : [resolve(path), ...(env.INIT_CWD ? [resolve(env.INIT_CWD, path)] : [])];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (file === undefined)
    throw new ConfigError(`${path}: configuration file not found (tried ${candidates.join(', ')})`);
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  return parseConfig(json, file, env);
}

function describeIssues(source: string, issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${source}: at ${formatPath(issue.path)}: ${describeIssue(issue)}`).join('\n');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}
