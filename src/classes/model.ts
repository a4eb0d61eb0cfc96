/**
 * classes/model: the planner's side of the model (spec/planner.md §3–§4) — the plan context
 * (`makeCtx`: the candidate space of classes/definition.ts with memoised oracles and the
 * `PlannerCache` it reads and fills) and the CERTIFIED error bound the planner plans on
 * (`certifiedErrVector`: the exact HARQ model on AWGN, the upper Riemann sum of the fading average
 * under fading, §3.1), with the bounds the search prunes with (`errExceeds`, `errLowerBound`,
 * `errHalfFloor`). What a plan proves — timing, P_miss, cost, the order of candidates and the
 * exhaustive reference — is classes/definition.ts; `evaluate`/`evaluateAllocated` here are the
 * definition's with this context's oracles. `verify` does NOT use this file.
 *
 * The fading kernel's scratch (f on the lattice, the inputs chaseSetup sets and latticeErr reads,
 * the sums, the start hints) is a `ChaseKernel` of the context's cache, passed explicitly.
 */
import type { DisplacementTailMemo } from '../link/segments.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, GrantType } from '../core/types.js';
import { blerModel, tbFromCb, type BlerModel } from '../link/bler.js';
import { fadingCdf, fadingLatticeCdf, withDiversity, type FadingLatticeCdf } from '../link/fading.js';
import { ldpcBlocks, ldpcSegmentation } from '../nr/ldpc.js';
import { payloadCodedBits } from '../nr/allocation.js';
import type { FadingModel } from '../core/types.js';
import { harqTransmissionDistribution } from '../link/harq.js';
import { latencyByTransmissions } from '../link/latency.js';
import { isSpecMin, timingText } from '../link/timing.js';
import {
  candidateSpace,
  correlationProfile,
  spaceDopplers,
  correlationProfileKey,
  isCorrelatedRayleigh,
  type CorrelationProfile,
  evaluate as evaluateWith,
  evaluateAllocated as evaluateAllocatedWith,
  type Candidate,
  type CandidateSpace,
  type ErrOracle,
  type McsInfo,
  type MuInfo,
  type Oracles,
  type Outcome,
  type PlannableService,
  type TtiInfo,
} from './definition.js';
import { ChaseKernel, PASS_SLOTS, boundedSet, defaultPlannerCache, type LinkTables, type PlannerCache } from './cache.js';
import { latencySlotFields, linkSpecialSlot, type LinkContext } from './link.js';
import { DEFAULT_TDD_PATTERN, formatSpecialSlot } from '../nr/slotPattern.js';
import type { PlanOptions, Repetitions } from './types.js';

export {
  better,
  canonicalLess,
  DOMINATED,
  segmentSpanMs,
  tddDuty,
  type Candidate,
  type McsInfo,
  type MuInfo,
  type Outcome,
  type PlannableService,
  type ServiceInfo,
  type TtiInfo,
} from './definition.js';

/** Upper bound TBS ≤ TBS_UB_SLOPE·N_info + 24 (lemma `tbsWithinUpperBound`, classes/lemmas.ts). */
export const TBS_UB_SLOPE = 1.07;

/** Everything one plan call precomputes: the candidate space, its oracles and its memo tables. */
export interface PlanCtx extends CandidateSpace, Oracles {
  /** The caches this plan reads and fills (classes/cache.ts; `defaultPlannerCache` unless one was passed). */
  readonly cache: PlannerCache;
  /** The cache's tables of this link's error-model inputs (model, receiver, SNR, fading, combining, HARQ fading). */
  readonly tables: LinkTables;
  /** memo: [(table·32 + mcs)·8 + repetition] → (TBS bits → e_0..e_4) (= tables.err). */
  readonly errByMcsRep: (Map<number, Float64Array> | undefined)[];
  /** memo: (mu, tti, grant) → L_1..L_4 (index 1..4); one per direction, duplex, TDD pattern and UE capability. */
  readonly latMemo: Map<number, Float64Array>;
  /** This context on the flat link at `snrDb` (the budget dropped; `mus` optionally replaced): the budget search's per-band context. */
  atSnr(snrDb: number, mus?: CandidateSpace['mus']): PlanCtx;
  /** Correlated Rayleigh HARQ fading: the space's eigenvalue profile (definition.correlationProfile); else undefined. */
  readonly profile: CorrelationProfile | undefined;
}

/**
 * The candidate space of a plan call (restricted by `opts`) with the planner's oracles: the
 * certified upper bound of the error vector (`errVector`) and the latency vector, both memoised in
 * `cache` (default: `opts.cache`, else `defaultPlannerCache`).
 */
export function makeCtx(
  services: readonly PlannableService[],
  link: LinkContext,
  opts: PlanOptions | undefined,
  flags: { ignoreDeadline?: boolean; ignoreCapacity?: boolean } = {},
  cache: PlannerCache = opts?.cache ?? defaultPlannerCache,
): PlanCtx {
  const space = candidateSpace(services, link, opts, flags);
  const latKey = latencyMemoKey(link, space.direction);
  const latMemo = latencyMemo(cache, latKey);
  // correlated fading: the bound depends on the space's timings and Dopplers (its profile), keyed with it;
  // its latencies come from the memo the search reads (latVector: the same numbers as latencyVector)
  const profile = isCorrelatedRayleigh(link) ? memoProfile(cache, latKey, space, latMemo) : undefined;
  const tables = cache.linkTables(errTablesKey(link, profile));
  const ctx = new PlanContext(space, cache, tables, latMemo, profile);
  return ctx;
}

/** The key of a link's error tables: the error-model key, with the correlation profile when there is one. */
function errTablesKey(link: LinkContext, profile: CorrelationProfile | undefined): string {
  return errModelKey(link) + (profile === undefined ? '' : `/${correlationProfileKey(profile)}`);
}

/**
 * A plan context: the space's fields, the cache's tables, and the oracles as methods (one class,
 * so the model's calls to `err`/`lat` stay monomorphic on the planner's hot path).
 */
class PlanContext implements PlanCtx {
  readonly link: CandidateSpace['link'];
  readonly direction: CandidateSpace['direction'];
  readonly nLayers: number;
  readonly services: CandidateSpace['services'];
  readonly mus: CandidateSpace['mus'];
  readonly ttis: CandidateSpace['ttis'];
  readonly mcsList: CandidateSpace['mcsList'];
  readonly transmissions: CandidateSpace['transmissions'];
  readonly reps: CandidateSpace['reps'];
  readonly grants: CandidateSpace['grants'];
  readonly model: CandidateSpace['model'];
  readonly ignoreDeadline: boolean;
  readonly ignoreCapacity: boolean;
  readonly errByMcsRep: LinkTables['err'];
  constructor(
    space: CandidateSpace,
    readonly cache: PlannerCache,
    readonly tables: LinkTables,
    readonly latMemo: Map<number, Float64Array>,
    readonly profile: CorrelationProfile | undefined,
  ) {
    this.link = space.link;
    this.direction = space.direction;
    this.nLayers = space.nLayers;
    this.services = space.services;
    this.mus = space.mus;
    this.ttis = space.ttis;
    this.mcsList = space.mcsList;
    this.transmissions = space.transmissions;
    this.reps = space.reps;
    this.grants = space.grants;
    this.model = space.model;
    this.ignoreDeadline = space.ignoreDeadline;
    this.ignoreCapacity = space.ignoreCapacity;
    this.errByMcsRep = tables.err;
    this.tails = cache.tails;
  }
  /** The cache's memo of exact push-back tails (link/segments; pure). */
  readonly tails: DisplacementTailMemo;
  /**
   * The certified error vector, memoised (errVector); at an SNR other than the link's (a budget link's
   * class SNR, definition.candidateSnrDb) that of the flat context at that SNR (`atSnr`).
   */
  err(m: McsInfo, tbsBits: number, r: Repetitions, snrDb?: number): Float64Array {
    if (snrDb === undefined || snrDb === this.link.snrDb) return errVector(this, m, tbsBits, r);
    return errVector(this.atSnr(snrDb), m, tbsBits, r);
  }
  private flatBySnr: Map<number, PlanContext> | undefined;
  /**
   * This context on the flat link at `snrDb` (no budget, same services, numerologies, caps and
   * cache; `mus` optionally replaced): what the budget search (classes/search.ts) runs per band.
   * The correlation profile is this context's (it depends on the timings and Dopplers, not on the SNR).
   */
  atSnr(snrDb: number, mus?: CandidateSpace['mus']): PlanContext {
    if (mus === undefined) {
      const hit = this.flatBySnr?.get(snrDb);
      if (hit !== undefined) return hit;
    }
    const space = flatSpaceAt(this, snrDb, mus);
    const ctx = new PlanContext(space, this.cache, this.cache.linkTables(errTablesKey(space.link, this.profile)), this.latMemo, this.profile);
    if (mus === undefined) {
      if (this.flatBySnr === undefined) this.flatBySnr = new Map();
      if (this.flatBySnr.size < 256) this.flatBySnr.set(snrDb, ctx);
    }
    return ctx;
  }
  /** L_1..L_4, memoised (latVector). */
  lat(mu: MuInfo, tti: TtiInfo, grant: GrantType): Float64Array | null {
    return latVector(this, mu, tti, grant);
  }
}

