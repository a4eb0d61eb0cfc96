/**
 * classes/definition: WHAT the planner proves — the model, apart from how it is searched fast
 * (spec/planner.md §3 "The model is the definition", issue 12 item 1). Cache-free: no memo tables,
 * no module-level scratch; every function is a pure function of its arguments.
 *
 * - The candidate space (`candidateSpace`): allowed mu × TTI (14 A, 7/4/2 B) × MCS rows of the
 *   allowed tables × maximum HARQ transmissions T × repetitions r × grant × PRB budget N.
 * - The packet rule (`allocateInto`, = `allocationFor`): m = ⌈S/TBS(N)⌉ TTIs of the fewest n PRBs
 *   with m·TBS(n) ≥ S (TS 38.214 §5.1.3.2 TBS).
 * - Timing: lat_i(m) = L_i + span((m − 1)·r + i·(r − 1)) (`lastSegmentLatencyMs`), L_i the ITU-R
 *   M.2412 / TR 37.910 user-plane latency with i transmissions (worst alignment, link/latency.ts),
 *   span the occasion grid's worst span (`segmentSpanMs`); k = max{i ≤ T : lat_i ≤ D}
 *   (`transmissionsWithinBudget`).
 * - Reliability: P_miss ≤ 1 − (1 − e_k)^m (`classicMissProbability`), raised to the link/segments
 *   bound when retransmissions of earlier segments may push the last one back (spec/planner.md §3.2);
 *   where the segments' fades may depend (`segmentFadesMayDepend`: fading that is the same or correlated
 *   across transmissions) the union bound min(1, m·e_k) and the dependence-free push-back bound.
 *   The error vector e_0..e_4 comes from an explicit ERROR ORACLE: the planner plans on a certified
 *   upper bound (model.ts `certifiedErrOracle`, memoised per link), `verify` evaluates the exact model
 *   (`exactErrOracle` here: link/harq `harqAttemptErrors`).
 * - Cost: expected REs per packet m·n·12·L·r·Σ_{i<T} e_i, RE/s = (packets/s)·max over sizes, summed
 *   over the services; load = cost / carrier REs per second in the direction (≤ 1).
 * - The order of candidates (`better`): cost, then worst first-transmission latency, then margin,
 *   then the canonical key (`canonicalLess`).
 * - `exhaustiveSearch(space, oracles)`: THE definition of plan's answer — the least candidate under
 *   `better` among the feasible ones. The branch and bound (classes/search.ts) is tested equal to it.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, GrantType, McsTableName, Mu } from '../core/types.js';
import { MCS_TABLE_NAMES } from '../core/types.js';
import { doubleArray } from '../core/typed.js';
import { blerModel, type BlerModel } from '../link/bler.js';
import { harqAttemptErrors } from '../link/harq.js';
import { classSnrDb, linkForServices, type CellPosition } from '../link/budget.js';
import { correlatedRayleighAverage, DEFAULT_MOBILITY, jakesEigenvalues, mobilityDopplerHz, type Mobility } from '../link/correlation.js';
import { withControlErrors } from '../link/control.js';
import { fadingAverage } from '../link/fading.js';
import { tbFromCb } from '../link/bler.js';
import { ldpcSegmentation } from '../nr/ldpc.js';
import { payloadCodedBits } from '../nr/allocation.js';
import { latencyByTransmissions } from '../link/latency.js';
import { DEFAULT_TDD_PATTERN, directionDuty, occasionGrid, occasionSpanSymbols, type OccasionGrid } from '../nr/slotPattern.js';
import { segmentedMissProbability, someSegmentFails, type DisplacementTailMemo } from '../link/segments.js';
import { maxPrb } from '../nr/carrier.js';
import { mcsEntry, maxMcsIndex } from '../nr/mcs.js';
import { numerology } from '../nr/numerology.js';
import { tbsFromRe } from '../nr/tbs.js';
import { allocationReFor, allowedMuFor, latencySlotFields, layersFor, linkSpecialSlot, segmentFadesMayDepend, type LinkContext } from './link.js';
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
  /** Coupling loss of the service's UEs, dB: replaces the link budget's (link/budget linkForService). */
  readonly couplingLossDb?: number;
  /** Cell position of the service's UEs ('median' | 'edge'), used when couplingLossDb is absent. */
  readonly position?: CellPosition;
  /** UE mobility (Doppler of the correlated HARQ fading); default DEFAULT_MOBILITY (3 km/h). */
  readonly mobility?: Mobility;
}

