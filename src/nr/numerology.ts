/**
 * NR numerologies and exact OFDM symbol timing.
 *
 * Implements 3GPP TS 38.211 §4.1 (basic time unit Tc, κ = 64), §4.2 Table 4.2-1 (μ = 0..6,
 * SCS = 15·2^μ kHz, extended CP only for μ = 2), §4.3.2 (14 symbols per normal-CP slot, 12 per
 * extended-CP slot, 2^μ slots per 1 ms subframe) and §5.3.1 (cyclic-prefix lengths: normal CP
 * 144·κ·2^-μ·Tc, plus 16·κ·Tc on symbol l = 0 and l = 7·2^μ of every subframe, i.e. every 0.5 ms;
 * extended CP 512·κ·2^-μ·Tc). See spec/numerology.md.
 *
 * All symbol arithmetic is done in integer counts of Tc: with κ = 64 every length above is an
 * integer number of Tc for μ ≤ 6 (e.g. 144·64/2^6 = 144), so durations are exact before the one
 * final conversion to µs. (Counting in units of κ, as some stacks do, is inexact for μ = 5/6,
 * where 144·2^-μ = 4.5 or 2.25.)
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Mu } from '../core/types.js';
import { MU_VALUES } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid, showValue, unsupported } from '../core/errors.js';

/** Cyclic prefix of a bandwidth part (TS 38.211 §4.2). */
export type CyclicPrefix = 'normal' | 'extended';

/** Timing facts of one numerology (normal CP). */
export interface Numerology {
  /** Numerology index μ, 0..6 (TS 38.211 Table 4.2-1). */
  readonly mu: Mu;
  /** Subcarrier spacing 15·2^μ kHz. */
  readonly scsKHz: number;
  /** 2^μ slots per 1 ms subframe. */
  readonly slotsPerSubframe: number;
  /** Slot duration 1/2^μ ms. */
  readonly slotMs: number;
  /** AVERAGE OFDM symbol duration slotMs/14 (the exact lengths differ: see `symbolDurationUs`). */
  readonly symbolMs: number;
  /** OFDM symbols per slot: always 14 (normal CP). */
  readonly symbolsPerSlot: 14;
}

/** κ = Ts/Tc (TS 38.211 §4.1). */
export const KAPPA = 64;
/** Number of Tc in 1 ms: Tc = 1/(480 kHz · 4096), so 1 ms = 480 000 · 4096 / 1000 Tc. */
export const TC_PER_MS = 1_966_080;
/** Number of Tc in 1 µs (exact: 1966.08). */
export const TC_PER_US = TC_PER_MS / 1000;

const NUMEROLOGIES: readonly Numerology[] = MU_VALUES.map((mu) =>
  Object.freeze({
    mu,
    scsKHz: 15 * 2 ** mu,
    slotsPerSubframe: 2 ** mu,
    slotMs: 1 / 2 ** mu,
    symbolMs: 1 / 2 ** mu / 14,
    symbolsPerSlot: 14 as const,
  }),
);

/** Numerology facts for μ (normal CP). `mu` must be a valid `Mu`; validate user input with `parseMu`. */
export function numerology(mu: Mu): Numerology {
  return NUMEROLOGIES[mu] ?? (NUMEROLOGIES[0] as Numerology);
}

/** Validate a user-given μ: an integer in 0..6 (TS 38.211 Table 4.2-1). */
export function parseMu(value: unknown, field = 'mu'): E.Either<PhyError, Mu> {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6
    ? E.right(value as Mu)
    : leftInvalid(field, 'an integer in 0..6 (TS 38.211 Table 4.2-1)', value);
}

/** μ from a subcarrier spacing in kHz (15, 30, 60, 120, 240, 480, 960). */
export function muFromScsKHz(scsKHz: unknown, field = 'scsKHz'): E.Either<PhyError, Mu> {
  const i = typeof scsKHz === 'number' ? NUMEROLOGIES.findIndex((n) => n.scsKHz === scsKHz) : -1;
  return i >= 0 ? E.right(i as Mu) : leftInvalid(field, 'one of 15, 30, 60, 120, 240, 480, 960 (kHz)', scsKHz);
}

/** True where TS 38.211 Table 4.2-1 allows the cyclic prefix (extended only for μ = 2). */
export function cyclicPrefixAllowed(mu: Mu, cp: CyclicPrefix): boolean {
  return cp === 'normal' || mu === 2;
}

/** Symbols per slot: 14 (normal CP) or 12 (extended CP). */
export function symbolsPerSlot(cp: CyclicPrefix = 'normal'): 14 | 12 {
  return cp === 'normal' ? 14 : 12;
}

/** Symbols per 1 ms subframe: 14·2^μ (normal) or 12·2^μ (extended). */
export function symbolsPerSubframe(mu: Mu, cp: CyclicPrefix = 'normal'): number {
  return symbolsPerSlot(cp) * 2 ** mu;
}

/** Useful (CP-free) symbol length Nu = 2048·κ·2^-μ in Tc. */
export function usefulSymbolTc(mu: Mu): number {
  return (2048 * KAPPA) / 2 ** mu;
}

