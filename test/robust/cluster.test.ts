/**
 * Issue 17 items 5–6: `--shard auto` reads each engine's environment (shardFromEnvironment) and the
 * campaign fingerprint that `campaign merge` compares. The shards spawned under each engine's
 * environment and merged (and the refusals of `--shard auto` by the spawned binary) are in
 * cluster.slow.test.ts (slow tier, `npm run test:slow`, run by CI).
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shardFromEnvironment } from '../../src/cli/shard.js';
import { campaignFingerprint } from '../../src/scheduler/campaign.js';
import { PHYCLASS_VERSION } from '../../src/core/version.js';

const SCENARIO = 'examples/scenarios/mixed.json';

describe('shardFromEnvironment', () => {
  const left = (env: Record<string, string>, shards?: number): string => {
    const r = shardFromEnvironment(env, shards);
    return E.isLeft(r) ? r.left : 'accepted';
  };
  it('maps each engine onto i/N', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MAX: '8' })).toEqual(E.right({ index: 2, count: 4, engine: 'slurm' }));
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' }, 8)).toEqual(E.right({ index: 3, count: 8, engine: 'kubernetes' }));
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3', PHYCLASS_SHARDS: '4' })).toEqual(E.right({ index: 3, count: 4, engine: 'kubernetes' }));
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '2' })).toEqual(E.right({ index: 0, count: 2, engine: 'aws-batch' }));
  });
  it('refuses what would lose or duplicate runs', () => {
    expect(left({})).toMatch(/no array-job index/);
    expect(left({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MAX: '9' })).toMatch(/not contiguous/);
    expect(left({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '3' })).toMatch(/STEP is 3/);
    expect(left({ JOB_COMPLETION_INDEX: '1' })).toMatch(/--shards N or PHYCLASS_SHARDS/);
    expect(left({ JOB_COMPLETION_INDEX: '4' }, 4)).toMatch(/index 4 is not in 0\.\.3/);
    expect(left({ JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '1' }, 4)).toMatch(/more than one engine/);
    expect(left({ AWS_BATCH_JOB_ARRAY_INDEX: 'x' })).toMatch(/expected a non-negative integer/);
    expect(left({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '2' }, 3)).toMatch(/--shards 3 disagrees/);
  });
});

describe('campaign fingerprint', () => {
  const scenario = JSON.parse(readFileSync(SCENARIO, 'utf8')) as Record<string, unknown>;
  const fp = (s: unknown, extra: Record<string, unknown> = {}): string => {
    const r = campaignFingerprint({ scenario: s, seeds: [1, 2], ...extra });
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  };
  it('ignores key order and spelled-out defaults; changes with the scenario, the axes, the slots', () => {
    const reordered = Object.fromEntries(Object.entries(scenario).reverse());
    expect(fp(reordered)).toBe(fp(scenario));
    expect(fp({ ...scenario, harqProcesses: 16, queueLimit: 10_000 })).toBe(fp(scenario));
    const snr = structuredClone(scenario) as { services: { meanSnrDb?: number }[] };
    snr.services[0]!.meanSnrDb = 3;
    expect(fp(snr)).not.toBe(fp(scenario));
    expect(fp(scenario, { seeds: [1, 3] })).not.toBe(fp(scenario));
    expect(fp(scenario, { slots: 100 })).not.toBe(fp(scenario));
    expect(fp(scenario, { slots: 20_000 })).toBe(fp(scenario)); // = the scenario's own slots
  });
  it('the version is package.json\'s', () => {
    expect(PHYCLASS_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
