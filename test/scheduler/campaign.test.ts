/**
 * Campaigns: the merged output is identical with 1 and 2 worker threads; shards partition the
 * runs and their merge equals the unsharded campaign; bad specs fail with the field named.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { campaignRuns, mergeCampaignRuns, mixedScenario, parseShard, runCampaign } from '../../src/scheduler/index.js';
import type { CampaignSpec } from '../../src/scheduler/index.js';

const spec: CampaignSpec = {
  scenario: mixedScenario({ policy: 'priority', ueCounts: { features: 1, teleop: 2, commands: 2, uav: 2, xr: 1 } }),
  seeds: [1, 2],
  ueCounts: [1, 2],
  policies: ['priority', 'edf+preemption'],
  slots: 400,
};

describe('runCampaign', () => {
  it('gives identical merged output with 1 and 2 workers', async () => {
    const one = await runCampaign(spec, { workers: 1 });
    const two = await runCampaign(spec, { workers: 2 });
    if (E.isLeft(one)) throw new Error(one.left.message);
    if (E.isLeft(two)) throw new Error(two.left.message);
    expect(one.right.runs.length).toBe(8);
    expect(JSON.stringify(two.right)).toBe(JSON.stringify(one.right));
    // Runs are in the fixed order: policies, UE counts, seeds.
    expect(one.right.runs.map((r) => [r.policy, r.ueCount, r.seed])).toStrictEqual(campaignRuns(spec).map((r) => [r.policy, r.ueCount, r.seed]));
    expect(one.right.merged.length).toBe(2 * 2 * 5);
  }, 120_000);

  it('shards partition the runs and merge back to the whole', async () => {
    const whole = await runCampaign(spec);
    const s0 = await runCampaign(spec, { shard: { index: 0, count: 3 } });
    const s1 = await runCampaign(spec, { shard: { index: 1, count: 3 } });
    const s2 = await runCampaign(spec, { shard: { index: 2, count: 3 } });
    if (E.isLeft(whole) || E.isLeft(s0) || E.isLeft(s1) || E.isLeft(s2)) throw new Error('campaign failed');
    const idx = [s0, s1, s2].flatMap((s) => s.right.runs.map((r) => r.index)).sort((a, b) => a - b);
    expect(idx).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const merged = mergeCampaignRuns([...s2.right.runs, ...s0.right.runs, ...s1.right.runs]);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole.right.merged));
  }, 120_000);

  it('parses --shard i/N and rejects bad specs with the field named', async () => {
    expect(parseShard('2/4')).toStrictEqual(E.right({ index: 2, count: 4 }));
    expect(E.isLeft(parseShard('4/4'))).toBe(true);
    expect(E.isLeft(parseShard('x'))).toBe(true);
    const bad = await runCampaign({ ...spec, seeds: [] });
    expect(E.isLeft(bad) && bad.left.message.includes('seeds')).toBe(true);
    const bad2 = await runCampaign({ ...spec, policies: ['edf', 'nope' as never] });
    expect(E.isLeft(bad2) && bad2.left.message.includes('policies[1]')).toBe(true);
  });
});
