/**
 * classes/planner: `plan(service, link, opts?)` — the least-cost PHY class that meets a service's
 * reliability and latency target on a link, or an `Infeasible` naming the binding constraint
 * (issue 5 §3; spec/planner.md §3–§6).
 *
 * Search space: allowed mu × TTI (type A 14, type B 7/4/2 symbols) × MCS tables × MCS ×
 * HARQ 1..4 × repetition 1/2/4/8 × grant (UL configured/dynamic/sr; DL dynamic) × PRBs.
 * The constraint and cost model is in model.ts. The search is exact branch and bound:
 *  - groups (TTI, MCS, repetition) are visited in increasing order of a cost lower bound
 *    (TBS ≤ 1.07·N_info + 24 ⇒ PRB·TTIs ≥ S/(1.07·a + 24)) and the search stops when the bound
 *    exceeds the best cost found;
 *  - HARQ transmissions beyond those that fit the deadline are dominated (same reliability,
 *    more cost);
 *  - PRB counts are limited to [n_lo, n_hi]: n_lo by binary search on TBS (monotone in PRBs) so
 *    that the largest packet's first transmission fits the deadline, n_hi where the largest
 *    packet fits in one TTI (beyond it allocations no longer change);
 *  - PRB counts that leave every packet's TTI count unchanged give identical outcomes and are
 *    skipped.
 * `exhaustivePlan` is the brute-force reference the property tests compare against.
 */
import * as E from 'fp-ts/lib/Either.js';
import { channelBandwidthsMHz } from '../nr/carrier.js';
import { numerology } from '../nr/numerology.js';
import { tbsFromRe } from '../nr/tbs.js';
import { allowedMuFor, FR_MU, type LinkContext, defaultLink } from './link.js';
import {
  better,
  errVector,
  evaluate,
  evaluateAllocated,
  latVector,
  makeCtx,
  TBS_UB_SLOPE,
  type Candidate,
  type McsInfo,
  type Outcome,
  type PlanCtx,
  type PlannableService,
} from './model.js';
import type { Infeasible, PhyClass, PlanOptions, Relaxation, Repetitions } from './types.js';

/** Best candidate of a search, with its outcome. */
export interface SearchResult {
  /** The least-cost feasible candidate found. */
  readonly candidate: Candidate;
  /** Its evaluated outcome (cost, latency, margin, load). */
  readonly outcome: Outcome;
}

/** Statistics of the last search (for benchmarks and the spec's measured figures). */
export interface SearchStats {
  /** (TTI, MCS, repetition) groups in the search space. */
  groups: number;
  /** Groups visited before the lower bound pruned the rest. */
  groupsVisited: number;
  /** Candidates fully evaluated. */
  evaluations: number;
}

/**
 * Exact branch-and-bound search (see header). With `costCeiling`, only classes costing at most the
 * ceiling are looked for: the answer is the exact best when its cost is ≤ the ceiling, else null.
 */
