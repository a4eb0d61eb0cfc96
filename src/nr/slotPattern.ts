/**
 * nr/slotPattern: the ONE slot model of phyclass — which OFDM symbols of which slot carry which
 * direction, and where the data occasions of each TTI length lie (spec/numerology.md §Slot pattern).
 *
 * - FDD: every symbol is usable both ways (paired spectrum); the pattern period is one slot.
 * - TDD: a pattern of slots, one letter each, repeated — 'D' (downlink), 'U' (uplink), 'S'
 *   (special), in the spirit of TS 38.213 §11.1 `tdd-UL-DL-ConfigurationCommon`; default 'DDDSU'
 *   (TS 38.521-4 Table A.1.2-2, FR1.30-2).
 * - The special slot 'S' is `{ dl, guard, ul }` OFDM symbols (sum 14, TS 38.213 §11.1.1 slot formats:
 *   DL symbols first, flexible/guard symbols, UL symbols last); default 10 DL : 2 guard : 2 UL.
 * - The DL control region: the first DL_CONTROL_SYMBOLS symbols of a slot carry the PDCCH (CORESET)
 *   and no DL mini-slot data (TS 38.213 §10.1; the simulator's default `controlSymbols`).
 *
 * The link latency model (link/latency.ts), the planner (classes/model.ts), `verify`
 * (classes/verify.ts) and the scheduler's resource grid (scheduler/grid.ts) all read the pattern,
 * the special-slot format and the occasion grid from here; nothing else restates them.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, Duplex } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';

/** OFDM symbols per slot (normal cyclic prefix, TS 38.211 §4.3.2). */
export const SYMBOLS_PER_SLOT = 14;

/** Symbols of a TDD special slot 'S': downlink first, then guard, then uplink (sum 14). */
export interface SpecialSlotFormat {
  /** Downlink symbols at the start of the special slot. */
  readonly dl: number;
  /** Guard symbols (no transmission) between the downlink and uplink parts. */
  readonly guard: number;
  /** Uplink symbols at the end of the special slot. */
  readonly ul: number;
}

/** The default special-slot format: 10 DL, 2 guard, 2 UL symbols (the only place it is written). */
export const DEFAULT_SPECIAL_SLOT: SpecialSlotFormat = Object.freeze({ dl: 10, guard: 2, ul: 2 });

/** Default TDD pattern (TS 38.521-4 Table A.1.2-2, FR1.30-2). */
export const DEFAULT_TDD_PATTERN = 'DDDSU';

/**
 * DL control region: OFDM symbols at the start of every slot that carry the PDCCH and no DL
 * mini-slot data (the simulator's default `controlSymbols`; 1 or 2 give the same mini-slot counts).
 */
export const DL_CONTROL_SYMBOLS = 2;

/** Longest TDD pattern accepted, slots. */
export const MAX_TDD_PATTERN_SLOTS = 640;

/** Render a special-slot format as '<n>D:<n>G:<n>U' (e.g. '10D:2G:2U'). */
export function formatSpecialSlot(sp: SpecialSlotFormat): string {
  return `${sp.dl}D:${sp.guard}G:${sp.ul}U`;
}

/** The default special-slot format as text, '10D:2G:2U'. */
export const DEFAULT_SPECIAL_SLOT_TEXT = formatSpecialSlot(DEFAULT_SPECIAL_SLOT);

const SPECIAL_EXPECTED = "'<n>D:<n>G:<n>U' with the three counts summing to 14, e.g. '10D:2G:2U'";

/** Is `sp` a valid special-slot format (integers >= 0 summing to 14)? */
export function isSpecialSlotFormat(sp: unknown): sp is SpecialSlotFormat {
  if (typeof sp !== 'object' || sp === null) return false;
  const { dl, guard, ul } = sp as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= SYMBOLS_PER_SLOT;
  return ok(dl) && ok(guard) && ok(ul) && dl + guard + ul === SYMBOLS_PER_SLOT;
}

/** Parse '<n>D:<n>G:<n>U' (counts summing to 14) into a SpecialSlotFormat; Left names `field`. */
export function parseSpecialSlot(text: unknown, fieldName = 'specialSlot'): E.Either<PhyError, SpecialSlotFormat> {
  const field = typeof fieldName === 'string' ? fieldName : 'specialSlot';
  const m = typeof text === 'string' ? /^(\d{1,2})D:(\d{1,2})G:(\d{1,2})U$/.exec(text) : null;
  if (m === null) return leftInvalid(field, SPECIAL_EXPECTED, text);
  const sp = { dl: Number(m[1]), guard: Number(m[2]), ul: Number(m[3]) };
  return isSpecialSlotFormat(sp) ? E.right(sp) : leftInvalid(field, SPECIAL_EXPECTED, text);
}