/** The key of a latency memo: what the latencies of a (mu, TTI, grant) depend on besides those. */
function latencyMemoKey(link: LinkContext, direction: Direction): string {
  const timing = link.timing === undefined || isSpecMin(link.timing) ? '' : `/${timingText(link.timing)}`;
  // the DM-RS additional positions select the N1 column (TS 38.214 Table 5.3-1), so they are part of the key
  return `${direction}/${link.duplex}/${link.duplex === 'TDD' ? `${link.tddPattern ?? DEFAULT_TDD_PATTERN}/${formatSpecialSlot(linkSpecialSlot(link))}` : ''}/${link.ueCapability}/${link.dmrs.additionalPositionsTypeA}${link.dmrs.additionalPositionsTypeB}${timing}`;
}

/**
 * The space's correlation profile, memoised in `cache.profiles`. A profile reads the latencies (the
 * memo of `latKey`, whose key holds direction, duplex, slot pattern, UE capability, DM-RS and timing, so
 * also the TTIs' occasion grids), the numerologies, the TTIs' length, mapping type and DM-RS position,
 * the grants, the repetitions and the services' Dopplers, and nothing else; the key holds them all.
 */
function memoProfile(cache: PlannerCache, latKey: string, space: CandidateSpace, latMemo: Map<number, Float64Array>): CorrelationProfile {
  let key = `${latKey}|`;
  for (const mu of space.mus) key += `${mu.mu},`;
  key += '|';
  for (const tti of space.ttis) key += `${tti.ttiSymbols}${tti.mappingType}${tti.dmrsAdditionalPosition},`;
  key += `|${space.grants.join(',')}|${space.reps.join(',')}|${spaceDopplers(space).join(',')}`;
  const stats = cache.counters.profiles;
  const hit = cache.profiles.get(key);
  if (hit !== undefined) {
    stats.hits++;
    return hit;
  }
  stats.misses++;
  const profile = correlationProfile(space, cache.eigenvalues, (mu, tti, grant) => latVectorIn(latMemo, space, mu, tti, grant));
  boundedSet(cache.profiles, stats, cache.limits.profiles, key, profile);
  return profile;
}

/**
 * Latency vectors (latVector) depend only on direction, duplex, TDD pattern, UE capability and the
 * stack timing profile besides (mu, TTI, grant): one memo per such combination in the cache (pure, small).
 */
function latencyMemo(cache: PlannerCache, key: string): Map<number, Float64Array> {
  let m = cache.latency.get(key);
  if (m === undefined) {
    if (cache.latency.size >= cache.limits.latencyMemos) {
      cache.latency.clear();
      cache.counters.latency.evictions++;
      cache.counters.latency.size = 0;
    }
    m = new Map();
    cache.latency.set(key, m);
    cache.counters.latency.size++;
  }
  return m;
}

/** The key of a link's error-model inputs (model, receiver, SNR, fading, combining, HARQ fading). */
function errModelKey(link: LinkContext): string {
  const model = blerModel(link.blerModel, { receiver: link.receiver });
  return `${model.name}/${model.receiver}/${link.snrDb}/${fadingKey(link.fading)}/${link.combining}/${link.harqFading}`;
}

function fadingKey(f: FadingModel): string {
  switch (f.kind) {
    case 'awgn':
      return 'awgn';
    case 'rayleigh':
      return `ray/${f.diversity ?? 1}`;
    case 'rician':
      return `ric/${f.kFactorDb}/${f.diversity ?? 1}`;
    case 'nakagami':
      return `nak/${f.m}/${f.diversity ?? 1}`;
  }
}

/**
 * e_0..e_4 for a TB of `tbsBits` (memoised in the context cache's pure table of its error-model inputs).
 * AWGN: the exact HARQ model (harqTransmissionDistribution). Fading: the certified upper bound
 * `errUpperBoundVector` (Chase credit; a lower Riemann sum of the fading average), which keeps the
 * search fast; `verify` re-checks every plan with the exact model.
 */
export function errVector(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions): Float64Array {
  const mk = (m.tableIdx * 32 + m.mcs) * 8 + r;
  let memo = ctx.errByMcsRep[mk];
  if (memo === undefined) {
    memo = new Map();
    ctx.errByMcsRep[mk] = memo;
  }
  const hit = memo.get(tbsBits);
  const stats = ctx.cache.counters.errVectors;
  if (hit !== undefined) {
    stats.hits++;
    return hit;
  }
  stats.misses++;
  const e = certifiedErrVector(ctx, m, tbsBits, r, ctx.cache.kernel, undefined, ctx.profile);
  // bound the memory: empty every link's tables (contexts holding one simply recompute)
  if (stats.size >= ctx.cache.limits.errVectors) ctx.cache.clearLinks(true);
  memo.set(tbsBits, e);
  stats.size++;
  return e;
}

/**
 * errVector(ctx, m, tbsBits, r)[1] — the same number, bit for bit — without computing the later
 * attempts when the vector is not memoised: under fading e_1 is min(1, upper Riemann sum of the first
 * attempt), which chaseInto computes first and no later attempt changes (they only clamp e_2..e_4). The
 * diagnosis's peak goodput (planner bestGoodput) needs e_1 alone of dozens of full-carrier TBs.
 */
