/**
 * Scheduler resource grid: a carrier with one or more bandwidth parts (BWPs), each with its own
 * numerology (TS 38.211 §4.2, §4.4.5), time in OFDM symbols and frequency in PRBs, FDD or TDD
 * (a slot pattern such as 'DDDSU' in the spirit of TS 38.213 §11.1 tdd-UL-DL-ConfigurationCommon)
 * and a control overhead (the first `controlSymbols` symbols of every downlink slot carry the
 * PDCCH CORESET and are never granted to data).
 *
 * Time base: the "base symbol" is the OFDM symbol of the finest numerology among the BWPs
 * (average symbol length, slotMs/14; the exact normal-CP lengths of TS 38.211 §5.3.1 are
 * ignored). One simulator tick = one slot of that numerology = 14 base symbols. A BWP of
 * numerology mu has symbols `ratio = 2^(muMax - mu)` base symbols long.
 *
 * BWPs occupy disjoint frequency ranges of the carrier, so each BWP is an independent grid. In FDD
 * each BWP has a DL plane and an UL plane (paired spectrum); in TDD one plane whose symbols carry
 * a direction ('D', 'U' or guard).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, Duplex, Mu } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { intInRange, leftInvalid } from '../core/errors.js';
import { inconsistentLink } from '../classes/link.js';
import { DEFAULT_SPECIAL_SLOT, DEFAULT_TDD_PATTERN, isSpecialSlotFormat, symbolDirection, type SpecialSlotFormat } from '../nr/slotPattern.js';

/** One bandwidth part: numerology and size in PRBs. */
export interface SchedulerBwp {
  /** Name of the BWP, used to refer to it from service classes and in results. */
  readonly id: string;
  /** Numerology mu (0..6): subcarrier spacing 15·2^mu kHz, slot 1/2^mu ms (TS 38.211 §4.2). */
  readonly mu: Mu;
  /** Width in PRBs (1..275; TS 38.211 §4.4.4.1). */
  readonly nPrb: number;
}

/** Symbols of a TDD special slot 'S': downlink, guard, uplink (sum 14); the slot model's type (nr/slotPattern). */
export type SpecialSlotSymbols = SpecialSlotFormat;

/** The carrier as the scheduler sees it. */
export interface SchedulerCarrier {
  /** 'FDD' (paired spectrum: separate DL and UL planes) or 'TDD' (one plane, directions from `tddPattern`). */
  readonly duplex: Duplex;
  /** TDD only: slot pattern over 'D', 'U', 'S', repeated (e.g. 'DDDSU'). */
  readonly tddPattern?: string;
  /** Numerology in which the pattern's slots are counted; default the smallest BWP mu. */
  readonly tddPatternMu?: Mu;
  /** TDD only: symbol split of the 'S' slots; default nr/slotPattern DEFAULT_SPECIAL_SLOT. */
  readonly specialSlot?: SpecialSlotSymbols;
  /** PDCCH symbols at the start of every slot that begins in the downlink (0..3). */
  readonly controlSymbols: number;
  /** Bandwidth parts (at least one), on disjoint frequency ranges of the carrier. */
  readonly bwps: readonly SchedulerBwp[];
}

/** Symbol kinds in the compiled tables. */
export const SYM_DL = 0;
/** Uplink symbol. */
export const SYM_UL = 1;
/** Guard symbol (TDD switching gap or mixed-direction symbol of a coarser BWP): never usable. */
export const SYM_GUARD = 2;
/** A downlink symbol reserved for the PDCCH (not usable for data). */
export const SYM_CONTROL = 3;

/** A BWP after compilation. */
export interface CompiledBwp {
  /** BWP name, as in `SchedulerBwp.id`. */
  readonly id: string;
  /** Numerology mu (0..6) of this BWP. */
  readonly mu: Mu;
  /** Width in PRBs (1..275). */
  readonly nPrb: number;
  /** Base symbols per own symbol. */
  readonly ratio: number;
  /** Base symbols per own slot (14·ratio). */
  readonly slotBaseSymbols: number;
  /** Own slots in one pattern period. */
  readonly periodSlots: number;
  /** For FDD: 1 row for DL (with control), UL all usable. For TDD: kind of each own symbol over the period. */
  readonly symbolKind: Uint8Array;
}

