import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The vitest configuration every package uses: sources resolve through the
 * `@interlingua/source` export condition (no build before testing), and each run also writes a
 * JSON report that `scripts/test-summary.mjs` adds up into the suite's closing line.
 */
export function packageTestConfig(options: { include?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { conditions: ['@interlingua/source'] },
    ssr: { resolve: { conditions: ['@interlingua/source'] } },
    test: {
      include: options.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts', 'testing/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 20_000,
      reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
      setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    },
  });
}
