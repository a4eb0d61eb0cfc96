/**
 * Average of an SNR-dependent error probability over block fading (the SNR is constant over one
 * transmission and drawn afresh per block), with maximum-ratio combining of L diversity branches.
 *
 * Per-branch amplitude models (each branch has mean SNR γ̄ = 10^(meanSnrDb/10); MRC adds the branch
 * SNRs, so the combined mean is L·γ̄ — the array gain is included):
 * - Rayleigh: branch SNR exponential; L branches: γ = γ̄·G, G ~ Gamma(L, 1).
 * - Nakagami-m: G ~ Gamma(m·L, 1/m) (Nakagami 1960; Simon & Alouini, "Digital Communication over
 *   Fading Channels", 2nd ed., §2.2.1.4 and §9.2).
 * - Rician with factor K (linear from kFactorDb): 2(K+1)·G ~ non-central χ² with 2L degrees of freedom
 *   and non-centrality 2LK (Simon & Alouini §2.2.1.3), evaluated as a Poisson mixture of central χ².
 *
 * E[f] = ∫ f(meanSnrDb + v)·p_V(v) dv with V = 10·log10 G, by adaptive Simpson quadrature in the dB
 * domain on panels of min(4 dB, half the spread of V) spanning the whole support (lower end where
 * the CDF is < 1e-16, i.e. down to −160 dB for Rayleigh), refined to a relative tolerance of 1e-7
 * of a first coarse estimate (absolute floor 1e-17). Closed-form checks (BPSK over Rayleigh/
 * Nakagami/MRC) agree to < 1e-6 relative down to error levels of 1e-6 (test/link/fading.test.ts).
 * See spec/fading.md.
 */
import type { FadingModel } from '../core/types.js';

const LN10_10 = Math.LN10 / 10;
/** Panel width (dB) and relative tolerance of the adaptive quadrature. */
const PANEL_DB = 4;
const REL_TOL = 1e-7;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const xx = x - 1;
  let a = c[0] as number;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Shape of the combined SNR G (mean = L) for one fading model. */
interface Shape {
  readonly kind: 'gamma' | 'rician';
  /** gamma: shape a and rate b (density b^a g^(a−1) e^(−bg)/Γ(a)); rician: L and K. */
  readonly a: number;
  readonly b: number;
  readonly l: number;
  readonly k: number;
}

function diversityOf(f: FadingModel): number {
  const d = f.kind === 'awgn' ? 1 : (f.diversity ?? 1);
  return Number.isFinite(d) && d >= 1 ? Math.min(Math.round(d), 64) : 1;
}

function shapeOf(f: FadingModel): Shape | undefined {
  switch (f.kind) {
    case 'rayleigh': {
      const l = diversityOf(f);
      return { kind: 'gamma', a: l, b: 1, l, k: 0 };
    }
    case 'nakagami': {
      const l = diversityOf(f);
      const m = Number.isFinite(f.m) && f.m >= 0.5 ? Math.min(f.m, 1e4) : 0.5;
      return { kind: 'gamma', a: m * l, b: m, l, k: 0 };
    }
    case 'rician': {
      const l = diversityOf(f);
      const kDb = Number.isFinite(f.kFactorDb) ? Math.max(-40, Math.min(f.kFactorDb, 30)) : 0;
      const k = Math.pow(10, kDb / 10);
      return { kind: 'rician', a: 0, b: 0, l, k };
    }
    default:
      return undefined;
  }
}

/**
 * ln of the density of G at g > 0 for a Rician shape (a Gamma shape's, a·ln b + (a − 1)·ln g − b·g − ln Γ(a),
 * is in logDbDensity, with its constant terms computed once).
 */
