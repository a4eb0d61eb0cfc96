/**
 * Design question: how many UAVs of a surveillance swarm can stream split-DNN video features
 * uplink (VGG-16 pool5 at 1080p, int8 10:1, 19 ms budget, 1e-3) on a 100 MHz FR1 carrier — all
 * of them at once, frame-synchronous, each within its own deadline?
 *
 * The answer comes from the system check (spec/system.md): `deriveSystem` plans the class (capped
 * to fewer PRBs for more TTIs when that admits more UAVs), sizes the bandwidth part and admits UAVs;
 * `verifySystem` proves it (every admitted UAV meets 1e-3 on the shared carrier) and shows that one
 * more UAV fails. Then the slot simulator runs exactly that plan and must agree.
 * (The mean load alone — "the uplink is 94 % busy" — says nothing about 8 UAVs sending 100 kB each in
 * the same 19 ms: that is what the peak check is for.)
 *
 * On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control errors)
 * the answer is 0: one UAV's 101 kB in 19 ms needs 42.7 Mbit/s and the UL share of the TDD pattern gives at
 * most 39.4 Mbit/s (throughput-bound); `verifySystem` admits no UAV and the example prints the planner's
 * relaxations. Under a stated assumption change — a free 100 MHz FR1 FDD carrier (`band: 'none'`, not a
 * deployable channel) with independent HARQ fading — the same system check admits a few UAVs, one more
 * fails, and the simulation of that plan agrees.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { type LinkContext, type ServiceProfile, defaultLink, plan, serviceById } from '../src/index.js';
import { freeFddLink } from '../src/classes/link.js';
import { deriveSystem, verifySystem } from '../src/system/index.js';
import { simulateSystemPlan } from '../src/scheduler/fromPlan.js';
import { formatNumber } from '../src/report/table.js';
import { check } from './check.js';

/** The stated alternative: free 100 MHz FR1 FDD carrier, HARQ transmissions fading independently (control errors kept). */
export const ALTERNATIVE_LINK: LinkContext = { ...freeFddLink, harqFading: 'independent' };
const ALTERNATIVE = "free 100 MHz FR1 FDD carrier (band 'none', not a deployable channel) with harqFading 'independent'";

interface Fit {
  readonly classId: string | null;
  readonly uavs: number;
  readonly epsilonBound: number | null;
  readonly simulatedMissRatio: number | null;
}

/** How many UAVs fit on `link`: deriveSystem's plan, re-checked by verifySystem (n fit, n + 1 fail), then simulated. */
function fitOn(swarm: ServiceProfile, link: LinkContext, log: (line: string) => void, slots: number): Fit {
  const asked = swarm.ueCount ?? 1;
  const r = deriveSystem([swarm], link, { maxClasses: 1 });
  check(r.verdict.pass, `the derived plan passes the system check: ${r.verdict.reasons.join('; ')}`);
  const again = verifySystem(r.plan, [swarm], link);
  check(again.pass, `verifySystem passes the derived plan again: ${again.reasons.join('; ')}`);
  const v = again.services[0]!;
  const n = v.admittedUes;
  check(n === r.plan.services[0]!.admittedUes, 'verifySystem counts the UAVs the plan admits');
  if (n === 0) {
    const p = plan({ ...swarm, ueCount: 1 }, link);
    check(E.isLeft(p), 'no UAV fits only when not even one UAV has a class');
    log(`0 of ${asked} UAVs fit (verifySystem: ${v.reasons.join('; ')}): not even one UAV has a class; binding ${p.left.binding}: ${p.left.message}`);
    log(`  relaxations for one UAV: ${p.left.relaxations.map((x) => x.description).join('; ') || 'none found'}`);
    return { classId: null, uavs: 0, epsilonBound: null, simulatedMissRatio: null };
  }
  const sp = r.plan.services[0]!;
  const bwp = again.bwps[0]!;
  log(`class ${sp.classId} on ${bwp.id} (${bwp.nPrb} PRB): ${n} of ${asked} UAVs admitted${(sp.tdmGroups ?? 1) > 1 ? ` in ${sp.tdmGroups} TDM windows` : ''}; each UAV ${v.widthPrb} PRB, peak ${bwp.peakPrb.UL} PRB; P(miss) ≤ ${v.epsilonAchieved.toExponential(2)} (target ${swarm.epsilon}).`);
  if (n < asked) {
    const more = { ...r.plan, services: [{ ...sp, admittedUes: n + 1 }] };
    const vm = verifySystem(more, [swarm], link);
    check(!vm.pass, 'one more UAV fails the system check');
    log(`${n + 1} UAVs: ${vm.services[0]?.reasons.join('; ') ?? ''}`);
  }
  const sim = simulateSystemPlan(r.plan, [swarm], link, { slots, seed: 1 });
  check(E.isRight(sim), `simulation runs: ${E.isLeft(sim) ? sim.left.message : ''}`);
  const s = sim.right.services[swarm.id];
  check(s !== undefined, 'the simulation reports the swarm');
  check(s.missCi.lower <= swarm.epsilon, `the simulation agrees: miss ratio ${s.missRatio} [${s.missCi.lower}, ${s.missCi.upper}] vs ${swarm.epsilon}`);
  log(`simulated ${slots} slots: miss ratio ${formatNumber(s.missRatio, 3)} [${formatNumber(s.missCi.lower, 3)}, ${formatNumber(s.missCi.upper, 3)}] over ${s.packets} frames — agrees with the bound.`);
  return { classId: sp.classId, uavs: n, epsilonBound: v.epsilonAchieved, simulatedMissRatio: s.missRatio };
}

export async function main(log: (line: string) => void = console.log, slots = 4000): Promise<Record<string, unknown>> {
  const base = serviceById('uav.video_features_ul');
  check(O.isSome(base), 'catalogue has uav.video_features_ul');
  const swarm = { ...base.value, ueCount: 12 };

  log('On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control errors):');
  const onDefault = fitOn(swarm, defaultLink, log, slots);
  check(onDefault.uavs === 0, `default link: no UAV fits (throughput-bound), got ${onDefault.uavs}`);
  const why = plan({ ...swarm, ueCount: 1 }, defaultLink);
  check(E.isLeft(why) && why.left.binding === 'throughput', 'default link: the binding constraint is throughput');

  log(`Assumption change: ${ALTERNATIVE}.`);
  const alt = fitOn(swarm, ALTERNATIVE_LINK, log, slots);
  check(alt.uavs >= 1, 'on the alternative link at least one UAV fits');
  return { defaultUavs: onDefault.uavs, classId: alt.classId, maxUavs: alt.uavs, epsilonBound: alt.epsilonBound, simulatedMissRatio: alt.simulatedMissRatio };
}
