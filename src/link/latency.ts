/**
 * One-way user-plane latency of the NR air interface, DL and UL, FDD and TDD.
 *
 * Follows the analytical method of ITU-R M.2412 §7.2.4 / M.2410 §4.7.1 as applied in 3GPP TR 37.910
 * §5.7.1 (IMT-2020 self-evaluation): latency = processing + frame alignment + TTI (+ HARQ rounds),
 * with UE processing times from TS 38.214 §5.3/§6.4 (`processingTimeSymbols`) and the gNB
 * processing proxied by the UE's (t_BS,tx = Tproc,2/2, t_BS,rx = Tproc,1/2). Frame alignment is
 * computed on an explicit symbol grid (mini-slot start opportunities every `ttiSymbols` inside a
 * slot, TDD slot patterns), averaged over a uniformly distributed arrival instant ('average', as in
 * M.2412) or maximised over it ('worst', what a deadline guarantee needs). HARQ rounds place the
 * PUCCH / PDCCH / PUSCH at the earliest occasion that the processing times allow (minimal K1/K2).
 * See spec/latency.md for every assumption.
 *
 * Hot path: results are memoised per (direction, duplex, TDD pattern, μ, TTI, capability, grant,
 * alignment); a cache hit allocates nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, Duplex, GrantType, Mu, UeCapability } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { invalidInput, leftInvalid, showValue, unsupported } from '../core/errors.js';
import { TTI_SYMBOLS, intRangeText, isIntIn } from '../core/ranges.js';
import { numerology } from '../nr/numerology.js';
import { processingTimeSymbols } from '../nr/processing.js';
import {
  DEFAULT_SPECIAL_SLOT_TEXT, DEFAULT_TDD_PATTERN, MAX_TDD_PATTERN_SLOTS, isTddPattern, parseSpecialSlot, symbolDirection,
} from '../nr/slotPattern.js';
import { type StackTiming, srPeriodSymbols, timingValues, validateTiming } from './timing.js';

/** Frame-alignment statistic over the packet arrival instant. */
export type LatencyAlignment = 'average' | 'worst';

/** Input of `userPlaneLatency`. */
export interface UserPlaneLatencyInput {
  /** 'DL' (PDSCH, HARQ-ACK on PUCCH) or 'UL' (PUSCH, grant per `grant`). */
  readonly direction: Direction;
  /** 'FDD' (every symbol usable both ways) or 'TDD' (slot pattern from `tddPattern` / `specialSlot`). */
  readonly duplex: Duplex;
  /** TDD only: one letter per slot, D (downlink), U (uplink), S (special, see `specialSlot`). Default 'DDDSU'. */
  readonly tddPattern?: string;
  /** TDD only: symbols of the S slot as '<n>D:<n>G:<n>U' summing to 14. Default '10D:2G:2U'. */
  readonly specialSlot?: string;
  /** Numerology μ (SCS = 15·2^μ kHz, TS 38.211 §4.2): 0..6 except 4 (no processing times in TS 38.214 Tables 5.3-1/6.4-1). */
  readonly mu: Mu;
  /** TTI length in OFDM symbols (2..14; 14 = slot, mapping type A; fewer = mini-slot, mapping type B). */
  readonly ttiSymbols: number;
  /** UE processing capability 1 or 2 (TS 38.214 §5.3/§6.4); 2 applies only for μ ≤ 2, else capability 1 is used. */
  readonly ueCapability: UeCapability;
  /** UL only: 'configured' (configured grant), 'sr' (scheduling request → grant), 'dynamic' (grant pending). Ignored for DL. */
  readonly grant: GrantType;
  /** Number of transmissions (1 = no retransmission) in 1..LATENCY_MAX_TRANSMISSIONS; latency runs to the end of the last one. */
  readonly transmissions: number;
  /** Default 'average' (uniform arrival, M.2412). */
  readonly alignment?: LatencyAlignment;
  /**
   * 'spec' (default): Tproc,1 includes d1,1 of TS 38.214 §5.3 for the PDSCH mapping of the TTI
   * (type A for 14 symbols, type B with L = ttiSymbols otherwise, PDCCH not overlapping the PDSCH).
   * 'none': table values N1/N2 only (all d terms 0), as in the IMT-2020 evaluation.
   */
  readonly dTerms?: 'spec' | 'none';
  /**
   * Stack timing profile (link/timing.ts): 'spec-min' (default: the 3GPP minima above), a named stack
   * profile or explicit { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }. Each delay is
   * max(3GPP minimum, configured value), so a profile never gives a lower latency than 'spec-min'.
   */
  readonly timing?: StackTiming;
  /**
   * dmrs-AdditionalPosition (0..3) of the PDSCH DM-RS of the TTI; default 0 (pos0, the ITU-R M.2412
   * evaluation assumption). Selects the N1 column of TS 38.214 Table 5.3-1 (≠ pos0: N1 = 13/13/20/24 for
   * μ = 0..3 instead of 8/10/17/20); Table 5.3-2 (capability 2) has only the pos0 column, so with an
   * additional position the PDSCH uses capability 1's N1 (§5.3). The planner and `verify` pass the
   * link's value for the TTI's mapping type (nr/allocation). DL only (ignored for UL, where Tp1 is
   * the proxy of the gNB's decoding time).
   */
  readonly dmrsAdditionalPosition?: 0 | 1 | 2 | 3;
}

/** Latency with every named part in ms; the parts sum to `totalMs`. */
export interface UserPlaneLatency {
  /** One-way user-plane latency in ms (sum of `parts`). */
  readonly totalMs: number;
  /** Latency per part in ms, keyed by the names of `LATENCY_PART_NAMES` for the direction and grant, in display order. */
  readonly parts: Readonly<Record<string, number>>;
  /** Capability whose processing times were used (2 falls back to 1 where Table 5.3-2/6.4-2 has no row). */
  readonly ueCapabilityUsed: UeCapability;
}