function ricianLogDensity(s: Shape, g: number): number {
  // x = 2(K+1)g ~ χ'²(2L, λ = 2LK): Poisson(μ = λ/2) mixture of central χ²(2L + 2j):
  // term(j) = −μ + j·ln μ − lnΓ(j+1) + (L+j−1)·ln x − x/2 − (L+j)·ln 2 − lnΓ(L+j),
  // term(j+1) − term(j) = ln(μ·x/2) − ln((j+1)(L+j)); summed outwards from the largest term.
  const c = 2 * (s.k + 1);
  const x = c * g;
  if (!(x > 0) || !Number.isFinite(x)) return -Infinity;
  const mu = s.l * s.k;
  const lx = Math.log(x);
  const central = (j: number): number =>
    (mu > 0 ? -mu + j * Math.log(mu) : 0) - logGamma(j + 1) + (s.l + j - 1) * lx - 0.5 * x - (s.l + j) * Math.LN2 - logGamma(s.l + j);
  if (!(mu > 0)) return central(0) + Math.log(c);
  // peak where (j+1)(L+j) ≈ μx/2
  const prod = 0.5 * mu * x;
  const jStar = Math.max(0, Math.floor(0.5 * (-(s.l + 1) + Math.sqrt((s.l - 1) * (s.l - 1) + 4 * prod))));
  const t0 = central(jStar);
  const lp = Math.log(prod);
  let sum = 1;
  let t = 0; // relative to t0
  for (let j = jStar; j < jStar + 100000; j++) {
    t += lp - Math.log((j + 1) * (s.l + j));
    if (t < -45) break;
    sum += Math.exp(t);
  }
  t = 0;
  for (let j = jStar - 1; j >= 0; j--) {
    t -= lp - Math.log((j + 1) * (s.l + j));
    if (t < -45) break;
    sum += Math.exp(t);
  }
  return t0 + Math.log(sum) + Math.log(c);
}

/** Standard deviation of 10·log10 G (dB), first order: 4.34 × the coefficient of variation of G. */
function spreadDb(s: Shape): number {
  const cv = s.kind === 'gamma' ? 1 / Math.sqrt(s.a) : Math.sqrt(s.l * (2 * s.k + 1)) / (s.l * (s.k + 1));
  return (10 / Math.LN10) * cv;
}

/** Support of V = 10·log10 G (dB) outside which the probability mass is < ~1e-15. */
function supportDb(s: Shape): readonly [number, number] {
  if (s.kind === 'gamma') {
    // lower tail F(g) ≈ (b g)^a / Γ(a+1) ; upper tail ~ Poisson-like
    const lo = (Math.log(1e-16) + logGamma(s.a + 1)) / s.a - Math.log(s.b);
    const hi = Math.log((s.a + 14 * Math.sqrt(s.a) + 45) / s.b);
    return [Math.max(lo / LN10_10, -400), hi / LN10_10];
  }
  // Rician: F(g) ≈ ((K+1) g)^L e^(−LK) / L! for small g; for large K that bound is useless and the
  // mass sits within a few dB of the mean, so never start above 20 dB below the mean
  const loTail = (Math.log(1e-16) + logGamma(s.l + 1) + s.l * s.k) / s.l - Math.log(s.k + 1);
  const mean = s.l;
  const lo = Math.min(loTail, Math.log(0.01 * mean));
  const hi = Math.log(mean + 14 * Math.sqrt(mean) + 45);
  return [Math.max(lo / LN10_10, -400), hi / LN10_10];
}

/**
 * E[errorAtSnrDb(SNR_dB)] over the fading model with per-branch mean SNR `meanSnrDb`.
 * For { kind: 'awgn' } it is errorAtSnrDb(meanSnrDb). The callback's values are clamped into [0, 1]
 * (NaN counts as 1). Result in [0, 1], never NaN.
 */
export function fadingAverage(errorAtSnrDb: (snrDb: number) => number, meanSnrDb: number, fading: FadingModel): number {
  const mean = meanSnrDb !== meanSnrDb ? -400 : Math.max(-400, Math.min(400, meanSnrDb));
  const f = (snrDb: number): number => {
    const e = errorAtSnrDb(snrDb);
    return e >= 0 ? (e <= 1 ? e : 1) : e === e ? 0 : 1;
  };
  const s = shapeOf(fading);
  if (!s) return f(mean);
  const [lo, hi] = supportDb(s);
  // integrand in v (dB of G): f(mean + v) · p_G(g) · g · ln10/10, g = 10^(v/10)
  const logDens = logDbDensity(s);
  const h = (v: number): number => {
    const ld = logDens(v);
    return ld < -745 || ld !== ld ? 0 : f(mean + v) * Math.exp(ld);
  };
  // panels no wider than half the spread of the distribution, so narrow ones (large K or m) are seen
  const panel = Math.max(0.01, Math.min(PANEL_DB, 0.5 * spreadDb(s)));
  return clamp01(integrate(h, lo, hi, panel));
}

