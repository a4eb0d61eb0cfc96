/**
 * Design question: a teleoperated robot sends haptic samples (1 kHz, 12-48 B, 4 ms, 1e-5) and
 * split-DNN camera features (ResNet-18 layer3, 19 ms, 1e-4) uplink and receives driving commands
 * downlink (4 ms, 1e-5). A gNB configures few profiles: what does it cost to serve all three
 * with 2 class templates instead of one class per service?
 *
 * Derives the class set with K = 3 and K = 2 (`deriveClasses`), verifies every service on its
 * template, and reports the price of sharing in resource elements per second.
 */
import * as O from 'fp-ts/lib/Option.js';
import { type ServiceProfile, deriveClasses, serviceById, verify, decodeLinkContext } from '../src/index.js';

/**
 * The link of this example: a free 100 MHz FR1 FDD carrier (`band: 'none'`), on which its figures were
 * derived. It is not a deployable channel (100 MHz FR1 channels are unpaired); on the default link (n78,
 * TDD DDDSU, 30 kHz) several of these services are infeasible — spec/assumptions.md §3 says which and why.
 */
const FREE_FDD = decodeLinkContext({ band: 'none', duplex: 'FDD' });
if (FREE_FDD._tag === 'Left') throw new Error(FREE_FDD.left.message);
const fddLink = FREE_FDD.right;
import { formatNumber, textTable } from '../src/report/table.js';
import { check } from './check.js';

const IDS = ['teleop.haptic_feedback', 'teleop.uplink_features', 'v2x.remote_driving_commands'] as const;

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const svcs: ServiceProfile[] = IDS.map((id) => {
    const s = serviceById(id);
    check(O.isSome(s), `catalogue has ${id}`);
    return s.value;
  });
  const result: Record<string, number> = {};
  for (const K of [3, 2]) {
    const cp = deriveClasses(svcs, fddLink, { maxClasses: K });
    check(cp.unserved.length === 0, `K=${K}: every teleoperation service is served (${cp.unserved.map((u) => u.reason).join('; ')})`);
    check(cp.classes.length <= K, `K=${K}: at most K templates`);
    const rows = cp.assignments.map((a) => {
      const c = cp.classes.find((x) => x.id === a.classId);
      const s = svcs.find((x) => x.id === a.serviceId);
      check(c !== undefined && s !== undefined, 'assignment refers to a known class and service');
      const v = verify(c, s, fddLink);
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
  check((result['K2'] ?? 0) >= (result['K3'] ?? Infinity) * (1 - 1e-9), 'fewer templates never cost less');
  log(`Sharing 2 templates costs ${formatNumber(((result['K2'] ?? 0) / (result['K3'] ?? 1) - 1) * 100, 3)} % more radio resources than 3.`);
  return result;
}
