import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.ts';
import { ConfigError, configPath, parseConfig } from './load-config.ts';
import { configJsonSchema } from './schema.ts';

describe('parseConfig', () => {
  it('defaults to the simulator for every model on 127.0.0.1:8787 with no keys', () => {
    const config = parseConfig({}, 'x');
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 8787,
      bodyLimitBytes: 32 * 1024 * 1024,
      heartbeatMs: 15_000,
    });
    expect(config.keys).toEqual([]);
    expect(config.routes).toEqual([{ match: '*', provider: 'simulator' }]);
  });

  it('accepts the documented example and resolves env: references', () => {
    const config = parseConfig(
      {
        server: { host: '127.0.0.1', port: 8787 },
        keys: ['sk-local-1'],
        providers: [
          { id: 'anthropic', format: 'claude', baseURL: 'https://api.anthropic.com', apiKey: 'env:ANTHROPIC_API_KEY' },
          { id: 'local', format: 'openai-chat', baseURL: 'http://127.0.0.1:11434' },
        ],
        routes: [
          { match: 'claude-*', provider: 'anthropic' },
          { match: '*', provider: 'local', model: 'qwen3' },
        ],
      },
      'gateway.json',
      { ANTHROPIC_API_KEY: 'sk-ant-secret' },
    );
    expect(config.providers[0]?.apiKey).toBe('sk-ant-secret');
    expect(config.providers[1]?.timeouts).toEqual({ connectMs: 10_000, firstByteMs: 600_000, idleMs: 300_000 });
  });

  it('names the path and what was expected', () => {
    const bad = {
      server: { port: 'x' },
      providers: [{ id: 'a', format: 'cohere', baseURL: 'ftp://x' }],
      surprise: true,
    };
    expect(() => parseConfig(bad, 'gw.json')).toThrow(ConfigError);
    try {
      parseConfig(bad, 'gw.json');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('gw.json: at server.port: expected number');
      expect(message).toContain('at providers[0].format: expected one of openai-chat');
      expect(message).toContain('at providers[0].baseURL: expected an http(s) URL');
      expect(message).toContain('at (root): unknown field "surprise"');
    }
  });

  it('checks cross references, reserved ids and missing environment variables', () => {
    expect(() => parseConfig({ providers: [{ id: 'simulator', format: 'claude', baseURL: 'http://x' }] }, 'c')).toThrow(
      /providers\[0\]\.id: "simulator" is reserved/,
    );
    expect(() => parseConfig({ routes: [{ match: '*', provider: 'nope' }] }, 'c')).toThrow(
      /routes\[0\]\.provider: expected a provider id \(simulator\), received "nope"/,
    );
    expect(() => parseConfig({ providers: [{ id: 'p', format: 'gemini' }] }, 'c')).toThrow(/providers\[0\]\.baseURL/);
    expect(() =>
      parseConfig({ routes: [{ match: '*', provider: 'simulator', fallbacks: [{ provider: 'ghost' }] }] }, 'c'),
    ).toThrow(/routes\[0\]\.fallbacks\[0\]\.provider: expected a provider id/);
    expect(() => parseConfig({ keys: ['env:NOPE'] }, 'c', {})).toThrow(
      /at keys\[0\]: environment variable NOPE is not set/,
    );
  });

  it('turns simulator pacing off from the environment', () => {
    expect(parseConfig({}, 'c', { INTERLINGUA_SIMULATOR_PACING: 'off' }).simulator.pacing).toBe(false);
  });
});

describe('configPath', () => {
  it('reads --config FILE, --config=FILE (even after a stray --) and INTERLINGUA_CONFIG', () => {
    expect(configPath(['--', '--config', 'a.json'], {})).toBe('a.json');
    expect(configPath(['--config=b.json'], {})).toBe('b.json');
    expect(configPath([], { INTERLINGUA_CONFIG: 'c.json' })).toBe('c.json');
    expect(configPath([], {})).toBeUndefined();
    expect(() => configPath(['--config'], {})).toThrow(ConfigError);
  });
});

describe('compileGlob', () => {
  it('matches whole names with * and ?', () => {
    const claude = compileGlob('claude-*');
    expect(claude('claude-sonnet-4')).toBe(true);
    expect(claude('my-claude-x')).toBe(false);
    expect(compileGlob('gpt-?')('gpt-5')).toBe(true);
    expect(compileGlob('a.b')('axb')).toBe(false);
    expect(compileGlob('*')('')).toBe(true);
  });
});

describe('configJsonSchema', () => {
  it('describes the contract for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual([
      'server',
      'keys',
      'providers',
      'routes',
      'simulator',
      'dataDir',
      'media',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });
});