function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}

/** Panelled adaptive Simpson integration of a non-negative integrand (also used by link/correlation.ts). */
export function integrate(h: (v: number) => number, lo: number, hi: number, panel: number): number {
  const nPanels = Math.max(1, Math.ceil((hi - lo) / panel));
  const w = (hi - lo) / nPanels;
  // first pass: coarse Simpson per panel to set the relative tolerance
  const fa: number[] = [];
  for (let i = 0; i <= 2 * nPanels; i++) fa.push(h(lo + (i * w) / 2));
  let coarse = 0;
  for (let i = 0; i < nPanels; i++) {
    coarse += (w / 6) * ((fa[2 * i] as number) + 4 * (fa[2 * i + 1] as number) + (fa[2 * i + 2] as number));
  }
  const tolTotal = Math.max(1e-17, REL_TOL * Math.abs(coarse));
  let total = 0;
  for (let i = 0; i < nPanels; i++) {
    const a = lo + i * w;
    const b = a + w;
    const f0 = fa[2 * i] as number;
    const f1 = fa[2 * i + 1] as number;
    const f2 = fa[2 * i + 2] as number;
    const whole = (w / 6) * (f0 + 4 * f1 + f2);
    total += simpson(h, a, b, f0, f1, f2, whole, tolTotal / nPanels, 40);
  }
  return total;
}

function simpson(
  h: (v: number) => number,
  a: number,
  b: number,
  fa: number,
  fm: number,
  fb: number,
  whole: number,
  tol: number,
  depth: number,
): number {
  const m = 0.5 * (a + b);
  const lm = 0.5 * (a + m);
  const rm = 0.5 * (m + b);
  const flm = h(lm);
  const frm = h(rm);
  const left = ((m - a) / 6) * (fa + 4 * flm + fm);
  const right = ((b - m) / 6) * (fm + 4 * frm + fb);
  const diff = left + right - whole;
  if (depth <= 0 || !(Math.abs(diff) > 15 * tol)) return diff === diff ? left + right + diff / 15 : 0;
  return (
    simpson(h, a, m, fa, flm, fm, left, tol / 2, depth - 1) + simpson(h, m, b, fm, frm, fb, right, tol / 2, depth - 1)
  );
}

/** Tabulated CDF of the (combined) SNR in dB: `at(snrDb)` = P(SNR_dB < snrDb). */
export interface FadingCdf {
  /** Lower end of the table, dB: `at` is 0 at and below it. */
  readonly loDb: number;
  /** Upper end of the table, dB: `at` is 1 at and above it. */
  readonly hiDb: number;
  /** P(SNR_dB < snrDb), linearly interpolated on a 0.01 dB grid, in [0, 1]. */
  at(snrDb: number): number;
}

const CDF_STEP_DB = 0.01;

/** The mean-independent part of a tabulated CDF: the normalised cumulative sums in dB of G. */
interface CdfShape {
  readonly lo: number;
  readonly step: number;
  readonly n: number;
  readonly cum: Float64Array;
}
const shapeCache = new Map<string, CdfShape>();
const cdfCache = new Map<string, FadingCdf>();

/**
 * ln of the density of V = 10·log10 G in dB: ln p_G(g) + ln g + ln(ln10/10) at g = 10^(v/10). For a
 * gamma shape the terms that do not depend on v (a·ln b, ln Γ(a), ln(ln10/10)) and ln g are computed
 * once — the same floating-point operations in the same order as the term-by-term form, so the
 * same bits (test/link/fading.test.ts), several times cheaper: a first call builds its tables from tens
 * of thousands of these per shape (issue 18).
 */
