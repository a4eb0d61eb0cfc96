/**
 * NR modulation and coding scheme (MCS) tables.
 *
 * Implements TS 38.214 §5.1.3.1 Tables 5.1.3.1-1 (qam64), 5.1.3.1-2 (qam256), 5.1.3.1-3
 * (qam64LowSE), 5.1.3.1-4 (qam1024, Rel-17) and, for PUSCH with transform precoding,
 * §6.1.4.1 Tables 6.1.4.1-1 (qam64) and 6.1.4.1-2 (qam64LowSE), where the first rows use the
 * modulation order q = 1 when tp-pi2BPSK is configured and q = 2 otherwise. With transform
 * precoding and the qam256 table, Table 5.1.3.1-2 applies (§6.1.4.1). There is no 1024QAM
 * PUSCH table, so (qam1024, transformPrecoding) has no entries.
 *
 * Reserved indices (used only for retransmissions, where the TBS is inherited) give `none`
 * from `mcsEntry`; `mcsModulationOrder` still reports their modulation order.
 * See spec/mcs.md.
 */
import * as O from 'fp-ts/lib/Option.js';
import type { McsTableName } from '../core/types.js';

/** One row of an MCS table: modulation order Qm, target code rate R·1024, spectral efficiency. */
export interface McsEntry {
  /** Modulation order Qm (bits per symbol): 1 (π/2-BPSK), 2, 4, 6, 8 or 10. */
  readonly qm: number;
  /** Target code rate R × 1024 as printed in the spec (may end in .5, e.g. 682.5). */
  readonly rateX1024: number;
  /** Qm·R in bit/symbol, rounded half-up to 4 decimals exactly as the spec tables print it. */
  readonly spectralEfficiency: number;
}

/** Options selecting the PUSCH transform-precoding tables. */
export interface McsOptions {
  /** PUSCH with transform precoding (DFT-s-OFDM): Tables 6.1.4.1-1/-2 replace 5.1.3.1-1/-3. */
  readonly transformPrecoding?: boolean;
  /** tp-pi2BPSK configured: q = 1 (π/2-BPSK) in the first rows of Tables 6.1.4.1-x; else q = 2. */
  readonly tpPi2Bpsk?: boolean;
}

// Row encoding: [qm, rateX1024]; qm = 0 marks "q" (1 or 2) with rate given as q·R·1024 (divided by q
// when resolved); rate 0 marks a reserved index.
type Row = readonly [number, number];
const Q = 0;

/** TS 38.214 Table 5.1.3.1-1 (MCS index table 1, up to 64QAM). */
const T_QAM64: readonly Row[] = [
  [2, 120], [2, 157], [2, 193], [2, 251], [2, 308], [2, 379], [2, 449], [2, 526], [2, 602], [2, 679],
  [4, 340], [4, 378], [4, 434], [4, 490], [4, 553], [4, 616], [4, 658],
  [6, 438], [6, 466], [6, 517], [6, 567], [6, 616], [6, 666], [6, 719], [6, 772], [6, 822], [6, 873], [6, 910], [6, 948],
  [2, 0], [4, 0], [6, 0],
];
/** TS 38.214 Table 5.1.3.1-2 (MCS index table 2, up to 256QAM). */
const T_QAM256: readonly Row[] = [
  [2, 120], [2, 193], [2, 308], [2, 449], [2, 602],
  [4, 378], [4, 434], [4, 490], [4, 553], [4, 616], [4, 658],
  [6, 466], [6, 517], [6, 567], [6, 616], [6, 666], [6, 719], [6, 772], [6, 822], [6, 873],
  [8, 682.5], [8, 711], [8, 754], [8, 797], [8, 841], [8, 885], [8, 916.5], [8, 948],
  [2, 0], [4, 0], [6, 0], [8, 0],
];
/** TS 38.214 Table 5.1.3.1-3 (MCS index table 3, low spectral efficiency). */
const T_QAM64_LOWSE: readonly Row[] = [
  [2, 30], [2, 40], [2, 50], [2, 64], [2, 78], [2, 99], [2, 120], [2, 157], [2, 193], [2, 251], [2, 308], [2, 379],
  [2, 449], [2, 526], [2, 602],
  [4, 340], [4, 378], [4, 434], [4, 490], [4, 553], [4, 616],
  [6, 438], [6, 466], [6, 517], [6, 567], [6, 616], [6, 666], [6, 719], [6, 772],
  [2, 0], [4, 0], [6, 0],
];
/** TS 38.214 Table 5.1.3.1-4 (MCS index table 4, up to 1024QAM; Rel-17). */
const T_QAM1024: readonly Row[] = [
  [2, 120], [2, 193], [2, 449],
  [4, 378], [4, 490], [4, 616],
  [6, 466], [6, 517], [6, 567], [6, 616], [6, 666], [6, 719], [6, 772], [6, 822], [6, 873],
  [8, 682.5], [8, 711], [8, 754], [8, 797], [8, 841], [8, 885], [8, 916.5], [8, 948],
  [10, 805.5], [10, 853], [10, 900.5], [10, 948],
  [2, 0], [4, 0], [6, 0], [8, 0], [10, 0],
];
/** TS 38.214 Table 6.1.4.1-1 (PUSCH, transform precoding, up to 64QAM). */
const T_TP_QAM64: readonly Row[] = [
  [Q, 240], [Q, 314],
  [2, 193], [2, 251], [2, 308], [2, 379], [2, 449], [2, 526], [2, 602], [2, 679],
  [4, 340], [4, 378], [4, 434], [4, 490], [4, 553], [4, 616], [4, 658],
  [6, 466], [6, 517], [6, 567], [6, 616], [6, 666], [6, 719], [6, 772], [6, 822], [6, 873], [6, 910], [6, 948],
  [Q, 0], [2, 0], [4, 0], [6, 0],
];
/** TS 38.214 Table 6.1.4.1-2 (PUSCH, transform precoding, low spectral efficiency). */
const T_TP_QAM64_LOWSE: readonly Row[] = [
  [Q, 60], [Q, 80], [Q, 100], [Q, 128], [Q, 156], [Q, 198],
  [2, 120], [2, 157], [2, 193], [2, 251], [2, 308], [2, 379], [2, 449], [2, 526], [2, 602], [2, 679],
  [4, 378], [4, 434], [4, 490], [4, 553], [4, 616], [4, 658], [4, 699], [4, 772],
  [6, 567], [6, 616], [6, 666], [6, 772],
  [Q, 0], [2, 0], [4, 0], [6, 0],
];

