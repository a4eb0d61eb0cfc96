/**
 * NR transport block size (TBS) determination, TS 38.214 §5.1.3.2 (PDSCH) and §6.1.4.2 (PUSCH),
 * in exact integer arithmetic.
 *
 * N_info = S·N_RE·R·Qm·υ is never formed as a float. With R = rateX1024/1024 and S = s4/4
 * (s4 ∈ {4, 2, 1}), P = N_RE·(2·rateX1024)·Qm·υ·s4 is an integer and N_info = P / 2^13
 * exactly (2·rateX1024 is an integer even for 682.5, 916.5, 805.5, 900.5). Every step below is
 * a power-of-two shift, a comparison or a small integer division of P, all exact in IEEE doubles
 * because P < 2^35. In particular:
 *  - the step-3/step-4 test is `P <= 3824·2^13` (no flooring of N_info before the test: the
 *    OpenAirInterface pitfall), and
 *  - step 4 rounds (N_info − 24)/2^n half up: floor((Q + 2^(n+12)) / 2^(n+13)), Q = P − 24·2^13.
 * See spec/tbs.md for the equations, worked examples and the pitfalls of public stacks.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';
import type { McsTableName } from '../core/types.js';
import { ALLOCATION_SYMBOLS, intRangeText } from '../core/ranges.js';
import { MCS_FLAT_TABLES, MCS_VARIANT_TABLES, mcsTableVariant, mcsVariantMaxIndex } from './mcs.js';

const T_QM = MCS_FLAT_TABLES.qm;
const T_RATE = MCS_FLAT_TABLES.rateX1024;
const T_MAX = MCS_FLAT_TABLES.maxIndex;
const T_LEN = MCS_FLAT_TABLES.lenToBase;
const T_NAMES = MCS_FLAT_TABLES.baseNames;
const T_VARIANT = MCS_FLAT_TABLES.variantOf;

/** TS 38.214 Table 5.1.3.2-1: the 93 TBS values for N_info ≤ 3824. */
export const TBS_TABLE: readonly number[] = Object.freeze([
  24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160, 168, 176, 184, 192, 208, 224, 240,
  256, 272, 288, 304, 320, 336, 352, 368, 384, 408, 432, 456, 480, 504, 528, 552, 576, 608, 640, 672, 704, 736, 768,
  808, 848, 888, 928, 984, 1032, 1064, 1128, 1160, 1192, 1224, 1256, 1288, 1320, 1352, 1416, 1480, 1544, 1608, 1672,
  1736, 1800, 1864, 1928, 2024, 2088, 2152, 2216, 2280, 2408, 2472, 2536, 2600, 2664, 2728, 2792, 2856, 2976, 3104,
  3240, 3368, 3496, 3624, 3752, 3824,
]);

/** Largest n_PRB of one allocation (275 PRBs, TS 38.214 / TS 38.101 maximum). */
export const MAX_TBS_PRB = 275;

/** 3824·2^13: N_info ≤ 3824 ⟺ P ≤ this. */
const STEP3_LIMIT = 3824 * 8192;
/** 24·2^13. */
const P24 = 24 * 8192;
/** 2^-k for k = 0..63 (exact doubles): multiplying by them is an exact division by 2^k. */
const INV_POW2 = new Float64Array(64).map((_, k) => 2 ** -k);
const INV_POW2_13 = 2 ** -13;

/**
 * Lookup for step 3: N'_info is a multiple of 8 in 24..3824, so LUT[N'_info / 8] is the smallest
 * table entry ≥ N'_info.
 */
const STEP3_LUT = new Uint16Array(3824 / 8 + 1);
{
  let j = 0;
  for (let i = 0; i < STEP3_LUT.length; i++) {
    const need = i * 8;
    while ((TBS_TABLE[j] ?? 3824) < need) j++;
    STEP3_LUT[i] = TBS_TABLE[j] ?? 3824;
  }
}

/**
 * TBS hot kernel (TS 38.214 §5.1.3.2 steps 2–4): no validation, no allocation.
 *
 * @param nRe total N_RE = min(156, N'_RE)·n_PRB (a positive integer)
 * @param qm modulation order Qm
 * @param rateX1024 target code rate R·1024 (a multiple of 0.5)
 * @param nLayers υ, layers of the codeword
 * @param scaling TB scaling S ∈ {1, 0.5, 0.25} (Table 5.1.3.2-2)
 * @returns TBS in bits (0 when N_info ≤ 0, which valid input never produces)
 */
