/**
 * deriveClasses on the catalogue (default link, K = 4; issue 5 acceptance: target ≤ 1 s): the first
 * call in a fresh process (module initialisation, JIT warm-up, one-time tables, every error vector
 * new), then — the target figure — the median of TRIALS calls on new links in the warm process
 * (error vectors new, JIT and structural caches warm, as in bench/plan.bench.ts).
 */
import { defaultLink, deriveClasses } from '../src/classes/index.js';
import { services } from '../src/services/catalogue.js';

const K = Number(process.argv[2] ?? 4);
const TRIALS = Number(process.env['TRIALS'] ?? 3);
let t0 = performance.now();
const d = deriveClasses(services, defaultLink, { maxClasses: K });
const firstMs = performance.now() - t0;
for (const a of d.assignments) {
  process.stdout.write(`${a.serviceId.padEnd(40)} ${a.classId.padEnd(44)} penalty ${(a.sharingPenaltyRePerSecond / Math.max(1, a.ownRePerSecond) * 100).toFixed(1)} %\n`);
}
for (const u of d.unserved) process.stdout.write(`${u.serviceId.padEnd(40)} unserved: ${u.reason.slice(0, 100)}\n`);
const warm: number[] = [];
for (let t = 1; t <= TRIALS; t++) {
  t0 = performance.now();
  deriveClasses(services, { ...defaultLink, snrDb: defaultLink.snrDb + t * 1e-9 }, { maxClasses: K });
  warm.push(performance.now() - t0);
}
warm.sort((a, b) => a - b);
process.stdout.write(
  `deriveClasses K=${K}: warm process on a new link median ${warm[(warm.length - 1) >> 1]!.toFixed(0)} ms over ${TRIALS} (target ≤ 1 s); first call in a fresh process ${firstMs.toFixed(0)} ms (${d.method}); ` +
    `${d.classes.length} classes; load DL ${(d.loadByDirection.DL * 100).toFixed(1)} %, UL ${(d.loadByDirection.UL * 100).toFixed(1)} %\n`,
);