/** Is `p` a valid TDD pattern (1..MAX_TDD_PATTERN_SLOTS letters D, S, U)? */
export function isTddPattern(p: unknown): p is string {
  return typeof p === 'string' && p.length >= 1 && p.length <= MAX_TDD_PATTERN_SLOTS && /^[DSU]+$/.test(p);
}

/** Direction of one symbol: 'D' downlink, 'U' uplink, 'G' guard (neither). */
export type SymbolDirection = 'D' | 'U' | 'G';

/**
 * Direction of symbol `l` (0..13) of a slot of kind `slot` ('D', 'U', 'S'; 'F' = an FDD slot,
 * reported 'D' — use `symbolCarries` for direction-aware FDD answers).
 */
export function symbolDirection(slot: string, l: number, special: SpecialSlotFormat = DEFAULT_SPECIAL_SLOT): SymbolDirection {
  if (slot === 'D' || slot === 'F') return 'D';
  if (slot === 'U') return 'U';
  return l < special.dl ? 'D' : l < special.dl + special.guard ? 'G' : 'U';
}

/** Can symbol `l` of a slot of kind `slot` ('F' for FDD) carry `direction`? */
export function symbolCarries(slot: string, l: number, direction: Direction, special: SpecialSlotFormat = DEFAULT_SPECIAL_SLOT): boolean {
  if (slot === 'F') return true;
  return symbolDirection(slot, l, special) === (direction === 'DL' ? 'D' : 'U');
}

/** Does one period of TDD `pattern` (with special slot `special`) have a symbol of direction `dir`? */
export function patternHasSymbol(pattern: string, dir: 'D' | 'U', special: SpecialSlotFormat = DEFAULT_SPECIAL_SLOT): boolean {
  for (const slot of pattern) for (let l = 0; l < SYMBOLS_PER_SLOT; l++) if (symbolDirection(slot, l, special) === dir) return true;
  return false;
}

/**
 * The slot letters of one pattern period: 'F' for FDD, the TDD pattern otherwise (an invalid or
 * absent TDD pattern falls back to DEFAULT_TDD_PATTERN — validate with `isTddPattern` first).
 */
export function periodSlots(duplex: Duplex, tddPattern: string | undefined = DEFAULT_TDD_PATTERN): string {
  if (duplex !== 'TDD') return 'F';
  return isTddPattern(tddPattern) ? tddPattern : DEFAULT_TDD_PATTERN;
}

/**
 * Share of the symbols of one pattern period usable by `direction` (1 for FDD): D or U slots count
 * whole, an S slot counts its `dl` / `ul` symbols out of 14. The carrier capacity of a direction is
 * its PRBs × 12 subcarriers × symbols per second × this duty.
 */
export function directionDuty(direction: Direction, duplex: Duplex, tddPattern?: string, special: SpecialSlotFormat = DEFAULT_SPECIAL_SLOT): number {
  if (duplex !== 'TDD') return 1;
  const pattern = tddPattern ?? DEFAULT_TDD_PATTERN;
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
  return direction === 'DL' ? (d + (s * special.dl) / SYMBOLS_PER_SLOT) / n : (u + (s * special.ul) / SYMBOLS_PER_SLOT) / n;
}

/**
 * First symbol at which mini-slot occasions of a slot start: DL after the control region
 * (`controlSymbols`, default DL_CONTROL_SYMBOLS), UL at symbol 0.
 */
export function miniSlotFirstSymbol(direction: Direction, controlSymbols: number = DL_CONTROL_SYMBOLS): number {
  return direction === 'DL' ? controlSymbols : 0;
}

/**
 * Does a mini-slot occasion of `ttiSymbols` symbols start at symbol `l` of a slot? Occasions start
 * every `ttiSymbols` symbols from `first` (miniSlotFirstSymbol) and never cross the slot end. The
 * occasion grid and the simulator's mini-slot scheduler both place occasions with this rule.
 */
export function isMiniSlotStart(l: number, ttiSymbols: number, first: number): boolean {
  return l >= first && l + ttiSymbols <= SYMBOLS_PER_SLOT && (l - first) % ttiSymbols === 0;
}

