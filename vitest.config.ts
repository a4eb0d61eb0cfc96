import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test-suite speed (issue 18, target 6):
 * - `isolate: false`: the test files of a worker share one module graph (importing it again for
 *   every file was ~45 % of the suite). Tests must not depend on module state left by another file
 *   (none mocks modules or stubs globals; caches in src/ are bounded and give the same answers).
 * - one worker per core (vitest's default leaves one core idle: 1 worker on 2 cores); the main
 *   process only collects results now that the CLI tests run in-process (test/cli/run-bin.ts).
 * - the expensive property tests run at a fast-tier size (test/support/fc-runs.ts).
 * The slow tier (`npm run test:slow`, also run by CI) runs test/cli, test/properties and
 * test/classes again (the folders whose tests read the switches) with the full property sizes
 * (PHYCLASS_FC_FULL=1) and the real executable spawned for every CLI test (PHYCLASS_TEST_SPAWN=1).
 * Nothing lists test files: new files join both tiers (a test elsewhere that uses fcRuns/FC_FULL
 * should live in one of those folders).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
