/**
 * TBS laws (fast-check) and the 100,000-configuration comparison against the naive BigInt reference.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { transportBlockSize, type TbsParams } from '../../src/nr/tbs.js';
import { maxMcsIndex, mcsEntry } from '../../src/nr/mcs.js';
import { makeRng } from '../../src/core/rng.js';
import type { McsTableName } from '../../src/core/types.js';
import { naiveTbs } from '../support/naive-tbs.js';
import { fcRuns } from '../support/fc-runs.js';

const VARIANTS: readonly [McsTableName, boolean, boolean][] = [
  ['qam64', false, false], ['qam256', false, false], ['qam64LowSE', false, false], ['qam1024', false, false],
  ['qam64', true, false], ['qam64', true, true], ['qam64LowSE', true, false], ['qam64LowSE', true, true], ['qam256', true, false],
];

const arbParams: fc.Arbitrary<TbsParams> = fc
  .record({
    variant: fc.integer({ min: 0, max: VARIANTS.length - 1 }),
    mcsFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    nPrb: fc.integer({ min: 1, max: 275 }),
    nSymbols: fc.integer({ min: 1, max: 14 }),
    dmrsFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    oh: fc.constantFrom(0, 6, 12, 18),
    nLayers: fc.integer({ min: 1, max: 4 }),
    scaling: fc.constantFrom<1 | 0.5 | 0.25>(1, 0.5, 0.25),
  })
  .map(({ variant, mcsFrac, nPrb, nSymbols, dmrsFrac, oh, nLayers, scaling }) => {
    const [mcsTable, tp, pi2] = VARIANTS[variant] ?? VARIANTS[0]!;
    const max = maxMcsIndex(mcsTable, { transformPrecoding: tp, tpPi2Bpsk: pi2 });
    const room = 12 * nSymbols - 1;
    const ohUsed = oh < room ? oh : 0;
    const dmrs = Math.floor(dmrsFrac * Math.min(48, room - ohUsed));
    return {
      mcsTable, mcs: Math.floor(mcsFrac * (max + 1)) % (max + 1), nPrb, nSymbols, nDmrsRePerPrb: dmrs,
      nOverheadRePerPrb: ohUsed, nLayers: tp ? 1 : nLayers, scaling: tp ? 1 : scaling,
      ...(tp ? { transformPrecoding: true } : {}), ...(pi2 ? { tpPi2Bpsk: true } : {}),
    } satisfies TbsParams;
  });

const val = (p: TbsParams): number => {
  const r = transportBlockSize(p);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('properties: TBS', () => {
  test.prop([arbParams], { numRuns: fcRuns(2000) })('is a multiple of 8 and at least 24', (p) => {
    const t = val(p);
    expect(t % 8).toBe(0);
    expect(t).toBeGreaterThanOrEqual(24);
  });
  test.prop([arbParams], { numRuns: fcRuns(1000) })('is non-decreasing in nPrb', (p) => {
    if (p.nPrb < 275) expect(val({ ...p, nPrb: p.nPrb + 1 })).toBeGreaterThanOrEqual(val(p));
  });
  test.prop([arbParams], { numRuns: fcRuns(1000) })('is non-decreasing in nSymbols', (p) => {
    if (p.nSymbols < 14) expect(val({ ...p, nSymbols: p.nSymbols + 1 })).toBeGreaterThanOrEqual(val(p));
  });
  test.prop([arbParams], { numRuns: fcRuns(1000) })('is non-decreasing in layers', (p) => {
    if (p.nLayers < 4 && p.transformPrecoding !== true) expect(val({ ...p, nLayers: p.nLayers + 1 })).toBeGreaterThanOrEqual(val(p));
  });
  test.prop([arbParams], { numRuns: fcRuns(1000) })('is non-decreasing in MCS index within one modulation order', (p) => {
    const opts = { transformPrecoding: p.transformPrecoding === true, tpPi2Bpsk: p.tpPi2Bpsk === true };
    const a = mcsEntry(p.mcsTable, p.mcs, opts);
    const b = mcsEntry(p.mcsTable, p.mcs + 1, opts);
    if (O.isSome(a) && O.isSome(b) && a.value.qm === b.value.qm) {
      expect(val({ ...p, mcs: p.mcs + 1 })).toBeGreaterThanOrEqual(val(p));
    }
  });
  test.prop([arbParams, fc.constantFrom('nPrb', 'nSymbols', 'mcs', 'mcsTable', 'nLayers', 'scaling', 'nDmrsRePerPrb', 'nOverheadRePerPrb'), fc.integer({ min: 0, max: 3 })], { numRuns: fcRuns(1000) })(
    'every Left names the offending field',
    (p, field, k) => {
      const bad: Record<string, readonly unknown[]> = {
        nPrb: [0, 276, 1.5, Number.NaN], nSymbols: [0, 15, 7.5, '14'], mcs: [32, -1, 0.5, 99], mcsTable: ['qam16', '', null, 7],
        nLayers: [0, 5, 1.5, 8], scaling: [0, 2, 0.3, 0.125], nDmrsRePerPrb: [-1, 169, 0.5, Number.POSITIVE_INFINITY],
        nOverheadRePerPrb: [-6, 200, 1.5, Number.NaN],
      };
      const r = transportBlockSize({ ...p, [field]: bad[field]?.[k] } as TbsParams);
      expect(E.isLeft(r) && 'field' in r.left && r.left.field).toBe(field);
    },
  );
});

describe('properties: TBS on arbitrary input', () => {
  const field = fc.oneof(fc.anything(), fc.integer({ min: -5, max: 300 }), fc.constantFrom(0.5, 0.25, 1, true, false, undefined));
  test.prop([
    fc.record({
      mcsTable: fc.oneof(fc.constantFrom('qam64', 'qam256', 'qam64LowSE', 'qam1024'), fc.anything()),
      mcs: field, nPrb: field, nSymbols: field, nDmrsRePerPrb: field, nOverheadRePerPrb: field, nLayers: field,
      scaling: field, transformPrecoding: field, tpPi2Bpsk: field,
    }, { requiredKeys: [] }),
  ], { numRuns: fcRuns(3000) })('never throws; a Left always names one of the input fields', (p) => {
    const r = transportBlockSize(p as unknown as TbsParams);
    if (E.isLeft(r)) {
      const f = 'field' in r.left ? r.left.field : '';
      expect(['mcsTable', 'mcs', 'nPrb', 'nSymbols', 'nDmrsRePerPrb', 'nOverheadRePerPrb', 'nLayers', 'scaling', 'transformPrecoding', 'tpPi2Bpsk']).toContain(f);
      expect(r.left.message.startsWith(`${f}: expected `)).toBe(true);
    } else {
      expect(r.right % 8).toBe(0);
      expect(r.right).toBeGreaterThanOrEqual(24);
    }
  });
});

describe('TBS vs the naive BigInt-rational reference', () => {
  it('agrees on 100,000 seeded random valid configurations', () => {
    const rng = makeRng(20260529);
    const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
    let checked = 0;
    let step4 = 0;
    for (let i = 0; i < 100_000; i++) {
      const [mcsTable, tp, pi2] = VARIANTS[int(0, VARIANTS.length - 1)]!;
      const opts = { transformPrecoding: tp, tpPi2Bpsk: pi2 };
      const mcs = int(0, maxMcsIndex(mcsTable, opts));
      const nSymbols = int(1, 14);
      const oh = [0, 6, 12, 18][int(0, 3)]!;
      const ohUsed = oh < 12 * nSymbols ? oh : 0;
      const dmrs = int(0, Math.min(48, 12 * nSymbols - ohUsed - 1));
      const p: TbsParams = {
        mcsTable, mcs, nPrb: int(1, 275), nSymbols, nDmrsRePerPrb: dmrs, nOverheadRePerPrb: ohUsed,
        nLayers: tp ? 1 : int(1, 4), scaling: tp ? 1 : ([1, 0.5, 0.25] as const)[int(0, 2)]!,
        ...(tp ? { transformPrecoding: true } : {}), ...(pi2 ? { tpPi2Bpsk: true } : {}),
      };
      const e = mcsEntry(mcsTable, mcs, opts);
      if (O.isNone(e)) throw new Error('generator produced a reserved index');
      const nRe = Math.min(156, 12 * nSymbols - dmrs - ohUsed) * p.nPrb;
      const want = naiveTbs(nRe, e.value.qm, e.value.rateX1024, p.nLayers, p.scaling);
      const got = val(p);
      if (got !== want) throw new Error(`mismatch ${JSON.stringify(p)}: got ${got}, naive ${want}`);
      checked++;
      if (want > 3824) step4++;
    }
    expect(checked).toBe(100_000);
    // both branches of the procedure were exercised substantially
    expect(step4).toBeGreaterThan(20_000);
    expect(checked - step4).toBeGreaterThan(20_000);
  });
});
