/**
 * Property-test size tiers (issue 18, target 6). `npm test` (the fast tier) runs the expensive
 * properties at a quarter of their full size (at least 25 cases, or the full size when smaller);
 * PHYCLASS_FC_FULL=1 — `npm run test:slow`, which CI runs after `npm test` — runs the full size.
 * A test file that imports this module runs in both tiers (vitest.config.ts finds it by its import);
 * FC_FULL may also pick the full-size variant of a sweep.
 */
export const FC_FULL = process.env['PHYCLASS_FC_FULL'] === '1';

/**
 * numRuns for a property whose full size is `full`: in the fast tier `full / fastDivisor` (default a
 * quarter), at least `fastMin` cases (default 25; or the full size when smaller). A smaller `fastMin`
 * is for the few laws whose every case runs an exhaustive reference search (seconds per 25 cases).
 */
export function fcRuns(full: number, fastDivisor = 4, fastMin = 25): number {
  return FC_FULL ? full : Math.max(Math.min(full, fastMin), Math.ceil(full / fastDivisor));
}
