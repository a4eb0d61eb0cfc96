/**
 * The search is an optimisation of the model (issue 12 item 2, spec/planner.md §4):
 * - `searchBest` equals the definition's exhaustive search (classes/definition.ts) with the planner's
 *   certified error oracle, computed afresh per case (no planner memo involved), on ≥ 200 random small
 *   spaces, AWGN and Rayleigh fading (same and independent HARQ fading), single services and groups;
 * - for EVERY pruning rule, the search with that rule disabled gives the same answer (≥ 200 spaces each).
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import {
  allocations as allocationsModel,
  certifiedErrOracle,
  evaluateAllocatedModel,
  evaluateModel,
  OVER_CAPACITY,
  type Candidate,
  type SearchStats,
  exactErrOracle,
  exhaustiveModelSearch,
  exhaustiveSearchOn,
  latencyVector,
  makeCtx,
  PRUNE_RULES,
  searchBest,
  type CandidateSpace,
  type ErrOracle,
  type LinkContext,
  type Oracles,
  type PlannableService,
  type PlanOptions,
  type PruneRule,
} from '../../src/classes/index.js';
import { arbCase, arbService } from '../classes/support.js';
import { fcRuns } from '../support/fc-runs.js';

/** 200 cases per law in the slow tier (PHYCLASS_FC_FULL=1), 25 in `npm test` (each case runs a search twice or an exhaustive oracle). */
const RUNS = { numRuns: fcRuns(200, 8) };
/** The two laws against the exhaustive reference search (most of this file's time): 200 cases in the slow tier, 13 in `npm test`. */
const EXHAUSTIVE_RUNS = { numRuns: fcRuns(200, 16, 13) };

type Channel = 'awgn' | 'same' | 'independent' | 'budget' | 'budget-fading';
const arbChannel = fc.constantFrom<Channel>('awgn', 'same', 'independent', 'budget', 'budget-fading');

/**
 * A case of `arbCase` on the chosen channel (fading: Rayleigh, 2 branches, +10 dB, fewer MCS rows).
 * 'budget': a link budget (spec/budget.md) whose UL SNR per RE falls with the width within the small
 * carrier (coupling loss 105..129 dB from the case's SNR, power-control target = the case's SNR), so
 * the error is NOT monotone in the PRBs; 'budget-fading' the same under independent Rayleigh fading.
 */
function onChannel(link: LinkContext, opts: PlanOptions, ch: Channel): { link: LinkContext; opts: PlanOptions } {
  if (ch === 'awgn') return { link, opts };
  if (ch === 'budget' || ch === 'budget-fading') {
    const budget = { couplingLossDb: 105 + (link.snrDb % 7) * 4, targetSnrPerReDb: link.snrDb + (ch === 'budget-fading' ? 10 : 0) };
    if (ch === 'budget') return { link: { ...link, linkBudget: budget }, opts };
    return {
      link: { ...link, linkBudget: budget, fading: { kind: 'rayleigh', diversity: 2 }, harqFading: 'independent' },
      opts: { ...opts, mcsTables: ['qam64', 'qam256'], mcsRange: [0, 8] },
    };
  }
  return {
    link: { ...link, fading: { kind: 'rayleigh', diversity: 2 }, harqFading: ch, snrDb: link.snrDb + 10 },
    opts: { ...opts, mcsTables: ['qam64', 'qam256'], mcsRange: [0, 8] },
  };
}

/** The planner's oracles computed afresh (a local memo of this case only: the reference shares nothing with the search). */
function freshOracles(space: CandidateSpace): Oracles {
  const err = certifiedErrOracle(space);
  const memo = new Map<string, Float64Array>();
  const cached: ErrOracle = (m, tbs, r, snrDb) => {
    const k = `${m.tableIdx}/${m.mcs}/${tbs}/${r}/${snrDb}`;
    let e = memo.get(k);
    if (e === undefined) {
      e = err(m, tbs, r, snrDb);
      memo.set(k, e);
    }
    return e;
  };
  return { err: cached, lat: (mu, tti, grant) => latencyVector(space, mu, tti, grant) };
}

function group(service: PlannableService, others: readonly PlannableService[]): PlannableService[] {
  return [service, ...others.map((o, i) => ({ ...o, id: `o${i}`, direction: service.direction }))];
}

