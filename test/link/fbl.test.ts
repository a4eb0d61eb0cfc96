import { describe, expect, it } from 'vitest';
import type { ModulationInput } from '../../src/core/types.js';
import { gaussHermite, pamInfoDensityStats, pamPoints } from '../../src/link/constellation.js';
import {
  BICM_CODE,
  channelStats,
  channelStatsOut,
  inputCode,
  maxInfoBits,
  normalApproximation,
} from '../../src/link/fbl.js';

const LOG2E = Math.LOG2E;
const INPUTS: readonly ModulationInput[] = ['gaussian', 'bpsk', 'qpsk', 'qam16', 'qam64', 'qam256', 'qam1024'];

/** Brute-force mean/variance of the PAM information density by a fine trapezoid rule in z. */
function bruteStats(m: number, s: number): { c: number; v: number } {
  const pts = pamPoints(m);
  const h = 0.01;
  let mean = 0;
  let m2 = 0;
  for (let z = -12; z <= 12; z += h) {
    const wz = (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) * h;
    for (const x of pts) {
      let sum = 0;
      for (const y of pts) sum += Math.exp(-(Math.sqrt(s) * (x - y) * z + 0.5 * s * (x - y) * (x - y)));
      const i = Math.log2(m) - Math.log2(sum);
      mean += (wz * i) / m;
      m2 += (wz * i * i) / m;
    }
  }
  return { c: mean, v: m2 - mean * mean };
}

describe('Gauss–Hermite rule', () => {
  it('integrates polynomials exactly (weights sum to √π, second moment √π/2)', () => {
    const { nodes, weights } = gaussHermite(96);
    let s0 = 0;
    let s2 = 0;
    let s8 = 0;
    for (let i = 0; i < 96; i++) {
      const w = weights[i] as number;
      const x = nodes[i] as number;
      s0 += w;
      s2 += w * x * x;
      s8 += w * x ** 8;
    }
    expect(s0 / Math.sqrt(Math.PI)).toBeCloseTo(1, 13);
    expect(s2 / Math.sqrt(Math.PI)).toBeCloseTo(0.5, 13);
    expect(s8 / Math.sqrt(Math.PI)).toBeCloseTo(105 / 16, 11);
  });
});

describe('constellation information-density moments', () => {
  it.each([
    [2, -3],
    [2, 1],
    [4, 5],
    [8, 12],
    [16, 18],
    [32, 24],
  ])('M=%i PAM at %s dB matches a brute-force trapezoid integral', (m, db) => {
    const s = Math.pow(10, db / 10);
    const a = pamInfoDensityStats(m, s);
    const b = bruteStats(m, s);
    expect(Math.abs(a.c - b.c)).toBeLessThan(1e-9);
    expect(Math.abs(a.v - b.v)).toBeLessThan(1e-7 * Math.max(1, b.v));
  });

  it('QPSK is two BPSKs at half the SNR; M²-QAM moments are twice the M-PAM ones', () => {
    for (const db of [-10, 0, 3, 8]) {
      channelStats(inputCode('bpsk'), db - 10 * Math.log10(2), false);
      const cb = channelStatsOut.c;
      const vb = channelStatsOut.v;
      channelStats(inputCode('qpsk'), db, false);
      expect(channelStatsOut.c).toBeCloseTo(2 * cb, 9);
      expect(channelStatsOut.v).toBeCloseTo(2 * vb, 8);
      const pam = pamInfoDensityStats(4, Math.pow(10, db / 10));
      channelStats(inputCode('qam16'), db, false);
      expect(channelStatsOut.c).toBeCloseTo(2 * pam.c, 8);
    }
  });

  it('C ≤ log2(1+ρ), C → log2 M at high SNR, C ≈ ρ·log2 e at low SNR; BICM ≤ CM', () => {
    for (const input of INPUTS.slice(1)) {
      const code = inputCode(input);
      const bitsPerSymbol = code;
      for (let db = -20; db <= 45; db += 1.3) {
        channelStats(code, db, false);
        const c = channelStatsOut.c;
        expect(c).toBeLessThanOrEqual(Math.log2(1 + Math.pow(10, db / 10)) + 1e-9);
        channelStats(code + BICM_CODE, db, false);
        expect(channelStatsOut.c).toBeLessThanOrEqual(c + 1e-9);
      }
      channelStats(code, 50, false);
      expect(channelStatsOut.c).toBeCloseTo(bitsPerSymbol, 6);
      channelStats(code, -40, false);
      expect(channelStatsOut.c / (1e-4 * LOG2E)).toBeCloseTo(1, 2);
    }
  });

  it('V is unimodal in SNR for every PAM order (assumption behind the running-max dispersion)', () => {
    for (const m of [2, 4, 8, 16, 32]) {
      let rising = true;
      let prev = -1;
      for (let db = -25; db <= 40; db += 1) {
        const v = pamInfoDensityStats(m, Math.pow(10, db / 10)).v;
        if (v < prev) rising = false;
        else if (!rising) expect(v).toBeLessThanOrEqual(prev * (1 + 1e-9) + 1e-300);
        prev = v;
      }
    }
  });
});