/**
 * Resolved table variants (index = `mcsTableVariant(...)`):
 * 0 qam64, 1 qam256, 2 qam64LowSE, 3 qam1024, 4 TP qam64 q=2, 5 TP qam64 q=1,
 * 6 TP qam64LowSE q=2, 7 TP qam64LowSE q=1.
 */
const VARIANT_SOURCES: readonly (readonly [readonly Row[], number])[] = [
  [T_QAM64, 2], [T_QAM256, 2], [T_QAM64_LOWSE, 2], [T_QAM1024, 2],
  [T_TP_QAM64, 2], [T_TP_QAM64, 1], [T_TP_QAM64_LOWSE, 2], [T_TP_QAM64_LOWSE, 1],
];

/** Spec clause of each variant, for messages and docs. */
export const MCS_VARIANT_TABLES: readonly string[] = [
  'TS 38.214 Table 5.1.3.1-1', 'TS 38.214 Table 5.1.3.1-2', 'TS 38.214 Table 5.1.3.1-3', 'TS 38.214 Table 5.1.3.1-4',
  'TS 38.214 Table 6.1.4.1-1 (q=2)', 'TS 38.214 Table 6.1.4.1-1 (q=1)',
  'TS 38.214 Table 6.1.4.1-2 (q=2)', 'TS 38.214 Table 6.1.4.1-2 (q=1)',
];

const N_VARIANTS = VARIANT_SOURCES.length;
/** Flat Qm per (variant·32 + index); includes reserved rows. */
const QM = new Float64Array(N_VARIANTS * 32);
/** Flat R·1024 per (variant·32 + index); 0 for reserved rows. */
const RATE = new Float64Array(N_VARIANTS * 32);
/** Highest non-reserved index per variant. */
const MAX_INDEX = new Int32Array(N_VARIANTS);
const ENTRIES: O.Option<McsEntry>[] = [];

/** Qm·R rounded half-up to 4 decimals in exact integer arithmetic (SE = qm·(2R·1024)/2048). */
function spectralEfficiency4(qm: number, rateX1024: number): number {
  const num = qm * rateX1024 * 2; // integer
  return Math.floor((num * 10000 + 1024) / 2048) / 10000;
}

for (let v = 0; v < N_VARIANTS; v++) {
  const src = VARIANT_SOURCES[v];
  if (src === undefined) continue;
  const [rows, q] = src;
  let max = -1;
  for (let i = 0; i < 32; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    const qm = row[0] === Q ? q : row[0];
    const rate = row[0] === Q ? row[1] / q : row[1];
    QM[v * 32 + i] = qm;
    RATE[v * 32 + i] = rate;
    if (rate > 0) {
      max = i;
      ENTRIES[v * 32 + i] = O.some(Object.freeze({ qm, rateX1024: rate, spectralEfficiency: spectralEfficiency4(qm, rate) }));
    } else {
      ENTRIES[v * 32 + i] = O.none;
    }
  }
  MAX_INDEX[v] = max;
}

