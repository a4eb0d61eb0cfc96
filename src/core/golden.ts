/**
 * core/golden: golden-section search (Kiefer 1953) — the one-dimensional minimiser the link models
 * use where a function is unimodal on a known bracket (the constellation dispersion peak, the
 * Chernoff exponent of link/segments).
 */

/** Result of `goldenSection`: the final bracket and its two interior points with their values. */
export interface GoldenBracket {
  /** Lower end of the final bracket. */
  readonly lo: number;
  /** Upper end of the final bracket. */
  readonly hi: number;
  /** Lower interior point. */
  readonly x1: number;
  /** f at the lower interior point. */
  readonly f1: number;
  /** Upper interior point. */
  readonly x2: number;
  /** f at the upper interior point. */
  readonly f2: number;
}

/**
 * Shrink [lo, hi] around a minimum of `f` (unimodal there) by the golden ratio `steps` times:
 * 2 + steps evaluations; the bracket shrinks to 0.618^steps of its width. On a tie the lower part
 * is dropped (to maximise g, pass −g).
 */
export function goldenSection(f: (x: number) => number, lo: number, hi: number, steps: number): GoldenBracket {
  const gr = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - gr * (hi - lo);
  let x2 = lo + gr * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < steps; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - gr * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + gr * (hi - lo);
      f2 = f(x2);
    }
  }
  return { lo, hi, x1, f1, x2, f2 };
}