describe('normal approximation limits', () => {
  it('k/n → C as n → ∞ (maxInfoBits)', () => {
    for (const db of [-5, 0, 10, 20]) {
      const rho = Math.pow(10, db / 10);
      const c = Math.log2(1 + rho);
      const r = maxInfoBits({ n: 1e12, epsilon: 1e-3, snrDb: db, input: 'gaussian' }) / 1e12;
      expect(Math.abs(r - c)).toBeLessThan(1e-5);
      const v = (rho * (rho + 2)) / (rho + 1) ** 2 * LOG2E * LOG2E;
      // second-order term: n·C − k ≈ √(nV)·Q⁻¹(ε)
      const k = maxInfoBits({ n: 1e6, epsilon: 1e-3, snrDb: db, input: 'gaussian' });
      expect((1e6 * c - k + 0.5 * Math.log2(1e6)) / Math.sqrt(1e6 * v)).toBeCloseTo(3.090232306167813, 6);
    }
  });

  it('maxInfoBits inverts normalApproximation', () => {
    for (const input of INPUTS) {
      for (const eps of [1e-1, 1e-3, 1e-6]) {
        const k = maxInfoBits({ n: 500, epsilon: eps, snrDb: 8, input });
        const e = normalApproximation({ n: 500, k, snrDb: 8, input });
        expect(Math.abs(Math.log(e / eps))).toBeLessThan(1e-6);
      }
    }
  });

  it('block error → 1 at very low SNR and → 0 at high SNR', () => {
    for (const input of INPUTS) {
      expect(normalApproximation({ n: 1000, k: 500, snrDb: -30, input })).toBeGreaterThan(1 - 1e-12);
      expect(normalApproximation({ n: 1000, k: 500, snrDb: 30, input })).toBeLessThan(1e-12);
    }
  });

  it('saturates: rates above log2 M never succeed, k ≤ 0 never fails, NaN inputs are conservative', () => {
    expect(normalApproximation({ n: 100, k: 300, snrDb: 60, input: 'qpsk' })).toBe(1);
    expect(normalApproximation({ n: 100, k: 0, snrDb: 0, input: 'qpsk' })).toBe(0);
    expect(normalApproximation({ n: 0, k: 10, snrDb: 0, input: 'qpsk' })).toBe(1);
    expect(normalApproximation({ n: 100, k: 10, snrDb: Number.NaN, input: 'qpsk' })).toBe(1);
    // the ½·log2 n term is capped at n·C, so nothing gets through at zero capacity
    expect(maxInfoBits({ n: 100, epsilon: 1e-5, snrDb: -60, input: 'gaussian' })).toBeLessThan(0.01);
    expect(normalApproximation({ n: 20, k: 1, snrDb: -31, input: 'bpsk' })).toBeGreaterThan(0.99);
    expect(maxInfoBits({ n: 100, epsilon: Number.NaN, snrDb: 0, input: 'gaussian' })).toBe(0);
  });
});