const BASE_NAMES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
/** Name length -> index into BASE_NAMES (-1: no table has that length). */
const LEN_TO_BASE = new Int8Array(16).fill(-1);
LEN_TO_BASE[5] = 0;
LEN_TO_BASE[6] = 1;
LEN_TO_BASE[10] = 2;
LEN_TO_BASE[7] = 3;
/**
 * Variant by (base·4 + 2·transformPrecoding + tpPi2Bpsk). Without transform precoding tp-pi2BPSK has
 * no effect; qam256 with transform precoding reads Table 5.1.3.1-2; no 1024QAM PUSCH table.
 */
const VARIANT_OF = Int8Array.from([0, 0, 4, 5, 1, 1, 1, 1, 2, 2, 6, 7, 3, 3, -1, -1]);

/**
 * Internal table-variant number for a table name and the transform-precoding options, or -1 when
 * the combination has no table (unknown name, or qam1024 with transform precoding).
 */
export function mcsTableVariant(table: McsTableName, transformPrecoding = false, tpPi2Bpsk = false): number {
  // Table lookups instead of a string switch: the four names have distinct lengths (5, 6, 10, 7),
  // so the length picks the candidate and one string comparison confirms it. This keeps the TBS
  // hot path free of unpredictable branches when the table name varies from call to call.
  if (typeof table !== 'string') return -1;
  const base = LEN_TO_BASE[table.length & 15] ?? -1;
  if (base < 0 || table !== BASE_NAMES[base]) return -1;
  return VARIANT_OF[base * 4 + (transformPrecoding ? 2 : 0) + (tpPi2Bpsk ? 1 : 0)] ?? -1;
}

/**
 * @internal Flat views of the tables for the TBS hot path (src/nr/tbs.ts), which inlines the
 * lookups instead of calling through functions. Read-only by convention; not part of the API.
 */
export const MCS_FLAT_TABLES = {
  qm: QM,
  rateX1024: RATE,
  maxIndex: MAX_INDEX,
  lenToBase: LEN_TO_BASE,
  baseNames: BASE_NAMES,
  variantOf: VARIANT_OF,
} as const;

/** Qm of a resolved variant and index (hot path; no validation; includes reserved rows). */
export function mcsVariantQm(variant: number, index: number): number {
  return QM[variant * 32 + index] ?? 0;
}

/** R·1024 of a resolved variant and index (hot path; no validation; 0 for reserved rows). */
export function mcsVariantRateX1024(variant: number, index: number): number {
  return RATE[variant * 32 + index] ?? 0;
}

/** Highest non-reserved index of a resolved variant, or -1. */
export function mcsVariantMaxIndex(variant: number): number {
  return variant >= 0 && variant < N_VARIANTS ? (MAX_INDEX[variant] ?? -1) : -1;
}

/**
 * The MCS table row for `index` (TS 38.214 §5.1.3.1, §6.1.4.1): `some({ qm, rateX1024,
 * spectralEfficiency })`, or `none` for reserved indices, indices outside 0..31, non-integers,
 * unknown tables and (qam1024 with transform precoding).
 */
export function mcsEntry(table: McsTableName, index: number, opts?: McsOptions): O.Option<McsEntry> {
  const v = mcsTableVariant(table, opts?.transformPrecoding === true, opts?.tpPi2Bpsk === true);
  if (v < 0 || !Number.isInteger(index) || index < 0 || index > 31) return O.none;
  return ENTRIES[v * 32 + index] ?? O.none;
}

/** Highest non-reserved MCS index (28, 27, 28, 26; 27 for the PUSCH transform-precoding tables); -1 if no table. */
export function maxMcsIndex(table: McsTableName, opts?: McsOptions): number {
  return mcsVariantMaxIndex(mcsTableVariant(table, opts?.transformPrecoding === true, opts?.tpPi2Bpsk === true));
}

/** All non-reserved MCS indices of a table, ascending (0..maxMcsIndex). */
export function mcsIndices(table: McsTableName, opts?: McsOptions): number[] {
  const max = maxMcsIndex(table, opts);
  const out: number[] = [];
  for (let i = 0; i <= max; i++) out.push(i);
  return out;
}

/**
 * Modulation order of any index 0..31 including the reserved ones (which a retransmission uses
 * to signal Qm only, the TBS being inherited). `none` outside 0..31 or for a missing table.
 */
export function mcsModulationOrder(table: McsTableName, index: number, opts?: McsOptions): O.Option<number> {
  const v = mcsTableVariant(table, opts?.transformPrecoding === true, opts?.tpPi2Bpsk === true);
  if (v < 0 || !Number.isInteger(index) || index < 0 || index > 31) return O.none;
  return O.some(mcsVariantQm(v, index));
}

/** The spec table that `mcsEntry` reads for these arguments (e.g. `TS 38.214 Table 6.1.4.1-2 (q=1)`), or none. */
export function mcsTableClause(table: McsTableName, opts?: McsOptions): O.Option<string> {
  const v = mcsTableVariant(table, opts?.transformPrecoding === true, opts?.tpPi2Bpsk === true);
  const s = MCS_VARIANT_TABLES[v];
  return s === undefined ? O.none : O.some(s);
}
