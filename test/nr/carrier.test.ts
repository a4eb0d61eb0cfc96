import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  carrierScsKHz, channelBandwidthsMHz, dmrsRePerPrb, dmrsSymbolCount, maxPrb, validTimeAllocation, type TimeAllocationParams,
} from '../../src/nr/carrier.js';

const fieldOf = <A>(e: E.Either<{ readonly message: string }, A>): string | undefined =>
  E.isLeft(e) && 'field' in e.left ? String((e.left as { field: string }).field) : undefined;

describe('nr/carrier maxPrb (TS 38.101-1/-2 Table 5.3.2-1)', () => {
  it('well-known FR1 values', () => {
    expect(maxPrb(20, 15)).toEqual(E.right(106));
    expect(maxPrb(100, 30)).toEqual(E.right(273));
    expect(maxPrb(40, 30)).toEqual(E.right(106));
    expect(maxPrb(10, 60)).toEqual(E.right(11));
  });
  it('FR2-1 values, and the 60 kHz FR1/FR2-1 ambiguity resolved by fr', () => {
    expect(maxPrb(400, 120)).toEqual(E.right(264));
    expect(maxPrb(200, 60)).toEqual(E.right(264));
    expect(maxPrb(100, 60)).toEqual(E.right(135));
    expect(maxPrb(100, 60, 'FR2-1')).toEqual(E.right(132));
    expect(maxPrb(50, 60, 'FR1')).toEqual(E.right(65));
    expect(maxPrb(50, 60, 'FR2-1')).toEqual(E.right(66));
  });
  it('Left names the field for combinations that do not exist', () => {
    expect(fieldOf(maxPrb(60, 15))).toBe('bandwidthMHz');
    expect(fieldOf(maxPrb(5, 60))).toBe('bandwidthMHz');
    expect(fieldOf(maxPrb(400, 60))).toBe('bandwidthMHz');
    expect(fieldOf(maxPrb(20, 240))).toBe('scsKHz');
    expect(fieldOf(maxPrb(20, 120, 'FR1'))).toBe('scsKHz');
    expect(fieldOf(maxPrb(20, 15, 'FR3' as never))).toBe('fr');
    const l = maxPrb(60, 15);
    expect(E.isLeft(l) && l.left.message).toContain('50');
  });
  it('N_RB never exceeds 275 and the occupied bandwidth fits the channel', () => {
    for (const fr of ['FR1', 'FR2-1'] as const) {
      for (const scs of carrierScsKHz(fr)) {
        let prev = 0;
        for (const bw of channelBandwidthsMHz(fr, scs)) {
          const n = maxPrb(bw, scs, fr);
          if (E.isLeft(n)) throw new Error(n.left.message);
          expect(n.right).toBeLessThanOrEqual(275);
          expect(n.right).toBeGreaterThan(prev);
          expect(n.right * 12 * scs).toBeLessThan(bw * 1000); // 12 subcarriers per RB inside the channel
          expect(n.right * 12 * scs).toBeGreaterThan(bw * 1000 * 0.75);
          prev = n.right;
        }
      }
    }
    expect(channelBandwidthsMHz('FR1', 15)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(channelBandwidthsMHz('FR2-1', 120)).toEqual([50, 100, 200, 400]);
    expect(channelBandwidthsMHz('FR1', 120)).toEqual([]);
  });
});

describe('nr/carrier DM-RS REs per PRB', () => {
  it('type 1, single symbol, no additional position, 2 CDM groups without data: 12', () => {
    expect(dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 0, maxLength: 1 })).toBe(12);
    expect(dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: 1, additionalPositions: 0, maxLength: 1 })).toBe(6);
  });
  it('type A slot, pos1/pos2/pos3 with 14 symbols: 2, 3, 4 DM-RS symbols', () => {
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 1 })).toBe(2);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 2, maxLength: 1 })).toBe(3);
    expect(dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 1 })).toBe(48);
  });
  it('type A durations below 8 symbols carry only the front-loaded DM-RS', () => {
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 1, nSymbols: 7 })).toBe(1);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 1, nSymbols: 8 })).toBe(2);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 1, nSymbols: 10 })).toBe(3);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 1, nSymbols: 12 })).toBe(4);
  });
  it('type B mini-slots', () => {
    const b = { type: 1, cdmGroupsWithoutData: 2, maxLength: 1, mappingType: 'B' } as const;
    expect(dmrsSymbolCount({ ...b, additionalPositions: 1, nSymbols: 2 })).toBe(1);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 1, nSymbols: 4 })).toBe(1);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 1, nSymbols: 7 })).toBe(2);
    // TS 38.211 V18.7.0 Table 7.4.1.1.2-3 (PDSCH type B): 8: l0,3,6; 10: l0,4,7; 11: l0,3,6,9 (pos3)
    expect(dmrsSymbolCount({ ...b, additionalPositions: 3, nSymbols: 8 })).toBe(3);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 3, nSymbols: 10 })).toBe(3);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 3, nSymbols: 11 })).toBe(4);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 2, nSymbols: 13 })).toBe(3);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 1, nSymbols: 5 })).toBe(2);
    // Table 6.4.1.1.3-3 (PUSCH type B): 9: l0,3,6; 10: l0,3,6,9 (pos3)
    expect(dmrsSymbolCount({ ...b, additionalPositions: 3, nSymbols: 9, channel: 'pusch' })).toBe(3);
    expect(dmrsSymbolCount({ ...b, additionalPositions: 3, nSymbols: 10, channel: 'pusch' })).toBe(4);
  });
  it('double-symbol DM-RS: 2 symbols, 4 with an additional position on long allocations', () => {
    expect(dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 0, maxLength: 2 })).toBe(24);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 2 })).toBe(4);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 3, maxLength: 2 })).toBe(4);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 2, nSymbols: 9 })).toBe(2);
    // Table 7.4.1.1.2-4: type B double-symbol pos1 gets l0,5 from l_d = 8
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 2, nSymbols: 7, mappingType: 'B' })).toBe(2);
    expect(dmrsSymbolCount({ type: 1, cdmGroupsWithoutData: 2, additionalPositions: 1, maxLength: 2, nSymbols: 8, mappingType: 'B' })).toBe(4);
  });
  it('type 2: 4 REs per CDM group per symbol, up to 3 groups', () => {
    expect(dmrsRePerPrb({ type: 2, cdmGroupsWithoutData: 3, additionalPositions: 0, maxLength: 1 })).toBe(12);
    expect(dmrsRePerPrb({ type: 2, cdmGroupsWithoutData: 1, additionalPositions: 1, maxLength: 1 })).toBe(8);
    // type 1 has only 2 CDM groups: 3 is clamped to 2 (all 12 subcarriers)
    expect(dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: 3, additionalPositions: 0, maxLength: 1 })).toBe(12);
  });
  it('never more DM-RS REs than 12 per DM-RS symbol, never more symbols than the allocation', () => {
    for (const type of [1, 2] as const) for (const g of [1, 2, 3] as const) for (const a of [0, 1, 2, 3] as const)
      for (const ml of [1, 2] as const) for (const mt of ['A', 'B'] as const) for (let n = 1; n <= 14; n++) {
        const cfg = { type, cdmGroupsWithoutData: g, additionalPositions: a, maxLength: ml, mappingType: mt, nSymbols: n };
        const k = dmrsSymbolCount(cfg);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(n);
        expect(dmrsRePerPrb(cfg)).toBeLessThanOrEqual(12 * k);
      }
  });
});