/** A validated carrier with per-BWP symbol tables (result of `compileGrid`). */
export interface CompiledGrid {
  /** 'FDD' or 'TDD', as in the carrier description. */
  readonly duplex: Duplex;
  /** Finest numerology among the BWPs; defines the base symbol and the tick. */
  readonly muMax: Mu;
  /** Duration of one base symbol in ms. */
  readonly baseSymbolMs: number;
  /** Duration of one tick (slot of muMax) in ms. */
  readonly tickMs: number;
  /** 2 for FDD (DL and UL planes), 1 for TDD. */
  readonly planes: 1 | 2;
  /** PDCCH symbols (0..3) at the start of every slot that begins in the downlink. */
  readonly controlSymbols: number;
  /** Compiled BWPs, in the order of the carrier description. */
  readonly bwps: readonly CompiledBwp[];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Validate and compile a carrier description. */
export function compileGrid(c: SchedulerCarrier): E.Either<PhyError, CompiledGrid> {
  if (c.bwps.length === 0) return leftInvalid('carrier.bwps', 'at least one bandwidth part', c.bwps);
  const ctrl = intInRange('carrier.controlSymbols', c.controlSymbols, 0, 3);
  if (E.isLeft(ctrl)) return ctrl;
  for (let i = 0; i < c.bwps.length; i++) {
    const b = c.bwps[i]!;
    const m = intInRange(`carrier.bwps[${i}].mu`, b.mu, 0, 6);
    if (E.isLeft(m)) return m;
    const n = intInRange(`carrier.bwps[${i}].nPrb`, b.nPrb, 1, 275);
    if (E.isLeft(n)) return n;
  }
  const muMax = Math.max(...c.bwps.map((b) => b.mu)) as Mu;
  const muMin = Math.min(...c.bwps.map((b) => b.mu)) as Mu;
  const tickMs = 1 / 2 ** muMax;
  const baseSymbolMs = tickMs / 14;
  // Direction of each base symbol over the TDD pattern period.
  let baseKinds: Uint8Array | null = null;
  if (c.duplex === 'TDD') {
    const pattern = c.tddPattern ?? DEFAULT_TDD_PATTERN;
    if (!/^[DUS]+$/.test(pattern)) return leftInvalid('carrier.tddPattern', "a string of 'D', 'U', 'S'", pattern);
    const refMu = c.tddPatternMu ?? muMin;
    if (refMu > muMax) return leftInvalid('carrier.tddPatternMu', `a numerology <= ${muMax} (the finest BWP)`, refMu);
    const sp = c.specialSlot ?? DEFAULT_SPECIAL_SLOT;
    if (!isSpecialSlotFormat(sp)) {
      return leftInvalid('carrier.specialSlot', 'dl + guard + ul = 14, each >= 0', sp);
    }
    const r = 2 ** (muMax - refMu);
    baseKinds = new Uint8Array(pattern.length * 14 * r);
    for (let s = 0; s < pattern.length; s++) {
      for (let l = 0; l < 14; l++) {
        const dir = symbolDirection(pattern[s] as string, l, sp);
        const kind = dir === 'D' ? SYM_DL : dir === 'U' ? SYM_UL : SYM_GUARD;
        for (let k = 0; k < r; k++) baseKinds[(s * 14 + l) * r + k] = kind;
      }
    }
  } else {
    const inconsistent = inconsistentLink({ duplex: c.duplex, tddPattern: c.tddPattern }); // FDD with a pattern: the one message
    if (inconsistent !== null) return E.left(inconsistent);
  }
  const bwps: CompiledBwp[] = c.bwps.map((b) => {
    const ratio = 2 ** (muMax - b.mu);
    const slotBase = 14 * ratio;
    if (baseKinds === null) {
      // FDD: one slot describes the DL plane (control at the start); UL plane is all usable.
      const kinds = new Uint8Array(14);
      for (let l = 0; l < 14; l++) kinds[l] = l < c.controlSymbols ? SYM_CONTROL : SYM_DL;
      return { id: b.id, mu: b.mu, nPrb: b.nPrb, ratio, slotBaseSymbols: slotBase, periodSlots: 1, symbolKind: kinds };
    }
    const periodBase = (baseKinds.length * slotBase) / gcd(baseKinds.length, slotBase);
    const periodSlots = periodBase / slotBase;
    const kinds = new Uint8Array(periodSlots * 14);
    for (let s = 0; s < periodSlots; s++) {
      for (let l = 0; l < 14; l++) {
        const b0 = (s * 14 + l) * ratio;
        const first = baseKinds[b0 % baseKinds.length]!;
        let kind = first;
        for (let k = 1; k < ratio; k++) if (baseKinds[(b0 + k) % baseKinds.length] !== first) kind = SYM_GUARD;
        kinds[s * 14 + l] = kind;
      }
      // Control symbols at the start of slots that begin in the downlink.
      if (kinds[s * 14] === SYM_DL) {
        for (let l = 0; l < c.controlSymbols && kinds[s * 14 + l] === SYM_DL; l++) kinds[s * 14 + l] = SYM_CONTROL;
      }
    }
    return { id: b.id, mu: b.mu, nPrb: b.nPrb, ratio, slotBaseSymbols: slotBase, periodSlots, symbolKind: kinds };
  });
  return E.right({
    duplex: c.duplex,
    muMax,
    baseSymbolMs,
    tickMs,
    planes: c.duplex === 'FDD' ? 2 : 1,
    controlSymbols: c.controlSymbols,
    bwps,
  });
}

/** Is own symbol `l` of own slot `slot` of BWP `b` usable for data in `dir`? */
export function symbolUsable(g: CompiledGrid, b: CompiledBwp, slot: number, l: number, dir: 0 | 1): boolean {
  if (g.planes === 2) return dir === SYM_UL ? true : b.symbolKind[l] === SYM_DL;
  return b.symbolKind[(slot % b.periodSlots) * 14 + l] === dir;
}

/** Plane index of a direction on this grid. */
export function planeOf(g: CompiledGrid, dir: 0 | 1): number {
  return g.planes === 2 ? dir : 0;
}

/** First own symbol s >= from such that [s, s+len) are all usable in `dir`; -1 if none in this slot. */
export function findRun(g: CompiledGrid, b: CompiledBwp, slot: number, dir: 0 | 1, len: number, from: number): number {
  let run = 0;
  for (let l = from; l < 14; l++) {
    if (symbolUsable(g, b, slot, l, dir)) {
      run++;
      if (run === len) return l - len + 1;
    } else run = 0;
  }
  return -1;
}

/** Data resource elements (symbol x PRB cells) available in one own slot and direction. */
export function usableCells(g: CompiledGrid, b: CompiledBwp, slot: number, dir: 0 | 1): number {
  let n = 0;
  for (let l = 0; l < 14; l++) if (symbolUsable(g, b, slot, l, dir)) n++;
  return n * b.nPrb;
}

/** Direction index used in the tables: 'DL' = 0 (SYM_DL), 'UL' = 1 (SYM_UL). */
export function dirIndex(d: Direction): 0 | 1 {
  return d === 'DL' ? 0 : 1;
}
