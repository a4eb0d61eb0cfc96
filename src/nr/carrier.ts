/**
 * NR carrier and allocation facts:
 *  - maximum transmission bandwidth N_RB per channel bandwidth and SCS, FR1 (TS 38.101-1
 *    Table 5.3.2-1) and FR2-1 (TS 38.101-2 Table 5.3.2-1);
 *  - valid PDSCH/PUSCH time-domain allocations (S, L) per mapping type, TS 38.214 Tables
 *    5.1.2.1-1 and 6.1.2.1-1 (Rel-16 and later: PDSCH type B L = 2..13 with normal CP), and SLIV;
 *  - DM-RS resource elements per PRB (the N_DMRS^PRB input of the TBS, TS 38.214 §5.1.3.2):
 *    subcarriers per CDM group (TS 38.211 §7.4.1.1.2 / §6.4.1.1.3: 6 for type 1, 4 for type 2)
 *    × CDM groups without data × DM-RS symbols, the symbol count following the position tables
 *    7.4.1.1.2-3/-4 (PDSCH) and 6.4.1.1.3-3/-4 (PUSCH).
 * See spec/carrier.md for the simplifications.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';
import type { FrequencyRange, MappingType } from '../core/types.js';

type NrbRow = readonly (readonly [number, number])[];

/** TS 38.101-1 Table 5.3.2-1 (FR1): [bandwidthMHz, N_RB] per SCS in kHz. */
const FR1_NRB: Readonly<Record<number, NrbRow>> = {
  15: [[5, 25], [10, 52], [15, 79], [20, 106], [25, 133], [30, 160], [35, 188], [40, 216], [45, 242], [50, 270]],
  30: [[5, 11], [10, 24], [15, 38], [20, 51], [25, 65], [30, 78], [35, 92], [40, 106], [45, 119], [50, 133], [60, 162],
    [70, 189], [80, 217], [90, 245], [100, 273]],
  60: [[10, 11], [15, 18], [20, 24], [25, 31], [30, 38], [35, 44], [40, 51], [45, 58], [50, 65], [60, 79], [70, 93],
    [80, 107], [90, 121], [100, 135]],
};

/** TS 38.101-2 Table 5.3.2-1 (FR2-1): [bandwidthMHz, N_RB] per SCS in kHz. */
const FR2_NRB: Readonly<Record<number, NrbRow>> = {
  60: [[50, 66], [100, 132], [200, 264]],
  120: [[50, 32], [100, 66], [200, 132], [400, 264]],
};

function rowsFor(fr: FrequencyRange, scsKHz: number): NrbRow {
  const t = fr === 'FR1' ? FR1_NRB : FR2_NRB;
  return Object.prototype.hasOwnProperty.call(t, scsKHz) ? (t[scsKHz] ?? []) : [];
}

function lookup(fr: FrequencyRange, bandwidthMHz: number, scsKHz: number): number {
  for (const [bw, n] of rowsFor(fr, scsKHz)) if (bw === bandwidthMHz) return n;
  return -1;
}

/** Channel bandwidths (MHz) with a defined N_RB for this frequency range and SCS, ascending; [] if none. */
export function channelBandwidthsMHz(fr: FrequencyRange, scsKHz: number): number[] {
  return rowsFor(fr, scsKHz).map(([bw]) => bw);
}

/** Subcarrier spacings (kHz) tabulated for a frequency range: FR1 15/30/60, FR2-1 60/120. */
export function carrierScsKHz(fr: FrequencyRange): number[] {
  return fr === 'FR1' ? [15, 30, 60] : fr === 'FR2-1' ? [60, 120] : [];
}

/**
 * Maximum transmission bandwidth N_RB (TS 38.101-1/-2 Table 5.3.2-1). 60 kHz exists in both
 * FR1 and FR2-1 with different values at 50 and 100 MHz (65/66, 135/132): without `fr`, FR1 is
 * used when the bandwidth is an FR1 one, else FR2-1. Left names `scsKHz`, `bandwidthMHz` or `fr`.
 */
