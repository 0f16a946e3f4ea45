import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest defaults to one worker per core minus one: a single worker on a
    // 2-core CI machine. Most of our slow tests wait on child processes (servers,
    // tsc, npm, the conformance tool), so three workers overlap that waiting.
    maxWorkers: 3,
  },
});
