/**
 * plan() per catalogue service on the default link (issue 5 acceptance: target ≤ 5 ms median).
 * Passes, in one process:
 *  - cold: the first plan of each service in the process (the first one also pays module
 *    initialisation and JIT warm-up); services share error vectors computed by earlier ones;
 *  - isolated: each service on its own link (SNR + k·1e-9 dB): no error vector is shared with any
 *    other plan (warm JIT, warm structural caches: TBS tables, allocations, change points);
 *  - warm: the catalogue again on one new link (SNR + 1e-6 dB): services share vectors;
 *  - memo: the default link again (every error vector memoised).
 */
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, plan } from '../src/classes/index.js';
import { services } from '../src/services/catalogue.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const passes = ['cold', 'isolated', 'warm', 'memo'] as const;
const runs: Record<string, number[]> = { cold: [], isolated: [], warm: [], memo: [] };
for (const pass of passes) {
  services.forEach((s, k) => {
    const link =
      pass === 'isolated' ? { ...defaultLink, snrDb: defaultLink.snrDb + (k + 1) * 1e-9 } : pass === 'warm' ? { ...defaultLink, snrDb: defaultLink.snrDb + 1e-6 } : defaultLink;
    const t0 = performance.now();
    const r = plan(s, link, { relaxations: false });
    const ms = performance.now() - t0;
    runs[pass]!.push(ms);
    if (pass === 'isolated') process.stdout.write(`${s.id.padEnd(40)} ${ms.toFixed(1).padStart(9)} ms  ${E.isRight(r) ? r.right.id : `infeasible (${r.left.binding})`}\n`);
  });
}
for (const k of passes) {
  process.stdout.write(`plan ${k}: median ${median(runs[k]!).toFixed(1)} ms, max ${Math.max(...runs[k]!).toFixed(1)} ms over ${services.length} services\n`);
}
