/**
 * Regenerates the figures of spec/scheduler.md: the mixed scenario (V2X split-DNN features UL,
 * highly dynamic teleoperation commands, teleoperated-driving commands, UAV C2, XR split
 * rendering) for 100,000 slots under each policy, per-service miss ratios with Wilson 95 %
 * intervals, with priorities from TS 23.501 5QI priority levels and with urgency-ordered
 * priorities. Run: npx tsx test/scheduler/figures.ts [slots] > /tmp/figures.md
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, mixedScenario, policyByName, simulateBuilt } from '../../src/scheduler/index.js';
import type { PolicyName, ScenarioReport } from '../../src/scheduler/index.js';

const slots = Number(process.argv[2] ?? 100_000);
const seed = 1;
const policies: PolicyName[] = ['priority', 'edf', 'pf', 'priority+preemption', 'edf+preemption'];
const fmt = (x: number): string => (x === 0 ? '0' : x.toExponential(2));

function table(title: string, classOptions: Record<string, { priority: number }> | null): void {
  const sc = mixedScenario({ policy: 'priority', slots });
  const b = buildSimulation(classOptions === null ? sc : { ...sc, classOptions });
  if (E.isLeft(b)) throw new Error(b.left.message);
  const reports: ScenarioReport[] = [];
  for (const p of policies) {
    const pol = policyByName(p);
    if (E.isLeft(pol)) throw new Error(pol.left.message);
    const t0 = performance.now();
    const r = simulateBuilt({ ...b.right, config: { ...b.right.config, policy: pol.right } }, { seed, slots });
    if (E.isLeft(r)) throw new Error(r.left.message);
    process.stderr.write(`${title} ${p}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    reports.push(r.right);
  }
  const first = reports[0]!;
  process.stdout.write(`\n#### ${title}\n\nClass priority levels: ${first.classInfo.map((c) => `${c.id} ${c.priority}`).join(', ')}.\n\n`);
  process.stdout.write(`| service | epsilon | ${policies.join(' | ')} |\n|---|---|${policies.map(() => '---').join('|')}|\n`);
  for (let i = 0; i < first.services.length; i++) {
    const s = first.services[i]!;
    const cells = reports.map((r) => {
      const x = r.services[i]!;
      return `${fmt(x.missRatio)} [${fmt(x.missCi.lower)}, ${fmt(x.missCi.upper)}]`;
    });
    process.stdout.write(`| ${s.id} (n=${s.decided}) | ${s.epsilon ?? '-'} | ${cells.join(' | ')} |\n`);
  }
  process.stdout.write(`| DL PRB utilisation | | ${reports.map((r) => r.utilisation[0]!.dlUsedRatio.toFixed(3)).join(' | ')} |\n`);
  process.stdout.write(`| pre-emptions | | ${reports.map((r) => String(r.preemptions)).join(' | ')} |\n`);
  process.stdout.write(`| teleop p50 / p99 latency (ms) | | ${reports.map((r) => `${r.services[1]!.latencyMs.p50.ms?.toFixed(2)} / ${r.services[1]!.latencyMs.p99.ms?.toFixed(2)}`).join(' | ')} |\n`);
  process.stdout.write(`| XR p50 / p99 latency (ms) | | ${reports.map((r) => `${r.services[4]!.latencyMs.p50.ms?.toFixed(2)} / ${r.services[4]!.latencyMs.p99.ms?.toFixed(2)}`).join(' | ')} |\n`);
}

process.stdout.write(`Mixed scenario, ${slots.toLocaleString('en-US')} slots (${slots / 2000} s at 30 kHz), seed ${seed}: miss ratio (not delivered within the radio budget) [Wilson 95 %].\n`);
table('A. Priority levels from TS 23.501 5QIs (default)', null);
table('B. Priority levels ordered by urgency (operator configuration)', {
  'teleop-cmd': { priority: 1 },
  'urllc-cmd': { priority: 2 },
  'xr-video': { priority: 3 },
  'ul-features': { priority: 3 },
  'uav-c2': { priority: 4 },
});
