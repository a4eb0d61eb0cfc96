/**
 * classes/model: the constraint and cost model shared by the planner and its brute-force
 * reference (spec/planner.md §3–§4). `verify` does NOT use this file: it recomputes everything
 * from the link and nr modules on its own path.
 *
 * For a candidate class and a packet of S bits: allocationFor gives m TTIs of n PRBs with TBS
 * t bits. With repetition factor r the mean SNR of one transmission is snrDb + 10·log10(r)
 * (r copies energy-combined within one fading block). e_i(t) = P(TB not decoded after i HARQ
 * transmissions) (harqTransmissionDistribution: block error model + fading + combining). The
 * worst-case latency of transmission i of the last segment is
 *   lat_i(m) = L_i + span((m − 1)·r + i·(r − 1)),
 * span(s) the worst-case time of s further occasions of the TTI (segmentSpanMs: the occasions of the
 * TTI over the slot pattern — DL mini-slots after the control region, TDD slots as they are),
 * L_i = userPlaneLatency({..., transmissions: i, alignment: 'worst'}). k = max{i ≤ T : lat_i ≤ D}
 * transmissions fit the budget D; the packet misses it with probability
 *   P_miss = 1 − (1 − e_k)^m    (k = 0 ⇒ P_miss = 1),
 * raised to the link/segments bound when retransmissions of earlier segments, sent before the later
 * segments, may push the last one past its slack (spec/planner.md §3.2),
 * and costs E[RE] = m·n·12·L·r·Σ_{i=1..T} e_{i−1} resource elements (e_0 = 1).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, GrantType, McsTableName, Mu } from '../core/types.js';
import { MCS_TABLE_NAMES } from '../core/types.js';
import { blerModel, tbFromCb, type BlerModel } from '../link/bler.js';
import { fadingCdf, fadingLatticeCdf, withDiversity, type FadingLatticeCdf } from '../link/fading.js';
import { ldpcBlocks, ldpcSegmentation } from '../nr/ldpc.js';
import type { FadingModel } from '../core/types.js';
import { harqTransmissionDistribution } from '../link/harq.js';
import { latencyByTransmissions, occasionGrid, occasionSpanSymbols, type OccasionGrid } from '../link/latency.js';
import { segmentedMissProbability } from '../link/segments.js';
import { maxPrb } from '../nr/carrier.js';
import { mcsEntry, maxMcsIndex } from '../nr/mcs.js';
import { numerology } from '../nr/numerology.js';
import { tbsFromRe } from '../nr/tbs.js';
import { allowedMuFor, dmrsRePerPrbFor, layersFor, type LinkContext } from './link.js';
import { REPETITION_VALUES, TTI_CHOICES, type PlanOptions, type Repetitions } from './types.js';

/** The fields of a service profile the planner reads (ServiceProfile satisfies it). */
export interface PlannableService {
  /** Service id (unique within a plan). */
  readonly id: string;
  /** Direction the packets travel: 'DL' or 'UL'. */
  readonly direction: Direction;
  /** Packet-size profile of the service. */
  readonly payload: {
    /** Packet sizes in bytes (each > 0; the planner meets every one). */
    readonly sizesBytes: readonly number[];
  };
  /** Time between packets of one UE, ms (> 0). */
  readonly periodMs: number;
  /** Latency budget D of one packet, ms (> 0). */
  readonly latencyBudgetMs: number;
  /** Allowed probability epsilon that a packet misses its budget, in (0, 1). */
  readonly epsilon: number;
  /** 5QI of the service (TS 23.501 Table 5.7.4-1), or null. */
  readonly fiveQi: number | null;
  /** Number of UEs running the service (≥ 1; default 1). */
  readonly ueCount?: number;
}

/** Upper bound TBS ≤ TBS_UB_SLOPE·N_info + 24 (checked in test/classes/model.test.ts). */
export const TBS_UB_SLOPE = 1.07;

/** Per-numerology facts precomputed by `makeCtx`. */
export interface MuInfo {
  /** Numerology μ. */
  readonly mu: Mu;
  /** Carrier width N_RB in PRBs at this μ (TS 38.101-1/-2 Table 5.3.2-1). */
  readonly maxPrb: number;
  /** Slot duration 1/2^μ ms. */
  readonly slotMs: number;
  /** Fraction of time the direction owns the carrier (1 for FDD). */
  readonly duty: number;
  /** Carrier REs per second in the direction. */
  readonly capacityRePerS: number;
}
/** Per-TTI-choice facts precomputed by `makeCtx`. */
export interface TtiInfo {
  /** Mapping type A (slot) or B (mini-slot). */
  readonly mappingType: 'A' | 'B';
  /** TTI length in OFDM symbols. */
  readonly ttiSymbols: number;
  /** DM-RS REs per PRB in the TTI (`dmrsRePerPrb`). */
  readonly nDmrsRePerPrb: number;
  /** Data REs per PRB: min(156, 12·ttiSymbols − DM-RS − xOverhead) (TS 38.214 §5.1.3.2). */
  readonly nRePerPrb: number;
  /** Occasions of this TTI in the plan's direction over the slot pattern (link/latency occasionGrid). */
  readonly occ: OccasionGrid;
}
/** One searchable MCS entry precomputed by `makeCtx`. */
export interface McsInfo {
  /** Index of `table` in MCS_TABLE_NAMES. */
  readonly tableIdx: number;
  /** MCS table name. */
  readonly table: McsTableName;
  /** MCS index within the table. */
  readonly mcs: number;
  /** Modulation order Qm, bits per symbol. */
  readonly qm: number;
  /** Target code rate R × 1024. */
  readonly rateX1024: number;
}
/** Per-service facts precomputed by `makeCtx`. */
export interface ServiceInfo {
  /** The service as given. */
  readonly svc: PlannableService;
  /** Sorted, de-duplicated packet sizes in bits. */
  readonly sizesBits: readonly number[];
  /** Largest packet size in bits (0 when there are none). */
  readonly maxBits: number;
  /** Latency budget, ms (Infinity when the context ignores deadlines). */
  readonly deadlineMs: number;
  /** Allowed miss probability epsilon of the service. */
  readonly epsilon: number;
  /** Packets per second (all UEs). */
  readonly packetsPerS: number;
}

