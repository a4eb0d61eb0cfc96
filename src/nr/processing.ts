/**
 * UE processing times Tproc,1 (PDSCH decoding → HARQ-ACK) and Tproc,2 (PDCCH → PUSCH preparation).
 *
 * Implements 3GPP TS 38.214 §5.3 (Tables 5.3-1 and 5.3-2: N1 for UE processing capability 1 and 2,
 * the dmrs-AdditionalPosition columns, N1,0 = 13 or 14, the d1,1 rules for PDSCH mapping types A
 * and B) and §6.4 (Tables 6.4-1 and 6.4-2: N2, d2,1). Times convert with the unit
 * (2048 + 144)·κ·2^-μ·Tc of TS 38.214 (κ = 64, Tc from TS 38.211 §4.1). The terms d2, d3, d4,
 * d2,2, Text and Tswitch are 0 here (no priority overlap, no dmrs-TypeEnh, single TB, no BWP
 * switch, licensed spectrum, no UL Tx switching). See spec/processing.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { FrequencyRange, MappingType, Mu, UeCapability } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid, showValue, unsupported } from '../core/errors.js';
import { KAPPA, TC_PER_MS, parseMu } from './numerology.js';

/** Input of `processingTimeSymbols`. Fields other than mu/capability/channel are optional. */
export interface ProcessingTimeInput {
  /** Numerology index μ (0..6; μ = 4 has no row; capability 2 only for μ 0..2). */
  readonly mu: Mu;
  /** UE processing capability 1 or 2 (TS 38.214 §5.3, §6.4). */
  readonly capability: UeCapability;
  /** 'pdsch': PDSCH processing time N1 (TS 38.214 §5.3); 'pusch': PUSCH preparation time N2 (§6.4). */
  readonly channel: 'pdsch' | 'pusch';
  /**
   * PDSCH only: dmrs-AdditionalPosition of the DMRS-DownlinkConfig (0 = 'pos0', front-loaded DMRS
   * only). Default 0 (the ITU-R M.2412 / TR 37.910 evaluation assumption). Note: in RRC an absent
   * field means pos2, which TS 38.214 puts in the "≠ pos0 or none configured" column: pass 1..3 for it.
   */
  readonly dmrsAdditionalPosition?: 0 | 1 | 2 | 3;
  /** PDSCH, μ = 0, additional DMRS: true when the additional DM-RS sits at l1 = 12 (N1,0 = 14, else 13). */
  readonly additionalDmrsAtSymbol12?: boolean;
  /** PDSCH mapping type for d1,1. Absent: d1,1 = 0. */
  readonly mappingType?: MappingType;
  /** PDSCH mapping type B: allocated length L (2..13). Required for type B. */
  readonly lengthSymbols?: number;
  /** PDSCH mapping type A: index i (0..13) of the last PDSCH symbol in the slot. Default 13 (d1,1 = 0). */
  readonly lastSymbol?: number;
  /** PDSCH mapping type B: number d of symbols where the scheduling PDCCH overlaps the PDSCH (0..3). Default 0. */
  readonly pdcchOverlapSymbols?: number;
  /** PDSCH type B, capability 2, L = 2: the PDCCH is in a 3-symbol CORESET starting on the PDSCH's first symbol (d1,1 = 3). */
  readonly coreset3SymbolsSameStart?: boolean;
  /** PUSCH: the first PUSCH symbol carries DM-RS only (d2,1 = 0, else 1). Default true (evaluation assumption). */
  readonly firstSymbolDmrsOnly?: boolean;
  /** Frequency range; capability 2 at μ = 2 is defined for FR1 only. Default FR1 for μ ≤ 2, FR2-1 above. */
  readonly frequencyRange?: FrequencyRange;
}

/** A processing time: N (+ d terms) in symbols, and in µs / ms via the (2048+144)·κ·2^-μ·Tc unit. */
export interface ProcessingTime {
  /** N + d, in OFDM symbols (N1 + d1,1 for PDSCH, N2 + d2,1 for PUSCH). */
  readonly symbols: number;
  /** `symbols` in µs, each symbol (2048+144)·κ·2^-μ·Tc long. */
  readonly us: number;
  /** `symbols` in ms (same unit as `us`). */
  readonly ms: number;
  /** Table value N1 or N2. */
  readonly nSymbols: number;
  /** d1,1 (PDSCH) or d2,1 (PUSCH). */
  readonly dSymbols: number;
}

