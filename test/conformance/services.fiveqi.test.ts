/**
 * TS 23.501 Table 5.7.4-1 conformance: every standardized 5QI with its resource type, default
 * priority, PDB, PER, default MDBV and averaging window. Vectors transcribed from the public copies
 * cited in spec/services.md (TR 26.925 reproduction of the table; a v19.4.0 transcription for 10 and 86-90).
 */
import { describe, expect, it } from 'vitest';
import * as O from 'fp-ts/lib/Option.js';
import { fiveQiById, fiveQiRadioBudgetMs, fiveQiTable } from '../../src/services/fiveqi.js';

// [5QI, type, priority, PDB ms, PER exponent, MDBV or null, averaging window or null]
const V: readonly (readonly [number, string, number, number, number, number | null, number | null])[] = [
  [1, 'GBR', 20, 100, -2, null, 2000], [2, 'GBR', 40, 150, -3, null, 2000], [3, 'GBR', 30, 50, -3, null, 2000],
  [4, 'GBR', 50, 300, -6, null, 2000], [65, 'GBR', 7, 75, -2, null, 2000], [66, 'GBR', 20, 100, -2, null, 2000],
  [67, 'GBR', 15, 100, -3, null, 2000], [71, 'GBR', 56, 150, -6, null, 2000], [72, 'GBR', 56, 300, -4, null, 2000],
  [73, 'GBR', 56, 300, -8, null, 2000], [74, 'GBR', 56, 500, -8, null, 2000], [75, 'GBR', 25, 50, -2, null, 2000],
  [76, 'GBR', 56, 500, -4, null, 2000],
  [5, 'non-GBR', 10, 100, -6, null, null], [6, 'non-GBR', 60, 300, -6, null, null], [7, 'non-GBR', 70, 100, -3, null, null],
  [8, 'non-GBR', 80, 300, -6, null, null], [9, 'non-GBR', 90, 300, -6, null, null], [10, 'non-GBR', 90, 1100, -6, null, null],
  [69, 'non-GBR', 5, 60, -6, null, null], [70, 'non-GBR', 55, 200, -6, null, null], [79, 'non-GBR', 65, 50, -2, null, null],
  [80, 'non-GBR', 68, 10, -6, null, null],
  [82, 'delay-critical-GBR', 19, 10, -4, 255, 2000], [83, 'delay-critical-GBR', 22, 10, -4, 1354, 2000],
  [84, 'delay-critical-GBR', 24, 30, -5, 1354, 2000], [85, 'delay-critical-GBR', 21, 5, -5, 255, 2000],
  [86, 'delay-critical-GBR', 18, 5, -4, 1354, 2000], [87, 'delay-critical-GBR', 25, 5, -3, 500, 2000],
  [88, 'delay-critical-GBR', 25, 10, -3, 1125, 2000], [89, 'delay-critical-GBR', 25, 15, -4, 17000, 2000],
  [90, 'delay-critical-GBR', 25, 20, -4, 63000, 2000],
];

describe('services conformance: TS 23.501 Table 5.7.4-1', () => {
  it('is complete: 13 GBR, 10 non-GBR, 9 delay-critical GBR rows, no duplicates', () => {
    expect(fiveQiTable).toHaveLength(V.length);
    expect(fiveQiTable.filter((q) => q.resourceType === 'GBR')).toHaveLength(13);
    expect(fiveQiTable.filter((q) => q.resourceType === 'non-GBR')).toHaveLength(10);
    expect(fiveQiTable.filter((q) => q.resourceType === 'delay-critical-GBR').map((q) => q.fiveQi)).toEqual([82, 83, 84, 85, 86, 87, 88, 89, 90]);
    expect(new Set(fiveQiTable.map((q) => q.fiveQi)).size).toBe(fiveQiTable.length);
  });
  for (const [id, type, prio, pdb, perExp, mdbv, win] of V) {
    it(`5QI ${id}`, () => {
      const q = fiveQiById(id);
      expect(O.isSome(q)).toBe(true);
      if (O.isNone(q)) return;
      expect(q.value.resourceType).toBe(type);
      expect(q.value.priority).toBe(prio);
      expect(q.value.pdbMs).toBe(pdb);
      expect(q.value.per).toBe(Number(`1e${perExp}`));
      expect(q.value.mdbvBytes).toBe(mdbv);
      expect(q.value.averagingWindowMs).toBe(win);
      expect(q.value.exampleServices.length).toBeGreaterThan(5);
    });
  }
  it('radio budget = PDB - CN PDB (1 ms for 80 and 82-90, 20 ms for the classic rows)', () => {
    const rb = (n: number) => { const q = fiveQiById(n); return O.isSome(q) ? fiveQiRadioBudgetMs(q.value) : Number.NaN; };
    expect(rb(85)).toBe(4);
    expect(rb(90)).toBe(19);
    expect(rb(80)).toBe(9);
    expect(rb(9)).toBe(280);
    expect(rb(3)).toBe(30);
    expect(O.isNone(fiveQiById(81))).toBe(true);
  });
});
