import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@interlingua/source'] },
  ssr: { resolve: { conditions: ['@interlingua/source'] } },
  test: { include: ['src/**/*.test.ts', 'testing/**/*.test.ts'] },
});