export function tbsFromRe(nRe: number, qm: number, rateX1024: number, nLayers: number, scaling = 1): number {
  // P = N_info · 2^13, an exact integer (< 2^35 for every valid input).
  const p = nRe * (rateX1024 * 2) * qm * nLayers * (scaling * 4);
  if (!(p > 0)) return 0;
  if (p <= STEP3_LIMIT) {
    // Step 3: n = max(3, floor(log2 N_info) − 6); N'_info = max(24, 2^n·floor(N_info/2^n)).
    // P < 2^25 here, so int32 shifts are exact.
    let n = 12 - Math.clz32(p); // floor(log2 P) − 13 − 6 = (31 − clz32(P)) − 19
    if (n < 3) n = 3;
    let ni = (p >>> (n + 13)) << n;
    if (ni < 24) ni = 24;
    return STEP3_LUT[ni >>> 3] ?? 3824;
  }
  // Step 4: n = floor(log2(N_info − 24)) − 5; N'_info = max(3840, 2^n·round_half_up((N_info − 24)/2^n)).
  // q = (N_info − 24)·2^13. floor(N_info − 24) = floor(q/2^13) < 2^31 has the same floor(log2) as
  // N_info − 24 (which is > 3800), so clz32 gives n exactly. Then (N_info − 24)/2^(n−1) lies in
  // [64, 128): k2 = floor(q/2^(n+12)) is a small integer and round_half_up(t) = floor(t + 1/2) =
  // floor((k2 + 1)/2) for t = (N_info − 24)/2^n. Multiplying by 2^-k is exact, so `| 0` floors exactly.
  const q = p - P24;
  const n = 26 - Math.clz32((q * INV_POW2_13) | 0);
  const k2 = (q * (INV_POW2[n + 12] ?? 0)) | 0;
  let ni = ((k2 + 1) >> 1) << n;
  if (ni < 3840) ni = 3840;
  const x = ni + 24;
  if (rateX1024 <= 256) {
    // R ≤ 1/4: C = ceil((N'_info + 24)/3816); TBS = 8C·ceil((N'_info + 24)/(8C)) − 24.
    const c8 = 8 * Math.ceil(x / 3816);
    return c8 * Math.ceil(x / c8) - 24;
  }
  if (ni > 8424) {
    const c8 = 8 * Math.ceil(x / 8424);
    return c8 * Math.ceil(x / c8) - 24;
  }
  return ((x + 7) & ~7) - 24;
}

/**
 * N'_RE per PRB = 12·N_symb^sh − N_DMRS^PRB − N_oh^PRB (TS 38.214 §5.1.3.2 step 1), before the 156 cap.
 * No validation; may be ≤ 0 for invalid allocations.
 */
export function rePerPrbPrime(nSymbols: number, nDmrsRePerPrb: number, nOverheadRePerPrb: number): number {
  return 12 * nSymbols - nDmrsRePerPrb - nOverheadRePerPrb;
}

/** Total N_RE = min(156, N'_RE)·n_PRB (step 1); no validation. */
export function totalRe(nPrb: number, nSymbols: number, nDmrsRePerPrb: number, nOverheadRePerPrb: number): number {
  const r = 12 * nSymbols - nDmrsRePerPrb - nOverheadRePerPrb;
  return (r < 156 ? r : 156) * nPrb;
}

/** Parameters of `transportBlockSize` (TS 38.214 §5.1.3.2 / §6.1.4.2). */
export interface TbsParams {
  /** MCS table (TS 38.214 Tables 5.1.3.1-1..4; with transformPrecoding, Tables 6.1.4.1-1/-2). */
  readonly mcsTable: McsTableName;
  /** I_MCS; reserved indices are rejected (their TBS is inherited from the initial transmission). */
  readonly mcs: number;
  /** n_PRB, allocated PRBs, 1..275. */
  readonly nPrb: number;
  /** N_symb^sh, symbols of the PDSCH/PUSCH allocation in the slot, 1..14. */
  readonly nSymbols: number;
  /** N_DMRS^PRB: DM-RS REs per PRB over the allocation, including CDM groups without data. */
  readonly nDmrsRePerPrb: number;
  /** N_oh^PRB: xOverhead (0, 6, 12 or 18 in the spec; any integer ≥ 0 accepted). */
  readonly nOverheadRePerPrb: number;
  /** υ, layers of the codeword, 1..4 (1 with transform precoding). */
  readonly nLayers: number;
  /** TB scaling S of Table 5.1.3.2-2 (PDSCH with P-/RA-/MsgB-RNTI); 1 otherwise. */
  readonly scaling: 1 | 0.5 | 0.25;
  /** PUSCH with transform precoding (§6.1.4.2 with Tables 6.1.4.1-1/-2); single layer. */
  readonly transformPrecoding?: boolean;
  /** tp-pi2BPSK configured (q = 1 in Tables 6.1.4.1-x); requires transformPrecoding. */
  readonly tpPi2Bpsk?: boolean;
}