function logDbDensity(s: Shape): (v: number) => number {
  if (s.kind !== 'gamma') {
    return (v: number): number => {
      const g = Math.pow(10, v / 10);
      return ricianLogDensity(s, g) + Math.log(g) + Math.log(LN10_10);
    };
  }
  const aLogB = s.a * Math.log(s.b);
  const aMinus1 = s.a - 1;
  const b = s.b;
  const logGammaA = logGamma(s.a);
  const logScale = Math.log(LN10_10);
  return (v: number): number => {
    const g = Math.pow(10, v / 10);
    const logG = Math.log(g);
    return aLogB + aMinus1 * logG - b * g - logGammaA + logG + logScale;
  };
}

/** The density of V = 10·log10 G in dB, p_G(g)·g·ln10/10 at g = 10^(v/10) (0 where its log is below −745). */
function dbDensity(s: Shape): (v: number) => number {
  const logDens = logDbDensity(s);
  return (v: number): number => {
    const ld = logDens(v);
    return ld < -745 ? 0 : Math.exp(ld);
  };
}

/**
 * ln of the dB-domain density that fadingCdf's table and fadingAverage integrate (logDbDensity;
 * undefined for 'awgn'); exported for tests.
 */
export function fadingLogDbDensity(fading: FadingModel): ((v: number) => number) | undefined {
  const s = shapeOf(fading);
  return s === undefined ? undefined : logDbDensity(s);
}

function cdfShape(s: Shape): CdfShape {
  const key = `${s.kind}/${s.a}/${s.b}/${s.l}/${s.k}`;
  const hit = shapeCache.get(key);
  if (hit) return hit;
  const [lo, hi] = supportDb(s);
  const step = Math.max(0.0005, Math.min(CDF_STEP_DB, 0.05 * spreadDb(s)));
  const n = Math.ceil((hi - lo) / step);
  const dens = dbDensity(s);
  const cum = new Float64Array(n + 1);
  let prev = dens(lo);
  for (let i = 1; i <= n; i++) {
    const a = lo + (i - 1) * step;
    const mid = dens(a + step / 2);
    const next = dens(a + step);
    cum[i] = (cum[i - 1] as number) + (step / 6) * (prev + 4 * mid + next);
    prev = next;
  }
  const total = cum[n] as number;
  for (let i = 0; i <= n; i++) cum[i] = (cum[i] as number) / total;
  const shape: CdfShape = { lo, step, n, cum };
  if (shapeCache.size > 256) shapeCache.clear();
  shapeCache.set(key, shape);
  return shape;
}

/**
 * The CDF of the combined SNR (dB) for a fading model and per-branch mean, by cumulative Simpson
 * integration of the dB-domain density on a 0.01 dB grid (normalised to 1), linearly interpolated.
 * The cumulative table depends only on the fading shape (the mean only shifts it in dB), so it is
 * built once per shape (up to 256 cached) and every mean gets a shifted view (up to 1024 cached).
 * For 'awgn' it is the step at meanSnrDb.
 */
export function fadingCdf(fading: FadingModel, meanSnrDb: number): FadingCdf {
  const mean = meanSnrDb !== meanSnrDb ? -400 : Math.max(-400, Math.min(400, meanSnrDb));
  const s = shapeOf(fading);
  if (!s) return { loDb: mean, hiDb: mean, at: (x: number) => (x > mean ? 1 : 0) };
  const key = `${s.kind}/${s.a}/${s.b}/${s.l}/${s.k}@${mean}`;
  const hit = cdfCache.get(key);
  if (hit) return hit;
  const { lo, step, n, cum } = cdfShape(s);
  const loDb = mean + lo;
  const hiDb = mean + lo + n * step;
  const cdf: FadingCdf = {
    loDb,
    hiDb,
    at: (x: number): number => {
      const t = (x - loDb) / step;
      if (!(t > 0)) return 0;
      if (t >= n) return 1;
      const i = t | 0;
      const u = t - i;
      return (cum[i] as number) + u * ((cum[i + 1] as number) - (cum[i] as number));
    },
  };
  if (cdfCache.size > 1024) cdfCache.clear();
  cdfCache.set(key, cdf);
  return cdf;
}