/** Per-numerology facts of the candidate space. */
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
/** Per-TTI-choice facts of the candidate space. */
export interface TtiInfo {
  /** Mapping type A (slot) or B (mini-slot). */
  readonly mappingType: 'A' | 'B';
  /** TTI length in OFDM symbols. */
  readonly ttiSymbols: number;
  /** N_symb^sh: PDSCH/PUSCH symbols of the TTI (slot-based DL starts after the control region; nr/allocation). */
  readonly dataSymbols: number;
  /** DM-RS REs per PRB in the TTI (`dmrsRePerPrb`). */
  readonly nDmrsRePerPrb: number;
  /** Data REs per PRB: min(156, 12·dataSymbols − DM-RS − xOverhead) (TS 38.214 §5.1.3.2; nr/allocation). */
  readonly nRePerPrb: number;
  /** dmrs-AdditionalPosition of the TTI's mapping type (selects the N1 column, TS 38.214 Table 5.3-1). */
  readonly dmrsAdditionalPosition: 0 | 1 | 2 | 3;
  /** Occasions of this TTI in the plan's direction over the slot pattern (nr/slotPattern occasionGrid). */
  readonly occ: OccasionGrid;
}
/** One searchable MCS entry of the candidate space. */
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
/** Per-service facts of the candidate space. */
export interface ServiceInfo {
  /** The service as given. */
  readonly svc: PlannableService;
  /** Sorted, de-duplicated packet sizes in bits. */
  readonly sizesBits: readonly number[];
  /** Largest packet size in bits (0 when there are none). */
  readonly maxBits: number;
  /** Latency budget, ms (Infinity when the space ignores deadlines). */
  readonly deadlineMs: number;
  /** Allowed miss probability epsilon of the service. */
  readonly epsilon: number;
  /** Packets per second (all UEs). */
  readonly packetsPerS: number;
}

/** The candidate space of one plan (one or more services of one direction on one link): pure data. */
export interface CandidateSpace {
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
}

/**
 * e_0..e_4 (index 0 is 1; non-increasing) of one transport block of `tbsBits` bits at MCS `m` with
 * repetition factor `r` on the space's link: P(TB not decoded after i HARQ transmissions). `snrDb`:
 * the mean SNR per RE (before the repetition gain) when the link has a budget (`candidateSnrDb`);
 * absent = the link's flat `snrDb`.
 */
export type ErrOracle = (m: McsInfo, tbsBits: number, r: Repetitions, snrDb?: number, timesMs?: readonly number[]) => Float64Array;

/**
 * The mean SNR per RE a candidate is proven at: on a link with a budget (link/budget.ts,
 * spec/budget.md §3) the class SNR of its width at its numerology (`classSnrDb`: the full-width SNR
 * rounded down to 0.5 dB, ≤ what any of its allocations sees); undefined on a flat link (the oracle
 * then uses `link.snrDb`).
 */
export function candidateSnrDb(space: CandidateSpace, c: Candidate): number | undefined {
  if (space.link.linkBudget === undefined) return undefined;
  return classSnrDb(space.link, space.direction, c.nPrb, (space.mus[c.muIdx] as MuInfo).mu);
}
/** L_1..L_4 (index 1..4, ms) of (mu, TTI, grant) on the space's link, or null when the latency model rejects it. */
export type LatencyOracle = (mu: MuInfo, tti: TtiInfo, grant: GrantType) => Float64Array | null;
/** The two model inputs an evaluation reads besides the space. */
export interface Oracles {
  /** The error vector of a TB (the planner: a certified upper bound; verify: the exact model). */
  readonly err: ErrOracle;
  /** The latency of each transmission count. */
  readonly lat: LatencyOracle;
  /**
   * True: `err` is called with the candidate's HARQ transmission times (correlated fading, the exact
   * model); absent/false: `err` is timing-free (the planner's certified bound covers every timing).
   */
  readonly timed?: boolean;
  /**
   * A memo of the exact push-back tails (link/segments `DisplacementTailMemo`; the planner's cache
   * holds one): pure, so an answer never depends on it; absent: every tail is computed.
   */
  readonly tails?: DisplacementTailMemo;
}

/** Fraction of slots usable by `direction` in a TDD pattern (S slot: 10 DL, 2 guard, 2 UL symbols). */
export function tddDuty(pattern: string, direction: Direction): number {
  return directionDuty(direction, 'TDD', pattern);
}

/** Every row of every MCS table (TS 38.214 Tables 5.1.3.1-1..4), in table order; a constant. */
const ALL_MCS: readonly McsInfo[] = Object.freeze(mcsRows(undefined));

function mcsRows(opts: PlanOptions | undefined): McsInfo[] {
  const out: McsInfo[] = [];
  MCS_TABLE_NAMES.forEach((table, tableIdx) => {
    if (opts?.mcsTables !== undefined && !opts.mcsTables.includes(table)) return;
    const hi = maxMcsIndex(table);
    for (let mcs = 0; mcs <= hi; mcs++) {
      if (opts?.mcsRange !== undefined && (mcs < opts.mcsRange[0] || mcs > opts.mcsRange[1])) continue;
      const e = mcsEntry(table, mcs);
      if (e._tag === 'None') continue;
      out.push(Object.freeze({ tableIdx, table, mcs, qm: e.value.qm, rateX1024: e.value.rateX1024 }));
    }
  });
  return out;
}

