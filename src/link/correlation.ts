/**
 * Fading that is correlated in time: Jakes' (Clarke's) isotropic-scattering model and the SNR that
 * Chase combining collects from transmissions that see correlated Rayleigh fades.
 *
 * - Maximum Doppler f_D = v·f_c/c; the complex gain of one branch at lag Δt has correlation
 *   ρ(Δt) = J0(2π·f_D·Δt) (Clarke 1968; Jakes, "Microwave Mobile Communications", 1974, §1.3).
 *   J0 by the trapezoidal rule on its integral J0(x) = (1/π)∫₀^π cos(x·sin θ) dθ (DLMF 10.9.1), which
 *   converges geometrically for a periodic analytic integrand (error < 1e-15 with N > x/2 + 20 nodes).
 * - t transmissions at times τ_1..τ_t, L independent receive branches, per-branch mean SNR γ̄: each
 *   branch's gain vector h_b ~ CN(0, R) with R_ij = ρ(τ_i − τ_j). Chase combining adds every
 *   transmission's and branch's SNR: γ = γ̄·Σ_b h_bᴴh_b = γ̄·Σ_k λ_k·W_k with λ_k the eigenvalues of R
 *   and W_k ~ Gamma(L, 1) independent (a Hermitian form of a complex Gaussian vector). ρ ≡ 1 gives
 *   λ = (t, 0, …): one fade t-fold ('same'); ρ ≡ 0 gives λ = (1, …, 1): Gamma(t·L, 1) ('independent').
 * - E[f(γ)] for a non-increasing error f is evaluated with the exact density of a sum of Gamma
 *   variables with different scales (Moschopoulos, "The distribution of the sum of independent gamma
 *   random variables", Ann. Inst. Statist. Math. 37 (1985) 541–544): a series of Gamma densities with
 *   positive weights summing to 1. Two steps keep the answer an upper bound of the exact error:
 *   eigenvalues below 1 % of the largest are set to 0 (the SNR only shrinks, f does not decrease), and
 *   the weight the truncated series leaves out (< 1e-13) is added as error 1.
 * See spec/fading.md §Correlation in time.
 */
import { integrate, logGamma } from './fading.js';
import { doubleArray } from '../core/typed.js';

const SPEED_OF_LIGHT_M_S = 299_792_458;

/** J0(x), Bessel function of the first kind of order 0 (|error| < 1e-14 for |x| ≤ 1e4; NaN → 1). */
export function besselJ0(x: number): number {
  if (typeof x !== 'number') return 1;
  const ax = Math.abs(x);
  if (!(ax < 1e4)) return ax === ax ? 0 : 1;
  const n = Math.max(24, Math.ceil(ax / 2) + 24);
  // trapezoid on [0, π] of cos(x sin θ): symmetric about π/2, endpoints cos(0) = 1
  let s = 0.5 * (1 + 1);
  for (let i = 1; i < n; i++) s += Math.cos(ax * Math.sin((Math.PI * i) / n));
  return s / n;
}

/** Maximum Doppler shift f_D = v·f_c/c in Hz, for a speed in km/h and a carrier in MHz (≥ 0). */
export function maxDopplerHz(speedKmh: number, carrierMHz: number): number {
  if (typeof speedKmh !== 'number' || typeof carrierMHz !== 'number') return 0;
  if (!(speedKmh > 0) || !(carrierMHz > 0) || !Number.isFinite(speedKmh) || !Number.isFinite(carrierMHz)) return 0;
  return ((speedKmh / 3.6) * carrierMHz * 1e6) / SPEED_OF_LIGHT_M_S;
}

/** Correlation of a Rayleigh branch's complex gain at lag `lagMs` under Jakes' model: J0(2π f_D Δt). */
export function jakesCorrelation(dopplerHz: number, lagMs: number): number {
  if (typeof dopplerHz !== 'number' || typeof lagMs !== 'number') return 1;
  if (!(dopplerHz > 0) || !Number.isFinite(dopplerHz)) return 1;
  if (!Number.isFinite(lagMs)) return 0;
  return besselJ0(2 * Math.PI * dopplerHz * (lagMs / 1000));
}

/**
 * Eigenvalues of a real symmetric matrix (cyclic Jacobi rotations to 1e-14 of the Frobenius norm),
 * descending. Used on the t×t (t ≤ 16) correlation matrices of HARQ transmissions.
 */
