/**
 * Spawned smoke tests of the real executable (issue 18: the other CLI tests run `runCli` in-process
 * through run-bin.ts). Every command is started as a child process at least once with a valid
 * invocation and the bad-input path is spawned too; each spawned result must equal the in-process
 * run of the same arguments byte for byte (exit code, stdout, stderr), which is what keeps the
 * in-process CLI tests honest. PHYCLASS_TEST_SPAWN=1 (`npm run test:slow`) spawns every CLI test.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess, spawnBin, type BinResult } from './run-bin.js';

const SCENARIO = 'examples/scenarios/mixed.json';
/** [args, stdin, 'ok' (exit 0 or 1: a verdict) or 'bad' (exit 2, one stderr line)]; one or more per command. */
const CASES: readonly (readonly [readonly string[], string | undefined, 'ok' | 'bad'])[] = [
  [['tbs', '--mcs', '27', '--prb', '273', '--symbols', '12', '--table', 'qam256', '--json'], undefined, 'ok'],
  [['tbs', '--batch'], '{"mcs":5,"nPrb":10}\nnot json\n', 'bad'],
  [['bler', '--mcs', '10', '--size', '1000 bit', '--snr', '5 dB', '--json'], undefined, 'ok'],
  [['latency', '--direction', 'UL', '--grant', 'configured', '--mu', '1', '--tti', '2', '--json'], undefined, 'ok'],
  [['services', '--csv'], undefined, 'ok'],
  [['table1', '--json'], undefined, 'ok'],
  [['plan', 'uav.c2_stick', '--json'], undefined, 'ok'],
  [['verify', 'teleop.haptic_feedback', '--csv'], undefined, 'ok'],
  [['classes', '--only', 'uav.c2_stick,teleop.haptic_feedback', '--max-classes', '2', '--json'], undefined, 'ok'],
  [['classify', 'uav.c2_stick', '200 B', '--only', 'uav.c2_stick', '--json'], undefined, 'ok'],
  [['simulate', SCENARIO, '--slots', '200', '--json'], undefined, 'ok'],
  [['campaign', SCENARIO, '--seeds', '1..2', '--policies', 'edf', '--slots', '60', '--workers', '2', '--json'], undefined, 'ok'],
  [['report', '--help'], undefined, 'ok'],
  [['export', '--target', 'c', '--only', 'uav.c2_stick,xr.pose_ul'], undefined, 'ok'],
  [['codesign', 'examples/pipelines/figure1.json', '--json'], undefined, 'ok'],
  [['serve'], '{"id":1,"method":"tbs","params":{"mcs":10,"nPrb":52}}\n', 'ok'],
  [['tbs', '--mcs', '29', '--prb', '3'], undefined, 'bad'],
  [['frobnicate'], undefined, 'bad'],
  [['campaign', 'no/such/file.json'], undefined, 'bad'],
];

describe('phyclass executable (spawned smoke tests; equal to the in-process runs)', () => {
  it('every command starts as a child process and answers exactly as runCli in-process', async () => {
    const spawned: BinResult[] = await Promise.all(CASES.map(([args, stdin]) => spawnBin(args, stdin === undefined ? {} : { stdin })));
    for (let i = 0; i < CASES.length; i++) {
      const [args, stdin, kind] = CASES[i]!;
      const what = args.join(' ');
      const s = spawned[i]!;
      if (kind === 'bad') {
        expect(s.code, `${what}: ${s.stderr}`).toBe(2);
        expect(s.stderr.trim().split('\n'), what).toHaveLength(1);
      } else {
        expect([0, 1], `${what}: ${s.stderr}`).toContain(s.code);
        expect(s.stdout.length, what).toBeGreaterThan(0);
      }
      // serve streams the process's own stdin (not CliIo): spawned only here, in-process in serve.test.ts
      if (args[0] === 'serve') continue;
      const inproc = await runInProcess(args, stdin === undefined ? {} : { stdin });
      expect(inproc, what).toEqual(s);
    }
  }, 240_000);
});
