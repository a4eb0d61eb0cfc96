/**
 * classes/search: HOW plan's answer is found fast — an exact branch and bound over the candidate
 * space of classes/definition.ts, tested equal to `definition.exhaustiveSearch` (spec/planner.md §4).
 * Each pruning rule is a named unit (`PruneRule`) that `SearchOptions.disabledRules` can switch
 * off; the ablation tests (test/properties/classes.search.test.ts) check that the answer does not
 * change with any rule disabled. The rules:
 *  - 'groupBound' (§4 rule 1): groups (TTI, MCS, repetition) are visited in increasing order of an
 *    error-free cost lower bound (TBS ≤ 1.07·N_info + 24 ⇒ PRB·TTIs ≥ S/(1.07·a + 24)); the search
 *    stops when the bound exceeds the best cost found;
 *  - 'prbWindow' (rule 2): PRB counts limited to [n_lo, n_hi]: n_lo by bisection on TBS (monotone
 *    in PRBs) so that the largest packet's first transmission fits the deadline, n_hi where it fits
 *    in one TTI (beyond it allocations no longer change);
 *  - 'identicalAllocations' (rule 3): PRB counts that leave every packet's TTI count unchanged give
 *    identical outcomes: only change points are evaluated;
 *  - 'harqDominance' (rule 4): T beyond the transmissions that can fit the deadline is dominated;
 *  - 'prbCostBound', 'transmissionsCostBound', 'evaluationCostCap' (rule 5): error-free and
 *    partial cost bounds against the best cost;
 *  - 'reliabilityScreen' (rule 6): a PRB count where some size misses epsilon with the most
 *    transmissions that can fit is skipped for the group;
 *  - 'groupReliabilityBound' (rule 7): one error lower bound over a wide PRB window rules a whole
 *    (TTI, MCS, r) out;
 *  - 'duplicateMcs' (rule 8): MCS rows repeating an earlier (Qm, R) are skipped;
 *  - 'deadRanges' (rule 10): PRB ranges proven unreliable for a service row are remembered;
 *  - 'capacityExit' (rule 12): an evaluation stops once its partial cost exceeds the carrier's
 *    capacity (definition.evaluateAllocated `capacityExit`) — with statistics asked for, only once
 *    a candidate has failed on capacity alone, so `capacityRejections > 0` keeps its exact meaning.
 * The memo tables it reads and fills are pure (spec/planner.md §4 rules 9–11).
 */
import { ldpcBlocks } from '../nr/ldpc.js';
import { tbsFromRe } from '../nr/tbs.js';
import {
  better,
  errExceeds,
  errHalfFloor,
  errLowerBound,
  errVector,
  evaluateAllocated,
  latVector,
  segmentSpanMs,
  TBS_UB_SLOPE,
  type Candidate,
  type McsInfo,
  type PlanCtx,
} from './model.js';
import { classicMissProbability, expectedRe, type SearchResult } from './definition.js';
import { boundedSet, type PlannerCache } from './cache.js';
import { segmentFadesMayDepend } from './link.js';
import { evaluate } from './model.js';
import { snrBands } from '../link/budget.js';
import type { Repetitions } from './types.js';

export type { SearchResult } from './definition.js';

const NO_OPTIONS: SearchOptions = Object.freeze({});

/** The pruning rules of the search, by name (spec/planner.md §4; each can be disabled). */
export const PRUNE_RULES = [
  'groupBound',
  'prbWindow',
  'identicalAllocations',
  'harqDominance',
  'prbCostBound',
  'transmissionsCostBound',
  'evaluationCostCap',
  'reliabilityScreen',
  'groupReliabilityBound',
  'duplicateMcs',
  'deadRanges',
  'capacityExit',
] as const;
/** A pruning rule of the search (spec/planner.md §4). */
export type PruneRule = (typeof PRUNE_RULES)[number];

/** Options of `searchBest`. */
export interface SearchOptions {
  /**
   * Only classes costing at most this are looked for: the answer is the exact best when its cost
   * is ≤ the ceiling, else null (default +Infinity).
   */
  readonly costCeiling?: number;
  /**
   * Pruning rules switched off (for the ablation tests and for reviewing a rule in isolation): the
   * answer must not change, only the work done.
   */
  readonly disabledRules?: ReadonlySet<PruneRule>;
  /**
   * Stop at the first feasible class found (a work budget for yes/no questions, such as the planner's
   * relaxation probes, issue 18): the answer is then a feasible class, not necessarily the least one;
   * null still means that no class is feasible (nothing is skipped that could be).
   */
  readonly anyFeasible?: boolean;
  /**
   * With `anyFeasible`: visit the groups in descending order of their cost bound — highest repetition
   * factor and lowest spectral efficiency first, the likeliest to meet a reliability target — instead of
   * ascending. Whether a feasible class exists does not depend on the order, so only the work changes:
   * for the diagnosis's question (some class meets epsilon when deadlines are ignored) the cheap groups,
   * visited first otherwise, are the ones that fail. Ignored without `anyFeasible`.
   */
  readonly robustFirst?: boolean;
}

/** Statistics of the last search (for benchmarks and the spec's measured figures). */
export interface SearchStats {
  /** (TTI, MCS, repetition) groups in the search space. */
  groups: number;
  /** Groups visited before the lower bound pruned the rest (rows repeating an earlier (Qm, R) not counted). */
  groupsVisited: number;
  /** Candidates fully evaluated. */
  evaluations: number;
  /**
   * Candidates that met every target but the carrier's capacity (load > 1), when counted; after the
   * first, also those stopped early on capacity (rule 'capacityExit'): > 0 exactly when one did.
   */
  capacityRejections?: number;
}

/**
 * Exact branch-and-bound search (see header): the least candidate of `ctx` under the model's order
 * (definition.better), as `definition.exhaustiveSearch(ctx, ctx)` finds it. `options` (or, for
 * compatibility, a number: the cost ceiling) may set a cost ceiling and disable pruning rules.
 */
