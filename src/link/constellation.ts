/**
 * Capacity C and dispersion V of the AWGN channel with a finite, equiprobable input alphabet
 * (BPSK, QPSK and square 16/64/256/1024-QAM with unit average energy), computed as the mean and
 * variance of the information density i(X;Y) (Polyanskiy–Poor–Verdú 2010, §IV; SPECTRE
 * `biawgn_stats.m` for the binary case) and cached on a fine SNR grid.
 *
 * Reduction to one dimension. Square M²-QAM with unit energy is the product of two independent
 * unit-energy M-PAM components, each seeing a real AWGN channel Y = √s·X + Z, Z ~ N(0,1), with the
 * per-component SNR s equal to the complex-symbol SNR ρ (half the energy and half the noise per
 * dimension). The information density of the QAM symbol is the sum of the two PAM densities, which
 * are independent, so per complex channel use C_QAM(ρ) = 2·C_PAM(ρ) and V_QAM(ρ) = 2·V_PAM(ρ).
 * QPSK is two BPSKs (M = 2). BPSK on the complex channel puts all the energy on one dimension and
 * sees only that dimension's noise: C_BPSK(ρ) = C_PAM2(2ρ), V_BPSK(ρ) = V_PAM2(2ρ).
 * (The labelling — Gray or not — does not enter the coded-modulation C and V used here.)
 *
 * For one PAM symbol x: i = log2 M − log2 Σ_x' exp(−(√s·d·z + s·d²/2)), d = x − x', z ~ N(0,1).
 * E[·] over z by Gauss–Hermite quadrature (GH_NODES nodes, computed here by Newton iteration on the
 * orthonormal Hermite recurrence), averaged over the M/2 positive symbols (the constellation is
 * symmetric). The variance uses a second pass about the mean (no E[i²] − C² cancellation).
 *
 * Cache: C and V on a 0.02 dB grid of the per-dimension SNR from GRID_MIN_DB to GRID_MAX_DB, one
 * grid per PAM order, each cell computed on first use (a 1024-QAM cell costs ~0.5 ms, the whole
 * grid would cost seconds), interpolated by cubic Catmull–Rom in dB. Below the grid C and V scale linearly with s (their low-SNR behaviour); above,
 * they are held at the last grid value (C = log2 M to double precision there).
 * See spec/bler.md §2.
 */

/** Number of Gauss–Hermite nodes used for the information-density moments. */
export const GH_NODES = 96;
/** Per-dimension SNR grid (dB) of the cached PAM statistics. */
export const GRID_MIN_DB = -25;
export const GRID_MAX_DB = 52;
export const GRID_STEP_DB = 0.02;
const GRID_N = Math.round((GRID_MAX_DB - GRID_MIN_DB) / GRID_STEP_DB) + 1;
const INV_STEP = 1 / GRID_STEP_DB;
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
        const e = Math.exp(-(rs * d * zz + 0.5 * s * d * d));
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

/** Cached statistics of one PAM order on the dB grid (cells filled on first use). */
export interface PamGrid {
  readonly m: number;
  /** Bit-interleaved (BICM, Gray) statistics instead of coded-modulation ones. */
  readonly bicm: boolean;
  readonly log2m: number;
  readonly c: Float64Array;
  readonly v: Float64Array;
  /** 1 once cell i holds C and V. */
  readonly ready: Uint8Array;
  /** Per-dimension SNR (dB) where V peaks, and the peak value (NaN until first needed). */
  peakDb: number;
  peakV: number;
}

const grids: (PamGrid | undefined)[] = [];

/** The cached grid for M-PAM (M in 2, 4, 8, 16, 32). Cells are computed lazily by `pamLookup`. */
export function pamGrid(m: number, bicm = false): PamGrid {
  const key = bicm && m > 2 ? m + 64 : m;
  const hit = grids[key];
  if (hit) return hit;
  const g: PamGrid = {
    m,
    bicm: bicm && m > 2,
    log2m: Math.log2(m),
    c: new Float64Array(GRID_N),
    v: new Float64Array(GRID_N),
    ready: new Uint8Array(GRID_N),
    peakDb: Number.NaN,
    peakV: Number.NaN,
  };
  grids[key] = g;
  return g;
}

function fillCell(g: PamGrid, i: number): void {
  const st = pamInfoDensityStats(g.m, Math.pow(10, (GRID_MIN_DB + i * GRID_STEP_DB) / 10), g.bicm);
  g.c[i] = st.c;
  g.v[i] = st.v;
  g.ready[i] = 1;
}