export function symmetricEigenvalues(m: readonly (readonly number[])[]): number[] {
  if (!Array.isArray(m) || m.length > 64) return [];
  const n = m.length;
  // rows as Float64Arrays in an array built by push: one shape for every matrix (a row of small
  // integers would otherwise be another kind of array, and optimised code deoptimises on it; issue 18)
  const a: Float64Array[] = [];
  for (const row of m) a.push(Float64Array.from({ length: n }, (_, j) => (Array.isArray(row) && Number.isFinite(row[j]) ? (row[j] as number) : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = a[i]![j]!;
        norm += v * v;
        if (i !== j) off += v * v;
      }
    }
    if (off <= 1e-28 * Math.max(norm, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  const diag = doubleArray();
  for (let i = 0; i < n; i++) diag.push(a[i]![i]!);
  return diag.sort((x, y) => y - x);
}

/** Eigenvalues of the Jakes correlation matrix of transmissions at `timesMs` (descending, ≥ 0). */
export function jakesEigenvalues(dopplerHz: number, timesMs: readonly number[]): number[] {
  if (!Array.isArray(timesMs) || timesMs.length > 64 || !timesMs.every((x) => Number.isFinite(x))) return [];
  // rows of doubles (core/typed doubleArray): the diagonal's 1s would otherwise make some rows small-integer arrays
  const r = timesMs.map((ti) => {
    const row = doubleArray();
    for (const tj of timesMs) row.push(jakesCorrelation(dopplerHz, Math.abs(ti - tj)));
    return row;
  });
  const ev = symmetricEigenvalues(r);
  for (let i = 0; i < ev.length; i++) if (!(ev[i]! > 0)) ev[i] = 0;
  return ev;
}

/** Eigenvalues below this share of the largest are dropped (set to 0: conservative, see header). */
const DROP_BELOW = 0.01;
/** Series weight left out at most. */
const SERIES_TAIL = 1e-13;
const MAX_TERMS = 200_000;

/**
 * The part of `correlatedRayleighAverage` that depends only on the Gamma scales and the diversity (not
 * on the error curve or the mean SNR): the Moschopoulos series, the integration range and the density
 * of 10·log10 G at the points the integrator asked for. A verification asks for the same few scale sets
 * many times (issue 18: 1,924 calls, 17 distinct sets in one `phyclass classes`), each with a new error
 * curve; the integrator's points depend only on the range and the curve, so most of them recur.
 */
interface GammaSeries {
  readonly b1: number;
  readonly rho: number;
  /** logGamma(rho) */
  readonly lgRho: number;
  readonly weights: Float64Array;
  /** logRhoK[k] = ln(rho + k − 1) (k ≥ 1): the log-density recurrence of Gamma(rho + k). */
  readonly logRhoK: Float64Array;
  /** min over j ≥ k of logRhoK[j]: from k on every increment ln y − ln(rho + j − 1) is ≤ 0 when ln y ≤ this. */
  readonly minLogRhoFrom: Float64Array;
  /** max over j ≥ k of weights[j]. */
  readonly maxWeightFrom: Float64Array;
  readonly missing: number;
  readonly lo: number;
  readonly hi: number;
  /** v → density term p(v) (see `seriesDensity`); all series together hold at most DENSITY_POINTS_MAX points. */
  readonly density: Map<number, number>;
}

/**
 * Bounds of the memo tables (cleared when full: a memo of a pure function, outputs never depend on it):
 * at most 256 series and 2^18 density points over all of them (≈ 20 MB).
 */
const SERIES_MEMO_MAX = 256;
const DENSITY_POINTS_MAX = 1 << 18;
const seriesMemo = new Map<string, GammaSeries>();
let densityPoints = 0;

/** 2^-55: a term below p·2^-55 cannot change the rounded sum p (it is < ulp(p)/2 with margin). */
const ABSORBED = Math.pow(2, -55);

function gammaSeries(scales: readonly number[], l: number, top: number): GammaSeries {
  const key = `${l}|${scales.join(',')}`;
  const hit = seriesMemo.get(key);
  if (hit !== undefined) return hit;
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
  const n = weights.length;
  const logRhoK = new Float64Array(n);
  for (let k = 1; k < n; k++) logRhoK[k] = Math.log(rho + k - 1);
  const minLogRhoFrom = new Float64Array(n + 1);
  const maxWeightFrom = new Float64Array(n + 1);
  minLogRhoFrom[n] = Number.POSITIVE_INFINITY;
  for (let k = n - 1; k >= 1; k--) {
    minLogRhoFrom[k] = Math.min(minLogRhoFrom[k + 1]!, logRhoK[k]!);
    maxWeightFrom[k] = Math.max(maxWeightFrom[k + 1]!, weights[k]!);
  }
  // support: from where every component's lower tail is < 1e-16 to well above the largest mean
  const meanG = scales.reduce((a, b) => a + b, 0) * l;
  const loG = b1 * Math.exp((Math.log(1e-16) + logGamma(rho + 1)) / rho);
  const hiG = (rho + n) * b1 + 14 * Math.sqrt(meanG * top) + 45 * top;
  const series: GammaSeries = {
    b1,
    rho,
    lgRho: logGamma(rho),
    weights: Float64Array.from(weights),
    logRhoK,
    minLogRhoFrom,
    maxWeightFrom,
    missing: Math.max(0, 1 - mass),
    lo: Math.max(-400, 10 * Math.log10(Math.min(loG, 1e-3 * meanG))),
    hi: 10 * Math.log10(Math.max(hiG, 10 * meanG)),
    density: new Map(),
  };
  if (seriesMemo.size >= SERIES_MEMO_MAX) {
    seriesMemo.clear();
    densityPoints = 0;
  }
  seriesMemo.set(key, series);
  return series;
}

/**
 * p(v) = g·p_G(g) at g = 10^(v/10), p_G = Σ_k w_k·Gamma(ρ+k, scale β1): the terms in order k = 0, 1, …
 * with log-term recurrence log(y^(ρ+k) e^(−y) / Γ(ρ+k)). Two exits skip only terms that cannot change
 * the rounded sum, so the value is bit-identical to summing all of them: past the peak (every later
 * increment ≤ 0, so every later log-term is ≤ this one) the loop stops when the log-term is ≤ −745
 * (every later term underflows and was skipped anyway) or when the largest later weight times this
 * term's exponential is < p·2^-55 (every later addition is below half an ulp of p and rounds to p).
 */
function seriesDensity(s: GammaSeries, v: number): number {
  const hit = s.density.get(v);
  if (hit !== undefined) return hit;
  const g = Math.pow(10, v / 10);
  const y = g / s.b1;
  const ly = Math.log(y);
  const w = s.weights;
  const lr = s.logRhoK;
  const n = w.length;
  let p = 0;
  let logTerm = s.rho * ly - y - s.lgRho; // log of y^ρ e^{−y} / Γ(ρ) = g·Gamma(ρ, β1)(g)
  for (let k = 0; k < n; k++) {
    let falling = false;
    if (k > 0) {
      logTerm += ly - lr[k]!;
      falling = ly <= s.minLogRhoFrom[k]!;
      if (falling && !(logTerm > -745)) break;
    }
    if (logTerm > -745) {
      const e = Math.exp(logTerm);
      const wk = w[k]!;
      if (wk > 0) p += wk * e;
      if (falling && p > 1e-300 && s.maxWeightFrom[k]! * e < p * ABSORBED) break;
    }
  }
  if (densityPoints >= DENSITY_POINTS_MAX) {
    for (const x of seriesMemo.values()) x.density.clear();
    densityPoints = 0;
  }
  s.density.set(v, p);
  densityPoints++;
  return p;
}

/**
 * E[errorAtSnrDb(meanSnrDb + 10·log10 G)] with G = Σ_k λ_k·W_k, W_k ~ Gamma(diversity, 1) independent:
 * the fading average of a Chase-combined error over transmissions with correlated Rayleigh fades whose
 * correlation matrix has eigenvalues `eigenvalues` (sum = the number of transmissions). An upper bound of
 * the exact value (see the header), in [0, 1]; `errorAtSnrDb` is read as non-increasing and clamped to [0, 1].
 * The series and the density at the integrator's points are memoised per (scales, diversity) in bounded
 * tables (`gammaSeries`, `seriesDensity`): the answer is the same bits with or without them.
 */
export function correlatedRayleighAverage(
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
  const s = gammaSeries(scales, l, top);
  // integrand in v = 10·log10 G: f(mean + v)·p_G(g)·g·ln10/10
  const ln10_10 = Math.LN10 / 10;
  const h = (v: number): number => {
    const p = seriesDensity(s, v);
    return p > 0 ? f(mean + v) * p * ln10_10 : 0;
  };
  const e = integrate(h, s.lo, s.hi, 1) + s.missing;
  return e > 0 ? (e < 1 ? e : 1) : 0;
}

/**
 * A seeded Rayleigh fading process with Jakes' autocorrelation, for simulators: the sum of
 * `sinusoids` unit phasors with i.i.d. uniform arrival angles α_m and phases φ_m,
 * h(t) = M^(−1/2)·Σ_m exp(j(2π f_D t cos α_m + φ_m)). With random angles E[h(t)·h*(t + τ)] =
 * E[exp(−j2π f_D τ cos α)] = J0(2π f_D τ) exactly for any M, E|h|² = 1, and h is complex Gaussian as
 * M → ∞ (central limit; M = 32 by default). `powerAt(timeMs)` returns |h(t)|² (the SNR factor of one
 * branch). Pure given the draws: the angles and phases are taken from `uniform` once, at construction.
 */
export interface JakesFader {
  /** |h(t)|² at `timeMs` (≥ 0, mean 1). */
  powerAt(timeMs: number): number;
}

/**
 * The draws of a `JakesFader`: per sinusoid its Doppler angular frequency (rad per ms) and phase,
 * taken from `uniform` in the order angle, phase, angle, phase, … (what `jakesFader` evaluates;
 * exposed so a simulator can keep many faders in flat arrays, `jakesPowerAt`).
 */
export function jakesTables(uniform: () => number, dopplerHz: number, sinusoids = 32): { readonly w: Float64Array; readonly phase: Float64Array } {
  // a source that is not a function, or answers outside [0, 1), gives a static unit-power channel
  const draw = (): number => {
    const u = typeof uniform === 'function' ? uniform() : 0;
    return typeof u === 'number' && u >= 0 && u < 1 ? u : 0;
  };
  const m = Number.isInteger(sinusoids) && sinusoids >= 1 && sinusoids <= 4096 ? sinusoids : 32;
  const fd = typeof dopplerHz === 'number' && dopplerHz > 0 && Number.isFinite(dopplerHz) ? dopplerHz : 0;
  const w = new Float64Array(m);
  const phase = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    w[i] = (2 * Math.PI * fd * Math.cos(2 * Math.PI * draw())) / 1000; // rad per ms
    phase[i] = 2 * Math.PI * draw();
  }
  return { w, phase };
}

/**
 * |h(t)|² of the fader whose `m` sinusoids are w[off..off+m), phase[off..off+m) (`jakesTables`), at
 * `timeMs` (a non-finite time reads as 0). Kernel: no validation of the tables, no allocation.
 */
export function jakesPowerAt(w: Float64Array, phase: Float64Array, off: number, m: number, timeMs: number): number {
  const t = typeof timeMs === 'number' && Number.isFinite(timeMs) ? timeMs : 0;
  let re = 0;
  let im = 0;
  for (let i = off; i < off + m; i++) {
    const a = (w[i] as number) * t + (phase[i] as number);
    re += Math.cos(a);
    im += Math.sin(a);
  }
  return (re * re + im * im) / m;
}

/** Build a `JakesFader` from a uniform [0, 1) source (e.g. `makeRng(seed).uniform`). */
export function jakesFader(uniform: () => number, dopplerHz: number, sinusoids = 32): JakesFader {
  const { w, phase } = jakesTables(uniform, dopplerHz, sinusoids);
  const m = w.length;
  return {
    powerAt(timeMs: number): number {
      return jakesPowerAt(w, phase, 0, m, timeMs);
    },
  };
}

/** How fast a service's UE moves (issue 14 item 3): the speed and the 3GPP scenario it is taken from. */
export interface Mobility {
  /** UE speed in km/h (≥ 0; 0 = static channel, i.e. 'same' fading). */
  readonly speedKmh: number;
  /** The 3GPP evaluation scenario / clause the speed comes from. */
  readonly scenario: string;
}

/**
 * Mobility of a service that states none: a pedestrian / indoor UE at 3 km/h, the UT speed of the
 * TR 38.901 §7.2 (Table 7.2-1) indoor and UMi evaluation scenarios.
 */
export const DEFAULT_MOBILITY: Mobility = Object.freeze({ speedKmh: 3, scenario: 'TR 38.901 Table 7.2-1 indoor/pedestrian UT 3 km/h (default)' });

/** Maximum Doppler (Hz) of a UE with `mobility` (default DEFAULT_MOBILITY) on a carrier at `carrierGHz`. */
export function mobilityDopplerHz(mobility: Mobility | undefined, carrierGHz: number): number {
  return maxDopplerHz((mobility ?? DEFAULT_MOBILITY).speedKmh, carrierGHz * 1000);
}

/**
 * Start times (ms, first 0) of HARQ transmissions 1..n from the latency to the end of each
 * (`endMs[i]` for transmission i + 1; equal durations, so end-to-end gaps are start-to-start gaps).
 */
export function transmissionTimesFromEnds(endMs: ArrayLike<number>, n: number, offset = 0): number[] {
  const out: number[] = [];
  const first = endMs[offset] as number;
  for (let i = 0; i < n; i++) {
    const v = (endMs[offset + i] as number) - first;
    out.push(Number.isFinite(v) && v >= 0 ? v : i);
  }
  return out;
}
