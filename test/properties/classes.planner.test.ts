/**
 * Laws of the PHY-class planner (issue 5 §8) on random small AWGN search spaces, where the
 * exhaustive reference is cheap. Each property runs ≥ 200 cases in the slow tier (`npm run test:slow`,
 * PHYCLASS_FC_FULL=1) and 25 in `npm test`.
 */
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import {
  allocationFor,
  compileClassifier,
  deriveClasses,
  exhaustiveSearch,
  makeCtx,
  plan,
  planGroup,
  searchBest,
  toPhyClass,
  verify,
  verifyWith,
  type LinkContext,
  type PlannableService,
  type PlanOptions,
} from '../../src/classes/index.js';
import { arbCase, arbService, smallLink } from '../classes/support.js';
import { fcRuns } from '../support/fc-runs.js';

const RUNS = { numRuns: fcRuns(200, 8) };
/** The Rayleigh exhaustive-search law (fading error vectors for every candidate): 200 in the slow tier, 25 in `npm test`. */
const FADING_ORACLE_RUNS = { numRuns: fcRuns(200, 8) };

/** The branch and bound finds what the exhaustive search finds (same class, same cost); returns the search result. */
function expectExhaustive(services: readonly PlannableService[], link: LinkContext, opts: PlanOptions): ReturnType<typeof searchBest> {
  const ctx = makeCtx(services, link, opts);
  const fast = searchBest(ctx);
  const brute = exhaustiveSearch(makeCtx(services, link, opts));
  expect(fast === null).toBe(brute === null);
  if (fast !== null && brute !== null) {
    expect(toPhyClass(ctx, fast.candidate).id).toBe(toPhyClass(ctx, brute.candidate).id);
    expect(fast.outcome.cost).toBe(brute.outcome.cost);
  }
  return fast;
}

describe('plan laws', () => {
  test.prop([arbCase], RUNS)('verify(plan(x)) passes', ({ service, link, opts }) => {
    const r = plan(service, link, opts);
    if (E.isLeft(r)) return;
    const v = verify(r.right, service, link);
    expect(v.reasons.filter((x) => !x.startsWith('note')), r.right.id).toEqual([]);
    expect(v.pass).toBe(true);
    expect(v.epsilonAchieved).toBeLessThanOrEqual(service.epsilon * (1 + 1e-9));
    expect(v.latencyMarginMs).toBeGreaterThanOrEqual(-1e-9);
  });

  // Under fading the planner plans on a certified upper bound of the HARQ error and verify uses the
  // exact model (the verdict must hold against the exact model, not the bound).
  test.prop([arbCase, fc.constantFrom<'same' | 'independent'>('same', 'independent')], RUNS)(
    'verify(plan(x)) passes on Rayleigh fading links',
    ({ service, link, opts }, harqFading) => {
      const fl = { ...link, fading: { kind: 'rayleigh' as const, diversity: 2 }, harqFading, snrDb: link.snrDb + 10 };
      const o = { ...opts, mcsTables: ['qam64' as const], mcsRange: [0, 6] as const };
      const r = plan(service, fl, o);
      if (E.isLeft(r)) return;
      const v = verifyWith(r.right, service, fl, { snrMargin: false });
      expect(v.reasons, r.right.id).toEqual([]);
      expect(v.pass).toBe(true);
    },
  );

  test.prop([arbCase], RUNS)('plan equals exhaustive search', ({ service, link, opts }) => {
    expectExhaustive([service], link, opts);
  });

  // groups (derive's planGroup): the group is reliable at n iff every member is, change points are the
  // union of the members', and a member proven unreliable on a range rules the group out
  test.prop([arbCase, fc.array(arbService, { minLength: 1, maxLength: 2 })], RUNS)(
    'planGroup equals exhaustive search for groups of two or three services',
    ({ service, link, opts }, others) => {
      const group = [service, ...others.map((o, i) => ({ ...o, id: `o${i}`, direction: service.direction }))];
      const fast = expectExhaustive(group, link, opts);
      // again, now with the members' screens and proven-unreliable ranges cached process-wide
      expect(searchBest(makeCtx(group, link, opts))).toEqual(fast);
      expectExhaustive([service], link, opts);
    },
  );

  // the tables share many (Qm, R) rows; the search skips a row equal to an earlier one
  test.prop([arbCase], RUNS)('plan equals exhaustive search over several MCS tables', ({ service, link, opts }) => {
    const o = { ...opts, mcsTables: ['qam64' as const, 'qam256' as const, 'qam64LowSE' as const] };
    expectExhaustive([service], link, o);
  });

  test.prop([arbCase, fc.constantFrom<'same' | 'independent'>('same', 'independent')], FADING_ORACLE_RUNS)(
    'plan equals exhaustive search on Rayleigh fading links',
    ({ service, link, opts }, harqFading) => {
      const fl = { ...link, fading: { kind: 'rayleigh' as const, diversity: 2 }, harqFading, snrDb: link.snrDb + 10 };
      const o = { ...opts, mcsTables: ['qam64' as const, 'qam256' as const], mcsRange: [0, 8] as const };
      expectExhaustive([service], fl, o);
    },
  );

  test.prop([arbCase, fc.integer({ min: 1, max: 20 })], RUNS)(
    'a larger payload never costs less',
    ({ service, link, opts }, grow) => {
      const maxB = service.payload.sizesBytes[service.payload.sizesBytes.length - 1]!;
      const bigger = { ...service, payload: { sizesBytes: [...service.payload.sizesBytes, maxB + grow * 50] } };
      const a = planGroup([service], link, opts);
      const b = planGroup([bigger], link, opts);
      if (b !== null) {
        expect(a).not.toBeNull();
        expect(b.rePerSecond).toBeGreaterThanOrEqual(a!.rePerSecond);
      }
    },
  );

  test.prop([arbCase, fc.constantFrom(0.5, 0.8), fc.constantFrom(1, 0.1)], RUNS)(
    'a tighter deadline or a smaller epsilon never costs less',
    ({ service, link, opts }, dScale, eScale) => {
      const tighter = { ...service, latencyBudgetMs: service.latencyBudgetMs * dScale, epsilon: service.epsilon * eScale };
      const a = planGroup([service], link, opts);
      const b = planGroup([tighter], link, opts);
      if (b !== null) {
        expect(a).not.toBeNull();
        expect(b.rePerSecond).toBeGreaterThanOrEqual(a!.rePerSecond);
      }
    },
  );

  test.prop([arbCase, fc.integer({ min: 1, max: 10 })], RUNS)('a higher SNR never costs more', ({ service, link, opts }, dSnr) => {
    const a = planGroup([service], link, opts);
    const b = planGroup([service], { ...link, snrDb: link.snrDb + dSnr }, opts);
    if (a !== null) {
      expect(b).not.toBeNull();
      expect(b!.rePerSecond).toBeLessThanOrEqual(a.rePerSecond);
    }
  });

  test.prop([arbCase], RUNS)('a feasible service stays feasible with more bandwidth', ({ service, link, opts }) => {
    const a = plan(service, link, opts);
    if (E.isLeft(a)) return;
    const b = plan(service, smallLink(link.snrDb, 10), opts);
    expect(E.isRight(b)).toBe(true);
  });

  test.prop([arbCase], RUNS)('the classifier agrees with plan and verify for every profile size', ({ service, link, opts }) => {
    const r = plan(service, link, opts);
    if (E.isLeft(r)) return;
    const c = r.right;
    const classify = compileClassifier({
      classes: [c],
      assignments: [{ serviceId: service.id, classId: c.id, ownRePerSecond: 0, sharedRePerSecond: 0, sharingPenaltyRePerSecond: 0, sharesWith: [service.id] }],
      unserved: [],
      totalRePerSecond: 0,
      loadByDirection: { DL: 0, UL: 0 },
      exact: true,
      method: 'test',
      maxBytesByService: { [service.id]: Math.max(...service.payload.sizesBytes) },
    });
    const v = verify(c, service, link);
    for (const [i, b] of service.payload.sizesBytes.entries()) {
      const a = classify(service.id, b);
      const al = allocationFor(c, b);
      expect(a.status).toBe('ok');
      expect([a.nPrb, a.nTti, a.tbsBits, a.mcs, a.classId]).toEqual([al.nPrb, al.nTti, al.tbsBits, c.mcs, c.id]);
      const pv = v.perSize[i]!;
      expect([pv.nPrb, pv.nTti, pv.tbsBits]).toEqual([a.nPrb, a.nTti, a.tbsBits]);
      expect(a.nTti * a.tbsBits).toBeGreaterThanOrEqual(b * 8);
    }
    expect(classify('nope', 1).status).toBe('unknown-service');
    expect(classify(service.id, Math.max(...service.payload.sizesBytes) + 1).status).toBe('beyond-profile');
  });

  test.prop([arbCase], RUNS)('planning is deterministic', ({ service, link, opts }) => {
    expect(plan(service, link, opts)).toEqual(plan(service, link, opts));
  });
});

