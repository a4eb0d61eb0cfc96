/**
 * Issue 12 item 7, acceptance "Root export": every function exported from the package root, called
 * with undefined, null, {}, [], NaN, -1, "x" (alone, in every position, in each position of a valid
 * call) and with fast-check `fc.anything()` tuples, returns without throwing, within 2 s, with no
 * NaN/Infinity in its answer and without reaching the entry points' last-resort guard. The calls
 * run in a child process (test/api/fuzz-root.ts) so that a process crash fails this test. Slow tier
 * only (`npm run test:slow`, run by CI): the point is the separate process; by hand,
 * `node --import tsx test/api/fuzz-root.ts /tmp/fuzz.log` (it ends with `done N 0`).
 */
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import { problems, runChild } from './child.js';

describe('root export fuzz (child process)', () => {
  it('every exported function answers bad input without throwing, hanging, crashing or NaN', async () => {
    const r = await runChild('test/api/fuzz-root.ts');
    const found = problems(r.stdout);
    // a crash or a hang: name the call it happened in
    expect({ code: r.code, signal: r.signal, timedOut: r.timedOut, lastCall: r.code === 0 ? '' : r.lastCall, stderr: r.stderr.slice(0, 2000) })
      .toEqual({ code: 0, signal: null, timedOut: false, lastCall: '', stderr: '' });
    expect(found).toEqual([]);
    const done = /^done (\d+) (\d+)$/m.exec(r.stdout);
    expect(done).not.toBeNull();
    const fns = Object.keys(root).filter((k) => typeof (root as Record<string, unknown>)[k] === 'function');
    // at least 7 bad values x 3 call shapes plus 25 random tuples per function
    expect(Number(done?.[1])).toBeGreaterThanOrEqual(fns.length * (7 * 3 + 25));
    // every function was called (the child iterates the same export list)
    for (const f of fns) expect(r.stdout).toContain(`call ${f} `);
    // the valid samples answered values, not errors (the checks do not reject valid input)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('valid ')).length).toBeGreaterThanOrEqual(55);
  }, 300_000);
});
