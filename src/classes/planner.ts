/**
 * classes/planner: `plan(service, link, opts?)` — the least-cost PHY class that meets a service's
 * reliability and latency target on a link, or an `Infeasible` naming the binding constraint
 * (issue 5 §3; spec/planner.md §3–§6).
 *
 * The model (what is proven) is classes/definition.ts; the search (how it is found fast, with its
 * named pruning rules) is classes/search.ts; model.ts holds the certified error bound and the memo
 * tables the search reads. `exhaustiveSearch` here is the definition's reference search with the
 * planner's oracles (the property tests compare `searchBest` with it).
 */
import * as E from 'fp-ts/lib/Either.js';
import { channelBandwidthsMHz } from '../nr/carrier.js';
import { numerology } from '../nr/numerology.js';
import { tbsFromRe } from '../nr/tbs.js';
import { allowedMuFor, FR_MU, LINK_BUDGET_RANGES, type LinkContext, defaultLink, inconsistentLink, linkChannelBandwidthsMHz, segmentFadesMayDepend } from './link.js';
import { budgetText, couplingLossOf, linkForServices } from '../link/budget.js';
import { DEFAULT_TDD_PATTERN } from '../nr/slotPattern.js';
import { withControlErrors } from '../link/control.js';
import { firstFeasible as firstFeasibleValue } from '../core/bisect.js';
import { classicMissProbability, exhaustiveSearch as exhaustiveModelSearch } from './definition.js';
import { errExceeds, errFirstTransmission, errVector, makeCtx, type Candidate, type McsInfo, type PlanCtx, type PlannableService } from './model.js';
import { searchBest, type SearchResult, type SearchStats } from './search.js';
import { boundedSet, defaultPlannerCache } from './cache.js';
import type { Infeasible, PhyClass, PlanOptions, Relaxation, Repetitions } from './types.js';

export { searchBest, PRUNE_RULES, type PruneRule, type SearchOptions, type SearchResult, type SearchStats } from './search.js';