export function maxPrb(bandwidthMHz: number, scsKHz: number, fr?: FrequencyRange): E.Either<PhyError, number> {
  if (fr !== undefined && fr !== 'FR1' && fr !== 'FR2-1') return E.left(invalidInput('fr', "one of 'FR1', 'FR2-1'", fr));
  const ranges: readonly FrequencyRange[] = fr === undefined ? ['FR1', 'FR2-1'] : [fr];
  const scsOk = ranges.some((r) => carrierScsKHz(r).includes(scsKHz));
  if (!scsOk) {
    const allowed = fr === undefined ? '15, 30, 60 (FR1) or 60, 120 (FR2-1)' : carrierScsKHz(fr).join(', ');
    return E.left(invalidInput('scsKHz', `one of ${allowed}`, scsKHz));
  }
  for (const r of ranges) {
    const n = lookup(r, bandwidthMHz, scsKHz);
    if (n > 0) return E.right(n);
  }
  const bws = ranges.flatMap((r) => channelBandwidthsMHz(r, scsKHz).map((b) => `${b}`));
  return E.left(invalidInput('bandwidthMHz', `one of ${[...new Set(bws)].join(', ')} MHz for ${scsKHz} kHz SCS${fr ? ` in ${fr}` : ''}`, bandwidthMHz));
}

/** DM-RS configuration for `dmrsRePerPrb`. */
export interface DmrsRePerPrbConfig {
  /** dmrs-Type: 1 (6 subcarriers per CDM group per symbol, 2 groups) or 2 (4 subcarriers, 3 groups). */
  readonly type: 1 | 2;
  /** Number of DM-RS CDM groups without data (1..2 for type 1, 1..3 for type 2; clamped). */
  readonly cdmGroupsWithoutData: 1 | 2 | 3;
  /** dmrs-AdditionalPosition (0..3; with double-symbol DM-RS only 0..1 exist, higher values act as 1). */
  readonly additionalPositions: 0 | 1 | 2 | 3;
  /** maxLength / number of front-loaded symbols: 1 (single) or 2 (double-symbol DM-RS). */
  readonly maxLength: 1 | 2;
  /**
   * Duration l_d in symbols (default 14): for mapping type A the span from the slot start to the last
   * PDSCH/PUSCH symbol; for type B the allocation length L.
   */
  readonly nSymbols?: number;
  /** Mapping type (default 'A'). */
  readonly mappingType?: MappingType;
  /** Position tables of the PDSCH (TS 38.211 7.4.1.1.2) or PUSCH (6.4.1.1.3); default 'pdsch'. */
  readonly channel?: 'pdsch' | 'pusch';
}

/**
 * Maximum number of DM-RS positions l̄ for a duration l_d (single-symbol tables; the count is then
 * min(1 + additionalPositions, cap)). Type A (PDSCH and PUSCH): 1 below 8, 2 for 8–9, 3 for 10–11,
 * 4 from 12. Type B PDSCH: 1 up to 4, 2 for 5–7, 3 for 8–10, 4 from 11. Type B PUSCH: 1 up to 4,
 * 2 for 5–7, 3 for 8–9, 4 from 10. (TS 38.211 V18.7.0 Tables 7.4.1.1.2-3 and 6.4.1.1.3-3.)
 */
function singleSymbolCap(ld: number, mappingType: MappingType, channel: 'pdsch' | 'pusch'): number {
  if (mappingType === 'A') return ld < 8 ? 1 : ld < 10 ? 2 : ld < 12 ? 3 : 4;
  if (ld <= 4) return 1;
  if (ld <= 7) return 2;
  if (channel === 'pdsch') return ld <= 10 ? 3 : 4;
  return ld <= 9 ? 3 : 4;
}

/** Double-symbol tables 7.4.1.1.2-4 / 6.4.1.1.3-4: a second (double) position from l_d = 10 (type A) or 8 (type B). */
function doubleSymbolCap(ld: number, mappingType: MappingType): number {
  return mappingType === 'A' ? (ld < 10 ? 1 : 2) : ld < 8 ? 1 : 2;
}

