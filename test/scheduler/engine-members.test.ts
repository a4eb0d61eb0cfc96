/**
 * Members (spec/scheduler.md §10.6, src/scheduler/members.ts): flows served from a per-class key heap
 * instead of being visited at every occasion.
 *
 * - The membership law, after every tick of random runs (fast-check): a member has a head-packet memo,
 *   no retransmission, a static rank that packs (the memo's), is counted in its class, and has exactly
 *   one live entry in its class's key heap, with the key rank·kfC + flow; a late mark only on a member.
 * - The stream with members equals the stream without them: the same EDF with `staticRank: false` ranks
 *   every visit afresh and never makes a member (same keys, same packed path), on the 300-UE mixes and
 *   on random bench mixes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, edfPolicy, initialState, makeTraffic, priorityPolicy, runTick } from '../../src/scheduler/index.js';
import type { EngineSink, SchedulerPolicy } from '../../src/scheduler/index.js';
import type { CompiledConfig, EngineData } from '../../src/scheduler/state.js';
import { isLate, isMember, keyLive } from '../../src/scheduler/members.js';
import { makeRng } from '../../src/core/rng.js';
import { benchScenario } from '../../scripts/sim-hash.js';
import { eventStream, quietSink } from './stream-support.js';

/** Violations of the membership law in `d` (empty: none). */
function memberViolations(d: EngineData, flowCls: readonly number[]): string[] {
  const ms = d.members;
  const bad: string[] = [];
  const live = new Map<number, number>();
  for (let c = 0; c < ms.kn.length; c++) {
    for (let i = 0; i < ms.kn[c]!; i++) {
      if (!keyLive(ms, c, i)) continue;
      const key = ms.kh[c]![i]!;
      const fi = key % ms.kfC;
      if (flowCls[fi] !== c) bad.push(`flow ${fi} in class ${c}'s heap`);
      if ((key - fi) / ms.kfC !== d.headWait.rank[fi]) bad.push(`flow ${fi}: key rank ${(key - fi) / ms.kfC} is not the memo's ${d.headWait.rank[fi]}`);
      live.set(fi, (live.get(fi) ?? 0) + 1);
    }
  }
  const count = new Array<number>(ms.kn.length).fill(0);
  for (let fi = 0; fi < flowCls.length; fi++) {
    if (isLate(ms, fi) && !isMember(ms, fi)) bad.push(`flow ${fi}: late but not a member`);
    if (!isMember(ms, fi)) {
      if (live.has(fi)) bad.push(`flow ${fi}: a live key entry but not a member`);
      continue;
    }
    count[flowCls[fi]!]!++;
    if (d.headWait.pkt[fi] === null) bad.push(`member ${fi} without a memo`);
    if (d.flows[fi]!.retx.length !== 0 || d.nRetx[fi] !== 0) bad.push(`member ${fi} with a retransmission`);
    const r = d.headWait.rank[fi]!;
    if (!(r >= 0 && Number.isInteger(r) && r < ms.rankMax)) bad.push(`member ${fi}: rank ${r} does not pack`);
    if (live.get(fi) !== 1) bad.push(`member ${fi}: ${live.get(fi) ?? 0} live key entries`);
  }
  count.forEach((n, c) => {
    if (n !== ms.count[c]) bad.push(`class ${c}: count ${ms.count[c]} for ${n} members`);
  });
  const total = count.reduce((a, x) => a + x, 0);
  if (ms.count[ms.kn.length] !== total) bad.push(`total ${ms.count[ms.kn.length]} for ${total} members`);
  return bad;
}

function lawRun(ues: number, light: boolean, policy: SchedulerPolicy | null, seed: number, ticks: number): { bad: string[]; maxMembers: number } {
  const b = buildSimulation(benchScenario(ues, { light }));
  if (E.isLeft(b)) throw new Error(b.left.message);
  const st = initialState({ ...b.right.config, ...(policy === null ? {} : { policy }), channelSeed: seed });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(seed));
  const rng = makeRng(seed + 1);
  const { config: cc, data } = st.right;
  const flowCls = cc.flows.map((f) => f.cls);
  let maxMembers = 0;
  for (let k = 0; k < ticks; k++) {
    runTick(cc, data, traffic.next(data.tick), rng, quietSink);
    const bad = memberViolations(data, flowCls);
    if (bad.length > 0) return { bad: bad.slice(0, 5).map((x) => `tick ${k}: ${x}`), maxMembers };
    maxMembers = Math.max(maxMembers, data.members.count[data.members.kn.length]!);
  }
  return { bad: [], maxMembers };
}