function isInt(x: unknown, min: number, max: number): boolean {
  return typeof x === 'number' && x >= min && x <= max && Math.floor(x) === x;
}

function left(field: string, expected: string, got: unknown): E.Either<PhyError, number> {
  return E.left(invalidInput(field, expected, got));
}

/** Slow path: build the Left naming the first offending field (only called on invalid input). */
function tbsError(p: TbsParams): E.Either<PhyError, number> {
  if (typeof p !== 'object' || p === null) return left('p', 'an object of TBS parameters', p);
  const tp = p.transformPrecoding;
  const pi2 = p.tpPi2Bpsk;
  if (tp !== undefined && typeof tp !== 'boolean') return left('transformPrecoding', 'a boolean', tp);
  if (pi2 !== undefined && typeof pi2 !== 'boolean') return left('tpPi2Bpsk', 'a boolean', pi2);
  if (pi2 === true && tp !== true) return left('tpPi2Bpsk', 'false unless transformPrecoding is true (tp-pi2BPSK applies to DFT-s-OFDM PUSCH only)', pi2);
  const v = mcsTableVariant(p.mcsTable, tp === true, pi2 === true);
  if (v < 0) {
    return tp === true && p.mcsTable === 'qam1024'
      ? left('mcsTable', "one of 'qam64', 'qam256', 'qam64LowSE' with transformPrecoding (no 1024QAM PUSCH table)", p.mcsTable)
      : left('mcsTable', "one of 'qam64', 'qam256', 'qam64LowSE', 'qam1024'", p.mcsTable);
  }
  const max = mcsVariantMaxIndex(v);
  if (!isInt(p.mcs, 0, max)) {
    const reserved = isInt(p.mcs, max + 1, 31) ? ' (higher indices are reserved: retransmissions inherit the TBS)' : '';
    return left('mcs', `an integer in 0..${max} for ${MCS_VARIANT_TABLES[v] ?? p.mcsTable}${reserved}`, p.mcs);
  }
  if (!isInt(p.nPrb, 1, MAX_TBS_PRB)) return left('nPrb', `an integer in 1..${MAX_TBS_PRB}`, p.nPrb);
  if (!isInt(p.nSymbols, ALLOCATION_SYMBOLS.min, ALLOCATION_SYMBOLS.max)) return left('nSymbols', intRangeText(ALLOCATION_SYMBOLS), p.nSymbols);
  if (!isInt(p.nDmrsRePerPrb, 0, 168)) return left('nDmrsRePerPrb', 'an integer in 0..168', p.nDmrsRePerPrb);
  if (!isInt(p.nOverheadRePerPrb, 0, 168)) return left('nOverheadRePerPrb', 'an integer in 0..168 (xOverhead: 0, 6, 12 or 18)', p.nOverheadRePerPrb);
  const maxLayers = tp === true ? 1 : 4;
  if (!isInt(p.nLayers, 1, maxLayers)) {
    return left('nLayers', tp === true ? 'exactly 1 with transformPrecoding (DFT-s-OFDM is single-layer)' : 'an integer in 1..4 (layers per codeword)', p.nLayers);
  }
  if (p.scaling !== 1 && p.scaling !== 0.5 && p.scaling !== 0.25) {
    return left('scaling', 'one of 1, 0.5, 0.25 (TS 38.214 Table 5.1.3.2-2)', p.scaling);
  }
  if (tp === true && p.scaling !== 1) {
    return left('scaling', '1 with transformPrecoding (TB scaling exists for PDSCH only)', p.scaling);
  }
  const re = 12 * p.nSymbols - p.nDmrsRePerPrb - p.nOverheadRePerPrb;
  if (re <= 0) {
    const field = p.nDmrsRePerPrb >= 12 * p.nSymbols ? 'nDmrsRePerPrb' : 'nOverheadRePerPrb';
    return left(
      field,
      `a value leaving N'_RE = 12·nSymbols − nDmrsRePerPrb − nOverheadRePerPrb ≥ 1 (12·nSymbols = ${12 * p.nSymbols}, nDmrsRePerPrb = ${p.nDmrsRePerPrb}, nOverheadRePerPrb = ${p.nOverheadRePerPrb}: no data REs)`,
      field === 'nDmrsRePerPrb' ? p.nDmrsRePerPrb : p.nOverheadRePerPrb,
    );
  }
  return left('p', 'valid TBS parameters', p);
}

