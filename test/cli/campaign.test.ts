/**
 * `phyclass campaign` through the real binary: a small sweep whose --json equals the library's
 * runCampaign result (and whose exit code follows its merged verdicts), the table and CSV views of
 * the same rows, two shards (one on two worker threads) merged in reverse order byte-identical to
 * the unsharded run, merge refusing incomplete or foreign parts, and bad input (bad shard, unknown
 * policy, missing file, malformed JSON, empty seed range) as exit 2 with one stderr line.
 */
import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CampaignResult, type CampaignSpec, runCampaign } from '../../src/scheduler/campaign.js';
import { parseCsv } from '../../src/report/table.js';
import { oneErrorLine, runBin } from './run-bin.js';

const SCENARIO = 'examples/scenarios/mixed.json';
const SLOTS = 150;
const SWEEP = [SCENARIO, '--seeds', '1..2', '--policies', 'edf,priority', '--slots', String(SLOTS)];
const SPEC: CampaignSpec = {
  scenario: JSON.parse(readFileSync(SCENARIO, 'utf8')) as unknown,
  seeds: [1, 2],
  policies: ['edf', 'priority'],
  slots: SLOTS,
};

/** The library's result as the CLI prints it (JSON round trip). */
async function library(spec: CampaignSpec, shard?: { index: number; count: number }): Promise<unknown> {
  const r = await runCampaign(spec, shard === undefined ? {} : { shard });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return JSON.parse(JSON.stringify(r.right)) as unknown;
}

/** Exit 1 exactly when some merged row misses its epsilon with confidence (CI low > epsilon). */
const expectedCode = (res: CampaignResult): number => (res.merged.some((m) => m.epsilon !== null && m.decided > 0 && m.missCi.lower > m.epsilon) ? 1 : 0);

/** Runs shared by several tests, spawned once (the CLI tests share two cores with everything else). */
const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};
const wholeJson = once(() => runBin(['campaign', ...SWEEP, '--json']));
const wholeCsv = once(() => runBin(['campaign', ...SWEEP, '--csv']));
const shard0 = once(() => runBin(['campaign', ...SWEEP, '--shard', '0/2', '--workers', '2', '--json']));

