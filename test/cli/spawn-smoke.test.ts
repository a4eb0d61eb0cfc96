/**
 * Spawned smoke tests of the real executable, fast tier (issue 18: the other CLI tests run `runCli`
 * in-process through run-bin.ts): the binary starts and answers a valid call and a bad one (exit 2, one
 * stderr line), each equal to the in-process run. A served request through the spawned binary is in
 * serve.test.ts (the spawned server answers before stdin closes, exit 0, nothing on stderr: stricter
 * than the smoke case, so the smoke case `serve` is not spawned a second time here). Every command,
 * valid and bad, `serve` included, is spawned in the slow tier (spawn-smoke.slow.test.ts); the cases
 * are in spawn-cases.ts.
 */
import { describe, it } from 'vitest';
import { checkSpawned, SPAWN_CASES } from './spawn-cases.js';

const FAST = new Set(['plan uav.c2_stick --json', 'tbs --mcs 29 --prb 3']);

describe('phyclass executable (spawned smoke tests; equal to the in-process runs)', () => {
  it('a valid call and a bad one through the spawned binary answer as runCli in-process (a served request: serve.test.ts)', async () => {
    const cases = SPAWN_CASES.filter(([args]) => FAST.has(args.join(' ')));
    if (cases.length !== FAST.size) throw new Error('spawn-smoke: a fast-tier case is missing from SPAWN_CASES');
    await checkSpawned(cases);
  }, 120_000);
});
