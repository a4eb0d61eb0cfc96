/**
 * Design question: a teleoperated robot sends haptic samples (1 kHz, 12-48 B, 4 ms, 1e-5) and
 * split-DNN camera features (ResNet-18 layer3, 19 ms, 1e-4) uplink and receives driving commands
 * downlink (4 ms, 1e-5). A gNB configures few profiles: what does it cost to serve all three
 * with 2 class templates instead of one class per service?
 *
 * 1. On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control
 *    errors) the honest answer is that only the driving commands are served: the haptic samples are
 *    latency-bound (one UL slot + 2 UL symbols per 2.5 ms leave too few transmissions in 4 ms at 1e-5)
 *    and the features are throughput-bound (the UL share of the TDD pattern). The example prints the
 *    binding constraint and the planner's relaxations of each.
 * 2. Then, under a stated assumption change — a free 100 MHz FR1 FDD carrier (`band: 'none'`, not a
 *    deployable channel) with independent HARQ fading across transmissions — all three are served, and
 *    the price of sharing 2 templates instead of 3 is measured there (`deriveClasses` K = 3 and K = 2,
 *    each service re-verified on its template).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { type LinkContext, type ServiceProfile, defaultLink, deriveClasses, plan, serviceById, verify } from '../src/index.js';
import { freeFddLink } from '../src/classes/link.js';
import { formatNumber, textTable } from '../src/report/table.js';
import { check } from './check.js';

const IDS = ['teleop.haptic_feedback', 'teleop.uplink_features', 'v2x.remote_driving_commands'] as const;

/** The stated alternative: free 100 MHz FR1 FDD carrier, HARQ transmissions fading independently (control errors kept). */
export const ALTERNATIVE_LINK: LinkContext = { ...freeFddLink, harqFading: 'independent' };
const ALTERNATIVE = "free 100 MHz FR1 FDD carrier (band 'none', not a deployable channel) with harqFading 'independent'";

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const svcs: ServiceProfile[] = IDS.map((id) => {
    const s = serviceById(id);
    check(O.isSome(s), `catalogue has ${id}`);
    return s.value;
  });
  const result: Record<string, unknown> = {};

  // 1. The default link: what is served, what is not and why
  log('On the default link (n78, TDD DDDSU 10D:2G:2U, 100 MHz, 30 kHz, correlated HARQ fading, control errors):');
  const infeasibleOnDefault: Record<string, string> = {};
  for (const s of svcs) {
    const p = plan(s, defaultLink);
    if (E.isRight(p)) {
      check(verify(p.right, s, defaultLink).pass, `${s.id}: the default-link class passes verify`);
      log(`  ${s.id}: served by ${p.right.id}`);
    } else {
      infeasibleOnDefault[s.id] = p.left.binding;
      const relax = p.left.relaxations.map((r) => r.description).join('; ') || 'none found';
      log(`  ${s.id}: INFEASIBLE, binding ${p.left.binding}: ${p.left.message}; relaxations: ${relax}`);
    }
  }
  check(infeasibleOnDefault['teleop.haptic_feedback'] === 'latency', 'default: haptic feedback is infeasible, latency-bound');
  check(infeasibleOnDefault['teleop.uplink_features'] === 'throughput', 'default: the uplink features are infeasible, throughput-bound');
  check(infeasibleOnDefault['v2x.remote_driving_commands'] === undefined, 'default: the driving commands are served');
  const dcp = deriveClasses(svcs, defaultLink, { maxClasses: 3 });
  check(dcp.unserved.map((u) => u.serviceId).sort().join(',') === 'teleop.haptic_feedback,teleop.uplink_features', 'default: deriveClasses leaves exactly haptic and features unserved');
  log(`  deriveClasses (K = 3): ${dcp.classes.length} template(s), ${dcp.unserved.length} of 3 services unserved — the robot cannot be teleoperated on this carrier as specified.`);
  result['defaultUnserved'] = dcp.unserved.length;

  // 2. The stated alternative link: all three served; price of sharing
  log(`Assumption change: ${ALTERNATIVE}.`);
  for (const K of [3, 2]) {
    const cp = deriveClasses(svcs, ALTERNATIVE_LINK, { maxClasses: K });
    check(cp.unserved.length === 0, `alternative, K=${K}: every teleoperation service is served (${cp.unserved.map((u) => u.reason).join('; ')})`);
    check(cp.classes.length <= K, `K=${K}: at most K templates`);
    const rows = cp.assignments.map((a) => {
      const c = cp.classes.find((x) => x.id === a.classId);
      const s = svcs.find((x) => x.id === a.serviceId);
      check(c !== undefined && s !== undefined, 'assignment refers to a known class and service');
      const v = verify(c, s, ALTERNATIVE_LINK);
      check(v.pass, `K=${K}: ${s.id} verifies on ${c.id}`);
      return { service: s.id, classId: c.id, penalty: a.sharingPenaltyRePerSecond, eps: v.epsilonAchieved };
    });
    log(`K = ${K}: ${cp.classes.length} templates, total ${formatNumber(cp.totalRePerSecond, 4)} RE/s (${cp.method})`);
    log(
      textTable(rows, [
        { key: 'service', header: 'service', get: (r) => r.service },
        { key: 'classId', header: 'class', get: (r) => r.classId },
        { key: 'penalty', header: 'sharing cost RE/s', get: (r) => Math.round(r.penalty) },
      ]),
    );
    result[`K${K}`] = cp.totalRePerSecond;
  }
  const k2 = result['K2'] as number;
  const k3 = result['K3'] as number;
  check(k2 >= k3 * (1 - 1e-9), 'fewer templates never cost less');
  log(`On the alternative link, sharing 2 templates costs ${formatNumber((k2 / k3 - 1) * 100, 3)} % more radio resources than 3.`);
  return result;
}
