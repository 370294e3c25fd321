import { packageTestConfig } from '../../vitest.shared.ts';

export default packageTestConfig({ include: ['src/**/*.test.ts'], testTimeout: 60_000 });
