import { describe, expect, it } from 'vitest';
import { makeRng, normal } from '../../src/core/rng.js';
import { fadingAverage, fadingCdf, fadingLogDbDensity, logGamma } from '../../src/link/fading.js';
import type { FadingModel } from '../../src/core/types.js';
import { qfunc } from '../../src/link/qfunc.js';

/** BPSK bit error at SNR (dB): Q(√(2γ)). */
const bpsk = (snrDb: number): number => qfunc(Math.sqrt(2 * Math.pow(10, snrDb / 10)));

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
/** Closed form of BPSK with L-branch MRC over Rayleigh (Proakis 14.4-15) — also Nakagami-m with L → m·L, γ̄ → γ̄/m. */
function bpskMrcRayleigh(meanSnr: number, l: number): number {
  const mu = Math.sqrt(meanSnr / (1 + meanSnr));
  let s = 0;
  for (let k = 0; k < l; k++) s += binom(l - 1 + k, k) * Math.pow((1 + mu) / 2, k);
  return Math.pow((1 - mu) / 2, l) * s;
}

describe('fadingAverage against closed forms', () => {
  it.each([0, 10, 20, 30, 54])('BPSK over Rayleigh at %s dB (down to 1e-6)', (db) => {
    const want = bpskMrcRayleigh(Math.pow(10, db / 10), 1);
    expect(Math.abs(fadingAverage(bpsk, db, { kind: 'rayleigh' }) / want - 1)).toBeLessThan(1e-6);
  });

  it.each([
    [2, 5],
    [2, 15],
    [4, 5],
    [4, 12],
  ])('BPSK with %s-branch MRC Rayleigh at %s dB per branch', (l, db) => {
    const want = bpskMrcRayleigh(Math.pow(10, db / 10), l);
    expect(Math.abs(fadingAverage(bpsk, db, { kind: 'rayleigh', diversity: l }) / want - 1)).toBeLessThan(1e-6);
  });

  it.each([
    [2, 1, 10],
    [3, 2, 8],
  ])('BPSK over Nakagami-m=%s, %s branches at %s dB', (m, l, db) => {
    const want = bpskMrcRayleigh(Math.pow(10, db / 10) / m, m * l);
    expect(Math.abs(fadingAverage(bpsk, db, { kind: 'nakagami', m, diversity: l }) / want - 1)).toBeLessThan(1e-6);
  });

  it('Rician with K → 0 is Rayleigh; K = 30 dB is close to AWGN', () => {
    const r = fadingAverage(bpsk, 10, { kind: 'rayleigh' });
    expect(fadingAverage(bpsk, 10, { kind: 'rician', kFactorDb: -40 }) / r).toBeCloseTo(1, 3);
    const awgn = bpsk(7);
    const ric = fadingAverage(bpsk, 7, { kind: 'rician', kFactorDb: 30 });
    expect(ric).toBeGreaterThan(awgn);
    expect(ric / awgn).toBeLessThan(1.2);
  });

  it.each([
    [6, 1, 8],
    [0, 2, 6],
    [10, 1, 14],
  ])('Rician K = %s dB, %s branch(es), %s dB: matches a seeded Monte Carlo', (kDb, l, db) => {
    const rng = makeRng(12345 + kDb * 7 + l);
    const k = Math.pow(10, kDb / 10);
    const g = Math.pow(10, db / 10);
    const los = Math.sqrt(k / (k + 1));
    const sc = Math.sqrt(1 / (2 * (k + 1)));
    const n = 40000;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      let gam = 0;
      for (let b = 0; b < l; b++) {
        const re = los + sc * normal(rng);
        const im = sc * normal(rng);
        gam += g * (re * re + im * im);
      }
      const e = qfunc(Math.sqrt(2 * gam));
      sum += e;
      sum2 += e * e;
    }
    const mean = sum / n;
    const se = Math.sqrt((sum2 / n - mean * mean) / n);
    const got = fadingAverage(bpsk, db, { kind: 'rician', kFactorDb: kDb, diversity: l });
    expect(Math.abs(got - mean)).toBeLessThan(4 * se);
  });

  it('awgn is a point evaluation; callback values are clamped; NaN is conservative', () => {
    expect(fadingAverage(bpsk, 3, { kind: 'awgn' })).toBe(bpsk(3));
    expect(fadingAverage(() => 2, 3, { kind: 'rayleigh' })).toBeCloseTo(1, 6);
    expect(fadingAverage(() => Number.NaN, 3, { kind: 'rayleigh' })).toBeCloseTo(1, 6);
    expect(fadingAverage(bpsk, Number.NaN, { kind: 'rayleigh' })).toBeGreaterThan(0.49);
  });

  it('fadingCdf matches the Rayleigh CDF 1 − exp(−x/γ̄) and Gamma normalisation', () => {
    const c = fadingCdf({ kind: 'rayleigh' }, 10);
    for (const x of [-20, 0, 5, 10, 15]) {
      const want = 1 - Math.exp(-Math.pow(10, x / 10) / 10);
      expect(Math.abs(c.at(x) - want)).toBeLessThan(1e-6 * Math.max(want, 1e-3));
    }
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe('the dB log-density of a gamma shape (issue 18: constants hoisted, same floats)', () => {
  // the generic form, as it was before the gamma path hoisted its constants (kept verbatim as the reference):
  // ln p_G(g) = a·ln b + (a − 1)·ln g − b·g − ln Γ(a), then + ln g + ln(ln10/10)
  const reference = (a: number, b: number) => (v: number): number => {
    const g = Math.pow(10, v / 10);
    return a * Math.log(b) + (a - 1) * Math.log(g) - b * g - logGamma(a) + Math.log(g) + Math.log(Math.LN10 / 10);
  };
  const shapes: [FadingModel, number, number][] = [];
  for (const diversity of [1, 2, 3, 4, 6, 8, 16]) shapes.push([{ kind: 'rayleigh', diversity }, diversity, 1]);
  for (const m of [0.5, 0.7, 1, 1.3, 2.5, 10, 37.3])
    for (const diversity of [1, 2, 3]) shapes.push([{ kind: 'nakagami', m, diversity }, m * diversity, m]);
  it.each(shapes)('%j: bit for bit on a 0.0137 dB grid over [-420, 60] dB', (fading, a, b) => {
    const logDens = fadingLogDbDensity(fading)!;
    const ref = reference(a, b);
    let differ = 0;
    let inRange = 0;
    for (let v = -420; v <= 60; v += 0.0137) {
      const x = logDens(v);
      if (!Object.is(x, ref(v))) differ++;
      if (x >= -745) inRange++;
    }
    expect(differ).toBe(0);
    expect(inRange).toBeGreaterThan(1000); // (the grid reaches where the density is not flushed to 0)
  });
  it('awgn has no density', () => {
    expect(fadingLogDbDensity({ kind: 'awgn' })).toBeUndefined();
  });
});