/**
 * Transport block size in bits (TS 38.214 §5.1.3.2 for PDSCH, §6.1.4.2 for PUSCH), exact.
 * `Left` names the offending field and the allowed range for: unknown table, reserved or
 * out-of-range MCS, nPrb outside 1..275, nSymbols outside 1..14, negative or non-integer
 * DM-RS/overhead REs, N'_RE ≤ 0, nLayers outside 1..4 (or > 1 with transform precoding),
 * scaling not in {1, 0.5, 0.25} (or ≠ 1 with transform precoding), tpPi2Bpsk without transform
 * precoding.
 */
export function transportBlockSize(p: TbsParams): E.Either<PhyError, number> {
  // Fast path. Written to be branch-free where inputs vary from call to call (transform precoding,
  // tp-pi2BPSK, scaling): booleans are combined with `+` and bitwise operators instead of && / ||,
  // so a mixed workload does not pay branch mispredictions. Any doubt falls through to tbsError,
  // which builds the message naming the field.
  if (typeof p === 'object' && p !== null) {
    const tpRaw = p.transformPrecoding;
    const pi2Raw = p.tpPi2Bpsk;
    const tpI = +(tpRaw === true);
    const pi2I = +(pi2Raw === true);
    // each flag absent or boolean; tp-pi2BPSK only with transform precoding
    const flagsOk =
      (tpI | +(tpRaw === false) | +(tpRaw === undefined)) &
      (pi2I | +(pi2Raw === false) | +(pi2Raw === undefined)) &
      (1 ^ (pi2I & (1 ^ tpI)));
    const s = p.scaling;
    // S ∈ {1, 0.5, 0.25}; only S = 1 with transform precoding (PUSCH)
    const scalingOk = +(s === 1) | ((+(s === 0.5) | +(s === 0.25)) & (1 ^ tpI));
    // mcsTableVariant, inlined (see mcs.ts): name length -> base table, one string comparison.
    const table = p.mcsTable;
    let v = -1;
    if (typeof table === 'string') {
      const base = T_LEN[table.length & 15] ?? -1;
      if (base >= 0 && table === T_NAMES[base]) v = T_VARIANT[base * 4 + 2 * tpI + pi2I] ?? -1;
    }
    const mcs = p.mcs;
    const nPrb = p.nPrb;
    const nSymbols = p.nSymbols;
    const dmrs = p.nDmrsRePerPrb;
    const oh = p.nOverheadRePerPrb;
    const layers = p.nLayers;
    // typeof first: arithmetic on an arbitrary object could call its toString/valueOf (or throw).
    // Then (x | 0) === x holds exactly for int32 numbers (false for NaN, ±Infinity and fractions),
    // and ((x − lo) >>> 0) < n is an unsigned range check.
    if (
      typeof mcs === 'number' && typeof nPrb === 'number' && typeof nSymbols === 'number' &&
      typeof dmrs === 'number' && typeof oh === 'number' && typeof layers === 'number' &&
      (flagsOk & scalingOk) === 1 &&
      v >= 0 &&
      (mcs | 0) === mcs && mcs >>> 0 <= (T_MAX[v] ?? -1) &&
      (nPrb | 0) === nPrb && (nPrb - 1) >>> 0 < MAX_TBS_PRB &&
      (nSymbols | 0) === nSymbols && (nSymbols - 1) >>> 0 < 14 &&
      (dmrs | 0) === dmrs && dmrs >>> 0 <= 168 &&
      (oh | 0) === oh && oh >>> 0 <= 168 &&
      (layers | 0) === layers && (layers - 1) >>> 0 < 4 - 3 * tpI &&
      12 * nSymbols - dmrs - oh > 0
    ) {
      const re = 12 * nSymbols - dmrs - oh;
      const k = v * 32 + mcs;
      return E.right(tbsFromRe((re < 156 ? re : 156) * nPrb, T_QM[k] ?? 0, T_RATE[k] ?? 0, layers, s));
    }
  }
  return tbsError(p);
}
