/**
 * The engine's shortcuts (spec/scheduler.md §10.3) against its general paths on the same scenario and
 * seeds: the memoised static rank (a policy without `staticRank` is asked at every visit) and the
 * packed order key (a rank offset by ½ is not an integer, so the three-field comparison runs). The
 * offset keeps every order, so the event streams must be identical. A wrong memoised rank or key
 * changes the serving order, and with it the stream (the overloaded 300-UE mix makes order matter).
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, edfPolicy, initialState, makeTraffic, priorityPolicy, runTick } from '../../src/scheduler/index.js';
import type { EngineSink, SchedulerPolicy } from '../../src/scheduler/index.js';
import type { PacketRec, TxRec } from '../../src/scheduler/state.js';
import { makeRng } from '../../src/core/rng.js';
import { benchScenario } from '../../scripts/sim-hash.js';

function stream(policy: SchedulerPolicy, ticks: number): string[] {
  const b = buildSimulation(benchScenario(300));
  if (E.isLeft(b)) throw new Error(b.left.message);
  const st = initialState({ ...b.right.config, policy, channelSeed: 1 });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(1));
  const rng = makeRng(2);
  const out: string[] = [];
  const tx = (t: TxRec): string => `${t.id} ${t.packet.id} ${t.flow} ${t.tb} ${t.txNo} ${t.slot} ${t.startSymbol} ${t.prb0} ${t.nPrb} ${t.punctured}`;
  const pk = (p: PacketRec): string => `${p.id} ${p.flow} ${p.arrival}`;
  const sink: EngineSink = {
    arrival: (p) => out.push(`A ${pk(p)}`),
    grant: (t) => out.push(`G ${tx(t)}`),
    preempted: (v, by, cells) => out.push(`P ${v.id} ${by.id} ${cells}`),
    harq: (t, ack, time) => out.push(`H ${tx(t)} ${ack} ${time}`),
    delivered: (p, time) => out.push(`D ${pk(p)} ${time}`),
    dropped: (p, cause, time) => out.push(`X ${pk(p)} ${cause} ${time}`),
    slot: () => {},
    cgUnused: (f, cells) => out.push(`U ${f} ${cells}`),
  };
  const { config, data } = st.right;
  for (let k = 0; k < ticks; k++) runTick(config, data, traffic.next(data.tick), rng, sink);
  return out;
}

/** The same order as `p`, through the general paths: no static rank, rank offset by ½ (not an integer). */
function general(p: SchedulerPolicy): SchedulerPolicy {
  return { name: p.name, preemption: p.preemption, usesAverage: false, rank: (c) => p.rank(c) + 0.5 };
}

describe('engine fast paths (spec/scheduler.md §10.3)', () => {
  for (const p of [edfPolicy(true), priorityPolicy(false)]) {
    it(`${p.name}: memoised rank and packed key give the stream of the general paths`, () => {
      expect(p.staticRank).toBe(true);
      const fast = stream(p, 400);
      const slow = stream(general(p), 400);
      expect(fast.filter((e) => e.startsWith('X')).length).toBeGreaterThan(0); // overloaded: drops happen
      expect(fast.length).toBe(slow.length);
      expect(fast).toEqual(slow);
    });
  }

  it('a rank that reorders gives a different stream (the comparison can fail)', () => {
    const p = edfPolicy(true);
    const fast = stream(p, 400);
    const reversed = stream({ ...general(p), rank: (c) => -c.deadlineSymbols }, 400);
    expect(reversed).not.toEqual(fast);
  });
});
