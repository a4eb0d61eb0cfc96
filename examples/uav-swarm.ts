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
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { serviceById, decodeLinkContext } from '../src/index.js';

/**
 * The link of this example: a free 100 MHz FR1 FDD carrier (`band: 'none'`), on which its figures were
 * derived. It is not a deployable channel (100 MHz FR1 channels are unpaired); on the default link (n78,
 * TDD DDDSU, 30 kHz) several of these services are infeasible — spec/assumptions.md §3 says which and why.
 */
const FREE_FDD = decodeLinkContext({ band: 'none', duplex: 'FDD' });
if (FREE_FDD._tag === 'Left') throw new Error(FREE_FDD.left.message);
const fddLink = FREE_FDD.right;
import { deriveSystem, verifySystem } from '../src/system/index.js';
import { simulateSystemPlan } from '../src/scheduler/fromPlan.js';
import { formatNumber } from '../src/report/table.js';
import { check } from './check.js';

export async function main(log: (line: string) => void = console.log, slots = 4000): Promise<Record<string, unknown>> {
  const base = serviceById('uav.video_features_ul');
  check(O.isSome(base), 'catalogue has uav.video_features_ul');
  const asked = 12;
  const swarm = { ...base.value, ueCount: asked };
  const r = deriveSystem([swarm], fddLink, { maxClasses: 1 });
  check(r.verdict.pass, `the derived plan passes the system check: ${r.verdict.reasons.join('; ')}`);
  const sp = r.plan.services[0]!;
  const n = sp.admittedUes;
  check(n >= 1, 'at least one UAV fits');
  const v = r.verdict.services[0]!;
  const bwp = r.verdict.bwps[0]!;
  log(`class ${sp.classId} on ${bwp.id} (${bwp.nPrb} PRB): ${n} of ${asked} UAVs admitted${(sp.tdmGroups ?? 1) > 1 ? ` in ${sp.tdmGroups} TDM windows` : ''}; each UAV ${v.widthPrb} PRB, peak ${bwp.peakPrb.UL} PRB; P(miss) ≤ ${v.epsilonAchieved.toExponential(2)} (target ${swarm.epsilon}).`);
  if (n < asked) {
    const more = { ...r.plan, services: [{ ...sp, admittedUes: n + 1 }] };
    const vm = verifySystem(more, [swarm], fddLink);
    check(!vm.pass, 'one more UAV fails the system check');
    log(`${n + 1} UAVs: ${vm.services[0]?.reasons.join('; ') ?? ''}`);
  }
  const sim = simulateSystemPlan(r.plan, [swarm], fddLink, { slots, seed: 1 });
  check(E.isRight(sim), `simulation runs: ${E.isLeft(sim) ? sim.left.message : ''}`);
  const s = sim.right.services[swarm.id];
  check(s !== undefined, 'the simulation reports the swarm');
  check(s.missCi.lower <= swarm.epsilon, `the simulation agrees: miss ratio ${s.missRatio} [${s.missCi.lower}, ${s.missCi.upper}] vs ${swarm.epsilon}`);
  log(`simulated ${slots} slots: miss ratio ${formatNumber(s.missRatio, 3)} [${formatNumber(s.missCi.lower, 3)}, ${formatNumber(s.missCi.upper, 3)}] over ${s.packets} frames.`);
  return { classId: sp.classId, maxUavs: n, epsilonBound: v.epsilonAchieved, simulatedMissRatio: s.missRatio };
}