export function searchBest(ctx: PlanCtx, stats?: SearchStats, costCeiling = Number.POSITIVE_INFINITY): SearchResult | null {
  const groups: { ttiIdx: number; mcsIdx: number; rIdx: number; lb: number }[] = [];
  for (let ttiIdx = 0; ttiIdx < ctx.ttis.length; ttiIdx++) {
    const tti = ctx.ttis[ttiIdx]!;
    for (let mcsIdx = 0; mcsIdx < ctx.mcsList.length; mcsIdx++) {
      const m = ctx.mcsList[mcsIdx]!;
      const a = (tti.nRePerPrb * m.qm * m.rateX1024 * ctx.nLayers) / 1024;
      for (let rIdx = 0; rIdx < ctx.reps.length; rIdx++) {
        const r = ctx.reps[rIdx]!;
        let lb = 0;
        // m·n ≥ S/(1.07·a + 24) (TBS bound) and m·n ≥ 1 (at least one PRB in one TTI)
        for (const s of ctx.services) lb += s.packetsPerS * 12 * tti.ttiSymbols * r * Math.max(1, s.maxBits / (TBS_UB_SLOPE * a + 24));
        groups.push({ ttiIdx, mcsIdx, rIdx, lb });
      }
    }
  }
  groups.sort((x, y) => x.lb - y.lb || x.ttiIdx - y.ttiIdx || x.mcsIdx - y.mcsIdx || x.rIdx - y.rIdx);
  if (stats) stats.groups = groups.length;
  let best: SearchResult | null = null;
  const maxBitsAll = Math.max(0, ...ctx.services.map((s) => s.maxBits));
  const nSizes = ctx.services.reduce((acc, s) => acc + s.sizesBits.length, 0);
  const allBits = new Float64Array(nSizes);
  {
    let j = 0;
    for (const s of ctx.services) for (const bits of s.sizesBits) allBits[j++] = bits;
  }
  const svcKeys = ctx.services.map((s) => `${s.epsilon}|${s.sizesBits.join(',')}`);
  let nMax = 0;
  for (const mu of ctx.mus) if (mu.maxPrb > nMax) nMax = mu.maxPrb;
  const tMaxAll = Math.max(...ctx.transmissions);
  // per (TTI, MCS), shared by its repetition groups, filled lazily, indexed by PRB count n:
  // TBS(n); whether some size's TTI count differs from n − 1; allocations of every size;
  // error-free cost of the largest packets without the factor r
  const rows = new Map<number, TmRow>();
  const svcRowsByKey = new Map<number, { tbs: Float64Array; svcRows: SvcRow[] }>();
  for (const g of groups) {
    if (g.lb * (1 - 1e-12) > (best === null ? costCeiling : best.outcome.cost)) break;
    if (stats) stats.groupsVisited++;
    const tti = ctx.ttis[g.ttiIdx]!;
    const m = ctx.mcsList[g.mcsIdx]!;
    const r = ctx.reps[g.rIdx]!;
    const rowKey = g.ttiIdx * 1024 + g.mcsIdx;
    let svcEntry = svcRowsByKey.get(rowKey);
    if (svcEntry === undefined) {
      const tbs = tbsTable(tti.nRePerPrb, m.qm, m.rateX1024, ctx.nLayers, nMax);
      const tKey = `${tbsKeyOf(tti.nRePerPrb, m.qm, m.rateX1024, ctx.nLayers)}|${nMax}|`;
      svcEntry = { tbs, svcRows: ctx.services.map((s, i) => svcRowFor(tKey + svcKeys[i]!, tbs, s.sizesBits)) };
      svcRowsByKey.set(rowKey, svcEntry);
    }
    const svcRows = svcEntry.svcRows;
    // per member: reliability at the most transmissions, by class PRB count (process-wide, pure)
    const relKey = ((m.tableIdx * 32 + m.mcs) * 8 + r) * 8 + tMaxAll;
    const svcRel = svcRows.map((sr) => svcRelFor(sr, ctx.errByMcsRep, relKey, nMax));
    // a group of services: when one member passes the reliability screen at no PRB count, neither
    // does the group (it passes at n iff every member does), so the whole (TTI, MCS, r) is skipped
    if (ctx.services.length > 1) {
      let none = false;
      for (let si = 0; si < svcRel.length && !none; si++) none = !reliableAnywhere(ctx, m, r, ctx.services[si]!, svcRows[si]!, svcRel[si]!, tMaxAll);
      if (none) continue;
    }
    let row = rows.get(rowKey);
    if (row === undefined) {
      row = newRow(svcEntry.tbs, svcRows, ctx.services.length);
      rows.set(rowKey, row);
    }
    const rw = row;
    const tbsArr = rw.tbs;
    const tbsAt = (n: number): number => tbsArr[n]!;
    // 1 if every size meets its epsilon with the most transmissions allowed (e_Tmax: e_k is
    // non-increasing in k, so otherwise no mu, grant or T at this PRB count can), 0 if not, −1 unknown
    let relOk: Int8Array | undefined;
    for (let muIdx = 0; muIdx < ctx.mus.length; muIdx++) {
      const mu = ctx.mus[muIdx]!;
      const ttiEff = (tti.ttiSymbols * mu.slotMs) / 14 / mu.duty;
      // n_hi: the largest packet fits one TTI (or the carrier is full)
      let nHi = mu.maxPrb;
      if (tbsAt(mu.maxPrb) >= maxBitsAll) nHi = smallestPrb(1, mu.maxPrb, (n) => tbsAt(n) >= maxBitsAll);
      for (let grantIdx = 0; grantIdx < ctx.grants.length; grantIdx++) {
        const L = latVector(ctx, mu, tti, ctx.grants[grantIdx]!);
        if (L === null) continue;
        // n_lo: every service's largest packet completes its first transmission in time
        let nLo = 1;
        let ok = true;
        for (const s of ctx.services) {
          if (s.deadlineMs === Number.POSITIVE_INFINITY) continue;
          const mMax = maxSegments(L[1]!, r, ttiEff, s.deadlineMs);
          if (mMax < 1) {
            ok = false;
            break;
          }
          if (Math.ceil(s.maxBits / tbsAt(mu.maxPrb)) > mMax) {
            ok = false;
            break;
          }
          const lo = smallestPrb(1, mu.maxPrb, (n) => Math.ceil(s.maxBits / tbsAt(n)) <= mMax);
          if (lo > nLo) nLo = lo;
        }
        if (!ok) continue;
        const hi = Math.max(nHi, nLo);
        // diagnosis mode (no deadline): only the widest allocation (fewest segments) is tried
        if (ctx.ignoreDeadline) nLo = hi;
        // HARQ transmissions beyond those that fit any service's deadline (one-TTI packet) are dominated
        let kAny = 0;
        for (const s of ctx.services) {
          let k = 0;
          for (let i = 1; i <= 4; i++) {
            if (L[i]! + i * (r - 1) * ttiEff <= s.deadlineMs) k = i;
            else break;
          }
          if (k > kAny) kAny = k;
        }
        // T > T* (the smallest allowed T ≥ kAny) is dominated by T*: same k for every size, more cost
        let tStar = Number.POSITIVE_INFINITY;
        for (const T of ctx.transmissions) if (T >= kAny && T < tStar) tStar = T;
        // PRB counts whose TTI count per size equals that of n − 1 give identical allocations
        // (hence outcomes) and are skipped: only nLo and the change points above it are evaluated
        const cps = rw.changePoints;
        // first change point above nLo (cps ascending)
        let ci = 0;
        {
          let lo = 0;
          let hiC = cps.length;
          while (lo < hiC) {
            const mid = (lo + hiC) >>> 1;
            if (cps[mid]! <= nLo) lo = mid + 1;
            else hiC = mid;
          }
          ci = lo;
        }
        for (let n = nLo; n <= hi; n = ci < cps.length ? cps[ci++]! : hi + 1) {
          const cap = best === null ? costCeiling : best.outcome.cost;
          if (cap < Number.POSITIVE_INFINITY) {
            // cost bound without errors (E[T] ≥ 1): the largest packet's PRB·TTIs at this class size
            // (with a 1e-12 relative slack: the bound's rounding must never prune a tie)
            // per service: the error-free cost of its largest packet
            const ns = ctx.services.length;
            let lb = 0;
            if (rw.lbTerms[n * ns] !== rw.lbTerms[n * ns]) {
              const t = tbsAt(n);
              for (let si = 0; si < ns; si++) {
                const s = ctx.services[si]!;
                const segs = Math.ceil(s.maxBits / t);
                const nn = smallestPrb(1, n, (k) => segs * tbsAt(k) >= s.maxBits);
                rw.lbTerms[n * ns + si] = s.packetsPerS * segs * nn * 12 * tti.ttiSymbols;
              }
            }
            for (let si = 0; si < ns; si++) lb += rw.lbTerms[n * ns + si]! * r;
            if (lb * (1 - 1e-12) > cap) continue;
          }
          if (relOk === undefined) relOk = new Int8Array(nMax + 1).fill(-1);
          if (relOk[n] === -1) {
            // the group is reliable at n iff every member is (each member's sizes, allocations and
            // epsilon are its own): the same check as reliableAtBest, split per service and memoised
            let ok: 0 | 1 = 1;
            for (let si = 0; si < svcRel.length; si++) {
              const rel = svcRel[si]!;
              if (rel[n] === -1) rel[n] = reliableAtBest1(ctx, m, r, ctx.services[si]!, svcAllocs(rw.svcRows[si]!, n), tMaxAll) ? 1 : 0;
              if (rel[n] === 0) {
                ok = 0;
                break;
              }
            }
            relOk[n] = ok;
          }
          if (relOk[n] === 0) continue;
          let al = rw.allocs[n];
          if (al === undefined) {
            al = groupAllocs(rw.svcRows, n, allBits.length);
            rw.allocs[n] = al;
          }
          for (const T of ctx.transmissions) {
            if (T > tStar) continue;
            // one scratch candidate, copied only when it becomes the best (no garbage per evaluation)
            const cand = scratchCand;
            cand.muIdx = muIdx;
            cand.ttiIdx = g.ttiIdx;
            cand.mcsIdx = g.mcsIdx;
            cand.rIdx = g.rIdx;
            cand.grantIdx = grantIdx;
            cand.maxTx = T;
            cand.nPrb = n;
            if (stats) stats.evaluations++;
            const out = evaluateAllocated(ctx, cand, al, best === null ? costCeiling : best.outcome.cost);
            if (!out.feasible) continue;
            if (best === null || better(out, cand, best.outcome, best.candidate)) best = { candidate: { ...cand }, outcome: out };
          }
        }
      }
    }
  }
  return best;
}

