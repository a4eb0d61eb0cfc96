/**
 * What planning for slower UEs would cost (spec/assumptions.md §6, the table "What planning at the slower
 * speed would cost"): the catalogue planned by `deriveSystem` on the default link with every UE at
 * min(its catalogue speed, v) km/h, then exactly that plan simulated at the same speeds (the referee), for
 * v = the catalogue's own speeds, 30, 3 and 0.5 km/h.
 *
 *   npx tsx scripts/speed-whatif.ts [slots=400000] [seed=9]
 *
 * Prints per v the services and UEs admitted, the services refused, and per admitted service the system
 * bound (`epsilonAchieved`) and the simulated miss ratio with its Wilson 95 % interval; "CONTRADICTED" marks
 * a Wilson lower bound above epsilon. (At slow speeds the Wilson interval is too narrow: misses cluster
 * within a fade, spec/scheduler.md §5; pool several seeds before calling a contradiction.)
 */
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink } from '../src/classes/link.js';
import { services } from '../src/services/catalogue.js';
import { deriveSystem } from '../src/system/derive.js';
import { simulateSystemPlan } from '../src/scheduler/fromPlan.js';

const slots = Number(process.argv[2] ?? 400_000);
const seed = Number(process.argv[3] ?? 9);
for (const speedKmh of [null, 30, 3, 0.5]) {
  const svcs = speedKmh === null
    ? services
    : services.map((s) => ({ ...s, mobility: { speedKmh: Math.min(s.mobility?.speedKmh ?? speedKmh, speedKmh), scenario: `at most ${speedKmh} km/h` } }));
  const r = deriveSystem(svcs, defaultLink, { maxClasses: 4 });
  const admitted = r.verdict.services.filter((v) => v.pass && v.admittedUes > 0);
  const sim = simulateSystemPlan(r.plan, svcs, defaultLink, { slots, seed });
  if (E.isLeft(sim)) {
    process.stdout.write(`simulation failed: ${sim.left.message}\n`);
    process.exit(1);
  }
  const ues = admitted.reduce((a, v) => a + v.admittedUes, 0);
  process.stdout.write(`every UE at ${speedKmh === null ? 'its catalogue speed' : `≤ ${speedKmh} km/h`}: ${admitted.length} services, ${ues} UEs admitted\n`);
  for (const v of admitted) {
    const s = svcs.find((x) => x.id === v.id)!;
    const x = sim.right.services[v.id]!;
    const flag = x.missCi.lower > s.epsilon ? '  CONTRADICTED' : '';
    process.stdout.write(
      `  ${v.id} (${s.mobility?.speedKmh} km/h, ${v.admittedUes} UE): bound ${v.epsilonAchieved.toExponential(1)}, simulated ${x.missRatio.toExponential(1)} [${x.missCi.lower.toExponential(1)}, ${x.missCi.upper.toExponential(1)}] of ${x.packets}, epsilon ${s.epsilon}${flag}\n`,
    );
  }
  const refused = r.verdict.services.filter((v) => !(v.pass && v.admittedUes > 0)).map((v) => v.id);
  process.stdout.write(`  not admitted: ${refused.join(', ')}\n`);
}