export function errFirstTransmission(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions): number {
  const hit = ctx.errByMcsRep[(m.tableIdx * 32 + m.mcs) * 8 + r]?.get(tbsBits);
  if (hit !== undefined) return hit[1] as number;
  const f = ctx.link.fading;
  const kn = ctx.cache.kernel;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  // (as certifiedErrVector and errUpperBoundVector; their other paths through the memoised vector)
  const t1 = f.kind !== 'awgn' && mean >= -400 && mean <= 400 ? latticeTable(kn, f, 1) : undefined;
  if (t1 === undefined) return errVector(ctx, m, tbsBits, r)[1] as number;
  // chaseInto's first attempt, in its order: setup, start, the attempt's table, its sums
  const iA = chaseSetup(kn, ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  const a1 = chaseStartHinted(kn, m, iA, iB);
  const tab = chaseAttempt(kn, f, t1, ctx.link.harqFading !== 'independent', 1, iA, iB, a1);
  chaseSums(kn, tab, kn.start, Number.POSITIVE_INFINITY);
  return Math.min(1, kn.sumUp, 1);
}

/**
 * The certified error vector e_0..e_4 the planner plans on, uncached: AWGN the exact HARQ model
 * (harqTransmissionDistribution), fading the upper Riemann sum `errUpperBoundVector` (≥ the exact
 * fading average: lemma `fadingBoundBrackets`, classes/lemmas.ts).
 */
export function certifiedErrVector(
  space: CandidateSpace,
  m: McsInfo,
  tbsBits: number,
  r: Repetitions,
  kernel?: ChaseKernel,
  snrDbAt?: number,
  profile?: CorrelationProfile,
): Float64Array {
  // at a budget link's class SNR: the flat link at that SNR (the profile does not depend on the SNR)
  if (snrDbAt !== undefined && snrDbAt !== space.link.snrDb) space = flatSpaceAt(space, snrDbAt);
  // correlated Rayleigh HARQ fading: the series at the space's elementwise-least eigenvalues, an upper
  // bound of every timing of the space (definition.correlationProfile; spec/fading.md)
  if (space.link.fading.kind !== 'awgn') return errUpperBoundVector(space, m, tbsBits, r, kernel, profile);
  const snrDb = space.link.snrDb + 10 * Math.log10(r);
  const dist = harqTransmissionDistribution({
    model: space.model,
    mcsTable: m.table,
    mcs: m.mcs,
    tbsBits,
    snrDb,
    transmissions: 4,
    combining: space.link.combining,
    fading: space.link.fading,
    fadingPerTransmission: space.link.harqFading,
  });
  // dist = [p_1, p_2, p_3, p_4, residual]; e_i = residual + Σ_{j>i} p_j
  const e = new Float64Array(5);
  let acc = clamp01(dist[4] ?? 1);
  e[4] = acc;
  for (let i = 3; i >= 0; i--) {
    acc += clamp01(dist[i] ?? 0);
    e[i] = Math.min(1, acc);
  }
  e[0] = 1;
  return e;
}

/**
 * The planner's error oracle without a memo (definition.exhaustiveSearch with it is the reference of
 * `searchBest`), with a kernel scratch of its own: it shares nothing with any PlannerCache.
 */
export function certifiedErrOracle(space: CandidateSpace): ErrOracle {
  const kernel = new ChaseKernel();
  const profile = isCorrelatedRayleigh(space.link) ? correlationProfile(space) : undefined;
  return (m, tbsBits, r, snrDb) => certifiedErrVector(space, m, tbsBits, r, kernel, snrDb, profile);
}

/** A bare space on the flat link at `snrDb` (the link budget dropped): what the bounds read the mean from. */
function flatSpaceAt(space: CandidateSpace, snrDb: number, mus?: CandidateSpace['mus']): CandidateSpace {
  const { linkBudget: _b, ...rest } = space.link;
  return {
    link: { ...rest, snrDb },
    direction: space.direction,
    nLayers: space.nLayers,
    services: space.services,
    mus: mus ?? space.mus,
    ttis: space.ttis,
    mcsList: space.mcsList,
    transmissions: space.transmissions,
    reps: space.reps,
    grants: space.grants,
    model: space.model,
    ignoreDeadline: space.ignoreDeadline,
    ignoreCapacity: space.ignoreCapacity,
  };
}

/** Grid step (dB) of the Riemann bounds. */
export const BOUND_STEP_DB = 0.25;

/**
 * Lower and upper Riemann sums of the Chase-combined HARQ error e_j under fading (j = 1..4),
 * from the link model's per-realisation TB error f (model.blockError of the LDPC code block,
 * combined over the C code blocks by tbFromCb, exactly as link/harq.ts does) and the fading CDF
 * (fadingCdf). f is non-increasing in SNR, so on [x_i, x_{i+1})
 *   f(x_{i+1}) ≤ f(γ) ≤ f(x_i),
 * and Σ ΔF_i·f(x_{i+1}) ≤ E[f(γ)] ≤ Σ ΔF_i·f(x_i) (mass below the grid counted as error 1).
 * The grid is the lattice x_i = mean + i·BOUND_STEP_DB (anchored at the mean SNR, so the bound is
 * non-increasing in the mean), starting at the last lattice point where f is still 1 (to 1e-12)
 * and stopping once f is below 1e-4 of the bound (the rest of the mass adds at most (1 − F)·f).
 * 'same' fading: attempt j sees j·γ (f shifted by 10·log10 j); 'independent': the j-fold Chase sum
 * is the diversity·j-branch SNR, and the four attempts share the f values on the lattice. The HARQ
 * model also clamps e_j ≤ e_{j−1}, kept here. IR is credited at least Chase by the model
 * (e = min(IR, Chase)), so the Chase upper bound also bounds IR.
 *
 * Speed (the planner computes hundreds to thousands of these per plan): the fading CDF in dB is
 * the mean-independent shape shifted by the mean, so its values on the lattice depend only on
 * (fading model, j) and are read from `fadingLatticeCdf` tables (kept per fading model below)
 * instead of building a shifted CDF per call and attempt; f on the lattice is cached per call in a
 * generation-stamped scratch array; nothing but the two result arrays is allocated. Means outside
 * [−400, 400] dB (where fadingCdf clamps the mean) and AWGN take `errBoundsChaseGeneric`.
 */
export function errBoundsChase(
  ctx: CandidateSpace,
  m: McsInfo,
  tbsBits: number,
  r: Repetitions,
  kernel?: ChaseKernel,
): {
  /** Lower bounds of e_0..e_4 (index 0 is 1). */
  lower: Float64Array;
  /** Upper bounds of e_0..e_4 (index 0 is 1). */
  upper: Float64Array;
} {
  const kn = kernel ?? kernelOf(ctx);
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 = mean >= -400 && mean <= 400 ? latticeTable(kn, f, 1) : undefined;
  const rows = isCorrelatedRayleigh(ctx.link) ? profileOf(ctx).get(r) : undefined;
  if (t1 === undefined) {
    // (correlated fading outside ±400 dB: the trivial bracket [0, 1])
    if (rows !== undefined) return { lower: Float64Array.from([1, 0, 0, 0, 0]), upper: Float64Array.from([1, 1, 1, 1, 1]) };
    return errBoundsChaseGeneric(kn, ctx, m, tbsBits, r);
  }
  const lower = new Float64Array(5);
  const upper = new Float64Array(5);
  chaseInto(kn, ctx, m, tbsBits, mean, t1, upper, lower, rows);
  return { lower, upper };
}

/**
 * The lattice path of errBoundsChase writing the upper bounds of e_0..e_4 into `upper` and, when
 * given, the lower ones into `lower` (errUpperBoundVector, on the planner's hot path, needs only the
 * upper: no lower array and no result object).
 */
function chaseInto(kn: ChaseKernel, ctx: CandidateSpace, m: McsInfo, tbsBits: number, mean: number, t1: FadingLatticeCdf, upper: Float64Array, lower?: Float64Array, rows?: readonly (readonly number[])[]): void {
  const f = ctx.link.fading;
  if (lower !== undefined) lower[0] = 1;
  upper[0] = 1;
  const same = ctx.link.harqFading !== 'independent';
  const iA = chaseSetup(kn, ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  const a1 = chaseStartHinted(kn, m, iA, iB);
  // f at the start and one point above it, unshifted (read after the first attempt's sums, which
  // computed both): correlatedAttempt's one-point certificates (shiftedProof) read them
  let fA = 1;
  let fB = 1;
  for (let j = 1; j <= 4; j++) {
    if (rows !== undefined && j > 1) {
      if (j === 2) {
        fA = latticeErr(kn, a1);
        fB = latticeErr(kn, a1 + 1);
      }
      correlatedAttempt(kn, f, t1, rows[j] ?? [], j, iA, iB, a1, lower !== undefined, fA, fB);
    } else {
      const tab = chaseAttempt(kn, f, t1, same, j, iA, iB, a1);
      chaseSums(kn, tab, kn.start, Number.POSITIVE_INFINITY);
    }
    if (lower !== undefined) lower[j] = Math.min(1, kn.sumLo, lower[j - 1] as number);
    upper[j] = Math.min(1, kn.sumUp, upper[j - 1] as number);
  }
}

/**
 * Riemann bounds of one attempt under correlated HARQ fading, at the eigenvalues `row` (descending,
 * zeros dropped; definition.correlationProfile): the Chase SNR is γ̄·Σ_k λ_k·W_k with W_k i.i.d.
 * Gamma(L, 1). For every K ≤ (nonzero count), Σ_k λ_k·W_k ≥ λ_K·Σ_{k≤K} W_k = λ_K·Gamma(K·L, 1), so
 * the upper Riemann sum of f at that law (the lattice table of diversity ×K, f shifted by
 * 10·log10 λ_K) bounds the error from above: kn.sumUp = the least over K. And Σ_k λ_k·W_k ≤
 * λ_1·Gamma(n·L, 1) (n nonzero), so the lower Riemann sum at that law is kn.sumLo (with `withLower`).
 */
function correlatedAttempt(kn: ChaseKernel, f: FadingModel, t1: FadingLatticeCdf, row: readonly number[], j: number, iA: number, iB: number, a1: number, withLower: boolean, fA: number, fB: number): void {
  let n = 0;
  while (n < row.length && (row[n] as number) > 0) n++;
  let up = 1;
  // the K that was least last time first (kn.leastK, a hint): the others then stop as soon as their
  // partial sums pass it, or are skipped when the one-point certificate from f at the start (fA at
  // a1, fB at a1 + 1: shiftedProof) already shows them above it. A sum stopped or proven above the
  // least so far cannot be the least (its terms are ≥ 0), and a completed one is the same sum as
  // without the threshold; the minimum of the completed sums does not depend on their order: the
  // answer is the same, bit for bit
  const hint = kn.leastK[j] as number;
  let least = 0;
  for (let q = 0; q < n; q++) {
    const k = hintedK(q, hint, n);
    const tab = k === 1 ? t1 : latticeTable(kn, f, k);
    if (tab === undefined) continue;
    const shiftDb = 10 * Math.log10(row[k - 1] as number);
    if (up < 1 && (shiftedProof(tab, shiftDb, a1, fA, iB, up) || shiftedProof(tab, shiftDb, a1 + 1, fB, iB, up))) continue;
    setShift(kn, shiftDb, iA, iB, a1);
    if (!chaseSums(kn, tab, kn.start, up) && kn.sumUp < up) {
      up = kn.sumUp;
      least = k;
    }
  }
  if (least > 0) kn.leastK[j] = least;
  let lo = 0;
  if (withLower && n > 0) {
    const tab = n === 1 ? t1 : latticeTable(kn, f, n);
    if (tab !== undefined) {
      setShift(kn, 10 * Math.log10(row[0] as number), iA, iB, a1);
      chaseSums(kn, tab, kn.start, Number.POSITIVE_INFINITY);
      lo = kn.sumLo;
    }
  }
  kn.sumUp = up;
  kn.sumLo = lo;
}

/** The q-th (0-based) of K = 1..n in the order that tries `hint` first (then the rest ascending; no hint: 1..n). */
function hintedK(q: number, hint: number, n: number): number {
  if (!(hint >= 1 && hint <= n)) return q + 1;
  return q === 0 ? hint : q < hint ? q : q + 1;
}

/** Set the kernel's SNR shift (new f generation) and the sums' start for it. */
function setShift(kn: ChaseKernel, shiftDb: number, iA: number, iB: number, a1: number): void {
  usePass(kn, shiftDb);
  kn.start = chaseStart(kn, iA, iB, a1 - Math.round(shiftDb / BOUND_STEP_DB));
}

/**
 * Whether `errVector(ctx, m, tbsBits, r)[tMax] > thr` — always exactly the same boolean — but
 * cheaper when the answer is true, the common case when the planner screens (MCS, repetition, T)
 * combinations that cannot meet a reliability target.
 *
 * A memoised vector is compared directly; AWGN, thr ≥ 1 or NaN, and tMax outside 1..4 defer to
 * errVector. Under fading e_tMax = min(1, up_1, …, up_tMax), where up_j is the upper Riemann sum
 * of attempt j exactly as errBoundsChase accumulates it (same lattice, same f values, same order of
 * operations). Every term of up_j is ≥ 0 and a floating sum of non-negative terms never
 * decreases, so as soon as a partial sum exceeds thr, up_j > thr is proven; if that holds for
 * every j ≤ tMax (and thr < 1) then e_tMax > thr. When some up_j completes at ≤ thr, the full
 * vector is computed by errVector (memoised, the search will want it) and compared. Partial
 * sums are never memoised as vectors; what they prove (e_tMax > thr) is: the largest thr proven per
 * (MCS, r, TBS, tMax) is kept beside the vector memo, and a later call with a threshold at or below
 * it answers true at once (the planner screens the same TBS in many groups and PRB counts).
 */
export function errExceeds(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions, tMax: number, thr: number): boolean {
  const mk = (m.tableIdx * 32 + m.mcs) * 8 + r;
  const memo = ctx.errByMcsRep[mk];
  const hit = memo === undefined ? undefined : memo.get(tbsBits);
  if (hit !== undefined) return (hit[tMax] as number) > thr;
  const floors = ctx.tables.proven;
  let byTbs = floors[mk];
  // key TBS·8 + tMax (TBS < 2^40, so exact): one number per entry, no array per TBS
  const pk = tbsBits * 8 + tMax;
  const proven = byTbs === undefined ? undefined : byTbs.get(pk);
  const stats = ctx.cache.counters.proofs;
  if (proven !== undefined && proven >= thr) {
    stats.hits++;
    return true;
  }
  stats.misses++;
  if (!errExceedsCompute(ctx, m, tbsBits, r, tMax, thr)) return false;
  if (stats.size >= ctx.cache.limits.proofs) {
    // bound the memory: forget every link's proofs
    for (const t of ctx.cache.links.values()) t.proven.length = 0;
    floors.length = 0;
    stats.size = 0;
    stats.evictions++;
    return true;
  }
  if (byTbs === undefined) {
    byTbs = new Map();
    floors[mk] = byTbs;
  }
  if (proven === undefined) stats.size++;
  if (proven === undefined || thr > proven) byTbs.set(pk, thr);
  return true;
}


function errExceedsCompute(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions, tMax: number, thr: number): boolean {
  if (isCorrelatedRayleigh(ctx.link)) return correlatedExceeds(ctx, m, tbsBits, r, tMax, thr);
  const kn = ctx.cache.kernel;
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 =
    f.kind !== 'awgn' && thr < 1 && (tMax === 1 || tMax === 2 || tMax === 3 || tMax === 4) && mean >= -400 && mean <= 400
      ? latticeTable(kn, f, 1)
      : undefined;
  if (t1 === undefined) return (errVector(ctx, m, tbsBits, r)[tMax] as number) > thr;
  const same = ctx.link.harqFading !== 'independent';
  const iA = chaseSetup(kn, ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  if (!same && provenAtHint(kn, f, m, iA, iB, tMax, thr)) return true;
  const a1 = chaseStartHinted(kn, m, iA, iB);
  for (let j = 1; j <= tMax; j++) {
    const tab = chaseAttempt(kn, f, t1, same, j, iA, iB, a1);
    if (!chaseSums(kn, tab, kn.start, thr)) return (errVector(ctx, m, tbsBits, r)[tMax] as number) > thr;
  }
  return true;
}

/**
 * errExceedsCompute under correlated HARQ fading. There e_tMax = min(1, up_1, …, up_tMax) with up_1 the
 * upper sum of one transmission and up_j (j ≥ 2) the least over K of the sums correlatedAttempt
 * computes (errUpperBoundVector at the context's profile), so e_tMax > thr (thr < 1) exactly when every
 * one of those sums exceeds thr; each is stopped as soon as its partial sum does (terms ≥ 0). When one
 * completes at ≤ thr the full vector is computed (memoised) and compared.
 */
function correlatedExceeds(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions, tMax: number, thr: number): boolean {
  const kn = ctx.cache.kernel;
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const ok = thr < 1 && (tMax === 1 || tMax === 2 || tMax === 3 || tMax === 4) && mean >= -400 && mean <= 400;
  const t1 = ok ? latticeTable(kn, f, 1) : undefined;
  const rows = (ctx.profile ?? profileOf(ctx)).get(r);
  if (t1 === undefined || rows === undefined) return vectorExceeds(ctx, m, tbsBits, r, tMax, thr);
  const iA = chaseSetup(kn, ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  // first, f at the start found for the last TB of this MCS (kn.startHint) and one point above it:
  // when their one-point certificates show every sum above thr, no start search and no sum is run
  const h = m.tableIdx * 32 + m.mcs;
  const hint = h >= 0 && h < 128 ? (kn.startHint[h] as number) : Number.NaN;
  if (hint === hint && iB - 1 > iA) {
    const g0 = Math.round((hint - mean) / BOUND_STEP_DB);
    const g = g0 < iA ? iA : g0 > iB - 1 ? iB - 1 : g0;
    if (everySumProven(kn, f, t1, rows, tMax, g, latticeErr(kn, g), latticeErr(kn, g + 1), iB, thr)) return true;
  }
  const a1 = chaseStartHinted(kn, m, iA, iB);
  kn.start = a1;
  // f at the start and one point above it (unshifted; chaseStart probed both): the one-point
  // certificates of the shifted sums below read them (shiftedProof)
  const fA = latticeErr(kn, a1);
  const fB = latticeErr(kn, a1 + 1);
  // (completed at ≤ thr: e_1 = min(1, this sum) ≤ thr, the answer for tMax = 1 without the vector)
  if (!chaseSums(kn, t1, a1, thr)) return tMax === 1 ? false : vectorExceeds(ctx, m, tbsBits, r, tMax, thr);
  // every sum must exceed thr, so the order does not change the answer; the likeliest to complete
  // at ≤ thr first (the last attempt, and its K that was least last time: kn.leastK), so that an
  // unproven case falls back to the vector after one pass, not after all the others
  for (let j = tMax; j >= 2; j--) {
    const row = rows[j] ?? [];
    let n = 0;
    while (n < row.length && (row[n] as number) > 0) n++;
    const hint = kn.leastK[j] as number;
    for (let q = 0; q < n; q++) {
      const k = hintedK(q, hint, n);
      const tab = k === 1 ? t1 : latticeTable(kn, f, k);
      if (tab === undefined) continue;
      const shiftDb = 10 * Math.log10(row[k - 1] as number);
      if (shiftedProof(tab, shiftDb, a1, fA, iB, thr) || shiftedProof(tab, shiftDb, a1 + 1, fB, iB, thr)) continue;
      setShift(kn, shiftDb, iA, iB, a1);
      if (!chaseSums(kn, tab, kn.start, thr)) return vectorExceeds(ctx, m, tbsBits, r, tMax, thr);
    }
  }
  return true;
}

/**
 * correlatedExceeds' fallback: e_tMax of the certified vector against thr. (A function, not a closure
 * in correlatedExceeds: a closure was allocated on every call, most of which never use it.)
 */
function vectorExceeds(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions, tMax: number, thr: number): boolean {
  return (errVector(ctx, m, tbsBits, r)[tMax] as number) > thr;
}

/**
 * Whether the one-point certificates of f at lattice points a (fa) and a + 1 (fb), unshifted, show
 * every sum correlatedExceeds needs above thr: attempt 1's, and every K of attempts 2..tMax
 * (shiftedProof). True proves e_tMax > thr; false: unknown.
 */
function everySumProven(kn: ChaseKernel, f: FadingModel, t1: FadingLatticeCdf, rows: readonly (readonly number[])[], tMax: number, a: number, fa: number, fb: number, iB: number, thr: number): boolean {
  if (!(shiftedProof(t1, 0, a, fa, iB, thr) || shiftedProof(t1, 0, a + 1, fb, iB, thr))) return false;
  for (let j = tMax; j >= 2; j--) {
    const row = rows[j] ?? [];
    for (let k = 1; k <= row.length && (row[k - 1] as number) > 0; k++) {
      const tab = k === 1 ? t1 : latticeTable(kn, f, k);
      if (tab === undefined) return false;
      const shiftDb = 10 * Math.log10(row[k - 1] as number);
      if (!(shiftedProof(tab, shiftDb, a, fa, iB, thr) || shiftedProof(tab, shiftDb, a + 1, fb, iB, thr))) return false;
    }
  }
  return true;
}

/**
 * Whether one known value of f proves that the upper sum of a pass with SNR shift `shiftDb` on
 * table `tab` exceeds thr, without the pass: fy = f(x_a) at the unshifted lattice point a. The pass
 * evaluates f at x_i + shift; at g = ⌊a − shift/step⌋ (less 1e-9: the order survives rounding)
 * x_g + shift ≤ x_a, so f(x_g + shift) ≥ fy (f non-increasing, the premise of the bounds and of
 * chaseStart), and its upper sum is ≥ F(x_{g+1})·fy (provenAtHint's bound: the mass below x_{g+1} is
 * charged at least f(x_g + shift), also when the sum stops early), and ≥ F(x_g) when fy is 1 to
 * 1e-12 and g < iB (the pass's start search, over [iA, iB), then finds a start at or above g). A
 * 1e-12 relative margin covers the rounding of the floating sum, as in provenAtHint. False: unknown
 * (the pass is run).
 */
function shiftedProof(tab: FadingLatticeCdf, shiftDb: number, a: number, fy: number, iB: number, thr: number): boolean {
  // (no shift: the pass reads f at exactly the points x_a is one of)
  const g = shiftDb === 0 ? a : Math.floor(a - shiftDb / BOUND_STEP_DB - 1e-9);
  const g1 = g + 1;
  const Fg1 = g1 < tab.i0 ? 0 : g1 >= tab.i1 ? 1 : (tab.values[g1 - tab.i0] as number);
  let b = Fg1 * fy;
  if (fy >= 1 - 1e-12 && g < iB) {
    const Fg = g < tab.i0 ? 0 : g >= tab.i1 ? 1 : (tab.values[g - tab.i0] as number);
    if (Fg > b) b = Fg;
  }
  return b * (1 - 1e-12) > thr;
}

/**
 * One-evaluation proof of e_tMax > thr (independent HARQ fading, kernel state set by chaseSetup):
 * for non-increasing f the upper sum of attempt j satisfies up_j ≥ F_j(x_{g+1})·f(x_g) at every
 * lattice point g (the mass below x_{g+1} is charged at least f(x_g), also when the sum stops early:
 * its tail term covers the rest), and up_j ≥ F_j(x_g) when f(x_g) is 1 to 1e-12 (the sum then starts
 * at or above g). g is the start found for the previous call with this MCS (kn.startHint), where
 * these bounds are tight for a TB that fails by far. Compared with a 1e-12 relative margin, so the
 * floating sums errBoundsChase computes are above thr whenever this returns true. False: unknown.
 */
function provenAtHint(kn: ChaseKernel, f: FadingModel, m: McsInfo, iA: number, iB: number, tMax: number, thr: number): boolean {
  const h = m.tableIdx * 32 + m.mcs;
  if (!(h >= 0 && h < 128)) return false;
  const hint = kn.startHint[h] as number;
  if (hint !== hint || !(iB - 1 > iA)) return false;
  let g = Math.round((hint - kn.mean) / BOUND_STEP_DB);
  g = g < iA ? iA : g > iB - 1 ? iB - 1 : g;
  const fg = latticeErr(kn, g);
  const one = fg >= 1 - 1e-12;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(kn, f, j);
    if (tab === undefined) return false;
    const Fg = g < tab.i0 ? 0 : g >= tab.i1 ? 1 : (tab.values[g - tab.i0] as number);
    const g1 = g + 1;
    const Fg1 = g1 < tab.i0 ? 0 : g1 >= tab.i1 ? 1 : (tab.values[g1 - tab.i0] as number);
    let b = Fg1 * fg;
    if (one && Fg > b) b = Fg;
    if (!(b * (1 - 1e-12) > thr)) return false;
  }
  return true;
}

/**
 * A lower bound of `errVector(ctx, m, tbs, r)[tMax]` valid for EVERY transport block whose
 * segmentation has K' in [kMin, kMax] and at least cMin code blocks; 0 when none is offered (AWGN,
 * 'same' HARQ fading, no start known yet for this MCS, a mean outside ±400 dB). The planner uses it
 * to rule out a whole (TTI, MCS, repetition) group at once instead of screening every PRB count.
 *
 * Why it holds (independent HARQ fading, the lattice path of errBoundsChase): for non-increasing f
 * the upper sum of attempt j satisfies up_j ≥ F_j(x_{g+1})·f(x_g) at every lattice point g (see
 * provenAtHint), and e_tMax = min(1, up_1..up_tMax). The TB error is 1 − (1 − f_CB)^C ≥
 * 1 − (1 − γ)^cMin whenever γ ≤ f_CB. For K' in an interval [Ka, Kb] (Kb ≤ 1.06·Ka) with
 * n(K') = max(Qm, round(K'/R))/Qm non-decreasing, the kernel is non-decreasing in k, non-increasing
 * in n and in SNR, and the implementation loss is monotone in K', so
 * f_CB(K', x) ≥ blockError(Qm, Ka, n(Kb), x − min(loss(Ka), loss(Kb))); γ is the least of these
 * over the intervals covering [kMin, kMax]. g starts at the start found for the last TB of this
 * MCS (kn.startHint) and walks down to where γ ≥ 1/2; g and g + 1 are tried. Tight for groups that
 * fail by far; the cost is (intervals) × (points) kernel calls, so callers use it for wide windows.
 */
export function errLowerBound(ctx: PlanCtx, m: McsInfo, r: Repetitions, tMax: number, kMin: number, kMax: number, cMin: number): number {
  const kn = ctx.cache.kernel;
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  // independent HARQ fading, or correlated Rayleigh with the context's profile rows (correlatedFloor)
  const rows = isCorrelatedRayleigh(ctx.link) ? ctx.profile?.get(r) : undefined;
  if (f.kind === 'awgn' || (ctx.link.harqFading !== 'independent' && rows === undefined) || !(mean >= -400 && mean <= 400)) return 0;
  if (!(tMax >= 1 && tMax <= 4) || !(kMin >= 1 && kMax >= kMin && kMax <= 1e6) || !(cMin >= 1)) return 0;
  const h = m.tableIdx * 32 + m.mcs;
  const hint = h >= 0 && h < 128 ? (kn.startHint[h] as number) : Number.NaN;
  const t1 = latticeTable(kn, f, 1);
  if (hint !== hint || t1 === undefined) return 0;
  const model = ctx.model;
  const rate = m.rateX1024 / 1024;
  const qm = m.qm;
  // intervals of K' with a ratio of at most LB_RATIO (at most LB_MAX_IV of them)
  let nIv = 0;
  for (let ka = Math.ceil(kMin); ka <= kMax; ) {
    if (nIv === LB_MAX_IV) return 0;
    const kb = Math.min(Math.floor(kMax), Math.max(ka, Math.floor(ka * LB_RATIO)));
    const la = model.implementationLossDb(qm, ka, rate);
    const lb = model.implementationLossDb(qm, kb, rate);
    LB_KA[nIv] = ka;
    // E from the payload (nr/allocation payloadCodedBits): TBS/C ≤ K' − 16 (a TB CRC of ≥ 16 bits, or
    // 24 CB-CRC bits per block), so every TB of the interval has E ≤ round((kb − 16)/R)
    LB_N[nIv] = Math.max(qm, Math.round((kb - 16) / rate)) / qm;
    LB_ADD[nIv] = la - Math.min(la, lb); // blockError subtracts loss(Ka): pass x + loss(Ka) − min loss
    nIv++;
    ka = kb + 1;
  }
  const gamma = (x: number): number => {
    let mn = 1;
    for (let q = 0; q < nIv; q++) {
      const v = model.blockError(qm, LB_KA[q] as number, LB_N[q] as number, x + (LB_ADD[q] as number), rate);
      if (v < mn) mn = v;
    }
    return tbFromCb(mn, cMin);
  };
  const iA = Math.floor((Math.max(mean + t1.loDb, mean - 100) - mean) / BOUND_STEP_DB);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  if (!(iB - 1 > iA)) return 0;
  let g = Math.round((hint - mean) / BOUND_STEP_DB);
  g = g < iA ? iA : g > iB - 2 ? iB - 2 : g;
  // γ falls a little earlier than the hinted TB's own error: walk down (at most 8 points) to where
  // it is at least 1/2, then use that point and the next
  let y0 = gamma(mean + g * BOUND_STEP_DB);
  let y1 = Number.NaN;
  for (let steps = 0; y0 < 0.5 && g > iA && steps < 8; steps++) {
    y1 = y0;
    g--;
    y0 = gamma(mean + g * BOUND_STEP_DB);
  }
  if (y1 !== y1) y1 = gamma(mean + (g + 1) * BOUND_STEP_DB);
  if (rows !== undefined) {
    FLOOR_X[0] = mean + g * BOUND_STEP_DB;
    FLOOR_Y[0] = y0;
    FLOOR_X[1] = mean + (g + 1) * BOUND_STEP_DB;
    FLOOR_Y[1] = y1;
    return correlatedFloor(kn, f, t1, rows, tMax, mean, 2) * (1 - 1e-12);
  }
  let bound = 1;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(kn, f, j);
    if (tab === undefined) return 0;
    const at = (i: number): number => (i < tab.i0 ? 0 : i >= tab.i1 ? 1 : (tab.values[i - tab.i0] as number));
    const b = Math.max(at(g + 1) * y0, at(g + 2) * y1);
    if (b < bound) bound = b;
  }
  // the floating sums the bound is compared with carry at most ~1e-14 relative error
  return bound * (1 - 1e-12);
}

/**
 * A lower bound of `errVector(ctx, m, tbs, r)[tMax]` valid for EVERY transport block whose
 * segmentation has K' in [kMin, kMax] and at least cMin code blocks, with no kernel call; 0 when
 * none is offered (AWGN, 'same' HARQ fading, a mean outside ±400 dB). Where errLowerBound evaluates
 * the kernel on K' intervals, this uses the model's closed-form `halfErrorSnrDb` x½: every code
 * block fails with probability ≥ 1/2 at SNR ≤ x½, so at the last lattice point x_g ≤ x½ the TB error
 * is ≥ 1 − 2^−cMin, and up_j ≥ F_j(x_{g+1})·f(x_g) (see provenAtHint) gives the bound. It rules
 * out, at the cost of a few table reads, the (TTI, MCS, repetition) groups whose MCS fails in a
 * fade for any block length, which are most of the groups the planner visits.
 */
export function errHalfFloor(ctx: PlanCtx, m: McsInfo, r: Repetitions, tMax: number, kMin: number, kMax: number, cMin: number): number {
  const kn = ctx.cache.kernel;
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  // independent HARQ fading, or correlated Rayleigh with the context's profile rows (correlatedFloor)
  const rows = isCorrelatedRayleigh(ctx.link) ? ctx.profile?.get(r) : undefined;
  if (f.kind === 'awgn' || (ctx.link.harqFading !== 'independent' && rows === undefined) || !(mean >= -400 && mean <= 400)) return 0;
  if (!(tMax >= 1 && tMax <= 4) || !(kMin >= 1 && kMax >= kMin && kMax <= 1e6) || !(cMin >= 1)) return 0;
  const t1 = latticeTable(kn, f, 1);
  if (t1 === undefined) return 0;
  const xHalf = halfSnr(ctx.cache, ctx.model, m, kMin, kMax);
  if (!(xHalf > Number.NEGATIVE_INFINITY)) return 0;
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  // x_g = mean + g·δ ≤ x½, computed as latticeErr does
  let g = Math.floor((xHalf - mean) / BOUND_STEP_DB);
  while (mean + g * BOUND_STEP_DB > xHalf) g--;
  if (g > iB - 2) g = iB - 2;
  const y0 = 1 - 0.5 ** cMin;
  if (rows !== undefined) {
    FLOOR_X[0] = mean + g * BOUND_STEP_DB;
    FLOOR_Y[0] = y0;
    return correlatedFloor(kn, f, t1, rows, tMax, mean, 1) * (1 - 1e-12);
  }
  let bound = 1;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(kn, f, j);
    if (tab === undefined) return 0;
    const i = g + 1;
    const b = (i < tab.i0 ? 0 : i >= tab.i1 ? 1 : (tab.values[i - tab.i0] as number)) * y0;
    if (b < bound) bound = b;
  }
  // the floating sums the bound is compared with carry at most ~1e-14 relative error
  return bound * (1 - 1e-12);
}

/** model.halfErrorSnrDb memoised per model and (Qm, R, K' range): pure, and windows recur across plans and links. */
function halfSnr(cache: PlannerCache, model: BlerModel, m: McsInfo, kMin: number, kMax: number): number {
  if (!(kMax < 16384)) return model.halfErrorSnrDb(m.qm, kMin, kMax, m.rateX1024 / 1024); // (K' ≤ 8448 in NR)
  // (keyed by the model itself: the presets are shared instances, and a custom model never shares a preset's memo)
  let memo = cache.halfSnr.get(model);
  if (memo === undefined) {
    memo = new Map();
    cache.halfSnr.set(model, memo);
  }
  const stats = cache.counters.halfSnr;
  const key = ((m.qm * 8192 + m.rateX1024 * 4) * 16384 + kMin) * 16384 + kMax; // < 2^45: exact
  let x = memo.get(key);
  if (x === undefined) {
    stats.misses++;
    x = model.halfErrorSnrDb(m.qm, kMin, kMax, m.rateX1024 / 1024);
    if (stats.size >= cache.limits.halfSnr) {
      for (const t of cache.halfSnr.values()) t.clear();
      stats.size = 0;
      stats.evictions++;
    }
    memo.set(key, x);
    stats.size++;
  } else stats.hits++;
  return x;
}

const LB_MAX_IV = 48;
/** Widest K' interval of errLowerBound (Kb/Ka): ≈ 6 % of code rate given away, few kernel calls. */
const LB_RATIO = 1.06;
const LB_KA = new Float64Array(LB_MAX_IV);
const LB_N = new Float64Array(LB_MAX_IV);
const LB_ADD = new Float64Array(LB_MAX_IV);
/** correlatedFloor's points x_p and the values y_p ≤ f there (errLowerBound: 2, errHalfFloor: 1). */
const FLOOR_X = new Float64Array(2);
const FLOOR_Y = new Float64Array(2);

/**
 * The group bounds under correlated Rayleigh HARQ fading (spec/fading.md "The planner's bound"): a floor
 * of e_tMax = min(1, up_1, …, up_tMax), the planner's upper sums, from the points (x_p, y_p) of
 * FLOOR_X/FLOOR_Y with y_p ≤ f(x) for every block of the range at every x ≤ x_p (f non-increasing).
 * up_1 is the ×1 sum of f; up_j (j ≥ 2) the least over K of the ×K sums of f shifted by s_K = 10·log10 λ_K
 * (correlatedAttempt, K over the leading nonzero eigenvalues of `rows[j]`, those with a lattice table).
 * Every such sum is ≥ F_K(x_{g+1})·y_p for the largest g with x_g + s_K ≤ x_p, computed as latticeErr
 * computes the point: the mass below its start carries error 1 ≥ y_p, each interval up to g carries
 * f ≥ y_p, the rest is ≥ 0; and a sum that stops early (chaseSums' tail) at a point i ≤ g adds
 * (1 − F(x_i))·f(x_i) ≥ (1 − F(x_i))·y_p, so it is ≥ y_p. So e_tMax ≥ the least over j ≤ tMax and K of
 * max_p F_K(x_{g_p+1})·y_p (and 1 when a row has no K).
 */
function correlatedFloor(kn: ChaseKernel, f: FadingModel, t1: FadingLatticeCdf, rows: readonly (readonly number[])[], tMax: number, mean: number, np: number): number {
  let bound = lawFloor(t1, 0, mean, np);
  for (let j = 2; j <= tMax; j++) {
    const row = rows[j] ?? [];
    for (let k = 1; k <= row.length && (row[k - 1] as number) > 0; k++) {
      const tab = k === 1 ? t1 : latticeTable(kn, f, k);
      if (tab === undefined) continue;
      const b = lawFloor(tab, 10 * Math.log10(row[k - 1] as number), mean, np);
      if (b < bound) bound = b;
    }
  }
  return bound;
}

/** max over the points p of F(x_{g_p+1})·y_p, g_p the largest lattice index with x_g + shift ≤ x_p (see correlatedFloor). */
function lawFloor(tab: FadingLatticeCdf, shiftDb: number, mean: number, np: number): number {
  let best = 0;
  for (let p = 0; p < np; p++) {
    const x = FLOOR_X[p] as number;
    // the point as latticeErr forms it (no shift: mean + g·δ); start one above the estimate and step down
    let g = Math.floor((x - mean - shiftDb) / BOUND_STEP_DB) + 1;
    while ((shiftDb !== 0 ? mean + g * BOUND_STEP_DB + shiftDb : mean + g * BOUND_STEP_DB) > x) g--;
    const i = g + 1;
    const b = (i < tab.i0 ? 0 : i >= tab.i1 ? 1 : (tab.values[i - tab.i0] as number)) * (FLOOR_Y[p] as number);
    if (b > best) best = b;
  }
  return best;
}


/**
 * The lattice CDF of the fading with j-fold diversity (j = 1: the link's own). A one-model memo
 * compared field by field (a plan uses one fading model), so a hit costs a few comparisons;
 * fadingLatticeCdf's own cache serves the misses.
 */
function latticeTable(kn: ChaseKernel, f: FadingModel, j: number): FadingLatticeCdf | undefined {
  if (f.kind === 'awgn') return undefined;
  const param = f.kind === 'rician' ? f.kFactorDb : f.kind === 'nakagami' ? f.m : 0;
  if (f.kind !== kn.tablesKind || !Object.is(f.diversity, kn.tablesDiv) || !Object.is(param, kn.tablesParam)) {
    kn.tables.fill(undefined);
    kn.tablesKind = f.kind;
    kn.tablesDiv = f.diversity;
    kn.tablesParam = param;
  }
  let t = kn.tables[j];
  if (t === undefined) {
    t = fadingLatticeCdf(j === 1 ? f : withDiversity(f, j), BOUND_STEP_DB);
    kn.tables[j] = t;
  }
  return t;
}

function nextGen(kn: ChaseKernel): number {
  if (kn.latticeGen >= 0x7ffffff0) {
    // (stamps wrap: every slot is emptied)
    for (const g of kn.slotGenOf) g.fill(0);
    kn.slotSetup.fill(-1);
    kn.latticeGen = 0;
  }
  return ++kn.latticeGen;
}

/**
 * Make the pass of the current block setup at SNR shift `shiftDb` current: its slot when one holds
 * it (the values there are f at exactly the points this pass reads: same block, mean, base and
 * shift), else the least recently used slot, emptied (a new generation).
 */
function usePass(kn: ChaseKernel, shiftDb: number): void {
  kn.shift = shiftDb;
  let s = -1;
  let lru = 0;
  for (let i = 0; i < PASS_SLOTS; i++) {
    if (kn.slotSetup[i] === kn.setupId && Object.is(kn.slotShift[i], shiftDb)) {
      s = i;
      break;
    }
    if ((kn.slotUsed[i] as number) < (kn.slotUsed[lru] as number)) lru = i;
  }
  if (s < 0) {
    s = lru;
    if (kn.slotF[s] === undefined) {
      kn.slotF[s] = new Float64Array(4096);
      kn.slotGenOf[s] = new Int32Array(4096);
    }
    const gen = nextGen(kn); // (before the slot is claimed: a wrap empties every slot)
    kn.slotSetup[s] = kn.setupId;
    kn.slotShift[s] = shiftDb;
    kn.slotGen[s] = gen;
  }
  kn.slotUsed[s] = ++kn.slotTick;
  kn.latticeF = kn.slotF[s]!;
  kn.latticeGenOf = kn.slotGenOf[s]!;
  kn.gen = kn.slotGen[s] as number;
}


/** Sets the kernel state for one (ctx, MCS, TBS, mean); returns iA, the first lattice index searched. */
function chaseSetup(kn: ChaseKernel, ctx: CandidateSpace, m: McsInfo, tbsBits: number, mean: number, t1: FadingLatticeCdf): number {
  const cbs = ldpcBlocks(tbsBits, m.rateX1024);
  const kp = ldpcBlocks.kPrime;
  const rate = m.rateX1024 / 1024;
  const nUses = payloadCodedBits(tbsBits, cbs, m.rateX1024, m.qm) / m.qm;
  const iA = Math.floor((Math.max(mean + t1.loDb, mean - 100) - mean) / BOUND_STEP_DB);
  // the same block as the last setup keeps its passes (f is a function of these alone)
  const same = kn.model === ctx.model && kn.qm === m.qm && kn.kp === kp && kn.nUses === nUses && kn.rate === rate && kn.cbs === cbs && Object.is(kn.mean, mean) && kn.base === iA;
  if (!same) {
    kn.model = ctx.model;
    kn.qm = m.qm;
    kn.kp = kp;
    kn.nUses = nUses;
    kn.rate = rate;
    kn.cbs = cbs;
    kn.mean = mean;
    kn.base = iA;
    if (kn.setupId >= 0x7ffffff0) {
      kn.slotSetup.fill(-1);
      kn.setupId = 0;
    }
    kn.setupId++;
  }
  usePass(kn, 0);
  return iA;
}

/** f at lattice point i of the current call (shifted by kn.shift dB), cached per generation. */
function latticeErr(kn: ChaseKernel, i: number): number {
  const c = i - kn.base;
  const inCache = c >= 0 && c < 4096;
  if (inCache && kn.latticeGenOf[c] === kn.gen) return kn.latticeF[c] as number;
  const x = kn.shift !== 0 ? kn.mean + i * BOUND_STEP_DB + kn.shift : kn.mean + i * BOUND_STEP_DB;
  const v = tbFromCb(kn.model!.blockError(kn.qm, kn.kp, kn.nUses, x, kn.rate), kn.cbs);
  if (inCache) {
    kn.latticeF[c] = v;
    kn.latticeGenOf[c] = kn.gen;
  }
  return v;
}

/**
 * Where the sums start: the last lattice point in [iA, iB) where f is still 1 (to 1e-12), or iA
 * when there is none — what a bisection of [iA, iB] finds for a non-increasing f (the premise of
 * the bounds; the nr-ldpc kernel is non-increasing by construction, fbl.ts / pamVRun). Instead of
 * bisecting the whole ~560-point range (~10 kernel calls, most far from the answer) it gallops
 * from a guess `g` (the start found for the previous call with the same MCS, as an absolute SNR:
 * the crossing moves little with the TBS), then bisects the bracket. With a good guess that is two
 * kernel calls, f(a) and f(a + 1), which the sums read next anyway. The guess only changes how
 * many points are probed, never the answer (for non-increasing f); test/classes/model.bounds.test.ts
 * compares with the plain bisection.
 */
function chaseStart(kn: ChaseKernel, iA: number, iB: number, g: number): number {
  const hi = iB - 1;
  if (!(hi > iA)) return iA;
  let a: number;
  let b: number;
  g = g >= iA ? (g <= hi ? g : hi) : iA; // also maps NaN to iA
  if (latticeErr(kn, g) >= 1 - 1e-12) {
    a = g; // gallop up: f(a) is 1, find a point where it is not
    for (let d = 1; ; d *= 2) {
      if (a === hi) return hi;
      const t = a + d <= hi ? a + d : hi;
      if (latticeErr(kn, t) >= 1 - 1e-12) a = t;
      else {
        b = t;
        break;
      }
    }
  } else {
    b = g; // gallop down: f(b) is below 1, find a point where it is 1
    for (let d = 1; ; d *= 2) {
      if (b === iA) return iA;
      const t = b - d >= iA ? b - d : iA;
      if (latticeErr(kn, t) >= 1 - 1e-12) {
        a = t;
        break;
      }
      b = t;
    }
  }
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (latticeErr(kn, mid) >= 1 - 1e-12) a = mid;
    else b = mid;
  }
  return a;
}