const scratchCand: { -readonly [K in keyof Candidate]: Candidate[K] } = { muIdx: 0, ttiIdx: 0, mcsIdx: 0, rIdx: 0, grantIdx: 0, maxTx: 0, nPrb: 0 };

/** Per-(TTI, MCS) tables of the search (index = PRB count). */
interface TmRow {
  /** TBS at n PRBs (shared, read-only: tbsTable). */
  readonly tbs: Float64Array;
  /** PRB counts n ≥ 2 at which some size's TTI count differs from that at n − 1, ascending. */
  readonly changePoints: Int32Array;
  readonly allocs: (Float64Array | undefined)[];
  /** Per (n, service): error-free cost of its largest packet at n PRBs, without the factor r (NaN unknown). */
  readonly lbTerms: Float64Array;
  /** Per service: its process-wide row (change points, allocations, reliability). */
  readonly svcRows: readonly SvcRow[];
}

/**
 * Per (TBS table, one service's sizes and epsilon): what does not depend on the rest of a group — the PRB
 * counts where one of its sizes changes TTI count, its allocations per class PRB count, and its
 * reliability screen per (error-model inputs, MCS, r, Tmax, epsilon). A group's change points are
 * the union of its members', its allocations the concatenation of theirs (allocations are per size),
 * and it passes the screen iff every member does. Pure and process-wide (bounded), so derive's group
 * plans reuse what the members' own plans computed.
 */
