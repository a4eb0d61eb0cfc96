/**
 * The implementation of `correlatedRayleighAverage` before its memo tables and early exits (issue 18,
 * commit 108f1dc), kept verbatim as the reference the fast one must equal bit for bit
 * (test/link/correlation.identity.test.ts). Test code only.
 */
import { integrate, logGamma } from '../../src/link/fading.js';

const DROP_BELOW = 0.01;
/** Series weight left out at most. */
const SERIES_TAIL = 1e-13;
const MAX_TERMS = 200_000;

/**
 * E[errorAtSnrDb(meanSnrDb + 10·log10 G)] with G = Σ_k λ_k·W_k, W_k ~ Gamma(diversity, 1) independent:
 * the fading average of a Chase-combined error over transmissions with correlated Rayleigh fades whose
 * correlation matrix has eigenvalues `eigenvalues` (sum = the number of transmissions). An upper bound of
 * the exact value (see the header), in [0, 1]; `errorAtSnrDb` is read as non-increasing and clamped to [0, 1].
 */
export function referenceCorrelatedRayleighAverage(
  errorAtSnrDb: (snrDb: number) => number,
  meanSnrDb: number,
  diversity: number,
  eigenvalues: readonly number[],
): number {
  if (typeof errorAtSnrDb !== 'function' || !Array.isArray(eigenvalues) || eigenvalues.length > 64) return 1;
  const mean = typeof meanSnrDb !== 'number' || meanSnrDb !== meanSnrDb ? -400 : Math.max(-400, Math.min(400, meanSnrDb));
  const f = (x: number): number => {
    const e = errorAtSnrDb(x);
    return e >= 0 ? (e <= 1 ? e : 1) : e === e ? 0 : 1;
  };
  const l = Number.isInteger(diversity) && diversity >= 1 ? diversity : 1;
  const top = Math.max(0, ...eigenvalues.filter((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!(top > 0)) return f(-400);
  const scales = eigenvalues.filter((v) => typeof v === 'number' && Number.isFinite(v) && v >= DROP_BELOW * top).slice(0, 64);
  // Moschopoulos: β1 = min scale, ρ = Σ α_i, C = Π (β1/β_i)^α_i, γ_k = Σ α_i (1 − β1/β_i)^k / k,
  // δ_0 = 1, δ_{k+1} = (1/(k+1)) Σ_{i=1..k+1} i·γ_i·δ_{k+1−i}; density Σ_k C·δ_k·Gamma(ρ+k, β1).
  const b1 = Math.min(...scales);
  const rho = l * scales.length;
  const logC = scales.reduce((acc, b) => acc + l * Math.log(b1 / b), 0);
  const ratios = scales.map((b) => 1 - b1 / b);
  const gam: number[] = [0];
  const delta: number[] = [1];
  const weights: number[] = [Math.exp(logC)];
  let mass = weights[0]!;
  for (let k = 0; mass < 1 - SERIES_TAIL && k < MAX_TERMS; k++) {
    const kk = k + 1;
    gam.push(ratios.reduce((acc, r) => acc + (l * Math.pow(r, kk)) / kk, 0));
    let d = 0;
    for (let i = 1; i <= kk; i++) d += i * gam[i]! * delta[kk - i]!;
    d /= kk;
    delta.push(d);
    const w = Math.exp(logC) * d;
    weights.push(w);
    mass += w;
  }
  const missing = Math.max(0, 1 - mass);
  // integrand in v = 10·log10 G: f(mean + v)·p_G(g)·g·ln10/10 with p_G = Σ_k w_k·Gamma(ρ+k, scale β1)
  const ln10_10 = Math.LN10 / 10;
  const h = (v: number): number => {
    const g = Math.pow(10, v / 10);
    const y = g / b1;
    let p = 0;
    let logTerm = rho * Math.log(y) - y - logGamma(rho); // log of y^ρ e^{−y} / Γ(ρ) = g·Gamma(ρ, β1)(g)
    for (let k = 0; k < weights.length; k++) {
      if (k > 0) logTerm += Math.log(y) - Math.log(rho + k - 1);
      const wk = weights[k]!;
      if (wk > 0 && logTerm > -745) p += wk * Math.exp(logTerm);
    }
    return p > 0 ? f(mean + v) * p * ln10_10 : 0;
  };
  // support: from where every component's lower tail is < 1e-16 to well above the largest mean
  const meanG = scales.reduce((a, b) => a + b, 0) * l;
  const loG = b1 * Math.exp((Math.log(1e-16) + logGamma(rho + 1)) / rho);
  const hiG = (rho + weights.length) * b1 + 14 * Math.sqrt(meanG * top) + 45 * top;
  const lo = Math.max(-400, 10 * Math.log10(Math.min(loG, 1e-3 * meanG)));
  const hi = 10 * Math.log10(Math.max(hiG, 10 * meanG));
  const e = integrate(h, lo, hi, 1) + missing;
  return e > 0 ? (e < 1 ? e : 1) : 0;
}

