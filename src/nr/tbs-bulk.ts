/**
 * Bulk, validated transport block sizes for stack use (issue 18, target 5): TS 38.214 §5.1.3.2
 * (PDSCH) and §6.1.4.2 (PUSCH), the same exact integer procedure as `transportBlockSize`
 * (src/nr/tbs.ts, spec/tbs.md), over many configurations packed in one `Int32Array`.
 *
 * A row is 6 int32 `[mcs, nPrb, nSymbols, nDmrsRePerPrb, nOverheadRePerPrb, nLayers]` with TB
 * scaling S = 1 and one MCS table (and transform-precoding options) for the whole array. Every row
 * is checked against exactly the rules of `transportBlockSize`; a row that breaks one gets −1 and
 * `explainInvalidTbsRows` gives the `PhyError` that `transportBlockSize` would return for it.
 *
 * The loop reads the rows and writes the output array only: no object, no string, no `Either`
 * per row. The per-table products Qm·(2·R·1024)·4 are precomputed once, at module load, so
 * P = N_info·2^13 = N_RE·[Qm·2R·1024·S·4]·υ is one multiplication chain, exact in doubles
 * (P < 2^35); steps 3–4 follow `tbsFromRe` (tbs.ts), inlined in the loop.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';
import type { McsTableName } from '../core/types.js';
import { MCS_FLAT_TABLES, mcsTableVariant } from './mcs.js';
import { MAX_TBS_PRB, TBS_TABLE, transportBlockSize, type TbsParams } from './tbs.js';

/** Integers per row of the bulk input. */
export const TBS_ROW_INTS = 6;

/** Options of the bulk calls: the PUSCH transform-precoding tables (TS 38.214 Tables 6.1.4.1-1/-2). */
export interface TbsBulkOptions {
  /** PUSCH with transform precoding (single layer). */
  readonly transformPrecoding?: boolean;
  /** tp-pi2BPSK configured; requires transformPrecoding. */
  readonly tpPi2Bpsk?: boolean;
}

/** One invalid row: its index (row number, not int offset) and the error `transportBlockSize` gives for it. */
export interface TbsRowError {
  readonly row: number;
  readonly error: PhyError;
}

const T_QM = MCS_FLAT_TABLES.qm;
const T_RATE = MCS_FLAT_TABLES.rateX1024;
const T_MAX = MCS_FLAT_TABLES.maxIndex;

/** 3824·2^13 and 24·2^13 (see tbs.ts). */
const STEP3_LIMIT = 3824 * 8192;
const P24 = 24 * 8192;
const INV_POW2 = new Float64Array(64).map((_, k) => 2 ** -k);
const INV_POW2_13 = 2 ** -13;
/** Step 3 lookup: smallest Table 5.1.3.2-1 entry ≥ N'_info, indexed by N'_info / 8. */
const STEP3_LUT = new Int32Array(3824 / 8 + 1);
{
  let j = 0;
  for (let i = 0; i < STEP3_LUT.length; i++) {
    while ((TBS_TABLE[j] ?? 3824) < i * 8) j++;
    STEP3_LUT[i] = TBS_TABLE[j] ?? 3824;
  }
}
/** Qm·(2·R·1024)·(S·4) with S = 1, per (variant·32 + index); 0 for reserved rows. */
const QR4 = new Float64Array(T_QM.length);
for (let k = 0; k < QR4.length; k++) QR4[k] = (T_QM[k] ?? 0) * (T_RATE[k] ?? 0) * 2 * 4;
/** 1 where R ≤ 1/4 (R·1024 ≤ 256: the step-4 branch with C = ceil(x/3816)), per (variant·32 + index). */
const LOW_RATE = Uint8Array.from(T_RATE, (rate) => (rate <= 256 ? 1 : 0));

