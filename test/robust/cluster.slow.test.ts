/**
 * Issue 17 items 5–6: campaign integrity and real cluster engines. Shards run as separate
 * processes under each engine's environment (Slurm job array — through the shipped
 * examples/cluster/slurm-array.sh —, Kubernetes Indexed Job, AWS Batch array), write their parts
 * atomically with --out, and `campaign merge <dir>` equals the unsharded run byte for byte; merge
 * refuses a part of a different scenario (one service's mean SNR changed, same name) or version,
 * naming both files; `--shard auto` refuses a Slurm step other than 1 and an empty environment.
 * Slow tier only (`npm run test:slow`, run by CI): every shard is a spawned process; the in-process
 * parts (shardFromEnvironment, the fingerprint) are in cluster.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY, ROOT } from '../cli/run-bin.js';

const SCENARIO = 'examples/scenarios/mixed.json';
const SWEEP = ['--seeds', '1..3', '--slots', '60'];
const ENGINE_VARS = /^(SLURM_|JOB_COMPLETION_INDEX|PHYCLASS_SHARDS|AWS_BATCH_)/;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawn a command with the engine variables of the test's own environment removed, plus `extra`. */
function run(cmd: string, args: readonly string[], extra: Record<string, string> = {}): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !ENGINE_VARS.test(k)) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], { cwd: ROOT, env: { ...env, ...extra, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, stdout, stderr });
    });
  });
}
const phyclass = (args: readonly string[], extra?: Record<string, string>): Promise<Run> => run(process.execPath, [...ENTRY, ...args], extra);
const PHYCLASS_CMD = [process.execPath, ...ENTRY].map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ');

describe('--shard auto under cluster engines (spawned shards)', () => {
  it('Slurm (the shipped array script), Kubernetes and AWS Batch shards merge to the unsharded bytes; foreign parts are refused', async () => {
    const base = mkdtempSync(join(tmpdir(), 'phyclass-cluster-'));
    const slurm = join(base, 'slurm');
    const k8s = join(base, 'k8s');
    const aws = join(base, 'aws');
    const other = join(base, 'other');
    // A copy of the scenario with one service's mean SNR changed, same name.
    const changed = JSON.parse(readFileSync(SCENARIO, 'utf8')) as { services: { meanSnrDb?: number }[] };
    changed.services[2]!.meanSnrDb = 3;
    const changedFile = join(base, 'mixed-snr.json');
    writeFileSync(changedFile, JSON.stringify(changed, null, 2));

    const slurmTask = (id: number): Promise<Run> =>
      run('bash', ['examples/cluster/slurm-array.sh'], {
        SLURM_ARRAY_JOB_ID: '4242', SLURM_ARRAY_TASK_ID: String(10 + id), SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '12', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '1',
        PHYCLASS: PHYCLASS_CMD, SCENARIO, OUT: slurm, CAMPAIGN_ARGS: SWEEP.join(' '),
      });
    const shards = await Promise.all([
      phyclass(['campaign', SCENARIO, ...SWEEP, '--json']),
      slurmTask(0), slurmTask(1), slurmTask(2),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto', '--out', k8s], { JOB_COMPLETION_INDEX: '0', PHYCLASS_SHARDS: '2' }),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto', '--shards', '2', '--out', k8s], { JOB_COMPLETION_INDEX: '1' }),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto', '--out', aws], { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '2' }),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto', '--out', aws], { AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '2' }),
      phyclass(['campaign', changedFile, ...SWEEP, '--shard', '1/2', '--out', other]),
    ]);
    const [whole, ...parts] = shards;
    for (const p of parts) expect([p.code, p.stderr]).toEqual([0, '']);
    expect(whole!.code).not.toBe(3);
    expect(readdirSync(slurm).sort()).toEqual(['part-0-of-3.json', 'part-1-of-3.json', 'part-2-of-3.json']);
    expect(readdirSync(k8s).sort()).toEqual(['part-0-of-2.json', 'part-1-of-2.json']);

    const [mSlurm, mK8s, mAws, foreign, oldVersion] = await Promise.all([
      phyclass(['campaign', 'merge', slurm, '--json']),
      phyclass(['campaign', 'merge', k8s, '--json']),
      phyclass(['campaign', 'merge', join(aws, 'part-1-of-2.json'), join(aws, 'part-0-of-2.json'), '--json']),
      phyclass(['campaign', 'merge', join(k8s, 'part-0-of-2.json'), join(other, 'part-1-of-2.json')]),
      (async () => {
        const p = JSON.parse(readFileSync(join(aws, 'part-1-of-2.json'), 'utf8')) as Record<string, unknown>;
        const f = join(base, 'old-version.json');
        writeFileSync(f, JSON.stringify({ ...p, version: '0.0.9' }));
        return phyclass(['campaign', 'merge', join(aws, 'part-0-of-2.json'), f]);
      })(),
    ]);
    for (const m of [mSlurm, mK8s, mAws]) {
      expect(m!.stderr).toBe('');
      expect(m!.stdout).toBe(whole!.stdout);
      expect(m!.code).toBe(whole!.code);
    }
    expect(foreign!.code).toBe(2);
    expect(foreign!.stderr.trim().split('\n')).toHaveLength(1);
    expect(foreign!.stderr).toMatch(/other\/part-1-of-2\.json: fingerprint [0-9a-f]{12} differs from .*k8s\/part-0-of-2\.json's [0-9a-f]{12}: parts from different campaigns/);
    expect(oldVersion!.code).toBe(2);
    expect(oldVersion!.stderr).toMatch(/old-version\.json: written by phyclass 0\.0\.9, but .*part-0-of-2\.json by 0\.1\.0/);
  }, 180_000);

  it('refuses without an engine, a Slurm step other than 1, and an existing part without --force (exit 2, one line)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phyclass-cluster-bad-'));
    writeFileSync(join(dir, 'part-0-of-1.json'), '{}');
    const [none, step, exists] = await Promise.all([
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto']),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--shard', 'auto'], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_STEP: '2' }),
      phyclass(['campaign', SCENARIO, ...SWEEP, '--out', dir]),
    ]);
    for (const [r, re] of [
      [none, /^phyclass: --shard auto: no array-job index in the environment/],
      [step, /^phyclass: --shard auto: SLURM_ARRAY_TASK_STEP is 2/],
      [exists, /would overwrite 1 file in .*part-0-of-1\.json.*--force/],
    ] as const) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
  }, 120_000);
});
