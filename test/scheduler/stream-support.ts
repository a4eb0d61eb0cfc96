/**
 * The event stream of the slot engine on the benchmark mix (scripts/sim-hash benchScenario, 300 UEs;
 * `light`: the light two-service mix), one text line per sink event: what the fast-path tests compare
 * between a shortcut and the general path it stands for.
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, initialState, makeTraffic, runTick } from '../../src/scheduler/index.js';
import type { EngineSink, SchedulerPolicy } from '../../src/scheduler/index.js';
import type { PacketRec, TxRec } from '../../src/scheduler/state.js';
import { makeRng } from '../../src/core/rng.js';
import { benchScenario } from '../../scripts/sim-hash.js';

export function eventStream(policy: SchedulerPolicy, ticks: number, light = false): string[] {
  const b = buildSimulation(benchScenario(300, light ? { light } : {}));
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
