/**
 * classes/cache (issue 12 item 3): the planner's caches are explicit, bounded, clearable objects
 * and no answer depends on what they hold.
 * - The catalogue planned in fresh processes, forward and in reverse order, gives the same bytes
 *   (cache.slow.test.ts: slow tier, `npm run test:slow`, run by CI — two spawned processes).
 * - Clearing the cache between plans, a tiny cache that evicts in the middle of every search, and
 *   a fresh cache per plan all give the answers of the default cache (cache-support.ts; here on
 *   5 of the 15 catalogue services — served and refused, UL and DL, the quicker ones to plan —; on
 *   the whole catalogue in cache.slow.test.ts, slow tier). deriveClasses with a small evicting cache
 *   gives the default answer (every third catalogue service in `npm test`, the catalogue in the slow tier).
 * - Statistics count hits and misses; sizes stay within the limits.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import {
  defaultLink,
  deriveClasses,
  planDetailed,
  PlannerCache,
  type LinkContext,
  type PlanOptions,
} from '../../src/classes/index.js';
import { jakesEigenvalues } from '../../src/link/correlation.js';
import { services } from '../../src/services/index.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';
import { checkNoHistoryDependence } from './cache-support.js';

describe('no history dependence', () => {
  it('clearing the cache between plans, a tiny evicting cache and a fresh cache per plan change no answer (5 catalogue services; the catalogue in cache.slow.test.ts)', { timeout: 300_000 }, () => {
    // on the default link: UL served (xr.pose_ul), DL served (uav.c2_stick), UL refused (v2x.platooning_control,
    // v2x.8k_perception_features), DL refused (xr.split_rendering_dl)
    const ids = ['v2x.platooning_control', 'xr.pose_ul', 'uav.c2_stick', 'xr.split_rendering_dl', 'v2x.8k_perception_features'];
    const subset = services.filter((s) => ids.includes(s.id));
    expect(subset).toHaveLength(ids.length);
    checkNoHistoryDependence(subset);
  });

  it('deriveClasses with its own small cache (evicting as it goes) gives the default answer (every third catalogue service; the catalogue in the slow tier)', { timeout: 300_000 }, () => {
    const svcs = FC_FULL ? services : services.filter((_, i) => i % 3 === 0);
    const reference = JSON.stringify(deriveClasses(svcs, defaultLink, { maxClasses: 2 }));
    const cache = new PlannerCache({ serviceRows: 64, screens: 256, errVectors: 2000 });
    expect(JSON.stringify(deriveClasses(svcs, defaultLink, { maxClasses: 2, planOptions: { cache } }))).toBe(reference);
    // the small cache did evict during the derive (on the subset as on the catalogue)
    expect(cache.stats().serviceRows.evictions).toBeGreaterThan(0);
  });
});

describe('PlannerCache', () => {
  it('counts hits and misses, and clear() empties every table', () => {
    const cache = new PlannerCache();
    const s = services[0]!;
    planDetailed(s, defaultLink, { cache, relaxations: false });
    const first = cache.stats();
    expect(first.errVectors.misses).toBeGreaterThan(0);
    expect(first.errVectors.size).toBe(first.errVectors.misses);
    expect(first.serviceRows.size).toBeGreaterThan(0);
    planDetailed(s, defaultLink, { cache, relaxations: false });
    const second = cache.stats();
    expect(second.errVectors.misses).toBe(first.errVectors.misses);
    expect(second.serviceRows.hits).toBeGreaterThan(first.serviceRows.hits);
    cache.clear();
    for (const t of Object.values(cache.stats())) expect(t.size).toBe(0);
    expect(cache.links.size).toBe(0);
    // a fresh plan after clear() recomputes
    planDetailed(s, defaultLink, { cache, relaxations: false });
    expect(cache.stats().errVectors.misses).toBe(2 * first.errVectors.misses);
  });

  it('relaxation probes are memoised (issue 18): a repeated infeasible plan answers the same from the table', () => {
    const s = services.find((x) => x.id === 'v2x.remote_driving_uplink_features')!;
    const awgn8 = { ...defaultLink, fading: { kind: 'awgn' as const }, snrDb: 8 };
    const cache = new PlannerCache();
    const first = JSON.stringify(planDetailed(s, awgn8, { cache }));
    const st = cache.stats().probes;
    expect(st.misses).toBeGreaterThan(0);
    expect(st.size).toBeGreaterThan(0);
    expect(first).toContain('"relaxations":[{');
    const second = JSON.stringify(planDetailed(s, awgn8, { cache }));
    expect(second).toBe(first);
    expect(cache.stats().probes.hits).toBeGreaterThan(0);
    expect(cache.stats().probes.misses).toBe(st.misses);
    // a cache holding one probe answer at a time (emptied at every store) answers the same
    const tiny = new PlannerCache({ probes: 1 });
    expect(JSON.stringify(planDetailed(s, awgn8, { cache: tiny }))).toBe(first);
    expect(JSON.stringify(planDetailed(s, awgn8, { cache: tiny }))).toBe(first);
    expect(tiny.stats().probes.size).toBeLessThanOrEqual(1);
  });

  it('screens go with the service rows they are keyed by', () => {
    const cache = new PlannerCache();
    planDetailed(services[1]!, defaultLink, { cache, relaxations: false });
    const screens = [...cache.links.values()].reduce((a, t) => a + t.screens.size, 0);
    expect(screens).toBeGreaterThan(0);
    cache.clearServiceRows();
    expect([...cache.links.values()].reduce((a, t) => a + t.screens.size, 0)).toBe(0);
    expect(cache.stats().screens.size).toBe(0);
  });
});

describe('PlannerCache.eigenvalues (a memo of jakesEigenvalues keyed by the inputs\' bits)', () => {
  const input = fc.record({
    dopplerHz: fc.oneof(fc.constantFrom(0, -0, 5.5, 100, 1e3), fc.double({ min: 0, max: 2000, noNaN: true })),
    timesMs: fc.array(fc.oneof(fc.constantFrom(0, 0.5, 1, 2.25), fc.double({ min: 0, max: 40, noNaN: true })), { minLength: 1, maxLength: 4 }),
  });
  test.prop([fc.array(input, { minLength: 1, maxLength: 12 })], { numRuns: fcRuns(100) })('answers exactly what jakesEigenvalues does, repeats and near-equal inputs included', (xs) => {
    const cache = new PlannerCache({ eigen: 4 });
    // each input, a repeat, and the same times with the last one a single bit above, and 0.01 ms above
    const asks = xs.flatMap((x) => {
      const t = [...x.timesMs];
      const last = t[t.length - 1]!;
      const up = new Float64Array([last]);
      new BigUint64Array(up.buffer)[0]! += 1n;
      return [x, x, { dopplerHz: x.dopplerHz, timesMs: [...t.slice(0, -1), up[0]!] }, { dopplerHz: x.dopplerHz, timesMs: [...t.slice(0, -1), last + 0.01] }, x];
    });
    for (const a of asks) {
      const got = cache.eigenvalues(a.dopplerHz, a.timesMs);
      const want = jakesEigenvalues(a.dopplerHz, a.timesMs);
      expect(got.length).toBe(want.length);
      got.forEach((v, i) => expect(Object.is(v, want[i]), `${a.dopplerHz} ${a.timesMs.join(',')} [${i}]`).toBe(true));
    }
    expect(cache.counters.eigen.hits).toBeGreaterThan(0);
  });
});