/** `opts` with its `byDirection[direction]` merged in (PlanOptions.byDirection: mu intersected, the rest replaced). */
export function withDirectionOptions(opts: PlanOptions | undefined, direction: Direction): PlanOptions | undefined {
  const d = opts?.byDirection?.[direction];
  if (opts === undefined || d === undefined) return opts;
  const mu = opts.mu !== undefined && d.mu !== undefined ? opts.mu.filter((m) => d.mu!.includes(m)) : (d.mu ?? opts.mu);
  return { ...opts, ...d, ...(mu !== undefined ? { mu } : {}) };
}

/** The candidate space of a plan of `services` on `link` (restricted by `opts`). */
export function candidateSpace(
  services: readonly PlannableService[],
  link: LinkContext,
  opts0: PlanOptions | undefined,
  flags: { ignoreDeadline?: boolean; ignoreCapacity?: boolean } = {},
): CandidateSpace {
  // a link budget takes the services' own coupling loss / position (the worst of a group; spec/budget.md §4)
  link = linkForServices(link, services);
  const first = services[0];
  const direction: Direction = first?.direction ?? 'UL';
  const opts = withDirectionOptions(opts0, direction);
  const duty = directionDuty(direction, link.duplex, link.tddPattern, linkSpecialSlot(link));
  const mus: MuInfo[] = [];
  for (const mu of allowedMuFor(link)) {
    if (opts?.mu !== undefined && !opts.mu.includes(mu)) continue;
    const nr = numerology(mu);
    const mp = maxPrb(link.bandwidthMHz, nr.scsKHz);
    if (E.isLeft(mp) || duty <= 0) continue;
    const symbolsPerS = 14 * 1000 * 2 ** mu;
    // PlanOptions.maxPrbPerTti (the system planner's cap, spec/system.md §4) narrows the PRB range only
    const cap = opts?.maxPrbPerTti !== undefined && Number.isFinite(opts.maxPrbPerTti) ? Math.max(1, Math.floor(opts.maxPrbPerTti)) : mp.right;
    mus.push({ mu, maxPrb: Math.min(mp.right, cap), slotMs: nr.slotMs, duty, capacityRePerS: mp.right * 12 * symbolsPerS * duty });
  }
  const ttis: TtiInfo[] = [];
  for (const c of TTI_CHOICES) {
    if (opts?.ttiSymbols !== undefined && !opts.ttiSymbols.includes(c.ttiSymbols)) continue;
    // the allocation's REs from the one place that computes them (nr/allocation via link.allocationReFor)
    const re = allocationReFor(link, direction, c.mappingType, c.ttiSymbols);
    if (!(re.nRePerPrb > 0)) continue;
    const occ = occasionGrid(direction, c.ttiSymbols, link.duplex, link.tddPattern ?? DEFAULT_TDD_PATTERN, linkSpecialSlot(link));
    ttis.push({
      mappingType: c.mappingType,
      ttiSymbols: c.ttiSymbols,
      dataSymbols: re.dataSymbols,
      nDmrsRePerPrb: re.dmrsRePerPrb,
      nRePerPrb: re.nRePerPrb,
      dmrsAdditionalPosition: re.additionalPositions,
      occ,
    });
  }
  const restricted = opts?.mcsTables !== undefined || opts?.mcsRange !== undefined;
  const mcsList: readonly McsInfo[] = restricted ? mcsRows(opts) : ALL_MCS;
  const transmissions = [1, 2, 3, 4].filter((t) => opts?.maxTransmissions === undefined || opts.maxTransmissions.includes(t));
  const reps = REPETITION_VALUES.filter((r) => opts?.repetitions === undefined || opts.repetitions.includes(r));
  const allGrants: readonly GrantType[] = direction === 'DL' ? ['dynamic'] : ['configured', 'dynamic', 'sr'];
  const grants = allGrants.filter((g) => opts?.grants === undefined || opts.grants.includes(g));
  const svcInfos: ServiceInfo[] = services.map((svc) => {
    const sizesBits = [...new Set(svc.payload.sizesBytes.map((b) => b * 8))].sort((a, b) => a - b);
    // (number fields start as -0, a double, and are then set: a literal of small integers gets another
    // shape than one holding a fraction, and the search's optimised code that read one shape
    // deoptimised at the other; issue 18, spec/benchmarks.md ninth pass)
    const info = { svc, sizesBits, maxBits: -0, deadlineMs: -0, epsilon: -0, packetsPerS: -0 };
    info.maxBits = sizesBits[sizesBits.length - 1] ?? 0;
    info.deadlineMs = flags.ignoreDeadline === true ? Number.POSITIVE_INFINITY : svc.latencyBudgetMs;
    info.epsilon = svc.epsilon;
    info.packetsPerS = ((svc.ueCount ?? 1) * 1000) / svc.periodMs;
    return info;
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
  };
}

/** One point of the search space. */
export interface Candidate {
  /** Index into `CandidateSpace.mus`. */
  readonly muIdx: number;
  /** Index into `CandidateSpace.ttis`. */
  readonly ttiIdx: number;
  /** Index into `CandidateSpace.mcsList`. */
  readonly mcsIdx: number;
  /** Index into `CandidateSpace.reps`. */
  readonly rIdx: number;
  /** Index into `CandidateSpace.grants`. */
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

/**
 * The packet rule (allocationFor): writes (PRBs, TTIs, TBS) of a packet of `sizeBits` for a class of
 * `classPrb` PRBs into out[at..at+2]: ⌈S/TBS(N)⌉ TTIs on the fewest PRBs n whose TBS carries them
 * (TBS non-decreasing in n: bisection).
 */
export function allocateInto(out: Float64Array, at: number, tti: TtiInfo, m: McsInfo, nLayers: number, classPrb: number, sizeBits: number): void {
  const tbsMax = tbsFromRe(tti.nRePerPrb * classPrb, m.qm, m.rateX1024, nLayers);
  const segs = Math.ceil(sizeBits / tbsMax);
  let lo = 1;
  let hi = classPrb;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segs * tbsFromRe(tti.nRePerPrb * mid, m.qm, m.rateX1024, nLayers) >= sizeBits) hi = mid;
    else lo = mid + 1;
  }
  out[at] = lo;
  out[at + 1] = segs;
  out[at + 2] = lo === classPrb ? tbsMax : tbsFromRe(tti.nRePerPrb * lo, m.qm, m.rateX1024, nLayers);
}