/** Smallest n in [lo, hi] with pred(n) true, pred monotone (false…true); hi if none earlier. */
function smallestPrb(lo: number, hi: number, pred: (n: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Brute force over the whole (restricted) space with the planner's oracles (the certified error
 * bound): definition.exhaustiveSearch, the reference `searchBest` is tested equal to.
 */
export function exhaustiveSearch(ctx: PlanCtx): SearchResult | null {
  return exhaustiveModelSearch(ctx, ctx);
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
  return E.map((p: PlannedClass) => p.phyClass)(planDetailed(service, link, opts));
}

/**
 * The class `plan` returns for `service` on `link`, or null where `plan` returns Left — without the
 * diagnosis of an infeasible service (its message, its relaxations): for callers that only ask whether
 * and which class, such as the application-side relaxation probes (codesign/application.ts).
 * (Not part of the package's API.)
 */
export function planClass(service: PlannableService, link: LinkContext = defaultLink, opts?: PlanOptions): PhyClass | null {
  if (inconsistentLink(link) !== null || serviceProblem(service) !== null) return null;
  const ctx = makeCtx([service], link, opts);
  if (ctx.mus.length === 0 || ctx.ttis.length === 0 || ctx.mcsList.length === 0) return null;
  const best = searchBest(ctx);
  return best === null ? null : toPhyClass(ctx, best.candidate);
}

/**
 * Whether `planClass` finds a class (the search stops at its first feasible class: `anyFeasible`).
 * (Not part of the package's API.)
 */
export function planExists(service: PlannableService, link: LinkContext = defaultLink, opts?: PlanOptions): boolean {
  if (inconsistentLink(link) !== null || serviceProblem(service) !== null) return false;
  const ctx = makeCtx([service], link, opts);
  if (ctx.mus.length === 0 || ctx.ttis.length === 0 || ctx.mcsList.length === 0) return false;
  return searchBest(ctx, undefined, { anyFeasible: true }) !== null;
}

/** `plan` with the planner's own figures of the class (cost, latency, load), as `planGroup` gives them. */
export function planDetailed(service: PlannableService, link: LinkContext = defaultLink, opts?: PlanOptions): E.Either<Infeasible, PlannedClass> {
  const linkProblem = inconsistentLink(link); // a link that cannot exist (FDD with a TDD pattern, FDD on FR2-1, ...)
  if (linkProblem !== null) return E.left(mkInfeasible(service, 'input', linkProblem.message, 0, 0, '', null, []));
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
  const stats: SearchStats = { groups: 0, groupsVisited: 0, evaluations: 0, capacityRejections: 0 };
  const best = searchBest(ctx, stats);
  if (best !== null) {
    return E.right({ phyClass: toPhyClass(ctx, best.candidate), rePerSecond: best.outcome.cost, latencyMs: best.outcome.latencyMs, load: best.outcome.load });
  }
  return E.left(diagnose(service, link, opts, ctx, (stats.capacityRejections ?? 0) > 0));
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

/**
 * A text key of a relaxation probe's inputs (the service, the link and the options but their cache):
 * numbers written exactly (−0 apart), and typed, so that different inputs never share a key.
 */
function probeKey(kind: string, s: PlannableService, link: LinkContext, opts: PlanOptions | undefined): string | null {
  try {
    return kind + JSON.stringify([s, link, opts ?? null], (k, v: unknown) =>
      k === 'cache' ? undefined : typeof v === 'number' ? `#${Object.is(v, -0) ? '-0' : String(v)}` : typeof v === 'string' ? `$${v}` : v,
    );
  } catch {
    return null; // (not plain data, e.g. a cycle: no memo)
  }
}

/**
 * A probe's answer, memoised in the plan's PlannerCache (`probes`; issue 18: a repeated plan, or a
 * relaxation asked again, runs no search twice). Pure: the answer is a function of the key's inputs.
 */
function probe<A extends string | true>(kind: string, s: PlannableService, link: LinkContext, opts: PlanOptions | undefined, run: () => A | null): A | null {
  const cache = opts?.cache ?? defaultPlannerCache;
  const key = probeKey(kind, s, link, opts);
  if (key === null) return run();
  const hit = cache.probe(key);
  if (hit !== undefined) return hit as A | null;
  const r = run();
  cache.storeProbe(key, r);
  return r;
}

function feasible(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined): string | null {
  return probe('least', s, link, opts, () => {
    const ctx = makeCtx([s], link, opts);
    const r = searchBest(ctx);
    return r === null ? null : toPhyClass(ctx, r.candidate).id;
  });
}

/** Whether some class serves `s` on `link` (the search stops at the first feasible class: `anyFeasible`). */
function anyFeasible(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined): true | null {
  return probe('any', s, link, opts, () => (searchBest(makeCtx([s], link, opts), undefined, { anyFeasible: true }) === null ? null : true));
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
  if (link.linkBudget !== undefined) return `${link.bandwidthMHz} MHz ${link.fr} ${link.duplex} under a link budget, ${budgetText(link.linkBudget, link.bandwidthMHz)} (${fad})`;
  return `${link.bandwidthMHz} MHz ${link.fr} ${link.duplex} at ${link.snrDb} dB mean SNR (${fad})`;
}

/**
 * Peak goodput (bits/ms) of the best single-transmission class on the carrier, first-transmission BLER counted.
 * With `enoughRate`, the answer to "does the peak reach enoughRate?" comes first: the classes that could
 * reach it (TBS/T_tti ≥ enoughRate) are visited in the same order, each skipped when errExceeds proves its
 * goodput below enoughRate, until one reaches it; its goodput (≥ enoughRate, a lower bound of the peak) is
 * returned. When none does, the peak is below enoughRate and is computed exactly, as without it. The
 * diagnosis asks only that question (needRate > peak), so it gets the same answer from a witness: a few
 * partial-sum proofs and one goodput instead of dozens of goodputs of classes that fail. A goodput needs
 * e_1 alone (errFirstTransmission), and the visit order is memoised per space (goodputCandidates).
 * (Exported for test/classes/diagnose.prune.test.ts only; not part of the package's API.)
 */
export function bestGoodput(ctx: PlanCtx, enoughRate: number = Number.POSITIVE_INFINITY): { rate: number } {
  const cands = goodputCandidates(ctx);
  const goodput = (c: GoodputCandidate): number => (c.tbs * (1 - errFirstTransmission(ctx, c.m, c.tbs, 1))) / c.ttiEff;
  if (enoughRate > 0 && enoughRate < Number.POSITIVE_INFINITY) {
    // a witness: a class whose goodput reaches enoughRate (a class whose first-transmission error provably
    // exceeds 1 − enoughRate·T/TBS, with the 1e-9 margin below, has a goodput below it)
    for (const c of cands) {
      if (c.ub < enoughRate) break;
      const skipAbove = 1 - (enoughRate * c.ttiEff) / c.tbs + 1e-9;
      if (skipAbove < 1 && errExceeds(ctx, c.m, c.tbs, 1, 1, skipAbove)) continue;
      const rate = goodput(c);
      if (rate >= enoughRate) return { rate };
    }
  }
  // the exact peak: stop once TBS/T_tti cannot beat the best goodput found
  let best = 0;
  for (const c of cands) {
    if (c.ub <= best) break;
    // a class whose first-transmission error provably exceeds 1 − best·T/TBS (with a 1e-9 margin
    // that floating rounding of the rate cannot cross) has a goodput below best: it would not
    // change the answer, and errExceeds proves it from partial sums without the whole vector
    const skipAbove = 1 - (best * c.ttiEff) / c.tbs + 1e-9;
    if (best > 0 && skipAbove < 1 && errExceeds(ctx, c.m, c.tbs, 1, 1, skipAbove)) continue;
    const rate = goodput(c);
    if (rate > best) best = rate;
  }
  return { rate: best };
}

/** A class of bestGoodput's visit: its MCS, full-carrier TBS, sustained TTI spacing and the bound TBS/T. */
interface GoodputCandidate {
  readonly ub: number;
  readonly tbs: number;
  readonly ttiEff: number;
  readonly m: McsInfo;
}

/**
 * bestGoodput's classes in decreasing order of TBS/T_tti (stable: ties in loop order). A function of the
 * space's numerologies, TTIs and MCS list alone (not of the SNR), so it is memoised in the cache with
 * the group orders: building and sorting the ~450 classes was a third of bestGoodput's time.
 */
function goodputCandidates(ctx: PlanCtx): readonly GoodputCandidate[] {
  let key = `goodput|${ctx.nLayers}|`;
  for (const mu of ctx.mus) key += `${mu.maxPrb}:${mu.slotMs},`;
  key += '|';
  for (const t of ctx.ttis) key += `${t.nRePerPrb}:${t.occ.periodSymbols}:${t.occ.starts.length},`;
  key += '|';
  for (const m of ctx.mcsList) key += `${m.tableIdx}:${m.mcs}:${m.qm}:${m.rateX1024},`;
  const cache = ctx.cache;
  const stats = cache.counters.groupOrders;
  const hit = cache.groupOrders.get(key) as readonly GoodputCandidate[] | undefined;
  if (hit !== undefined) {
    stats.hits++;
    return hit;
  }
  stats.misses++;
  // TBS/T_tti bounds the goodput from above: visit the classes in decreasing order of it
  const cands: GoodputCandidate[] = [];
  for (const mu of ctx.mus) {
    for (const tti of ctx.ttis) {
      // (average spacing of the occasions over the slot pattern: the sustained goodput)
      const ttiEff = ((tti.occ.periodSymbols / Math.max(1, tti.occ.starts.length)) * mu.slotMs) / 14;
      for (const m of ctx.mcsList) {
        const tbs = tbsFromRe(tti.nRePerPrb * mu.maxPrb, m.qm, m.rateX1024, ctx.nLayers);
        cands.push({ ub: tbs / ttiEff, tbs, ttiEff, m });
      }
    }
  }
  cands.sort((a, b) => b.ub - a.ub);
  boundedSet(cache.groupOrders, stats, cache.limits.groupOrders, key, cands);
  return cands;
}

/** How bestEpsilon sends a packet of `bits`: the fewest full-carrier segments, each a TB of the fewest PRBs that carry it. */
function epsSizing(ctx: PlanCtx, tti: PlanCtx['ttis'][number], m: McsInfo, bits: number, mu: PlanCtx['mus'][number]): { segs: number; tbs: number } {
  const tbsMax = tbsFromRe(tti.nRePerPrb * mu.maxPrb, m.qm, m.rateX1024, ctx.nLayers);
  const segs = Math.ceil(bits / tbsMax);
  const n = Math.max(1, smallestPrb(1, mu.maxPrb, (k) => segs * tbsFromRe(tti.nRePerPrb * k, m.qm, m.rateX1024, ctx.nLayers) >= bits));
  return { segs, tbs: tbsFromRe(tti.nRePerPrb * n, m.qm, m.rateX1024, ctx.nLayers) };
}

/**
 * Most reliable packet-miss probability reachable ignoring the deadline (max rep and HARQ, full carrier).
 * (Exported for test/classes/diagnose.prune.test.ts only; not part of the package's API.)
 */
export function bestEpsilon(ctx: PlanCtx): { eps: number; sizeBytes: number; what: string } {
  const s = ctx.services[0]!;
  let bestEps = 1;
  let what = 'every class in the search space';
  let worstSize = s.maxBits / 8;
  const r = ctx.reps[ctx.reps.length - 1] ?? (1 as Repetitions);
  const T = ctx.transmissions[ctx.transmissions.length - 1] ?? 1;
  const mu = ctx.mus[0]!;
  const anyDep = segmentFadesMayDepend(ctx.link);
  for (const tti of ctx.ttis) {
    for (const m of ctx.mcsList) {
      // Only a (TTI, MCS) whose worst miss is below bestEps changes the answer. A packet's miss is at
      // least its TB error e_T (1 − (1 − e)^segs ≥ e, control errors only add), so a TB error proven
      // above bestEps·(1 + 1e-12) (a margin over the rounding of that inequality) rules the pair out;
      // errExceeds proves it from partial sums (bit-identical answer, far fewer kernel calls)
      const skipAbove = bestEps * (1 + 1e-12);
      const sizing = s.sizesBits.map((bits) => epsSizing(ctx, tti, m, bits, mu));
      if (skipAbove < 1 && sizing.some((z) => errExceeds(ctx, m, z.tbs, r, T, skipAbove))) continue;
      let worst = 0;
      let ws = 0;
      for (let i = 0; i < s.sizesBits.length; i++) {
        const bits = s.sizesBits[i]!;
        const { segs, tbs } = sizing[i]!;
        const ev = errVector(ctx, m, tbs, r);
        const e = ev[T]!;
        // (the model's own formula: the union bound where a packet's TBs may share their fades)
        const dataMiss = classicMissProbability(e, segs, anyDep);
        // with the control-channel errors the model charges (link/control.ts), at the grant that pays least
        let miss = dataMiss;
        if (ctx.link.controlErrors !== undefined) {
          miss = 1;
          for (const g of ctx.grants) miss = Math.min(miss, withControlErrors(dataMiss, ev, T, segs, ctx.direction, g, ctx.link.controlErrors));
        }
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

/**
 * Why no class exists. `capacityRejected`: whether the failed search rejected some candidate for the
 * carrier's capacity alone; when it did not, the same search without the capacity check finds nothing
 * either (it visits the same candidates, all failing on latency or reliability) and is skipped.
 */
function diagnose(s: PlannableService, link: LinkContext, opts: PlanOptions | undefined, ctx: PlanCtx, capacityRejected: boolean): Infeasible {
  const info = ctx.services[0]!;
  const maxBytes = info.maxBits / 8;
  const relax = opts?.relaxations !== false ? relaxations(s, link, opts) : [];
  const noDeadline = makeCtx([s], link, opts, { ignoreDeadline: true, ignoreCapacity: true });
  // only whether some class exists matters here: the search may stop at the first one (anyFeasible),
  // and looks first where reliability is likeliest (robustFirst): without deadlines, reliability decides
  if (searchBest(noDeadline, undefined, { anyFeasible: true, robustFirst: true }) === null) {
    const b = bestEpsilon(noDeadline);
    return mkInfeasible(
      s,
      'reliability',
      `${s.id}: epsilon ${s.epsilon} is out of reach on ${linkText(link)} even without a deadline: ` +
        `the most robust class (${b.what}) misses ${fmtBytes(b.sizeBytes)} packets with probability ${b.eps.toPrecision(3)}` +
        (link.controlErrors !== undefined ? ` (control-channel errors included: PDCCH miss ${link.controlErrors.pdcchMissProb}, NACK→ACK ${link.controlErrors.harqAckErrorProb}, SR miss ${link.controlErrors.srMissProb} per event)` : ''),
      s.epsilon,
      b.eps,
      'epsilon',
      b.sizeBytes,
      relax,
    );
  }
  const nc = capacityRejected ? searchBest(makeCtx([s], link, opts, { ignoreCapacity: true })) : null;
  if (nc === null) {
    const needRate = info.maxBits / s.latencyBudgetMs;
    // (whether the peak reaches needRate: the visit may stop at the first class that does)
    const g = bestGoodput(ctx, needRate);
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

/**
 * `core/bisect.firstFeasible` of `xs` under `make` (the service and link of a relaxation), with the
 * class id as the value: the probes only ask whether some class is feasible (`anyFeasible`, a search
 * that stops at its first feasible class — the work budget of issue 18), and the least class is
 * searched once, at the first feasible entry. Same entry, same class as bisecting with full searches.
 */
function firstFeasible<A>(xs: readonly A[], make: (x: A) => readonly [PlannableService, LinkContext], opts: PlanOptions): { index: number; id: string } | null {
  const r = firstFeasibleValue(xs, (x) => anyFeasible(...make(x), opts));
  if (r === null) return null;
  const id = feasible(...make(xs[r.index]!), opts);
  // (a feasible probe has a least class: the full search finds it)
  return id === null ? null : { index: r.index, id };
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
  const d = firstFeasible(dl, (v) => [{ ...s, latencyBudgetMs: v }, link], o);
  if (d !== null) out.push({ kind: 'deadline', value: dl[d.index]!, description: `latency budget ≥ ${dl[d.index]!} ms`, classId: d.id });
  // wider channels the link's band allows (every NR channel of the range on a free carrier)
  const wider = linkChannelBandwidthsMHz(link).filter((b) => b > link.bandwidthMHz);
  const w = firstFeasible(wider, (b) => [s, { ...link, bandwidthMHz: b }], o);
  if (w !== null) out.push({ kind: 'bandwidth', value: wider[w.index]!, description: `${wider[w.index]!} MHz ${link.band ?? link.fr} carrier`, classId: w.id });
  if (link.fr === 'FR1') {
    const fr2 = [100, 200, 400];
    const f = firstFeasible(fr2, (b) => {
      // FR2-1 bands are TDD only (inconsistentLink): the FR2-1 carrier keeps a TDD link's pattern, else the default
      // on band n257 (26.5–29.5 GHz, TS 38.101-2 Table 5.2-1) at its centre
      const l2: LinkContext = { ...link, band: 'n257', carrierFrequencyGHz: 28, fr: 'FR2-1', bandwidthMHz: b, duplex: 'TDD', tddPattern: link.duplex === 'TDD' ? (link.tddPattern ?? DEFAULT_TDD_PATTERN) : DEFAULT_TDD_PATTERN };
      delete (l2 as { allowedMu?: unknown }).allowedMu;
      return [s, l2];
    }, o);
    if (f !== null) out.push({ kind: 'fr2', value: fr2[f.index]!, description: `FR2-1 carrier of ${fr2[f.index]!} MHz`, classId: f.id });
  }
  if (link.linkBudget !== undefined) {
    // under a link budget the SNR follows the coupling loss (link/budget.ts): relax that, the service's own first
    const b = linkForServices(link, [s]).linkBudget!;
    const cl = couplingLossOf(b);
    const { couplingLossDb: _c, position: _p, ...bare } = s;
    const cls = [1, 2, 3, 5, 7, 10, 15, 20, 30].map((x) => cl - x).filter((x) => x >= LINK_BUDGET_RANGES.couplingLossDb[0]);
    const cf = firstFeasible(cls, (v) => [bare, { ...link, linkBudget: { ...b, couplingLossDb: v } }], o);
    if (cf !== null) out.push({ kind: 'couplingLoss', value: cls[cf.index]!, description: `coupling loss ≤ ${cls[cf.index]!} dB`, classId: cf.id });
  } else {
    const snrs = [1, 2, 3, 5, 7, 10, 15, 20, 30].map((x) => link.snrDb + x).filter((x) => x <= 60);
    const sn = firstFeasible(snrs, (v) => [s, { ...link, snrDb: v }], o);
    if (sn !== null) out.push({ kind: 'snr', value: snrs[sn.index]!, description: `mean SNR ≥ ${snrs[sn.index]!} dB`, classId: sn.id });
  }
  const epss = [10, 100, 1000].map((f) => +(s.epsilon * f).toPrecision(2)).filter((x) => x <= 0.1);
  const ep = firstFeasible(epss, (v) => [{ ...s, epsilon: v }, link], o);
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