describe('nr/carrier time-domain allocation (TS 38.214 Tables 5.1.2.1-1, 6.1.2.1-1)', () => {
  const ok = (p: TimeAllocationParams) => E.isRight(validTimeAllocation(p));
  it('PDSCH type A', () => {
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 14 })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 2, lengthSymbols: 12 })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 2, lengthSymbols: 13 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 2 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 3, lengthSymbols: 4 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 3, lengthSymbols: 4, dmrsTypeAPosition: 3 })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 13, extendedCp: true })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 12, extendedCp: true })).toBe(true);
  });
  it('PDSCH type B: Rel-16 lengths 2..13 with normal CP, {2,4,6} with extended CP', () => {
    for (let l = 2; l <= 13; l++) expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: l })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: 14 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: 1 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 12, lengthSymbols: 2 })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 13, lengthSymbols: 1 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 10, lengthSymbols: 7 })).toBe(false);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: 4, extendedCp: true })).toBe(true);
    expect(ok({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: 5, extendedCp: true })).toBe(false);
  });
  it('PUSCH type A starts at 0 with 4..14 symbols; type B 1..14, repetition type B up to S+L = 27', () => {
    expect(ok({ channel: 'pusch', mappingType: 'A', startSymbol: 0, lengthSymbols: 4 })).toBe(true);
    expect(ok({ channel: 'pusch', mappingType: 'A', startSymbol: 1, lengthSymbols: 4 })).toBe(false);
    expect(ok({ channel: 'pusch', mappingType: 'A', startSymbol: 0, lengthSymbols: 3 })).toBe(false);
    expect(ok({ channel: 'pusch', mappingType: 'B', startSymbol: 13, lengthSymbols: 1 })).toBe(true);
    expect(ok({ channel: 'pusch', mappingType: 'B', startSymbol: 10, lengthSymbols: 14 })).toBe(false);
    expect(ok({ channel: 'pusch', mappingType: 'B', startSymbol: 13, lengthSymbols: 14, repetitionTypeB: true })).toBe(true);
  });
  it('Left names the offending field; Right carries last symbol and SLIV', () => {
    expect(fieldOf(validTimeAllocation({ channel: 'pdsch', mappingType: 'B', startSymbol: 13, lengthSymbols: 2 }))).toBe('startSymbol');
    expect(fieldOf(validTimeAllocation({ channel: 'pdsch', mappingType: 'B', startSymbol: 0, lengthSymbols: 14 }))).toBe('lengthSymbols');
    expect(fieldOf(validTimeAllocation({ channel: 'pdsch', mappingType: 'B', startSymbol: 8, lengthSymbols: 7 }))).toBe('lengthSymbols');
    expect(fieldOf(validTimeAllocation({ channel: 'pdcch' as never, mappingType: 'A', startSymbol: 0, lengthSymbols: 14 }))).toBe('channel');
    expect(fieldOf(validTimeAllocation({ channel: 'pdsch', mappingType: 'C' as never, startSymbol: 0, lengthSymbols: 14 }))).toBe('mappingType');
    const r = validTimeAllocation({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 14 });
    // L - 1 = 13 > 7: SLIV = 14·(14 - 14 + 1) + (14 - 1 - 0) = 27
    expect(r).toEqual(E.right({ channel: 'pdsch', mappingType: 'A', startSymbol: 0, lengthSymbols: 14, lastSymbol: 13, sliv: 27 }));
    const b = validTimeAllocation({ channel: 'pdsch', mappingType: 'B', startSymbol: 5, lengthSymbols: 2 });
    expect(E.isRight(b) && b.right.sliv).toBe(14 * 1 + 5);
  });
  it('SLIV is a bijection onto 0..104 over all (S, L) with S + L <= 14', () => {
    const seen = new Set<number>();
    for (let s = 0; s <= 13; s++) for (let l = 1; l <= 14 - s; l++) {
      const r = validTimeAllocation({ channel: 'pusch', mappingType: 'B', startSymbol: s, lengthSymbols: l });
      if (E.isLeft(r) || r.right.sliv === null) throw new Error('expected valid');
      seen.add(r.right.sliv);
    }
    expect(seen.size).toBe(105);
    expect(Math.max(...seen)).toBeLessThan(128);
  });
});

describe('nr/carrier robustness', () => {
  it('dmrsRePerPrb never throws or returns NaN on malformed numbers', () => {
    const weird = [Number.NaN, Number.POSITIVE_INFINITY, { toString: {} }, '3', undefined] as unknown[];
    for (const w of weird) {
      const n = dmrsRePerPrb({ type: 1, cdmGroupsWithoutData: w as 1, additionalPositions: w as 0, maxLength: 1, nSymbols: w as number });
      expect(Number.isFinite(n)).toBe(true);
    }
  });
});
