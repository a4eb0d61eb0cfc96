import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers (issue 18, target 6); CI (`.ci/run`) runs both, `npm test` then `npm run test:slow`.
 *
 * - Fast tier, `npm test`: every `test/**\/*.test.ts` except `*.slow.test.ts` — unit, conformance,
 *   CLI (in-process through test/cli/run-bin.ts, plus a few spawned smoke tests), examples and the
 *   property tests at their fast-tier size (test/support/fc-runs.ts).
 * - Slow tier, `npm run test:slow` (PHYCLASS_FC_FULL=1): only what needs it —
 *   (a) every test file that imports test/support/fc-runs.ts (found by reading the files, so a new
 *       one joins by itself), at the full property sizes and full-size variants of the sweeps that
 *       read the switch; these files run in both tiers;
 *   (b) every `*.slow.test.ts`, which runs in the slow tier only: tests whose point is a separate
 *       process (the real executable spawned per command — one valid run and one exit-2 run each —,
 *       shards under cluster engines, the catalogue planned in fresh processes, the root-export fuzz
 *       child, the Python client over a spawned server) and the larger variants whose smaller one is
 *       in the fast tier (serve `classes` over the catalogue and the 10,000-request serve mix — 2,000
 *       in the fast tier —, the cache no-history law over the whole catalogue — five of its services
 *       in the fast tier —, the 200,000-line `--batch` stream — 50,000 —, the srsran-default/
 *       oai-default profile checks, four of the seven stack-export cases, the C classifier's
 *       mechanism-link sweep, the walking-speed agreement and the 8K service's application-side
 *       relaxations on the free FDD carrier — the default link in the fast tier —), and the two heaviest examples (figure1-pipeline, infeasible-8k; the
 *       other examples run in the fast tier).
 * Every test runs in at least one tier; the only tests run twice are those of (a).
 *
 * - `isolate: false`: the test files of a worker share one module graph (importing it again for
 *   every file was ~45 % of the suite). Tests must not depend on module state left by another file
 *   (none mocks modules or stubs globals; caches in src/ are bounded and give the same answers).
 * - property tests take `test.prop` from test/support/fc-test.ts, not from @fast-check/vitest: that
 *   package's import walks every chain of vitest 4's test API, ~3 s of CPU per worker (same test
 *   names with their seeds, same `fc.assert`).
 * - one worker per core (vitest's default leaves one core idle: 1 worker on 2 cores); the main
 *   process only collects results.
 */
const SLOW_TIER = process.env['PHYCLASS_FC_FULL'] === '1';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Slow tier: the files that read the full-size switch, and the slow-only files. */
function slowTierFiles(): string[] {
  const root = fileURLToPath(new URL('./test', import.meta.url));
  return testFiles(root)
    .filter((f) => f.endsWith('.slow.test.ts') || /from '(\.\.?\/)+(support\/)?fc-runs\.js'/.test(readFileSync(f, 'utf8')))
    .map((f) => `test${f.slice(root.length)}`);
}

export default defineConfig({
  test: {
    include: SLOW_TIER ? slowTierFiles() : ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**', ...(SLOW_TIER ? [] : ['test/**/*.slow.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
