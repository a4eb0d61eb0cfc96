/**
 * Simulation identity harness (issue 18, target 4): runs a few scheduler scenarios and prints a
 * SHA-256 of (a) the full engine event stream — every EngineSink callback with every field of its
 * arguments, captured when the callback fires — and (b) the report JSON of `simulate` /
 * `runSimulation`, plus (c) the pure `step` facade's grants and events over a few ticks. Speed work
 * on src/scheduler must leave every line of its output unchanged:
 *
 *   npx tsx scripts/sim-hash.ts > /tmp/before.txt   # on the baseline
 *   npx tsx scripts/sim-hash.ts > /tmp/after.txt    # after the change
 *   diff /tmp/before.txt /tmp/after.txt             # must be empty
 *
 * scripts/sim-hash.expected.txt holds the event-stream hashes: `npx tsx scripts/sim-hash.ts | diff -
 * scripts/sim-hash.expected.txt` must print nothing. Recorded first from the code before the issue-18 speed
 * work (commit dd786ee); re-recorded once when `makeRng` began to seed xoroshiro through splitmix32 (every
 * stream changed; with the old seeding the merged code still matched the dd786ee file line for line), and again for issue 14
 * (nr/allocation: the mixed scenario's DL slot class carries 12 PDSCH symbols; E from the payload and the
 * refitted conservative LDPC preset change every block-error draw).
 *
 * Scenarios: examples/scenarios/mixed.json (under six policies); the bench scenario (bench/scheduler.bench.ts) at 10,
 * 100 and 1,000 UEs (1,000 UEs is overloaded: pre-emption and queue drops); a light 1,000-UE
 * scenario (small packets only); a TDD variant of the 100-UE scenario.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { makeRng } from '../src/core/rng.js';
import {
  buildSimulation, explicitClass, initialState, makeTraffic, runSimulation, runTick, simulate, schedulerStep as step,
} from '../src/scheduler/index.js';
import type { DropCause, EngineSink, PacketRec, TxRec } from '../src/scheduler/index.js';

/** Two numerologies: features on a mu = 0 BWP, the rest on mu = 1 (BWP ratio 2 in the engine). */
export function twoMuScenario(ues: number): Record<string, unknown> {
  const base = benchScenario(ues) as { classes: Record<string, unknown>[] } & Record<string, unknown>;
  return {
    ...base,
    name: `bench ${ues} UEs two numerologies`,
    link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [0, 1], ueCapability: 2 },
    carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'a', mu: 0, nPrb: 100 }, { id: 'b', mu: 1, nPrb: 150 }] },
    // the features class rebuilt at mu 0 and 80 PRBs (its TBS recomputed: a copy with only nPrb changed is refused by the scenario check)
    classes: base.classes.map((c) => (c['id'] === 'features' ? explicitClass({ id: 'features', direction: 'UL', mu: 0, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 16, maxTransmissions: 2, nPrb: 80 }) : c)),
  };
}

export function benchScenario(ues: number, opts: { light?: boolean; tdd?: boolean } = {}): Record<string, unknown> {
  const per = Math.max(1, Math.round(ues / 4));
  const services = [
    { service: 'v2x.cooperative_perception_features', ueCount: per, class: 'features' },
    { service: 'v2x.remote_driving_commands', ueCount: per, class: 'commands' },
    { service: 'uav.c2_stick', ueCount: opts.light === true ? 2 * per : per, class: 'uav' },
    { service: 'xr.pose_ul', ueCount: opts.light === true ? 2 * per : per, class: 'pose' },
  ];
  return {
    name: `bench ${ues} UEs${opts.light === true ? ' light' : ''}${opts.tdd === true ? ' TDD' : ''}`,
    policy: 'edf+preemption',
    link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [1], ueCapability: 2 },
    carrier: opts.tdd === true
      ? { duplex: 'TDD', tddPattern: 'DDDSU', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] }
      : { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] },
    classes: [
      explicitClass({ id: 'features', direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 16, maxTransmissions: 2, nPrb: 200 }),
      explicitClass({ id: 'commands', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 9, maxTransmissions: 4, nPrb: 100 }),
      explicitClass({ id: 'uav', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 8 }),
      explicitClass({ id: 'pose', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 4, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 40 }),
    ],
    services: opts.light === true ? services.slice(2) : services,
  };
}

const txStr = (t: TxRec): string =>
  `${t.id},${t.packet.id},${t.tb},${t.flow},${t.ue},${t.dir},${t.cls},${t.txNo},${t.harq},${t.bwp},${t.plane},${t.slot},${t.startSymbol},${t.lenSymbols},${t.prb0},${t.nPrb},${t.start},${t.end},${t.cells},${t.punctured},${t.snrSumBefore},${t.kind},${t.preempting}`;
const pStr = (p: PacketRec): string =>
  `${p.id},${p.flow},${p.arrival},${p.deadline},${p.sizeBytes},${p.nTb},${p.tbsBits},${p.nPrb},${p.nextTb},${p.open},${p.status}`;