/** `x` when it is a finite number, else `fallback` (no coercion of arbitrary values). */
function finiteOr(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/** Number of OFDM symbols carrying DM-RS in the allocation (positions × 1 or 2), never more than l_d. */
export function dmrsSymbolCount(cfg: DmrsRePerPrbConfig): number {
  const ld = Math.max(1, Math.min(14, Math.floor(finiteOr(cfg.nSymbols, 14))));
  const mt: MappingType = cfg.mappingType === 'B' ? 'B' : 'A';
  const ch = cfg.channel === 'pusch' ? 'pusch' : 'pdsch';
  const add = Math.max(0, Math.min(3, Math.floor(finiteOr(cfg.additionalPositions, 0))));
  const n = cfg.maxLength === 2
    ? 2 * Math.min(1 + Math.min(add, 1), doubleSymbolCap(ld, mt))
    : Math.min(1 + add, singleSymbolCap(ld, mt, ch));
  return Math.min(n, ld);
}

/**
 * N_DMRS^PRB: resource elements per PRB taken by DM-RS, counting the CDM groups without data
 * (REs of those groups carry no data even if no port of the UE uses them), TS 38.214 §5.1.3.2.
 * = (6 for type 1 | 4 for type 2) × cdmGroupsWithoutData × dmrsSymbolCount(cfg).
 * Example: type 1, 2 CDM groups, single symbol, pos1, 14 symbols type A -> 12·2 = 24.
 */
export function dmrsRePerPrb(cfg: DmrsRePerPrbConfig): number {
  const perGroup = cfg.type === 2 ? 4 : 6;
  const maxGroups = cfg.type === 2 ? 3 : 2;
  const groups = Math.max(1, Math.min(maxGroups, Math.floor(finiteOr(cfg.cdmGroupsWithoutData, 1))));
  return perGroup * groups * dmrsSymbolCount(cfg);
}

/** A validated time-domain allocation. */
export interface TimeAllocation {
  /** Physical channel the allocation is for: PDSCH (downlink) or PUSCH (uplink). */
  readonly channel: 'pdsch' | 'pusch';
  /** Mapping type (TS 38.214 §5.1.2.1 / §6.1.2.1): A = slot based, B = mini-slot. */
  readonly mappingType: MappingType;
  /** S, first symbol relative to the slot start (0..13 normal CP). */
  readonly startSymbol: number;
  /** L, number of consecutive allocated OFDM symbols. */
  readonly lengthSymbols: number;
  /** S + L − 1 (may exceed the slot for PUSCH repetition type B). */
  readonly lastSymbol: number;
  /** Start and length indicator value (TS 38.214 §5.1.2.1 / §6.1.2.1), or null when S + L > 14. */
  readonly sliv: number | null;
}

/** Parameters of `validTimeAllocation`. */
export interface TimeAllocationParams {
  /** Physical channel: 'pdsch' (TS 38.214 Table 5.1.2.1-1) or 'pusch' (Table 6.1.2.1-1). */
  readonly channel: 'pdsch' | 'pusch';
  /** Mapping type A (slot based) or B (mini-slot). */
  readonly mappingType: MappingType;
  /** S, first symbol relative to the slot start (type A/B PDSCH, PUSCH). */
  readonly startSymbol: number;
  /** L, number of consecutive symbols. */
  readonly lengthSymbols: number;
  /** Extended cyclic prefix (12 symbols per slot); default false (normal CP, 14 symbols). */
  readonly extendedCp?: boolean;
  /** dmrs-TypeA-Position (default 2); PDSCH type A may start at S = 3 only when it is 3. */
  readonly dmrsTypeAPosition?: 2 | 3;
  /** PUSCH repetition type B: S + L may reach 27 (normal CP) / 23 (extended CP). */
  readonly repetitionTypeB?: boolean;
}

interface SlRule {
  readonly s: readonly [number, number];
  readonly l: readonly number[];
  readonly sl: readonly [number, number];
  readonly clause: string;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function rule(p: TimeAllocationParams): SlRule {
  const ext = p.extendedCp === true;
  if (p.channel === 'pdsch') {
    const clause = 'TS 38.214 Table 5.1.2.1-1';
    if (p.mappingType === 'A') {
      const sMax = p.dmrsTypeAPosition === 3 ? 3 : 2;
      return ext ? { s: [0, sMax], l: range(3, 12), sl: [3, 12], clause } : { s: [0, sMax], l: range(3, 14), sl: [3, 14], clause };
    }
    return ext ? { s: [0, 10], l: [2, 4, 6], sl: [2, 12], clause } : { s: [0, 12], l: range(2, 13), sl: [2, 14], clause };
  }
  const clause = 'TS 38.214 Table 6.1.2.1-1';
  if (p.mappingType === 'A') return ext ? { s: [0, 0], l: range(4, 12), sl: [4, 12], clause } : { s: [0, 0], l: range(4, 14), sl: [4, 14], clause };
  const repB = p.repetitionTypeB === true;
  return ext
    ? { s: [0, 11], l: range(1, 12), sl: [1, repB ? 23 : 12], clause }
    : { s: [0, 13], l: range(1, 14), sl: [1, repB ? 27 : 14], clause };
}

function listText(xs: readonly number[]): string {
  const contiguous = xs.every((x, i) => i === 0 || x === (xs[i - 1] ?? 0) + 1);
  return contiguous && xs.length > 2 ? `${xs[0]}..${xs[xs.length - 1]}` : `{${xs.join(', ')}}`;
}

/**
 * Check a PDSCH/PUSCH (S, L) against TS 38.214 Table 5.1.2.1-1 / 6.1.2.1-1 (Rel-16+):
 * PDSCH A: S 0..3 (3 only with dmrs-TypeA-Position 3), L 3..14, S+L 3..14 (ext CP: L 3..12, S+L ≤ 12);
 * PDSCH B: S 0..12, L 2..13, S+L 2..14 (ext CP: S 0..10, L ∈ {2,4,6}, S+L ≤ 12);
 * PUSCH A: S 0, L 4..14 (ext 4..12); PUSCH B: S 0..13, L 1..14, S+L ≤ 14 or ≤ 27 with repetition type B
 * (ext CP: S 0..11, L 1..12, S+L ≤ 12 or 23). Left names `channel`, `mappingType`, `startSymbol` or `lengthSymbols`.
 */
export function validTimeAllocation(p: TimeAllocationParams): E.Either<PhyError, TimeAllocation> {
  if (p.channel !== 'pdsch' && p.channel !== 'pusch') return E.left(invalidInput('channel', "one of 'pdsch', 'pusch'", p.channel));
  if (p.mappingType !== 'A' && p.mappingType !== 'B') return E.left(invalidInput('mappingType', "one of 'A', 'B'", p.mappingType));
  const r = rule(p);
  const s = p.startSymbol;
  const l = p.lengthSymbols;
  const ctx = `${p.channel.toUpperCase()} mapping type ${p.mappingType}, ${p.extendedCp === true ? 'extended' : 'normal'} CP (${r.clause})`;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < r.s[0] || s > r.s[1]) {
    const note = p.channel === 'pdsch' && p.mappingType === 'A' && s === 3 ? '; S = 3 needs dmrsTypeAPosition: 3' : '';
    return E.left(invalidInput('startSymbol', `an integer in ${r.s[0]}..${r.s[1]} for ${ctx}${note}`, s));
  }
  if (typeof l !== 'number' || !Number.isInteger(l) || !r.l.includes(l)) {
    return E.left(invalidInput('lengthSymbols', `one of ${listText(r.l)} for ${ctx}`, l));
  }
  if (s + l < r.sl[0] || s + l > r.sl[1]) {
    return E.left(invalidInput('lengthSymbols', `a length with startSymbol + lengthSymbols in ${r.sl[0]}..${r.sl[1]} for ${ctx} (startSymbol = ${s})`, l));
  }
  const sliv = s + l <= 14 ? (l - 1 <= 7 ? 14 * (l - 1) + s : 14 * (14 - l + 1) + (14 - 1 - s)) : null;
  return E.right({ channel: p.channel, mappingType: p.mappingType, startSymbol: s, lengthSymbols: l, lastSymbol: s + l - 1, sliv });
}
