/**
 * correlatedRayleighAverage with its memo tables and early exits (issue 18) returns the same bits as
 * the plain series sum it replaced (correlation.reference.ts): on the planner's error curves (LDPC
 * BLER of several code blocks), on step curves, on seeded eigenvalue sets with widely spread scales
 * (long series), and with the memo warm (the same scales asked again with other curves and means).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blerModel, tbFromCb } from '../../src/link/bler.js';
import { correlatedRayleighAverage, jakesEigenvalues } from '../../src/link/correlation.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';
import { referenceCorrelatedRayleighAverage } from './correlation.reference.js';

const model = blerModel('nr-ldpc');
const curve = (qm: number, k: number, n: number, rate: number, cbs: number) => (x: number) => tbFromCb(model.blockError(qm, k, n, x, rate), cbs);

describe('correlatedRayleighAverage: bit-identical to the reference series sum', () => {
  it('on Jakes eigenvalues of HARQ timings, LDPC curves, means −5..30 dB, diversity 1..4 (memo cold and warm)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 5, 10, 50, 200, 1000),
        fc.array(fc.double({ min: 0.1, max: 12, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(2, 4, 6, 8),
        fc.integer({ min: 40, max: 8000 }),
        fc.double({ min: 0.1, max: 0.93, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: -5, max: 30, noNaN: true }),
        (fd, gaps, l, qm, k, rate, cbs, mean) => {
          const times = gaps.reduce<number[]>((acc, g) => [...acc, (acc[acc.length - 1] ?? 0) + g], [0]);
          const ev = jakesEigenvalues(fd, times);
          const f = curve(qm, k, Math.ceil(k / rate / qm), rate, cbs);
          for (const m of [mean, mean + 3, mean - 3]) {
            expect(Object.is(correlatedRayleighAverage(f, m, l, ev), referenceCorrelatedRayleighAverage(f, m, l, ev))).toBe(true);
          }
        },
      ),
      { numRuns: fcRuns(120, 12) },
    );
  });

  it('on widely spread scales (series of thousands of terms), step curves and the degenerate inputs', () => {
    const cases: [number[], number][] = [
      [[1.994002360578686, 0.00599763942131346], 2],
      [[3.9405962063833377, 0.059331254122754785, 0.00007251771755008865, 2.1776358041402607e-8], 2],
      [[1.5, 0.5], 1],
      [[2, 1, 0.05, 0.02], 3],
      [[1, 1, 1, 1], 2],
      [[4, 0, 0, 0], 2],
      [[], 1],
      [[0, 0], 2],
      [[Number.NaN, 1.5, 0.5], 2],
    ];
    // the reference sums every term, so this sweep is slow: the fast tier takes every case at two thresholds
    for (const [ev, l] of cases) {
      for (const thr of FC_FULL ? [-10, 0, 5, 12, 25] : [0, 12]) {
        const step = (x: number) => (x > thr ? 0 : 1);
        const soft = (x: number) => 1 / (1 + Math.exp(x - thr));
        for (const f of [step, soft]) {
          for (const mean of FC_FULL ? [-3, 8, 20] : [8]) {
            expect(Object.is(correlatedRayleighAverage(f, mean, l, ev), referenceCorrelatedRayleighAverage(f, mean, l, ev)), `${ev} ${l} ${thr} ${mean}`).toBe(true);
          }
        }
      }
    }
  });
});
