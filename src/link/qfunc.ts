/**
 * Gaussian tail function Q(x) = P(N(0,1) > x), its inverse and its logarithm.
 *
 * Q(x) = ½·erfc(x/√2) through @stdlib's erfc (relative error ~1e-15 where the result is a
 * normal double, i.e. out to x ≈ 37.5), Q⁻¹(p) = √2·erfcinv(2p) through @stdlib's erfcinv plus one Newton step.
 * `logQfunc` stays finite far beyond the double range of Q: for x > 30 it uses the asymptotic
 * (Laplace) expansion Q(x) = φ(x)/x·(1 − 1/x² + 3/x⁴ − 15/x⁶ + …) (Abramowitz & Stegun 26.2.12).
 * Checked against fixtures from the high-precision generator `scripts/gen-qfunc-fixtures.py`.
 * See spec/bler.md §1.
 *
 * Totality: no function here returns NaN or ±Infinity. Out-of-domain arguments saturate, and a
 * NaN argument maps to the conservative answer (qfunc(NaN) = 1: "the block is lost").
 */
import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';

const SQRT1_2 = Math.SQRT1_2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Largest |x| returned by qfuncInv: Q(QINV_MAX) is below the smallest positive double. */
export const QFUNC_INV_MAX = 38.5;
/** Beyond this x, logQfunc switches from log(Q) to the asymptotic series (Q is still a normal double at 30). */
const LOG_ASYMPTOTIC_FROM = 30;

/** Q(x) = P(Z > x) for a standard normal Z. In [0, 1]; NaN maps to 1 (conservative). */
export function qfunc(x: number): number {
  if (x !== x) return 1;
  const q = 0.5 * erfc(x * SQRT1_2);
  return q > 1 ? 1 : q;
}

/**
 * Q⁻¹(p): the x with Q(x) = p. p is clamped to (0, 1): p ≤ 0 gives QFUNC_INV_MAX,
 * p ≥ 1 gives −QFUNC_INV_MAX, NaN gives 0. √2·erfcinv(2p) plus one Newton step: Q(Q⁻¹(p)) = p to
 * ~1e-13 relative over 1e-300 ≤ p < 0.5.
 */
export function qfuncInv(p: number): number {
  if (p !== p) return 0;
  if (p <= 0) return QFUNC_INV_MAX;
  if (p >= 1) return -QFUNC_INV_MAX;
  let x = Math.SQRT2 * erfcinv(2 * p);
  // one Newton step on Q(x) = p (relative form for the tail) polishes erfcinv to ~1 ulp
  if (x > -QFUNC_INV_MAX && x < QFUNC_INV_MAX) {
    const phi = Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
    if (phi > 0) {
      const dx = (qfunc(x) - p) / phi;
      if (Math.abs(dx) < 1e-3 * Math.max(1, Math.abs(x))) x += dx;
    }
  }
  if (x > QFUNC_INV_MAX) return QFUNC_INV_MAX;
  if (x < -QFUNC_INV_MAX) return -QFUNC_INV_MAX;
  return x;
}

/**
 * ln Q(x) (natural log), finite for every finite x. For x ≤ 30 it is log(Q(x)) (or log1p(−Q(−x))
 * for negative x, which keeps precision near 0); beyond, the asymptotic series
 * ln Q(x) = −x²/2 − ln(x√(2π)) + ln(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − 945/x¹⁰),
 * whose truncation error at x = 30 is below 1e-16 relative. NaN maps to 0 (= ln 1).
 */
export function logQfunc(x: number): number {
  if (x !== x) return 0;
  if (x < -1) {
    const r = Math.log1p(-0.5 * erfc(-x * SQRT1_2));
    return r === 0 ? 0 : r; // no −0
  }
  if (x <= LOG_ASYMPTOTIC_FROM) return Math.log(0.5 * erfc(x * SQRT1_2));
  if (x > 1e150) x = 1e150; // x² stays finite
  const t = 1 / (x * x);
  const series = 1 + t * (-1 + t * (3 + t * (-15 + t * (105 + t * -945))));
  return -0.5 * x * x - Math.log(x) - LOG_SQRT_2PI + Math.log(series);
}