/**
 * Cyclic-prefix length of symbol l (counted from the start of a subframe; l may run past the
 * subframe, the pattern repeats every subframe) in Tc. Normal CP: 144·κ·2^-μ, plus 16·κ when
 * l mod (7·2^μ) = 0 (every 0.5 ms). Extended CP: 512·κ·2^-μ.
 */
export function cyclicPrefixTc(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number {
  const scale = 2 ** mu;
  if (cp === 'extended') return (512 * KAPPA) / scale;
  return (144 * KAPPA) / scale + (l % (7 * scale) === 0 ? 16 * KAPPA : 0);
}

/** Duration of symbol l (CP + useful part) in Tc. */
export function symbolDurationTc(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number {
  return usefulSymbolTc(mu) + cyclicPrefixTc(mu, l, cp);
}

/**
 * Start of symbol l counted from the start of a subframe, in Tc (exact integer). l ≥ the number
 * of symbols in a subframe continues into the following subframes. Non-integer or negative l is
 * floored / clamped to 0 (this kernel does not validate; use `symbolTiming` for user input).
 */
export function symbolStartTc(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number {
  const li = l > 0 ? Math.floor(l) : 0;
  const scale = 2 ** mu;
  const perSubframe = symbolsPerSlot(cp) * scale;
  const sub = Math.floor(li / perSubframe);
  const r = li - sub * perSubframe;
  const base = sub * TC_PER_MS;
  if (cp === 'extended') return base + r * ((2048 + 512) * KAPPA) / scale;
  const half = 7 * scale;
  const ext = 16 * KAPPA;
  // Symbol 0 carries one extension; symbols after 7·2^μ start past the second one.
  return base + r * (((2048 + 144) * KAPPA) / scale) + (r > 0 ? ext : 0) + (r > half ? ext : 0);
}

/** Start of OFDM symbol l within a 1 ms subframe, in µs, with the exact normal-CP lengths. */
export function symbolStartUs(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number {
  return symbolStartTc(mu, l, cp) / TC_PER_US;
}

/** Duration of OFDM symbol l (CP included) in µs. */
export function symbolDurationUs(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number {
  const li = l > 0 ? Math.floor(l) : 0;
  return symbolDurationTc(mu, li, cp) / TC_PER_US;
}

/** Validated timing of one symbol. */
export interface SymbolTiming {
  /** Numerology index μ, 0..6. */
  readonly mu: Mu;
  /** Symbol index l within the 1 ms subframe, 0..(symbols per subframe − 1). */
  readonly symbol: number;
  /** Cyclic prefix: 'normal', or 'extended' (μ = 2 only). */
  readonly cyclicPrefix: CyclicPrefix;
  /** Start of the symbol from the subframe start, in Tc (basic time unit, TS 38.211 §4.1). */
  readonly startTc: number;
  /** Duration of the symbol (CP + useful part), in Tc. */
  readonly durationTc: number;
  /** Length of this symbol's cyclic prefix, in Tc (normal CP: longer every 0.5 ms). */
  readonly cyclicPrefixTc: number;
  /** Start of the symbol from the subframe start, in µs. */
  readonly startUs: number;
  /** Duration of the symbol (CP included), in µs. */
  readonly durationUs: number;
}

/**
 * Validated symbol timing for user input: μ in 0..6, cyclic prefix allowed for μ (extended only
 * for μ = 2), `symbol` an integer in 0..(symbols per subframe − 1).
 */
export function symbolTiming(p: { mu: unknown; symbol: unknown; cyclicPrefix?: unknown }): E.Either<PhyError, SymbolTiming> {
  const muE = parseMu(p.mu);
  if (E.isLeft(muE)) return muE;
  const mu = muE.right;
  const cpRaw = p.cyclicPrefix ?? 'normal';
  if (cpRaw !== 'normal' && cpRaw !== 'extended') return leftInvalid('cyclicPrefix', "one of \"normal\", \"extended\"", cpRaw);
  const cp: CyclicPrefix = cpRaw;
  if (!cyclicPrefixAllowed(mu, cp)) {
    return E.left(unsupported('cyclicPrefix', `extended CP is defined only for mu = 2 (TS 38.211 Table 4.2-1), got mu = ${showValue(mu)}`));
  }
  const n = symbolsPerSubframe(mu, cp);
  const l = p.symbol;
  if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= n) {
    return leftInvalid('symbol', `an integer in 0..${n - 1} (symbols of one subframe at mu = ${mu}, ${cp} CP)`, l);
  }
  const startTc = symbolStartTc(mu, l, cp);
  const durationTc = symbolDurationTc(mu, l, cp);
  return E.right({
    mu,
    symbol: l,
    cyclicPrefix: cp,
    startTc,
    durationTc,
    cyclicPrefixTc: cyclicPrefixTc(mu, l, cp),
    startUs: startTc / TC_PER_US,
    durationUs: durationTc / TC_PER_US,
  });
}