/**
 * The data occasions of one TTI length over one slot-pattern period, as a packet sent one TB per
 * occasion sees them (and as the simulator places them): slot-based TTIs (14 symbols; DL data after
 * the control region) need a whole run of their data symbols in a slot, so one per DL or UL slot
 * and none in a special slot; mini-slots of L symbols start every L symbols from the end of the DL
 * control region (UL: symbol 0) wherever all L symbols belong to the direction — DL 7-symbol
 * mini-slots: one per slot; in a special slot ({ dl: 10, guard: 2, ul: 2 } by default) DL
 * mini-slots up to symbol `dl`, UL ones in its last `ul` symbols. FDD: the period is one slot.
 */
export interface OccasionGrid {
  /** Period of the pattern, OFDM symbols (14 × slots). */
  readonly periodSymbols: number;
  /** Occasion start symbols within the period, ascending (empty: the TTI has no occasion). */
  readonly starts: readonly number[];
  /** worst[q] = the most symbols from one occasion to the q-th next, q = 0..starts.length − 1. */
  readonly worst: readonly number[];
}

/**
 * The occasion grid of `ttiSymbols`-symbol TTIs in `direction` on an FDD carrier or a TDD one with
 * `tddPattern` and special slot `special`. A `ttiSymbols` outside 1..14 (or not an integer) has no
 * occasion (empty grid). See OccasionGrid.
 */
export function occasionGrid(
  direction: Direction,
  ttiSymbols: number,
  duplex: Duplex = 'FDD',
  tddPattern: string = DEFAULT_TDD_PATTERN,
  special: SpecialSlotFormat = DEFAULT_SPECIAL_SLOT,
): OccasionGrid {
  const slots = periodSlots(duplex, tddPattern);
  const period = SYMBOLS_PER_SLOT * slots.length;
  if (!(Number.isInteger(ttiSymbols) && ttiSymbols >= 1 && ttiSymbols <= SYMBOLS_PER_SLOT)) return { periodSymbols: period, starts: [], worst: [] };
  const dl = direction === 'DL';
  const first = miniSlotFirstSymbol(direction);
  const sDlEnd = special.dl;
  const sUlStart = special.dl + special.guard;
  const starts: number[] = [];
  for (let k = 0; k < slots.length; k++) {
    const kind = slots[k];
    // the direction's symbols of this slot: [lo, hi)
    const lo = kind === 'F' || kind === (dl ? 'D' : 'U') ? (dl ? first : 0) : kind === 'S' ? (dl ? first : sUlStart) : 14;
    const hi = kind === 'S' ? (dl ? sDlEnd : 14) : 14;
    if (!(ttiSymbols < 14)) {
      // slot-based: all data symbols of a full slot of the direction
      if (kind !== 'S' && lo < 14) starts.push(14 * k + lo);
      continue;
    }
    for (let l = first; l < 14; l++) if (isMiniSlotStart(l, ttiSymbols, first) && l >= lo && l + ttiSymbols <= hi) starts.push(14 * k + l);
  }
  const n = starts.length;
  const worst: number[] = [];
  for (let q = 0; q < n; q++) {
    let w = 0;
    for (let i = 0; i < n; i++) {
      const j = i + q;
      const d = (starts[j % n] as number) + period * Math.floor(j / n) - (starts[i] as number);
      if (d > w) w = d;
    }
    worst.push(w);
  }
  return { periodSymbols: period, starts, worst };
}

/**
 * Worst case over alignment of the symbols from one occasion to the `steps`-th next (⌊steps/n⌋
 * periods plus the worst partial step; +Infinity when the TTI has no occasion). Subadditive in
 * `steps`. The planner and `verify` time the segments of a multi-TTI packet with it.
 */
export function occasionSpanSymbols(steps: number, g: OccasionGrid): number {
  if (!(steps > 0)) return 0;
  const n = g.starts.length;
  if (n === 0) return Number.POSITIVE_INFINITY;
  return Math.floor(steps / n) * g.periodSymbols + (g.worst[steps % n] as number);
}

/**
 * The fewest occasion starts in any window of `lengthSymbols` symbols that begins just after an
 * occasion (the worst alignment): max{q : occasionSpanSymbols(q) ≤ lengthSymbols}. A window that
 * starts just after occasion i holds its q-th next one iff the span to it is ≤ the length, so this
 * is the minimum over windows; ≥ ⌊length / worst gap⌋ by subadditivity. 0 on an empty grid.
 */
export function minOccasionsInSymbols(lengthSymbols: number, g: OccasionGrid): number {
  const n = g.starts.length;
  if (n === 0 || !(lengthSymbols >= 0)) return 0;
  // whole periods first (each holds n occasions), then the partial steps
  let q = Math.max(0, (Math.floor(lengthSymbols / g.periodSymbols) - 1) * n);
  while (occasionSpanSymbols(q + 1, g) <= lengthSymbols) q++;
  return q;
}