export function searchBest(ctx: PlanCtx, stats?: SearchStats, options: SearchOptions | number = NO_OPTIONS): SearchResult | null {
  const opts: SearchOptions = typeof options === 'number' ? { costCeiling: options } : options;
  if (ctx.link.linkBudget !== undefined) return searchBudgetBands(ctx, stats, opts);
  const costCeiling = opts.costCeiling ?? Number.POSITIVE_INFINITY;
  const off = opts.disabledRules;
  const ruleGroupBound = off === undefined || !off.has('groupBound');
  const rulePrbWindow = off === undefined || !off.has('prbWindow');
  const ruleIdentical = off === undefined || !off.has('identicalAllocations');
  const ruleHarq = off === undefined || !off.has('harqDominance');
  const rulePrbCost = off === undefined || !off.has('prbCostBound');
  const ruleTxCost = off === undefined || !off.has('transmissionsCostBound');
  const ruleEvalCap = off === undefined || !off.has('evaluationCostCap');
  const ruleScreen = off === undefined || !off.has('reliabilityScreen');
  const ruleGroupRel = off === undefined || !off.has('groupReliabilityBound');
  const ruleDupMcs = off === undefined || !off.has('duplicateMcs');
  const ruleDead = off === undefined || !off.has('deadRanges');
  const ruleCapExit = off === undefined || !off.has('capacityExit');
  const nTti = ctx.ttis.length;
  const nMcs = ctx.mcsList.length;
  const nRep = ctx.reps.length;
  const nMu = ctx.mus.length;
  const nGrant = ctx.grants.length;
  const ns = ctx.services.length;
  const nGroups = nTti * nMcs * nRep;
  const go = groupOrder(ctx);
  const lbs = go.lbs;
  const order = go.order;
  const dupMcs = go.dupMcs;
  if (stats) stats.groups = nGroups;
  let best: SearchResult | null = null;
  const maxBitsAll = Math.max(0, ...ctx.services.map((s) => s.maxBits));
  const nSizes = ctx.services.reduce((acc, s) => acc + s.sizesBits.length, 0);
  // (arrays built by push, not Array.prototype.map: map's result is holey in the interpreter and packed in
  // optimised code, and a load that saw one kind deoptimises on the other. Such a late deoptimisation, seen
  // with --trace-deopt-verbose, can leave only an on-stack-replacement version of this function, and some
  // processes then plan 1.5× slower than others; spec/benchmarks.md seventh pass)
  const svcKeys: string[] = [];
  for (const s of ctx.services) svcKeys.push(`${s.epsilon}|${s.sizesBits.join(',')}`);
  let nMax = 0;
  for (const mu of ctx.mus) if (mu.maxPrb > nMax) nMax = mu.maxPrb;
  const tMaxAll = Math.max(...ctx.transmissions);
  // per (mu, grant) of one (TTI, r): L_1..L_4, the most segments of each service's largest packet whose
  // first transmission fits its deadline, and T* (larger T are dominated: same k, more cost); filled
  // once per (TTI, r) — none of it depends on the MCS
  const nCombo = nMu * nGrant;
  const timing = new Map<number, ComboTiming>();
  // per (TTI, MCS): TBS table and the members' rows (in the cache); per (TTI, MCS): allocations by n
  const rows = new Map<number, TmRow>();
  // per visited group, per (mu, grant): lowest and highest PRB count worth evaluating (−1: none)
  const nLoC = new Int32Array(nCombo);
  const nHiC = new Int32Array(nCombo);
  const svcRel: Screen[] = new Array<Screen>(ns);
  const cache = ctx.cache;
  const screens = ctx.tables.screens as LinkScreens;
  if (memberSeen.length < ns) memberSeen = new Uint8Array(ns);
  const cap = (): number => (best === null ? costCeiling : best.outcome.cost);
  // (robust first: the order reversed, so the bound no longer ends the visit: a group above it is skipped)
  const reversed = opts.anyFeasible === true && opts.robustFirst === true;
  for (let oi = 0; oi < nGroups; oi++) {
    const gi = order[reversed ? nGroups - 1 - oi : oi]!;
    if (ruleGroupBound && lbs[gi]! * (1 - 1e-12) > cap()) {
      if (reversed) continue;
      break;
    }
    const rIdx = gi % nRep;
    const mcsIdx = ((gi - rIdx) / nRep) % nMcs;
    if (ruleDupMcs && dupMcs[mcsIdx] === 1) continue;
    if (stats) stats.groupsVisited++;
    const ttiIdx = (gi - rIdx - mcsIdx * nRep) / (nRep * nMcs);
    const tti = ctx.ttis[ttiIdx]!;
    const m = ctx.mcsList[mcsIdx]!;
    const r = ctx.reps[rIdx]!;
    const rowKey = ttiIdx * 1024 + mcsIdx;
    let row = rows.get(rowKey);
    if (row === undefined) {
      const tbs = tbsTable(cache, tti.nRePerPrb, m.qm, m.rateX1024, ctx.nLayers, nMax);
      const tKey = tbsKeyOf(tti.nRePerPrb, m.qm, m.rateX1024, ctx.nLayers) * 1024 + nMax;
      if (ns === 1) {
        // (one member: its own row, made once and kept with it: no member list per search)
        const sr = svcRowFor(cache, svcKeys[0]!, tKey, tbs, ctx.services[0]!.sizesBits);
        row = sr.single ?? newRow(tbs, [sr]);
      } else {
        const memberRows: SvcRow[] = [];
        for (let i = 0; i < ns; i++) memberRows.push(svcRowFor(cache, svcKeys[i]!, tKey, tbs, ctx.services[i]!.sizesBits));
        row = newRow(tbs, memberRows);
      }
      rows.set(rowKey, row);
    }
    const rw = row;
    const tbs = rw.tbs;
    let tm = timing.get(ttiIdx * 8 + rIdx);
    if (tm === undefined) {
      tm = comboTiming(ctx, tti, r);
      timing.set(ttiIdx * 8 + rIdx, tm);
    }
    // per (mu, grant): n_lo (every service's largest packet completes its first transmission in time;
    // below it every class misses a deadline) and n_hi (the largest packet fits one TTI, or the carrier
    // is full: above it allocations no longer change)
    if (rw.nFit < 0) rw.nFit = tbs[nMax]! >= maxBitsAll ? smallestPrbTbs(tbs, 1, nMax, 1, maxBitsAll) : nMax + 1;
    const nFit = rw.nFit;
    let nLoMin = Number.MAX_SAFE_INTEGER;
    let nHiMax = 0;
    // the most transmissions any candidate of the group can use: k ≤ T and k ≤ what fits a one-TTI
    // packet's deadline (kAny) for its (mu, grant); the screen may use e_k of that k (e non-increasing)
    let kScreen = 0;
    for (let muIdx = 0; muIdx < nMu; muIdx++) {
      const mu = ctx.mus[muIdx]!;
      // (rule 'prbWindow' off: every PRB count of the carrier; diagnosis mode keeps its window)
      const window = rulePrbWindow || ctx.ignoreDeadline;
      const nHi = !window ? mu.maxPrb : nFit <= mu.maxPrb ? nFit : mu.maxPrb;
      for (let grantIdx = 0; grantIdx < nGrant; grantIdx++) {
        const c = muIdx * nGrant + grantIdx;
        nLoC[c] = -1;
        if (tm.L[c] === null) continue;
        let nLo = 1;
        let ok = true;
        for (let si = 0; si < ns && window; si++) {
          const s = ctx.services[si]!;
          if (s.deadlineMs === Number.POSITIVE_INFINITY) continue;
          const mMax = tm.mMax[c * ns + si]!;
          if (mMax < 1 || Math.ceil(s.maxBits / tbs[mu.maxPrb]!) > mMax) {
            ok = false;
            break;
          }
          const lo = smallestPrbTbs(tbs, 1, mu.maxPrb, mMax, s.maxBits);
          if (lo > nLo) nLo = lo;
        }
        if (!ok) continue;
        const hi = Math.max(nHi, nLo);
        // diagnosis mode (no deadline): only the widest allocation (fewest segments) is tried
        nLoC[c] = ctx.ignoreDeadline ? hi : nLo;
        nHiC[c] = hi;
        if (nLoC[c]! < nLoMin) nLoMin = nLoC[c]!;
        if (hi > nHiMax) nHiMax = hi;
        const kc = Math.min(tMaxAll, tm.kAny[c]!);
        if (kc > kScreen) kScreen = kc;
      }
    }
    if (nHiMax === 0) continue;
    // reliability screen (in the cache, per member): the group is reliable at n iff every member is;
    // a member already proven reliable at no PRB count in [n_lo, n_hi] rules out the whole group
    const relKey = ((m.tableIdx * 32 + m.mcs) * 8 + r) * 8 + kScreen;
    // under fading, the closed-form floor of every TBS a member's largest packet takes in [n_lo, n_hi]
    // (errHalfFloor: a few table reads) first, before any screen is looked up or made: it rules out most
    // groups (on the default link 85–95 % of those that reach it), and a group it rules out leaves no
    // screen behind (a screen per such group was a tenth of a plan; trying the floor again costs as little)
    const groupRel = ruleGroupRel && !ctx.ignoreDeadline && ctx.link.fading.kind !== 'awgn';
    let dead = false;
    for (let si = 0; si < ns && groupRel && !dead; si++) {
      const w = windowBlocks(rw.svcRows[si]!, m.rateX1024, nLoMin, nHiMax);
      // every size has ≥ 1 segment, so P(miss) ≥ e > epsilon (a 1e-9 relative margin for rounding)
      if (errHalfFloor(ctx, m, r, kScreen, w[0]!, w[1]!, w[2]!) > ctx.services[si]!.epsilon * (1 + 1e-9)) dead = true;
    }
    if (dead) continue;
    for (let si = 0; si < ns; si++) {
      const rel = svcRelFor(cache, screens, rw.svcRows[si]!, relKey);
      svcRel[si] = rel;
      if (ruleDead && rel.deadLo <= nLoMin && nHiMax <= rel.deadHi) dead = true;
    }
    // then the kernel bound over the same TBSs (errLowerBound), which often shows the whole group
    // unreliable at once instead of one screen per PRB count: worth it when its K' intervals are no more
    // than the window's runs of equal allocations (each run would need its own screen); tried once per window
    let runs = -1; // (formed when needed: the union of a group's change points is not always)
    for (let si = 0; si < ns && groupRel && !dead; si++) {
      const rel = svcRel[si]!;
      // (both compared on every pass: a read or compare first reached after searchBest is optimised makes
      // it deoptimise, and this function is the costliest to compile again; issue 18, fresh process)
      const sameLo = rel.triedLo === nLoMin;
      const sameHi = rel.triedHi === nHiMax;
      if (sameLo && sameHi) continue;
      rel.triedLo = nLoMin;
      rel.triedHi = nHiMax;
      const w = windowBlocks(rw.svcRows[si]!, m.rateX1024, nLoMin, nHiMax);
      const kMin = w[0]!;
      const kMax = w[1]!;
      const cMin = w[2]!;
      const eps = ctx.services[si]!.epsilon * (1 + 1e-9);
      if (
        Math.log(kMax / kMin) <= (runs < 0 ? (runs = runsIn(rowCps(rw), nLoMin, nHiMax)) : runs) * LOG_LB_RATIO &&
        errLowerBound(ctx, m, r, kScreen, kMin, kMax, cMin) > eps
      ) {
        if (ruleDead) noteUnreliable(rel, nLoMin, nHiMax, rowFit(rw.svcRows[si]!), nMax);
        dead = true;
      }
    }
    if (dead) continue;
    // whether every PRB count of the range had every member screened (then a member that never passed
    // is proven unreliable on the whole range, which is remembered); not in diagnosis mode
    let complete = !ctx.ignoreDeadline && ruleScreen && ruleDead;
    memberSeen.fill(0, 0, ns);
    // PRB counts whose TTI count per size equals that of n − 1 give identical allocations (hence
    // outcomes) and are skipped: only each (mu, grant)'s n_lo and the change points above it are
    // evaluated. n_lo is 1 or a change point (below it the largest packet needs more TTIs), except in
    // diagnosis mode, where the n_lo are merged in.
    // (rule 'identicalAllocations' off: every PRB count from 2 on, with its own suffix bound)
    const cps = ruleIdentical ? rowCps(rw) : everyPrb(nMax);
    // (a one-member row shares its member's slots, made on first use: most rows never get here)
    const allocs = rw.allocs ?? (rw.allocs = rw.svcRows.length === 1 ? svcSlots(rw.svcRows[0]!) : denseSlots(nMax + 1));
    let ci = ctx.ignoreDeadline ? cps.length : firstAbove(cps, nLoMin - 1);
    const extra = ctx.ignoreDeadline ? distinctSorted(nLoC) : nLoMin === 1 ? ONE : NONE;
    let ei = 0;
    // the run of equal allocations holding n_lo starts at n_lo (see above); checked, the proof needs it
    if (nLoMin !== 1 && cps[ci] !== nLoMin) complete = false;
    // suffix minima over the change points of the error-free bound per r (below): once it exceeds
    // the best cost, no later PRB count can win and the loop ends
    // (kept in the row: a single-service row lives in the cache, so the key is checked)
    const sufPps = ns === 1 ? ctx.services[0]!.packetsPerS : -1;
    if (ruleIdentical && (rw.suf === undefined || rw.sufPps !== sufPps || rw.sufSymbols !== tti.ttiSymbols)) {
      rw.suf = suffixMinBound(ctx, rw, tti, cps);
      rw.sufPps = sufPps;
      rw.sufSymbols = tti.ttiSymbols;
    }
    const suf = ruleIdentical ? rw.suf! : suffixMinBound(ctx, rw, tti, cps);
    while (true) {
      const nc = ci < cps.length ? cps[ci]! : Number.MAX_SAFE_INTEGER;
      const ne = ei < extra.length ? extra[ei]! : Number.MAX_SAFE_INTEGER;
      const n = nc < ne ? nc : ne;
      if (n > nHiMax) break;
      if (nc === n) {
        if (rulePrbCost && ne !== n && suf[ci]! * r * (1 - 1e-12) > cap()) {
          complete = false;
          break;
        }
        ci++;
      }
      if (ne === n) ei++;
      let covered = false;
      for (let c = 0; c < nCombo && !covered; c++) covered = nLoC[c]! >= 0 && n >= nLoC[c]! && n <= nHiC[c]!;
      if (!covered) {
        complete = false;
        continue;
      }
      // cost bound without errors (E[T] ≥ 1): each member's largest packet at this class size
      // (with a 1e-12 relative slack: the bound's rounding must never prune a tie)
      const lb = boundAt(ctx, rw, tti, n) * r;
      if (rulePrbCost && lb * (1 - 1e-12) > cap()) {
        complete = false;
        continue;
      }
      // reliability screen at n: every member's sizes meet epsilon with the most transmissions (e_k is
      // non-increasing in k, so otherwise no mu, grant or T at this PRB count can)
      let reliable = true;
      for (let si = 0; si < ns && ruleScreen; si++) {
        if (!reliable) {
          // not screened at n (the group already failed): no proof for this member
          memberSeen[si] = 1;
          continue;
        }
        const rel = svcRel[si]!;
        let mark = screenMark(rel, n);
        if (mark === 0) {
          mark = reliableAtBest1(ctx, m, r, ctx.services[si]!, svcAllocs(rw.svcRows[si]!, n), kScreen) ? 1 : 2;
          (rel.marks ??= []).push(n * 4 + mark);
        }
        if (mark === 1) memberSeen[si] = 1;
        else reliable = false;
      }
      if (!reliable) continue;
      let al = allocs[n];
      if (al === undefined) {
        al = groupAllocs(rw.svcRows, n, nSizes);
        allocs[n] = al;
      }
      for (const T of ctx.transmissions) {
        // the cost does not depend on mu or grant, and grows with T: one bound for all of them
        if (ruleTxCost && expectedCost(ctx, m, r, tti, al, T) * (1 - 1e-12) > cap()) break;
        for (let muIdx = 0; muIdx < nMu; muIdx++) {
          for (let grantIdx = 0; grantIdx < nGrant; grantIdx++) {
            const c = muIdx * nGrant + grantIdx;
            const lo = nLoC[c]!;
            if (lo < 0 || n < lo || n > nHiC[c]! || (ruleHarq && T > tm.tStar[c]!)) continue;
            // one scratch candidate, copied only when it becomes the best (no garbage per evaluation)
            const cand = scratchCand;
            cand.muIdx = muIdx;
            cand.ttiIdx = ttiIdx;
            cand.mcsIdx = mcsIdx;
            cand.rIdx = rIdx;
            cand.grantIdx = grantIdx;
            cand.maxTx = T;
            cand.nPrb = n;
            if (stats) stats.evaluations++;
            // (with stats: no early capacity exit before a candidate failed on capacity alone, so the
            // count stays > 0 exactly when the search without the exit would have counted one)
            const capExit = ruleCapExit && (stats === undefined || (stats.capacityRejections ?? 0) > 0);
            const out = evaluateAllocated(ctx, cand, al, ruleEvalCap ? cap() : Number.POSITIVE_INFINITY, capExit);
            if (!out.feasible) {
              if (out.failure === 'capacity' && stats !== undefined) stats.capacityRejections = (stats.capacityRejections ?? 0) + 1;
              continue;
            }
            // (with the cost cap on, a feasible outcome never costs more than the ceiling)
            if (out.cost > costCeiling) continue;
            if (best === null || better(out, cand, best.outcome, best.candidate)) best = { candidate: { ...cand }, outcome: out };
            if (opts.anyFeasible === true) return best;
          }
        }
      }
    }
    if (complete) for (let si = 0; si < ns; si++) if (memberSeen[si] === 0) noteUnreliable(svcRel[si]!, nLoMin, nHiMax, rowFit(rw.svcRows[si]!), nMax);
  }
  return best;
}

