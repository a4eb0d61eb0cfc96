/**
 * The simulator's cached transport-block error (scenario.ts `cachedTbError`) must give exactly the
 * value of the link model's `transportBlockErrorRate` (it only caches the LDPC segmentation), for
 * every model, table, MCS, TBS (one and several code blocks) and SNR, in any query order.
 */
import { describe, expect, it } from 'vitest';
import { blerModel } from '../../src/link/bler.js';
import { cachedTbError } from '../../src/scheduler/scenario.js';
import { makeRng } from '../../src/core/rng.js';
import type { McsTableName } from '../../src/core/types.js';

describe('cachedTbError', () => {
  it('equals transportBlockErrorRate bit for bit', () => {
    const tables: McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
    const rng = makeRng(3);
    for (const name of ['nr-ldpc', 'fbl-qam', 'fbl-gaussian'] as const) {
      for (const receiver of ['conservative', 'ideal'] as const) {
        const model = blerModel(name, { receiver });
        const cached = cachedTbError(model);
        for (let i = 0; i < 3000; i++) {
          const mcsTable = tables[Math.floor(rng.uniform() * 4)]!;
          const mcs = Math.floor(rng.uniform() * 32);
          const tbsBits = rng.uniform() < 0.2 ? 24 + Math.floor(rng.uniform() * 400) : Math.floor(Math.exp(rng.uniform() * Math.log(2e6)));
          const snrDb = -10 + rng.uniform() * 45;
          const want = model.transportBlockErrorRate({ mcsTable, mcs, tbsBits, snrDb });
          expect(cached(mcsTable, mcs, tbsBits, snrDb)).toBe(want);
          // a second query with the same key (cache hit) after another shape
          expect(cached(mcsTable, mcs, tbsBits, snrDb + 1)).toBe(model.transportBlockErrorRate({ mcsTable, mcs, tbsBits, snrDb: snrDb + 1 }));
        }
      }
    }
  });
});