/**
 * The lattice CDF table of attempt j, with the kernel state and `kn.start` (where its sums start) set:
 * 'same' fading shifts f by 10·log10 j (fresh lattice values: a new generation of the scratch; the
 * start moves down by about the shift) on the link's own table; 'independent' fading keeps f and the
 * start a1 and takes the j-fold diversity table.
 */
function chaseAttempt(kn: ChaseKernel, f: FadingModel, t1: FadingLatticeCdf, same: boolean, j: number, iA: number, iB: number, a1: number): FadingLatticeCdf {
  kn.start = a1;
  if (j === 1) return t1;
  if (!same) return latticeTable(kn, f, j) as FadingLatticeCdf;
  usePass(kn, 10 * Math.log10(j));
  kn.start = chaseStart(kn, iA, iB, a1 - Math.round(kn.shift / BOUND_STEP_DB));
  return t1;
}

/** chaseStart guessing from kn.startHint, which it then updates. */
function chaseStartHinted(kn: ChaseKernel, m: McsInfo, iA: number, iB: number): number {
  const h = m.tableIdx * 32 + m.mcs;
  const ok = h >= 0 && h < 128;
  const a = chaseStart(kn, iA, iB, ok ? Math.round(((kn.startHint[h] as number) - kn.mean) / BOUND_STEP_DB) : Number.NaN);
  if (ok) kn.startHint[h] = kn.mean + a * BOUND_STEP_DB;
  return a;
}

