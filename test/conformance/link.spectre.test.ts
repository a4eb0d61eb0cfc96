/**
 * Published bi-AWGN normal-approximation numbers of the SPECTRE toolbox (yp-mit/spectre,
 * bi-awgn/example_per.mat and example_speff.mat, computed by T. Erseghe's converse_mc 'normal'),
 * as transcribed in /work/shared/reference/finite-blocklength.md §B(1).
 *
 * Convention bridge: SPECTRE counts n REAL uses of Y = √P·X + Z. The SDK counts complex uses at the
 * SNR ρ per complex symbol; BPSK on the complex channel is the real bi-AWGN channel at P = 2ρ, so the
 * same n and k apply with snrDb = P_dB − 10·log10 2, and Eb/N0 = P/(2R) = ρ/R in both pictures.
 */
import { describe, expect, it } from 'vitest';
import { maxInfoBits, normalApproximation } from '../../src/link/fbl.js';

const DB2 = 10 * Math.log10(2);

/** Eb/N0 (dB) at which the NA block error of (n = 1000, k = 500) BPSK equals pe, by bisection. */
function ebN0For(pe: number): number {
  let lo = -5;
  let hi = 6;
  for (let i = 0; i < 80; i++) {
    const mid = 0.5 * (lo + hi);
    const e = normalApproximation({ n: 1000, k: 500, snrDb: mid - DB2, input: 'bpsk' }); // ρ = Eb/N0 · R
    if (e > pe) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('SPECTRE bi-AWGN normal approximation, n = 1000, R = 1/2 (example_per.mat, SNRdBNA)', () => {
  const rows: [number, number][] = [
    [1e-1, 0.55185],
    [1e-2, 0.89277],
    [1e-3, 1.13563],
    [1e-4, 1.33129],
    [1e-5, 1.49793],
    [1e-6, 1.64448],
    [1e-7, 1.77606],
  ];
  it.each(rows)('Pe = %s needs Eb/N0 = %s dB (to 1e-4 dB)', (pe, ebn0) => {
    expect(Math.abs(ebN0For(pe) - ebn0)).toBeLessThan(1e-4);
  });
});

describe('SPECTRE bi-AWGN, n = 1000, Pe = 1e-5: spectral efficiency 2R vs P (example_speff.mat, rhoNA)', () => {
  const rows: [number, number][] = [
    [-10, 0.03286],
    [-5, 0.22784],
    [0, 0.76277],
    [3, 1.25415],
    [5, 1.5734],
    [7, 1.81234],
  ];
  it.each(rows)('P = %s dB gives 2R = %s (to 1e-5)', (pDb, rho) => {
    const k = maxInfoBits({ n: 1000, epsilon: 1e-5, snrDb: pDb - DB2, input: 'bpsk' });
    expect(Math.abs((2 * k) / 1000 - rho)).toBeLessThan(1e-5);
  });
});

describe('complex-AWGN examples of the reference note (Gaussian input)', () => {
  it('n = 200, k = 256, 2 dB gives ε ≈ 0.123; n = 1000, k = 2000, 5 dB gives ε ≈ 0.0796', () => {
    expect(normalApproximation({ n: 200, k: 256, snrDb: 2, input: 'gaussian' })).toBeCloseTo(0.123, 3);
    expect(normalApproximation({ n: 1000, k: 2000, snrDb: 5, input: 'gaussian' })).toBeCloseTo(0.0796, 4);
  });
});