/** Everything one plan call precomputes, plus its private memo tables. */
export interface PlanCtx {
  /** The link planned for. */
  readonly link: LinkContext;
  /** Direction of the services (that of the first service; 'UL' when there are none). */
  readonly direction: Direction;
  /** Layers per codeword in `direction` (`layersFor`). */
  readonly nLayers: number;
  /** The services, preprocessed. */
  readonly services: readonly ServiceInfo[];
  /** Numerologies searched (allowed by the link and the options, with a carrier width). */
  readonly mus: readonly MuInfo[];
  /** TTI choices searched (those with a positive data RE count). */
  readonly ttis: readonly TtiInfo[];
  /** MCS entries searched, over all allowed tables. */
  readonly mcsList: readonly McsInfo[];
  /** Maximum HARQ transmission counts searched (subset of 1..4). */
  readonly transmissions: readonly number[];
  /** Repetition factors searched. */
  readonly reps: readonly Repetitions[];
  /** Grant types searched (DL: only 'dynamic'). */
  readonly grants: readonly GrantType[];
  /** Block-error model of the link (model name and receiver preset). */
  readonly model: BlerModel;
  /** True: deadlines are ignored (deadlineMs = Infinity), used to find the binding constraint. */
  readonly ignoreDeadline: boolean;
  /** True: the carrier-capacity (load ≤ 1) check is skipped. */
  readonly ignoreCapacity: boolean;
  /**
   * memo: [(table·32 + mcs)·8 + repetition] → (TBS bits → e_0..e_4); shared process-wide by every
   * context with the same error-model inputs (model, receiver, SNR, fading, combining, HARQ fading).
   */
  readonly errByMcsRep: (Map<number, Float64Array> | undefined)[];
  /** memo: (mu, tti, grant) → L_1..L_4 (index 1..4); shared by every context with the same direction, duplex, TDD pattern and UE capability. */
  readonly latMemo: Map<number, Float64Array>;
}

/** Fraction of slots usable by `direction` in a TDD pattern (S slot: 10 DL, 2 guard, 2 UL symbols). */
export function tddDuty(pattern: string, direction: Direction): number {
  let d = 0;
  let u = 0;
  let s = 0;
  for (const ch of pattern) {
    if (ch === 'D') d++;
    else if (ch === 'U') u++;
    else if (ch === 'S') s++;
  }
  const n = d + u + s;
  if (n === 0) return 1;
  return direction === 'DL' ? (d + (s * 10) / 14) / n : (u + (s * 2) / 14) / n;
}

/** Candidate space of a plan call (restricted by `opts`). */
export function makeCtx(
  services: readonly PlannableService[],
  link: LinkContext,
  opts: PlanOptions | undefined,
  flags: { ignoreDeadline?: boolean; ignoreCapacity?: boolean } = {},
): PlanCtx {
  const first = services[0];
  const direction: Direction = first?.direction ?? 'UL';
  const duty = link.duplex === 'TDD' ? tddDuty(link.tddPattern ?? 'DDDSU', direction) : 1;
  const mus: MuInfo[] = [];
  for (const mu of allowedMuFor(link)) {
    if (opts?.mu !== undefined && !opts.mu.includes(mu)) continue;
    const nr = numerology(mu);
    const mp = maxPrb(link.bandwidthMHz, nr.scsKHz);
    if (E.isLeft(mp) || duty <= 0) continue;
    const symbolsPerS = 14 * 1000 * 2 ** mu;
    const cap = opts?.maxPrbPerTti !== undefined && Number.isFinite(opts.maxPrbPerTti) ? Math.max(1, Math.floor(opts.maxPrbPerTti)) : mp.right;
    mus.push({ mu, maxPrb: Math.min(mp.right, cap), slotMs: nr.slotMs, duty, capacityRePerS: mp.right * 12 * symbolsPerS * duty });
  }
  const ttis: TtiInfo[] = [];
  for (const c of TTI_CHOICES) {
    if (opts?.ttiSymbols !== undefined && !opts.ttiSymbols.includes(c.ttiSymbols)) continue;
    const nDmrs = dmrsRePerPrbFor(link, c.mappingType, c.ttiSymbols);
    const nRe = 12 * c.ttiSymbols - nDmrs - link.xOverheadRePerPrb;
    if (!(nRe > 0)) continue;
    const occ = occasionGrid(direction, c.ttiSymbols, link.duplex, link.tddPattern ?? 'DDDSU');
    ttis.push({ mappingType: c.mappingType, ttiSymbols: c.ttiSymbols, nDmrsRePerPrb: nDmrs, nRePerPrb: Math.min(156, nRe), occ });
  }
  const restricted = opts?.mcsTables !== undefined || opts?.mcsRange !== undefined;
  const mcsList: McsInfo[] = restricted || ALL_MCS.length === 0 ? [] : ALL_MCS;
  if (mcsList.length === 0) MCS_TABLE_NAMES.forEach((table, tableIdx) => {
    if (opts?.mcsTables !== undefined && !opts.mcsTables.includes(table)) return;
    const hi = maxMcsIndex(table);
    for (let mcs = 0; mcs <= hi; mcs++) {
      if (opts?.mcsRange !== undefined && (mcs < opts.mcsRange[0] || mcs > opts.mcsRange[1])) continue;
      const e = mcsEntry(table, mcs);
      if (e._tag === 'None') continue;
      mcsList.push(Object.freeze({ tableIdx, table, mcs, qm: e.value.qm, rateX1024: e.value.rateX1024 }));
    }
  });
  if (!restricted && ALL_MCS.length === 0) ALL_MCS = mcsList;
  const transmissions = [1, 2, 3, 4].filter((t) => opts?.maxTransmissions === undefined || opts.maxTransmissions.includes(t));
  const reps = REPETITION_VALUES.filter((r) => opts?.repetitions === undefined || opts.repetitions.includes(r));
  const allGrants: readonly GrantType[] = direction === 'DL' ? ['dynamic'] : ['configured', 'dynamic', 'sr'];
  const grants = allGrants.filter((g) => opts?.grants === undefined || opts.grants.includes(g));
  const svcInfos: ServiceInfo[] = services.map((svc) => {
    const sizesBits = [...new Set(svc.payload.sizesBytes.map((b) => b * 8))].sort((a, b) => a - b);
    return {
      svc,
      sizesBits,
      maxBits: sizesBits[sizesBits.length - 1] ?? 0,
      deadlineMs: flags.ignoreDeadline === true ? Number.POSITIVE_INFINITY : svc.latencyBudgetMs,
      epsilon: svc.epsilon,
      packetsPerS: ((svc.ueCount ?? 1) * 1000) / svc.periodMs,
    };
  });
  return {
    link,
    direction,
    nLayers: layersFor(link, direction),
    services: svcInfos,
    mus,
    ttis,
    mcsList,
    transmissions,
    reps,
    grants,
    model: blerModel(link.blerModel, { receiver: link.receiver }),
    ignoreDeadline: flags.ignoreDeadline === true,
    ignoreCapacity: flags.ignoreCapacity === true,
    errByMcsRep: sharedErrMemo(link),
    latMemo: sharedLatMemo(link, direction),
  };
}

