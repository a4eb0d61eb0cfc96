import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import { defaultLink, errBoundsChase, makeCtx, TBS_UB_SLOPE, tddDuty } from '../../src/classes/index.js';
import { harqTransmissionDistribution } from '../../src/link/harq.js';
import { tbsFromRe } from '../../src/nr/tbs.js';
import { mcsEntry } from '../../src/nr/mcs.js';

describe('planner model', () => {
  test.prop(
    [fc.integer({ min: 1, max: 156 * 275 }), fc.constantFrom<[number, number]>([2, 30], [2, 120], [2, 602], [4, 340], [6, 948], [8, 682.5], [10, 948]), fc.integer({ min: 1, max: 4 })],
    { numRuns: 2000 },
  )('TBS ≤ 1.07·N_info + 24 (the branch-and-bound bound)', (nRe, [qm, rate], layers) => {
    const ninfo = (nRe * rate * qm * layers) / 1024;
    expect(tbsFromRe(nRe, qm, rate, layers)).toBeLessThanOrEqual(TBS_UB_SLOPE * ninfo + 24);
  });

  it('TDD duty: DDDSU gives DL 3.71/5 and UL 1.14/5', () => {
    expect(tddDuty('DDDSU', 'DL')).toBeCloseTo((3 + 10 / 14) / 5, 12);
    expect(tddDuty('DDDSU', 'UL')).toBeCloseTo((1 + 2 / 14) / 5, 12);
  });

  // The planner's fading error bounds bracket the exact HARQ model (spot checks: the exact model is slow).
  const cases: [string, number, number, number, 1 | 2, 'same' | 'independent'][] = [
    ['qam64', 5, 400, 5, 1, 'independent'],
    ['qam64', 16, 2000, 12, 1, 'independent'],
    ['qam64LowSE', 3, 200, 0, 2, 'independent'],
    ['qam256', 20, 8000, 18, 1, 'same'],
    ['qam64', 10, 1000, 8, 1, 'same'],
  ];
  for (const [table, mcs, tbs, snr, r, hf] of cases) {
    it(`bounds bracket the exact Chase HARQ error: ${table} MCS ${mcs}, ${tbs} bits, ${snr} dB, ${hf}`, () => {
      const link = { ...defaultLink, snrDb: snr, harqFading: hf };
      const ctx = makeCtx([], link, undefined);
      const e = mcsEntry(table as 'qam64', mcs);
      if (e._tag === 'None') throw new Error('bad mcs');
      const m = { tableIdx: 0, table: table as 'qam64', mcs, qm: e.value.qm, rateX1024: e.value.rateX1024 };
      const { lower, upper } = errBoundsChase(ctx, m, tbs, r);
      const dist = harqTransmissionDistribution({
        model: ctx.model, mcsTable: m.table, mcs, tbsBits: tbs, snrDb: snr + 10 * Math.log10(r), transmissions: 4,
        combining: 'chase', fading: link.fading, fadingPerTransmission: hf,
      });
      let acc = dist[4]!;
      const exact = [0, 0, 0, 0, acc];
      for (let i = 3; i >= 1; i--) {
        acc += dist[i]!;
        exact[i] = acc;
      }
      for (let j = 1; j <= 4; j++) {
        expect(upper[j]!).toBeGreaterThanOrEqual(exact[j]! * (1 - 1e-6));
        expect(lower[j]!).toBeLessThanOrEqual(exact[j]! * (1 + 1e-6) + 1e-300);
        // and the bracket is useful: within a factor 10 where the error matters
        if (exact[j]! > 1e-12) expect(upper[j]!).toBeLessThan(10 * exact[j]! + 1e-12);
      }
    });
  }
});