/**
 * Riemann sums of one attempt from lattice point `a` on CDF table `tab` into kn.sumLo/kn.sumUp. Returns
 * false when the upper sum finished ≤ thr; true as soon as it exceeds thr (then the sums are
 * partial). With thr = +∞ the sums are always complete.
 */
function chaseSums(kn: ChaseKernel, tab: FadingLatticeCdf, a: number, thr: number): boolean {
  const vals = tab.values;
  const i0 = tab.i0;
  const i1 = tab.i1;
  let i = a;
  let fPrev = i < i0 ? 0 : i >= i1 ? 1 : (vals[i - i0] as number);
  let up = fPrev; // mass below the grid: error ≤ 1
  if (up > thr) return true;
  let errPrev = latticeErr(kn, i);
  let lo = fPrev * errPrev;
  while (i < i1) {
    i++;
    const fx = i >= i1 ? 1 : i < i0 ? 0 : (vals[i - i0] as number);
    const errN = latticeErr(kn, i);
    const dp = fx > fPrev ? fx - fPrev : 0;
    lo += dp * errN;
    up += dp * errPrev;
    if (up > thr) return true;
    fPrev = fx > fPrev ? fx : fPrev;
    errPrev = errN;
    // the rest adds at most (1 − F)·f(x) to the upper bound (added below) and ≥ 0 to the lower one
    if (errPrev < 1e-4 * up || errPrev < 1e-300) break;
  }
  if (fPrev < 1) up += (1 - fPrev) * errPrev;
  kn.sumLo = lo;
  kn.sumUp = up;
  return up > thr;
}