/** The allocations of every size of every service (services in order, sizes ascending), 3 numbers each. */
export function allocations(space: CandidateSpace, c: Candidate): Float64Array {
  const tti = space.ttis[c.ttiIdx] as TtiInfo;
  const m = space.mcsList[c.mcsIdx] as McsInfo;
  const nSizes = space.services.reduce((a, s) => a + s.sizesBits.length, 0);
  const al = new Float64Array(3 * nSizes);
  let j = 0;
  for (const s of space.services) {
    for (const bits of s.sizesBits) {
      allocateInto(al, j, tti, m, space.nLayers, c.nPrb, bits);
      j += 3;
    }
  }
  return al;
}

/**
 * Worst-case time (ms) of `steps` further occasions of the class's TTI after a given one: the
 * occasion grid's span (link/latency occasionSpanSymbols: one TB per occasion, mini-slots after the
 * DL control region, the TDD pattern's slots as they are) in symbols of the numerology.
 */
export function segmentSpanMs(tti: TtiInfo, mu: MuInfo, steps: number): number {
  return (occasionSpanSymbols(steps, tti.occ) * mu.slotMs) / 14;
}

/** lat_i(m): worst-case latency (ms) to the end of transmission i of the last of `segs` segments (L = L_1..L_4). */
export function lastSegmentLatencyMs(L: Float64Array, tti: TtiInfo, mu: MuInfo, segs: number, r: number, i: number): number {
  return (L[i] as number) + segmentSpanMs(tti, mu, (segs - 1) * r + i * (r - 1));
}

/** k = max{i ≤ T : lat_i(segs) ≤ D} (0: even the first transmission is late). */
export function transmissionsWithinBudget(L: Float64Array, tti: TtiInfo, mu: MuInfo, segs: number, r: number, maxTx: number, deadlineMs: number): number {
  const base = (segs - 1) * r;
  let k = 0;
  for (let i = 1; i <= maxTx; i++) {
    const lat = (L[i] as number) + segmentSpanMs(tti, mu, base + i * (r - 1));
    if (lat <= deadlineMs) k = i;
    else break;
  }
  return k;
}

/**
 * Some segment still not decoded after its k transmissions: 1 − (1 − e_k)^segs for independent segments,
 * the union bound min(1, segs·e_k) when their fades may depend (link/segments `someSegmentFails`).
 */
export function classicMissProbability(ek: number, segs: number, anyDependence = false): number {
  return someSegmentFails(ek, segs, anyDependence);
}

/** Expected REs of one packet: segs·n·12·L·r·Σ_{i<T} e_i (retransmissions are sent whether or not they still meet the deadline). */
export function expectedRe(e: Float64Array, segs: number, nPrb: number, ttiSymbols: number, r: number, maxTx: number): number {
  let expTx = 0;
  for (let i = 0; i < maxTx; i++) expTx += e[i] as number;
  return segs * nPrb * 12 * ttiSymbols * r * expTx;
}

/** Outcome of a candidate whose cost provably exceeds the cap given to `evaluateAllocated`. */
export const DOMINATED: Outcome = Object.freeze({ feasible: false, cost: 0, latencyMs: 0, marginDecades: 0, load: 0, failure: null });

function infeasible(failure: 'latency' | 'reliability', latencyMs: number): Outcome {
  return { feasible: false, cost: 0, latencyMs, marginDecades: 0, load: 0, failure };
}

/**
 * Outcome of a candidate whose partial cost already exceeds the carrier's capacity (`evaluateAllocated`
 * with `capacityExit`): infeasible whatever the checks not made would have found.
 */
export const OVER_CAPACITY: Outcome = Object.freeze({ feasible: false, cost: 0, latencyMs: 0, marginDecades: 0, load: 0, failure: 'capacity' });

