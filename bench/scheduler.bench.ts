/**
 * Scheduler benchmark: slot steps per second of the in-place engine (`runTick`, what `simulate`
 * runs) with 100 UEs across 4 services on a 100 MHz FR1 FDD carrier at 30 kHz (V2X split-DNN
 * features UL, teleoperated-driving commands DL, UAV C2 DL, XR pose UL), real nr-ldpc BLER, EDF
 * with pre-emption; the baseline is the same with 10 UEs, and the pure `step` facade (which
 * copies the state every step) is shown for comparison. Also memory per simulated UE.
 * Run: npx tsx bench/scheduler.bench.ts
 */
import * as E from 'fp-ts/lib/Either.js';
import v8 from 'node:v8';
import vm from 'node:vm';
import { measure, report } from './harness.js';
import { makeRng } from '../src/core/rng.js';
import {
  buildSimulation,
  explicitClass,
  initialState,
  makeTraffic,
  runTick,
  schedulerStep,
} from '../src/scheduler/index.js';
import type { EngineSink, SchedulerState, BuiltSimulation } from '../src/scheduler/index.js';

function scenario(ues: number): Record<string, unknown> {
  const per = Math.max(1, Math.round(ues / 4));
  return {
    name: `bench ${ues} UEs`,
    policy: 'edf+preemption',
    link: { bandwidthMHz: 100, allowedMu: [1], ueCapability: 2 },
    carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] },
    classes: [
      explicitClass({ id: 'features', direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 16, maxTransmissions: 2, nPrb: 200 }),
      explicitClass({ id: 'commands', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 9, maxTransmissions: 4, nPrb: 100 }),
      explicitClass({ id: 'uav', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 8 }),
      explicitClass({ id: 'pose', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 4, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 40 }),
    ],
    services: [
      { service: 'v2x.cooperative_perception_features', ueCount: per, class: 'features' },
      { service: 'v2x.remote_driving_commands', ueCount: per, class: 'commands' },
      { service: 'uav.c2_stick', ueCount: per, class: 'uav' },
      { service: 'xr.pose_ul', ueCount: per, class: 'pose' },
    ],
  };
}

const sink: EngineSink = {
  arrival: () => {},
  grant: () => {},
  preempted: () => {},
  harq: () => {},
  delivered: () => {},
  dropped: () => {},
  slot: () => {},
  cgUnused: () => {},
};

function built(ues: number): BuiltSimulation {
  const b = buildSimulation(scenario(ues));
  if (E.isLeft(b)) throw new Error(b.left.message);
  return b.right;
}

function engine(ues: number): { state: SchedulerState; tick: (i: number) => number } {
  const b = built(ues);
  const st = initialState({ ...b.config, channelSeed: 1 });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(1));
  const rng = makeRng(2);
  const { config, data } = st.right;
  return {
    state: st.right,
    tick: () => {
      runTick(config, data, traffic.next(data.tick), rng, sink);
      return data.inflight.length;
    },
  };
}

const e100 = engine(100);
const e10 = engine(10);
const pure = engine(100);
let pureState = pure.state;
let pureRng = makeRng(3);
const pureTraffic = makeTraffic(built(100).inputs.traffic, pure.state.config.grid.baseSymbolMs, makeRng(1));

const results = [
  measure('runTick, 10 UEs (baseline)', e10.tick, 20_000, 5),
  measure('runTick, 100 UEs / 4 services', e100.tick, 20_000, 5),
  measure('step (pure facade), 100 UEs', () => {
    const r = schedulerStep(pureState, pureTraffic.next(pureState.data.tick), pureRng);
    pureState = r.state;
    pureRng = r.rng;
    return r.grants.length;
  }, 500, 3),
];
report(results, 'runTick, 10 UEs (baseline)');
const r100 = results[1]!;
// CPU time per step (this machine may be shared): the single-core figure without waiting for the CPU.
const e100b = engine(100);
for (let i = 0; i < 5000; i++) e100b.tick(i);
const c0 = process.cpuUsage();
const w0 = process.hrtime.bigint();
for (let i = 0; i < 20_000; i++) e100b.tick(i);
const cpu = process.cpuUsage(c0);
const wallNs = Number(process.hrtime.bigint() - w0);
const cpuNs = (cpu.user + cpu.system) * 1000;
process.stdout.write(
  `slot steps per second, 100 UEs: ${Math.round(r100.opsPerSec).toLocaleString('en-US')} wall-clock, ` +
    `${Math.round(20_000 / (cpuNs / 1e9)).toLocaleString('en-US')} per CPU-second (CPU share ${(cpuNs / wallNs).toFixed(2)}; target >= 100,000 on one core)\n`,
);

// Memory per simulated UE: heap growth of an engine with 2,000 UEs after 2,000 slots, over 0 UEs.
v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapWith(ues: number): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const e = ues > 0 ? engine(ues) : null;
  for (let i = 0; i < 2000 && e !== null; i++) e.tick(i);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (e !== null && e.state.data.tick < 0) process.stdout.write('');
  return after - before;
}
const m4 = heapWith(4);
const m2000 = heapWith(2000);
process.stdout.write(`memory per simulated UE: ${((m2000 - m4) / 1996 / 1024).toFixed(2)} KiB (heap growth, 2,000 UEs vs 4 after 2,000 slots)\n`);