function flagsValid(opts: TbsBulkOptions | undefined): boolean {
  if (opts === undefined) return true;
  if (typeof opts !== 'object' || opts === null) return false;
  const tp = opts.transformPrecoding;
  const pi2 = opts.tpPi2Bpsk;
  return (tp === undefined || typeof tp === 'boolean') && (pi2 === undefined || typeof pi2 === 'boolean') && !(pi2 === true && tp !== true);
}

/** Variant of the whole call, or -1 when the table/options are invalid (every row then gets −1). */
function bulkVariant(mcsTable: McsTableName, opts: TbsBulkOptions | undefined): number {
  if (!flagsValid(opts)) return -1;
  return mcsTableVariant(mcsTable, opts?.transformPrecoding === true, opts?.tpPi2Bpsk === true);
}

/**
 * Like `transportBlockSizes`, writing into `out` (allocation-free): `out[r]` is the TBS in bits of
 * row r or −1 when row r is invalid. Rows: `ceil(rows.length / 6)`; a trailing partial row is
 * invalid. Returns the number of invalid rows, or −1 (writing nothing) when `rows` is not an
 * `Int32Array` or `out` is not an `Int32Array` with room for every row.
 */
export function transportBlockSizesInto(
  mcsTable: McsTableName,
  rows: Int32Array,
  out: Int32Array,
  opts?: TbsBulkOptions,
): number {
  if (!(rows instanceof Int32Array) || !(out instanceof Int32Array)) return -1;
  const nFull = (rows.length / TBS_ROW_INTS) | 0;
  const nRows = Math.ceil(rows.length / TBS_ROW_INTS);
  if (out.length < nRows) return -1;
  const v = bulkVariant(mcsTable, opts);
  if (v < 0) {
    out.fill(-1, 0, nRows);
    return nRows;
  }
  const maxMcs = T_MAX[v]!;
  const maxLayers = opts?.transformPrecoding === true ? 1 : 4;
  const base = v * 32;
  let bad = 0;
  for (let r = 0, o = 0; r < nFull; r++, o += TBS_ROW_INTS) {
    const mcs = rows[o]!;
    const nPrb = rows[o + 1]!;
    const nSymbols = rows[o + 2]!;
    const dmrs = rows[o + 3]!;
    const oh = rows[o + 4]!;
    const layers = rows[o + 5]!;
    // Same rules as transportBlockSize (int32 inputs are integers; unsigned compares are ranges).
    const re = 12 * nSymbols - dmrs - oh;
    if (
      mcs >>> 0 > maxMcs ||
      (nPrb - 1) >>> 0 >= MAX_TBS_PRB ||
      (nSymbols - 1) >>> 0 >= 14 ||
      dmrs >>> 0 > 168 ||
      oh >>> 0 > 168 ||
      (layers - 1) >>> 0 >= maxLayers ||
      re <= 0
    ) {
      out[r] = -1;
      bad++;
      continue;
    }
    // Steps 2–4 of §5.1.3.2 on P = N_info·2^13, as `tbsFromRe` in tbs.ts (inlined: one write per row).
    const k = base + mcs;
    const p = (re < 156 ? re : 156) * nPrb * QR4[k]! * layers;
    if (p <= STEP3_LIMIT) {
      // Step 3 (P < 2^25: int32 shifts are exact).
      let n = 12 - Math.clz32(p);
      if (n < 3) n = 3;
      let ni = (p >>> (n + 13)) << n;
      if (ni < 24) ni = 24;
      out[r] = STEP3_LUT[ni >>> 3]!;
      continue;
    }
    // Step 4: N'_info = max(3840, 2^n·round_half_up((N_info − 24)/2^n)), n = floor(log2(N_info − 24)) − 5.
    const q = p - P24;
    const n = 26 - Math.clz32((q * INV_POW2_13) | 0);
    const k2 = (q * INV_POW2[n + 12]!) | 0;
    let ni = ((k2 + 1) >> 1) << n;
    if (ni < 3840) ni = 3840;
    const x = ni + 24;
    if (LOW_RATE[k] === 1) {
      // R ≤ 1/4: C = ceil((N'_info + 24)/3816); TBS = 8C·ceil((N'_info + 24)/(8C)) − 24.
      const c8 = 8 * Math.ceil(x / 3816);
      out[r] = c8 * Math.ceil(x / c8) - 24;
    } else if (ni > 8424) {
      const c8 = 8 * Math.ceil(x / 8424);
      out[r] = c8 * Math.ceil(x / c8) - 24;
    } else out[r] = ((x + 7) & ~7) - 24;
  }
  if (nRows > nFull) {
    out[nFull] = -1;
    bad++;
  }
  return bad;
}