/** The bench mix's event stream (stream-support) with `perUe` flows per UE; `law` receives the first membership-law violations. */
function benchStream(ues: number, light: boolean, p: SchedulerPolicy, seed: number, ticks: number, perUe = 1, law?: string[]): string[] {
  return eventStream(p, ticks, light, {
    ues,
    seed,
    perUe,
    ...(law === undefined
      ? {}
      : {
          afterTick: (k: number, cc: CompiledConfig, data: EngineData): void => {
            if (law.length === 0) law.push(...memberViolations(data, cc.flows.map((f) => f.cls)).slice(0, 5).map((x) => `tick ${k}: ${x}`));
          },
        }),
  });
}

const fresh = (p: SchedulerPolicy): SchedulerPolicy => ({ ...p, name: `${p.name} (ranked at every visit)`, staticRank: false });

describe('members (spec/scheduler.md §10.6)', () => {
  it('the overloaded 1,000-UE mix has members, and the law holds after every tick', () => {
    const r = lawRun(1000, false, null, 1, 150);
    expect(r.bad).toEqual([]);
    expect(r.maxMembers).toBeGreaterThan(100);
  });

  it('property: the membership law holds after every tick of random runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 400 }),
        fc.boolean(),
        fc.constantFrom<SchedulerPolicy | null>(null, edfPolicy(false), priorityPolicy(true)),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (ues, light, policy, seed) => {
          expect(lawRun(ues, light, policy, seed, 120).bad).toEqual([]);
        },
      ),
      { numRuns: 8 },
    );
  });

  for (const light of [false, true]) {
    it(`300-UE ${light ? 'light' : 'overloaded'} mix: the stream with members is the stream without`, () => {
      const withMembers = eventStream(edfPolicy(true), 300, light);
      expect(withMembers.filter((e) => e.startsWith('G')).length).toBeGreaterThan(1000);
      expect(withMembers).toEqual(eventStream(fresh(edfPolicy(true)), 300, light));
    });
  }

  for (const light of [false, true]) {
    it(`1,000-UE ${light ? 'light' : 'overloaded'} mix: the stream with members (late ones among them) is the stream without`, () => {
      const r = lawRun(1000, light, null, 3, 60);
      expect(r.maxMembers).toBeGreaterThan(100);
      expect(benchStream(1000, light, edfPolicy(true), 3, 200)).toEqual(benchStream(1000, light, fresh(edfPolicy(true)), 3, 200));
    });
  }

  it('property: random bench mixes give the same events with and without members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 500 }), fc.boolean(), fc.constantFrom(edfPolicy(true), edfPolicy(false), priorityPolicy(true)), fc.integer({ min: 1, max: 2 ** 30 }), (ues, light, policy, seed) => {
        expect(benchStream(ues, light, policy, seed, 150)).toEqual(benchStream(ues, light, fresh(policy), seed, 150));
      }),
      { numRuns: 6 },
    );
  });
});

/**
 * Several flows per UE (a kernels user may give them: `initialState` takes any flows; the scenario format
 * gives one per UE): HARQ processes and the UE's busy time are shared per (UE, direction), so a flow's
 * service can depend on another flow's retransmissions. The bench mix with flow pairs on one UE must
 * give the same events with and without members.
 */
describe('members with several flows per UE', () => {
  for (const perUe of [2, 4]) {
    it(`${perUe} flows per UE (300-UE overloaded mix): the stream with members is the stream without, with retransmissions and shared HARQ processes`, () => {
      const law: string[] = [];
      const withMembers = benchStream(300, false, edfPolicy(true), 5, 300, perUe, law);
      expect(law).toEqual([]);
      expect(withMembers.filter((e) => e.startsWith('H') && e.includes(' false ')).length).toBeGreaterThan(10);
      expect(withMembers).toEqual(benchStream(300, false, fresh(edfPolicy(true)), 5, 300, perUe));
    });
  }
});