/** The MCS list of an unrestricted search (every row of every table), built once. */
let ALL_MCS: McsInfo[] = [];

/**
 * Latency vectors (latVector) depend only on direction, duplex, TDD pattern and UE capability
 * besides (mu, TTI, grant): one memo per such combination, shared by every plan (pure, small).
 */
const LAT_MEMOS = new Map<string, Map<number, Float64Array>>();
function sharedLatMemo(link: LinkContext, direction: Direction): Map<number, Float64Array> {
  const key = `${direction}/${link.duplex}/${link.duplex === 'TDD' ? (link.tddPattern ?? 'DDDSU') : ''}/${link.ueCapability}`;
  let m = LAT_MEMOS.get(key);
  if (m === undefined) {
    if (LAT_MEMOS.size >= 256) LAT_MEMOS.clear();
    m = new Map();
    LAT_MEMOS.set(key, m);
  }
  return m;
}

/**
 * Process-wide memo of HARQ error vectors, one table per set of error-model inputs (model, receiver,
 * SNR, fading, combining, HARQ fading), indexed like `PlanCtx.errByMcsRep`. Pure: a hit returns
 * exactly what the computation would return, so it never changes a result; it makes repeated plans
 * on the same link (derive's group plans, relaxations, benchmarks) fast. Bounded: every table is
 * emptied when GLOBAL_ERR_MEMO_MAX vectors are held, and dropped when GLOBAL_ERR_MEMO_LINKS tables exist.
 */
const GLOBAL_ERR_MEMO = new Map<string, (Map<number, Float64Array> | undefined)[]>();
const GLOBAL_ERR_MEMO_MAX = 200_000;
const GLOBAL_ERR_MEMO_LINKS = 256;
let globalErrCount = 0;

function sharedErrMemo(link: LinkContext): (Map<number, Float64Array> | undefined)[] {
  const model = blerModel(link.blerModel, { receiver: link.receiver });
  const key = `${model.name}/${model.receiver}/${link.snrDb}/${fadingKey(link.fading)}/${link.combining}/${link.harqFading}`;
  let t = GLOBAL_ERR_MEMO.get(key);
  if (t === undefined) {
    // also bounded in links: the planner keeps per-link screens beside each table (classes/planner
    // rel arrays, errExceeds' proven thresholds), ~0.2 MB a link, which the vector count does not see
    if (globalErrCount >= GLOBAL_ERR_MEMO_MAX || GLOBAL_ERR_MEMO.size >= GLOBAL_ERR_MEMO_LINKS) {
      GLOBAL_ERR_MEMO.clear();
      globalErrCount = 0;
    }
    t = [];
    GLOBAL_ERR_MEMO.set(key, t);
  }
  return t;
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
 * e_0..e_4 for a TB of `tbsBits` (memoised in a pure process-wide table per error-model inputs).
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
  if (hit !== undefined) return hit;
  const snrDb = ctx.link.snrDb + 10 * Math.log10(r);
  let e: Float64Array;
  if (ctx.link.fading.kind !== 'awgn') {
    e = errUpperBoundVector(ctx, m, tbsBits, r);
  } else {
    const dist = harqTransmissionDistribution({
      model: ctx.model,
      mcsTable: m.table,
      mcs: m.mcs,
      tbsBits,
      snrDb,
      transmissions: 4,
      combining: ctx.link.combining,
      fading: ctx.link.fading,
      fadingPerTransmission: ctx.link.harqFading,
    });
    // dist = [p_1, p_2, p_3, p_4, residual]; e_i = residual + Σ_{j>i} p_j
    e = new Float64Array(5);
    let acc = clamp01(dist[4] ?? 1);
    e[4] = acc;
    for (let i = 3; i >= 0; i--) {
      acc += clamp01(dist[i] ?? 0);
      e[i] = Math.min(1, acc);
    }
    e[0] = 1;
  }
  if (globalErrCount >= GLOBAL_ERR_MEMO_MAX) {
    // bound the memory: empty every table (contexts holding one simply recompute)
    for (const t of GLOBAL_ERR_MEMO.values()) t.length = 0;
    GLOBAL_ERR_MEMO.clear();
    globalErrCount = 0;
  }
  memo.set(tbsBits, e);
  globalErrCount++;
  return e;
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
  ctx: PlanCtx,
  m: McsInfo,
  tbsBits: number,
  r: Repetitions,
): {
  /** Lower bounds of e_0..e_4 (index 0 is 1). */
  lower: Float64Array;
  /** Upper bounds of e_0..e_4 (index 0 is 1). */
  upper: Float64Array;
} {
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 = mean >= -400 && mean <= 400 ? latticeTable(f, 1) : undefined;
  if (t1 === undefined) return errBoundsChaseGeneric(ctx, m, tbsBits, r);
  const lower = new Float64Array(5);
  const upper = new Float64Array(5);
  chaseInto(ctx, m, tbsBits, mean, t1, upper, lower);
  return { lower, upper };
}

