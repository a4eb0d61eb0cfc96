/**
 * link/correlation: J0 against tabulated values, the two limits of correlated Chase combining against
 * the closed forms of fading.ts ('same' and 'independent' HARQ fading), and intermediate Doppler
 * against a seeded Monte Carlo of correlated complex Gaussian gains.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRng, normal } from '../../src/core/rng.js';
import { blerModel, tbFromCb } from '../../src/link/bler.js';
import { besselJ0, correlatedRayleighAverage, jakesCorrelation, jakesEigenvalues, maxDopplerHz, symmetricEigenvalues } from '../../src/link/correlation.js';
import { fadingAverage } from '../../src/link/fading.js';

describe('besselJ0', () => {
  it('matches tabulated values (Abramowitz & Stegun Table 9.1) and its first zero', () => {
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.938469807240813],
      [1, 0.765197686557967],
      [2, 0.223890779141236],
      [5, -0.177596771314338],
      [10, -0.245935764451348],
      [50, 0.055812327669252],
    ];
    for (const [x, want] of table) expect(Math.abs(besselJ0(x) - want), `J0(${x})`).toBeLessThan(1e-12);
    expect(Math.abs(besselJ0(2.404825557695773))).toBeLessThan(1e-13);
    expect(besselJ0(-3)).toBe(besselJ0(3));
  });
});

describe('Doppler and Jakes correlation', () => {
  it('f_D = v f_c / c: 3 km/h at 3.5 GHz ≈ 9.7 Hz, 120 km/h ≈ 389 Hz; correlation 1 at lag 0', () => {
    expect(maxDopplerHz(3, 3500)).toBeCloseTo(9.73, 2);
    expect(maxDopplerHz(120, 3500)).toBeCloseTo(389.2, 1);
    expect(jakesCorrelation(389, 0)).toBe(1);
    // the power correlation J0² falls to 1/2 at Δt = 9/(16π f_D) ≈ 0.179/f_D (Rappaport §5.4.3); the
    // often-quoted T_c = 0.423/f_D is the geometric mean of that and 1/f_D, where J0² is only ≈ 0.015
    expect(besselJ0(2 * Math.PI * (9 / (16 * Math.PI))) ** 2).toBeCloseTo(0.5, 1);
    expect(besselJ0(2 * Math.PI * 0.423) ** 2).toBeLessThan(0.02);
  });

  it('eigenvalues of a symmetric matrix: trace and a known 2×2 case; Jakes matrices are PSD with trace t', () => {
    const ev = symmetricEigenvalues([
      [2, 1],
      [1, 2],
    ]);
    expect(ev[0]).toBeCloseTo(3, 12);
    expect(ev[1]).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2000, noNaN: true }), fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 1, maxLength: 6 }), (fd, gaps) => {
        const times = gaps.reduce<number[]>((acc, g) => [...acc, (acc[acc.length - 1] ?? 0) + g], []);
        const ev = jakesEigenvalues(fd, times);
        expect(ev.every((v) => v >= 0)).toBe(true);
        expect(Math.abs(ev.reduce((a, b) => a + b, 0) - times.length)).toBeLessThan(1e-6 * times.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('correlatedRayleighAverage (Chase over correlated fades)', () => {
  const model = blerModel('nr-ldpc');
  // one code block of 1000 bits at qam64 MCS 12 (Qm 4, R 434/1024): a realistic, steep error curve
  const f = (snrDb: number): number => tbFromCb(model.blockError(4, 1000, 1000 / (434 / 1024) / 4, snrDb, 434 / 1024), 1);

  it("ρ ≡ 0 is Chase with independent fades (Gamma(t·L)); ρ ≡ 1 is one fade t-fold ('same')", () => {
    for (const [t, l, snr] of [
      [2, 1, 12],
      [3, 2, 6],
      [4, 2, 3],
    ] as const) {
      const ind = correlatedRayleighAverage(f, snr, l, Array.from({ length: t }, () => 1));
      const indRef = fadingAverage(f, snr, { kind: 'rayleigh', diversity: t * l });
      expect(Math.abs(ind / indRef - 1), `independent t=${t} L=${l}`).toBeLessThan(1e-4);
      const same = correlatedRayleighAverage(f, snr, l, [t, ...Array.from({ length: t - 1 }, () => 0)]);
      const sameRef = fadingAverage((x) => f(x + 10 * Math.log10(t)), snr, { kind: 'rayleigh', diversity: l });
      expect(Math.abs(same / sameRef - 1), `same t=${t} L=${l}`).toBeLessThan(1e-4);
      expect(ind).toBeLessThan(same);
    }
  });

  it('intermediate Doppler: agrees with a seeded Monte Carlo of correlated gains and does not undercut it', () => {
    const rng = makeRng(11);
    for (const [fd, gapMs, l, snr] of [
      [100, 1, 2, 4],
      [30, 2, 1, 10],
    ] as const) {
      const times = [0, gapMs, 2 * gapMs, 3 * gapMs];
      const r = times.map((a) => times.map((b) => jakesCorrelation(fd, Math.abs(a - b))));
      // Cholesky of R (jittered on the diagonal for round-off)
      const n = times.length;
      const ch: number[][] = Array.from({ length: n }, () => Array.from({ length: n }, () => 0));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let s = r[i]![j]! + (i === j ? 1e-12 : 0);
          for (let k = 0; k < j; k++) s -= ch[i]![k]! * ch[j]![k]!;
          ch[i]![j] = i === j ? Math.sqrt(Math.max(s, 0)) : s / ch[j]![j]!;
        }
      }
      const N = 40000;
      let sum = 0;
      let sq = 0;
      const lin = Math.pow(10, snr / 10);
      for (let it = 0; it < N; it++) {
        let g = 0;
        for (let b = 0; b < l; b++) {
          const zr = Array.from({ length: n }, () => normal(rng) / Math.SQRT2);
          const zi = Array.from({ length: n }, () => normal(rng) / Math.SQRT2);
          for (let i = 0; i < n; i++) {
            let hr = 0;
            let hi = 0;
            for (let k = 0; k <= i; k++) {
              hr += ch[i]![k]! * zr[k]!;
              hi += ch[i]![k]! * zi[k]!;
            }
            g += hr * hr + hi * hi;
          }
        }
        const e = f(10 * Math.log10(lin * g));
        sum += e;
        sq += e * e;
      }
      const mc = sum / N;
      const se = Math.sqrt(Math.max(sq / N - mc * mc, 0) / N);
      const got = correlatedRayleighAverage(f, snr, l, jakesEigenvalues(fd, times));
      expect(got, `fd=${fd}`).toBeGreaterThan(mc - 4 * se);
      // the 1 % eigenvalue floor may cost a little; it must stay close
      expect(got, `fd=${fd}`).toBeLessThan(mc + 4 * se + 0.1 * mc);
    }
  });
});

describe('jakesFader (simulator process)', () => {
  it('mean power 1, power autocorrelation J0² and a Rayleigh-like lower tail over seeded realisations', async () => {
    const { jakesFader } = await import('../../src/link/correlation.js');
    const rng = makeRng(5);
    const fd = 50;
    const lags = [0, 1, 2, 5, 10];
    const n = 6000;
    const sums = lags.map(() => 0);
    let p0sum = 0;
    let deep = 0;
    for (let r = 0; r < n; r++) {
      const h = jakesFader(rng.uniform, fd);
      const t0 = 1000 * rng.uniform();
      const p0 = h.powerAt(t0);
      p0sum += p0;
      if (p0 < 0.05) deep++;
      lags.forEach((lag, i) => (sums[i]! += p0 * h.powerAt(t0 + lag)));
    }
    expect(p0sum / n).toBeGreaterThan(0.95);
    expect(p0sum / n).toBeLessThan(1.05);
    // E[|h(t)|²|h(t+τ)|²] = 1 + J0²(2π f_D τ) for complex Gaussian h
    lags.forEach((lag, i) => expect(Math.abs(sums[i]! / n - (1 + jakesCorrelation(fd, lag) ** 2)), `lag ${lag} ms`).toBeLessThan(0.12));
    // Rayleigh: P(|h|² < 0.05) = 1 − e^−0.05 ≈ 0.0488
    expect(Math.abs(deep / n - (1 - Math.exp(-0.05)))).toBeLessThan(0.012);
  });
});
