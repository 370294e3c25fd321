import { z } from 'zod';

/** Formats a provider can speak: the four chat formats, the two media-task formats, or `simulator` (the built-in upstream, any format). */
export const PROVIDER_FORMATS = [
  'openai-chat',
  'openai-responses',
  'claude',
  'gemini',
  'midjourney',
  'sora',
  'simulator',
] as const;

/** The id of the built-in simulator provider, usable in routes without declaring it. */
export const SIMULATOR_ID = 'simulator';

const secret = z
  .string()
  .min(1, { error: 'expected a non-empty string: the value itself or env:NAME' })
  .describe('a value or env:NAME');

const positiveMs = z.int({ error: 'expected an integer number of milliseconds' }).positive();

const timeoutsSchema = z.strictObject({
  connectMs: positiveMs.default(10_000),
  firstByteMs: positiveMs.default(600_000),
  idleMs: positiveMs.default(300_000),
});

/** Statuses after which a provider is retried (or the next fallback tried): nothing has reached the client yet. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504, 529];

const retrySchema = z.strictObject({
  attempts: z.int().min(0).max(10).default(2),
  backoffMs: positiveMs.default(250),
  maxBackoffMs: positiveMs.default(8_000),
  onStatus: z.array(z.int().min(400).max(599)).default(RETRYABLE_STATUSES),
});

const providerSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'expected an id of letters, digits, ".", "_" or "-"' }),
  format: z.enum(PROVIDER_FORMATS, { error: `expected one of ${PROVIDER_FORMATS.join(', ')}` }),
  baseURL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.anthropic.com' })
    .optional(),
  apiKey: secret.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: timeoutsSchema.optional(),
  retry: retrySchema.optional(),
  connections: z.int().positive().max(1024).default(64),
  models: z.array(z.string().min(1)).optional(),
});

const fallbackSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1).optional(),
});

const routeSchema = z.strictObject({
  match: z.string().min(1, { error: 'expected a glob on the model name, e.g. "claude-*" or "*"' }),
  provider: z.string().min(1),
  model: z.string().min(1).optional(),
  fallbacks: z.array(fallbackSchema).optional(),
});

/** The JSON configuration file, as validated at start-up (before `env:` references are resolved). */
export const configSchema = z
  .strictObject({
    server: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.int().min(0).max(65_535).default(8787),
        bodyLimitBytes: z
          .int()
          .positive()
          .default(32 * 1024 * 1024),
        heartbeatMs: z.int().min(0).default(15_000),
      })
      .prefault({}),
    keys: z.array(secret).default([]),
    providers: z.array(providerSchema).default([]),
    routes: z.array(routeSchema).default([{ match: '*', provider: SIMULATOR_ID }]),
    simulator: z
      .strictObject({
        pacing: z.boolean().default(true),
        chunkChars: z.int().positive().default(12),
        chunkDelayMs: z.int().min(0).default(25),
      })
      .prefault({}),
    dataDir: z.string().min(1).default('.data'),
    media: z
      .strictObject({
        pollMs: z.int().positive().default(2_000),
        maxPollMs: z.int().positive().default(30_000),
        hookAttempts: z.int().min(1).max(20).default(5),
        hookBackoffMs: z.int().positive().default(1_000),
        chatTimeoutMs: z.int().positive().default(900_000),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>([SIMULATOR_ID]);
    config.providers.forEach((provider, index) => {
      if (ids.has(provider.id)) {
        const why = provider.id === SIMULATOR_ID ? 'is reserved for the built-in simulator' : 'is already used';
        ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `"${provider.id}" ${why}` });
      }
      ids.add(provider.id);
      if (provider.format !== 'simulator' && provider.baseURL === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', index, 'baseURL'],
          message: `expected the provider's origin (required for format ${provider.format})`,
        });
      }
    });
    const known = (provider: string, path: (string | number)[]) => {
      if (ids.has(provider)) return;
      ctx.addIssue({
        code: 'custom',
        path,
        message: `expected a provider id (${[...ids].join(', ')}), received "${provider}"`,
      });
    };
    config.routes.forEach((route, index) => {
      known(route.provider, ['routes', index, 'provider']);
      route.fallbacks?.forEach((fallback, at) => {
        known(fallback.provider, ['routes', index, 'fallbacks', at, 'provider']);
      });
    });
  });

/** The configuration as written in the file, after defaults. */
export type ConfigFile = z.output<typeof configSchema>;

/** One provider entry of the configuration. */
export type ProviderConfig = ConfigFile['providers'][number];

/** One route entry of the configuration. */
export type RouteConfig = ConfigFile['routes'][number];

/** The configuration contract as a JSON Schema (draft 2020-12), for editors and validators: `--config-schema`. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
