/**
 * Scheduler channel: per-UE mean SNR with block fading. The fading gain of UE u in coherence block
 * k is a pure function of (seed, u, k) (a counter-based generator, splitmix32-style mixing), so the
 * channel a UE sees does not depend on what the scheduler did: runs with different policies see the
 * same channel (common random numbers), and the pure step function needs no channel state.
 *
 * Rayleigh block fading: power gain |h|^2 ~ Exp(1), constant over `coherenceTicks` ticks
 * (the block-fading model of spec/bler.md; Tse & Viswanath 2005 §5.4). 'awgn' = gain 1.
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

export type SchedulerFading = 'awgn' | 'rayleigh';

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

/** Linear fading power gain of UE `ue` in coherence block `block`. */
export function fadingGain(kind: SchedulerFading, seed: number, ue: number, block: number): number {
  if (kind === 'awgn') return 1;
  return -Math.log(hashUniform(seed, ue, block));
}

/** Effective SNR (linear) after puncturing a fraction f of the coded resource elements. */
export function puncturedSnr(snr: number, fraction: number): number {
  if (fraction <= 0) return snr;
  if (fraction >= 1) return 0;
  return Math.pow(1 + snr, 1 - fraction) - 1;
}

export function dbToLinear(db: number): number {
  return Math.pow(10, db / 10);
}

/** dB of a linear SNR, clamped to a finite floor (-100 dB) for zero. */
export function linearToDb(x: number): number {
  return x > 1e-10 ? 10 * Math.log10(x) : -100;
}