/**
 * Transport block sizes in bits of many configurations at once (TS 38.214 §5.1.3.2 / §6.1.4.2,
 * exact), validated row by row with the rules of `transportBlockSize`. `rows` packs 6 int32 per
 * configuration `[mcs, nPrb, nSymbols, nDmrsRePerPrb, nOverheadRePerPrb, nLayers]` (TB scaling 1);
 * the result has one int32 per row: the TBS, or −1 for an invalid row (see `explainInvalidTbsRows`).
 * An unknown table (or invalid options) makes every row invalid. A trailing partial row is invalid.
 * Not an `Int32Array`: an empty result.
 */
export function transportBlockSizes(mcsTable: McsTableName, rows: Int32Array, opts?: TbsBulkOptions): Int32Array {
  if (!(rows instanceof Int32Array)) return new Int32Array(0);
  const out = new Int32Array(Math.ceil(rows.length / TBS_ROW_INTS));
  transportBlockSizesInto(mcsTable, rows, out, opts);
  return out;
}

/** The `TbsParams` of row r (scaling 1). */
function rowParams(mcsTable: McsTableName, rows: Int32Array, r: number, opts: TbsBulkOptions | undefined): TbsParams {
  const o = r * TBS_ROW_INTS;
  const tp = opts?.transformPrecoding;
  const pi2 = opts?.tpPi2Bpsk;
  return {
    mcsTable, mcs: rows[o]!, nPrb: rows[o + 1]!, nSymbols: rows[o + 2]!, nDmrsRePerPrb: rows[o + 3]!,
    nOverheadRePerPrb: rows[o + 4]!, nLayers: rows[o + 5]!, scaling: 1,
    ...(tp !== undefined ? { transformPrecoding: tp } : {}), ...(pi2 !== undefined ? { tpPi2Bpsk: pi2 } : {}),
  };
}

/**
 * Why rows of `transportBlockSizes(mcsTable, rows, opts)` are −1: one entry per invalid row, in row
 * order, each with the `PhyError` that `transportBlockSize` returns for that configuration (a
 * trailing partial row: field `rows`). `Left` when `rows` is not an `Int32Array` or `opts` is not
 * an object. Slow path (allocates); call it only when `transportBlockSizes` returned a −1.
 */
export function explainInvalidTbsRows(
  mcsTable: McsTableName,
  rows: Int32Array,
  opts?: TbsBulkOptions,
): E.Either<PhyError, readonly TbsRowError[]> {
  if (!(rows instanceof Int32Array)) return E.left(invalidInput('rows', 'an Int32Array of 6 integers per row', rows));
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    return E.left(invalidInput('opts', 'an object { transformPrecoding?, tpPi2Bpsk? } or undefined', opts));
  }
  const nFull = (rows.length / TBS_ROW_INTS) | 0;
  const errors: TbsRowError[] = [];
  for (let r = 0; r < nFull; r++) {
    const t = transportBlockSize(rowParams(mcsTable, rows, r, opts));
    if (E.isLeft(t)) errors.push({ row: r, error: t.left });
  }
  if (rows.length > nFull * TBS_ROW_INTS) {
    errors.push({
      row: nFull,
      error: invalidInput('rows', `a length that is a multiple of ${TBS_ROW_INTS} (row ${nFull} has ${rows.length - nFull * TBS_ROW_INTS} of ${TBS_ROW_INTS} integers)`, rows.length),
    });
  }
  return E.right(errors);
}
