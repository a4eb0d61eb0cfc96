/**
 * Interleaved A/B timing of two builds of phyclass in one process — the ruler this noisy machine
 * needs (two identical single runs can differ by 2x). Build the baseline in a worktree first:
 *
 *   git worktree add /tmp/base <commit> && (cd /tmp/base && ln -s "$PWD/node_modules" . && npx tsc -p tsconfig.build.json)
 *   npm run build
 *   node scripts/ab-compare.mjs /tmp/base/dist dist [trials=20] [isolated|warm|derive] [wall|cpu]
 *
 * Per trial: plan every catalogue service (isolated: each on its own new link; warm: all on one new
 * link) or deriveClasses once on a new link, with A then B (order alternating); the two builds share
 * no module state. Prints the median and quartiles of the per-trial time ratio B/A. `cpu` times the
 * process's CPU (user + system) instead of wall time: steadier when other jobs share the cores.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distA, distB, trialsArg, modeArg, metricArg] = process.argv.slice(2);
if (distA === undefined || distB === undefined) {
  process.stderr.write('usage: node scripts/ab-compare.mjs <distA> <distB> [trials] [isolated|warm|derive] [wall|cpu]\n');
  process.exit(2);
}
const load = (d, f) => import(pathToFileURL(resolve(d, f)).href);
const A = await load(distA, 'classes/index.js');
const B = await load(distB, 'classes/index.js');
const { services } = await load(distB, 'services/catalogue.js');
const trials = Number(trialsArg ?? 20);
const mode = modeArg ?? 'isolated';
let k = 0;
const link = () => ({ ...A.defaultLink, snrDb: A.defaultLink.snrDb + ++k * 1e-9 });
const cpu = metricArg === 'cpu';
const now = () => {
  if (!cpu) return performance.now();
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const run = (M) => {
  const t0 = now();
  if (mode === 'derive') M.deriveClasses(services, link(), { maxClasses: 4 });
  else {
    const l = mode === 'warm' ? link() : null;
    for (const s of services) M.plan(s, l ?? link(), { relaxations: false });
  }
  return now() - t0;
};
run(A);
run(B);
const ratios = [];
const ta = [];
const tb = [];
for (let i = 0; i < trials; i++) {
  let a;
  let b;
  if (i % 2) {
    b = run(B);
    a = run(A);
  } else {
    a = run(A);
    b = run(B);
  }
  ratios.push(b / a);
  ta.push(a);
  tb.push(b);
}
const q = (xs, p) => [...xs].sort((x, y) => x - y)[Math.floor(p * (xs.length - 1))];
process.stdout.write(
  `${mode}: B/A median ${q(ratios, 0.5).toFixed(3)} (IQR ${q(ratios, 0.25).toFixed(3)}–${q(ratios, 0.75).toFixed(3)}); ` +
    `A median ${q(ta, 0.5).toFixed(1)} ms, B median ${q(tb, 0.5).toFixed(1)} ms per ${mode === 'derive' ? 'derive' : 'catalogue'}\n`,
);
