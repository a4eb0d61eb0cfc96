/**
 * Interleaved before/after timing of the slot engine (issue 18 target 4): loads the scheduler of a
 * baseline source tree and of this checkout in ONE process, builds the same scenario with the same
 * seeds in each, and times `runTick` in alternating rounds (process CPU time per step, best and
 * median of the rounds; load average printed). Both engines are fed the same traffic and their event
 * counts are compared (the full identity check is scripts/sim-hash.ts).
 *
 *   git archive <commit> src | tar -x -C .ab-base    # a directory inside the checkout (node_modules resolves)
 *   npx tsx bench/scheduler-ab.ts .ab-base [rounds=5] [scale=1] [only]    # scale multiplies the steps per round; only: run the cases whose label contains it
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchScenario } from '../scripts/sim-hash.js';

type Mod = Record<string, (...a: never[]) => unknown>;
const baseDir = process.argv[2];
if (baseDir === undefined) {
  process.stderr.write('usage: npx tsx bench/scheduler-ab.ts <baseline dir with src/> [rounds]\n');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 5);
const scale = Number(process.argv[4] ?? 1);
const only = process.argv[5];
const load = async (root: string): Promise<{ sched: Mod; rng: Mod }> => ({
  sched: (await import(pathToFileURL(resolve(root, 'src/scheduler/index.ts')).href)) as Mod,
  rng: (await import(pathToFileURL(resolve(root, 'src/core/rng.ts')).href)) as Mod,
});
const A = await load(baseDir);
const B = await load(resolve(import.meta.dirname, '..'));

interface Eng { tick: () => void; events: () => number }
function engine(m: { sched: Mod; rng: Mod }, scenario: unknown): Eng {
  const S = m.sched as unknown as Record<string, (...a: unknown[]) => unknown>;
  const R = m.rng as unknown as Record<string, (...a: unknown[]) => unknown>;
  const b = S['buildSimulation']!(scenario) as { _tag: string; right: { config: Record<string, unknown>; inputs: { traffic: unknown } } };
  if (b._tag !== 'Right') throw new Error('scenario');
  const st = S['initialState']!({ ...b.right.config, channelSeed: 1 }) as { _tag: string; right: { config: { grid: { baseSymbolMs: number } }; data: { tick: number } } };
  if (st._tag !== 'Right') throw new Error('state');
  const traffic = S['makeTraffic']!(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, R['makeRng']!(1)) as { next: (t: number) => unknown };
  const rng = R['makeRng']!(2);
  let n = 0;
  const inc = (): void => { n++; };
  const sink = { arrival: inc, grant: inc, preempted: inc, harq: inc, delivered: inc, dropped: inc, slot: () => {}, cgUnused: inc };
  const { config, data } = st.right;
  const runTick = S['runTick']!;
  return { tick: () => { runTick(config, data, traffic.next(data.tick), rng, sink); }, events: () => n };
}

function cpuPerStep(e: Eng, steps: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) e.tick();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / steps; // µs
}

const cases: { label: string; scenario: unknown; warm: number; steps: number }[] = [
  { label: '100 UEs / 4 services', scenario: benchScenario(100), warm: 3000, steps: 8000 },
  { label: '1,000 UEs light (2 svc)', scenario: benchScenario(1000, { light: true }), warm: 300, steps: 600 },
  { label: '1,000 UEs overloaded', scenario: benchScenario(1000), warm: 300, steps: 600 },
];
process.stdout.write(`scheduler A/B: A = ${baseDir}, B = this checkout; ${rounds} interleaved rounds, CPU µs per slot step\n`);
for (const k of cases) {
  if (only !== undefined && !k.label.includes(only)) continue;
  const steps = Math.max(1, Math.round(k.steps * scale));
  const a = engine(A, k.scenario);
  const b = engine(B, k.scenario);
  for (let i = 0; i < k.warm; i++) { a.tick(); b.tick(); }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) { ta.push(cpuPerStep(a, steps)); tb.push(cpuPerStep(b, steps)); }
    else { tb.push(cpuPerStep(b, steps)); ta.push(cpuPerStep(a, steps)); }
  }
  const same = a.events() === b.events();
  const best = (x: number[]): number => Math.min(...x);
  const med = (x: number[]): number => [...x].sort((p, q) => p - q)[x.length >> 1]!;
  const rate = (us: number): string => Math.round(1e6 / us).toLocaleString('en-US');
  process.stdout.write(
    `${k.label.padEnd(26)} A ${best(ta).toFixed(1).padStart(7)} µs (med ${med(ta).toFixed(1)})  B ${best(tb).toFixed(1).padStart(7)} µs (med ${med(tb).toFixed(1)})  ` +
      `A/B ${(best(ta) / best(tb)).toFixed(2)} (med ${(med(ta) / med(tb)).toFixed(2)})  steps/CPU-s A ${rate(best(ta))} B ${rate(best(tb))}  ` +
      `events ${same ? 'equal' : 'DIFFER'}  load ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`,
  );
}