interface SvcRow {
  readonly tbs: Float64Array;
  readonly sizesBits: Float64Array;
  readonly changePoints: Int32Array;
  readonly allocs: (Float64Array | undefined)[];
  /** Screen by class PRB count (index 0: any n passes), per error-model table and (MCS, r, Tmax). */
  readonly rel: WeakMap<object, Map<number, Int8Array>>;
}

const SVC_ROWS = new Map<string, SvcRow>();
const SVC_ROWS_MAX = 50_000;

function svcRowFor(key: string, tbs: Float64Array, sizesBits: readonly number[]): SvcRow {
  const hit = SVC_ROWS.get(key);
  if (hit !== undefined) return hit;
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
  const row: SvcRow = { tbs, sizesBits: Float64Array.from(sizesBits), changePoints: Int32Array.from(cps), allocs: [], rel: new WeakMap() };
  if (SVC_ROWS.size >= SVC_ROWS_MAX) SVC_ROWS.clear();
  SVC_ROWS.set(key, row);
  return row;
}

function svcAllocs(sr: SvcRow, n: number): Float64Array {
  let al = sr.allocs[n];
  if (al === undefined) {
    al = allocationsAt(sr.tbs, n, sr.sizesBits);
    sr.allocs[n] = al;
  }
  return al;
}

function svcRelFor(sr: SvcRow, errTable: object, key: number, nMax: number): Int8Array {
  let byKey = sr.rel.get(errTable);
  if (byKey === undefined) {
    byKey = new Map();
    sr.rel.set(errTable, byKey);
  }
  let a = byKey.get(key);
  if (a === undefined) {
    a = new Int8Array(nMax + 1).fill(-1);
    byKey.set(key, a);
  }
  return a;
}

/**
 * Whether the member passes the reliability screen at some class PRB count 1..nMax. Its allocations
 * (hence its screen) only change at its own change points, so n = 1 and those are enough; every n
 * checked fills its whole run of equal allocations in `rel`. Memoised in rel[0] (1 yes, 0 no).
 */
function reliableAnywhere(ctx: PlanCtx, m: McsInfo, r: Repetitions, s: PlanCtx['services'][number], sr: SvcRow, rel: Int8Array, tMax: number): boolean {
  if (rel[0] !== -1) return rel[0] === 1;
  const cps = sr.changePoints;
  const nMax = rel.length - 1;
  let any = false;
  for (let ci = -1; ci < cps.length; ci++) {
    const start = ci < 0 ? 1 : cps[ci]!;
    const end = ci + 1 < cps.length ? cps[ci + 1]! - 1 : nMax;
    let v = rel[start]!;
    if (v === -1) v = reliableAtBest1(ctx, m, r, s, svcAllocs(sr, start), tMax) ? 1 : 0;
    for (let n = start; n <= end; n++) rel[n] = v;
    if (v === 1) {
      any = true;
      break;
    }
  }
  rel[0] = any ? 1 : 0;
  return any;
}

function groupAllocs(svcRows: readonly SvcRow[], n: number, nSizes: number): Float64Array {
  if (svcRows.length === 1) return svcAllocs(svcRows[0]!, n);
  const out = new Float64Array(3 * nSizes);
  let off = 0;
  for (const sr of svcRows) {
    const a = svcAllocs(sr, n);
    out.set(a, off);
    off += a.length;
  }
  return out;
}

function newRow(tbs: Float64Array, svcRows: readonly SvcRow[], nServices: number): TmRow {
  const nMax = tbs.length - 1;
  let changePoints: Int32Array;
  if (svcRows.length === 1) changePoints = svcRows[0]!.changePoints;
  else {
    const mark = new Uint8Array(nMax + 1);
    for (const sr of svcRows) for (const n of sr.changePoints) mark[n] = 1;
    const cps: number[] = [];
    for (let n = 2; n <= nMax; n++) if (mark[n] === 1) cps.push(n);
    changePoints = Int32Array.from(cps);
  }
  return {
    tbs,
    changePoints,
    allocs: [],
    lbTerms: new Float64Array((nMax + 1) * nServices).fill(Number.NaN),
    svcRows,
  };
}

function tbsKeyOf(nRePerPrb: number, qm: number, rateX1024: number, nLayers: number): number {
  return ((nRePerPrb * 16 + qm) * 8192 + rateX1024 * 8) * 8 + nLayers;
}

