/** Laws of fadingAverage: result in [0, 1], never NaN, non-increasing in the mean SNR for a non-increasing error curve. */
import { fc, test } from '../support/fc-test.js';
import { describe, expect } from 'vitest';
import type { FadingModel } from '../../src/core/types.js';
import { fadingAverage } from '../../src/link/fading.js';
import { qfunc } from '../../src/link/qfunc.js';

const fading: fc.Arbitrary<FadingModel> = fc.oneof(
  fc.constant<FadingModel>({ kind: 'awgn' }),
  fc.integer({ min: 1, max: 4 }).map((diversity): FadingModel => ({ kind: 'rayleigh', diversity })),
  fc.tuple(fc.double({ min: 0.5, max: 8, noNaN: true }), fc.integer({ min: 1, max: 3 })).map(
    ([m, diversity]): FadingModel => ({ kind: 'nakagami', m, diversity }),
  ),
  fc.tuple(fc.double({ min: -10, max: 15, noNaN: true }), fc.integer({ min: 1, max: 3 })).map(
    ([kFactorDb, diversity]): FadingModel => ({ kind: 'rician', kFactorDb, diversity }),
  ),
);
// a steep waterfall (long code block) and a shallow one (uncoded BPSK)
const steep = (s: number): number => qfunc(8 * (s - 3));
const bpsk = (s: number): number => qfunc(Math.sqrt(2 * Math.pow(10, s / 10)));

describe('fadingAverage laws', () => {
  test.prop([fading, fc.double({ min: -20, max: 60, noNaN: true }), fc.double({ min: -20, max: 60, noNaN: true }), fc.boolean()], {
    numRuns: 40,
  })('in [0, 1] and non-increasing in the mean SNR', (f, a, b, useSteep) => {
    const g = useSteep ? steep : bpsk;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const eLo = fadingAverage(g, lo, f);
    const eHi = fadingAverage(g, hi, f);
    expect(eLo >= 0 && eLo <= 1 && eHi >= 0 && eHi <= 1).toBe(true);
    expect(eHi).toBeLessThanOrEqual(eLo * (1 + 1e-6) + 1e-15);
  });
});