/**
 * The model of one candidate with the allocations of every size given (`al`, as `allocations`
 * computes them): timing, reliability (with the segment push-back term), cost and load.
 * With `costCap`, evaluation stops as soon as the cost accumulated so far exceeds the cap and
 * `DOMINATED` is returned: every term is ≥ 0 and IEEE addition and multiplication are monotone, so
 * the partial cost is ≤ the final cost as computed here (no second code path is involved).
 * With `capacityExit` (and capacity counted), evaluation also stops, with `OVER_CAPACITY`, as soon as
 * that partial cost over the carrier's capacity exceeds 1: the final load then does too, so the
 * candidate is infeasible either way — only its failure may be named 'capacity' where a later check
 * (another size's reliability, the push-back term) would have failed first. It skips the push-back
 * term (link/segments), by far the costliest check, on candidates the carrier cannot hold (issue 18).
 */
export function evaluateAllocated(
  space: CandidateSpace,
  oracles: Oracles,
  c: Candidate,
  al: Float64Array,
  costCap = Number.POSITIVE_INFINITY,
  capacityExit = false,
): Outcome {
  const mu = space.mus[c.muIdx] as MuInfo;
  const tti = space.ttis[c.ttiIdx] as TtiInfo;
  const m = space.mcsList[c.mcsIdx] as McsInfo;
  const r = space.reps[c.rIdx] as Repetitions;
  const grant = space.grants[c.grantIdx] as GrantType;
  const L = oracles.lat(mu, tti, grant);
  if (L === null) return infeasible('latency', Number.POSITIVE_INFINITY);
  const T = c.maxTx;
  const snrDb = space.link.linkBudget === undefined ? undefined : candidateSnrDb(space, c);
  const times = oracles.timed === true && isCorrelatedRayleigh(space.link) ? harqTimesMs(L, tti, mu, r) : undefined;
  const ctrl = space.link.controlErrors;
  // a packet's segments share their fades unless each transmission has its own (link/segments anyDependence)
  const anyDep = segmentFadesMayDepend(space.link);
  let cost = 0;
  let latency = 0;
  let margin = Number.POSITIVE_INFINITY;
  let j = 0;
  for (const s of space.services) {
    let worstRe = 0;
    const nb = s.sizesBits.length;
    for (let q = 0; q < nb; q++, j += 3) {
      const n = al[j] as number;
      const segs = al[j + 1] as number;
      const tbs = al[j + 2] as number;
      const k = transmissionsWithinBudget(L, tti, mu, segs, r, T, s.deadlineMs);
      const lat1 = lastSegmentLatencyMs(L, tti, mu, segs, r, 1);
      if (k === 0) return infeasible('latency', lat1);
      const e = snrDb === undefined && times === undefined ? oracles.err(m, tbs, r) : oracles.err(m, tbs, r, snrDb, times);
      let miss = classicMissProbability(e[k] as number, segs, anyDep);
      if (!(miss <= s.epsilon)) return infeasible('reliability', lat1);
      const re = expectedRe(e, segs, n, tti.ttiSymbols, r, T);
      if (re > worstRe) worstRe = re;
      const costWith = cost + worstRe * s.packetsPerS;
      if (costWith > costCap) return DOMINATED;
      // (the load test is evaluated on every call, not only under capacityExit: arithmetic first reached
      // after this function is optimised makes it deoptimise and compile again; issue 18, fresh process)
      const overCapacity = costWith / mu.capacityRePerS > 1;
      if (capacityExit && !space.ignoreCapacity && overCapacity) return OVER_CAPACITY;
      // retransmissions of earlier segments may push the last one back (link/segments.ts; checked
      // after the cost, which does not depend on it); nothing to add when the slack of its k-th
      // attempt holds every retransmission they could make (+ k − 1)
      if (segs > 1 && k > 1 && miss > 0) {
        const pushed = pushedBackMiss(L, tti, mu, segs, r, k, s.deadlineMs, e, oracles.tails, anyDep);
        if (pushed >= 0) {
          miss = pushed;
          if (!(miss <= s.epsilon)) return infeasible('reliability', lat1);
        }
      }
      // control-channel errors (link/control.ts): PDCCH misses, NACK→ACK, SR miss, union-bounded
      if (ctrl !== undefined) {
        miss = withControlErrors(miss, e, k, segs, space.direction, grant, ctrl);
        if (!(miss <= s.epsilon)) return infeasible('reliability', lat1);
      }
      if (lat1 > latency) latency = lat1;
      const md = Math.log10(s.epsilon) - Math.log10(Math.max(miss, 1e-300));
      if (md < margin) margin = md;
    }
    cost += worstRe * s.packetsPerS;
  }
  const load = cost / mu.capacityRePerS;
  if (!space.ignoreCapacity && load > 1) return { feasible: false, cost, latencyMs: latency, marginDecades: margin, load, failure: 'capacity' };
  return { feasible: true, cost, latencyMs: latency, marginDecades: margin, load, failure: null };
}

