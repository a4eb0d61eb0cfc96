/** deriveClasses on the catalogue (default link): wall time and the classes it shares (target ≤ 1 s). */
import { defaultLink, deriveClasses } from '../src/classes/index.js';
import { services } from '../src/services/catalogue.js';

const K = Number(process.argv[2] ?? 4);
const t0 = performance.now();
const d = deriveClasses(services, defaultLink, { maxClasses: K });
const ms = performance.now() - t0;
for (const a of d.assignments) {
  process.stdout.write(`${a.serviceId.padEnd(40)} ${a.classId.padEnd(44)} penalty ${(a.sharingPenaltyRePerSecond / Math.max(1, a.ownRePerSecond) * 100).toFixed(1)} %\n`);
}
for (const u of d.unserved) process.stdout.write(`${u.serviceId.padEnd(40)} unserved: ${u.reason.slice(0, 100)}\n`);
process.stdout.write(`deriveClasses K=${K}: ${ms.toFixed(0)} ms (${d.method}); ${d.classes.length} classes; load DL ${(d.loadByDirection.DL * 100).toFixed(1)} %, UL ${(d.loadByDirection.UL * 100).toFixed(1)} %\n`);