/**
 * errBoundsChase for the cases the lattice tables do not cover (AWGN, or a mean outside
 * [−400, 400] dB where fadingCdf clamps the mean so its lattice values stop being shift-invariant):
 * the same sums with a shifted CDF built per call (the pre-table algorithm, unchanged).
 */
function errBoundsChaseGeneric(kn: ChaseKernel, ctx: CandidateSpace, m: McsInfo, tbsBits: number, r: Repetitions): { lower: Float64Array; upper: Float64Array } {
  const f = ctx.link.fading;
  const seg = ldpcSegmentation(tbsBits, m.rateX1024);
  const rate = m.rateX1024 / 1024;
  const kp = seg.kPrime;
  const cbs = seg.codeBlocks;
  const nUses = payloadCodedBits(tbsBits, cbs, m.rateX1024, m.qm) / m.qm;
  const model = ctx.model;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const tbErr = (x: number): number => tbFromCb(model.blockError(m.qm, kp, nUses, x, rate), cbs);
  const lower = new Float64Array(5);
  const upper = new Float64Array(5);
  lower[0] = 1;
  upper[0] = 1;
  const same = ctx.link.harqFading !== 'independent';
  const step = BOUND_STEP_DB;
  const cdf1 = fadingCdf(f, mean);
  const iA = Math.floor((Math.max(cdf1.loDb, mean - 100) - mean) / step);
  const iB = Math.ceil((Math.min(cdf1.hiDb, mean + 40) - mean) / step);
  const cache = kn.genericF;
  cache.fill(Number.NaN, 0, Math.min(cache.length, iB - iA + 200));
  const fAt = (i: number, shift: number): number => {
    if (shift !== 0) return tbErr(mean + i * step + shift);
    const c = i - iA;
    if (c < 0 || c >= cache.length) return tbErr(mean + i * step);
    let v = cache[c] as number;
    if (v !== v) {
      v = tbErr(mean + i * step);
      cache[c] = v;
    }
    return v;
  };
  for (let j = 1; j <= 4; j++) {
    const cdf = same || j === 1 ? cdf1 : fadingCdf(withDiversity(f, j), mean);
    const shift = same ? 10 * Math.log10(j) : 0;
    let a = iA;
    let b = iB;
    if (fAt(a, shift) >= 1 - 1e-12) {
      while (b - a > 1) {
        const mid = (a + b) >> 1;
        if (fAt(mid, shift) >= 1 - 1e-12) a = mid;
        else b = mid;
      }
    }
    let i = a;
    let x = mean + i * step;
    let fPrev = cdf.at(x);
    let errPrev = fAt(i, shift);
    let lo = fPrev * errPrev;
    let up = fPrev;
    while (x < cdf.hiDb) {
      i++;
      const xn = mean + i * step;
      const fx = xn >= cdf.hiDb ? 1 : cdf.at(xn);
      const errN = fAt(i, shift);
      const dp = fx > fPrev ? fx - fPrev : 0;
      lo += dp * errN;
      up += dp * errPrev;
      fPrev = fx > fPrev ? fx : fPrev;
      x = xn;
      errPrev = errN;
      if (errPrev < 1e-4 * up || errPrev < 1e-300) break;
    }
    if (fPrev < 1) up += (1 - fPrev) * errPrev;
    lower[j] = Math.min(1, lo, lower[j - 1] as number);
    upper[j] = Math.min(1, up, upper[j - 1] as number);
  }
  return { lower, upper };
}