/** TBS(n) for n = 0..nMax (index 0 unused) of one (N_RE/PRB, Qm, R, layers): pure, cached process-wide. */
const TBS_TABLES = new Map<number, Float64Array>();
function tbsTable(nRePerPrb: number, qm: number, rateX1024: number, nLayers: number, nMax: number): Float64Array {
  const key = tbsKeyOf(nRePerPrb, qm, rateX1024, nLayers);
  const hit = TBS_TABLES.get(key);
  if (hit !== undefined && hit.length >= nMax + 1) return hit.length === nMax + 1 ? hit : hit.subarray(0, nMax + 1);
  const t = new Float64Array(nMax + 1);
  for (let n = 1; n <= nMax; n++) t[n] = tbsFromRe(nRePerPrb * n, qm, rateX1024, nLayers);
  if (TBS_TABLES.size > 20_000) TBS_TABLES.clear();
  TBS_TABLES.set(key, t);
  return t;
}

/**
 * Whether every size of service `s` (allocations `al`, its own sizes only) could meet its epsilon
 * with `tMax` transmissions inside the deadline: the
 * same miss formula as model.evaluate with e_k replaced by e_tMax ≤ e_k (k ≤ T ≤ tMax). When false,
 * evaluate rejects every (mu, grant, T) at these allocations for reliability (or latency).
 */
function reliableAtBest1(ctx: PlanCtx, m: McsInfo, r: Repetitions, s: PlanCtx['services'][number], al: Float64Array, tMax: number): boolean {
  for (let q = 0, j = 0; q < s.sizesBits.length; q++, j += 3) {
    const segs = al[j + 1]!;
    const ek = errVector(ctx, m, al[j + 2]!, r)[tMax]!;
    const miss = ek >= 1 ? 1 : -Math.expm1(segs * Math.log1p(-ek));
    if (!(miss <= s.epsilon)) return false;
  }
  return true;
}

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

/** Largest m with lat_1(m) = L1 + ((m−1)·r + (r−1))·ttiEff ≤ D, evaluated exactly as model.evaluate does. */
function maxSegments(L1: number, r: number, ttiEff: number, deadlineMs: number): number {
  const lat = (mm: number): number => L1 + ((mm - 1) * r + 1 * (r - 1)) * ttiEff;
  if (lat(1) > deadlineMs) return 0;
  let m = Math.max(1, Math.floor(((deadlineMs - L1) / ttiEff - (r - 1)) / r) + 1);
  if (!Number.isFinite(m) || m > 1e9) m = 1e9;
  while (m > 1 && lat(m) > deadlineMs) m--;
  while (m < 1e9 && lat(m + 1) <= deadlineMs) m++;
  return m;
}

