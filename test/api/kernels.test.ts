/**
 * `phyclass/kernels` (src/kernels.ts): kernels may assume valid input but never crash the process
 * or hang. test/api/kernels-crash.ts calls every kernel with hostile input in a child process; a
 * V8 fatal error, an out-of-memory abort (512 MB heap) or an endless loop fails this test and names
 * the call. Also: the occasion grid refuses absurd TTI lengths instead of allocating without bound
 * (the V8 "invalid size" crash of issue 12): checked in the child, as a regression would kill vitest.
 */
import { describe, expect, it } from 'vitest';
import { allocateInto, occasionGrid, segmentedMissProbability } from '../../src/kernels.js';
import { problems, runChild } from './child.js';

describe('phyclass/kernels never crash the process', () => {
  it('every kernel survives hostile input (child process)', async () => {
    const r = await runChild('test/api/kernels-crash.ts', [], 240_000);
    expect({ code: r.code, signal: r.signal, timedOut: r.timedOut, lastCall: r.code === 0 ? '' : r.lastCall, stderr: r.stderr.slice(0, 2000) })
      .toEqual({ code: 0, signal: null, timedOut: false, lastCall: '', stderr: '' });
    expect(problems(r.stdout)).toEqual([]);
    expect(r.stdout).toMatch(/^done \d+ \d+ 0$/m);
  }, 300_000);

  it('occasionGrid: valid grids unchanged (the absurd TTI lengths are checked in the child process)', () => {
    // 2-symbol UL mini-slots on FDD start every 2 symbols
    expect(occasionGrid('UL', 2).starts).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it('allocateInto: a PRB budget beyond 2^30 answers nothing instead of looping', () => {
    const out = [1, 1, 1];
    allocateInto(144, 2, 120, 1, 1e300, 8000, out);
    expect(out).toEqual([0, 0, 0]);
    allocateInto(144, 2, 120, 1, 10, 800, out);
    expect(out[0]).toBeGreaterThan(0);
  });

  it('segmentedMissProbability: an unbounded attempt count answers 1 (the conservative miss)', () => {
    expect(segmentedMissProbability(3, [1, 0.1, 0.01], Number.POSITIVE_INFINITY, [0, 5, 3], 0.5, 1)).toBe(1);
  });
});
