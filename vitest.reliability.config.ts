import { defineConfig } from 'vitest/config';

// The long reliability and security suite (`npm run test:reliability`): fuzzing, concurrency,
// faults, the authorization matrix and the leak scan. Each file starts its own local runtime and
// loads it heavily, so the files run one after another.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
