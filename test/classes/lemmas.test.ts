/**
 * The lemmas the search relies on (src/classes/lemmas.ts), each a named predicate checked on random
 * inputs. A failing predicate here means a pruning rule of classes/search.ts may be unsound.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import type { McsTableName } from '../../src/core/types.js';
import { blerModel } from '../../src/link/bler.js';
import { occasionGrid } from '../../src/link/latency.js';
import { mcsEntry } from '../../src/nr/mcs.js';
import { tbsFromRe } from '../../src/nr/tbs.js';
import {
  candidateSpace,
  certifiedErrOracle,
  defaultLink,
  errNonIncreasingInTransmissions,
  exactErrOracle,
  fadingBoundBrackets,
  kernelNonDecreasingInK,
  kernelNonIncreasingInN,
  kernelNonIncreasingInSnr,
  spanNonDecreasing,
  spanSubadditive,
  tbsMonotoneInPrb,
  tbsWithinUpperBound,
  type McsInfo,
} from '../../src/classes/index.js';
import { fcRuns } from '../support/fc-runs.js';

const tables: McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
const TABLE_IDX: Record<McsTableName, number> = { qam64: 0, qam256: 1, qam64LowSE: 2, qam1024: 3 };
const arbMcs: fc.Arbitrary<McsInfo | null> = fc.tuple(fc.constantFrom(...tables), fc.integer({ min: 0, max: 31 })).map(([table, mcs]) => {
  const e = mcsEntry(table, mcs);
  return e._tag === 'None' ? null : { tableIdx: TABLE_IDX[table], table, mcs, qm: e.value.qm, rateX1024: e.value.rateX1024 };
});
const models = [blerModel('nr-ldpc', { receiver: 'conservative' }), blerModel('nr-ldpc', { receiver: 'ideal' }), blerModel('fbl-qam')];
const arbModel = fc.constantFrom(...models);

describe('TBS lemmas', () => {
  test.prop([fc.integer({ min: 1, max: 156 * 275 }), arbMcs, fc.integer({ min: 1, max: 4 })], { numRuns: fcRuns(2000) })(
    'tbsWithinUpperBound (rule 1)',
    (nRe, m, layers) => {
      if (m === null) return;
      expect(tbsWithinUpperBound(nRe, m.qm, m.rateX1024, layers)).toBe(true);
    },
  );
  test.prop([fc.integer({ min: 1, max: 156 }), arbMcs, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 274 })], { numRuns: fcRuns(2000) })(
    'tbsMonotoneInPrb (rules 2, 3)',
    (nRePerPrb, m, layers, n) => {
      if (m === null) return;
      expect(tbsMonotoneInPrb(nRePerPrb, m.qm, m.rateX1024, layers, n)).toBe(true);
    },
  );
  it('the TBS bound is not vacuous: TBS exceeds N_info at some points (a slope of 1 and no +24 would be wrong)', () => {
    let above = 0;
    for (let nRe = 100; nRe < 5000; nRe += 7) if (tbsFromRe(nRe, 6, 948, 1) > (nRe * 948 * 6) / 1024) above++;
    expect(above).toBeGreaterThan(0);
  });
});

describe('BLER kernel lemmas (§3.1, rule 7)', () => {
  const arbK = fc.integer({ min: 24, max: 8448 });
  test.prop([arbModel, arbMcs, arbK, fc.double({ min: -20, max: 40, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })], { numRuns: fcRuns(500) })(
    'kernelNonIncreasingInSnr',
    (model, m, k, x, dx) => {
      if (m === null) return;
      const rate = m.rateX1024 / 1024;
      const n = Math.max(m.qm, Math.round(k / rate)) / m.qm;
      expect(kernelNonIncreasingInSnr(model, m.qm, k, n, rate, x, dx)).toBe(true);
    },
  );
  test.prop([arbModel, arbMcs, arbK, fc.integer({ min: 0, max: 600 }), fc.double({ min: -20, max: 40, noNaN: true })], { numRuns: fcRuns(500) })(
    'kernelNonDecreasingInK',
    (model, m, k, dk, x) => {
      if (m === null) return;
      const rate = m.rateX1024 / 1024;
      const n = Math.max(m.qm, Math.round((k + dk) / rate)) / m.qm;
      expect(kernelNonDecreasingInK(model, m.qm, k, dk, n, rate, x)).toBe(true);
    },
  );
  test.prop([arbModel, arbMcs, arbK, fc.integer({ min: 0, max: 2000 }), fc.double({ min: -20, max: 40, noNaN: true })], { numRuns: fcRuns(500) })(
    'kernelNonIncreasingInN',
    (model, m, k, dn, x) => {
      if (m === null) return;
      const rate = m.rateX1024 / 1024;
      const n = Math.max(m.qm, Math.round(k / rate)) / m.qm;
      expect(kernelNonIncreasingInN(model, m.qm, k, n, dn, rate, x)).toBe(true);
    },
  );
});

describe('error-vector lemmas', () => {
  const arbLink = fc.record({
    snrDb: fc.integer({ min: 0, max: 30 }),
    harqFading: fc.constantFrom<'same' | 'independent'>('same', 'independent'),
    awgn: fc.boolean(),
  });
  // the exact model is a quadrature (ms per call): few runs, each a different point
  test.prop([arbLink, arbMcs, fc.integer({ min: 24, max: 30_000 }), fc.constantFrom<1 | 2 | 4>(1, 2, 4)], { numRuns: 40 })(
    'fadingBoundBrackets: lower ≤ exact ≤ upper (§3.1)',
    (l, m, tbs, r) => {
      if (m === null || m.qm > 6) return;
      const space = candidateSpace([], { ...defaultLink, snrDb: l.snrDb, harqFading: l.harqFading }, undefined);
      expect(fadingBoundBrackets(space, m, tbs, r)).toBe(true);
    },
  );
  test.prop([arbLink, arbMcs, fc.integer({ min: 24, max: 30_000 }), fc.constantFrom<1 | 2 | 4 | 8>(1, 2, 4, 8)], { numRuns: 200 })(
    'errNonIncreasingInTransmissions: the certified oracle (and, on AWGN, the exact one)',
    (l, m, tbs, r) => {
      if (m === null) return;
      const link = { ...defaultLink, snrDb: l.snrDb, harqFading: l.harqFading, ...(l.awgn ? { fading: { kind: 'awgn' as const } } : {}) };
      const space = candidateSpace([], link, undefined);
      expect(errNonIncreasingInTransmissions(certifiedErrOracle(space)(m, tbs, r))).toBe(true);
      if (l.awgn) expect(errNonIncreasingInTransmissions(exactErrOracle(space)(m, tbs, r))).toBe(true);
    },
  );
  it('fadingBoundBrackets can say no: demanding upper ≥ 2·exact fails', () => {
    const space = candidateSpace([], { ...defaultLink, snrDb: 10 }, undefined);
    const m = { tableIdx: 0, table: 'qam64' as const, mcs: 10, qm: 4, rateX1024: 340 };
    expect(fadingBoundBrackets(space, m, 1000, 1)).toBe(true);
    expect(fadingBoundBrackets(space, m, 1000, 1, -1)).toBe(false);
  });
  it('errNonIncreasingInTransmissions says no to a rising vector', () => {
    expect(errNonIncreasingInTransmissions([1, 0.1, 0.2, 0, 0])).toBe(false);
    expect(errNonIncreasingInTransmissions([0.5, 0.1, 0, 0, 0])).toBe(false);
  });
});

describe('occasion-grid lemmas (timing, rule 2)', () => {
  const arbGrid = fc
    .record({
      dir: fc.constantFrom<'DL' | 'UL'>('DL', 'UL'),
      tti: fc.constantFrom(14, 7, 4, 2),
      tdd: fc.constantFrom<string | null>(null, 'DDDSU', 'DDSU', 'DSUUU', 'DDDDDDDSUU'),
    })
    .map((g) => occasionGrid(g.dir, g.tti, g.tdd === null ? 'FDD' : 'TDD', g.tdd ?? 'DDDSU'));
  test.prop([arbGrid, fc.integer({ min: 0, max: 500 })], { numRuns: fcRuns(500) })('spanNonDecreasing', (g, s) => {
    expect(spanNonDecreasing(g, s)).toBe(true);
  });
  test.prop([arbGrid, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })], { numRuns: fcRuns(500) })('spanSubadditive', (g, a, b) => {
    expect(spanSubadditive(g, a, b)).toBe(true);
  });
});
