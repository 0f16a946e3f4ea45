import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest defaults to one worker per core minus one: a single worker on a
    // 2-core CI machine. Most of our slow tests wait on child processes (servers,
    // tsc, npm, the conformance tool), so three workers overlap that waiting.
    maxWorkers: 3,
    // Every project gets the canary (test/helpers/canary.ts): a secret in every credential
    // variable, every server output searched for it at teardown.
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          exclude: ['test/corpus/**'],
          globalSetup: ['test/canary/global-setup.ts'],
        },
      },
      {
        // The real-world corpus tier: runs when the corpus is there, else one line says how to enable it.
        // A project's globalSetup runs only when the run includes one of its files.
        extends: true,
        test: {
          name: 'corpus',
          include: ['test/corpus/**/*.test.ts'],
          globalSetup: ['test/canary/global-setup.ts', 'test/corpus/corpus-notice.ts'],
          // Whole real specs (Kubernetes: 22 MB of tools at full detail) on shared, loaded machines.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
