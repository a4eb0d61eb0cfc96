/** LDPC segmentation laws over TBS values produced by the TS 38.214 procedure. */
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as O from 'fp-ts/lib/Option.js';
import { tbsFromRe } from '../../src/nr/tbs.js';
import { mcsEntry, maxMcsIndex } from '../../src/nr/mcs.js';
import { LIFTING_SETS, LIFTING_SIZES, ldpcSegmentation, maxCodeBlockSize, rateMatchedLengths } from '../../src/nr/ldpc.js';
import { MCS_TABLE_NAMES } from '../../src/core/types.js';
import { fcRuns } from '../support/fc-runs.js';

const arbTb = fc
  .record({ t: fc.integer({ min: 0, max: 3 }), m: fc.nat(), nPrb: fc.integer({ min: 1, max: 275 }), rePerPrb: fc.integer({ min: 1, max: 156 }), layers: fc.integer({ min: 1, max: 4 }) })
  .map(({ t, m, nPrb, rePerPrb, layers }) => {
    const table = MCS_TABLE_NAMES[t] ?? 'qam64';
    const e = mcsEntry(table, m % (maxMcsIndex(table) + 1));
    const { qm, rateX1024 } = O.isSome(e) ? e.value : { qm: 2, rateX1024: 120 };
    return { tbs: tbsFromRe(rePerPrb * nPrb, qm, rateX1024, layers), qm, rateX1024, layers, nRe: rePerPrb * nPrb };
  });

describe('properties: LDPC segmentation', () => {
  test.prop([arbTb], { numRuns: fcRuns(3000) })('covers B exactly: C·K\' = B + C·L_CB, with K\' <= K_cb', ({ tbs, rateX1024 }) => {
    const s = ldpcSegmentation(tbs, rateX1024);
    expect(s.codeBlocks * s.kPrime).toBe(s.bBits + s.codeBlocks * s.cbCrcBits);
    expect(s.bBits).toBe(tbs + s.tbCrcBits);
    expect(s.kPrime).toBeLessThanOrEqual(maxCodeBlockSize(s.baseGraph));
    expect(s.cbCrcBits).toBe(s.codeBlocks > 1 ? 24 : 0);
  });
  test.prop([arbTb], { numRuns: fcRuns(3000) })('K >= K\', F = K - K\', Zc is the smallest lifting size that fits', ({ tbs, rateX1024 }) => {
    const s = ldpcSegmentation(tbs, rateX1024);
    expect(s.k).toBeGreaterThanOrEqual(s.kPrime);
    expect(s.fillerBits).toBe(s.k - s.kPrime);
    expect(s.k).toBe((s.baseGraph === 1 ? 22 : 10) * s.zc);
    expect(LIFTING_SIZES.includes(s.zc)).toBe(true);
    expect(s.kb * s.zc).toBeGreaterThanOrEqual(s.kPrime);
    const prev = LIFTING_SIZES[LIFTING_SIZES.indexOf(s.zc) - 1];
    if (prev !== undefined) expect(s.kb * prev).toBeLessThan(s.kPrime);
    expect(LIFTING_SETS[s.liftingSetIndex]).toContain(s.zc);
  });
  test.prop([arbTb, fc.integer({ min: 1, max: 200_000 })], { numRuns: fcRuns(2000) })(
    'rate matching distributes G: sum = G (G multiple of NL·Qm), lengths differ by at most NL·Qm',
    ({ tbs, rateX1024, qm, layers }, symbols) => {
      const s = ldpcSegmentation(tbs, rateX1024);
      const g = symbols * qm * layers;
      const e = rateMatchedLengths(s, g, qm, layers);
      expect(e.length).toBe(s.codeBlocks);
      expect(e.reduce((a, b) => a + b, 0)).toBe(g);
      expect(Math.max(...e) - Math.min(...e)).toBeLessThanOrEqual(qm * layers);
      for (let i = 1; i < e.length; i++) expect(e[i]!).toBeGreaterThanOrEqual(e[i - 1]!);
      expect(e.every((x) => x % (qm * layers) === 0)).toBe(true);
    },
  );
});
