/**
 * Interleaved before/after timing of the planner (issue 18 targets 1–3): loads the planner of a
 * baseline source tree and of this checkout in ONE process (two module graphs, two sets of caches),
 * warms both, then times in alternating rounds, each round on a new link (SNR + k·1e-9 dB, so no
 * error vector is reused from an earlier round; JIT and fading tables warm):
 *  - `plan` of every catalogue service without relaxations (target 1's warm figure: median per plan);
 *  - `deriveSystem` of the catalogue (target 2's warm figure);
 *  - `verify` of every planned class (the exact correlated-fading average, link/correlation);
 *  - `applicationRelaxations` of every catalogue service with a feature source (what `plan` and
 *    `classes` add for an infeasible one; spec/codesign.md §5).
 * Process CPU time (all threads) per call, best and median of the rounds, the ratio A/B, the load
 * average; and the JSON of every answer compared between A and B (equal bytes, or the bench says DIFFER).
 *
 *   git archive <commit> src | tar -x -C .ab-base    # a directory inside the checkout (node_modules resolves)
 *   npx tsx bench/planner-ab.ts .ab-base [rounds=5] [only]    # only: run the jobs whose label contains it
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const baseDir = process.argv[2];
if (baseDir === undefined) {
  process.stderr.write('usage: npx tsx bench/planner-ab.ts <baseline dir with src/> [rounds]\n');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4];

type Fn = (...a: never[]) => unknown;
interface Tree {
  plan: Fn;
  verify: Fn;
  deriveSystem: Fn;
  applicationRelaxations: Fn;
  defaultLink: { snrDb: number } & Record<string, unknown>;
  services: readonly Record<string, unknown>[];
}
const load = async (root: string): Promise<Tree> => {
  const m = async (p: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(resolve(root, p)).href)) as Record<string, unknown>;
  const classes = await m('src/classes/index.ts');
  const system = await m('src/system/derive.ts');
  const cat = await m('src/services/catalogue.ts');
  const app = await m('src/codesign/application.ts');
  return {
    plan: classes['plan'] as Fn,
    verify: classes['verify'] as Fn,
    deriveSystem: system['deriveSystem'] as Fn,
    applicationRelaxations: app['applicationRelaxations'] as Fn,
    defaultLink: classes['defaultLink'] as Tree['defaultLink'],
    services: cat['services'] as Tree['services'],
  };
};
const A = await load(baseDir);
const B = await load(resolve(import.meta.dirname, '..'));

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
interface Job {
  readonly label: string;
  /** Runs the job on `link`; returns [CPU ms per unit, the answers as JSON]. */
  run(t: Tree, link: Record<string, unknown>): [number, string];
}
const call = (f: Fn, ...a: unknown[]): unknown => (f as unknown as (...x: unknown[]) => unknown)(...a);
const jobs: Job[] = [
  {
    label: 'plan (catalogue, per plan)',
    run(t, link) {
      const out: unknown[] = [];
      const t0 = cpuMs();
      for (const s of t.services) out.push(call(t.plan, s, link, { relaxations: false }));
      return [(cpuMs() - t0) / t.services.length, JSON.stringify(out)];
    },
  },
  {
    label: 'deriveSystem (catalogue)',
    run(t, link) {
      const t0 = cpuMs();
      const r = call(t.deriveSystem, t.services, link, { maxClasses: 4 });
      return [cpuMs() - t0, JSON.stringify(r)];
    },
  },
  {
    label: 'verify (planned classes, per call)',
    run(t, link) {
      const planned = t.services
        .map((s) => [s, call(t.plan, s, link, { relaxations: false }) as { _tag: string; right?: unknown }] as const)
        .filter(([, r]) => r._tag === 'Right');
      const out: unknown[] = [];
      const t0 = cpuMs();
      for (const [s, r] of planned) out.push(call(t.verify, r.right, s, link));
      return [(cpuMs() - t0) / Math.max(1, planned.length), JSON.stringify(out)];
    },
  },
  {
    label: 'applicationRelaxations (feature svcs)',
    run(t, link) {
      const out: unknown[] = [];
      const t0 = cpuMs();
      for (const s of t.services) if (s['feature'] !== undefined) out.push(call(t.applicationRelaxations, s, link));
      return [cpuMs() - t0, JSON.stringify(out)];
    },
  },
];

let k = 0;
const newLink = (t: Tree, i: number): Record<string, unknown> => ({ ...t.defaultLink, snrDb: t.defaultLink.snrDb + i * 1e-9 });
process.stdout.write(`planner A/B: A = ${baseDir}, B = this checkout; ${rounds} interleaved rounds, each on a new link; CPU ms\n`);
for (const job of jobs.filter((j) => only === undefined || j.label.includes(only))) {
  // warm-up: one round each (JIT, fading tables)
  const w = ++k;
  job.run(A, newLink(A, w));
  job.run(B, newLink(B, w));
  const ta: number[] = [];
  const tb: number[] = [];
  let same = true;
  for (let r = 0; r < rounds; r++) {
    const i = ++k;
    const [fa, fb] = r % 2 === 0 ? [A, B] : [B, A];
    const x = job.run(fa, newLink(fa, i));
    const y = job.run(fb, newLink(fb, i));
    const [ra, rb] = r % 2 === 0 ? [x, y] : [y, x];
    ta.push(ra[0]);
    tb.push(rb[0]);
    if (ra[1] !== rb[1]) same = false;
  }
  const best = (x: number[]): number => Math.min(...x);
  const med = (x: number[]): number => [...x].sort((p, q) => p - q)[x.length >> 1]!;
  process.stdout.write(
    `${job.label.padEnd(36)} A ${best(ta).toFixed(2).padStart(8)} (med ${med(ta).toFixed(2)})  B ${best(tb).toFixed(2).padStart(8)} (med ${med(tb).toFixed(2)})  ` +
      `A/B ${(best(ta) / best(tb)).toFixed(2)} (med ${(med(ta) / med(tb)).toFixed(2)})  answers ${same ? 'equal' : 'DIFFER'}  load ${loadavg()[0]!.toFixed(2)}\n`,
  );
}