/** Fill every cell (tests and the fixture script; the models never need the whole grid). */
export function pamGridFill(g: PamGrid): void {
  for (let i = 0; i < GRID_N; i++) if (g.ready[i] === 0) fillCell(g, i);
}

/**
 * Locate the maximum of V over SNR (V is unimodal in SNR for every PAM order here: it rises like the
 * Gaussian-input dispersion, then collapses as C saturates at log2 M; checked in the tests):
 * 1 dB scan, then golden-section refinement.
 */
function findPeak(g: PamGrid): void {
  const vAt = (db: number): number => pamInfoDensityStats(g.m, Math.pow(10, db / 10), g.bicm).v;
  let best = GRID_MIN_DB;
  let bestV = -1;
  for (let db = GRID_MIN_DB; db <= GRID_MAX_DB; db += 1) {
    const v = vAt(db);
    if (v > bestV) {
      bestV = v;
      best = db;
    }
  }
  let lo = best - 1;
  let hi = best + 1;
  const gr = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - gr * (hi - lo);
  let x2 = lo + gr * (hi - lo);
  let f1 = vAt(x1);
  let f2 = vAt(x2);
  for (let it = 0; it < 40; it++) {
    if (f1 > f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - gr * (hi - lo);
      f1 = vAt(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + gr * (hi - lo);
      f2 = vAt(x2);
    }
  }
  g.peakDb = 0.5 * (lo + hi);
  g.peakV = Math.max(f1, f2, bestV);
}

/**
 * Scratch result of `pamLookup` (module-level so that the hot path allocates nothing):
 * `look.c`, `look.v` after a call.
 */
export const look = { c: 0, v: 0 };

/**
 * Interpolate C and V of a PAM grid at per-dimension SNR `sDb` (dB) into `look`.
 * Cubic Catmull–Rom inside the grid; linear-in-SNR scaling below it (the low-SNR behaviour of
 * both moments); held constant above it (C = log2 M, V = 0 to double precision at 52 dB).
 */
export function pamLookup(g: PamGrid, sDb: number): void {
  const t = (sDb - GRID_MIN_DB) * INV_STEP;
  if (!(t >= 0)) {
    if (g.ready[0] === 0) fillCell(g, 0);
    const r = t === t ? Math.pow(10, (sDb - GRID_MIN_DB) / 10) : 0;
    look.c = (g.c[0] as number) * r;
    look.v = (g.v[0] as number) * r;
    return;
  }
  if (t >= GRID_N - 1) {
    if (g.ready[GRID_N - 1] === 0) fillCell(g, GRID_N - 1);
    look.c = g.c[GRID_N - 1] as number;
    look.v = g.v[GRID_N - 1] as number;
    return;
  }
  let i = t | 0;
  if (i < 1) i = 1;
  else if (i > GRID_N - 3) i = GRID_N - 3;
  const rd = g.ready;
  if (rd[i - 1] === 0) fillCell(g, i - 1);
  if (rd[i] === 0) fillCell(g, i);
  if (rd[i + 1] === 0) fillCell(g, i + 1);
  if (rd[i + 2] === 0) fillCell(g, i + 2);
  const u = t - i;
  const u2 = u * u;
  const u3 = u2 * u;
  // Catmull–Rom basis for points i−1, i, i+1, i+2
  const b0 = 0.5 * (-u3 + 2 * u2 - u);
  const b1 = 0.5 * (3 * u3 - 5 * u2 + 2);
  const b2 = 0.5 * (-3 * u3 + 4 * u2 + u);
  const b3 = 0.5 * (u3 - u2);
  const c = g.c;
  const v = g.v;
  const cc =
    b0 * (c[i - 1] as number) + b1 * (c[i] as number) + b2 * (c[i + 1] as number) + b3 * (c[i + 2] as number);
  const vv =
    b0 * (v[i - 1] as number) + b1 * (v[i] as number) + b2 * (v[i + 1] as number) + b3 * (v[i + 2] as number);
  look.c = cc > 0 ? (cc < g.log2m ? cc : g.log2m) : 0;
  look.v = vv > 0 ? vv : 0;
}

/**
 * The running maximum of V from the low-SNR end at `sDb`: V itself below the peak, the peak value
 * above it. Non-decreasing in SNR; used by the normal approximation above 50 % block error (fbl.ts).
 * Call after `pamLookup(g, sDb)` (reads `look.v`).
 */
export function pamVRun(g: PamGrid, sDb: number): number {
  if (g.peakDb !== g.peakDb) findPeak(g);
  if (sDb >= g.peakDb) return g.peakV;
  return look.v < g.peakV ? look.v : g.peakV;
}
