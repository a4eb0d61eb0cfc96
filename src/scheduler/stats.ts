/**
 * Scheduler statistics: Wilson score confidence interval for a binomial proportion (Wilson 1927;
 * Brown, Cai & DasGupta 2001 recommend it over the Wald interval, which fails near 0 and 1 — exactly
 * where URLLC miss ratios live) and exact order-statistic percentiles from an integer histogram.
 */

/** Two-sided normal quantile for 95 % confidence. */
export const Z95 = 1.959963984540054;

/** Two-sided confidence interval for a binomial proportion, both bounds within [0, 1]. */
export interface WilsonInterval {
  /** Lower bound of the proportion, in [0, 1]. */
  readonly lower: number;
  /** Upper bound of the proportion, in [0, 1]. */
  readonly upper: number;
}

/** Wilson score interval for `successes` out of `trials` at normal quantile z (default 95 %). */
export function wilsonInterval(successes: number, trials: number, z = Z95): WilsonInterval {
  if (trials <= 0) return { lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** One latency percentile estimated from a histogram (see `histogramQuantile`). */
export interface PercentileResult {
  /** Quantile level, e.g. 0.99999. */
  readonly q: number;
  /** Value in ms, or null when the sample is too small for this quantile. */
  readonly ms: number | null;
  /** Samples needed for an empirical estimate (at least one sample beyond the quantile: ceil(1/(1-q))). */
  readonly samplesNeeded: number;
}

/** Samples needed to estimate quantile q empirically: n·(1-q) >= 1. */
export function samplesNeeded(q: number): number {
  return Math.ceil(1 / (1 - q) - 1e-9);
}

/**
 * Quantile q of the samples held in `hist` (hist[k] = samples equal to k units; the last bucket
 * collects everything at or above it), as the ceil(q·n)-th order statistic, times `unitMs`.
 */
export function histogramQuantile(hist: ArrayLike<number>, count: number, q: number, unitMs: number): PercentileResult {
  const need = samplesNeeded(q);
  if (count < need || count === 0) return { q, ms: null, samplesNeeded: need };
  const rank = Math.max(1, Math.ceil(q * count - 1e-9));
  let acc = 0;
  for (let k = 0; k < hist.length; k++) {
    acc += hist[k]!;
    if (acc >= rank) return { q, ms: k * unitMs, samplesNeeded: need };
  }
  return { q, ms: (hist.length - 1) * unitMs, samplesNeeded: need };
}