// Table rows indexed by μ; NaN-free: -1 marks "no row".
/** TS 38.214 Table 5.3-1, column dmrs-AdditionalPosition = pos0. */
const N1_CAP1_POS0 = [8, 10, 17, 20, -1, 80, 160] as const;
/** TS 38.214 Table 5.3-1, column ≠ pos0 / none configured (μ = 0 holds N1,0 = 13; 14 when l1 = 12). */
const N1_CAP1_ADD = [13, 13, 20, 24, -1, 96, 192] as const;
/** TS 38.214 Table 5.3-2 (pos0 only; μ = 2 for FR1 only). */
const N1_CAP2 = [3, 4.5, 9, -1, -1, -1, -1] as const;
/** TS 38.214 Table 6.4-1. */
const N2_CAP1 = [10, 12, 23, 36, -1, 144, 288] as const;
/** TS 38.214 Table 6.4-2 (μ = 2 for FR1 only). */
const N2_CAP2 = [5, 5.5, 11, -1, -1, -1, -1] as const;

/** μ values that have rows in Tables 5.3-1 / 6.4-1 (capability 1). */
export const PROCESSING_MU_CAP1: readonly Mu[] = [0, 1, 2, 3, 5, 6];
/** μ values that have rows in Tables 5.3-2 / 6.4-2 (capability 2, FR1). */
export const PROCESSING_MU_CAP2: readonly Mu[] = [0, 1, 2];

/** Length of the Tproc symbol unit (2048+144)·κ·2^-μ in Tc. */
export function procSymbolTc(mu: Mu): number {
  return ((2048 + 144) * KAPPA) / 2 ** mu;
}

/** Length of the Tproc symbol unit (2048+144)·κ·2^-μ·Tc in ms. */
export function procSymbolMs(mu: Mu): number {
  return procSymbolTc(mu) / TC_PER_MS;
}

/**
 * Plain-number table lookup for hot paths (no validation, no allocation): N1 (PDSCH) or N2 (PUSCH)
 * in symbols, or -1 where the table has no row. `additionalDmrs` selects the ≠ pos0 column of
 * Table 5.3-1 (ignored for PUSCH; capability 2 has no such column → -1).
 */
export function processingTableSymbols(mu: Mu, capability: UeCapability, channel: 'pdsch' | 'pusch', additionalDmrs = false): number {
  if (channel === 'pusch') return (capability === 1 ? N2_CAP1 : N2_CAP2)[mu] ?? -1;
  if (capability === 2) return additionalDmrs ? -1 : (N1_CAP2[mu] ?? -1);
  return (additionalDmrs ? N1_CAP1_ADD : N1_CAP1_POS0)[mu] ?? -1;
}