/**
 * searchBest on a link with a budget (spec/budget.md §3). The model proves a class of width N at μ at
 * its class SNR s(N, μ) (link/budget classSnrDb), which is non-increasing in N — so the rules that
 * take the error as a function of the TBS alone (identical allocations, reliability screens, dead
 * ranges, group bounds) do not hold across widths. Instead the widths of each μ are cut into bands
 * of equal class SNR (snrBands) and the FLAT search (every rule sound) runs once per band on the
 * flat link at the band's SNR, over widths 1..nHi of that μ only. A width N below the band is then
 * evaluated at s ≤ s(N, μ): never better than the model (cost and P_miss are non-decreasing in the
 * error, the certified error is non-increasing in the SNR, feasibility only gets harder), while every
 * width of the band is evaluated exactly. So the least answer over the bands, under `better`, is the
 * model's best (a candidate found pessimistically can only win if its model outcome is at least as
 * good, i.e. if it IS the model's best), and it is re-evaluated on the budget context to return the
 * model's own outcome. Narrow bands (highest SNR) run first; each later band runs with the best cost
 * so far as its ceiling. Tested equal to definition.exhaustiveSearch (test/properties/classes.search.test.ts).
 */
function searchBudgetBands(ctx: PlanCtx, stats: SearchStats | undefined, opts: SearchOptions): SearchResult | null {
  const bands: { muIdx: number; nHi: number; snrDb: number }[] = [];
  ctx.mus.forEach((mu, muIdx) => {
    for (const b of snrBands(ctx.link, ctx.direction, mu.mu, mu.maxPrb)) bands.push({ muIdx, nHi: b.nHi, snrDb: b.snrDb });
  });
  bands.sort((a, b) => b.snrDb - a.snrDb || a.muIdx - b.muIdx || a.nHi - b.nHi);
  const ceiling = opts.costCeiling ?? Number.POSITIVE_INFINITY;
  let best: SearchResult | null = null;
  if (stats) {
    stats.groups = 0;
    stats.groupsVisited = 0;
    stats.evaluations = 0;
  }
  for (const b of bands) {
    const mu = ctx.mus[b.muIdx]!;
    const sub = ctx.atSnr(b.snrDb, [{ ...mu, maxPrb: b.nHi }]);
    const subStats: SearchStats | undefined = stats ? { groups: 0, groupsVisited: 0, evaluations: 0 } : undefined;
    const cap = best === null ? ceiling : Math.min(ceiling, best.outcome.cost);
    const r = searchBest(sub, subStats, {
      costCeiling: cap,
      ...(opts.disabledRules !== undefined ? { disabledRules: opts.disabledRules } : {}),
      ...(opts.anyFeasible === true ? { anyFeasible: true } : {}),
      ...(opts.robustFirst === true ? { robustFirst: true } : {}),
    });
    if (stats && subStats) {
      stats.groups += subStats.groups;
      stats.groupsVisited += subStats.groupsVisited;
      stats.evaluations += subStats.evaluations;
      if (subStats.capacityRejections !== undefined) stats.capacityRejections = (stats.capacityRejections ?? 0) + subStats.capacityRejections;
    }
    if (r === null) continue;
    const cand: Candidate = { ...r.candidate, muIdx: b.muIdx };
    if (best === null || better(r.outcome, cand, best.outcome, best.candidate)) best = { candidate: cand, outcome: r.outcome };
    if (opts.anyFeasible === true) break;
  }
  if (best === null) return null;
  return { candidate: best.candidate, outcome: evaluate(ctx, best.candidate) };
}

