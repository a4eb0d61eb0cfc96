import { describe, expect, it } from 'vitest';
import * as O from 'fp-ts/lib/Option.js';
import { maxMcsIndex, mcsEntry, mcsIndices, mcsModulationOrder, mcsTableClause } from '../../src/nr/mcs.js';
import { MCS_TABLE_NAMES } from '../../src/core/types.js';

const get = (o: O.Option<{ qm: number; rateX1024: number; spectralEfficiency: number }>) =>
  O.isSome(o) ? o.value : undefined;

describe('nr/mcs', () => {
  it('returns the Table 5.1.3.1-1 rows (spot checks from the spec text)', () => {
    expect(get(mcsEntry('qam64', 0))).toEqual({ qm: 2, rateX1024: 120, spectralEfficiency: 0.2344 });
    expect(get(mcsEntry('qam64', 9))).toEqual({ qm: 2, rateX1024: 679, spectralEfficiency: 1.3262 });
    expect(get(mcsEntry('qam64', 15))).toEqual({ qm: 4, rateX1024: 616, spectralEfficiency: 2.4063 });
    expect(get(mcsEntry('qam64', 28))).toEqual({ qm: 6, rateX1024: 948, spectralEfficiency: 5.5547 });
  });
  it('keeps half-integer code rates of 256QAM and 1024QAM exact', () => {
    expect(get(mcsEntry('qam256', 20))).toEqual({ qm: 8, rateX1024: 682.5, spectralEfficiency: 5.332 });
    expect(get(mcsEntry('qam256', 26))).toEqual({ qm: 8, rateX1024: 916.5, spectralEfficiency: 7.1602 });
    expect(get(mcsEntry('qam1024', 23))).toEqual({ qm: 10, rateX1024: 805.5, spectralEfficiency: 7.8662 });
    expect(get(mcsEntry('qam1024', 25))).toEqual({ qm: 10, rateX1024: 900.5, spectralEfficiency: 8.7939 });
  });
  it('reserved and out-of-range indices are none', () => {
    expect(O.isNone(mcsEntry('qam64', 29))).toBe(true);
    expect(O.isNone(mcsEntry('qam256', 28))).toBe(true);
    expect(O.isNone(mcsEntry('qam1024', 27))).toBe(true);
    expect(O.isNone(mcsEntry('qam64', -1))).toBe(true);
    expect(O.isNone(mcsEntry('qam64', 32))).toBe(true);
    expect(O.isNone(mcsEntry('qam64', 2.5))).toBe(true);
    expect(O.isNone(mcsEntry('qam8' as never, 0))).toBe(true);
  });
  it('transform precoding: q = 1 with tp-pi2BPSK, q = 2 otherwise (Tables 6.1.4.1-1/-2)', () => {
    expect(get(mcsEntry('qam64', 0, { transformPrecoding: true, tpPi2Bpsk: true }))).toEqual({ qm: 1, rateX1024: 240, spectralEfficiency: 0.2344 });
    expect(get(mcsEntry('qam64', 1, { transformPrecoding: true }))).toEqual({ qm: 2, rateX1024: 157, spectralEfficiency: 0.3066 });
    expect(get(mcsEntry('qam64LowSE', 0, { transformPrecoding: true, tpPi2Bpsk: true }))).toEqual({ qm: 1, rateX1024: 60, spectralEfficiency: 0.0586 });
    expect(get(mcsEntry('qam64LowSE', 5, { transformPrecoding: true }))).toEqual({ qm: 2, rateX1024: 99, spectralEfficiency: 0.1934 });
    expect(get(mcsEntry('qam64LowSE', 27, { transformPrecoding: true }))).toEqual({ qm: 6, rateX1024: 772, spectralEfficiency: 4.5234 });
    // tp-pi2BPSK has no effect without transform precoding
    expect(get(mcsEntry('qam64', 0, { tpPi2Bpsk: true }))?.qm).toBe(2);
    // qam256 with transform precoding reads Table 5.1.3.1-2; there is no 1024QAM PUSCH table
    expect(mcsEntry('qam256', 27, { transformPrecoding: true })).toEqual(mcsEntry('qam256', 27));
    expect(O.isNone(mcsEntry('qam1024', 0, { transformPrecoding: true }))).toBe(true);
    expect(maxMcsIndex('qam1024', { transformPrecoding: true })).toBe(-1);
    expect(mcsTableClause('qam64LowSE', { transformPrecoding: true, tpPi2Bpsk: true })).toEqual(O.some('TS 38.214 Table 6.1.4.1-2 (q=1)'));
  });
  it('maxMcsIndex and mcsIndices agree with mcsEntry on every table', () => {
    for (const t of MCS_TABLE_NAMES) {
      for (const opts of [{}, { transformPrecoding: true }, { transformPrecoding: true, tpPi2Bpsk: true }]) {
        const max = maxMcsIndex(t, opts);
        const idx = mcsIndices(t, opts);
        expect(idx.length).toBe(max + 1);
        for (let i = 0; i < 32; i++) expect(O.isSome(mcsEntry(t, i, opts))).toBe(i <= max);
      }
    }
  });
  it('reserved indices still carry their modulation order', () => {
    expect(mcsModulationOrder('qam256', 31)).toEqual(O.some(8));
    expect(mcsModulationOrder('qam1024', 31)).toEqual(O.some(10));
    expect(mcsModulationOrder('qam64', 28, { transformPrecoding: true, tpPi2Bpsk: true })).toEqual(O.some(1));
    expect(O.isNone(mcsModulationOrder('qam64', 32))).toBe(true);
  });
  it('spectral efficiency is Qm·R rounded half-up to 4 decimals', () => {
    for (const t of MCS_TABLE_NAMES) {
      for (const i of mcsIndices(t)) {
        const e = get(mcsEntry(t, i));
        if (e === undefined) throw new Error('missing');
        const exact = (e.qm * e.rateX1024) / 1024;
        expect(Math.abs(e.spectralEfficiency - exact)).toBeLessThanOrEqual(0.00005 + 1e-12);
      }
    }
  });
});
