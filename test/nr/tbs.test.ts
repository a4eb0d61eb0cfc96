import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { TBS_TABLE, tbsFromRe, totalRe, transportBlockSize, type TbsParams } from '../../src/nr/tbs.js';
import { naiveTbs } from '../support/naive-tbs.js';

const base: TbsParams = {
  mcsTable: 'qam64', mcs: 9, nPrb: 10, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1,
};
const tbs = (p: Partial<TbsParams>) => transportBlockSize({ ...base, ...p });
const right = (p: Partial<TbsParams>) => {
  const r = tbs(p);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const leftOf = (p: Partial<TbsParams>) => {
  const r = tbs(p);
  return E.isLeft(r) ? r.left : undefined;
};

/** The worked examples of spec/tbs.md, each derived by hand from the TS 38.214 §5.1.3.2 text. */
describe('nr/tbs worked examples (spec/tbs.md)', () => {
  it('W1 step 3: qam64 MCS 9, 10 PRB, 12 symbols, 12 DMRS RE -> 1800', () => {
    // N'_RE = 144 - 12 = 132, N_RE = 1320, N_info = 1320·679/1024·2 = 1750.546875
    // n = max(3, 10 - 6) = 4, N'_info = 16·floor(109.41) = 1744 -> table: 1800
    expect(right({})).toBe(1800);
  });
  it('W2 peak: qam256 MCS 27, 273 PRB, 14 symbols, 12 DMRS RE, 4 layers -> 1277992', () => {
    // N_RE = 156·273 = 42588, N_info = 1261669.5, n = 15, round(38.502) = 39, N'_info = 1277952
    // C = ceil(1277976/8424) = 152, TBS = 1216·ceil(1277976/1216) - 24 = 1277992
    expect(right({ mcsTable: 'qam256', mcs: 27, nPrb: 273, nSymbols: 14, nLayers: 4 })).toBe(1277992);
  });
  it('W3 tie rounds up: qam64 MCS 11, 224 PRB, 13 symbols, 12 DMRS RE, 2 layers -> 96264', () => {
    // N_RE = 144·224 = 32256, N_info = 95256, (N_info - 24)/2^11 = 46.5 exactly -> 47 (not 46)
    // N'_info = 96256, C = ceil(96280/8424) = 12, TBS = 96·ceil(96280/96) - 24 = 96264
    expect(right({ mcs: 11, nPrb: 224, nSymbols: 13, nLayers: 2 })).toBe(96264);
    // with the tie rounded down (or half-even) the answer would be 94224: make sure we are not there
    expect(right({ mcs: 11, nPrb: 224, nSymbols: 13, nLayers: 2 })).not.toBe(94224);
  });
  it('W4 the 3824 boundary, R <= 1/4: qam64 MCS 2, 89 PRB, 10 symbols, 6 DMRS RE -> 3848 (OAI: 3824)', () => {
    // N_RE = 114·89 = 10146, N_info = 3824.56640625 > 3824 -> step 4: n = 6, round(59.38) = 59,
    // N'_info = max(3840, 3776) = 3840, R <= 1/4: C = ceil(3864/3816) = 2, TBS = 16·ceil(3864/16) - 24 = 3848
    expect(right({ mcs: 2, nPrb: 89, nSymbols: 10, nDmrsRePerPrb: 6 })).toBe(3848);
  });
  it('W5 the 3824 boundary, R > 1/4: qam64 MCS 4, 187 PRB, 4 symbols, 14 DMRS RE -> 3840 (OAI: 3824)', () => {
    // N_RE = 34·187 = 6358, N_info = 6358·308·2/1024 = 3824.734375 -> step 4, N'_info = 3840,
    // R > 1/4 and N'_info <= 8424: TBS = 8·ceil(3864/8) - 24 = 3840
    expect(right({ mcs: 4, nPrb: 187, nSymbols: 4, nDmrsRePerPrb: 14 })).toBe(3840);
  });
  it('W6 TB scaling 0.25 (DCI 1_0, P-RNTI): qam64 MCS 0, 20 PRB, 12 symbols -> 152', () => {
    // N_info = 0.25·2640·120/1024·2 = 154.6875, n = 3, N'_info = 8·19 = 152 -> table: 152
    // (unscaled: N_info = 618.75, n = 3, N'_info = 616 -> 640)
    expect(right({ mcs: 0, nPrb: 20, scaling: 0.25 })).toBe(152);
    expect(right({ mcs: 0, nPrb: 20 })).toBe(640);
  });
  it('W7 pi/2-BPSK PUSCH: Table 6.1.4.1-2 MCS 0 (q = 1, R = 60/1024), 1 PRB, 14 symbols, 12 DMRS -> 24', () => {
    // N_info = 156·60/1024 = 9.14 -> max(24, ...) = 24
    expect(right({ mcsTable: 'qam64LowSE', mcs: 0, nPrb: 1, nSymbols: 14, transformPrecoding: true, tpPi2Bpsk: true })).toBe(24);
    // 100 PRB: N_info = 15600·60/1024 = 914.0625, n = 3, N'_info = 912 -> 928
    expect(right({ mcsTable: 'qam64LowSE', mcs: 0, nPrb: 100, nSymbols: 14, transformPrecoding: true, tpPi2Bpsk: true })).toBe(928);
  });
  it('W8 R <= 1/4 in step 4 with several code blocks: qam64LowSE MCS 0, 275 PRB, 14 symbols, 4 layers -> 9984', () => {
    // N_RE = 42900, N_info = 42900·30/1024·2·4 = 10054.6875, n = 8, round(39.18) = 39 -> N'_info = 9984,
    // C = ceil(10008/3816) = 3, TBS = 24·ceil(10008/24) - 24 = 10008 - 24 = 9984
    expect(right({ mcsTable: 'qam64LowSE', mcs: 0, nPrb: 275, nSymbols: 14, nLayers: 4 })).toBe(9984);
  });
});

describe('nr/tbs validation', () => {
  it.each<[Partial<TbsParams>, string]>([
    [{ nPrb: 0 }, 'nPrb'], [{ nPrb: 276 }, 'nPrb'], [{ nPrb: 2.5 }, 'nPrb'],
    [{ mcs: 29 }, 'mcs'], [{ mcs: -1 }, 'mcs'], [{ mcs: 32 }, 'mcs'], [{ mcsTable: 'qam256', mcs: 28 }, 'mcs'],
    [{ mcsTable: 'qam8' as never }, 'mcsTable'], [{ mcsTable: 'qam1024', transformPrecoding: true }, 'mcsTable'],
    [{ scaling: 0.3 as never }, 'scaling'], [{ scaling: 0.5, transformPrecoding: true }, 'scaling'],
    [{ nLayers: 0 }, 'nLayers'], [{ nLayers: 5 }, 'nLayers'], [{ nLayers: 2, transformPrecoding: true }, 'nLayers'],
    [{ nSymbols: 0 }, 'nSymbols'], [{ nSymbols: 15 }, 'nSymbols'],
    [{ nDmrsRePerPrb: -6 }, 'nDmrsRePerPrb'], [{ nOverheadRePerPrb: -1 }, 'nOverheadRePerPrb'],
    [{ nSymbols: 1, nDmrsRePerPrb: 12 }, 'nDmrsRePerPrb'], [{ nSymbols: 2, nDmrsRePerPrb: 6, nOverheadRePerPrb: 18 }, 'nOverheadRePerPrb'],
    [{ tpPi2Bpsk: true }, 'tpPi2Bpsk'], [{ transformPrecoding: 'yes' as never }, 'transformPrecoding'],
  ])('%o -> Left naming %s', (patch, field) => {
    const l = leftOf(patch);
    expect(l?._tag).toBe('InvalidInput');
    expect(l && 'field' in l ? l.field : undefined).toBe(field);
    expect(l?.message.startsWith(`${field}: expected `)).toBe(true);
  });
  it('rejects N\'_RE <= 0 instead of wrapping (SRS/OAI pitfall) and says why', () => {
    expect(leftOf({ nSymbols: 1, nDmrsRePerPrb: 12 })?.message).toContain("N'_RE");
  });
  it('messages name the allowed range', () => {
    expect(leftOf({ nPrb: 300 })?.message).toBe('nPrb: expected an integer in 1..275, got 300');
    expect(leftOf({ mcs: 29 })?.message).toContain('0..28');
  });
  it('never throws on garbage', () => {
    expect(E.isLeft(transportBlockSize(null as never))).toBe(true);
    expect(E.isLeft(transportBlockSize({} as never))).toBe(true);
    expect(E.isLeft(tbs({ nPrb: Number.NaN }))).toBe(true);
  });
});

describe('nr/tbs kernel', () => {
  it('Table 5.1.3.2-1 has 93 increasing entries from 24 to 3824, all multiples of 8', () => {
    expect(TBS_TABLE.length).toBe(93);
    expect(TBS_TABLE[0]).toBe(24);
    expect(TBS_TABLE[92]).toBe(3824);
    for (let i = 1; i < 93; i++) expect((TBS_TABLE[i] ?? 0) > (TBS_TABLE[i - 1] ?? 0)).toBe(true);
    expect(TBS_TABLE.every((t) => t % 8 === 0)).toBe(true);
  });
  it('every table entry is reachable by step 3 (N_info sweep at Qm·R = 1)', () => {
    const seen = new Set<number>();
    for (let nRe = 1; nRe <= 3824; nRe++) seen.add(tbsFromRe(nRe, 2, 512, 1));
    for (const t of TBS_TABLE) expect(seen.has(t)).toBe(true);
  });
  it('the SRS float32 point: N_RE = 24725, Qm·R = 2·449/1024, 3 layers -> 64552 (float32 gives 65576)', () => {
    expect(tbsFromRe(24725, 2, 449, 3)).toBe(64552);
    expect(tbsFromRe(24725, 2, 449, 3)).toBe(naiveTbs(24725, 2, 449, 3, 1));
  });
  it('agrees with the naive BigInt reference on every N_RE around the 3824 boundary', () => {
    for (const [qm, r] of [[2, 193], [2, 308], [2, 120], [4, 378], [8, 682.5], [10, 805.5], [1, 240]] as const) {
      for (let layers = 1; layers <= 4; layers++) {
        // N_RE range that puts N_info within ±40 of 3824
        const center = Math.round((3824 * 1024) / (qm * r * layers));
        for (let nRe = Math.max(1, center - 80); nRe <= center + 80; nRe++) {
          expect(tbsFromRe(nRe, qm, r, layers)).toBe(naiveTbs(nRe, qm, r, layers, 1));
        }
      }
    }
  });
  it('totalRe caps N\'_RE at 156 per PRB', () => {
    expect(totalRe(10, 14, 0, 0)).toBe(1560);
    expect(totalRe(10, 14, 12, 0)).toBe(1560);
    expect(totalRe(10, 14, 18, 0)).toBe(1500);
  });
});
