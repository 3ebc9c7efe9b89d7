import { defineConfig } from 'vitest/config';

// The stand-ins' own tests: each starts its endpoint on a free port and drives it with the AWS SDK
// and, where it is installed, the AWS CLI v2.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