/**
 * The lattice path of errBoundsChase writing the upper bounds of e_0..e_4 into `upper` and, when
 * given, the lower ones into `lower` (errUpperBoundVector, on the planner's hot path, needs only the
 * upper: no lower array and no result object).
 */
function chaseInto(ctx: PlanCtx, m: McsInfo, tbsBits: number, mean: number, t1: FadingLatticeCdf, upper: Float64Array, lower?: Float64Array): void {
  const f = ctx.link.fading;
  if (lower !== undefined) lower[0] = 1;
  upper[0] = 1;
  const same = ctx.link.harqFading !== 'independent';
  const iA = chaseSetup(ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  const a1 = chaseStartHinted(m, iA, iB);
  for (let j = 1; j <= 4; j++) {
    const tab = chaseAttempt(f, t1, same, j, iA, iB, a1);
    chaseSums(tab, kStart, Number.POSITIVE_INFINITY);
    if (lower !== undefined) lower[j] = Math.min(1, sumLo, lower[j - 1] as number);
    upper[j] = Math.min(1, sumUp, upper[j - 1] as number);
  }
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
  // (the table of the last call first: a search asks about one link many times in a row)
  let floors = ctx.errByMcsRep === provenLastTable ? provenLastFloors : PROVEN.get(ctx.errByMcsRep);
  if (floors === undefined) {
    floors = [];
    PROVEN.set(ctx.errByMcsRep, floors);
  }
  provenLastTable = ctx.errByMcsRep;
  provenLastFloors = floors;
  let byTbs = floors[mk];
  // key TBS·8 + tMax (TBS < 2^40, so exact): one number per entry, no array per TBS
  const pk = tbsBits * 8 + tMax;
  const proven = byTbs === undefined ? undefined : byTbs.get(pk);
  if (proven !== undefined && proven >= thr) return true;
  if (!errExceedsCompute(ctx, m, tbsBits, r, tMax, thr)) return false;
  if (provenCount >= GLOBAL_ERR_MEMO_MAX) {
    PROVEN = new WeakMap();
    provenLastTable = undefined;
    provenCount = 0;
    return true;
  }
  if (byTbs === undefined) {
    byTbs = new Map();
    floors[mk] = byTbs;
  }
  if (proven === undefined) provenCount++;
  if (proven === undefined || thr > proven) byTbs.set(pk, thr);
  return true;
}

/** Per vector-memo table (one per set of error-model inputs): [MCS, r] → TBS·8 + tMax → thr proven below e_tMax. */
let PROVEN = new WeakMap<object, (Map<number, number> | undefined)[]>();
let provenCount = 0;
let provenLastTable: object | undefined;
let provenLastFloors: (Map<number, number> | undefined)[] | undefined;

function errExceedsCompute(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions, tMax: number, thr: number): boolean {
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 =
    f.kind !== 'awgn' && thr < 1 && (tMax === 1 || tMax === 2 || tMax === 3 || tMax === 4) && mean >= -400 && mean <= 400
      ? latticeTable(f, 1)
      : undefined;
  if (t1 === undefined) return (errVector(ctx, m, tbsBits, r)[tMax] as number) > thr;
  const same = ctx.link.harqFading !== 'independent';
  const iA = chaseSetup(ctx, m, tbsBits, mean, t1);
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  if (!same && provenAtHint(f, m, iA, iB, tMax, thr)) return true;
  const a1 = chaseStartHinted(m, iA, iB);
  for (let j = 1; j <= tMax; j++) {
    const tab = chaseAttempt(f, t1, same, j, iA, iB, a1);
    if (!chaseSums(tab, kStart, thr)) return (errVector(ctx, m, tbsBits, r)[tMax] as number) > thr;
  }
  return true;
}

/**
 * One-evaluation proof of e_tMax > thr (independent HARQ fading, kernel state set by chaseSetup):
 * for non-increasing f the upper sum of attempt j satisfies up_j ≥ F_j(x_{g+1})·f(x_g) at every
 * lattice point g (the mass below x_{g+1} is charged at least f(x_g), also when the sum stops early:
 * its tail term covers the rest), and up_j ≥ F_j(x_g) when f(x_g) is 1 to 1e-12 (the sum then starts
 * at or above g). g is the start found for the previous call with this MCS (START_HINT), where
 * these bounds are tight for a TB that fails by far. Compared with a 1e-12 relative margin, so the
 * floating sums errBoundsChase computes are above thr whenever this returns true. False: unknown.
 */
function provenAtHint(f: FadingModel, m: McsInfo, iA: number, iB: number, tMax: number, thr: number): boolean {
  const h = m.tableIdx * 32 + m.mcs;
  if (!(h >= 0 && h < 128)) return false;
  const hint = START_HINT[h] as number;
  if (hint !== hint || !(iB - 1 > iA)) return false;
  let g = Math.round((hint - kMean) / BOUND_STEP_DB);
  g = g < iA ? iA : g > iB - 1 ? iB - 1 : g;
  const fg = latticeErr(g);
  const one = fg >= 1 - 1e-12;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(f, j);
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
 * MCS (START_HINT) and walks down to where γ ≥ 1/2; g and g + 1 are tried. Tight for groups that
 * fail by far; the cost is (intervals) × (points) kernel calls, so callers use it for wide windows.
 */
export function errLowerBound(ctx: PlanCtx, m: McsInfo, r: Repetitions, tMax: number, kMin: number, kMax: number, cMin: number): number {
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  if (f.kind === 'awgn' || ctx.link.harqFading !== 'independent' || !(mean >= -400 && mean <= 400)) return 0;
  if (!(tMax >= 1 && tMax <= 4) || !(kMin >= 1 && kMax >= kMin && kMax <= 1e6) || !(cMin >= 1)) return 0;
  const h = m.tableIdx * 32 + m.mcs;
  const hint = h >= 0 && h < 128 ? (START_HINT[h] as number) : Number.NaN;
  const t1 = latticeTable(f, 1);
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
    LB_N[nIv] = Math.max(qm, Math.round(kb / rate)) / qm;
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
  let bound = 1;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(f, j);
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
  const f = ctx.link.fading;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  if (f.kind === 'awgn' || ctx.link.harqFading !== 'independent' || !(mean >= -400 && mean <= 400)) return 0;
  if (!(tMax >= 1 && tMax <= 4) || !(kMin >= 1 && kMax >= kMin && kMax <= 1e6) || !(cMin >= 1)) return 0;
  const t1 = latticeTable(f, 1);
  if (t1 === undefined) return 0;
  const xHalf = halfSnr(ctx.model, m, kMin, kMax);
  if (!(xHalf > Number.NEGATIVE_INFINITY)) return 0;
  const iB = Math.ceil((Math.min(mean + t1.hiDb, mean + 40) - mean) / BOUND_STEP_DB);
  // x_g = mean + g·δ ≤ x½, computed as latticeErr does
  let g = Math.floor((xHalf - mean) / BOUND_STEP_DB);
  while (mean + g * BOUND_STEP_DB > xHalf) g--;
  if (g > iB - 2) g = iB - 2;
  const y0 = 1 - 0.5 ** cMin;
  let bound = 1;
  for (let j = 1; j <= tMax; j++) {
    const tab = latticeTable(f, j);
    if (tab === undefined) return 0;
    const i = g + 1;
    const b = (i < tab.i0 ? 0 : i >= tab.i1 ? 1 : (tab.values[i - tab.i0] as number)) * y0;
    if (b < bound) bound = b;
  }
  // the floating sums the bound is compared with carry at most ~1e-14 relative error
  return bound * (1 - 1e-12);
}

/** model.halfErrorSnrDb memoised per model and (Qm, R, K' range): pure, and windows recur across plans and links. */
function halfSnr(model: BlerModel, m: McsInfo, kMin: number, kMax: number): number {
  let memo = HALF_SNR.get(model);
  if (memo === undefined) {
    memo = new Map();
    HALF_SNR.set(model, memo);
  }
  if (!(kMax < 16384)) return model.halfErrorSnrDb(m.qm, kMin, kMax, m.rateX1024 / 1024); // (K' ≤ 8448 in NR)
  const key = ((m.qm * 8192 + m.rateX1024 * 4) * 16384 + kMin) * 16384 + kMax; // < 2^45: exact
  let x = memo.get(key);
  if (x === undefined) {
    x = model.halfErrorSnrDb(m.qm, kMin, kMax, m.rateX1024 / 1024);
    if (memo.size >= 100_000) memo.clear();
    memo.set(key, x);
  }
  return x;
}
const HALF_SNR = new WeakMap<BlerModel, Map<number, number>>();

const LB_MAX_IV = 48;
/** Widest K' interval of errLowerBound (Kb/Ka): ≈ 6 % of code rate given away, few kernel calls. */
const LB_RATIO = 1.06;
const LB_KA = new Float64Array(LB_MAX_IV);
const LB_N = new Float64Array(LB_MAX_IV);
const LB_ADD = new Float64Array(LB_MAX_IV);

// --- errBoundsChase internals: module-level state so the hot path allocates nothing ---

/** Lattice CDF tables of the fading model last seen, per attempt count j (index 1..4). */
const chaseTables: (FadingLatticeCdf | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
let chaseKind = '';
let chaseDiv: number | undefined = -1;
let chaseParam = Number.NaN;

/**
 * The lattice CDF of the fading with j-fold diversity (j = 1: the link's own). A one-model memo
 * compared field by field (a plan uses one fading model), so a hit costs a few comparisons;
 * fadingLatticeCdf's own cache serves the misses.
 */
function latticeTable(f: FadingModel, j: number): FadingLatticeCdf | undefined {
  if (f.kind === 'awgn') return undefined;
  const param = f.kind === 'rician' ? f.kFactorDb : f.kind === 'nakagami' ? f.m : 0;
  if (f.kind !== chaseKind || !Object.is(f.diversity, chaseDiv) || !Object.is(param, chaseParam)) {
    chaseTables.fill(undefined);
    chaseKind = f.kind;
    chaseDiv = f.diversity;
    chaseParam = param;
  }
  let t = chaseTables[j];
  if (t === undefined) {
    t = fadingLatticeCdf(j === 1 ? f : withDiversity(f, j), BOUND_STEP_DB);
    chaseTables[j] = t;
  }
  return t;
}

/** Scratch of errBoundsChase: f on the lattice (index i − iA), valid where LATTICE_GEN equals kGen. */
const LATTICE_F = new Float64Array(4096);
const LATTICE_GEN = new Int32Array(4096);
let latticeGen = 0;
function nextGen(): number {
  if (latticeGen >= 0x7ffffff0) {
    LATTICE_GEN.fill(0);
    latticeGen = 0;
  }
  return ++latticeGen;
}

// the TB error kernel of the current call: f(x) = tbFromCb(blockError(qm, K', n, x, R), C)
let kModel: BlerModel = blerModel();
let kQm = 0;
let kKp = 0;
let kNUses = 0;
let kRate = 0;
let kCbs = 1;
let kMean = 0;
let kShift = 0;
let kBase = 0;
let kGen = 0;
// results of chaseSums
let sumLo = 0;
let sumUp = 0;

/** Sets the kernel state for one (ctx, MCS, TBS, mean); returns iA, the first lattice index searched. */
function chaseSetup(ctx: PlanCtx, m: McsInfo, tbsBits: number, mean: number, t1: FadingLatticeCdf): number {
  const cbs = ldpcBlocks(tbsBits, m.rateX1024);
  const kp = ldpcBlocks.kPrime;
  const rate = m.rateX1024 / 1024;
  kModel = ctx.model;
  kQm = m.qm;
  kKp = kp;
  kNUses = Math.max(m.qm, Math.round(kp / rate)) / m.qm;
  kRate = rate;
  kCbs = cbs;
  kMean = mean;
  kShift = 0;
  const iA = Math.floor((Math.max(mean + t1.loDb, mean - 100) - mean) / BOUND_STEP_DB);
  kBase = iA;
  kGen = nextGen();
  return iA;
}

/** f at lattice point i of the current call (shifted by kShift dB), cached per generation. */
function latticeErr(i: number): number {
  const c = i - kBase;
  const inCache = c >= 0 && c < 4096;
  if (inCache && LATTICE_GEN[c] === kGen) return LATTICE_F[c] as number;
  const x = kShift !== 0 ? kMean + i * BOUND_STEP_DB + kShift : kMean + i * BOUND_STEP_DB;
  const v = tbFromCb(kModel.blockError(kQm, kKp, kNUses, x, kRate), kCbs);
  if (inCache) {
    LATTICE_F[c] = v;
    LATTICE_GEN[c] = kGen;
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
function chaseStart(iA: number, iB: number, g: number): number {
  const hi = iB - 1;
  if (!(hi > iA)) return iA;
  let a: number;
  let b: number;
  g = g >= iA ? (g <= hi ? g : hi) : iA; // also maps NaN to iA
  if (latticeErr(g) >= 1 - 1e-12) {
    a = g; // gallop up: f(a) is 1, find a point where it is not
    for (let d = 1; ; d *= 2) {
      if (a === hi) return hi;
      const t = a + d <= hi ? a + d : hi;
      if (latticeErr(t) >= 1 - 1e-12) a = t;
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
      if (latticeErr(t) >= 1 - 1e-12) {
        a = t;
        break;
      }
      b = t;
    }
  }
  while (b - a > 1) {
    const mid = (a + b) >> 1;
    if (latticeErr(mid) >= 1 - 1e-12) a = mid;
    else b = mid;
  }
  return a;
}

/**
 * The lattice CDF table of attempt j, with the kernel state and `kStart` (where its sums start) set:
 * 'same' fading shifts f by 10·log10 j (fresh lattice values: a new generation of the scratch; the
 * start moves down by about the shift) on the link's own table; 'independent' fading keeps f and the
 * start a1 and takes the j-fold diversity table.
 */
function chaseAttempt(f: FadingModel, t1: FadingLatticeCdf, same: boolean, j: number, iA: number, iB: number, a1: number): FadingLatticeCdf {
  kStart = a1;
  if (j === 1) return t1;
  if (!same) return latticeTable(f, j) as FadingLatticeCdf;
  kShift = 10 * Math.log10(j);
  kGen = nextGen();
  kStart = chaseStart(iA, iB, a1 - Math.round(kShift / BOUND_STEP_DB));
  return t1;
}
/** Where the sums of the attempt set up by chaseAttempt start (a lattice index). */
let kStart = 0;

/** Start guess per MCS ((table·32 + mcs), absolute SNR dB of the last start found); a hint only. */
const START_HINT = new Float64Array(128).fill(Number.NaN);

/** chaseStart guessing from START_HINT, which it then updates. */
function chaseStartHinted(m: McsInfo, iA: number, iB: number): number {
  const h = m.tableIdx * 32 + m.mcs;
  const ok = h >= 0 && h < 128;
  const a = chaseStart(iA, iB, ok ? Math.round(((START_HINT[h] as number) - kMean) / BOUND_STEP_DB) : Number.NaN);
  if (ok) START_HINT[h] = kMean + a * BOUND_STEP_DB;
  return a;
}

/**
 * Riemann sums of one attempt from lattice point `a` on CDF table `tab` into sumLo/sumUp. Returns
 * false when the upper sum finished ≤ thr; true as soon as it exceeds thr (then the sums are
 * partial). With thr = +∞ the sums are always complete.
 */
function chaseSums(tab: FadingLatticeCdf, a: number, thr: number): boolean {
  const vals = tab.values;
  const i0 = tab.i0;
  const i1 = tab.i1;
  let i = a;
  let fPrev = i < i0 ? 0 : i >= i1 ? 1 : (vals[i - i0] as number);
  let up = fPrev; // mass below the grid: error ≤ 1
  if (up > thr) return true;
  let errPrev = latticeErr(i);
  let lo = fPrev * errPrev;
  while (i < i1) {
    i++;
    const fx = i >= i1 ? 1 : i < i0 ? 0 : (vals[i - i0] as number);
    const errN = latticeErr(i);
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
  sumLo = lo;
  sumUp = up;
  return up > thr;
}

/**
 * errBoundsChase for the cases the lattice tables do not cover (AWGN, or a mean outside
 * [−400, 400] dB where fadingCdf clamps the mean so its lattice values stop being shift-invariant):
 * the same sums with a shifted CDF built per call (the pre-table algorithm, unchanged).
 */
function errBoundsChaseGeneric(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions): { lower: Float64Array; upper: Float64Array } {
  const f = ctx.link.fading;
  const seg = ldpcSegmentation(tbsBits, m.rateX1024);
  const rate = m.rateX1024 / 1024;
  const kp = seg.kPrime;
  const nUses = Math.max(m.qm, Math.round(kp / rate)) / m.qm;
  const cbs = seg.codeBlocks;
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
  const cache = GENERIC_F;
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

/** Scratch of errBoundsChaseGeneric: f on the lattice (NaN = not computed yet). */
const GENERIC_F = new Float64Array(4096);

/** The upper-bound error vector used by the planner under fading. */
export function errUpperBoundVector(ctx: PlanCtx, m: McsInfo, tbsBits: number, r: Repetitions): Float64Array {
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const t1 = mean >= -400 && mean <= 400 ? latticeTable(ctx.link.fading, 1) : undefined;
  if (t1 === undefined) return errBoundsChaseGeneric(ctx, m, tbsBits, r).upper;
  const upper = new Float64Array(5);
  chaseInto(ctx, m, tbsBits, mean, t1, upper);
  return upper;
}

function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}

/** L_1..L_4 worst-case user-plane latency (ms, index 1..4) for (mu, tti, grant), memoised; null if the latency model rejects the combination. */
export function latVector(ctx: PlanCtx, mu: MuInfo, tti: TtiInfo, grant: GrantType): Float64Array | null {
  const key = (mu.mu * 16 + tti.ttiSymbols) * 4 + (grant === 'configured' ? 0 : grant === 'dynamic' ? 1 : 2);
  const hit = ctx.latMemo.get(key);
  if (hit !== undefined) return hit.length === 0 ? null : hit;
  const totals = latencyByTransmissions({
    direction: ctx.direction,
    duplex: ctx.link.duplex,
    ...(ctx.link.duplex === 'TDD' ? { tddPattern: ctx.link.tddPattern ?? 'DDDSU' } : {}),
    mu: mu.mu,
    ttiSymbols: tti.ttiSymbols,
    ueCapability: ctx.link.ueCapability,
    grant,
    alignment: 'worst',
  });
  if (E.isLeft(totals)) {
    ctx.latMemo.set(key, NO_LATENCY);
    return null;
  }
  const v = new Float64Array(5);
  for (let i = 1; i <= 4; i++) v[i] = totals.right[i - 1] ?? Number.POSITIVE_INFINITY;
  ctx.latMemo.set(key, v);
  return v;
}

const NO_LATENCY = new Float64Array(0);

/** One point of the search space. */
export interface Candidate {
  /** Index into `PlanCtx.mus`. */
  readonly muIdx: number;
  /** Index into `PlanCtx.ttis`. */
  readonly ttiIdx: number;
  /** Index into `PlanCtx.mcsList`. */
  readonly mcsIdx: number;
  /** Index into `PlanCtx.reps`. */
  readonly rIdx: number;
  /** Index into `PlanCtx.grants`. */
  readonly grantIdx: number;
  /** Maximum HARQ transmissions per transport block, 1..4. */
  readonly maxTx: number;
  /** PRB budget per TTI (the class's nPrb). */
  readonly nPrb: number;
}

/** Outcome of a candidate. */
export interface Outcome {
  /** True when every size meets its deadline and epsilon and the load fits the carrier. */
  readonly feasible: boolean;
  /** Expected RE/s summed over the services (Infinity-free: 0 when infeasible). */
  readonly cost: number;
  /** Worst first-transmission latency over all sizes (ms). */
  readonly latencyMs: number;
  /** min over sizes of log10(epsilon) − log10(P_miss) (decades of reliability margin). */
  readonly marginDecades: number;
  /** Fraction of the carrier in the direction. */
  readonly load: number;
  /** What failed first, when infeasible. */
  readonly failure: 'latency' | 'reliability' | 'capacity' | null;
}

const scratch = [0, 0, 0];

/** Allocation of `sizeBits` for a class with `classPrb` PRBs (same rule as allocationFor). */
function alloc(tti: TtiInfo, m: McsInfo, nLayers: number, classPrb: number, sizeBits: number): void {
  const tbsMax = tbsFromRe(tti.nRePerPrb * classPrb, m.qm, m.rateX1024, nLayers);
  const segs = Math.ceil(sizeBits / tbsMax);
  let lo = 1;
  let hi = classPrb;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segs * tbsFromRe(tti.nRePerPrb * mid, m.qm, m.rateX1024, nLayers) >= sizeBits) hi = mid;
    else lo = mid + 1;
  }
  scratch[0] = lo;
  scratch[1] = segs;
  scratch[2] = lo === classPrb ? tbsMax : tbsFromRe(tti.nRePerPrb * lo, m.qm, m.rateX1024, nLayers);
}

/** Evaluate one candidate against every size of every service (the single source of truth). */
export function evaluate(ctx: PlanCtx, c: Candidate): Outcome {
  const tti = ctx.ttis[c.ttiIdx] as TtiInfo;
  const m = ctx.mcsList[c.mcsIdx] as McsInfo;
  const nSizes = ctx.services.reduce((a, s) => a + s.sizesBits.length, 0);
  const al = new Float64Array(3 * nSizes);
  let j = 0;
  for (const s of ctx.services) {
    for (const bits of s.sizesBits) {
      alloc(tti, m, ctx.nLayers, c.nPrb, bits);
      al[j] = scratch[0] as number;
      al[j + 1] = scratch[1] as number;
      al[j + 2] = scratch[2] as number;
      j += 3;
    }
  }
  return evaluateAllocated(ctx, c, al);
}

/**
 * `evaluate` with the allocations of every size given: `al[3j..3j+2]` = (PRBs, TTIs, TBS) of the
 * j-th size (services in order, sizes ascending), exactly as `alloc` computes them for `c.nPrb`.
 * The search precomputes them once per (TTI, MCS, PRBs) and reuses them for every mu, grant and T.
 * With `costCap`, evaluation stops as soon as the cost accumulated so far (a lower bound of the
 * final cost: every term is ≥ 0) exceeds the cap, and `DOMINATED` is returned (not feasible).
 */
export function evaluateAllocated(ctx: PlanCtx, c: Candidate, al: Float64Array, costCap = Number.POSITIVE_INFINITY): Outcome {
  const mu = ctx.mus[c.muIdx] as MuInfo;
  const tti = ctx.ttis[c.ttiIdx] as TtiInfo;
  const m = ctx.mcsList[c.mcsIdx] as McsInfo;
  const r = ctx.reps[c.rIdx] as Repetitions;
  const grant = ctx.grants[c.grantIdx] as GrantType;
  const L = latVector(ctx, mu, tti, grant);
  if (L === null) return infeasible('latency', Number.POSITIVE_INFINITY);
  const T = c.maxTx;
  let cost = 0;
  let latency = 0;
  let margin = Number.POSITIVE_INFINITY;
  let j = 0;
  for (const s of ctx.services) {
    let worstRe = 0;
    const nb = s.sizesBits.length;
    for (let q = 0; q < nb; q++, j += 3) {
      const n = al[j] as number;
      const segs = al[j + 1] as number;
      const tbs = al[j + 2] as number;
      const base = (segs - 1) * r;
      let k = 0;
      for (let i = 1; i <= T; i++) {
        const lat = (L[i] as number) + segmentSpanMs(tti, mu, base + i * (r - 1));
        if (lat <= s.deadlineMs) k = i;
        else break;
      }
      const lat1 = (L[1] as number) + segmentSpanMs(tti, mu, base + (r - 1));
      if (k === 0) return infeasible('latency', lat1);
      const e = errVector(ctx, m, tbs, r);
      const ek = e[k] as number;
      let miss = ek >= 1 ? 1 : -Math.expm1(segs * Math.log1p(-ek));
      if (!(miss <= s.epsilon)) return infeasible('reliability', lat1);
      let expTx = 0;
      for (let i = 0; i < T; i++) expTx += e[i] as number;
      const re = segs * n * 12 * tti.ttiSymbols * r * expTx;
      if (re > worstRe) worstRe = re;
      if (cost + worstRe * s.packetsPerS > costCap) return DOMINATED;
      // retransmissions of earlier segments may push the last one back (link/segments.ts; checked
      // after the cost, which does not depend on it); nothing to add when the slack of its k-th
      // attempt holds every retransmission they could make (+ k − 1)
      if (segs > 1 && k > 1) {
        const unitMs = segmentSpanMs(tti, mu, r);
        const slackK = s.deadlineMs - ((L[k] as number) + segmentSpanMs(tti, mu, base + k * (r - 1)));
        if (Math.floor(slackK / unitMs + 1e-9) - (k - 1) < (segs - 1) * (k - 1) && miss > 0) {
          let rttMin = Number.POSITIVE_INFINITY;
          let rttMax = 0;
          for (let i = 1; i <= k; i++) {
            SLACK[i] = s.deadlineMs - ((L[i] as number) + segmentSpanMs(tti, mu, base + i * (r - 1)));
            if (i < k) {
              const rtt = (L[i + 1] as number) - (L[i] as number);
              if (rtt < rttMin) rttMin = rtt;
              if (rtt > rttMax) rttMax = rtt;
            }
          }
          miss = segmentedMissProbability(segs, e, k, SLACK, unitMs, rttMin, rttMax);
          if (!(miss <= s.epsilon)) return infeasible('reliability', lat1);
        }
      }
      if (lat1 > latency) latency = lat1;
      const md = Math.log10(s.epsilon) - Math.log10(Math.max(miss, 1e-300));
      if (md < margin) margin = md;
    }
    cost += worstRe * s.packetsPerS;
  }
  const load = cost / mu.capacityRePerS;
  if (!ctx.ignoreCapacity && load > 1) return { feasible: false, cost, latencyMs: latency, marginDecades: margin, load, failure: 'capacity' };
  return { feasible: true, cost, latencyMs: latency, marginDecades: margin, load, failure: null };
}

/**
 * Worst-case time (ms) of `steps` further occasions of the class's TTI after a given one: the
 * occasion grid's span (link/latency occasionSpanSymbols: one TB per occasion, mini-slots after the
 * DL control region, the TDD pattern's slots as they are) in symbols of the numerology.
 */
export function segmentSpanMs(tti: TtiInfo, mu: MuInfo, steps: number): number {
  return (occasionSpanSymbols(steps, tti.occ) * mu.slotMs) / 14;
}

/** evaluateAllocated's scratch: D − lat_t of the last segment, t = 1..4. */
const SLACK = new Float64Array(5);

/** Outcome of a candidate whose cost provably exceeds the cap given to `evaluateAllocated`. */
export const DOMINATED: Outcome = Object.freeze({ feasible: false, cost: 0, latencyMs: 0, marginDecades: 0, load: 0, failure: null });

function infeasible(failure: 'latency' | 'reliability', latencyMs: number): Outcome {
  return { feasible: false, cost: 0, latencyMs, marginDecades: 0, load: 0, failure };
}

/** Total order of feasible outcomes: cost, then latency, then margin (larger first), then the canonical key. */
export function better(a: Outcome, ca: Candidate, b: Outcome, cb: Candidate): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.latencyMs !== b.latencyMs) return a.latencyMs < b.latencyMs;
  if (a.marginDecades !== b.marginDecades) return a.marginDecades > b.marginDecades;
  return canonicalLess(ca, cb);
}

/** Canonical key: mu, TTI choice, MCS (table order, index), HARQ, repetition, grant, PRBs — ascending. */
export function canonicalLess(a: Candidate, b: Candidate): boolean {
  if (a.muIdx !== b.muIdx) return a.muIdx < b.muIdx;
  if (a.ttiIdx !== b.ttiIdx) return a.ttiIdx < b.ttiIdx;
  if (a.mcsIdx !== b.mcsIdx) return a.mcsIdx < b.mcsIdx;
  if (a.maxTx !== b.maxTx) return a.maxTx < b.maxTx;
  if (a.rIdx !== b.rIdx) return a.rIdx < b.rIdx;
  if (a.grantIdx !== b.grantIdx) return a.grantIdx < b.grantIdx;
  return a.nPrb < b.nPrb;
}