/** Highest transmission count modelled (initial + 3 retransmissions). */
export const LATENCY_MAX_TRANSMISSIONS = 4;
/** PDCCH duration (CORESET of 1 symbol) used for UL grants. */
export const LATENCY_PDCCH_SYMBOLS = 1;

/**
 * The slot model (DL control region, occasion grid of each TTI length, special-slot format) lives in
 * nr/slotPattern.ts; re-exported here under the names the latency API has always had.
 */
export { DL_CONTROL_SYMBOLS, occasionGrid, occasionSpanSymbols, type OccasionGrid } from '../nr/slotPattern.js';

/** PUCCH duration (format 0, 1 symbol) for HARQ-ACK and SR. */
export const LATENCY_PUCCH_SYMBOLS = 1;
/** Default TDD pattern (nr/slotPattern DEFAULT_TDD_PATTERN). */
export const LATENCY_DEFAULT_TDD_PATTERN = DEFAULT_TDD_PATTERN;
/** Default special-slot format as '<n>D:<n>G:<n>U' text (nr/slotPattern DEFAULT_SPECIAL_SLOT). */
export const LATENCY_DEFAULT_SPECIAL_SLOT = DEFAULT_SPECIAL_SLOT_TEXT;

/** Part names in display order, per (direction, grant). */
export const LATENCY_PART_NAMES = {
  /** DL: gNB processing, frame alignment, TTI, UE processing, HARQ retransmissions. */
  DL: ['bsTx', 'frameAlignment', 'tti', 'ueRx', 'harq'],
  /** UL with a configured grant: UE processing, frame alignment, TTI, gNB processing, HARQ. */
  'UL-configured': ['ueTx', 'frameAlignment', 'tti', 'bsRx', 'harq'],
  /** UL with a grant pending: wait for and receive the PDCCH, then as 'UL-configured'. */
  'UL-dynamic': ['pdcchAlignment', 'pdcch', 'ueTx', 'frameAlignment', 'tti', 'bsRx', 'harq'],
  /** UL via scheduling request: SR on PUCCH, gNB grant preparation, PDCCH, then as 'UL-configured'. */
  'UL-sr': ['srAlignment', 'sr', 'bsGrant', 'pdcchAlignment', 'pdcch', 'ueTx', 'frameAlignment', 'tti', 'bsRx', 'harq'],
} as const;

// ---------------------------------------------------------------------------------------------
// Slot grid

/** Per-symbol usability of one pattern period: bit 1 = DL, bit 2 = UL. */
interface Grid {
  readonly periodSymbols: number;
  readonly dl: Uint8Array;
  readonly ul: Uint8Array;
}

function buildGrid(duplex: Duplex, pattern: string, special: string): E.Either<PhyError, Grid> {
  if (duplex === 'FDD') {
    return E.right({ periodSymbols: 14, dl: new Uint8Array(14).fill(1), ul: new Uint8Array(14).fill(1) });
  }
  if (!isTddPattern(pattern)) {
    return leftInvalid('tddPattern', `1..${MAX_TDD_PATTERN_SLOTS} letters D, S or U, one per slot (e.g. 'DDDSU', 'DSUUU')`, pattern);
  }
  const sp = parseSpecialSlot(special);
  if (E.isLeft(sp)) return sp;
  const n = pattern.length * 14;
  const dl = new Uint8Array(n);
  const ul = new Uint8Array(n);
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    for (let l = 0; l < 14; l++) {
      const s = i * 14 + l;
      const kind = symbolDirection(c, l, sp.right);
      if (kind === 'D') dl[s] = 1;
      if (kind === 'U') ul[s] = 1;
    }
  }
  if (!dl.includes(1) || !ul.includes(1)) {
    return E.left(unsupported('tddPattern', `${showValue(pattern)} with S = ${special} needs at least one DL and one UL symbol`));
  }
  return E.right({ periodSymbols: n, dl, ul });
}

/** Start symbols (within one period, sorted) of occasions of `len` symbols on `usable` symbols. */
function occasions(grid: Grid, usable: Uint8Array, len: number, step: number): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < grid.periodSymbols / 14; slot++) {
    for (let l = 0; l + len <= 14; l += step) {
      const s = slot * 14 + l;
      let ok = true;
      for (let k = 0; k < len; k++) if (usable[s + k] !== 1) ok = false;
      if (ok) out.push(s);
    }
  }
  return out;
}

const EPS = 1e-9;

/** First occasion at or after time t (symbols), occasions periodic with the grid period. */
function nextAt(t: number, occ: readonly number[], period: number): number {
  const k = Math.floor((t + EPS) / period);
  const r = t - k * period;
  for (const o of occ) if (o >= r - EPS) return k * period + o;
  return (k + 1) * period + (occ[0] as number);
}

// ---------------------------------------------------------------------------------------------
// The chain

interface Setup {
  readonly direction: Direction;
  readonly grant: GrantType;
  readonly tti: number;
  readonly period: number;
  /** Processing times in (average) symbols. */
  readonly tp1: number;
  readonly tp2: number;
  readonly dlData: readonly number[];
  readonly ulData: readonly number[];
  readonly pdcch: readonly number[];
  readonly pucch: readonly number[];
  readonly partNames: readonly string[];
  /** Stack timing (link/timing.ts): minimal K1/K2 in slots, gNB reaction in symbols; all 0 for spec-min. */
  readonly k1Slots: number;
  readonly k2Slots: number;
  readonly gnbSym: number;
  /** First-wait occasions of an SR-based grant under an SR period, with their period (null: every UL TTI). */
  readonly srOcc: { readonly occ: readonly number[]; readonly period: number } | null;
}

