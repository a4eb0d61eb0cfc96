import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deriveClasses, exactPartitions, greedyPartitions, plan, planGroup, verify } from '../../src/classes/index.js';
import { smallLink } from './support.js';

const link = smallLink(12, 10);
const opts = { mu: [1], ttiSymbols: [14, 4], mcsTables: ['qam64' as const], mcsRange: [2, 9] as const, maxTransmissions: [1, 2], repetitions: [1 as const], relaxations: false };
const svc = (id: string, direction: 'UL' | 'DL', sizes: number[], latencyBudgetMs: number, epsilon: number, periodMs = 10) => ({
  id, direction, payload: { sizesBytes: sizes }, periodMs, latencyBudgetMs, epsilon, fiveQi: null,
});
const services = [
  svc('a', 'UL', [40, 100], 2, 1e-4, 2),
  svc('b', 'UL', [500, 1500], 10, 1e-3),
  svc('c', 'UL', [2000], 20, 1e-2, 20),
  svc('d', 'DL', [100], 3, 1e-4, 5),
  svc('e', 'DL', [3000], 20, 1e-3),
];

describe('deriveClasses', () => {
  it('costs exactly the sum of the own classes when K ≥ number of services (sharing only at zero price)', () => {
    const d = deriveClasses(services, link, { maxClasses: 5, planOptions: opts });
    expect(d.unserved).toEqual([]);
    let own = 0;
    for (const a of d.assignments) {
      const p = plan(services.find((s) => s.id === a.serviceId)!, link, opts);
      expect(E.isRight(p)).toBe(true);
      own += a.ownRePerSecond;
      expect(a.sharingPenaltyRePerSecond).toBeLessThanOrEqual(1e-9 * a.ownRePerSecond);
    }
    expect(d.totalRePerSecond).toBeCloseTo(own, 3);
  });
  it('shares templates when K is small and reports the price of sharing', () => {
    const d = deriveClasses(services, link, { maxClasses: 2, planOptions: opts });
    expect(d.exact).toBe(true);
    expect(d.classes.length).toBeLessThanOrEqual(2);
    expect(d.assignments.length + d.unserved.length).toBe(services.length);
    for (const a of d.assignments) {
      const s = services.find((x) => x.id === a.serviceId)!;
      const c = d.classes.find((x) => x.id === a.classId)!;
      expect(verify(c, s, link).pass).toBe(true);
      expect(a.sharedRePerSecond).toBeGreaterThanOrEqual(a.ownRePerSecond * (1 - 1e-9));
      expect(a.sharesWith).toContain(a.serviceId);
    }
    // with one UL and one DL template every UL service shares one class
    const ul = d.assignments.filter((a) => services.find((s) => s.id === a.serviceId)!.direction === 'UL');
    expect(new Set(ul.map((a) => a.classId)).size).toBe(1);
    const total = planGroup(services.filter((s) => s.direction === 'UL'), link, opts)!.rePerSecond + planGroup(services.filter((s) => s.direction === 'DL'), link, opts)!.rePerSecond;
    expect(Math.abs(d.totalRePerSecond / total - 1)).toBeLessThan(1e-12);
  });
  it('the greedy heuristic is never better than the exact partition (random cost tables)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + (trial % 5);
      const base = Array.from({ length: n }, () => 1 + rnd() * 10);
      const table = new Map<number, number>();
      const cost = (m: number) => {
        if (!table.has(m)) {
          let mx = 0;
          let sum = 0;
          for (let i = 0; i < n; i++) if ((m >> i) & 1) { mx = Math.max(mx, base[i]!); sum += 1; }
          table.set(m, rnd() < 0.1 && sum > 1 ? Number.POSITIVE_INFINITY : mx * sum * (1 + rnd() * 0.2));
        }
        return table.get(m)!;
      };
      const K = 1 + (trial % n);
      const ex = exactPartitions(n, K, cost);
      const gr = greedyPartitions(n, K, cost);
      for (let j = 0; j < ex.length; j++) expect(gr[j]!.cost).toBeGreaterThanOrEqual(ex[j]!.cost * (1 - 1e-12));
      void verify;
      // brute check of the exact DP against enumeration of partitions
      const parts: number[][] = [];
      const rec = (i: number, groups: number[]) => {
        if (i === n) { parts.push([...groups]); return; }
        for (let g = 0; g < groups.length; g++) { groups[g]! |= 1 << i; rec(i + 1, groups); groups[g]! ^= 1 << i; }
        groups.push(1 << i); rec(i + 1, groups); groups.pop();
      };
      rec(0, []);
      const best = Math.min(...parts.filter((p) => p.length <= K).map((p) => p.reduce((a, g) => a + cost(g), 0)));
      const got = ex[Math.min(K, n) - 1]!.cost;
      if (Number.isFinite(best)) expect(Math.abs(got - best)).toBeLessThanOrEqual(1e-12 * best);
      else expect(got).toBe(Number.POSITIVE_INFINITY);
    }
  });
  it('uses the heuristic beyond exactUpTo and says so', () => {
    const d = deriveClasses(services, link, { maxClasses: 2, planOptions: opts, exactUpTo: 1 });
    expect(d.exact).toBe(false);
    expect(d.method).toMatch(/heuristic/);
    const ex = deriveClasses(services, link, { maxClasses: 2, planOptions: opts });
    expect(d.totalRePerSecond).toBeGreaterThanOrEqual(ex.totalRePerSecond * (1 - 1e-9));
  });
});
