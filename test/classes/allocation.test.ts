import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import { allocationFor } from '../../src/classes/index.js';
import { tbsFromRe } from '../../src/nr/tbs.js';

const shape = (nRePerPrb: number, qm: number, rateX1024: number, nPrb: number) => ({ nRePerPrb, qm, rateX1024, nLayers: 1, nPrb });

describe('allocationFor', () => {
  test.prop(
    [
      fc.integer({ min: 12, max: 156 }),
      fc.constantFrom<[number, number]>([2, 120], [2, 602], [4, 434], [6, 873], [8, 948]),
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 200_000 }),
    ],
    { numRuns: 300 },
  )('is the brute-force rule: fewest TTIs at nPrb, then the fewest PRBs', (nRe, [qm, rate], nPrb, sizeBytes) => {
    const a = allocationFor(shape(nRe, qm, rate, nPrb), sizeBytes);
    const bits = sizeBytes * 8;
    const tbs = (n: number) => tbsFromRe(nRe * n, qm, rate, 1);
    const m = Math.ceil(bits / tbs(nPrb));
    let n = 1;
    while (m * tbs(n) < bits) n++;
    expect(a).toEqual({ nPrb: n, nTti: m, tbsBits: tbs(n) });
    expect(a.nTti * a.tbsBits).toBeGreaterThanOrEqual(bits);
  });
  it('gives zeros for sizes ≤ 0 or not finite', () => {
    for (const b of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(allocationFor(shape(150, 2, 120, 10), b)).toEqual({ nPrb: 0, nTti: 0, tbsBits: 0 });
  });
});