/**
 * searchBest's group order: per group g = (ttiIdx·|MCS| + mcsIdx)·|reps| + rIdx its cost lower
 * bound (error-free, TBS upper bound), the groups in ascending bound order, and the MCS rows that
 * repeat an earlier (Qm, R). A pure function of the search space and each service's packet rate
 * and largest packet (not of the link's SNR), memoised in the cache.
 */
function groupOrder(ctx: PlanCtx): GroupOrder {
  let key = `${ctx.nLayers}|`;
  for (const m of ctx.mcsList) key += `${m.qm}:${m.rateX1024},`;
  for (const t of ctx.ttis) key += `${t.nRePerPrb}:${t.ttiSymbols},`;
  key += `|${ctx.reps.join(',')}|`;
  for (const s of ctx.services) key += `${s.packetsPerS}:${s.maxBits},`;
  const cache = ctx.cache;
  const stats = cache.counters.groupOrders;
  let hit = cache.groupOrders.get(key) as GroupOrder | undefined;
  if (hit === undefined) {
    stats.misses++;
    hit = computeGroupOrder(ctx);
    boundedSet(cache.groupOrders, stats, cache.limits.groupOrders, key, hit);
  } else stats.hits++;
  return hit;
}

interface GroupOrder {
  readonly lbs: Float64Array;
  readonly order: Uint32Array;
  readonly dupMcs: Uint8Array;
}

function computeGroupOrder(ctx: PlanCtx): GroupOrder {
  const nTti = ctx.ttis.length;
  const nMcs = ctx.mcsList.length;
  const nRep = ctx.reps.length;
  const ns = ctx.services.length;
  const lbs = new Float64Array(nTti * nMcs * nRep);
  for (let ttiIdx = 0; ttiIdx < nTti; ttiIdx++) {
    const tti = ctx.ttis[ttiIdx]!;
    for (let mcsIdx = 0; mcsIdx < nMcs; mcsIdx++) {
      const m = ctx.mcsList[mcsIdx]!;
      const a = (tti.nRePerPrb * m.qm * m.rateX1024 * ctx.nLayers) / 1024;
      // m·n ≥ S/(1.07·a + 24) (TBS bound) and m·n ≥ 1 (at least one PRB in one TTI); ×r below
      let base = 0;
      for (let si = 0; si < ns; si++) {
        const s = ctx.services[si]!;
        base += s.packetsPerS * 12 * tti.ttiSymbols * Math.max(1, s.maxBits / (TBS_UB_SLOPE * a + 24));
      }
      for (let rIdx = 0; rIdx < nRep; rIdx++) lbs[(ttiIdx * nMcs + mcsIdx) * nRep + rIdx] = base * ctx.reps[rIdx]!;
    }
  }
  // MCS rows with the same (Qm, R) as an earlier row of the list (the tables share many): same TBS,
  // same errors, so every class of such a row has a twin with identical outcome and a smaller MCS
  // index, which the canonical tie-break prefers — the row can never win and is skipped
  const dupMcs = new Uint8Array(nMcs);
  const seenQmR = new Set<number>();
  for (let i = 0; i < nMcs; i++) {
    const a = ctx.mcsList[i]!;
    const k = a.qm * 8192 + a.rateX1024 * 4; // rateX1024 is a multiple of 0.25
    if (seenQmR.has(k)) dupMcs[i] = 1;
    else seenQmR.add(k);
  }
  return { lbs, order: ascendingOrder(lbs), dupMcs };
}

