/**
 * Conformance: every worked example in spec/tbs.md (the table between the tbs-examples markers,
 * each row derived by hand from TS 38.214 §5.1.3.2) equals transportBlockSize.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { transportBlockSize, type TbsParams } from '../../src/nr/tbs.js';
import type { McsTableName } from '../../src/core/types.js';

const md = readFileSync(fileURLToPath(new URL('../../spec/tbs.md', import.meta.url)), 'utf8');
const block = md.split('<!-- tbs-examples:start -->')[1]?.split('<!-- tbs-examples:end -->')[0] ?? '';
const rows = block
  .split('\n')
  .filter((l) => /^\|\s*W/.test(l))
  .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

describe('conformance: spec/tbs.md worked examples', () => {
  it('the table is present and has every example', () => {
    expect(rows.length).toBeGreaterThanOrEqual(9);
  });
  for (const r of rows) {
    const [id, table, mcs, tp, pi2, nPrb, nSymbols, dmrs, oh, layers, scaling, want] = r;
    it(`${id}: TBS = ${want}`, () => {
      const p: TbsParams = {
        mcsTable: table as McsTableName, mcs: Number(mcs), nPrb: Number(nPrb), nSymbols: Number(nSymbols),
        nDmrsRePerPrb: Number(dmrs), nOverheadRePerPrb: Number(oh), nLayers: Number(layers),
        scaling: Number(scaling) as 1 | 0.5 | 0.25,
        ...(tp === 'yes' ? { transformPrecoding: true } : {}), ...(pi2 === 'yes' ? { tpPi2Bpsk: true } : {}),
      };
      expect(transportBlockSize(p)).toEqual(E.right(Number(want)));
    });
  }
});