/**
 * The miss probability with the last segment pushed back by retransmissions of earlier ones
 * (link/segments `segmentedMissProbability`, spec/planner.md §3.2), or −1 when the slack of the
 * last segment's k-th attempt holds every retransmission the earlier segments can make (then the
 * classic term is the answer).
 */
export function pushedBackMiss(
  L: Float64Array,
  tti: TtiInfo,
  mu: MuInfo,
  segs: number,
  r: number,
  k: number,
  deadlineMs: number,
  e: Float64Array,
  tails?: DisplacementTailMemo,
  anyDependence = false,
): number {
  const base = (segs - 1) * r;
  const unitMs = segmentSpanMs(tti, mu, r);
  const slackK = deadlineMs - ((L[k] as number) + segmentSpanMs(tti, mu, base + k * (r - 1)));
  if (!(Math.floor(slackK / unitMs + 1e-9) - (k - 1) < (segs - 1) * (k - 1))) return -1;
  const slack = new Float64Array(5);
  let rttMin = Number.POSITIVE_INFINITY;
  let rttMax = 0;
  for (let i = 1; i <= k; i++) {
    slack[i] = deadlineMs - ((L[i] as number) + segmentSpanMs(tti, mu, base + i * (r - 1)));
    if (i < k) {
      const rtt = (L[i + 1] as number) - (L[i] as number);
      if (rtt < rttMin) rttMin = rtt;
      if (rtt > rttMax) rttMax = rtt;
    }
  }
  return segmentedMissProbability(segs, e, k, slack, unitMs, rttMin, rttMax, tails, anyDependence);
}

