import { describe, expect, it } from 'vitest';
import { eligibleFiveQis, fiveQiTable } from '../../src/services/fiveqi.js';

describe('services/fiveqi', () => {
  it('MDBV eligibility (services.md §8): a VGG-16 pool5 int8 burst fits 5QI 90 but not 89; fp32 fits none', () => {
    const ids = (bytes: number, budget: number, eps: number) => eligibleFiveQis({ burstBytes: bytes, radioBudgetMs: budget, epsilon: eps }).map((q) => q.fiveQi);
    expect(ids(25_088, 19, 1e-4)).toContain(90);
    expect(ids(25_088, 19, 1e-4)).not.toContain(89);
    expect(ids(100_352, 19, 1e-4).filter((n) => n >= 82)).toEqual([]);
    expect(ids(10_035, 14, 1e-4)).toContain(89);
    expect(ids(200, 4, 1e-5)).toEqual([85]);
  });
  it('eligible 5QIs are sorted by priority and meet every bound', () => {
    const list = eligibleFiveQis({ burstBytes: 1000, radioBudgetMs: 100, epsilon: 1e-3 });
    for (let i = 1; i < list.length; i++) expect(list[i]!.priority).toBeGreaterThanOrEqual(list[i - 1]!.priority);
    for (const q of list) {
      expect(q.per).toBeLessThanOrEqual(1e-3);
      expect(q.pdbMs - q.cnPdbMs).toBeLessThanOrEqual(100);
      if (q.mdbvBytes !== null) expect(q.mdbvBytes).toBeGreaterThanOrEqual(1000);
    }
    expect(Object.isFrozen(fiveQiTable)).toBe(true);
  });
});
