/**
 * plan() per catalogue service on the default link (issue 5 acceptance: target ≤ 5 ms median).
 * Cold = first plan in the process (includes the BLER model's lazily filled tables); warm = a
 * second plan on a link whose SNR differs by 1e-9 dB (no memo hits, warm JIT and model tables).
 */
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, plan } from '../src/classes/index.js';
import { services } from '../src/services/catalogue.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const runs: Record<string, number[]> = { cold: [], warm: [], memo: [] };
for (const [pass, link] of [
  ['cold', defaultLink],
  ['warm', { ...defaultLink, snrDb: defaultLink.snrDb + 1e-9 }],
  ['memo', defaultLink],
] as const) {
  for (const s of services) {
    const t0 = performance.now();
    const r = plan(s, link, { relaxations: false });
    const ms = performance.now() - t0;
    runs[pass]!.push(ms);
    if (pass === 'warm') process.stdout.write(`${s.id.padEnd(40)} ${ms.toFixed(1).padStart(9)} ms  ${E.isRight(r) ? r.right.id : `infeasible (${r.left.binding})`}\n`);
  }
}
for (const k of ['cold', 'warm', 'memo']) {
  process.stdout.write(`plan ${k}: median ${median(runs[k]!).toFixed(1)} ms, max ${Math.max(...runs[k]!).toFixed(1)} ms over ${services.length} services\n`);
}
