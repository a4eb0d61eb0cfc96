import { describe, expect, it } from 'vitest';
import { look, pamGrid, pamLookup, pamVRun } from '../../src/link/constellation.js';
import { GRID_MIN_DB, GRID_STEP_DB, pamInfoDensityStats, pamVPeakLive } from '../../src/link/constellationLive.js';
import { PAM_TABLES } from '../../src/link/constellationTables.js';

const ORDERS: readonly [number, boolean][] = [
  [2, false],
  [4, false],
  [8, false],
  [16, false],
  [32, false],
  [4, true],
  [8, true],
  [16, true],
  [32, true],
];

/** Deterministic pseudo-random points in [0, 1) (Weyl sequence). */
const weyl = (k: number, seed: number): number => (seed + k * 0.6180339887498949) % 1;

describe('precomputed constellation tables (constellationTables.ts) against the live computation', () => {
  it.each(ORDERS)('%i-PAM (bicm %s): grid points reproduce the live Gauss–Hermite values', (m, bicm) => {
    const t = PAM_TABLES[bicm ? `pam${m}bicm` : `pam${m}`]!;
    for (let k = 0; k < 12; k++) {
      const i = Math.floor(weyl(k, 0.3 + m / 100) * t.c.length);
      const live = pamInfoDensityStats(m, Math.pow(10, (GRID_MIN_DB + i * GRID_STEP_DB) / 10), bicm);
      expect(Math.abs(t.c[i]! - live.c)).toBeLessThan(1e-13);
      expect(Math.abs(t.v[i]! - live.v)).toBeLessThan(1e-13 * Math.max(1, live.v));
    }
  });

  it.each(ORDERS)('%i-PAM (bicm %s): interpolation at random off-grid SNRs: |ΔC| < 1e-8, |ΔV| < 1e-7', (m, bicm) => {
    const g = pamGrid(m, bicm);
    const hi = GRID_MIN_DB + (g.n - 1) * GRID_STEP_DB;
    let maxDc = 0;
    let maxDv = 0;
    for (let k = 0; k < 40; k++) {
      const db = GRID_MIN_DB + weyl(k, 0.123 * m + (bicm ? 0.5 : 0)) * (hi + 3 - GRID_MIN_DB);
      const live = pamInfoDensityStats(m, Math.pow(10, db / 10), bicm);
      pamLookup(g, db);
      maxDc = Math.max(maxDc, Math.abs(look.c - live.c));
      maxDv = Math.max(maxDv, Math.abs(look.v - live.v));
    }
    // measured: |ΔC| ≤ 2e-10, |ΔV| ≤ 3e-9 (0.1 dB grid, six-point Lagrange)
    expect(maxDc).toBeLessThan(1e-8);
    expect(maxDv).toBeLessThan(1e-7);
  });

  it.each(ORDERS)('%i-PAM (bicm %s): tabulated V peak matches the live search; running max is the peak above it', (m, bicm) => {
    const g = pamGrid(m, bicm);
    const live = pamVPeakLive(m, bicm);
    expect(Math.abs(g.peakDb - live.peakDb)).toBeLessThan(1e-9);
    expect(Math.abs(g.peakV - live.peakV)).toBeLessThan(1e-12);
    pamLookup(g, g.peakDb + 3);
    expect(pamVRun(g, g.peakDb + 3)).toBe(g.peakV);
    pamLookup(g, g.peakDb - 3);
    expect(pamVRun(g, g.peakDb - 3)).toBeCloseTo(look.v, 15);
  });

  it('below the grid C and V scale linearly with SNR, above it they are held at log2 M and ~0', () => {
    const g = pamGrid(16, true);
    pamLookup(g, GRID_MIN_DB - 10);
    expect(look.c / g.c[0]!).toBeCloseTo(0.1, 12);
    pamLookup(g, 60);
    expect(look.c).toBeCloseTo(4, 12);
    expect(look.v).toBeLessThan(1e-29);
  });
});
