/**
 * The no-history law of the planner's cache (cache.test.ts on a subset of the catalogue, fast tier;
 * cache.slow.test.ts on the whole catalogue, slow tier).
 */
import { expect } from 'vitest';
import { defaultLink, planDetailed, PlannerCache, type LinkContext, type PlanOptions } from '../../src/classes/index.js';
import type { PlannableService } from '../../src/classes/definition.js';

const fading: LinkContext = { ...defaultLink, snrDb: 12, harqFading: 'same' };
const awgn: LinkContext = { ...defaultLink, fading: { kind: 'awgn' }, snrDb: 8 };

function planAll(svcs: readonly PlannableService[], links: readonly LinkContext[], opts: (i: number) => PlanOptions | undefined, between?: (i: number) => void): string {
  const out: unknown[] = [];
  let i = 0;
  for (const link of links) {
    for (const s of svcs) {
      between?.(i);
      out.push(planDetailed(s, link, { relaxations: false, ...opts(i) }));
      i++;
    }
  }
  return JSON.stringify(out);
}

/**
 * `svcs` planned on three links (default, same-fading 12 dB, AWGN 8 dB): clearing a shared cache
 * between plans, a tiny cache that evicts in the middle of every search (its evictions counted,
 * every table within its limit) and a fresh cache per plan give the bytes of the default cache.
 */
export function checkNoHistoryDependence(svcs: readonly PlannableService[]): void {
  const links = [defaultLink, fading, awgn];
  const reference = planAll(svcs, links, () => undefined);
  const shared = new PlannerCache();
  const cleared = planAll(svcs, links, () => ({ cache: shared }), (i) => i % 2 === 1 && shared.clear());
  expect(cleared).toBe(reference);
  // limits so small that every table is emptied in the middle of a search, many times
  const tiny = new PlannerCache({ errVectors: 256, links: 2, proofs: 16, screens: 8, serviceRows: 4, groupOrders: 1, tbsTables: 4, latencyMemos: 1, halfSnr: 4, tails: 2, eigen: 2, probes: 2, profiles: 1 });
  expect(planAll(svcs, links, () => ({ cache: tiny }))).toBe(reference);
  const st = tiny.stats();
  expect(st.errVectors.evictions).toBeGreaterThan(0);
  expect(st.serviceRows.evictions).toBeGreaterThan(0);
  expect(st.screens.evictions + st.serviceRows.evictions).toBeGreaterThan(0);
  for (const t of Object.values(st)) expect(t.size).toBeLessThanOrEqual(t.limit);
  expect(planAll(svcs, links, () => ({ cache: new PlannerCache() }))).toBe(reference);
}
