/**
 * Conformance: the MCS tables of TS 38.214 V18.7.0 §5.1.3.1 / §6.1.4.1, row by row
 * (Qm and R·1024 per index, reserved rows, the highest valid index).
 */
import { describe, expect, it } from 'vitest';
import * as O from 'fp-ts/lib/Option.js';
import { maxMcsIndex, mcsEntry, mcsModulationOrder, type McsOptions } from '../../src/nr/mcs.js';
import type { McsTableName } from '../../src/core/types.js';

// [table, opts, Qm per valid index, R·1024 per valid index, Qm of the reserved indices]
type Case = readonly [McsTableName, McsOptions, readonly number[], readonly number[], readonly number[]];
const rep = (q: number, n: number): number[] => Array.from({ length: n }, () => q);
const CASES: readonly Case[] = [
  ['qam64', {}, [...rep(2, 10), ...rep(4, 7), ...rep(6, 12)],
    [120, 157, 193, 251, 308, 379, 449, 526, 602, 679, 340, 378, 434, 490, 553, 616, 658, 438, 466, 517, 567, 616, 666, 719, 772, 822, 873, 910, 948], [2, 4, 6]],
  ['qam256', {}, [...rep(2, 5), ...rep(4, 6), ...rep(6, 9), ...rep(8, 8)],
    [120, 193, 308, 449, 602, 378, 434, 490, 553, 616, 658, 466, 517, 567, 616, 666, 719, 772, 822, 873, 682.5, 711, 754, 797, 841, 885, 916.5, 948], [2, 4, 6, 8]],
  ['qam64LowSE', {}, [...rep(2, 15), ...rep(4, 6), ...rep(6, 8)],
    [30, 40, 50, 64, 78, 99, 120, 157, 193, 251, 308, 379, 449, 526, 602, 340, 378, 434, 490, 553, 616, 438, 466, 517, 567, 616, 666, 719, 772], [2, 4, 6]],
  ['qam1024', {}, [...rep(2, 3), ...rep(4, 3), ...rep(6, 9), ...rep(8, 8), ...rep(10, 4)],
    [120, 193, 449, 378, 490, 616, 466, 517, 567, 616, 666, 719, 772, 822, 873, 682.5, 711, 754, 797, 841, 885, 916.5, 948, 805.5, 853, 900.5, 948], [2, 4, 6, 8, 10]],
  ['qam64', { transformPrecoding: true }, [...rep(2, 10), ...rep(4, 7), ...rep(6, 11)],
    [120, 157, 193, 251, 308, 379, 449, 526, 602, 679, 340, 378, 434, 490, 553, 616, 658, 466, 517, 567, 616, 666, 719, 772, 822, 873, 910, 948], [2, 2, 4, 6]],
  ['qam64', { transformPrecoding: true, tpPi2Bpsk: true }, [1, 1, ...rep(2, 8), ...rep(4, 7), ...rep(6, 11)],
    [240, 314, 193, 251, 308, 379, 449, 526, 602, 679, 340, 378, 434, 490, 553, 616, 658, 466, 517, 567, 616, 666, 719, 772, 822, 873, 910, 948], [1, 2, 4, 6]],
  ['qam64LowSE', { transformPrecoding: true }, [...rep(2, 16), ...rep(4, 8), ...rep(6, 4)],
    [30, 40, 50, 64, 78, 99, 120, 157, 193, 251, 308, 379, 449, 526, 602, 679, 378, 434, 490, 553, 616, 658, 699, 772, 567, 616, 666, 772], [2, 2, 4, 6]],
  ['qam64LowSE', { transformPrecoding: true, tpPi2Bpsk: true }, [...rep(1, 6), ...rep(2, 10), ...rep(4, 8), ...rep(6, 4)],
    [60, 80, 100, 128, 156, 198, 120, 157, 193, 251, 308, 379, 449, 526, 602, 679, 378, 434, 490, 553, 616, 658, 699, 772, 567, 616, 666, 772], [1, 2, 4, 6]],
];

describe('conformance: TS 38.214 MCS tables', () => {
  for (const [table, opts, qms, rates, reservedQm] of CASES) {
    it(`${table} ${JSON.stringify(opts)}: ${qms.length} valid rows + ${reservedQm.length} reserved = 32`, () => {
      expect(qms.length).toBe(rates.length);
      expect(qms.length + reservedQm.length).toBe(32);
      expect(maxMcsIndex(table, opts)).toBe(qms.length - 1);
      for (let i = 0; i < 32; i++) {
        const e = mcsEntry(table, i, opts);
        if (i < qms.length) {
          expect(O.isSome(e) && [e.value.qm, e.value.rateX1024]).toEqual([qms[i], rates[i]]);
        } else {
          expect(O.isNone(e)).toBe(true);
          expect(mcsModulationOrder(table, i, opts)).toEqual(O.some(reservedQm[i - qms.length]));
        }
      }
    });
  }
  it('the MCS ranges for which TBS is computed: 28, 27, 28, 26 and 27 (PUSCH TP)', () => {
    expect([maxMcsIndex('qam64'), maxMcsIndex('qam256'), maxMcsIndex('qam64LowSE'), maxMcsIndex('qam1024')]).toEqual([28, 27, 28, 26]);
    expect(maxMcsIndex('qam64', { transformPrecoding: true })).toBe(27);
    expect(maxMcsIndex('qam64LowSE', { transformPrecoding: true, tpPi2Bpsk: true })).toBe(27);
  });
});