/**
 * The CDF of a fading model's combined SNR (dB) sampled on a lattice anchored at the mean:
 * `values[i − i0]` = P(SNR_dB < mean + i·stepDb) for i0 ≤ i ≤ i1, 0 below i0 and 1 above i1.
 * It is `fadingCdf(fading, mean).at(mean + i·stepDb)` evaluated relative to the mean, so it does not
 * depend on the mean (for means in [−400, 400] dB, where fadingCdf does not clamp; the two agree up
 * to the rounding of adding the mean, ~1e-14 dB).
 */
export interface FadingLatticeCdf {
  /** Lattice step, dB. */
  readonly stepDb: number;
  /** Lower end of the tabulated CDF relative to the mean, dB (`fadingCdf(...).loDb − mean`). */
  readonly loDb: number;
  /** Upper end of the tabulated CDF relative to the mean, dB (`fadingCdf(...).hiDb − mean`). */
  readonly hiDb: number;
  /** First tabulated lattice index: floor(loDb / stepDb) (the CDF is 0 there and below). */
  readonly i0: number;
  /** Last tabulated lattice index: ceil(hiDb / stepDb) (the CDF is 1 there and above). */
  readonly i1: number;
  /** CDF at lattice indices i0..i1 (non-decreasing, in [0, 1]). */
  readonly values: Float64Array;
}
const latticeCache = new Map<string, FadingLatticeCdf>();

/**
 * `fadingCdf` sampled on the lattice mean + i·stepDb, relative to the mean (see FadingLatticeCdf).
 * Hot loops that walk such a lattice (classes/model's Riemann bounds) read it instead of calling
 * `fadingCdf(...).at` per point and per mean. Built once per (shape, step), up to 256 cached;
 * undefined for 'awgn' or a step that is not finite and positive.
 */
export function fadingLatticeCdf(fading: FadingModel, stepDb: number): FadingLatticeCdf | undefined {
  const s = shapeOf(fading);
  if (!s || !(stepDb > 0) || !Number.isFinite(stepDb)) return undefined;
  const key = `${s.kind}/${s.a}/${s.b}/${s.l}/${s.k}:${stepDb}`;
  const hit = latticeCache.get(key);
  if (hit) return hit;
  const { lo, step, n, cum } = cdfShape(s);
  const hi = lo + n * step;
  const i0 = Math.floor(lo / stepDb);
  const i1 = Math.max(i0, Math.ceil(hi / stepDb));
  const values = new Float64Array(i1 - i0 + 1);
  for (let i = i0; i <= i1; i++) {
    // same interpolation as fadingCdf's `at`, with x − loDb taken relative to the mean
    const t = (i * stepDb - lo) / step;
    let v: number;
    if (!(t > 0)) v = 0;
    else if (t >= n) v = 1;
    else {
      const c = t | 0;
      const u = t - c;
      v = (cum[c] as number) + u * ((cum[c + 1] as number) - (cum[c] as number));
    }
    values[i - i0] = v;
  }
  values[i1 - i0] = 1;
  const out: FadingLatticeCdf = { stepDb, loDb: lo, hiDb: hi, i0, i1, values };
  if (latticeCache.size > 256) latticeCache.clear();
  latticeCache.set(key, out);
  return out;
}

/**
 * The same fading with `factor` times as many combined branches: the SNR summed over `factor`
 * independent realisations (Chase combining of independently faded HARQ attempts, or MRC) is the
 * fading of `factor`·L branches, since sums of i.i.d. Gamma SNRs stay Gamma.
 */
export function withDiversity(f: FadingModel, factor: number): FadingModel {
  switch (f.kind) {
    case 'awgn':
      return f;
    case 'rayleigh':
      return { kind: 'rayleigh', diversity: (f.diversity ?? 1) * factor };
    case 'rician':
      return { kind: 'rician', kFactorDb: f.kFactorDb, diversity: (f.diversity ?? 1) * factor };
    case 'nakagami':
      return { kind: 'nakagami', m: f.m, diversity: (f.diversity ?? 1) * factor };
  }
}
