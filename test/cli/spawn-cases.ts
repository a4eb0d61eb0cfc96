/**
 * The spawned smoke tests of the real executable (issue 18, target 6): one valid invocation and one
 * bad-input invocation (exit 2, one stderr line) of every command. The fast tier spawns a few of them
 * (test/cli/spawn-smoke.test.ts), the slow tier all of them (test/cli/spawn-smoke.slow.test.ts); each
 * spawned result must equal the in-process run of the same arguments byte for byte (exit code,
 * stdout, stderr), which is what keeps the in-process CLI tests (test/cli/run-bin.ts) honest.
 */
import { expect } from 'vitest';
import { runInProcess, spawnBin, type BinResult } from './run-bin.js';

const SCENARIO = 'examples/scenarios/mixed.json';

/** [args, stdin, 'ok' (exit 0 or 1: a verdict) or 'bad' (exit 2, one stderr line)]. */
export type SpawnCase = readonly [readonly string[], string | undefined, 'ok' | 'bad'];

/** Every command: one valid run and one bad-input run (plus an unknown command). */
export const SPAWN_CASES: readonly SpawnCase[] = [
  [['tbs', '--mcs', '27', '--prb', '273', '--symbols', '12', '--table', 'qam256', '--json'], undefined, 'ok'],
  [['tbs', '--mcs', '29', '--prb', '3'], undefined, 'bad'],
  [['tbs', '--batch'], '{"mcs":5,"nPrb":10}\nnot json\n', 'bad'],
  [['bler', '--mcs', '10', '--size', '1000 bit', '--snr', '5 dB', '--json'], undefined, 'ok'],
  [['bler', '--mcs', '10', '--size', '1000 bit', '--snr', 'loud'], undefined, 'bad'],
  [['latency', '--direction', 'UL', '--grant', 'configured', '--mu', '1', '--tti', '2', '--json'], undefined, 'ok'],
  [['latency', '--mu', '9'], undefined, 'bad'],
  [['services', '--csv'], undefined, 'ok'],
  [['services', '--format', 'xml'], undefined, 'bad'],
  [['table1', '--json'], undefined, 'ok'],
  [['table1', '--classes', '--bandwidth', 'wide'], undefined, 'bad'],
  [['plan', 'uav.c2_stick', '--json'], undefined, 'ok'],
  [['plan', 'no.such_service'], undefined, 'bad'],
  [['verify', 'teleop.haptic_feedback', '--csv'], undefined, 'ok'],
  [['verify', 'no.such_service'], undefined, 'bad'],
  [['classes', '--only', 'uav.c2_stick,teleop.haptic_feedback', '--max-classes', '2', '--json'], undefined, 'ok'],
  [['classes', '--max-classes', '0'], undefined, 'bad'],
  [['classify', 'uav.c2_stick', '200 B', '--only', 'uav.c2_stick', '--json'], undefined, 'ok'],
  [['classify', 'uav.c2_stick', 'lots'], undefined, 'bad'],
  [['simulate', SCENARIO, '--slots', '200', '--json'], undefined, 'ok'],
  [['simulate', 'no/such/file.json'], undefined, 'bad'],
  [['campaign', SCENARIO, '--seeds', '1..2', '--policies', 'edf', '--slots', '60', '--workers', '2', '--json'], undefined, 'ok'],
  [['campaign', 'no/such/file.json'], undefined, 'bad'],
  [['campaign', 'merge', 'no/such/dir'], undefined, 'bad'],
  [['report', '--help'], undefined, 'ok'],
  [['report', '--slots', 'many'], undefined, 'bad'],
  [['export', '--target', 'c', '--only', 'uav.c2_stick,xr.pose_ul'], undefined, 'ok'],
  [['export', '--target', 'vhdl'], undefined, 'bad'],
  [['codesign', 'examples/pipelines/figure1.json', '--json'], undefined, 'ok'],
  [['codesign', 'no/such/file.json'], undefined, 'bad'],
  [['serve'], '{"id":1,"method":"tbs","params":{"mcs":10,"nPrb":52}}\n', 'ok'],
  [['serve', '--port', '80'], undefined, 'bad'],
  [['frobnicate'], undefined, 'bad'],
];

/** Spawn `cases` (at most `parallel` at a time) and check each against its kind and its in-process run. */
export async function checkSpawned(cases: readonly SpawnCase[], parallel = 4): Promise<void> {
  const spawned: BinResult[] = new Array<BinResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < cases.length; i = next++) {
      const [args, stdin] = cases[i]!;
      spawned[i] = await spawnBin(args, stdin === undefined ? {} : { stdin });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, cases.length) }, worker));
  for (let i = 0; i < cases.length; i++) {
    const [args, stdin, kind] = cases[i]!;
    const what = args.join(' ');
    const s = spawned[i]!;
    if (kind === 'bad') {
      expect(s.code, `${what}: ${s.stderr}`).toBe(2);
      expect(s.stderr.trim().split('\n'), what).toHaveLength(1);
    } else {
      expect([0, 1], `${what}: ${s.stderr}`).toContain(s.code);
      expect(s.stdout.length, what).toBeGreaterThan(0);
    }
    // a valid serve streams the process's own stdin (not CliIo): spawned only, in-process in serve.test.ts
    if (args[0] === 'serve' && kind === 'ok') continue;
    const inproc = await runInProcess(args, stdin === undefined ? {} : { stdin });
    expect(inproc, what).toEqual(s);
  }
}
