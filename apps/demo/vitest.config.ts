import { packageTestConfig } from '../../vitest.shared.ts';

export default packageTestConfig({
  include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'testing/**/*.test.ts'],
  testTimeout: 30_000,
});
