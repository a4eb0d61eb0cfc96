/**
 * Capacity C and dispersion V of the AWGN channel with a finite, equiprobable input alphabet
 * (BPSK, QPSK and square 16/64/256/1024-QAM with unit average energy): the mean and variance of the
 * information density i(X;Y) (Polyanskiy–Poor–Verdú 2010, §IV; SPECTRE `biawgn_stats.m` for the
 * binary case), read from precomputed tables.
 *
 * Reduction to one dimension. Square M²-QAM with unit energy is the product of two independent
 * unit-energy M-PAM components, each seeing a real AWGN channel Y = √s·X + Z, Z ~ N(0,1), with the
 * per-component SNR s equal to the complex-symbol SNR ρ (half the energy and half the noise per
 * dimension). The information density of the QAM symbol is the sum of the two PAM densities, which
 * are independent, so per complex channel use C_QAM(ρ) = 2·C_PAM(ρ) and V_QAM(ρ) = 2·V_PAM(ρ).
 * QPSK is two BPSKs (M = 2). BPSK on the complex channel puts all the energy on one dimension and
 * sees only that dimension's noise: C_BPSK(ρ) = C_PAM2(2ρ), V_BPSK(ρ) = V_PAM2(2ρ).
 *
 * Tables: C and V per PAM order (coded modulation and BICM) on a 0.1 dB grid of the per-dimension
 * SNR from GRID_MIN_DB up to where V < 1e-30 (at most GRID_MAX_DB), computed by the live Gauss–Hermite
 * code of constellationLive.ts (scripts/gen-constellation-tables.ts writes constellationTables.ts),
 * interpolated by six-point Lagrange in dB (measured error vs the live computation: |ΔC| < 1e-9 bit,
 * |ΔV| < 1e-8 bit², test/link/constellationTables.test.ts). Below the grid C and V scale linearly
 * with s (their low-SNR behaviour); above, they are held at the last grid value.
 * See spec/bler.md §2.
 */
import { PAM_TABLES } from './constellationTables.js';
import { GRID_MIN_DB, GRID_STEP_DB } from './constellationLive.js';

export { GH_NODES, GRID_MAX_DB, GRID_MIN_DB, GRID_STEP_DB, gaussHermite, pamInfoDensityStats, pamPoints, pamVPeakLive } from './constellationLive.js';

const INV_STEP = 1 / GRID_STEP_DB;

/** Statistics of one PAM order on the dB grid (precomputed tables, constellationTables.ts). */
export interface PamGrid {
  readonly m: number;
  /** Bit-interleaved (BICM, Gray) statistics instead of coded-modulation ones. */
  readonly bicm: boolean;
  readonly log2m: number;
  /** C and V at GRID_MIN_DB + i·GRID_STEP_DB, i = 0..n−1 (above the last point: held). */
  readonly c: Float64Array;
  readonly v: Float64Array;
  readonly n: number;
  /** Per-dimension SNR (dB) where V peaks, and the peak value. */
  readonly peakDb: number;
  readonly peakV: number;
}

const grids: (PamGrid | undefined)[] = [];

/** Table key of a PAM order: `pam<M>` (coded modulation) or `pam<M>bicm`. */
export function pamTableKey(m: number, bicm: boolean): string {
  return bicm && m > 2 ? `pam${m}bicm` : `pam${m}`;
}

/** The tabulated grid for M-PAM (M in 2, 4, 8, 16, 32); BICM equals CM for M = 2. */
export function pamGrid(m: number, bicm = false): PamGrid {
  const key = bicm && m > 2 ? m + 64 : m;
  const hit = grids[key];
  if (hit) return hit;
  const t = PAM_TABLES[pamTableKey(m, bicm)];
  if (t === undefined) throw new Error(`no constellation table for ${m}-PAM`); // unreachable: fbl.ts asks for 2..32 only
  const g: PamGrid = {
    m,
    bicm: bicm && m > 2,
    log2m: Math.log2(m),
    c: Float64Array.from(t.c),
    v: Float64Array.from(t.v),
    n: t.c.length,
    peakDb: t.peakDb,
    peakV: t.peakV,
  };
  grids[key] = g;
  return g;
}

/** Kept for callers of the lazily filled grid: the tables are complete, nothing to fill. */
export function pamGridFill(_g: PamGrid): void {}

/**
 * Scratch result of `pamLookup` (module-level so that the hot path allocates nothing):
 * `look.c`, `look.v` after a call.
 */
export const look = { c: 0, v: 0 };

/**
 * Interpolate C and V of a PAM grid at per-dimension SNR `sDb` (dB) into `look`.
 * Six-point Lagrange interpolation in dB inside the table; linear-in-SNR scaling below it (the
 * low-SNR behaviour of both moments); held constant above it (C = log2 M, V < 1e-30 there).
 */
export function pamLookup(g: PamGrid, sDb: number): void {
  const t = (sDb - GRID_MIN_DB) * INV_STEP;
  const c = g.c;
  const v = g.v;
  if (!(t >= 0)) {
    const r = t === t ? Math.pow(10, (sDb - GRID_MIN_DB) / 10) : 0;
    look.c = (c[0] as number) * r;
    look.v = (v[0] as number) * r;
    return;
  }
  const n = g.n;
  if (t >= n - 1) {
    look.c = c[n - 1] as number;
    look.v = v[n - 1] as number;
    return;
  }
  let i = t | 0;
  if (i < 2) i = 2;
  else if (i > n - 4) i = n - 4;
  const u = t - i;
  // Lagrange basis on the nodes −2, −1, 0, 1, 2, 3 (relative to i)
  const a = u + 2;
  const b = u + 1;
  const d = u - 1;
  const e = u - 2;
  const f = u - 3;
  const w0 = -(b * u * d * e * f) / 120;
  const w1 = (a * u * d * e * f) / 24;
  const w2 = -(a * b * d * e * f) / 12;
  const w3 = (a * b * u * e * f) / 12;
  const w4 = -(a * b * u * d * f) / 24;
  const w5 = (a * b * u * d * e) / 120;
  const cc =
    w0 * (c[i - 2] as number) +
    w1 * (c[i - 1] as number) +
    w2 * (c[i] as number) +
    w3 * (c[i + 1] as number) +
    w4 * (c[i + 2] as number) +
    w5 * (c[i + 3] as number);
  const vv =
    w0 * (v[i - 2] as number) +
    w1 * (v[i - 1] as number) +
    w2 * (v[i] as number) +
    w3 * (v[i + 1] as number) +
    w4 * (v[i + 2] as number) +
    w5 * (v[i + 3] as number);
  look.c = cc > 0 ? (cc < g.log2m ? cc : g.log2m) : 0;
  look.v = vv > 0 ? vv : 0;
}

/**
 * The running maximum of V from the low-SNR end at `sDb`: V itself below the peak, the peak value
 * above it. Non-decreasing in SNR; used by the normal approximation above 50 % block error (fbl.ts).
 * Call after `pamLookup(g, sDb)` (reads `look.v`).
 */
export function pamVRun(g: PamGrid, sDb: number): number {
  if (sDb >= g.peakDb) return g.peakV;
  return look.v < g.peakV ? look.v : g.peakV;
}