/** max(a, b) (the profile delays never shorten a 3GPP-minimum delay). */
function atLeast(a: number, b: number): number {
  return b > a ? b : a;
}

/** Start of the slot `k` slots after the slot holding symbol time `t`. */
function slotAfter(t: number, k: number): number {
  return (Math.floor((t + EPS) / 14) + k) * 14;
}

/** First wait's occasion list and the constant time before it. */
function firstGrid(s: Setup): { occ: readonly number[]; period: number; pre: number; prePart: string; waitPart: string } {
  if (s.direction === 'DL') return { occ: s.dlData, period: s.period, pre: atLeast(s.tp2 / 2, s.gnbSym), prePart: 'bsTx', waitPart: 'frameAlignment' };
  if (s.grant === 'configured') return { occ: s.ulData, period: s.period, pre: s.tp2 / 2, prePart: 'ueTx', waitPart: 'frameAlignment' };
  if (s.grant === 'dynamic') return { occ: s.pdcch, period: s.period, pre: 0, prePart: '', waitPart: 'pdcchAlignment' };
  if (s.srOcc !== null) return { occ: s.srOcc.occ, period: s.srOcc.period, pre: 0, prePart: '', waitPart: 'srAlignment' };
  return { occ: s.ulData, period: s.period, pre: 0, prePart: '', waitPart: 'srAlignment' };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Longest SR occasion horizon (symbols) built; beyond it the SR period is refused (a profile bug, never a default). */
const MAX_SR_HORIZON_SYMBOLS = 14 * 20480;

/**
 * SR occasions under an SR period of `srSym` symbols: the first UL TTI occasion at or after each
 * period boundary k·srSym, over one common period lcm(pattern, SR period). A subset of the UL TTI
 * occasions (the spec-min SR occasions), so the SR wait is never shorter than spec-min's.
 */
function srOccasions(ulData: readonly number[], period: number, srSym: number): { occ: number[]; period: number } | null {
  if (srSym <= 0) return null;
  const lcm = (period / gcd(period, srSym)) * srSym;
  if (lcm > MAX_SR_HORIZON_SYMBOLS) return null;
  const out: number[] = [];
  for (let b = 0; b < lcm; b += srSym) {
    const o = nextAt(b, ulData, period) % lcm;
    if (out.length === 0 || out[out.length - 1] !== o) out.push(o);
  }
  out.sort((a, b) => a - b);
  return { occ: [...new Set(out)], period: lcm };
}

/** Every part name, with a fixed index for the accumulators. */
const ALL_PARTS = ['bsTx', 'ueTx', 'srAlignment', 'sr', 'bsGrant', 'pdcchAlignment', 'pdcch', 'frameAlignment', 'tti', 'ueRx', 'bsRx', 'harq'] as const;
type PartName = (typeof ALL_PARTS)[number];
const PART = Object.fromEntries(ALL_PARTS.map((n, i) => [n, i])) as Record<PartName, number>;

/** acc[i] += v (typed-array helper under noUncheckedIndexedAccess). */
function bump(acc: Float64Array, i: number, v: number): void {
  acc[i] = (acc[i] as number) + v;
}

/**
 * Deterministic chain from the first occasion at time `o` (symbols) for `tx` transmissions. Adds
 * each part (in symbols, times the weight w) into `acc` (indexed by PART) when acc is given, and
 * returns the chain's duration from `o`.
 */
function runChain(s: Setup, o: number, tx: number, acc: Float64Array | null, w: number): number {
  const P = s.period;
  let t = o;
  let n = 0;
  let harq = 0;
  const ul = s.direction === 'UL';
  if (ul && (s.grant === 'sr' || s.grant === 'dynamic')) {
    let pw = 0;
    const bsGrant = atLeast(s.tp2 / 2, s.gnbSym);
    if (s.grant === 'sr') {
      t += LATENCY_PUCCH_SYMBOLS + bsGrant; // SR on PUCCH, gNB decodes it and prepares the grant (≥ gnbProcSlots)
      n = nextAt(t, s.pdcch, P);
      pw = n > t ? n - t : 0;
      t = n;
    }
    const pdcchAt = t;
    t += LATENCY_PDCCH_SYMBOLS + s.tp2; // PDCCH, then the PUSCH no earlier than Tproc,2 after it (minimal K2)
    const ready = t;
    if (s.k2Slots > 0) t = atLeast(t, slotAfter(pdcchAt, s.k2Slots)); // and no earlier than K2 ≥ k2MinSlots (the excess counts as frame alignment)
    n = nextAt(t, s.ulData, P);
    const fa = n > ready ? n - ready : 0;
    t = n;
    if (acc !== null) {
      if (s.grant === 'sr') {
        bump(acc, PART.sr, w * LATENCY_PUCCH_SYMBOLS);
        bump(acc, PART.bsGrant, w * bsGrant);
        bump(acc, PART.pdcchAlignment, w * pw);
      }
      bump(acc, PART.pdcch, w * LATENCY_PDCCH_SYMBOLS);
      bump(acc, PART.ueTx, w * s.tp2);
      bump(acc, PART.frameAlignment, w * fa);
    }
  }
  let start = t;
  t += s.tti;
  for (let k = 2; k <= tx; k++) {
    const t0 = t;
    if (ul) {
      t += atLeast(s.tp1 / 2 + s.tp2 / 2, s.gnbSym); // gNB decodes the PUSCH (fails) and prepares the retransmission grant (≥ gnbProcSlots)
      t = nextAt(t, s.pdcch, P);
      const pdcchAt = t;
      t += LATENCY_PDCCH_SYMBOLS + s.tp2; // PDCCH, UE Tproc,2 (minimal K2)
      if (s.k2Slots > 0) t = atLeast(t, slotAfter(pdcchAt, s.k2Slots)); // K2 ≥ k2MinSlots
      t = nextAt(t, s.ulData, P);
    } else {
      t += s.tp1; // UE decode + HARQ-ACK preparation: PUCCH no earlier than Tproc,1 after the PDSCH (minimal K1)
      if (s.k1Slots > 0) t = atLeast(t, slotAfter(start, s.k1Slots)); // K1 ≥ k1MinSlots after the PDSCH's slot
      t = nextAt(t, s.pucch, P);
      t += LATENCY_PUCCH_SYMBOLS + atLeast(s.tp2 / 2, s.gnbSym); // PUCCH, gNB NACK handling + retransmission preparation (≥ gnbProcSlots)
      t = nextAt(t, s.dlData, P);
    }
    start = t;
    t += s.tti;
    harq += t - t0;
  }
  if (acc !== null) {
    bump(acc, PART.tti, w * s.tti);
    bump(acc, PART.harq, w * harq);
    bump(acc, ul ? PART.bsRx : PART.ueRx, (w * s.tp1) / 2);
  }
  return t + s.tp1 / 2 - o;
}

function computeAll(s: Setup, alignment: LatencyAlignment, symMs: number, capUsed: UeCapability): UserPlaneLatency[] {
  const first = firstGrid(s);
  const occ = first.occ;
  const P = first.period;
  const waitIdx = PART[first.waitPart as PartName];
  const results: UserPlaneLatency[] = [];
  const acc = new Float64Array(ALL_PARTS.length);
  const prevOf = (j: number): number => (j === 0 ? (occ[occ.length - 1] as number) - P : (occ[j - 1] as number));
  for (let tx = 1; tx <= LATENCY_MAX_TRANSMISSIONS; tx++) {
    acc.fill(0);
    if (alignment === 'average') {
      // Ready instants (arrival + constant pre-processing) are uniform over one period; those in
      // (o_{j-1}, o_j] use occasion j: weight gap_j/P, mean wait gap_j/2.
      for (let j = 0; j < occ.length; j++) {
        const oj = occ[j] as number;
        const gap = oj - prevOf(j);
        const w = gap / P;
        bump(acc, waitIdx, (w * gap) / 2);
        runChain(s, oj, tx, acc, w);
      }
    } else {
      // Worst arrival: just after the previous occasion, so the wait is the full gap.
      let bestJ = 0;
      let best = -1;
      for (let j = 0; j < occ.length; j++) {
        const oj = occ[j] as number;
        const total = oj - prevOf(j) + runChain(s, oj, tx, null, 0);
        if (total > best + EPS) {
          best = total;
          bestJ = j;
        }
      }
      const oj = occ[bestJ] as number;
      bump(acc, waitIdx, oj - prevOf(bestJ));
      runChain(s, oj, tx, acc, 1);
    }
    if (first.prePart !== '') bump(acc, PART[first.prePart as PartName], first.pre);
    const parts: Record<string, number> = {};
    let total = 0;
    for (const name of s.partNames) {
      const v = (acc[PART[name as PartName]] as number) * symMs;
      parts[name] = v;
      total += v;
    }
    results.push(Object.freeze({ totalMs: total, parts: Object.freeze(parts), ueCapabilityUsed: capUsed }));
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Validation, cache, public API

const DIRECTIONS: readonly Direction[] = ['DL', 'UL'];
const GRANTS: readonly GrantType[] = ['dynamic', 'configured', 'sr'];

interface Entry {
  readonly results: readonly UserPlaneLatency[];
  readonly totals: Float64Array;
}

const cache = new Map<number, Entry>();
const MAX_CACHE_ENTRIES = 50_000;
/** pattern → special → small id (1-based; 0 = FDD). */
const patternIds = new Map<string, Map<string, number>>();
let nextPatternId = 1;

function patternId(pattern: string, special: string): number {
  let inner = patternIds.get(pattern);
  if (inner === undefined) {
    inner = new Map();
    patternIds.set(pattern, inner);
  }
  let id = inner.get(special);
  if (id === undefined) {
    id = nextPatternId++;
    inner.set(special, id);
  }
  return id;
}

function validate(p: UserPlaneLatencyInput): PhyError | null {
  if (typeof p !== 'object' || p === null) return invalidInput('latency', 'an object', p);
  if (p.direction !== 'DL' && p.direction !== 'UL') return invalidInput('direction', 'one of "DL", "UL"', p.direction);
  if (p.duplex !== 'FDD' && p.duplex !== 'TDD') return invalidInput('duplex', 'one of "FDD", "TDD"', p.duplex);
  if (p.duplex === 'FDD' && (p.tddPattern !== undefined || p.specialSlot !== undefined)) {
    return invalidInput(p.tddPattern !== undefined ? 'tddPattern' : 'specialSlot', 'absent for duplex "FDD"', p.tddPattern ?? p.specialSlot);
  }
  const mu = p.mu;
  if (typeof mu !== 'number' || !Number.isInteger(mu) || mu < 0 || mu > 6) return invalidInput('mu', 'an integer in 0..6', mu);
  if (mu === 4) {
    return unsupported('mu', 'TS 38.214 Tables 5.3-1/6.4-1 have no processing times for mu = 4 (240 kHz carries no data); allowed: 0, 1, 2, 3, 5, 6');
  }
  const m = p.ttiSymbols;
  if (!isIntIn(m, TTI_SYMBOLS)) {
    return invalidInput('ttiSymbols', `${intRangeText(TTI_SYMBOLS)} (e.g. 2, 4, 7 mini-slot or 14 slot)`, m);
  }
  if (p.ueCapability !== 1 && p.ueCapability !== 2) return invalidInput('ueCapability', 'one of 1, 2', p.ueCapability);
  if (p.grant !== 'dynamic' && p.grant !== 'configured' && p.grant !== 'sr') {
    return invalidInput('grant', 'one of "dynamic", "configured", "sr"', p.grant);
  }
  const tx = p.transmissions;
  if (typeof tx !== 'number' || !Number.isInteger(tx) || tx < 1 || tx > LATENCY_MAX_TRANSMISSIONS) {
    return invalidInput('transmissions', `an integer in 1..${LATENCY_MAX_TRANSMISSIONS}`, tx);
  }
  if (p.alignment !== undefined && p.alignment !== 'average' && p.alignment !== 'worst') {
    return invalidInput('alignment', 'one of "average", "worst"', p.alignment);
  }
  if (p.dTerms !== undefined && p.dTerms !== 'spec' && p.dTerms !== 'none') return invalidInput('dTerms', 'one of "spec", "none"', p.dTerms);
  if (p.tddPattern !== undefined && typeof p.tddPattern !== 'string') return invalidInput('tddPattern', 'a string of D, S, U', p.tddPattern);
  if (p.specialSlot !== undefined && typeof p.specialSlot !== 'string') return invalidInput('specialSlot', `a string like '${DEFAULT_SPECIAL_SLOT_TEXT}'`, p.specialSlot);
  const add = p.dmrsAdditionalPosition;
  if (add !== undefined && !(add === 0 || add === 1 || add === 2 || add === 3)) return invalidInput('dmrsAdditionalPosition', 'one of 0, 1, 2, 3 (pos0..pos3)', add);
  return validateTiming(p.timing);
}

function build(p: UserPlaneLatencyInput, pattern: string, special: string): E.Either<PhyError, Entry> {
  const gridE = buildGrid(p.duplex, pattern, special);
  if (E.isLeft(gridE)) return gridE;
  const grid = gridE.right;
  const mu = p.mu;
  const M = p.ttiSymbols;
  const capUsed: UeCapability = p.ueCapability === 2 && mu <= 2 ? 2 : 1;
  // N1 column per the PDSCH DM-RS (TS 38.214 §5.3): capability 2's Table 5.3-2 exists for pos0 only.
  // DL only: in UL, Tp1 proxies the gNB's decoding time (M.2412) and keeps the pos0 column.
  const addDmrs = p.direction === 'DL' ? (p.dmrsAdditionalPosition ?? 0) : 0;
  const capPdsch: UeCapability = addDmrs > 0 ? 1 : capUsed;
  const mapping = M === 14 ? ({ mappingType: 'A', lastSymbol: 13 } as const) : ({ mappingType: 'B', lengthSymbols: Math.min(M, 13) } as const);
  const p1 = processingTimeSymbols(
    p.dTerms === 'none'
      ? { mu, capability: capPdsch, channel: 'pdsch', dmrsAdditionalPosition: addDmrs }
      : { mu, capability: capPdsch, channel: 'pdsch', dmrsAdditionalPosition: addDmrs, ...mapping },
  );
  const p2 = processingTimeSymbols({ mu, capability: capUsed, channel: 'pusch' });
  if (E.isLeft(p1)) return p1;
  if (E.isLeft(p2)) return p2;
  const symMs = numerology(mu).symbolMs;
  const tv = timingValues(p.timing);
  const ulData = occasions(grid, grid.ul, M, M);
  const srSym = tv === null ? 0 : srPeriodSymbols(tv, mu);
  const srOcc = p.direction === 'UL' && p.grant === 'sr' && ulData.length > 0 ? srOccasions(ulData, grid.periodSymbols, srSym) : null;
  if (srSym > 0 && srOcc === null && p.direction === 'UL' && p.grant === 'sr' && ulData.length > 0) {
    return E.left(unsupported('timing', `an SR period of ${srSym / 14} slots with a ${grid.periodSymbols / 14}-slot pattern repeats after more than ${MAX_SR_HORIZON_SYMBOLS / 14} slots`));
  }
  const setup: Setup = {
    direction: p.direction,
    grant: p.grant,
    tti: M,
    period: grid.periodSymbols,
    tp1: p1.right.ms / symMs,
    tp2: p2.right.ms / symMs,
    dlData: occasions(grid, grid.dl, M, M),
    ulData,
    pdcch: occasions(grid, grid.dl, LATENCY_PDCCH_SYMBOLS, M),
    pucch: occasions(grid, grid.ul, LATENCY_PUCCH_SYMBOLS, 1),
    partNames: p.direction === 'DL' ? LATENCY_PART_NAMES.DL : LATENCY_PART_NAMES[`UL-${p.grant}`],
    k1Slots: tv?.k1MinSlots ?? 0,
    k2Slots: tv?.k2MinSlots ?? 0,
    gnbSym: (tv?.gnbProcSlots ?? 0) * 14,
    srOcc,
  };
  const need: Array<[readonly number[], string]> =
    p.direction === 'DL'
      ? [[setup.dlData, `a DL TTI of ${M} symbols`], [setup.pucch, 'a UL symbol for the PUCCH']]
      : [[setup.ulData, `a UL TTI of ${M} symbols`], [setup.pdcch, 'a DL symbol for the PDCCH']];
  for (const [occ, what] of need) {
    if (occ.length === 0) {
      const where = p.duplex === 'TDD' ? `TDD pattern ${showValue(pattern)} (S = ${special})` : 'the slot';
      return E.left(unsupported('ttiSymbols', `${where} has no room for ${what} (TTI start opportunities every ${M} symbols of a slot)`));
    }
  }
  const align: LatencyAlignment = p.alignment ?? 'average';
  const results = computeAll(setup, align, symMs, p.direction === 'DL' ? capPdsch : capUsed);
  const totals = new Float64Array(results.map((r) => r.totalMs));
  return E.right({ results, totals });
}

/**
 * Cache key from the fields (each read once by the caller), or -1 when a field is outside its
 * allowed values (the slow path then produces the Left). Allocation-free.
 */
function fastKey(
  direction: unknown,
  duplex: unknown,
  pattern: unknown,
  special: unknown,
  mu: unknown,
  tti: unknown,
  cap: unknown,
  grant: unknown,
  alignment: unknown,
  dTerms: unknown,
  timing: unknown,
  dmrsAdd: unknown,
): number {
  const dir = direction === 'DL' ? 0 : direction === 'UL' ? 1 : -1;
  if (dir < 0) return -1;
  let pid: number;
  if (duplex === 'FDD') {
    if (pattern !== undefined || special !== undefined) return -1;
    pid = 0;
  } else if (duplex === 'TDD') {
    const pat = pattern === undefined ? LATENCY_DEFAULT_TDD_PATTERN : pattern;
    const spc = special === undefined ? LATENCY_DEFAULT_SPECIAL_SLOT : special;
    if (typeof pat !== 'string' || typeof spc !== 'string') return -1;
    pid = patternId(pat, spc);
  } else return -1;
  if (typeof mu !== 'number' || !(mu >= 0 && mu <= 6) || (mu | 0) !== mu) return -1;
  if (typeof tti !== 'number' || !(tti >= 2 && tti <= 14) || (tti | 0) !== tti) return -1;
  const c = cap === 1 ? 0 : cap === 2 ? 1 : -1;
  if (c < 0) return -1;
  const g = grant === 'dynamic' ? 0 : grant === 'configured' ? 1 : grant === 'sr' ? 2 : -1;
  if (g < 0) return -1;
  const a = alignment === undefined || alignment === 'average' ? 0 : alignment === 'worst' ? 1 : -1;
  if (a < 0) return -1;
  const d = dTerms === undefined || dTerms === 'spec' ? 0 : dTerms === 'none' ? 1 : -1;
  if (d < 0) return -1;
  const gk = dir === 0 ? 0 : g; // DL ignores the grant
  const x = dmrsAdd === undefined ? 0 : dmrsAdd === 0 || dmrsAdd === 1 || dmrsAdd === 2 || dmrsAdd === 3 ? dmrsAdd : -1;
  if (x < 0) return -1;
  const xk = dir === 0 ? x : 0; // only the PDSCH's N1 reads it
  const base = ((((((((pid * 2 + dir) * 7 + mu) * 15 + tti) * 2 + c) * 3 + gk) * 2 + a) * 2 + d) * 4 + xk);
  if (timing === undefined || timing === 'spec-min') return base;
  const tid = timingId(timing);
  return tid < 0 ? -1 : base + tid * TIMING_KEY_STRIDE;
}

/**
 * Timing ids of the memo key (0 = spec-min: keys of the default timing are unchanged): the named
 * profiles 1..3, explicit values interned by their numbers (bounded with the pattern ids).
 */
const TIMING_KEY_STRIDE = 2 ** 36; // above every spec-min key (pattern ids ≤ MAX_CACHE_ENTRIES + 1: < 2^36 / 40320); tid·2^36 stays exact below 2^53
const NAMED_TIMING_IDS: Readonly<Record<string, number>> = { 'srsran-default': 1, 'srsran-low-latency': 2, 'oai-default': 3 };
const timingIds = new Map<string, number>();
let nextTimingId = 4;

function timingId(timing: unknown): number {
  if (typeof timing === 'string') return NAMED_TIMING_IDS[timing] ?? -1;
  if (typeof timing !== 'object' || timing === null) return -1;
  if (validateTiming(timing) !== null) return -1;
  const v = timing as { k1MinSlots: number; k2MinSlots: number; gnbProcSlots: number; srPeriodMs?: number; srPeriodSlots?: number };
  const k = `${v.k1MinSlots}|${v.k2MinSlots}|${v.gnbProcSlots}|${v.srPeriodMs ?? ''}|${v.srPeriodSlots ?? ''}`;
  let id = timingIds.get(k);
  if (id === undefined) {
    id = nextTimingId++;
    timingIds.set(k, id);
  }
  return id;
}

/** Slow path: validate (for the Left message), build, memoise. */
function entrySlow(p: UserPlaneLatencyInput, key: number): E.Either<PhyError, Entry> {
  const err = validate(p);
  if (err !== null) return E.left(err);
  const tdd = p.duplex === 'TDD';
  const pattern = tdd ? (p.tddPattern ?? LATENCY_DEFAULT_TDD_PATTERN) : '';
  const special = tdd ? (p.specialSlot ?? LATENCY_DEFAULT_SPECIAL_SLOT) : '';
  const built = build(p, pattern, special);
  if (E.isRight(built) && key >= 0) {
    if (cache.size >= MAX_CACHE_ENTRIES || nextPatternId > MAX_CACHE_ENTRIES || nextTimingId > MAX_CACHE_ENTRIES) {
      // Bound memory under pattern churn. The key of this call used the old pattern ids, so it is
      // not stored (it could collide with a re-assigned id later).
      cache.clear();
      patternIds.clear();
      nextPatternId = 1;
      timingIds.clear();
      nextTimingId = 4;
    } else cache.set(key, built.right);
  }
  return built;
}

/** Cached entry for p (reads every field once); null when p must go through the slow path. */
function entryFast(p: UserPlaneLatencyInput): { key: number; entry: Entry | undefined } {
  const key = fastKey(p.direction, p.duplex, p.tddPattern, p.specialSlot, p.mu, p.ttiSymbols, p.ueCapability, p.grant, p.alignment, p.dTerms, p.timing, p.dmrsAdditionalPosition);
  return { key, entry: key >= 0 ? cache.get(key) : undefined };
}

function entryFor(p: UserPlaneLatencyInput): E.Either<PhyError, Entry> {
  if (typeof p !== 'object' || p === null) return E.left(invalidInput('latency', 'an object', p));
  const { key, entry } = entryFast(p);
  return entry !== undefined ? E.right(entry) : entrySlow(p, key);
}

function validTransmissions(tx: unknown): tx is number {
  return typeof tx === 'number' && tx >= 1 && tx <= LATENCY_MAX_TRANSMISSIONS && (tx | 0) === tx;
}

/** Validated latency: Left (naming the field and the allowed values) for any invalid input. */
export function tryUserPlaneLatency(p: UserPlaneLatencyInput): E.Either<PhyError, UserPlaneLatency> {
  const e = entryFor(p);
  if (E.isLeft(e)) return e;
  const tx = p.transmissions;
  if (!validTransmissions(tx)) return leftInvalid('transmissions', `an integer in 1..${LATENCY_MAX_TRANSMISSIONS}`, tx);
  return E.right(e.right.results[tx - 1] as UserPlaneLatency);
}

/**
 * One-way user-plane latency `{ totalMs, parts, ueCapabilityUsed }` (see the module header); never
 * throws: invalid input answers the `PhyError` itself (naming the field and the allowed values;
 * `tryUserPlaneLatency` gives the same as an Either, `assertUserPlaneLatency` throws it). Memoised:
 * a repeated configuration returns the same frozen object without allocating.
 */
export function userPlaneLatency(p: UserPlaneLatencyInput): UserPlaneLatency | PhyError {
  if (typeof p === 'object' && p !== null) {
    const tx = p.transmissions;
  const key = fastKey(p.direction, p.duplex, p.tddPattern, p.specialSlot, p.mu, p.ttiSymbols, p.ueCapability, p.grant, p.alignment, p.dTerms, p.timing, p.dmrsAdditionalPosition);
    if (key >= 0 && validTransmissions(tx)) {
      const hit = cache.get(key);
      if (hit !== undefined) return hit.results[tx - 1] as UserPlaneLatency;
    }
  }
  const r = tryUserPlaneLatency(p);
  return E.isRight(r) ? r.right : r.left;
}

/**
 * `userPlaneLatency` for input already known to be valid: throws a RangeError carrying the PhyError
 * message on invalid input (by design; tests, benches and trusted callers).
 */
export function assertUserPlaneLatency(p: UserPlaneLatencyInput): UserPlaneLatency {
  const r = userPlaneLatency(p);
  if ('_tag' in r) throw new RangeError(r.message);
  return r;
}

/**
 * Latency totals (ms) for transmissions 1..LATENCY_MAX_TRANSMISSIONS (index t−1), memoised; Left on invalid
 * input. `transmissions` in the input is ignored. The planner's fast path.
 */
export function latencyByTransmissions(p: Omit<UserPlaneLatencyInput, 'transmissions'>): E.Either<PhyError, Float64Array> {
  const e = entryFor({ ...p, transmissions: 1 });
  return E.isLeft(e) ? e : E.right(e.right.totals);
}

/** Input of `deliveryProbabilityWithin`. */
export interface DeliveryInput extends Omit<UserPlaneLatencyInput, 'transmissions'> {
  /** HARQ transmissions allowed (1..LATENCY_MAX_TRANSMISSIONS). */
  readonly maxTransmissions: number;
  /** Delivery deadline in ms (finite, ≥ 0), compared with the one-way latency of each transmission count. */
  readonly deadlineMs: number;
  /** Residual block error probability after t transmissions (e.g. from `harqResidualError`). */
  readonly errorAfter: (transmissions: number) => number;
}

/**
 * Probability that the packet is delivered within `deadlineMs`: 1 − errorAfter(t*), where t* is the
 * largest transmission count ≤ maxTransmissions whose latency fits the deadline; 0 when even the
 * first does not fit. errorAfter values are clamped to [0, 1] (a non-finite value counts as 1).
 * With the default 'average' alignment this is the M.2412-style figure; pass alignment 'worst'
 * for a guarantee that holds for every arrival instant.
 */
export function tryDeliveryProbabilityWithin(p: DeliveryInput): E.Either<PhyError, number> {
  if (typeof p !== 'object' || p === null) return E.left(invalidInput('delivery', 'an object', p));
  const mt = p.maxTransmissions;
  if (typeof mt !== 'number' || !Number.isInteger(mt) || mt < 1 || mt > LATENCY_MAX_TRANSMISSIONS) {
    return leftInvalid('maxTransmissions', `an integer in 1..${LATENCY_MAX_TRANSMISSIONS}`, mt);
  }
  if (typeof p.deadlineMs !== 'number' || !(p.deadlineMs >= 0) || !Number.isFinite(p.deadlineMs)) {
    return leftInvalid('deadlineMs', 'a finite number >= 0', p.deadlineMs);
  }
  if (typeof p.errorAfter !== 'function') return leftInvalid('errorAfter', 'a function (transmissions) => error probability', p.errorAfter);
  const totals = latencyByTransmissions(p);
  if (E.isLeft(totals)) return totals;
  return E.right(deliveryFromTotals(totals.right, mt, p.deadlineMs, p.errorAfter));
}

/** Allocation-free kernel of `deliveryProbabilityWithin` over a `latencyByTransmissions` array. */
export function deliveryFromTotals(
  totalsMs: ArrayLike<number>,
  maxTransmissions: number,
  deadlineMs: number,
  errorAfter: (transmissions: number) => number,
): number {
  let tStar = 0;
  const n = Math.min(maxTransmissions, totalsMs.length);
  for (let t = 1; t <= n; t++) if ((totalsMs[t - 1] as number) <= deadlineMs + 1e-12) tStar = t;
  if (tStar === 0) return 0;
  const e = errorAfter(tStar);
  const eps = Number.isFinite(e) ? Math.min(1, Math.max(0, e)) : 1;
  return 1 - eps;
}

/**
 * `tryDeliveryProbabilityWithin` without the Either: the probability for valid input, the `PhyError`
 * itself for invalid input (never throws; `assertDeliveryProbabilityWithin` throws instead).
 */
export function deliveryProbabilityWithin(p: DeliveryInput): number | PhyError {
  const r = tryDeliveryProbabilityWithin(p);
  return E.isRight(r) ? r.right : r.left;
}

/** `tryDeliveryProbabilityWithin` for valid input; throws a RangeError with the PhyError message otherwise (by design). */
export function assertDeliveryProbabilityWithin(p: DeliveryInput): number {
  const r = tryDeliveryProbabilityWithin(p);
  if (E.isLeft(r)) throw new RangeError(r.left.message);
  return r.right;
}

/**
 * M.2412 / TR 37.910 expected latency with HARQ: Σ_t P(exactly t transmissions)·L(t) when each
 * transmission fails independently with probability `errorProbability` and at most
 * `maxTransmissions` are sent (the last one counted as delivered). With maxTransmissions = 2 this
 * is the evaluation's T0 + p·T_HARQ.
 */
export function expectedUserPlaneLatencyMs(
  p: Omit<UserPlaneLatencyInput, 'transmissions'>,
  errorProbability: number,
  maxTransmissions = 2,
): E.Either<PhyError, number> {
  if (typeof errorProbability !== 'number' || !(errorProbability >= 0 && errorProbability <= 1)) {
    return leftInvalid('errorProbability', 'a number in [0, 1]', errorProbability);
  }
  if (!Number.isInteger(maxTransmissions) || maxTransmissions < 1 || maxTransmissions > LATENCY_MAX_TRANSMISSIONS) {
    return leftInvalid('maxTransmissions', `an integer in 1..${LATENCY_MAX_TRANSMISSIONS}`, maxTransmissions);
  }
  const totals = latencyByTransmissions(p);
  if (E.isLeft(totals)) return totals;
  let sum = 0;
  let reach = 1;
  for (let t = 1; t <= maxTransmissions; t++) {
    const pt = t < maxTransmissions ? reach * (1 - errorProbability) : reach;
    sum += pt * (totals.right[t - 1] as number);
    reach *= errorProbability;
  }
  return E.right(sum);
}

// ---------------------------------------------------------------------------------------------
// Worked examples (spec/latency.md is generated from this; a test keeps them equal)

/** One row of the worked-example table. */
export interface LatencyExampleRow {
  /** Link direction, 'DL' or 'UL'. */
  readonly direction: Direction;
  /** UL grant type; '-' for DL rows. */
  readonly grant: GrantType | '-';
  /** TTI length in OFDM symbols (2, 4, 7 or 14). */
  readonly ttiSymbols: number;
  /** UE processing capability (1 or 2). */
  readonly ueCapability: UeCapability;
  /** Average-alignment latency in ms with one transmission. */
  readonly oneTxMs: number;
  /** Average-alignment latency in ms with two transmissions (one HARQ retransmission). */
  readonly twoTxMs: number;
  /** Expected latency in ms with per-transmission error probability 0.1 and at most 2 transmissions (M.2412 T0 + p·T_HARQ). */
  readonly expectedP01Ms: number;
  /** Worst-case-alignment latency in ms with one transmission. */
  readonly worstOneTxMs: number;
}

/** Worked examples: FDD, 30 kHz (μ = 1), TTI 2/4/7/14, capability 1 and 2, DL and UL (configured, sr, dynamic). */
export function latencyWorkedExamples(): LatencyExampleRow[] {
  const rows: LatencyExampleRow[] = [];
  const cases: Array<[Direction, GrantType]> = [['DL', 'dynamic'], ['UL', 'configured'], ['UL', 'sr'], ['UL', 'dynamic']];
  for (const [direction, grant] of cases) {
    for (const ueCapability of [1, 2] as const) {
      for (const ttiSymbols of [2, 4, 7, 14]) {
        const base = { direction, duplex: 'FDD' as const, mu: 1 as Mu, ttiSymbols, ueCapability, grant };
        const one = assertUserPlaneLatency({ ...base, transmissions: 1 }).totalMs;
        const two = assertUserPlaneLatency({ ...base, transmissions: 2 }).totalMs;
        const worst = assertUserPlaneLatency({ ...base, transmissions: 1, alignment: 'worst' }).totalMs;
        const exp = expectedUserPlaneLatencyMs(base, 0.1, 2);
        rows.push({
          direction,
          grant: direction === 'DL' ? '-' : grant,
          ttiSymbols,
          ueCapability,
          oneTxMs: one,
          twoTxMs: two,
          expectedP01Ms: E.isRight(exp) ? exp.right : 0,
          worstOneTxMs: worst,
        });
      }
    }
  }
  return rows;
}

/** The worked examples as a Markdown table (3 decimals, ms). */
export function latencyWorkedExamplesMarkdown(): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    '| dir | grant | TTI (symbols) | UE cap | 1 tx (ms) | 2 tx (ms) | p = 0.1, ≤ 2 tx (ms) | worst case, 1 tx (ms) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of latencyWorkedExamples()) {
    lines.push(`| ${r.direction} | ${r.grant} | ${r.ttiSymbols} | ${r.ueCapability} | ${f(r.oneTxMs)} | ${f(r.twoTxMs)} | ${f(r.expectedP01Ms)} | ${f(r.worstOneTxMs)} |`);
  }
  return lines.join('\n');
}

/** Used by tests to reach every (direction, grant) part list. */
export const LATENCY_DIRECTIONS = DIRECTIONS;
/** Every UL grant type ('dynamic', 'configured', 'sr'); used by tests. */
export const LATENCY_GRANTS = GRANTS;