/** Runs of equal allocations in the PRB window [lo, hi] of a row with change points `cps`. */
function runsIn(cps: Int32Array, lo: number, hi: number): number {
  return firstAbove(cps, hi) - firstAbove(cps, lo - 1) + 1;
}

/** log of errLowerBound's widest K' interval ratio (1.06): its interval count is log(K'max/K'min)/this. */
const LOG_LB_RATIO = Math.log(1.06);

/** Scratch of searchBest: per member, 1 once it passed the screen (or was not screened) at some n. */
let memberSeen = new Uint8Array(64);

/** Smallest class size at which the row's largest packet fits one TTI (nMax + 1: never), memoised. */
function rowFit(sr: SvcRow): number {
  if (sr.nFit < 0) {
    const nMax = sr.tbs.length - 1;
    const bits = sr.sizesBits[sr.sizesBits.length - 1] ?? 0;
    sr.nFit = sr.tbs[nMax]! >= bits ? smallestPrbTbs(sr.tbs, 1, nMax, 1, bits) : nMax + 1;
  }
  return sr.nFit;
}

/**
 * Remember that a member passes the screen at no PRB count in [lo, hi] (it was screened at every
 * count there where its allocations change), in its screen's dead range: a later group on the same
 * row and range is then ruled out without a loop. Adjacent or overlapping ranges are merged;
 * otherwise the newer one replaces the older.
 */
function noteUnreliable(rel: Screen, lo: number, hi: number, nFit: number, nMax: number): void {
  // from the PRB count where the member's largest packet fits one TTI on, its allocations (hence its
  // screen) no longer change: a range reaching it holds for every larger count too
  if (hi >= nFit) hi = nMax;
  const dLo = rel.deadLo;
  const dHi = rel.deadHi;
  if (dLo <= dHi && dLo <= hi + 1 && lo <= dHi + 1) {
    rel.deadLo = Math.min(dLo, lo);
    rel.deadHi = Math.max(dHi, hi);
  } else {
    rel.deadLo = lo;
    rel.deadHi = hi;
  }
}

/** Error-free cost bound of a group at class size n without the factor r: Σ (packets/s)·PRBs·TTIs·12·L of each member's largest packet. */
function boundAt(ctx: PlanCtx, rw: TmRow, tti: PlanCtx['ttis'][number], n: number): number {
  let lb = 0;
  for (let si = 0; si < rw.svcRows.length; si++) {
    const sr = rw.svcRows[si]!;
    const nn = largestPrbs(sr, n);
    const bits = sr.sizesBits[sr.sizesBits.length - 1]!;
    lb += ctx.services[si]!.packetsPerS * Math.ceil(bits / sr.tbs[n]!) * nn * 12 * tti.ttiSymbols;
  }
  return lb;
}

/** suf[i] = min over change points cps[i..] of boundAt (index cps.length: +Infinity). */
function suffixMinBound(ctx: PlanCtx, rw: TmRow, tti: PlanCtx['ttis'][number], cps: Int32Array): Float64Array {
  const suf = f64Slab(cps.length + 1);
  suf[cps.length] = Number.POSITIVE_INFINITY;
  for (let i = cps.length - 1; i >= 0; i--) {
    const b = boundAt(ctx, rw, tti, cps[i]!);
    suf[i] = b < suf[i + 1]! ? b : suf[i + 1]!;
  }
  return suf;
}

/** 2..nMax (the PRB counts visited when rule 'identicalAllocations' is off). */
function everyPrb(nMax: number): Int32Array {
  const out = new Int32Array(Math.max(0, nMax - 1));
  for (let i = 0; i < out.length; i++) out[i] = i + 2;
  return out;
}

const ONE = Int32Array.of(1);
const NONE = new Int32Array(0);

/** Index of the first element of ascending `xs` greater than `x` (xs.length if none). */
function firstAbove(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The distinct non-negative values of `xs`, ascending. */
function distinctSorted(xs: Int32Array): Int32Array {
  // (a handful of values: insertion into a reused scratch array, no Set or temporary arrays)
  if (distinctScratch.length < xs.length) distinctScratch = new Int32Array(xs.length);
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x < 0) continue;
    let j = n;
    while (j > 0 && distinctScratch[j - 1]! > x) j--;
    if (j > 0 && distinctScratch[j - 1] === x) continue;
    distinctScratch.copyWithin(j + 1, j, n);
    distinctScratch[j] = x;
    n++;
  }
  return distinctScratch.subarray(0, n);
}
let distinctScratch = new Int32Array(16);

/**
 * Indices of `keys` (non-negative) in ascending key order, ties in index order. Up to 4096 keys, the
 * index is packed into the 12 low mantissa bits of each key and the packed doubles are sorted
 * natively (no comparator calls); a packed key is at most 2^-40 ≈ 9.1e-13 below its key, less than
 * the 1e-12 slack of every bound test in the search, so visiting groups in this order never lets
 * the lower-bound break skip a group that could still win.
 */
function ascendingOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const out = new Uint32Array(n);
  let packable = n <= 4096;
  for (let i = 0; i < n && packable; i++) packable = keys[i]! >= 0 && keys[i]! < Number.POSITIVE_INFINITY;
  if (!packable) {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
    out.set(idx);
    return out;
  }
  const packed = new Float64Array(n);
  const bits = new Uint32Array(packed.buffer);
  // little- or big-endian: the low mantissa word is the one that changes when 1 ulp is added
  const probe = new Float64Array([1]);
  const probeBits = new Uint32Array(probe.buffer);
  const w0 = probeBits[0]!;
  probe[0] = 1 + Number.EPSILON;
  const lowWord = probeBits[0] !== w0 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    packed[i] = keys[i]!;
    bits[2 * i + lowWord] = ((bits[2 * i + lowWord]! & ~0xfff) | i) >>> 0;
  }
  packed.sort();
  for (let i = 0; i < n; i++) out[i] = bits[2 * i + lowWord]! & 0xfff;
  return out;
}

/** Expected RE/s of a (TTI, MCS, r) class with allocations `al` and T transmissions: the cost of model.evaluateAllocated, which does not depend on mu or grant. */
function expectedCost(ctx: PlanCtx, m: McsInfo, r: Repetitions, tti: PlanCtx['ttis'][number], al: Float64Array, T: number): number {
  let cost = 0;
  let j = 0;
  for (const s of ctx.services) {
    let worstRe = 0;
    for (let q = 0; q < s.sizesBits.length; q++, j += 3) {
      // (the model's own expectedRe: compared with the best cost with a 1e-12 slack all the same)
      const re = expectedRe(errVector(ctx, m, al[j + 2]!, r), al[j + 1]!, al[j]!, tti.ttiSymbols, r, T);
      if (re > worstRe) worstRe = re;
    }
    cost += worstRe * s.packetsPerS;
  }
  return cost;
}

/** Timing facts of one (TTI, r) per (mu, grant) combination c = muIdx·|grants| + grantIdx. */
interface ComboTiming {
  /** L_1..L_4 (index 1..4), null when the latency model rejects the combination. */
  readonly L: (Float64Array | null)[];
  /** Per (c, service): the most segments of the service's largest packet whose first transmission fits. */
  readonly mMax: number[];
  /** Per c: T* — larger maximum transmission counts are dominated (same k for every size, more cost). */
  readonly tStar: number[];
  /** Per c: the most transmissions of a one-TTI packet that fit some service's deadline (0..4). */
  readonly kAny: number[];
}

