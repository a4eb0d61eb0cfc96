import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Mu, UeCapability } from '../../src/core/types.js';
import { MU_VALUES } from '../../src/core/types.js';
import { processingTableSymbols, processingTimeSymbols, procSymbolMs } from '../../src/nr/processing.js';
import type { ProcessingTimeInput } from '../../src/nr/processing.js';

const TC_US = 1e6 / (480e3 * 4096);
const unitUs = (mu: number): number => (2048 + 144) * 64 * 2 ** -mu * TC_US;
const get = (p: ProcessingTimeInput) => {
  const r = processingTimeSymbols(p);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const leftMsg = (p: unknown): string => {
  const r = processingTimeSymbols(p as ProcessingTimeInput);
  return E.isLeft(r) ? r.left.message : 'RIGHT';
};

describe('nr/processing: TS 38.214 Tables 5.3-1/5.3-2/6.4-1/6.4-2', () => {
  // Transcribed from the V18.7.0 text (CrzyNxtG/mdspc 38214/38214_5_3_*.md, 38214_6_4_*.md).
  const table: Array<[Mu, number, number, number | null, number, number | null]> = [
    // mu, N1 cap1 pos0, N1 cap1 other, N1 cap2, N2 cap1, N2 cap2
    [0, 8, 13, 3, 10, 5],
    [1, 10, 13, 4.5, 12, 5.5],
    [2, 17, 20, 9, 23, 11],
    [3, 20, 24, null, 36, null],
    [5, 80, 96, null, 144, null],
    [6, 160, 192, null, 288, null],
  ];
  it('returns N1 and N2 in symbols for every row', () => {
    for (const [mu, a, b, c, d, e] of table) {
      expect(get({ mu, capability: 1, channel: 'pdsch' }).symbols).toBe(a);
      expect(get({ mu, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 2 }).symbols).toBe(b);
      expect(get({ mu, capability: 1, channel: 'pusch' }).symbols).toBe(d);
      if (c === null) expect(E.isLeft(processingTimeSymbols({ mu, capability: 2, channel: 'pdsch' }))).toBe(true);
      else expect(get({ mu, capability: 2, channel: 'pdsch' }).symbols).toBe(c);
      if (e === null) expect(E.isLeft(processingTimeSymbols({ mu, capability: 2, channel: 'pusch' }))).toBe(true);
      else expect(get({ mu, capability: 2, channel: 'pusch' }).symbols).toBe(e);
    }
  });

  it('matches the derived µs table of nr-phy.md §2 (0.1 µs)', () => {
    const ref: Array<[Mu, number, number, number | null, number, number | null]> = [
      [0, 570.8, 927.6, 214.1, 713.5, 356.8],
      [1, 356.8, 463.8, 160.5, 428.1, 196.2],
      [2, 303.3, 356.8, 160.5, 410.3, 196.2],
      [3, 178.4, 214.1, null, 321.1, null],
      [5, 178.4, 214.1, null, 321.1, null],
      [6, 178.4, 214.1, null, 321.1, null],
    ];
    for (const [mu, a, b, c, d, e] of ref) {
      expect(get({ mu, capability: 1, channel: 'pdsch' }).us).toBeCloseTo(a, 1);
      expect(get({ mu, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 1 }).us).toBeCloseTo(b, 1);
      expect(get({ mu, capability: 1, channel: 'pusch' }).us).toBeCloseTo(d, 1);
      if (c !== null) expect(get({ mu, capability: 2, channel: 'pdsch' }).us).toBeCloseTo(c, 1);
      if (e !== null) expect(get({ mu, capability: 2, channel: 'pusch' }).us).toBeCloseTo(e, 1);
    }
    expect(get({ mu: 0, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 1, additionalDmrsAtSymbol12: true }).us).toBeCloseTo(999.0, 1);
  });

  it('exposes N1,0 = 14 only for mu 0, capability 1, additional DMRS at l1 = 12', () => {
    expect(get({ mu: 0, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 1, additionalDmrsAtSymbol12: true }).symbols).toBe(14);
    expect(get({ mu: 0, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 1, additionalDmrsAtSymbol12: false }).symbols).toBe(13);
    expect(get({ mu: 0, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 0, additionalDmrsAtSymbol12: true }).symbols).toBe(8);
    expect(get({ mu: 1, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 1, additionalDmrsAtSymbol12: true }).symbols).toBe(13);
  });

  it('converts with the (2048+144)·κ·2^-mu·Tc unit: us = 1000·ms = symbols·unit', () => {
    for (const mu of [0, 1, 2, 3, 5, 6] as const) {
      const r = get({ mu, capability: 1, channel: 'pusch', firstSymbolDmrsOnly: false });
      expect(r.us).toBeCloseTo(r.symbols * unitUs(mu), 9);
      expect(r.ms * 1000).toBeCloseTo(r.us, 9);
      expect(procSymbolMs(mu) * 1000).toBeCloseTo(unitUs(mu), 12);
    }
  });

  it('d2,1 = 1 unless the first PUSCH symbol is DM-RS only', () => {
    expect(get({ mu: 1, capability: 1, channel: 'pusch', firstSymbolDmrsOnly: false })).toMatchObject({ symbols: 13, nSymbols: 12, dSymbols: 1 });
    expect(get({ mu: 1, capability: 2, channel: 'pusch', firstSymbolDmrsOnly: true }).symbols).toBe(5.5);
  });

  it('d1,1 for mapping type A: 7 − i when the last symbol i < 7', () => {
    for (let i = 2; i <= 13; i++) {
      expect(get({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'A', lastSymbol: i }).dSymbols).toBe(i < 7 ? 7 - i : 0);
    }
    expect(get({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'A' }).dSymbols).toBe(0);
  });

  it('d1,1 for mapping type B, capability 1 and 2 (every L and d)', () => {
    for (let L = 2; L <= 13; L++) {
      for (let d = 0; d <= Math.min(3, L); d++) {
        const c1 = get({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'B', lengthSymbols: L, pdcchOverlapSymbols: d }).dSymbols;
        const c2 = get({ mu: 1, capability: 2, channel: 'pdsch', mappingType: 'B', lengthSymbols: L, pdcchOverlapSymbols: d }).dSymbols;
        // Written independently from the clause text.
        const e1 = L >= 7 ? 0 : L >= 4 ? 7 - L : L === 3 ? 3 + Math.min(d, 1) : 3 + d;
        const e2 = L >= 7 ? 0 : d;
        expect([L, d, c1, c2]).toEqual([L, d, e1, e2]);
      }
    }
    expect(
      get({ mu: 0, capability: 2, channel: 'pdsch', mappingType: 'B', lengthSymbols: 2, pdcchOverlapSymbols: 1, coreset3SymbolsSameStart: true }).symbols,
    ).toBe(3 + 3);
    expect(get({ mu: 0, capability: 1, channel: 'pdsch', mappingType: 'B', lengthSymbols: 2, pdcchOverlapSymbols: 2 }).symbols).toBe(8 + 5);
  });

  test.prop([
    fc.constantFrom<Mu>(0, 1, 2),
    fc.constantFrom<'pdsch' | 'pusch'>('pdsch', 'pusch'),
    fc.integer({ min: 2, max: 13 }),
    fc.integer({ min: 0, max: 2 }),
  ])('capability 2 is never slower than capability 1 (mu 0..2)', (mu, channel, L, d) => {
    const base = { mu, channel, mappingType: 'B' as const, lengthSymbols: L, pdcchOverlapSymbols: d };
    expect(get({ ...base, capability: 2 }).us).toBeLessThan(get({ ...base, capability: 1 }).us);
  });

  it('hot lookup agrees with the Either API and marks missing rows with -1', () => {
    for (const mu of MU_VALUES) {
      for (const cap of [1, 2] as UeCapability[]) {
        for (const ch of ['pdsch', 'pusch'] as const) {
          const r = processingTimeSymbols({ mu, capability: cap, channel: ch });
          expect(processingTableSymbols(mu, cap, ch)).toBe(E.isRight(r) ? r.right.symbols : -1);
        }
      }
    }
  });
});

describe('nr/processing: Left messages name the field and the allowed values', () => {
  it('mu = 4 has no table row', () => {
    expect(leftMsg({ mu: 4, capability: 1, channel: 'pdsch' })).toMatch(/^mu: TS 38\.214 Table 5\.3-1 has no row for mu = 4.*allowed: 0, 1, 2, 3, 5, 6/);
    expect(leftMsg({ mu: 4, capability: 1, channel: 'pusch' })).toMatch(/^mu: TS 38\.214 Table 6\.4-1 has no row for mu = 4/);
  });
  it('capability 2 limits', () => {
    expect(leftMsg({ mu: 3, capability: 2, channel: 'pusch' })).toMatch(/^mu: UE processing capability 2 .*only for mu = 0, 1, 2; got mu = 3/);
    expect(leftMsg({ mu: 2, capability: 2, channel: 'pdsch', frequencyRange: 'FR2-1' })).toMatch(/^frequencyRange: .*FR1 only/);
    expect(leftMsg({ mu: 1, capability: 2, channel: 'pdsch', dmrsAdditionalPosition: 1 })).toMatch(/^dmrsAdditionalPosition: .*only for pos0/);
  });
  it('bad fields', () => {
    expect(leftMsg({ mu: 7, capability: 1, channel: 'pdsch' })).toMatch(/^mu: expected an integer in 0\.\.6/);
    expect(leftMsg({ mu: 1, capability: 3, channel: 'pdsch' })).toBe('capability: expected one of 1, 2 (UE processing capability), got 3');
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pucch' })).toBe('channel: expected one of "pdsch", "pusch", got "pucch"');
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'B' })).toMatch(/^lengthSymbols: expected an integer in 2\.\.13/);
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'B', lengthSymbols: 14 })).toMatch(/^lengthSymbols:/);
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'B', lengthSymbols: 2, pdcchOverlapSymbols: 3 })).toMatch(
      /^pdcchOverlapSymbols: expected an integer in 0\.\.2/,
    );
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'A', lastSymbol: 1 })).toMatch(/^lastSymbol: expected an integer in 2\.\.13/);
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', mappingType: 'C' })).toMatch(/^mappingType: expected one of "A", "B"/);
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pdsch', dmrsAdditionalPosition: 4 })).toMatch(/^dmrsAdditionalPosition: expected one of 0, 1, 2, 3/);
    expect(leftMsg({ mu: 1, capability: 1, channel: 'pusch', firstSymbolDmrsOnly: 'yes' })).toMatch(/^firstSymbolDmrsOnly: expected a boolean/);
  });
  test.prop([fc.record({ mu: fc.anything(), capability: fc.anything(), channel: fc.anything(), lengthSymbols: fc.anything(), mappingType: fc.anything() })])(
    'never throws and never returns a non-finite time on any input',
    (p) => {
      const r = processingTimeSymbols(p as unknown as ProcessingTimeInput);
      if (E.isRight(r)) expect(Number.isFinite(r.right.us) && r.right.us > 0).toBe(true);
      else expect(r.left.message.length).toBeGreaterThan(0);
    },
  );
});
