import { describe, expect, it } from 'vitest';
import { allocationFor, BEYOND_PROFILE, compileClassifier, UNKNOWN_SERVICE, UNSERVED, type ClassPlan, type PhyClass } from '../../src/classes/index.js';
import { tbsFromRe } from '../../src/nr/tbs.js';

const cls = (nPrb: number, qm = 4, rateX1024 = 434, nRePerPrb = 132): PhyClass => ({
  id: `c${nPrb}`, direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 12, qm, rateX1024,
  maxTransmissions: 2, combining: 'chase', repetitions: 1, grant: 'configured', nPrb,
  tbsBits: tbsFromRe(nRePerPrb * nPrb, qm, rateX1024, 1), fiveQi: null, nLayers: 1, nRePerPrb, nDmrsRePerPrb: 24, nOverheadRePerPrb: 0,
});

const planOf = (entries: [string, PhyClass, number][], unserved: string[] = []): ClassPlan => ({
  classes: entries.map((e) => e[1]),
  assignments: entries.map(([id, c]) => ({ serviceId: id, classId: c.id, ownRePerSecond: 0, sharedRePerSecond: 0, sharingPenaltyRePerSecond: 0, sharesWith: [id] })),
  unserved: unserved.map((serviceId) => ({ serviceId, reason: 'x' })),
  totalRePerSecond: 0, loadByDirection: { DL: 0, UL: 0 }, exact: true, method: 'test',
  maxBytesByService: Object.fromEntries(entries.map(([id, , m]) => [id, m])),
});

describe('compileClassifier', () => {
  it('matches allocationFor for every byte size up to the profile maximum (direct table)', () => {
    const a = cls(7);
    const f = compileClassifier(planOf([['s', a, 20_000]]));
    for (let b = 1; b <= 20_000; b++) {
      const r = f('s', b);
      const al = allocationFor(a, b);
      if (r.nPrb !== al.nPrb || r.nTti !== al.nTti || r.tbsBits !== al.tbsBits) throw new Error(`size ${b}: ${JSON.stringify(r)} vs ${JSON.stringify(al)}`);
    }
  });
  it('matches allocationFor on the binary-search path (profiles above 1 MiB)', () => {
    const a = cls(50, 6, 873);
    const f = compileClassifier(planOf([['big', a, 3_000_000]]));
    for (let b = 1; b <= 3_000_000; b += 997) {
      const r = f('big', b);
      const al = allocationFor(a, b);
      expect([r.nPrb, r.nTti, r.tbsBits]).toEqual([al.nPrb, al.nTti, al.tbsBits]);
    }
    expect(f('big', 3_000_000).status).toBe('ok');
  });
  it('answers unknown services, sizes beyond the profile and unserved services without throwing', () => {
    const f = compileClassifier(planOf([['s', cls(3), 100]], ['gone']));
    expect(f('nope', 10)).toBe(UNKNOWN_SERVICE);
    expect(f('s', 101)).toBe(BEYOND_PROFILE);
    expect(f('s', 0)).toBe(BEYOND_PROFILE);
    expect(f('s', Number.NaN)).toBe(BEYOND_PROFILE);
    expect(f('s', -1)).toBe(BEYOND_PROFILE);
    expect(f('gone', 10)).toBe(UNSERVED);
    expect(f('s', 99.2)).toBe(f('s', 100));
  });
  it('returns shared frozen objects (no allocation per call)', () => {
    const f = compileClassifier(planOf([['s', cls(3), 500]]));
    expect(f('s', 40)).toBe(f('s', 40));
    expect(Object.isFrozen(f('s', 40))).toBe(true);
  });
});