function isIntIn(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** d1,1 of TS 38.214 §5.3 for the given (validated) PDSCH allocation. */
function d11(p: ProcessingTimeInput): E.Either<PhyError, number> {
  if (p.mappingType === undefined) return E.right(0);
  if (p.mappingType === 'A') {
    const i = p.lastSymbol ?? 13;
    if (!isIntIn(i, 2, 13)) return leftInvalid('lastSymbol', 'an integer in 2..13 (last PDSCH symbol of a type A allocation)', i);
    return E.right(i < 7 ? 7 - i : 0);
  }
  if (p.mappingType !== 'B') return leftInvalid('mappingType', 'one of "A", "B"', p.mappingType);
  const L = p.lengthSymbols;
  if (!isIntIn(L, 2, 13)) {
    return leftInvalid('lengthSymbols', 'an integer in 2..13 (PDSCH mapping type B, normal CP, TS 38.214 Table 5.1.2.1-1)', L);
  }
  const d = p.pdcchOverlapSymbols ?? 0;
  if (!isIntIn(d, 0, Math.min(3, L))) {
    return leftInvalid('pdcchOverlapSymbols', `an integer in 0..${Math.min(3, L)} (symbols of the scheduling PDCCH overlapping the PDSCH)`, d);
  }
  if (L >= 7) return E.right(0);
  if (p.capability === 1) {
    if (L >= 4) return E.right(7 - L);
    if (L === 3) return E.right(3 + Math.min(d, 1));
    return E.right(3 + d);
  }
  if (L >= 3) return E.right(d);
  return E.right(p.coreset3SymbolsSameStart === true ? 3 : d);
}

function done(mu: Mu, n: number, d: number): ProcessingTime {
  const symbols = n + d;
  const tc = symbols * procSymbolTc(mu);
  return { symbols, us: (tc * 1000) / TC_PER_MS, ms: tc / TC_PER_MS, nSymbols: n, dSymbols: d };
}

/**
 * UE processing time in symbols, µs and ms: Tproc,1 = (N1 + d1,1)·unit for 'pdsch' and
 * Tproc,2 = (N2 + d2,1)·unit for 'pusch', unit = (2048+144)·κ·2^-μ·Tc (other d terms 0).
 * Left when μ = 4 (no table row), capability 2 outside μ 0..2 / FR1, capability 2 with
 * additional DMRS, or any field outside its allowed values (the message names the field).
 */
export function processingTimeSymbols(p: ProcessingTimeInput): E.Either<PhyError, ProcessingTime> {
  const muE = parseMu(p.mu);
  if (E.isLeft(muE)) return muE;
  const mu = muE.right;
  if (p.capability !== 1 && p.capability !== 2) return leftInvalid('capability', 'one of 1, 2 (UE processing capability)', p.capability);
  if (p.channel !== 'pdsch' && p.channel !== 'pusch') return leftInvalid('channel', 'one of "pdsch", "pusch"', p.channel);
  const table = p.channel === 'pdsch' ? (p.capability === 1 ? '5.3-1' : '5.3-2') : p.capability === 1 ? '6.4-1' : '6.4-2';
  if (p.capability === 1 && mu === 4) {
    return E.left(
      unsupported('mu', `TS 38.214 Table ${table} has no row for mu = 4 (240 kHz carries no PDSCH/PUSCH); allowed: 0, 1, 2, 3, 5, 6`),
    );
  }
  if (p.capability === 2 && mu > 2) {
    return E.left(
      unsupported('mu', `UE processing capability 2 (TS 38.214 Table ${table}) is defined only for mu = 0, 1, 2; got mu = ${mu}`),
    );
  }
  const fr = p.frequencyRange ?? (mu <= 2 ? 'FR1' : 'FR2-1');
  if (fr !== 'FR1' && fr !== 'FR2-1') return leftInvalid('frequencyRange', 'one of "FR1", "FR2-1"', fr);
  if (p.capability === 2 && fr !== 'FR1') {
    return E.left(unsupported('frequencyRange', `UE processing capability 2 (TS 38.214 Table ${table}) is defined for FR1 only; got ${showValue(fr)}`));
  }
  if (p.channel === 'pusch') {
    const dmrsOnly = p.firstSymbolDmrsOnly ?? true;
    if (typeof dmrsOnly !== 'boolean') return leftInvalid('firstSymbolDmrsOnly', 'a boolean', dmrsOnly);
    return E.right(done(mu, processingTableSymbols(mu, p.capability, 'pusch'), dmrsOnly ? 0 : 1));
  }
  const pos = p.dmrsAdditionalPosition ?? 0;
  if (pos !== 0 && pos !== 1 && pos !== 2 && pos !== 3) {
    return leftInvalid('dmrsAdditionalPosition', 'one of 0, 1, 2, 3 (pos0..pos3)', pos);
  }
  if (p.capability === 2 && pos !== 0) {
    return E.left(
      unsupported('dmrsAdditionalPosition', `UE processing capability 2 (TS 38.214 Table 5.3-2) is defined only for pos0 (0); got ${pos}`),
    );
  }
  let n = processingTableSymbols(mu, p.capability, 'pdsch', pos !== 0);
  if (p.capability === 1 && mu === 0 && pos !== 0 && p.additionalDmrsAtSymbol12 === true) n = 14;
  const dE = d11(p);
  if (E.isLeft(dE)) return dE;
  return E.right(done(mu, n, dE.right));
}
