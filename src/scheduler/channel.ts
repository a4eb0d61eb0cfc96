/**
 * Scheduler channel: per-UE mean SNR with block fading. The fading gain of UE u in coherence block
 * k is a pure function of (seed, u, k) (a counter-based generator, splitmix32-style mixing), so the
 * channel a UE sees does not depend on what the scheduler did: runs with different policies see the
 * same channel (common random numbers), and the pure step function needs no channel state.
 *
 * Rayleigh block fading: power gain |h|^2 ~ Exp(1) (Gamma with MRC diversity; the L-branch array
 * gain is applied by the engine, `fadingArrayGain`, as in src/link/fading.ts), constant over
 * `coherenceTicks` ticks, or redrawn for every transmission (coherenceTicks = 0, the planner's
 * 'independent' HARQ fading) (Tse & Viswanath 2005 §5.4). 'awgn' = gain 1.
 *
 * HARQ combining: Chase combining adds the post-combining SNRs of all transmissions of a TB (linear);
 * the same rule is used for incremental redundancy, which is therefore modelled conservatively
 * (IR is never worse than Chase; spec/scheduler.md).
 *
 * Puncturing (URLLC pre-emption): when a fraction f of a TB's resource elements is overwritten,
 * the decoder sees erasures there (the UE is told by the pre-emption indication, DCI 2_1). We map
 * that to the SNR whose Gaussian-input capacity equals the mutual information left:
 * (1 - f)·log2(1 + snr) = log2(1 + snrEff), i.e. snrEff = (1 + snr)^(1 - f) - 1 (spec/scheduler.md).
 */

import type { FadingModel } from '../core/types.js';
import { jakesPowerAt, jakesTables } from '../link/correlation.js';

/**
 * Fading as the scheduler draws it: the power gain is Gamma(order, 1/order) distributed (mean 1),
 * i.e. Rayleigh with `order` MRC branches; order 0 = no fading (AWGN).
 * Nakagami-m maps to order round(m); Rician K to the Nakagami m = (K+1)^2/(2K+1) of equal
 * amount of fading (Nakagami 1960; Simon & Alouini 2005 §2.2.1.4), rounded: an approximation.
 */
export type SchedulerFading = 'awgn' | 'rayleigh' | FadingModel;

/** Gamma order of a fading description (0 = AWGN). */
export function fadingOrder(f: SchedulerFading): number {
  if (f === 'awgn') return 0;
  if (f === 'rayleigh') return 1;
  const div = Math.max(1, Math.round(('diversity' in f ? f.diversity : undefined) ?? 1));
  switch (f.kind) {
    case 'awgn':
      return 0;
    case 'rayleigh':
      return div;
    case 'nakagami':
      return Math.max(1, Math.round(f.m)) * div;
    case 'rician': {
      const k = Math.pow(10, f.kFactorDb / 10);
      return Math.max(1, Math.round(((k + 1) * (k + 1)) / (2 * k + 1))) * div;
    }
  }
}

/**
 * Array gain of the fading model: the number of MRC branches L. The link module's fading
 * (src/link/fading.ts, spec/fading.md) takes `snrDb` per branch, so the combined SNR has mean
 * L·snr (Rayleigh with L branches: Gamma(L, 1)); the scheduler draws a mean-1 gain
 * (`fadingGain`) and multiplies by this factor so that both see the same SNR distribution.
 */
export function fadingArrayGain(f: SchedulerFading): number {
  if (f === 'awgn' || f === 'rayleigh' || f.kind === 'awgn') return 1;
  const d = f.diversity ?? 1;
  return Number.isFinite(d) && d >= 1 ? Math.min(Math.round(d), 64) : 1;
}

/** 32-bit integer mixing (splitmix32 finaliser). */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in (0, 1) from (seed, a, b); deterministic, no state. */
export function hashUniform(seed: number, a: number, b: number): number {
  const h1 = mix32(seed ^ mix32(a ^ mix32(b)));
  const h2 = mix32(h1 ^ 0x5bd1e995);
  // 53-bit mantissa from two 32-bit words; shift into the open interval.
  return ((h1 >>> 5) * 67108864 + (h2 >>> 6) + 0.5) / 9007199254740992;
}

/**
 * Linear fading power gain (mean 1) of UE `ue` for draw key (a, b) — (coherence block, 0) under
 * block fading, (packet id, TB/transmission) under per-transmission fading. Gamma(order, 1/order)
 * as the mean of `order` unit exponentials.
 */
export function fadingGain(order: number, seed: number, ue: number, a: number, b: number): number {
  if (order === 0) return 1;
  const s = mix32(seed ^ Math.imul(ue + 1, 0x27d4eb2d));
  let g = 0;
  for (let k = 0; k < order; k++) g -= Math.log(hashUniform(s + k, a, b));
  return g / order;
}