describe('search = the model\'s exhaustive search', () => {
  test.prop([arbCase, arbChannel], EXHAUSTIVE_RUNS)('single services, AWGN and fading', ({ service, link, opts }, ch) => {
    const c = onChannel(link, opts, ch);
    const ctx = makeCtx([service], c.link, c.opts);
    const fast = searchBest(ctx);
    const ref = exhaustiveModelSearch(ctx, freshOracles(ctx));
    expect(fast).toEqual(ref);
  });

  test.prop([arbCase, fc.array(arbService, { minLength: 1, maxLength: 2 }), arbChannel], EXHAUSTIVE_RUNS)(
    'groups of two or three services, AWGN and fading',
    ({ service, link, opts }, others, ch) => {
      const c = onChannel(link, opts, ch);
      const ctx = makeCtx(group(service, others), c.link, c.opts);
      expect(searchBest(ctx)).toEqual(exhaustiveModelSearch(ctx, freshOracles(ctx)));
    },
  );
});

describe('every pruning rule can be disabled without changing the answer (ablation)', () => {
  it('lists the rules of spec/planner.md §4', () => {
    expect([...PRUNE_RULES].sort()).toEqual(
      [
        'deadRanges',
        'duplicateMcs',
        'evaluationCostCap',
        'groupBound',
        'groupReliabilityBound',
        'harqDominance',
        'identicalAllocations',
        'prbCostBound',
        'prbWindow',
        'reliabilityScreen',
        'transmissionsCostBound',
        'capacityExit',
      ].sort(),
    );
  });
  for (const rule of PRUNE_RULES) {
    test.prop([arbCase, fc.array(arbService, { maxLength: 1 }), arbChannel, fc.boolean()], RUNS)(
      `search without '${rule}' = search`,
      ({ service, link, opts }, others, ch, severalTables) => {
        const c = onChannel(link, severalTables ? { ...opts, mcsTables: ['qam64', 'qam256', 'qam64LowSE'] } : opts, ch);
        const services = group(service, others);
        const disabled = new Set<PruneRule>([rule]);
        // the ablated search first, so it does not start from what the full search remembered here
        const ablated = searchBest(makeCtx(services, c.link, c.opts), undefined, { disabledRules: disabled });
        const full = searchBest(makeCtx(services, c.link, c.opts));
        expect(ablated).toEqual(full);
      },
    );
  }
  test.prop([arbCase, fc.array(arbService, { maxLength: 1 }), arbChannel, fc.boolean(), fc.boolean()], RUNS)(
    "'anyFeasible' (the relaxation probes' work budget), robust groups first or not, with or without deadlines: null exactly when the full search finds nothing, else a feasible class",
    ({ service, link, opts }, others, ch, robustFirst, ignoreDeadline) => {
      const c = onChannel(link, opts, ch);
      const services = group(service, others);
      // (the diagnosis asks with deadlines ignored and robust groups first, planner.ts diagnose)
      const flags = { ignoreDeadline, ignoreCapacity: ignoreDeadline };
      const any = searchBest(makeCtx(services, c.link, c.opts, flags), undefined, { anyFeasible: true, robustFirst });
      const full = searchBest(makeCtx(services, c.link, c.opts, flags));
      expect(any === null).toBe(full === null);
      if (any !== null) {
        const ctx = makeCtx(services, c.link, c.opts, flags);
        expect(any.outcome.feasible).toBe(true);
        // the model's own outcome of that class: feasible, never cheaper than the least class
        const out = evaluateModel(ctx, ctx, any.candidate);
        expect(out.feasible).toBe(true);
        expect(out.cost).toBeGreaterThanOrEqual(full!.outcome.cost);
      }
    },
  );
  test.prop([arbCase, fc.array(arbService, { maxLength: 1 }), arbChannel, fc.double({ min: 1, max: 400, noNaN: true })], RUNS)(
    "'capacityExit' keeps the statistics' meaning: some candidate failed on capacity alone with it iff without it",
    ({ service, link, opts }, others, ch, rateScale) => {
      // packet rates scaled up so that many candidates exceed the carrier (the exit's case)
      const c = onChannel(link, opts, ch);
      const services = group({ ...service, periodMs: service.periodMs / rateScale }, others);
      const withExit: SearchStats = { groups: 0, groupsVisited: 0, evaluations: 0, capacityRejections: 0 };
      const without: SearchStats = { groups: 0, groupsVisited: 0, evaluations: 0, capacityRejections: 0 };
      const a = searchBest(makeCtx(services, c.link, c.opts), without, { disabledRules: new Set<PruneRule>(['capacityExit']) });
      const b = searchBest(makeCtx(services, c.link, c.opts), withExit);
      expect(b).toEqual(a);
      expect((withExit.capacityRejections ?? 0) > 0).toBe((without.capacityRejections ?? 0) > 0);
    },
  );
  test.prop([arbCase, fc.double({ min: 1, max: 400, noNaN: true }), fc.integer({ min: 0, max: 1_000_000 })], RUNS)(
    "evaluateAllocated with 'capacityExit' is infeasible exactly when without it, and stops only when the load is over 1",
    ({ service, link, opts }, rateScale, seed) => {
      const svc = { ...service, periodMs: service.periodMs / rateScale };
      const ctx = makeCtx([svc], link, opts);
      const free = makeCtx([svc], link, opts, { ignoreCapacity: true });
      for (let i = 0; i < 40; i++) {
        const pick = (seed + i * 7919) * 2654435761 >>> 0;
        const mu = pick % ctx.mus.length;
        const cand: Candidate = {
          muIdx: mu,
          ttiIdx: (pick >>> 3) % ctx.ttis.length,
          mcsIdx: (pick >>> 5) % ctx.mcsList.length,
          rIdx: (pick >>> 11) % ctx.reps.length,
          grantIdx: (pick >>> 13) % ctx.grants.length,
          maxTx: ctx.transmissions[(pick >>> 15) % ctx.transmissions.length]!,
          nPrb: 1 + ((pick >>> 17) % ctx.mus[mu]!.maxPrb),
        };
        const full = evaluateModel(ctx, ctx, cand);
        const al = allocationsModel(ctx, cand);
        const early = evaluateAllocatedModel(ctx, ctx, cand, al, Number.POSITIVE_INFINITY, true);
        expect(early.feasible).toBe(full.feasible);
        if (early.feasible) expect(early).toEqual(full);
        if (early === OVER_CAPACITY) {
          // the model's own cost (every size's expected REs): the carrier cannot hold it
          const unbounded = evaluateAllocatedModel(free, free, cand, al);
          if (unbounded.feasible) expect(unbounded.load).toBeGreaterThan(1);
        }
      }
    },
  );
  test.prop([arbCase, fc.constantFrom<PruneRule | null>(null, 'evaluationCostCap', 'groupBound', 'prbCostBound')], { numRuns: fcRuns(50) })(
    'a cost ceiling holds with any rule disabled: below the best cost nothing, at it the best',
    ({ service, link, opts }, rule) => {
      const disabledRules = new Set<PruneRule>(rule === null ? [] : [rule]);
      const best = searchBest(makeCtx([service], link, opts));
      if (best === null) return;
      const c = best.outcome.cost;
      expect(searchBest(makeCtx([service], link, opts), undefined, { costCeiling: c * (1 - 1e-6), disabledRules })).toBeNull();
      expect(searchBest(makeCtx([service], link, opts), undefined, { costCeiling: c, disabledRules })).toEqual(best);
    },
  );
});

describe('exhaustiveSearchOn: the definition from services, a link and an error oracle', () => {
  test.prop([arbCase], { numRuns: fcRuns(100) })('with the certified oracle it is plan\'s answer; on AWGN the exact oracle agrees', ({ service, link, opts }) => {
    const ctx = makeCtx([service], link, opts);
    const fast = searchBest(ctx);
    const certified = exhaustiveSearchOn([service], link, opts, certifiedErrOracle);
    expect(certified.best).toEqual(fast);
    // AWGN: the certified error IS the exact HARQ model (summed differently): same class, cost within rounding
    const exact = exhaustiveSearchOn([service], link, opts, exactErrOracle);
    expect(exact.best === null).toBe(fast === null);
    if (exact.best !== null && fast !== null) {
      expect(Math.abs(exact.best.outcome.cost - fast.outcome.cost)).toBeLessThanOrEqual(1e-9 * fast.outcome.cost);
    }
  });
});
