import { defineConfig } from 'vitest/config';

// One config for unit, infra and integration tests. Integration suites start the local runtime
// themselves (test/support/runtime.ts), so they run in a single fork to share one instance per file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // The long reliability suite has its own config and script (vitest.reliability.config.ts).
    exclude: ['test/reliability/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
