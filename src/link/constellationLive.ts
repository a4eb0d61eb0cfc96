/**
 * Live computation of the capacity C and dispersion V of equiprobable unit-energy M-PAM on the real
 * AWGN channel (the building block of BPSK/QPSK/QAM in constellation.ts), as the mean and variance
 * of the information density (Polyanskiy–Poor–Verdú 2010, §IV; SPECTRE `biawgn_stats.m` for the
 * binary case), coded-modulation or BICM (Gray), by Gauss–Hermite quadrature.
 *
 * For one PAM symbol x: i = log2 M − log2 Σ_x' exp(−(√s·d·z + s·d²/2)), d = x − x', z ~ N(0,1).
 * E[·] over z by Gauss–Hermite quadrature (GH_NODES nodes, computed here by Newton iteration on the
 * orthonormal Hermite recurrence), averaged over the M/2 positive symbols (the constellation is
 * symmetric). The variance uses a second pass about the mean (no E[i²] − C² cancellation).
 * A 32-PAM BICM point costs a few ms, so the models read precomputed tables
 * (constellationTables.ts, generated from this file by scripts/gen-constellation-tables.ts);
 * this module stays the reference the tests check the tables against. See spec/bler.md §2.
 */
import { goldenSection } from '../core/golden.js';

/** Number of Gauss–Hermite nodes used for the information-density moments. */
export const GH_NODES = 96;
/** Per-dimension SNR grid (dB) of the tabulated PAM statistics (constellationTables.ts). */
export const GRID_MIN_DB = -25;
export const GRID_MAX_DB = 52;
export const GRID_STEP_DB = 0.1;
const LOG2E = Math.LOG2E;

/**
 * Gauss–Hermite nodes x_i and weights w_i for ∫ e^{−x²} f(x) dx ≈ Σ w_i f(x_i)
 * (Newton iteration on the orthonormal Hermite recurrence with the classical initial guesses).
 */
export function gaussHermite(n: number): { readonly nodes: Float64Array; readonly weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const pim4 = Math.pow(Math.PI, -0.25);
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * (nodes[0] as number);
    else if (i === 3) z = 1.91 * z - 0.91 * (nodes[1] as number);
    else z = 2 * z - (nodes[i - 2] as number);
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    nodes[n - 1 - i] = -z;
    weights[i] = 2 / (pp * pp);
    weights[n - 1 - i] = weights[i] as number;
  }
  return { nodes, weights };
}

let gh: { z: Float64Array; w: Float64Array } | undefined;
/** Probabilists' nodes z = √2·x and weights w/√π for E[f(Z)], Z ~ N(0,1); nodes with negligible weight dropped. */
function normalQuadrature(): { z: Float64Array; w: Float64Array } {
  if (gh) return gh;
  const { nodes, weights } = gaussHermite(GH_NODES);
  const zs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < GH_NODES; i++) {
    const w = (weights[i] as number) / Math.sqrt(Math.PI);
    if (w < 1e-30) continue; // beyond |z| ≈ 11.7: no effect on the moments in double precision
    zs.push(Math.SQRT2 * (nodes[i] as number));
    ws.push(w);
  }
  gh = { z: Float64Array.from(zs), w: Float64Array.from(ws) };
  return gh;
}

/** Points of unit-energy M-PAM: ±a, ±3a, …, a = √(3/(M²−1)). */
export function pamPoints(m: number): Float64Array {
  const a = Math.sqrt(3 / (m * m - 1));
  const pts = new Float64Array(m);
  for (let i = 0; i < m; i++) pts[i] = (2 * i - m + 1) * a;
  return pts;
}