/** Evaluate one candidate against every size of every service. */
export function evaluate(space: CandidateSpace, oracles: Oracles, c: Candidate): Outcome {
  return evaluateAllocated(space, oracles, c, allocations(space, c));
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

/** Best candidate of a search, with its outcome. */
export interface SearchResult {
  /** The least feasible candidate under `better`. */
  readonly candidate: Candidate;
  /** Its evaluated outcome (cost, latency, margin, load). */
  readonly outcome: Outcome;
}

/**
 * THE definition of plan's answer: every candidate of the space, every PRB count, evaluated by the
 * model with the given oracles; the least feasible one under `better` (null: none). Exponential in
 * nothing but slow (every point): for tests on small spaces and as the reference of the search.
 */
export function exhaustiveSearch(space: CandidateSpace, oracles: Oracles = exactOracles(space)): SearchResult | null {
  let best: SearchResult | null = null;
  for (let muIdx = 0; muIdx < space.mus.length; muIdx++) {
    for (let ttiIdx = 0; ttiIdx < space.ttis.length; ttiIdx++) {
      for (let mcsIdx = 0; mcsIdx < space.mcsList.length; mcsIdx++) {
        for (const maxTx of space.transmissions) {
          for (let rIdx = 0; rIdx < space.reps.length; rIdx++) {
            for (let grantIdx = 0; grantIdx < space.grants.length; grantIdx++) {
              for (let nPrb = 1; nPrb <= space.mus[muIdx]!.maxPrb; nPrb++) {
                const cand: Candidate = { muIdx, ttiIdx, mcsIdx, rIdx, grantIdx, maxTx, nPrb };
                const out = evaluate(space, oracles, cand);
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

/**
 * `exhaustiveSearch` of the space of `services` on `link` (restricted by `opts`) with the error
 * oracle `errOracle` builds for it (default: the exact model, `exactErrOracle`; the planner's answer
 * is this with model.ts `certifiedErrOracle`) and the uncached latency.
 */
export function exhaustiveSearchOn(
  services: readonly PlannableService[],
  link: LinkContext,
  opts?: PlanOptions,
  errOracle: (space: CandidateSpace) => ErrOracle = exactErrOracle,
): { space: CandidateSpace; best: SearchResult | null } {
  const space = candidateSpace(services, link, opts);
  const best = exhaustiveSearch(space, { err: errOracle(space), lat: (mu, tti, grant) => latencyVector(space, mu, tti, grant), timed: errOracle === exactErrOracle });
  return { space, best };
}

/** L_1..L_4 of (mu, TTI, grant) on the space's link (ITU-R M.2412 method, worst alignment), uncached. */
export function latencyVector(space: CandidateSpace, mu: MuInfo, tti: TtiInfo, grant: GrantType): Float64Array | null {
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
  if (E.isLeft(totals)) return null;
  const v = new Float64Array(5);
  for (let i = 1; i <= 4; i++) v[i] = totals.right[i - 1] ?? Number.POSITIVE_INFINITY;
  return v;
}

/**
 * The exact error model (what `verify` evaluates): e_t = harqResidualError with t transmissions
 * (link/harq `harqAttemptErrors`: block error model, fading average by quadrature, combining, HARQ
 * fading), e_0 = 1, clamped non-increasing. Slow under fading (ms per call): for small spaces.
 */
export function exactErrOracle(space: CandidateSpace): ErrOracle {
  const link = space.link;
  const correlated = isCorrelatedRayleigh(link);
  let profile: CorrelationProfile | undefined;
  return (m, tbsBits, r, snrDb = link.snrDb, timesMs) => {
    if (correlated) {
      // with the candidate's timing: the exact correlated model (what verify evaluates, at the
      // slowest service's Doppler... every service's: the worst of them); without: the space's profile
      if (timesMs !== undefined) {
        let worst: Float64Array | undefined;
        for (const fd of spaceDopplers(space)) {
          const v = harqVector(space, m, tbsBits, r, snrDb, fd, timesMs);
          if (worst === undefined) worst = v;
          else for (let i = 1; i <= 4; i++) if ((v[i] as number) > (worst[i] as number)) worst[i] = v[i] as number;
        }
        return worst ?? harqVector(space, m, tbsBits, r, snrDb, 0, timesMs);
      }
      profile ??= correlationProfile(space);
      return correlatedBoundVector(space, profile, m, tbsBits, r, snrDb);
    }
    return harqVector(space, m, tbsBits, r, snrDb);
  };
}

function clampVector(errs: readonly number[]): Float64Array {
  const e = new Float64Array(5);
  e[0] = 1;
  for (let i = 1; i <= 4; i++) {
    const x = errs[i - 1] ?? 1;
    const v = x > 0 ? (x < 1 ? x : 1) : 0;
    e[i] = v < (e[i - 1] as number) ? v : (e[i - 1] as number);
  }
  return e;
}

/**
 * e_0..e_4 of the exact HARQ model at `snrDb` (per repetition): the link's HARQ fading law, or — with a
 * Doppler and the transmission times — the correlated (Jakes) model at that timing.
 */
function harqVector(space: CandidateSpace, m: McsInfo, tbsBits: number, r: Repetitions, snrDb: number, dopplerHz?: number, timesMs?: readonly number[]): Float64Array {
  const link = space.link;
  const timed = dopplerHz !== undefined && timesMs !== undefined;
  return clampVector(
    harqAttemptErrors({
      model: space.model,
      mcsTable: m.table,
      mcs: m.mcs,
      tbsBits,
      snrDb: snrDb + 10 * Math.log10(r),
      transmissions: 4,
      combining: link.combining,
      fading: link.fading,
      fadingPerTransmission: timed ? 'correlated' : link.harqFading,
      ...(timed ? { dopplerHz, transmissionTimesMs: timesMs } : {}),
    }),
  );
}

/**
 * Whether the link's HARQ fading is 'correlated' on Rayleigh fading (the Jakes model applies); other
 * fading kinds under 'correlated' take the 'same' model (link/harq.ts; spec/fading.md).
 */
export function isCorrelatedRayleigh(link: LinkContext): boolean {
  return link.harqFading === 'correlated' && link.fading.kind === 'rayleigh';
}

/**
 * Start times (ms, first 0) of HARQ transmissions 1..4 of one TB of a class on (mu, TTI) with r
 * repetitions: the end of transmission i (L_i + span(i·(r − 1)), as lastSegmentLatencyMs) minus the
 * end of the first (equal durations: end gaps are start gaps). Repetitions are one fade (no credit
 * for the time diversity of slot-spread repetitions: conservative).
 */
export function harqTimesMs(L: Float64Array, tti: TtiInfo, mu: MuInfo, r: number): number[] {
  const end1 = (L[1] as number) + segmentSpanMs(tti, mu, r - 1);
  const out: number[] = [0];
  for (let i = 2; i <= 4; i++) {
    const v = (L[i] as number) + segmentSpanMs(tti, mu, i * (r - 1)) - end1;
    out.push(Number.isFinite(v) && v >= 0 ? v : i - 1);
  }
  return out;
}

/** The distinct maximum Dopplers (Hz) of the space's services on its link (3 km/h for a service without mobility). */
export function spaceDopplers(space: CandidateSpace): number[] {
  const fds = new Set<number>();
  for (const s of space.services) fds.add(mobilityDopplerHz(s.svc.mobility ?? DEFAULT_MOBILITY, space.link.carrierFrequencyGHz));
  if (fds.size === 0) fds.add(mobilityDopplerHz(DEFAULT_MOBILITY, space.link.carrierFrequencyGHz));
  return [...fds].sort((a, b) => a - b);
}

/**
 * Per repetition factor r (index) and transmission count t (2..4): eigenvalues λ^min_1 ≥ … ≥ λ^min_t,
 * the elementwise minimum over every (service Doppler, mu, TTI, grant) of the space of the sorted
 * eigenvalues of the Jakes correlation matrix of the first t transmissions (each with the ones below
 * 1 % of its largest set to 0, as correlatedRayleighAverage does). The Chase SNR Σ λ_k·W_k
 * (W_k i.i.d. Gamma(L, 1)) is non-decreasing in every λ_k, so the error at λ^min is ≥ the error of
 * every timing of the space: a timing-free upper bound (spec/fading.md §The planner's bound).
 */
export type CorrelationProfile = ReadonlyMap<number, readonly (readonly number[])[]>;

/**
 * `eigenvalues` (default link/correlation `jakesEigenvalues`) and `latency` (default `latencyVector` on
 * the space) may be memos of them (the planner's cache passes `PlannerCache.eigenvalues` and its latency
 * memo, issue 18): they must return exactly what the defaults do.
 */
export function correlationProfile(
  space: CandidateSpace,
  eigenvalues: (dopplerHz: number, timesMs: readonly number[]) => readonly number[] = jakesEigenvalues,
  latency: LatencyOracle = (mu, tti, grant) => latencyVector(space, mu, tti, grant),
): CorrelationProfile {
  const out = new Map<number, number[][]>();
  const fds = spaceDopplers(space);
  // the latency of each (mu, TTI, grant), in loop order, once for every repetition factor
  const combos: { readonly mu: MuInfo; readonly tti: TtiInfo; readonly L: Float64Array | null }[] = [];
  for (const mu of space.mus) for (const tti of space.ttis) for (const grant of space.grants) combos.push({ mu, tti, L: latency(mu, tti, grant) });
  for (const r of space.reps) {
    const mins: number[][] = [[], [], [], [], []];
    for (let t = 2; t <= 4; t++) mins[t] = Array.from({ length: t }, () => Number.POSITIVE_INFINITY);
    let any = false;
    for (const { mu, tti, L } of combos) {
      if (L === null) continue;
      const times = harqTimesMs(L, tti, mu, r);
      for (const fd of fds) {
        any = true;
        for (let t = 2; t <= 4; t++) {
          const ev = eigenvalues(fd, times.slice(0, t));
          const top = ev[0] ?? 0;
          const row = mins[t]!;
          for (let k = 0; k < t; k++) {
            const v = (ev[k] ?? 0) >= 0.01 * top ? (ev[k] ?? 0) : 0;
            if (v < row[k]!) row[k] = v;
          }
        }
      }
    }
    // round down to 1e-9 (a stable memo key; rounding down keeps the bound), then drop what is below
    // 1 % of the row's largest (as correlatedRayleighAverage would: every evaluation sees the same set)
    // rows of doubles (core/typed doubleArray) in an array built by push: one shape for every row and
    // list (a row of zeros, or a list made by `map` in optimised code, is another kind of array, and the
    // planner's loops over rows would be compiled again when they met it)
    const rows: number[][] = [];
    for (const row of mins) {
      const v = row.map((x) => (any && Number.isFinite(x) ? Math.floor(Math.max(0, x) * 1e9) / 1e9 : 0));
      const top = v[0] ?? 0;
      const kept = doubleArray();
      for (const x of v) kept.push(x >= 0.01 * top ? x : 0);
      rows.push(kept);
    }
    out.set(r, rows);
  }
  return out;
}

/** A stable text key of a profile (for memo tables). */
export function correlationProfileKey(p: CorrelationProfile): string {
  return [...p.entries()].map(([r, rows]) => `${r}:${rows.map((row) => row.join(',')).join(';')}`).join('|');
}

/**
 * e_0..e_4 under correlated Rayleigh HARQ fading at the profile's eigenvalues (Chase credit: IR is
 * never credited more than Chase under 'correlated', link/harq.ts): e_1 the fading average of one
 * transmission, e_t (t ≥ 2) the Moschopoulos series average (link/correlation.ts), clamped non-increasing.
 */
export function correlatedBoundVector(space: CandidateSpace, profile: CorrelationProfile, m: McsInfo, tbsBits: number, r: Repetitions, snrDb: number = space.link.snrDb): Float64Array {
  const link = space.link;
  const seg = ldpcSegmentation(tbsBits, m.rateX1024);
  const rate = m.rateX1024 / 1024;
  const kp = seg.kPrime;
  // E from the payload (nr/allocation payloadCodedBits), as link/harq.ts
  const nUses = payloadCodedBits(tbsBits, seg.codeBlocks, m.rateX1024, m.qm) / m.qm;
  const model = space.model;
  const f = (x: number): number => tbFromCb(model.blockError(m.qm, kp, nUses, x, rate), seg.codeBlocks);
  const mean = snrDb + 10 * Math.log10(r);
  const diversity = link.fading.kind === 'rayleigh' ? (link.fading.diversity ?? 1) : 1;
  const rows = profile.get(r);
  const errs: number[] = [fadingAverage(f, mean, link.fading)];
  for (let t = 2; t <= 4; t++) {
    const ev = rows?.[t];
    errs.push(ev === undefined || ev.length === 0 ? errs[errs.length - 1]! : correlatedRayleighAverage(f, mean, diversity, ev));
  }
  return clampVector(errs);
}

/** The exact oracles of a space: the exact error model and the uncached latency. */
export function exactOracles(space: CandidateSpace): Oracles {
  return { err: exactErrOracle(space), lat: (mu, tti, grant) => latencyVector(space, mu, tti, grant), timed: true };
}