function comboTiming(ctx: PlanCtx, tti: PlanCtx['ttis'][number], r: Repetitions): ComboTiming {
  const nGrant = ctx.grants.length;
  const ns = ctx.services.length;
  const nCombo = ctx.mus.length * nGrant;
  const L: (Float64Array | null)[] = [];
  // plain arrays: typed arrays above 64 bytes get their own off-heap buffer (µs each, see slabAllocator)
  const mMax = new Array<number>(nCombo * ns).fill(0);
  const tStar = new Array<number>(nCombo).fill(0);
  const kAnyC = new Array<number>(nCombo).fill(0);
  for (let muIdx = 0; muIdx < ctx.mus.length; muIdx++) {
    const mu = ctx.mus[muIdx]!;
    for (let grantIdx = 0; grantIdx < nGrant; grantIdx++) {
      const c = muIdx * nGrant + grantIdx;
      const Lv = latVector(ctx, mu, tti, ctx.grants[grantIdx]!);
      L.push(Lv);
      if (Lv === null) continue;
      for (let si = 0; si < ns; si++) {
        const s = ctx.services[si]!;
        mMax[c * ns + si] = s.deadlineMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : maxSegments(Lv[1]!, r, tti, mu, s.deadlineMs);
      }
      // HARQ transmissions beyond those that fit any service's deadline (one-TTI packet) are dominated
      let kAny = 0;
      for (const s of ctx.services) {
        let k = 0;
        for (let i = 1; i <= 4; i++) {
          // (with TIMING_SLACK above the deadline: k ≥ the model's k whatever the rounding)
          if (Lv[i]! + segmentSpanMs(tti, mu, i * (r - 1)) <= s.deadlineMs * TIMING_SLACK) k = i;
          else break;
        }
        if (k > kAny) kAny = k;
      }
      // T > T* (the smallest allowed T ≥ kAny) is dominated by T*: same k for every size, more cost
      let ts = Number.POSITIVE_INFINITY;
      for (const T of ctx.transmissions) if (T >= kAny && T < ts) ts = T;
      tStar[c] = ts;
      kAnyC[c] = kAny;
    }
  }
  return { L, mMax, tStar, kAny: kAnyC };
}

/**
 * Relative slack of the search's timing over-estimates (transmissions that can fit, most segments
 * that can fit): the search never relies on computing a latency bit for bit as the model does.
 */
const TIMING_SLACK = 1 + 1e-9;