/**
 * Mean C (bits) and variance V (bits²) of the information density of equiprobable unit-energy
 * M-PAM on Y = √s·X + Z, Z ~ N(0,1), by Gauss–Hermite quadrature. `s` is the linear SNR per dimension.
 * With `bicm`, the density is the bit-interleaved (BICM) one of a binary-reflected Gray labelling,
 * i = Σ_l log2(p(y|b_l)/p(y)) (sum of the bit-level densities; its mean is the BICM capacity,
 * Caire–Taricco–Biglieri 1998), which is what an LDPC decoder fed with bit LLRs can use.
 */
export function pamInfoDensityStats(
  m: number,
  s: number,
  bicm = false,
): { readonly c: number; readonly v: number } {
  const { z, w } = normalQuadrature();
  const pts = pamPoints(m);
  const rs = Math.sqrt(s);
  const half = m >> 1;
  const nq = z.length;
  const bits = Math.round(Math.log2(m));
  const useBits = bicm && bits > 1;
  const gray = new Int32Array(m);
  for (let i = 0; i < m; i++) gray[i] = i ^ (i >> 1);
  const wts = new Float64Array(m);
  const sl = new Float64Array(bits);
  const jvals = new Float64Array(half * nq); // log2 M − i per (symbol, node)
  let mean = 0;
  for (let a = 0; a < half; a++) {
    const ix = half + a; // positive symbols (the labelling is mirror-symmetric up to the MSB)
    const x = pts[ix] as number;
    const gx = gray[ix] as number;
    for (let q = 0; q < nq; q++) {
      const zz = z[q] as number;
      let sum = 0;
      for (let b = 0; b < m; b++) {
        const d = x - (pts[b] as number);
        const ex = -(rs * d * zz + 0.5 * s * d * d);
        // every sum below holds the term of x itself (1), so a term under e^-40 changes it by < 5e-18
        const e = ex > -40 ? Math.exp(ex) : 0;
        wts[b] = e;
        sum += e;
      }
      let j: number;
      if (useBits) {
        sl.fill(0);
        for (let b = 0; b < m; b++) {
          const same = ~(gx ^ (gray[b] as number));
          const e = wts[b] as number;
          for (let l = 0; l < bits; l++) if ((same >> l) & 1) sl[l] = (sl[l] as number) + e;
        }
        // log2 M − i = bits·log2 S − Σ_l log2 S_l
        let acc = bits * Math.log(sum);
        for (let l = 0; l < bits; l++) acc -= Math.log(sl[l] as number);
        j = acc * LOG2E;
      } else {
        j = Math.log(sum) * LOG2E;
      }
      jvals[a * nq + q] = j;
      mean += (w[q] as number) * j;
    }
  }
  mean /= half;
  let varSum = 0;
  for (let a = 0; a < half; a++) {
    for (let q = 0; q < nq; q++) {
      const dv = (jvals[a * nq + q] as number) - mean;
      varSum += (w[q] as number) * dv * dv;
    }
  }
  const c = Math.log2(m) - mean;
  return { c: c > 0 ? c : 0, v: varSum / half };
}

/**
 * The SNR (dB, per dimension) where V of M-PAM peaks and the peak value, computed live (1 dB scan,
 * then golden-section refinement; V is unimodal in SNR for every PAM order here, checked in the
 * tests). Used by the table generator; the models read the tabulated values.
 */
export function pamVPeakLive(m: number, bicm = false): { readonly peakDb: number; readonly peakV: number } {
  const vAt = (db: number): number => pamInfoDensityStats(m, Math.pow(10, db / 10), bicm && m > 2).v;
  let best = GRID_MIN_DB;
  let bestV = -1;
  for (let db = GRID_MIN_DB; db <= GRID_MAX_DB; db += 1) {
    const v = vAt(db);
    if (v > bestV) {
      bestV = v;
      best = db;
    }
  }
  const lo = best - 1;
  const hi = best + 1;
  // maximise V: minimise −V
  const g = goldenSection((db) => -vAt(db), lo, hi, 40);
  return { peakDb: 0.5 * (g.lo + g.hi), peakV: Math.max(-g.f1, -g.f2, bestV) };
}