/**
 * The kernel scratch of a space: a plan context's cache's; for a bare space, a standalone kernel
 * that no PlannerCache shares (its hints never steer a plan's pruning).
 */
function kernelOf(space: CandidateSpace): ChaseKernel {
  return (space as Partial<PlanCtx>).cache?.kernel ?? STANDALONE_KERNEL;
}
const STANDALONE_KERNEL = new ChaseKernel();

/** The upper-bound error vector used by the planner under fading. */
export function errUpperBoundVector(ctx: CandidateSpace, m: McsInfo, tbsBits: number, r: Repetitions, kernel?: ChaseKernel, profile?: CorrelationProfile): Float64Array {
  const kn = kernel ?? kernelOf(ctx);
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 = mean >= -400 && mean <= 400 ? latticeTable(kn, ctx.link.fading, 1) : undefined;
  // correlated Rayleigh HARQ fading: the bound at the space's least eigenvalues (correlatedAttempt)
  const rows = isCorrelatedRayleigh(ctx.link) ? (profile ?? profileOf(ctx)).get(r) : undefined;
  if (t1 === undefined) return rows !== undefined ? Float64Array.from([1, 1, 1, 1, 1]) : errBoundsChaseGeneric(kn, ctx, m, tbsBits, r).upper;
  const upper = new Float64Array(5);
  chaseInto(kn, ctx, m, tbsBits, mean, t1, upper, undefined, rows);
  return upper;
}