/** Hashes every callback with all fields of its arguments. */
export class HashSink implements EngineSink {
  readonly h: Hash = createHash('sha256');
  events = 0;
  private put(s: string): void {
    this.h.update(s);
    this.h.update('\n');
    this.events++;
  }
  arrival(p: PacketRec): void { this.put(`A ${pStr(p)}`); }
  grant(tx: TxRec): void { this.put(`G ${txStr(tx)}`); }
  preempted(v: TxRec, by: TxRec, cells: number): void { this.put(`P ${txStr(v)} ${txStr(by)} ${cells}`); }
  harq(tx: TxRec, ack: boolean, time: number): void { this.put(`H ${txStr(tx)} ${ack} ${time}`); }
  delivered(p: PacketRec, time: number): void { this.put(`D ${pStr(p)} ${time}`); }
  dropped(p: PacketRec, cause: DropCause, time: number): void { this.put(`X ${pStr(p)} ${cause} ${time}`); }
  slot(bwp: number, dl: number, ul: number): void { this.put(`S ${bwp} ${dl} ${ul}`); }
  cgUnused(flow: number, cells: number): void { this.put(`C ${flow} ${cells}`); }
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function engineStream(name: string, scenario: unknown, ticks: number): string {
  const b = buildSimulation(scenario);
  if (E.isLeft(b)) throw new Error(`${name}: ${b.left.message}`);
  const st = initialState({ ...b.right.config, channelSeed: 1 });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(1));
  const rng = makeRng(2);
  const sink = new HashSink();
  const { config, data } = st.right;
  for (let k = 0; k < ticks; k++) runTick(config, data, traffic.next(data.tick), rng, sink);
  const state = `${data.tick} ${data.nextPacketId} ${data.nextTxId} ${data.inflight.map(txStr).join(';')}`;
  const run = runSimulation(b.right.config, b.right.inputs, { slots: ticks, seed: 5 });
  if (E.isLeft(run)) throw new Error(run.left.message);
  return `${name.padEnd(26)} ticks ${ticks} events ${sink.events} stream ${sink.h.digest('hex').slice(0, 24)} state ${sha(state).slice(0, 16)} report ${sha(JSON.stringify(run.right)).slice(0, 24)}`;
}

function pureStream(name: string, scenario: unknown, ticks: number): string {
  const b = buildSimulation(scenario);
  if (E.isLeft(b)) throw new Error(b.left.message);
  const st = initialState({ ...b.right.config, channelSeed: 3 });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(4));
  let state = st.right;
  let rng = makeRng(6);
  const h = createHash('sha256');
  for (let k = 0; k < ticks; k++) {
    const r = step(state, traffic.next(state.data.tick), rng);
    h.update(JSON.stringify(r.grants));
    h.update(JSON.stringify(r.events));
    state = r.state;
    rng = r.rng;
  }
  return `${name.padEnd(26)} ticks ${ticks} pure step ${h.digest('hex').slice(0, 24)}`;
}

if (process.argv[1]?.endsWith("sim-hash.ts")) main();
function main(): void {
const mixed = JSON.parse(readFileSync(new URL('../examples/scenarios/mixed.json', import.meta.url), 'utf8')) as unknown;
const lines: string[] = [];
const t0 = process.cpuUsage();
const rep = simulate(mixed, { slots: 4000, seed: 11 });
if (E.isLeft(rep)) throw new Error(rep.left.message);
lines.push(`mixed.json simulate         slots 4000 report ${sha(JSON.stringify(rep.right)).slice(0, 24)}`);
lines.push(engineStream('mixed.json', mixed, 4000));
lines.push(engineStream('bench 10 UEs', benchScenario(10), 4000));
lines.push(engineStream('bench 100 UEs', benchScenario(100), 3000));
lines.push(engineStream('bench 100 UEs TDD', benchScenario(100, { tdd: true }), 3000));
lines.push(engineStream('bench 1000 UEs light', benchScenario(1000, { light: true }), 1000));
lines.push(engineStream('bench 100 UEs two mu', twoMuScenario(100), 3000));
const cg = benchScenario(100) as { classes: Record<string, unknown>[] } & Record<string, unknown>;
lines.push(engineStream('bench 100 UEs UL configured', { ...cg, classes: cg.classes.map((c) => (c['direction'] === 'UL' ? { ...c, grant: 'configured' } : c)) }, 3000));
for (const policy of ['edf', 'priority', 'pf', 'priority+preemption', 'pf+preemption']) {
  lines.push(engineStream(`mixed.json ${policy}`, { ...(mixed as Record<string, unknown>), policy }, 3000));
}
lines.push(engineStream('bench 1000 UEs overloaded', benchScenario(1000), 600));
lines.push(pureStream('mixed.json', mixed, 300));
lines.push(pureStream('bench 100 UEs', benchScenario(100), 200));
process.stdout.write(`${lines.join('\n')}\n`);
const c = process.cpuUsage(t0);
process.stderr.write(`sim-hash: ${((c.user + c.system) / 1e6).toFixed(1)} s CPU\n`);
}