/** Smallest n in [lo, hi] with ⌈bits/TBS(n)⌉ ≤ segs (hi if none earlier; TBS non-decreasing in n). */
function smallestPrbTbs(tbs: Float64Array, lo: number, hi: number, segs: number, bits: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.ceil(bits / tbs[mid]!) <= segs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const scratchCand: { -readonly [K in keyof Candidate]: Candidate[K] } = { muIdx: 0, ttiIdx: 0, mcsIdx: 0, rIdx: 0, grantIdx: 0, maxTx: 0, nPrb: 0 };

/** Per-(TTI, MCS) tables of one search (index = PRB count). */
interface TmRow {
  /** TBS at n PRBs (shared, read-only: tbsTable). */
  readonly tbs: Float64Array;
  /**
   * PRB counts n ≥ 2 at which some size's TTI count differs from that at n − 1, ascending (a group
   * row: the union of its members', formed on first use by rowCps — most groups are ruled out first).
   */
  changePoints: Int32Array | undefined;
  /** Allocations of every size of every member at class size n (single member: its own row's; a group row: on first use). */
  allocs: (Float64Array | undefined)[] | undefined;
  /** Per service: its row in the cache (change points, allocations, reliability). */
  readonly svcRows: readonly SvcRow[];
  /** Smallest n whose TBS carries the largest packet of the group in one TTI (nMax + 1: none); −1 unknown. */
  nFit: number;
  /** suffixMinBound of the row, for packets/s `sufPps` (−1: a group row, which lives one search) and TTI length `sufSymbols`. */
  suf: Float64Array | undefined;
  sufPps: number;
  sufSymbols: number;
}

/**
 * Per (TBS table, one service's sizes and epsilon): what does not depend on the rest of a group — the PRB
 * counts where one of its sizes changes TTI count, its allocations per class PRB count, and its
 * reliability screen per (error-model inputs, MCS, r, Tmax, epsilon). A group's change points are
 * the union of its members', its allocations the concatenation of theirs (allocations are per size),
 * and it passes the screen iff every member does. Pure and kept in the cache (bounded), so derive's group
 * plans reuse what the members' own plans computed.
 */
interface SvcRow {
  /** Process-wide serial number (never reused): the row's part of a screen key. */
  readonly id: number;
  readonly tbs: Float64Array;
  readonly sizesBits: Float64Array;
  readonly changePoints: Int32Array;
  /** Allocations by class size n (svcSlots: made on first use; 473 of a catalogue derive's 2,887 rows use them). */
  allocs: (Float64Array | undefined)[] | undefined;
  /** PRBs of the largest size's allocation at class size n (0 unknown; see largestPrbs). */
  readonly largestPrbs: Int16Array;
  /** The search row of a group made of this service alone (created on first use). */
  single: TmRow | undefined;
  /** Smallest class size at which the largest size fits one TTI (nMax + 1: never); −1 unknown. */
  nFit: number;
  /** windowBlocks' memo: [K'min, K'max, Cmin] of the largest size per PRB window (lo·4096 + hi). */
  readonly blocks: Map<number, Float64Array>;
}

/**
 * The row of a service (key: epsilon and sizes) on a TBS table (key: N_RE/PRB, Qm, R, layers, nMax),
 * from the cache (`PlannerCache.serviceRows`; emptied, with every screen keyed by a row, when full).
 */
function svcRowFor(cache: PlannerCache, svcKey: string, tKey: number, tbs: Float64Array, sizesBits: readonly number[]): SvcRow {
  const rowsBySvc = cache.serviceRows as Map<string, Map<number, SvcRow>>;
  const stats = cache.counters.serviceRows;
  let bySvc = rowsBySvc.get(svcKey);
  const hit = bySvc?.get(tKey);
  if (hit !== undefined) {
    stats.hits++;
    return hit;
  }
  stats.misses++;
  const row = newSvcRow(cache, tbs, sizesBits);
  if (stats.size >= cache.limits.serviceRows) {
    // (the screens go with the rows: they are keyed by row id)
    cache.clearServiceRows(true);
    bySvc = undefined;
  }
  if (bySvc === undefined) {
    bySvc = new Map();
    rowsBySvc.set(svcKey, bySvc);
  }
  bySvc.set(tKey, row);
  stats.size++;
  return row;
}

/**
 * A new row (svcRowFor's miss; its own function so that the lookup above, which runs far more often,
 * is optimised on its own and the change-point scan's loop is not recompiled with it).
 */
function newSvcRow(cache: PlannerCache, tbs: Float64Array, sizesBits: readonly number[]): SvcRow {
  const nMax = tbs.length - 1;
  const sizesDesc = Float64Array.from(sizesBits).sort().reverse();
  const cps: number[] = [];
  for (let n = 2; n <= nMax; n++) {
    const t0 = tbs[n - 1]!;
    const t1 = tbs[n]!;
    if (t0 === t1) continue;
    // sizes ≤ TBS(n − 1) take one TTI at both n − 1 and n: only the larger ones can change
    for (let j = 0; j < sizesDesc.length; j++) {
      const bits = sizesDesc[j]!;
      if (bits <= t0) break;
      if (Math.ceil(bits / t0) !== Math.ceil(bits / t1)) {
        cps.push(n);
        break;
      }
    }
  }
  return {
    id: cache.nextRowId++,
    tbs,
    sizesBits: Float64Array.from(sizesBits),
    changePoints: Int32Array.from(cps),
    allocs: undefined,
    largestPrbs: new Int16Array(nMax + 1),
    single: undefined,
    nFit: -1,
    blocks: new Map(),
  };
}

/**
 * PRBs of the largest size's allocation at class size n (the packet rule of allocationsAt for that
 * size alone: ⌈S/TBS(n)⌉ segments on the fewest PRBs that carry them), memoised in the row.
 */
function largestPrbs(sr: SvcRow, n: number): number {
  let nn = sr.largestPrbs[n]!;
  if (nn === 0) {
    const bits = sr.sizesBits[sr.sizesBits.length - 1]!;
    nn = smallestPrbTbs(sr.tbs, 1, n, Math.ceil(bits / sr.tbs[n]!), bits);
    sr.largestPrbs[n] = nn;
  }
  return nn;
}

/**
 * [K'min, K'max, Cmin] (TS 38.212 §5.2.2) over the transport blocks the largest size takes at class
 * sizes lo..hi of a row: one per run of equal allocations (run starts: 1 and the change points).
 * Memoised per window in the row (pure: the row fixes TBS table, sizes and hence the code rate).
 */
function windowBlocks(sr: SvcRow, rateX1024: number, lo: number, hi: number): Float64Array {
  const key = lo * 4096 + hi;
  const hit = sr.blocks.get(key);
  if (hit !== undefined) return hit;
  const out = Float64Array.of(Number.POSITIVE_INFINITY, 0, Number.POSITIVE_INFINITY);
  const cps = sr.changePoints;
  // the run holding lo starts at the last change point ≤ lo (or 1); then every change point ≤ hi
  let ci = firstAbove(cps, lo) - 1;
  for (let start = ci < 0 ? 1 : cps[ci]!; start <= hi; start = ++ci < cps.length ? cps[ci]! : hi + 1) {
    const c = ldpcBlocks(sr.tbs[largestPrbs(sr, start)]!, rateX1024);
    const k = ldpcBlocks.kPrime;
    if (k < out[0]!) out[0] = k;
    if (k > out[1]!) out[1] = k;
    if (c < out[2]!) out[2] = c;
  }
  if (sr.blocks.size > 4096) sr.blocks.clear();
  sr.blocks.set(key, out);
  return out;
}

/** An array of n empty slots that stays packed (filled with undefined, not holes) for fast indexing. */
function denseSlots(n: number): (Float64Array | undefined)[] {
  return new Array<Float64Array | undefined>(n).fill(undefined);
}

/** The row's allocation slots (index n = 0..nMax), made on first use. */
function svcSlots(sr: SvcRow): (Float64Array | undefined)[] {
  return sr.allocs ?? (sr.allocs = denseSlots(sr.tbs.length));
}

function svcAllocs(sr: SvcRow, n: number): Float64Array {
  const slots = svcSlots(sr);
  let al = slots[n];
  if (al === undefined) {
    al = allocationsAt(sr.tbs, n, sr.sizesBits);
    slots[n] = al;
  }
  return al;
}

/**
 * The reliability screen of one service row for one (error-model inputs, MCS, r, Tmax): what the
 * search proved about the row's PRB counts.
 */
interface Screen {
  /** A range of PRB counts proven to contain no reliable one (see noteUnreliable); empty when lo > hi. */
  deadLo: number;
  deadHi: number;
  /** The PRB window for which the group bounds were last tried (0, 0: none). */
  triedLo: number;
  triedHi: number;
  /**
   * The PRB counts n screened so far, each as n·4 + mark (mark 1: every size of the row meets
   * epsilon with Tmax transmissions at n; 2: not); read by screenMark. A list, not an array over
   * 1..nMax: a screen marks about 4 counts (at most ~50; a catalogue derive: 27k marks over 7k
   * screens), and the bytes of per-PRB arrays — their ArrayBuffers — cost 5–6 % of a plan (measured).
   * Made when the search first screens a PRB count: most screens are settled by their bounds alone.
   */
  marks: number[] | undefined;
}

/**
 * The screens of one set of error-model inputs (`LinkTables.screens` of the cache), by service row
 * and (MCS, r, Tmax) in one flat map. Looked up once per search; a row's screens die with the link's
 * tables and with the rows (PlannerCache.clearServiceRows).
 */
type LinkScreens = Map<number, Screen>;
/** Screen keys: row id·2^14 + (MCS, r, Tmax) key (< 2^14). Small integers while ids stay below 2^16. */
const SCREEN_KEY_ROW = 16384;

function svcRelFor(cache: PlannerCache, screens: LinkScreens, sr: SvcRow, key: number): Screen {
  const k = sr.id * SCREEN_KEY_ROW + key;
  let a = screens.get(k);
  const stats = cache.counters.screens;
  if (a === undefined) {
    stats.misses++;
    if (stats.size >= cache.limits.screens) {
      for (const t of cache.links.values()) t.screens.clear();
      screens.clear();
      stats.size = 0;
      stats.evictions++;
    }
    a = { deadLo: 1, deadHi: 0, triedLo: 0, triedHi: 0, marks: undefined };
    screens.set(k, a);
    stats.size++;
  } else stats.hits++;
  return a;
}

/** A screen's mark at PRB count n: 1 reliable, 2 not, 0 not screened yet. */
function screenMark(rel: Screen, n: number): number {
  const marks = rel.marks;
  if (marks === undefined) return 0;
  for (let i = 0; i < marks.length; i++) {
    const x = marks[i]!;
    if (x >> 2 === n) return x & 3;
  }
  return 0;
}

/**
 * An allocator of fresh typed arrays carved out of shared slabs: a typed array above 64 bytes gets
 * its own off-heap buffer, which costs 1–3 µs to allocate (measured) and GC work to track; a view
 * on a slab costs ~0.2 µs. For a group of services the search creates change points per row and
 * allocations per PRB count, so this matters. A slab lives as long as any of its views (reachable
 * only through the bounded memos). Views start zero-filled. Slabs are 32 kB, below glibc's mmap
 * threshold (128 kB), which a larger slab would be mapped and unmapped at, each time.
 */
function slabAllocator<T extends Int32Array | Float64Array>(make: (n: number) => T, size: number): (n: number) => T {
  let buf = make(size);
  let off = 0;
  return (n: number): T => {
    if (n > size) return make(n);
    if (off + n > size) {
      buf = make(size);
      off = 0;
    }
    const a = buf.subarray(off, off + n) as T;
    off += n;
    return a;
  };
}
const SLAB_BYTES = 1 << 15;
const f64Slab = slabAllocator((n) => new Float64Array(n), SLAB_BYTES / 8);
const i32Slab = slabAllocator((n) => new Int32Array(n), SLAB_BYTES / 4);
/** newRow's scratch: change points of a group's members, marked by PRB count (all 0 between calls). */
let unionScratch = new Uint8Array(0);

function groupAllocs(svcRows: readonly SvcRow[], n: number, nSizes: number): Float64Array {
  if (svcRows.length === 1) return svcAllocs(svcRows[0]!, n);
  const out = f64Slab(3 * nSizes);
  let off = 0;
  for (const sr of svcRows) {
    const a = svcAllocs(sr, n);
    out.set(a, off);
    off += a.length;
  }
  return out;
}

function newRow(tbs: Float64Array, svcRows: readonly SvcRow[]): TmRow {
  if (svcRows.length === 1) {
    // one member: the row is the member's own (its allocations are the group's), kept with it
    const sr = svcRows[0]!;
    if (sr.single === undefined) sr.single = { tbs, changePoints: sr.changePoints, allocs: sr.allocs, svcRows, nFit: -1, suf: undefined, sufPps: 0, sufSymbols: 0 };
    return sr.single;
  }
  return { tbs, changePoints: undefined, allocs: undefined, svcRows, nFit: -1, suf: undefined, sufPps: 0, sufSymbols: 0 };
}

/** The row's change points; a group row's are the union of its members' (ascending), formed here on first use. */
function rowCps(rw: TmRow): Int32Array {
  if (rw.changePoints !== undefined) return rw.changePoints;
  // PRB counts 2..nMax marked, then collected
  const nMax = rw.tbs.length - 1;
  const mark = unionScratch.length > nMax ? unionScratch : (unionScratch = new Uint8Array(nMax + 1));
  let total = 0;
  for (const sr of rw.svcRows) {
    const cps = sr.changePoints;
    for (let i = 0; i < cps.length; i++) {
      const n = cps[i]!;
      if (mark[n] === 0) {
        mark[n] = 1;
        total++;
      }
    }
  }
  const changePoints = i32Slab(total);
  let k = 0;
  for (let n = 2; k < total; n++) {
    if (mark[n] === 1) {
      changePoints[k++] = n;
      mark[n] = 0;
    }
  }
  rw.changePoints = changePoints;
  return changePoints;
}

function tbsKeyOf(nRePerPrb: number, qm: number, rateX1024: number, nLayers: number): number {
  return ((nRePerPrb * 16 + qm) * 8192 + rateX1024 * 8) * 8 + nLayers;
}

/** TBS(n) for n = 0..nMax (index 0 unused) of one (N_RE/PRB, Qm, R, layers): pure, cached in `cache.tbsTables`. */
function tbsTable(cache: PlannerCache, nRePerPrb: number, qm: number, rateX1024: number, nLayers: number, nMax: number): Float64Array {
  const key = tbsKeyOf(nRePerPrb, qm, rateX1024, nLayers);
  const stats = cache.counters.tbsTables;
  const hit = cache.tbsTables.get(key);
  if (hit !== undefined && hit.length >= nMax + 1) {
    stats.hits++;
    return hit.length === nMax + 1 ? hit : hit.subarray(0, nMax + 1);
  }
  stats.misses++;
  const t = newTbsTable(nRePerPrb, qm, rateX1024, nLayers, nMax);
  boundedSet(cache.tbsTables, stats, cache.limits.tbsTables, key, t);
  return t;
}

/** TBS at 0..nMax PRBs (tbsTable's miss, in its own function for the reason given at newSvcRow). */
function newTbsTable(nRePerPrb: number, qm: number, rateX1024: number, nLayers: number, nMax: number): Float64Array {
  const t = new Float64Array(nMax + 1);
  for (let n = 1; n <= nMax; n++) t[n] = tbsFromRe(nRePerPrb * n, qm, rateX1024, nLayers);
  return t;
}

/**
 * Whether every size of service `s` (allocations `al`, its own sizes only) could meet its epsilon
 * with `tMax` transmissions inside the deadline: the
 * same miss formula as model.evaluate with e_k replaced by e_tMax ≤ e_k (k ≤ T ≤ tMax). When false,
 * evaluate rejects every (mu, grant, T) at these allocations for reliability (or latency).
 */
function reliableAtBest1(ctx: PlanCtx, m: McsInfo, r: Repetitions, s: PlanCtx['services'][number], al: Float64Array, tMax: number): boolean {
  const anyDep = segmentFadesMayDepend(ctx.link);
  // largest size first: it has the most segments, so it is the likeliest to fail (one screen, not several)
  for (let q = s.sizesBits.length - 1, j = 3 * q; q >= 0; q--, j -= 3) {
    const segs = al[j + 1]!;
    // e_k above the largest e that meets epsilon over segs segments (with a 1e-9 relative margin for
    // rounding) surely fails: proven by errExceeds, usually without the whole error vector
    if (errExceeds(ctx, m, al[j + 2]!, r, tMax, failThreshold(s.epsilon, segs, anyDep))) return false;
    // the model's own miss formula (definition.classicMissProbability: the union bound where the segments'
    // fades may depend) with a relative slack: the screen never relies on rounding the same way as the
    // evaluation (e_k ≥ e_tMax for k ≤ tMax)
    const ek = errVector(ctx, m, al[j + 2]!, r)[tMax]!;
    if (!(classicMissProbability(ek, segs, anyDep) <= s.epsilon * (1 + 1e-9))) return false;
  }
  return true;
}

/**
 * 1e-9 above the largest e_k with 1 − (1 − e_k)^segs ≤ epsilon (with `anyDependence`, the union bound
 * segs·e_k ≤ epsilon: e_k ≤ epsilon/segs); memoised for the last epsilon, segs ≤ 256.
 */
function failThreshold(epsilon: number, segs: number, anyDependence: boolean): number {
  if (anyDependence) return (epsilon / segs) * (1 + 1e-9);
  if (epsilon !== thrEpsilon) {
    thrEpsilon = epsilon;
    thrBySegs.fill(Number.NaN);
  }
  if (segs > 256) return -Math.expm1(Math.log1p(-epsilon) / segs) * (1 + 1e-9);
  let t = thrBySegs[segs]!;
  if (t !== t) {
    t = -Math.expm1(Math.log1p(-epsilon) / segs) * (1 + 1e-9);
    thrBySegs[segs] = t;
  }
  return t;
}
let thrEpsilon = Number.NaN;
const thrBySegs = new Float64Array(257).fill(Number.NaN);

/**
 * (PRBs, TTIs, TBS) of every size for a class of `classPrb` PRBs — the packet rule of
 * allocationFor / model.alloc on a precomputed TBS table (tbs[n] = TBS at n PRBs).
 */
function allocationsAt(tbs: Float64Array, classPrb: number, allBits: Float64Array): Float64Array {
  const out = new Float64Array(3 * allBits.length);
  const tbsMax = tbs[classPrb]!;
  for (let j = 0; j < allBits.length; j++) {
    const bits = allBits[j]!;
    const segs = Math.ceil(bits / tbsMax);
    let lo = 1;
    let hi = classPrb;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segs * tbs[mid]! >= bits) hi = mid;
      else lo = mid + 1;
    }
    out[3 * j] = lo;
    out[3 * j + 1] = segs;
    out[3 * j + 2] = tbs[lo]!;
  }
  return out;
}