describe('phyclass campaign (spawned binary)', () => {
  it('--json equals runCampaign; the CSV shows the merged rows; the exit code follows the verdicts; seed ranges, UE counts', async () => {
    const [json, csv, lib, lists] = await Promise.all([
      wholeJson(),
      wholeCsv(),
      library(SPEC),
      // in one thread: each --workers run boots worker threads that plan the scenario again (~2.5 s of
      // CPU); --workers is checked by shard 0 below, by the runCampaign 1-vs-2-worker law
      // (test/scheduler/campaign.test.ts) and, spawned, in spawn-smoke.slow.test.ts (slow tier)
      runBin(['campaign', SCENARIO, '--seeds', '3..4,9', '--ues', '1,2', '--slots', '60', '--json']),
    ]);
    const res = lib as CampaignResult;
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual(lib);
    expect(res.totalRuns).toBe(4);
    expect(res.runs.map((r) => [r.policy, r.seed])).toEqual([['edf', 1], ['edf', 2], ['priority', 1], ['priority', 2]]);
    expect(json.code).toBe(expectedCode(res));
    expect(csv.code).toBe(json.code);
    const rec = parseCsv(csv.stdout);
    expect(rec[0]).toEqual(['policy', 'ueCount', 'service', 'runs', 'decided', 'deliveredOnTime', 'missRatio', 'missCiLower', 'missCiUpper', 'epsilon', 'target']);
    expect(rec.slice(1).map((r) => [r[0], r[2], Number(r[4]), Number(r[5]), Number(r[6])])).toEqual(
      res.merged.map((m) => [m.policy, m.service, m.decided, m.deliveredOnTime, m.missRatio]),
    );
    // Seed ranges and lists, UE counts: same as the library.
    expect(lists.stderr).toBe('');
    const spec2: CampaignSpec = { scenario: SPEC.scenario, seeds: [3, 4, 9], ueCounts: [1, 2], slots: 60 };
    const lib2 = (await library(spec2)) as CampaignResult;
    expect(JSON.parse(lists.stdout)).toEqual(lib2);
    expect(lib2.runs.map((r) => [r.ueCount, r.seed])).toEqual([[1, 3], [1, 4], [1, 9], [2, 3], [2, 4], [2, 9]]);
  });

  it('two shards (one on two workers), merged in any order, equal the unsharded run byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-campaign-'));
    const [whole, wholeText, s0, s1] = await Promise.all([wholeJson(), wholeCsv(), shard0(), runBin(['campaign', ...SWEEP, '--shard', '1/2', '--json'])]);
    // A shard's rows are partial: it exits 0 whenever it ran, and equals the library's shard.
    expect([s0.code, s1.code, s0.stderr, s1.stderr]).toEqual([0, 0, '', '']);
    expect(JSON.parse(s1.stdout)).toEqual(await library(SPEC, { index: 1, count: 2 }));
    const p0 = JSON.parse(s0.stdout) as CampaignResult;
    expect(p0.shard).toEqual({ index: 0, count: 2 });
    expect(p0.runs.map((r) => r.index)).toEqual([0, 2]);
    writeFileSync(join(dir, 'p0.json'), s0.stdout);
    writeFileSync(join(dir, 'p1.json'), s1.stdout);
    const [merged, mergedCsv, mergedText] = await Promise.all([
      runBin(['campaign', 'merge', join(dir, 'p1.json'), join(dir, 'p0.json'), '--json']),
      runBin(['campaign', 'merge', join(dir, 'p0.json'), join(dir, 'p1.json'), '--csv']),
      runBin(['campaign', 'merge', join(dir, 'p0.json'), join(dir, 'p1.json')]),
    ]);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
    expect(mergedCsv.stdout).toBe(wholeText.stdout);
    // The table: a title, the header, one line per merged row.
    const res = JSON.parse(whole.stdout) as CampaignResult;
    expect(mergedText.stdout).toMatch(/merged from 2 parts: 4 of 4 runs, 150 slots each/);
    expect(mergedText.stdout).toMatch(/policy\s+UEs\s+service\s+runs\s+packets\s+on time\s+miss/);
    for (const m of res.merged) {
      expect(mergedText.stdout).toMatch(new RegExp(`${m.policy}\\s+-\\s+${m.service.replace(/\./g, '\\.')}\\s+2\\s+${m.decided}\\s+${m.deliveredOnTime}\\s`));
    }
  });

  it('bad input exits 2 with one line on stderr, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-campaign-bad-'));
    writeFileSync(join(dir, 'broken.json'), '{"services": [');
    writeFileSync(join(dir, 'p0.json'), (await shard0()).stdout);
    // Same shape, policies in the other order: its shard 1 holds (priority, 2) where the sweep of p0 has (edf, 2).
    const other = await runBin(['campaign', SCENARIO, '--seeds', '1..2', '--policies', 'priority,edf', '--slots', String(SLOTS), '--shard', '1/2', '--json']);
    writeFileSync(join(dir, 'q1.json'), other.stdout);
    const cases: [string[], RegExp][] = [
      [['campaign', ...SWEEP, '--shard', '3/2'], /^phyclass: --shard: expected 'i\/N' with 0 <= i < N.*got "3\/2"$/],
      [['campaign', SCENARIO, '--policies', 'edf,fifo'], /--policies: expected one of edf, priority, pf.*got "fifo"/],
      [['campaign', join(dir, 'missing.json')], /missing\.json: cannot read \(no such file\)/],
      [['campaign', join(dir, 'broken.json')], /broken\.json: malformed JSON/],
      [['campaign', SCENARIO, '--seeds', '9..2'], /--seeds: empty range 9\.\.2/],
      [['campaign', SCENARIO, '--seeds', '1,1'], /--seeds: 1 is listed twice/],
      [['campaign', 'examples/services/robot-arm-features.json', '--slots', '10'], /robot-arm-features\.json: services: expected/],
      [['campaign', 'merge', join(dir, 'p0.json')], /missing shard 1\/2: merge needs every part/],
      [['campaign', 'merge', join(dir, 'p0.json'), join(dir, 'p0.json')], /shard 0\/2 given twice/],
      [['campaign', 'merge', join(dir, 'p0.json'), join(dir, 'q1.json')], /different campaigns/],
      [['campaign', 'merge', join(dir, 'p0.json'), SCENARIO], /mixed\.json: expected the --json output of 'phyclass campaign'/],
    ];
    const results = await Promise.all(cases.map(([a]) => runBin(a)));
    results.forEach((r, i) => {
      const what = `${cases[i]?.[0].join(' ') ?? ''} -> ${r.stderr.trim()}`;
      expect(r.code, what).toBe(2);
      expect(r.stdout, what).toBe('');
      expect(oneErrorLine(r), what).toMatch(cases[i]?.[1] ?? /./);
    });
  });
});