/** Effective SNR (linear) after puncturing a fraction f of the coded resource elements. */
export function puncturedSnr(snr: number, fraction: number): number {
  if (fraction <= 0) return snr;
  if (fraction >= 1) return 0;
  return Math.pow(1 + snr, 1 - fraction) - 1;
}

/** Linear ratio of a dB value: 10^(db/10). */
export function dbToLinear(db: number): number {
  return Math.pow(10, db / 10);
}

/** dB of a linear SNR, clamped to a finite floor (-100 dB) for zero. */
export function linearToDb(x: number): number {
  return x > 1e-10 ? 10 * Math.log10(x) : -100;
}

/**
 * Per-UE time-correlated Rayleigh fading for the simulator (issue 14 item 3; spec/fading.md): `order`
 * independent Jakes sum-of-sinusoids branches (link/correlation jakesFader) whose arrival angles and
 * phases are drawn once from the counter-based generator (seed, UE): pure and reproducible. The gain
 * at time t is the mean of the branches' |h_b(t)|² (mean 1, Gamma(order, 1/order) marginally as the
 * sinusoid count grows), the same normalisation as `fadingGain`.
 */
export function correlatedFader(order: number, seed: number, ue: number, dopplerHz: number): (timeMs: number) => number {
  if (!(order >= 1)) return () => 1;
  const cf = correlatedFading(order, seed, [ue], [dopplerHz]);
  return (timeMs: number): number => correlatedGain(cf, 0, timeMs);
}

/**
 * The correlated faders of several UEs in flat arrays (what the engine evaluates, `correlatedGain`):
 * UE k of `ues` (k-th entry, Doppler `dopplerHz[k]`) has its `order` branches of `sinusoids` sinusoids
 * at w/phase[(k·order + b)·sinusoids ...] — the same draws and arithmetic as `correlatedFader`.
 */
export interface CorrelatedFading {
  /** Branches per UE (the Gamma order, ≥ 1). */
  readonly order: number;
  /** Sinusoids per branch. */
  readonly sinusoids: number;
  /** Angular Doppler frequencies, rad per ms. */
  readonly w: Float64Array;
  /** Phases, rad. */
  readonly phase: Float64Array;
  /** The largest |w| and |phase| over every sinusoid (they bound w·t + phase for correlatedGainLowerBound). */
  readonly wMaxAbs: number;
  readonly phaseMaxAbs: number;
}

/** Flat correlated faders (see CorrelatedFading) of UEs `ues` (their indices, for the seed) with Doppler shifts `dopplerHz`. */
export function correlatedFading(order: number, seed: number, ues: readonly number[], dopplerHz: readonly number[], sinusoids = 32): CorrelatedFading {
  const o = order >= 1 ? Math.floor(order) : 1;
  const w = new Float64Array(ues.length * o * sinusoids);
  const phase = new Float64Array(ues.length * o * sinusoids);
  for (let k = 0; k < ues.length; k++) {
    const s = mix32(seed ^ 0x6a09e667 ^ Math.imul(ues[k]! + 1, 0x27d4eb2d));
    for (let b = 0; b < o; b++) {
      let n = 0;
      const t = jakesTables(() => hashUniform(s, b, n++), dopplerHz[k]!, sinusoids);
      w.set(t.w, (k * o + b) * sinusoids);
      phase.set(t.phase, (k * o + b) * sinusoids);
    }
  }
  let wMaxAbs = 0;
  let phaseMaxAbs = 0;
  for (let i = 0; i < w.length; i++) {
    wMaxAbs = Math.max(wMaxAbs, Math.abs(w[i] as number));
    phaseMaxAbs = Math.max(phaseMaxAbs, Math.abs(phase[i] as number));
  }
  return { order: o, sinusoids, w, phase, wMaxAbs, phaseMaxAbs };
}

/** Fading power gain (mean 1) of the k-th UE of `cf` at `timeMs`: the mean of its branches' |h(t)|². Allocation-free. */
export function correlatedGain(cf: CorrelatedFading, k: number, timeMs: number): number {
  const m = cf.sinusoids;
  const o = cf.order;
  let g = 0;
  for (let b = 0; b < o; b++) g += jakesPowerAt(cf.w, cf.phase, (k * o + b) * m, m, timeMs);
  return g / o;
}

// Taylor coefficients of sin and cos (1/n!, alternating), for correlatedGainLowerBound
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const C2 = -1 / 2;
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;
const C10 = -1 / 3628800;
/** What the polynomials may be off per sin or cos: the truncation (|r|¹¹/11! ≤ 1.8e-9 at |r| ≤ π/4 + 3e-7; |r|¹²/12! is smaller) and their own rounding. */
const LB_TRUNCATION = 2e-9;
const PIO2 = Math.PI / 2;
const TWO_OVER_PI = 2 / Math.PI;
/** Largest phase (rad) the lower bound reduces; beyond it the bound is 0 (the engine then computes the gain exactly). */
const LB_PHASE_MAX = 1e9;
/** cos and sin of q quarter turns, q = 0..3. */
const QUARTER_COS = Float64Array.of(1, 0, -1, 0);
const QUARTER_SIN = Float64Array.of(0, 1, 0, -1);