describe('derive', () => {
  test.prop([fc.array(arbCase, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 3 })], RUNS)(
    'deriveClasses is exact on small inputs (brute force over set partitions)',
    (cases, K) => {
      const link = cases[0]!.link;
      const opts = cases[0]!.opts;
      const svcs = cases.map((c, i) => ({ ...c.service, id: `s${i}` }));
      const d = deriveClasses(svcs, link, { maxClasses: K, planOptions: opts });
      expect(d.exact).toBe(true);
      const served = svcs.filter((s) => E.isRight(plan(s, link, opts)));
      // brute force: every set partition of the served services with ≤ K same-direction groups
      let best = Number.POSITIVE_INFINITY;
      const assign = (i: number, groups: (typeof served)[]): void => {
        if (i === served.length) {
          if (groups.length > K) return;
          let tot = 0;
          for (const g of groups) {
            const p = planGroup(g, link, opts);
            if (p === null) return;
            tot += p.rePerSecond;
          }
          best = Math.min(best, tot);
          return;
        }
        const s = served[i]!;
        for (const g of groups) {
          if (g[0]!.direction !== s.direction) continue;
          g.push(s);
          assign(i + 1, groups);
          g.pop();
        }
        groups.push([s]);
        assign(i + 1, groups);
        groups.pop();
      };
      assign(0, []);
      if (Number.isFinite(best) && d.unserved.length === svcs.length - served.length) {
        expect(d.totalRePerSecond).toBeCloseTo(best, -Math.floor(Math.log10(Math.max(best, 1))) + 6);
        expect(d.assignments.length).toBe(served.length);
        expect(new Set(d.assignments.map((a) => a.classId)).size).toBeLessThanOrEqual(K);
      }
      for (const a of d.assignments) expect(a.sharedRePerSecond + 1e-6 * a.sharedRePerSecond).toBeGreaterThanOrEqual(a.ownRePerSecond);
    },
  );
});