/**
 * An upper bound of the largest m with lat_1(m) = L1 + span((m−1)·r + (r−1)) ≤ D (span
 * non-decreasing in m, lemma spanNonDecreasing: bisection), capped at 1e9; 0 when even m = 1 is
 * late. Compared with D·TIMING_SLACK, so it is never below the model's m whatever the rounding of
 * either computation (it only widens the PRB window).
 */
function maxSegments(L1: number, r: number, tti: PlanCtx['ttis'][number], mu: PlanCtx['mus'][number], deadlineIn: number): number {
  const deadlineMs = deadlineIn * TIMING_SLACK;
  const lat = (mm: number): number => L1 + segmentSpanMs(tti, mu, (mm - 1) * r + 1 * (r - 1));
  if (lat(1) > deadlineMs) return 0;
  let lo = 1;
  // span(s) ≥ (⌊s/n⌋)·P symbols, so the steps that fit are fewer than n·(budget/P + 1): a bracket
  // for m a few bisection steps wide instead of 1e9
  const n = tti.occ.starts.length;
  const budgetSym = ((deadlineMs - L1) * 14) / mu.slotMs;
  const stepsMax = n * (Math.floor(budgetSym / tti.occ.periodSymbols) + 2);
  let hi = Number.isFinite(stepsMax) ? Math.min(1e9, Math.floor((stepsMax - (r - 1)) / r) + 2) : 1e9;
  if (hi < 2) hi = 2;
  if (lat(hi) <= deadlineMs) hi = 1e9; // (never: the bracket holds every m that fits; kept for safety)
  if (lat(hi) <= deadlineMs) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (lat(mid) <= deadlineMs) lo = mid;
    else hi = mid;
  }
  return lo;
}