/** Smallest n in [lo, hi] with pred(n) true, pred monotone (false…true); hi if none earlier. */
function smallestPrb(lo: number, hi: number, pred: (n: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Brute force over the whole (restricted) space: every candidate, every PRB count. For tests. */
export function exhaustiveSearch(ctx: PlanCtx): SearchResult | null {
  let best: SearchResult | null = null;
  for (let muIdx = 0; muIdx < ctx.mus.length; muIdx++) {
    for (let ttiIdx = 0; ttiIdx < ctx.ttis.length; ttiIdx++) {
      for (let mcsIdx = 0; mcsIdx < ctx.mcsList.length; mcsIdx++) {
        for (const maxTx of ctx.transmissions) {
          for (let rIdx = 0; rIdx < ctx.reps.length; rIdx++) {
            for (let grantIdx = 0; grantIdx < ctx.grants.length; grantIdx++) {
              for (let nPrb = 1; nPrb <= ctx.mus[muIdx]!.maxPrb; nPrb++) {
                const cand: Candidate = { muIdx, ttiIdx, mcsIdx, rIdx, grantIdx, maxTx, nPrb };
                const out = evaluate(ctx, cand);
                if (!out.feasible) continue;
                if (best === null || better(out, cand, best.outcome, best.candidate)) best = { candidate: cand, outcome: out };
              }
            }
          }
        }
      }
    }
  }
  return best;
}

/** Build the PhyClass of a candidate. */
export function toPhyClass(ctx: PlanCtx, c: Candidate): PhyClass {
  const mu = ctx.mus[c.muIdx]!;
  const tti = ctx.ttis[c.ttiIdx]!;
  const m = ctx.mcsList[c.mcsIdx]!;
  const r = ctx.reps[c.rIdx]!;
  const grant = ctx.grants[c.grantIdx]!;
  const fq = ctx.services.map((s) => s.svc.fiveQi);
  const fiveQi = fq.every((q) => q === fq[0]) ? (fq[0] ?? null) : null;
  const g = grant === 'configured' ? 'cg' : grant === 'dynamic' ? 'dg' : 'sr';
  return {
    id: `${ctx.direction}-mu${mu.mu}-${tti.mappingType}${tti.ttiSymbols}-${m.table}-m${m.mcs}-h${c.maxTx}${ctx.link.combining}-r${r}-${g}-p${c.nPrb}`,
    direction: ctx.direction,
    mu: mu.mu,
    mappingType: tti.mappingType,
    ttiSymbols: tti.ttiSymbols,
    mcsTable: m.table,
    mcs: m.mcs,
    qm: m.qm,
    rateX1024: m.rateX1024,
    maxTransmissions: c.maxTx,
    combining: ctx.link.combining,
    repetitions: r,
    grant,
    nPrb: c.nPrb,
    tbsBits: tbsFromRe(tti.nRePerPrb * c.nPrb, m.qm, m.rateX1024, ctx.nLayers),
    fiveQi,
    nLayers: ctx.nLayers,
    nRePerPrb: tti.nRePerPrb,
    nDmrsRePerPrb: tti.nDmrsRePerPrb,
    nOverheadRePerPrb: ctx.link.xOverheadRePerPrb,
  };
}

/** A planned class with the planner's own figures. */
export interface PlannedClass {
  /** The chosen class. */
  readonly phyClass: PhyClass;
  /** Expected resource elements per second, summed over the services (the planner's cost). */
  readonly rePerSecond: number;
  /** Worst first-transmission latency over all sizes, ms. */
  readonly latencyMs: number;
  /** Fraction of the carrier's REs per second in the direction. */
  readonly load: number;
}

/** Validate the parts of a service the planner relies on; a message when unusable. */
export function serviceProblem(s: PlannableService): string | null {
  const sizes = s.payload.sizesBytes;
  if (sizes.length === 0) return 'payload.sizesBytes is empty';
  for (const b of sizes) if (!(Number.isFinite(b) && b > 0)) return `payload.sizesBytes holds ${String(b)}; sizes must be positive`;
  if (!(Number.isFinite(s.latencyBudgetMs) && s.latencyBudgetMs > 0)) return `latencyBudgetMs must be > 0, got ${String(s.latencyBudgetMs)}`;
  if (!(Number.isFinite(s.periodMs) && s.periodMs > 0)) return `periodMs must be > 0, got ${String(s.periodMs)}`;
  if (!(s.epsilon > 0 && s.epsilon < 1)) return `epsilon must be in (0, 1), got ${String(s.epsilon)}`;
  if (s.ueCount !== undefined && !(Number.isFinite(s.ueCount) && s.ueCount >= 1)) return `ueCount must be ≥ 1, got ${String(s.ueCount)}`;
  return null;
}

/**
 * Plan a group of services of the same direction onto ONE class (derive uses this; plan = one
 * service). With `costCeiling`: null also when the best class costs more than the ceiling.
 */
export function planGroup(
  services: readonly PlannableService[],
  link: LinkContext,
  opts?: PlanOptions,
  costCeiling = Number.POSITIVE_INFINITY,
): PlannedClass | null {
  const ctx = makeCtx(services, link, opts);
  const best = searchBest(ctx, undefined, costCeiling);
  if (best === null) return null;
  return {
    phyClass: toPhyClass(ctx, best.candidate),
    rePerSecond: best.outcome.cost,
    latencyMs: best.outcome.latencyMs,
    load: best.outcome.load,
  };
}

/**
 * The least-cost PHY class for `service` on `link` (default `defaultLink`), or an `Infeasible`
 * naming the binding constraint, the best achievable value and the closest feasible relaxations.
 */
export function plan(service: PlannableService, link: LinkContext = defaultLink, opts?: PlanOptions): E.Either<Infeasible, PhyClass> {
  const problem = serviceProblem(service);
  if (problem !== null) {
    return E.left(mkInfeasible(service, 'input', `${service.id}: ${problem}`, 0, 0, '', null, []));
  }
  const ctx = makeCtx([service], link, opts);
  if (ctx.mus.length === 0 || ctx.ttis.length === 0 || ctx.mcsList.length === 0) {
    const muText = allowedMuFor(link).map((m) => `${numerology(m).scsKHz} kHz`).join('/');
    return E.left(
      mkInfeasible(
        service,
        'input',
        `${service.id}: no configuration to search: ${link.bandwidthMHz} MHz ${link.fr} has no channel at ${muText}` +
          ' (or the search space was restricted to nothing)',
        0,
        0,
        '',
        null,
        [],
      ),
    );
  }
  const best = searchBest(ctx);
  if (best !== null) return E.right(toPhyClass(ctx, best.candidate));
  return E.left(diagnose(service, link, opts, ctx));
}

function mkInfeasible(
  s: PlannableService,
  binding: Infeasible['binding'],
  message: string,
  needed: number,
  best: number,
  unit: string,
  worstSizeBytes: number | null,
  relaxations: readonly Relaxation[],
): Infeasible {
  return { _tag: 'Infeasible', serviceId: s.id, binding, message, needed, best, unit, worstSizeBytes, relaxations };
}

function feasible(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined): string | null {
  const ctx = makeCtx([s], link, opts);
  const r = searchBest(ctx);
  return r === null ? null : toPhyClass(ctx, r.candidate).id;
}

function fmtBytes(b: number): string {
  if (b >= 1e9) return `${+(b / 1e9).toPrecision(3)} GB`;
  if (b >= 1e6) return `${+(b / 1e6).toPrecision(3)} MB`;
  if (b >= 1e3) return `${+(b / 1e3).toPrecision(3)} kB`;
  return `${b} B`;
}
function fmtRate(bitsPerMs: number): string {
  const bps = bitsPerMs * 1000;
  if (bps >= 1e9) return `${+(bps / 1e9).toPrecision(3)} Gbit/s`;
  if (bps >= 1e6) return `${+(bps / 1e6).toPrecision(3)} Mbit/s`;
  return `${+(bps / 1e3).toPrecision(3)} kbit/s`;
}
function linkText(link: LinkContext): string {
  const f = link.fading;
  const fad = f.kind === 'awgn' ? 'AWGN' : `${f.kind} fading, diversity ${f.diversity ?? 1}`;
  return `${link.bandwidthMHz} MHz ${link.fr} ${link.duplex} at ${link.snrDb} dB mean SNR (${fad})`;
}

/** Peak goodput (bits/ms) of the best single-transmission class on the carrier, first-transmission BLER counted. */
function bestGoodput(ctx: PlanCtx): { rate: number } {
  let best = 0;
  for (const mu of ctx.mus) {
    for (const tti of ctx.ttis) {
      const ttiEff = (tti.ttiSymbols * mu.slotMs) / 14 / mu.duty;
      for (const m of ctx.mcsList) {
        const tbs = tbsFromRe(tti.nRePerPrb * mu.maxPrb, m.qm, m.rateX1024, ctx.nLayers);
        const e1 = errVector(ctx, m, tbs, 1)[1]!;
        const rate = (tbs * (1 - e1)) / ttiEff;
        if (rate > best) best = rate;
      }
    }
  }
  return { rate: best };
}

/** Most reliable packet-miss probability reachable ignoring the deadline (max rep and HARQ, full carrier). */
function bestEpsilon(ctx: PlanCtx): { eps: number; sizeBytes: number; what: string } {
  const s = ctx.services[0]!;
  let bestEps = 1;
  let what = 'every class in the search space';
  let worstSize = s.maxBits / 8;
  const r = ctx.reps[ctx.reps.length - 1] ?? (1 as Repetitions);
  const T = ctx.transmissions[ctx.transmissions.length - 1] ?? 1;
  const mu = ctx.mus[0]!;
  for (const tti of ctx.ttis) {
    for (const m of ctx.mcsList) {
      let worst = 0;
      let ws = 0;
      for (const bits of s.sizesBits) {
        const tbsMax = tbsFromRe(tti.nRePerPrb * mu.maxPrb, m.qm, m.rateX1024, ctx.nLayers);
        const segs = Math.ceil(bits / tbsMax);
        let n = smallestPrb(1, mu.maxPrb, (k) => segs * tbsFromRe(tti.nRePerPrb * k, m.qm, m.rateX1024, ctx.nLayers) >= bits);
        n = Math.max(1, n);
        const tbs = tbsFromRe(tti.nRePerPrb * n, m.qm, m.rateX1024, ctx.nLayers);
        const e = errVector(ctx, m, tbs, r)[T]!;
        const miss = e >= 1 ? 1 : -Math.expm1(segs * Math.log1p(-e));
        if (miss >= worst) {
          worst = miss;
          ws = bits / 8;
        }
      }
      if (worst < bestEps) {
        bestEps = worst;
        worstSize = ws;
        what = `${m.table} MCS ${m.mcs}, ${tti.mappingType === 'A' ? 'slot' : `${tti.ttiSymbols}-symbol mini-slot`}, ${r} repetitions, ${T} HARQ transmissions`;
      }
    }
  }
  return { eps: bestEps, sizeBytes: worstSize, what };
}

function diagnose(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined, ctx: PlanCtx): Infeasible {
  const info = ctx.services[0]!;
  const maxBytes = info.maxBits / 8;
  const relax = opts?.relaxations !== false ? relaxations(s, link, opts) : [];
  const noDeadline = makeCtx([s], link, opts, { ignoreDeadline: true, ignoreCapacity: true });
  if (searchBest(noDeadline) === null) {
    const b = bestEpsilon(noDeadline);
    return mkInfeasible(
      s,
      'reliability',
      `${s.id}: epsilon ${s.epsilon} is out of reach on ${linkText(link)} even without a deadline: ` +
        `the most robust class (${b.what}) misses ${fmtBytes(b.sizeBytes)} packets with probability ${b.eps.toPrecision(3)}`,
      s.epsilon,
      b.eps,
      'epsilon',
      b.sizeBytes,
      relax,
    );
  }
  const noCap = makeCtx([s], link, opts, { ignoreCapacity: true });
  const nc = searchBest(noCap);
  if (nc === null) {
    const needRate = info.maxBits / s.latencyBudgetMs;
    const g = bestGoodput(ctx);
    if (needRate > g.rate) {
      return mkInfeasible(
        s,
        'throughput',
        `${s.id}: ${fmtBytes(maxBytes)} within ${s.latencyBudgetMs} ms needs ${fmtRate(needRate)}; ` +
          `the best class on ${linkText(link)} reaches ${fmtRate(g.rate)}`,
        needRate / 1000,
        g.rate / 1000,
        'Mbit/s',
        maxBytes,
        relax,
      );
    }
    const d = relax.find((x) => x.kind === 'deadline');
    const bestMs = d !== undefined ? d.value : Number.NaN;
    return mkInfeasible(
      s,
      'latency',
      `${s.id}: no class delivers ${fmtBytes(maxBytes)} with P(miss) ≤ ${s.epsilon} within ${s.latencyBudgetMs} ms on ${linkText(link)}` +
        (Number.isFinite(bestMs) ? `; a budget of ${bestMs} ms is enough` : ''),
      s.latencyBudgetMs,
      Number.isFinite(bestMs) ? bestMs : 0,
      'ms',
      maxBytes,
      relax,
    );
  }
  return mkInfeasible(
    s,
    'capacity',
    `${s.id}: the cheapest class that meets the target needs ${(nc.outcome.load * 100).toFixed(0)} % of the ` +
      `carrier's ${ctx.direction} resources on ${linkText(link)}`,
    nc.outcome.load,
    1,
    'load',
    maxBytes,
    relax,
  );
}

/** First index of `xs` (ascending relaxation) at which `ok` holds, assuming monotonicity; -1 if none. */
function firstFeasible<A>(xs: readonly A[], ok: (x: A) => string | null): { index: number; id: string } | null {
  const last = xs.length - 1;
  if (last < 0) return null;
  const top = ok(xs[last]!);
  if (top === null) return null;
  let lo = -1;
  let hi = last;
  let id = top;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const r = ok(xs[mid]!);
    if (r !== null) {
      hi = mid;
      id = r;
    } else lo = mid;
  }
  return { index: hi, id };
}

/**
 * Closest feasible relaxations: longer deadline, more bandwidth, FR2-1, higher SNR, looser epsilon.
 * Each is a bisection over a short ascending list (feasibility is monotone in each, property-tested),
 * so a diagnosis costs at most ~15 searches.
 */
export function relaxations(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined): Relaxation[] {
  const out: Relaxation[] = [];
  const o: PlanOptions = { ...opts, relaxations: false };
  const dl = [1.1, 1.25, 1.5, 2, 3, 5, 10, 30, 100].map((f) => roundUp(s.latencyBudgetMs * f));
  const d = firstFeasible(dl, (v) => feasible({ ...s, latencyBudgetMs: v }, link, o));
  if (d !== null) out.push({ kind: 'deadline', value: dl[d.index]!, description: `latency budget ≥ ${dl[d.index]!} ms`, classId: d.id });
  const widths = new Set<number>();
  for (const mu of FR_MU[link.fr]) for (const b of channelBandwidthsMHz(link.fr, numerology(mu).scsKHz)) widths.add(b);
  const wider = [...widths].sort((x, y) => x - y).filter((b) => b > link.bandwidthMHz);
  const w = firstFeasible(wider, (b) => feasible(s, { ...link, bandwidthMHz: b }, o));
  if (w !== null) out.push({ kind: 'bandwidth', value: wider[w.index]!, description: `${wider[w.index]!} MHz ${link.fr} carrier`, classId: w.id });
  if (link.fr === 'FR1') {
    const fr2 = [100, 200, 400];
    const f = firstFeasible(fr2, (b) => {
      const l2: LinkContext = { ...link, fr: 'FR2-1', bandwidthMHz: b };
      delete (l2 as { allowedMu?: unknown }).allowedMu;
      return feasible(s, l2, o);
    });
    if (f !== null) out.push({ kind: 'fr2', value: fr2[f.index]!, description: `FR2-1 carrier of ${fr2[f.index]!} MHz`, classId: f.id });
  }
  const snrs = [1, 2, 3, 5, 7, 10, 15, 20, 30].map((x) => link.snrDb + x).filter((x) => x <= 60);
  const sn = firstFeasible(snrs, (v) => feasible(s, { ...link, snrDb: v }, o));
  if (sn !== null) out.push({ kind: 'snr', value: snrs[sn.index]!, description: `mean SNR ≥ ${snrs[sn.index]!} dB`, classId: sn.id });
  const epss = [10, 100, 1000].map((f) => +(s.epsilon * f).toPrecision(2)).filter((x) => x <= 0.1);
  const ep = firstFeasible(epss, (v) => feasible({ ...s, epsilon: v }, link, o));
  if (ep !== null) out.push({ kind: 'epsilon', value: epss[ep.index]!, description: `epsilon ${epss[ep.index]!}`, classId: ep.id });
  return out;
}

/** Round up to two significant digits (a clean, still-feasible value). */
function roundUp(x: number): number {
  const e = Math.floor(Math.log10(x)) - 1;
  const v = e >= 0 ? Math.ceil(x / 10 ** e) * 10 ** e : Math.ceil(x * 10 ** -e) / 10 ** -e;
  return +v.toPrecision(12);
}

/** The planner's model evaluation of a given McsInfo (exported for tests). */
export type { McsInfo };
