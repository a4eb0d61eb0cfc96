/**
 * Bulk TBS (issue 18, target 5): `transportBlockSizes` equals `transportBlockSize` row by row
 * (TS 38.214 §5.1.3.2, scaling 1) on random rows including invalid ones, and
 * `explainInvalidTbsRows` returns exactly the `Left` of `transportBlockSize` for each −1 row.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { McsTableName } from '../../src/core/types.js';
import { transportBlockSize, type TbsParams } from '../../src/nr/tbs.js';
import {
  explainInvalidTbsRows, transportBlockSizes, transportBlockSizesInto, type TbsBulkOptions,
} from '../../src/nr/index.js';
import { naiveTbs } from '../support/naive-tbs.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';
import { mcsEntry } from '../../src/nr/mcs.js';
import * as O from 'fp-ts/lib/Option.js';

const TABLES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
const OPTS: readonly (TbsBulkOptions | undefined)[] = [
  undefined, {}, { transformPrecoding: false }, { transformPrecoding: true }, { transformPrecoding: true, tpPi2Bpsk: true },
  { transformPrecoding: false, tpPi2Bpsk: true },
];

/** Mostly valid values, with edges and out-of-range ones (negative, 0, just above the limit, int32 extremes). */
const field = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: lo, max: hi }) },
    { weight: 1, arbitrary: fc.constantFrom(lo - 1, hi + 1, -1, 0, 2 ** 31 - 1, -(2 ** 31)) },
    { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  );
const rowArb = fc.tuple(field(0, 31), field(1, 275), field(1, 14), field(0, 48), fc.oneof(fc.constantFrom(0, 6, 12, 18), field(0, 168)), field(1, 4));

const params = (mcsTable: McsTableName, row: readonly number[], opts: TbsBulkOptions | undefined): TbsParams => ({
  mcsTable, mcs: row[0]!, nPrb: row[1]!, nSymbols: row[2]!, nDmrsRePerPrb: row[3]!, nOverheadRePerPrb: row[4]!,
  nLayers: row[5]!, scaling: 1,
  ...(opts?.transformPrecoding !== undefined ? { transformPrecoding: opts.transformPrecoding } : {}),
  ...(opts?.tpPi2Bpsk !== undefined ? { tpPi2Bpsk: opts.tpPi2Bpsk } : {}),
});

describe('properties: bulk TBS', () => {
  test.prop(
    [fc.constantFrom(...TABLES), fc.constantFrom(...OPTS), fc.array(rowArb, { minLength: 0, maxLength: 40 })],
    { numRuns: fcRuns(1500) },
  )('equals transportBlockSize row by row; explain gives its Left for every -1 row', (table, opts, rowList) => {
    const rows = Int32Array.from(rowList.flat());
    const out = transportBlockSizes(table, rows, opts);
    expect(out.length).toBe(rowList.length);
    const explained = explainInvalidTbsRows(table, rows, opts);
    if (E.isLeft(explained)) throw new Error(explained.left.message);
    const byRow = new Map(explained.right.map((e) => [e.row, e.error]));
    rowList.forEach((row, r) => {
      const one = transportBlockSize(params(table, row, opts));
      if (E.isRight(one)) {
        expect(out[r]).toBe(one.right);
        expect(byRow.has(r)).toBe(false);
      } else {
        expect(out[r]).toBe(-1);
        expect(byRow.get(r)).toEqual(one.left);
      }
    });
    expect(explained.right.length).toBe(out.filter((t) => t === -1).length);
  });

  test.prop([fc.constantFrom(...TABLES), fc.array(rowArb, { minLength: 1, maxLength: 20 })], { numRuns: fcRuns(300) })(
    'valid rows equal the naive BigInt reference',
    (table, rowList) => {
      const out = transportBlockSizes(table, Int32Array.from(rowList.flat()));
      rowList.forEach((row, r) => {
        if (out[r] === -1) return;
        const [mcs, nPrb, nSymbols, dmrs, oh, layers] = row as [number, number, number, number, number, number];
        const e = mcsEntry(table, mcs);
        if (O.isNone(e)) throw new Error('valid row without an MCS entry');
        const nRe = Math.min(156, 12 * nSymbols - dmrs - oh) * nPrb;
        expect(out[r]).toBe(naiveTbs(nRe, e.value.qm, e.value.rateX1024, layers, 1));
      });
    },
  );

  it('equals transportBlockSize on a sweep: every table, MCS, nPrb 1..275 (every 5th in the fast tier), 1..4 layers, three allocations', () => {
    for (const table of TABLES) {
      for (const opts of [undefined, { transformPrecoding: true }] as const) {
        if (opts !== undefined && table === 'qam1024') continue;
        const list: number[][] = [];
        for (let mcs = 0; mcs <= 28; mcs++) {
          for (let nPrb = 1; nPrb <= 275; nPrb += FC_FULL ? 1 : 5) {
            for (const [nSymbols, dmrs, oh] of [[14, 12, 0], [12, 18, 6], [4, 6, 0]] as const) {
              for (let layers = 1; layers <= (opts === undefined ? 4 : 1); layers++) list.push([mcs, nPrb, nSymbols, dmrs, oh, layers]);
            }
          }
        }
        const out = transportBlockSizes(table, Int32Array.from(list.flat()), opts);
        let mismatches = 0;
        list.forEach((row, r) => {
          const one = transportBlockSize(params(table, row, opts));
          if ((E.isRight(one) ? one.right : -1) !== out[r]) mismatches++;
        });
        expect(mismatches, `${table} ${JSON.stringify(opts)}`).toBe(0);
      }
    }
  });

  it('Into writes the same values and counts the invalid rows; refuses a short output', () => {
    const rows = Int32Array.from([9, 10, 12, 12, 0, 1, 99, 10, 12, 12, 0, 1, 27, 275, 14, 12, 0, 4]);
    const out = new Int32Array(3);
    expect(transportBlockSizesInto('qam64', rows, out)).toBe(1);
    expect(Array.from(out)).toEqual(Array.from(transportBlockSizes('qam64', rows)));
    expect(out[1]).toBe(-1);
    expect(transportBlockSizesInto('qam64', rows, new Int32Array(2))).toBe(-1);
  });

  it('an unknown table or a partial trailing row is invalid and explained', () => {
    const rows = Int32Array.from([9, 10, 12, 12, 0, 1, 9, 10]);
    expect(Array.from(transportBlockSizes('qam64', rows))).toEqual([
      (transportBlockSize({ mcsTable: 'qam64', mcs: 9, nPrb: 10, nSymbols: 12, nDmrsRePerPrb: 12, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 }) as E.Right<number>).right,
      -1,
    ]);
    const ex = explainInvalidTbsRows('qam64', rows);
    expect(E.isRight(ex) && ex.right.map((e) => [e.row, e.error._tag, (e.error as { field: string }).field])).toEqual([[1, 'InvalidInput', 'rows']]);
    expect(Array.from(transportBlockSizes('qam9' as McsTableName, rows))).toEqual([-1, -1]);
    const ex2 = explainInvalidTbsRows('qam9' as McsTableName, rows);
    expect(E.isRight(ex2) && ex2.right.map((e) => (e.error as { field: string }).field)).toEqual(['mcsTable', 'rows']);
    expect(transportBlockSizes('qam64', [1, 2, 3] as unknown as Int32Array).length).toBe(0);
    expect(E.isLeft(explainInvalidTbsRows('qam64', [1, 2, 3] as unknown as Int32Array))).toBe(true);
  });
});