/**
 * A lower bound on `correlatedGain(cf, k, timeMs)` — on the value that function returns, bits and all —
 * at a fraction of its cost: the same phases w·t + φ, with sin and cos from one quadrant reduction
 * and their Taylor polynomials (to r⁹ and r¹⁰) instead of two calls each, and a rigorous margin
 * (spec/scheduler.md §10.5):
 * - reduction: r = a − q·fl(π/2) with q = ⌊2a/π + 1/2⌋ (so |r| ≤ π/4 up to rounding: x + 1/2 may round
 *   up to the next integer, which moves |r| past π/4 by at most π/2·2⁻⁵²·(|2a/π| + 1) ≤ 3e-7 for |a| ≤
 *   LB_PHASE_MAX, well inside the truncation charge below) is within (|a| + 2)·1.5e-16 of a − q·π/2
 *   (fl(π/2) is within 6.2e-17 of π/2; two roundings), charged at 4e-16 per unit of |a|;
 * - truncation: |r| ≤ π/4 (+ rounding) leaves at most |r|¹¹/11! ≤ 1.8e-9 in sin (the series alternate
 *   and their terms fall) and |r|¹²/12! ≤ 1.2e-10 in cos, charged at LB_TRUNCATION = 2e-9 each with the
 *   polynomials' own rounding: the bound stays within ~1e-7 of the gain (relative), and the loop is
 *   ×1.35 cheaper than with degree 13/14;
 * - both sums (this one and correlatedGain's, whose Math.cos/sin are within 1 ulp) carry m·|partial sum|
 *   rounding, the modulus and the power their own: m·(m·5e-16 + 1e-15).
 * So |h| ≥ |ĥ| − δ per branch, and (|ĥ| − δ)²/m·(1 − 1e-12) is below the branch power that
 * correlatedGain computes; the mean over branches keeps the order (rounding is monotone). The engine
 * decides an ACK from it when it already clears the error draw (step.ts resolve) and computes the
 * exact gain otherwise, so every outcome is the one the exact gain gives.
 */
export function correlatedGainLowerBound(cf: CorrelatedFading, k: number, timeMs: number): number {
  const t = typeof timeMs === 'number' && Number.isFinite(timeMs) ? timeMs : 0; // as jakesPowerAt
  const m = cf.sinusoids;
  const o = cf.order;
  const w = cf.w;
  const phase = cf.phase;
  // |w·t + phase| ≤ max|w|·|t| + max|phase|, with a relative 1e-15 for the rounding of both
  const aMax = (cf.wMaxAbs * (t < 0 ? -t : t) + cf.phaseMaxAbs) * (1 + 1e-15);
  if (!(aMax <= LB_PHASE_MAX)) return 0;
  const perTerm = (aMax + 2) * 4e-16 + LB_TRUNCATION;
  const delta = m * (Math.SQRT2 * perTerm + m * 5e-16 + 1e-15);
  let g = 0;
  for (let b = 0; b < o; b++) {
    const off = (k * o + b) * m;
    let re = 0;
    let im = 0;
    for (let i = off; i < off + m; i++) {
      const a = (w[i] as number) * t + (phase[i] as number); // the phase jakesPowerAt computes
      // q: an integer within 1/2 (+ one rounding) of 2a/π. Math.floor(x + 0.5), not Math.round: the
      // reduction needs no particular tie rule, and V8 compiles Math.round here to code that cost
      // ~8 ns a term, half of this whole loop (issue 18, spec/scheduler.md §10.5)
      const q = Math.floor(a * TWO_OVER_PI + 0.5);
      const r = a - q * PIO2;
      const z = r * r;
      const sr = r + r * z * (S3 + z * (S5 + z * (S7 + z * S9)));
      const cr = 1 + z * (C2 + z * (C4 + z * (C6 + z * (C8 + z * C10))));
      // a = r + q·π/2: (cos a, sin a) = (cr, sr) turned by q quarter turns, without branches (exact:
      // the table entries are 0 and ±1)
      const qq = q & 3;
      const ca = QUARTER_COS[qq] as number;
      const cb = QUARTER_SIN[qq] as number;
      re += ca * cr - cb * sr;
      im += ca * sr + cb * cr;
    }
    const hLo = Math.sqrt(re * re + im * im) - delta;
    if (hLo > 0) g += ((hLo * hLo) / m) * (1 - 1e-12);
  }
  return g / o;
}

/** A uniform in (0, 1) for control-channel draws (salted apart from the fading draws). */
export function controlUniform(seed: number, kind: number, a: number, b: number): number {
  return hashUniform(mix32(seed ^ 0x3c6ef372 ^ Math.imul(kind + 1, 0x9e3779b1)), a, b);
}
