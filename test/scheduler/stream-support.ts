/**
 * The event stream of the slot engine on the benchmark mix (scripts/sim-hash benchScenario, 300 UEs;
 * `light`: the light two-service mix), one text line per sink event: what the fast-path tests compare
 * between a shortcut and the general path it stands for. Options: another UE count; a seed s (channel
 * seed s, traffic rng s, step rng s + 1; the default 1 is the fixed stream); `perUe` consecutive flows
 * on one UE; `afterTick`, called with the engine after every tick (a law to check).
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, initialState, makeTraffic, runTick } from '../../src/scheduler/index.js';
import type { EngineSink, SchedulerPolicy } from '../../src/scheduler/index.js';
import type { CompiledConfig, EngineData, PacketRec, TxRec } from '../../src/scheduler/state.js';
import { makeRng } from '../../src/core/rng.js';
import { benchScenario } from '../../scripts/sim-hash.js';

/** A sink that records nothing (runs whose laws are checked on the engine's state). */
export const quietSink: EngineSink = { arrival: () => {}, grant: () => {}, preempted: () => {}, harq: () => {}, delivered: () => {}, dropped: () => {}, slot: () => {}, cgUnused: () => {} };

export interface StreamOptions {
  readonly ues?: number;
  readonly seed?: number;
  readonly perUe?: number;
  readonly afterTick?: (tick: number, config: CompiledConfig, data: EngineData) => void;
}

export function eventStream(policy: SchedulerPolicy, ticks: number, light = false, opts: StreamOptions = {}): string[] {
  const seed = opts.seed ?? 1;
  const perUe = opts.perUe ?? 1;
  const b = buildSimulation(benchScenario(opts.ues ?? 300, light ? { light } : {}));
  if (E.isLeft(b)) throw new Error(b.left.message);
  const flows = perUe === 1 ? b.right.config.flows : b.right.config.flows.map((f, i) => ({ ...f, ue: Math.floor(i / perUe) }));
  const st = initialState({ ...b.right.config, flows, policy, channelSeed: seed });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(seed));
  const rng = makeRng(seed + 1);
  const out: string[] = [];
  const tx = (t: TxRec): string => `${t.id} ${t.packet.id} ${t.flow} ${t.tb} ${t.txNo} ${t.harq} ${t.slot} ${t.startSymbol} ${t.prb0} ${t.nPrb} ${t.punctured}`;
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
  for (let k = 0; k < ticks; k++) {
    runTick(config, data, traffic.next(data.tick), rng, sink);
    opts.afterTick?.(k, config, data);
  }
  return out;
}