/** The correlation profile of a space: the plan context's, else computed (definition.correlationProfile). */
function profileOf(space: CandidateSpace): CorrelationProfile {
  return (space as Partial<PlanCtx>).profile ?? correlationProfile(space);
}

function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}

/** L_1..L_4 worst-case user-plane latency (ms, index 1..4) for (mu, tti, grant), memoised; null if the latency model rejects the combination. */
export function latVector(ctx: PlanCtx, mu: MuInfo, tti: TtiInfo, grant: GrantType): Float64Array | null {
  return latVectorIn(ctx.latMemo, ctx, mu, tti, grant);
}

/** latVector through the memo `latMemo` of the space's link and direction (latencyMemo). */
function latVectorIn(latMemo: Map<number, Float64Array>, space: Pick<CandidateSpace, 'direction' | 'link'>, mu: MuInfo, tti: TtiInfo, grant: GrantType): Float64Array | null {
  const key = (mu.mu * 16 + tti.ttiSymbols) * 4 + (grant === 'configured' ? 0 : grant === 'dynamic' ? 1 : 2);
  const hit = latMemo.get(key);
  if (hit !== undefined) return hit.length === 0 ? null : hit;
  const totals = latencyByTransmissions({
    direction: space.direction,
    duplex: space.link.duplex,
    ...latencySlotFields(space.link),
    mu: mu.mu,
    ttiSymbols: tti.ttiSymbols,
    ueCapability: space.link.ueCapability,
    grant,
    alignment: 'worst',
    dmrsAdditionalPosition: tti.dmrsAdditionalPosition,
  });
  if (E.isLeft(totals)) {
    latMemo.set(key, NO_LATENCY);
    return null;
  }
  const v = new Float64Array(5);
  for (let i = 1; i <= 4; i++) v[i] = totals.right[i - 1] ?? Number.POSITIVE_INFINITY;
  latMemo.set(key, v);
  return v;
}

const NO_LATENCY = new Float64Array(0);

/** Evaluate one candidate against every size of every service with the planner's oracles (definition.evaluate). */
export function evaluate(ctx: PlanCtx, c: Candidate): Outcome {
  return evaluateWith(ctx, ctx, c);
}

/**
 * definition.evaluateAllocated with the planner's oracles (the certified error bound, memoised):
 * `al[3j..3j+2]` = (PRBs, TTIs, TBS) of the j-th size (services in order, sizes ascending). The
 * search precomputes them once per (TTI, MCS, PRBs) and reuses them for every mu, grant and T.
 */
export function evaluateAllocated(ctx: PlanCtx, c: Candidate, al: Float64Array, costCap = Number.POSITIVE_INFINITY, capacityExit = false): Outcome {
  return evaluateAllocatedWith(ctx, ctx, c, al, costCap, capacityExit);
}
