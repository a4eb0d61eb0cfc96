/**
 * `plan` with relaxations (issue 18 target 3: ≤ 100 ms warm for any catalogue service) and the kernels
 * it spends its time in. CPU time (process.cpuUsage) beside the 1-minute load average.
 *
 * 1. Catalogue, relaxations on (an infeasible service runs its relaxation searches: deadline,
 *    bandwidth, FR2-1, SNR, epsilon — each a bisection of full searches), on each LINK:
 *    - first: the first plan of each service in this process (JIT and caches cold);
 *    - warm (the target figure): the same plan again — JIT, caches and error vectors warm (the
 *      relaxation probes' answers are memoised: a repeated plan runs no search twice);
 *    - warm, searches rerun: the same once more with the probe answers forgotten (every relaxation
 *      search runs, on warm tables);
 *    - isolated: each service on its own new link (SNR + k·1e-9 dB: every error vector new), after
 *      one warm-up pass.
 * 2. Same-process baselines (ratios within this run):
 *    - link/segments: `segmentedMissProbability` of the kernel as it was before issue 18
 *      (bench/segments_baseline.ts) against today's, without and with a `DisplacementTailMemo`, on a
 *      deterministic sweep of planner-like inputs; every answer checked bit for bit (Object.is);
 *    - the search rule 'capacityExit': the costliest relaxation probes (the deadline ×100 searches of
 *      the capacity-bound services) with the rule disabled and enabled.
 *
 *   npx tsx bench/relax.bench.ts [links]     # links: comma list of default,bw20,snr12,awgn8 (default: default,awgn8)
 * The planner's cache is cleared between links (the tables of several links together exceed its
 * bounds; each link's figure is that of a process planning on that link).
 */
import { loadavg } from 'node:os';
import * as E from 'fp-ts/lib/Either.js';
import { defaultPlannerCache } from '../src/classes/cache.js';
import { defaultLink, type LinkContext } from '../src/classes/link.js';
import { makeCtx, planDetailed, searchBest, type PruneRule } from '../src/classes/index.js';
import { DisplacementTailMemo, segmentedMissProbability } from '../src/link/segments.js';
import { services } from '../src/services/catalogue.js';
import { planAnswer } from '../src/cli/commands/plan.js';
import { applicationRelaxations } from '../src/codesign/application.js';
import * as baseline from './segments_baseline.js';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = (): string => loadavg()[0]!.toFixed(2);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const LINKS: Record<string, LinkContext> = {
  default: defaultLink,
  bw20: { ...defaultLink, bandwidthMHz: 20 },
  snr12: { ...defaultLink, snrDb: 12 },
  awgn8: { ...defaultLink, fading: { kind: 'awgn' }, snrDb: 8 },
};
const names = (process.argv[2] ?? 'default,awgn8').split(',').filter((n) => n in LINKS);

// 1. the catalogue with relaxations
for (const name of names) {
  defaultPlannerCache.clear();
  const link = LINKS[name]!;
  const first: number[] = [];
  const warm: number[] = [];
  const searched: number[] = [];
  const rows: string[] = [];
  const la0 = load();
  for (const s of services) {
    let t = cpuMs();
    const r = planDetailed(s, link);
    first.push(cpuMs() - t);
    t = cpuMs();
    planDetailed(s, link);
    warm.push(cpuMs() - t);
    // again with the probe answers forgotten: every relaxation search runs (on warm tables)
    defaultPlannerCache.probes.clear();
    t = cpuMs();
    planDetailed(s, link);
    searched.push(cpuMs() - t);
    const what = E.isRight(r) ? r.right.phyClass.id : `infeasible (${r.left.binding}), ${r.left.relaxations.length} relaxations`;
    rows.push(`  ${s.id.padEnd(40)} first ${first.at(-1)!.toFixed(1).padStart(7)} ms  warm ${warm.at(-1)!.toFixed(1).padStart(6)} ms  warm, searches rerun ${searched.at(-1)!.toFixed(1).padStart(6)} ms  ${what}`);
  }
  let fresh = 0;
  const newLink = (): LinkContext => ({ ...link, snrDb: link.snrDb + ++fresh * 1e-9 });
  for (const s of services) planDetailed(s, newLink());
  const isolated = services.map((s) => {
    const t = cpuMs();
    planDetailed(s, newLink());
    return cpuMs() - t;
  });
  process.stdout.write(`plan with relaxations on the ${name} link (load ${la0} → ${load()}):\n${rows.join('\n')}\n`);
  const worst = services[warm.indexOf(Math.max(...warm))]!.id;
  process.stdout.write(
    `  warm: median ${median(warm).toFixed(1)} ms, max ${Math.max(...warm).toFixed(1)} ms (${worst}) CPU over ${services.length} services (target ≤ 100 ms)\n` +
      `  warm with every relaxation search rerun (probe answers forgotten): median ${median(searched).toFixed(1)} ms, max ${Math.max(...searched).toFixed(1)} ms\n` +
      `  first: median ${median(first).toFixed(1)} ms, max ${Math.max(...first).toFixed(1)} ms; isolated (new link each): median ${median(isolated).toFixed(1)} ms, max ${Math.max(...isolated).toFixed(1)} ms\n`,
  );
}

// 1b. what `phyclass plan <id>` computes (cli/commands/planAnswer): the link relaxations plus, for a
// service with a split-DNN feature, the application-side ones (codesign/application.ts: each probe a
// plan and a verify, whose correlated-fading average is link/correlation correlatedRayleighAverage)
const cliPlan = (s: (typeof services)[number], link: LinkContext): unknown => {
  const a = planAnswer(s, link);
  return a.infeasible !== null && s.feature !== undefined ? applicationRelaxations(s, link) : a;
};
if (names.includes('default')) {
  defaultPlannerCache.clear();
  const first: number[] = [];
  const warm: number[] = [];
  const fresh: number[] = [];
  const la0 = load();
  let k = 0;
  for (const s of services) {
    let t = cpuMs();
    cliPlan(s, defaultLink);
    first.push(cpuMs() - t);
    t = cpuMs();
    cliPlan(s, defaultLink);
    warm.push(cpuMs() - t);
    // on a new link (SNR + k·1e-9 dB): every error vector and probe new, the JIT and the fading memos warm
    t = cpuMs();
    cliPlan(s, { ...defaultLink, snrDb: defaultLink.snrDb + ++k * 1e-9 });
    fresh.push(cpuMs() - t);
  }
  const worst = (xs: number[]): string => `${Math.max(...xs).toFixed(1)} ms (${services[xs.indexOf(Math.max(...xs))]!.id})`;
  process.stdout.write(
    `phyclass plan <id> (cli/commands/plan: planAnswer + applicationRelaxations), default link (load ${la0} → ${load()}), CPU over ${services.length} services:\n` +
      `  first: median ${median(first).toFixed(1)} ms, max ${worst(first)}\n` +
      `  warm (the same call again): median ${median(warm).toFixed(1)} ms, max ${worst(warm)} (target ≤ 100 ms)\n` +
      `  on a new link: median ${median(fresh).toFixed(1)} ms, max ${worst(fresh)}\n`,
  );
}

// 2a. the segment kernel against its pre-issue-18 version
{
  let seed = 20261207;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  type Input = [number, number[], number, number[], number, number, number];
  const inputs: Input[] = [];
  for (let i = 0; i < 20_000; i++) {
    // e_1 often 1 (a first transmission that fails surely), a residual falling by decades per attempt
    const K = 2 + Math.floor(rnd() * 3);
    const e = [1];
    let v = rnd() < 0.4 ? 1 : rnd() ** 2;
    for (let j = 1; j <= K; j++) {
      e.push(v);
      v *= rnd() < 0.3 ? 1 : 10 ** (-1 - 8 * rnd());
    }
    const segs = 2 + Math.floor(rnd() ** 2 * 180);
    const unitMs = [0.125, 0.25, 0.5][Math.floor(rnd() * 3)]!;
    const slackTop = Math.floor(rnd() * 1.3 * segs) * unitMs;
    const slack = [0];
    for (let a = 1; a <= K; a++) slack.push(Math.max(0, slackTop - (a - 1) * unitMs * (1 + Math.floor(rnd() * 3))));
    const rtt = (1 + Math.floor(rnd() * 4)) * unitMs;
    // planner-like repetition: the same packet asked again for other candidates and probes
    const n = rnd() < 0.5 && inputs.length > 0 ? 2 : 1;
    for (let c = 0; c < n; c++) inputs.push([segs, e, K, slack, unitMs, rtt, rtt]);
  }
  const memo = new DisplacementTailMemo();
  let diffs = 0;
  for (const x of inputs) {
    const want = baseline.segmentedMissProbability(...x);
    if (!Object.is(segmentedMissProbability(...x), want) || !Object.is(segmentedMissProbability(...x, memo), want)) diffs++;
  }
  const time = (f: () => void): number => {
    const t = cpuMs();
    f();
    return cpuMs() - t;
  };
  const tb: number[] = [];
  const tn: number[] = [];
  const tm: number[] = [];
  for (let r = 0; r < 5; r++) {
    tb.push(time(() => inputs.forEach((x) => baseline.segmentedMissProbability(...x))));
    tn.push(time(() => inputs.forEach((x) => segmentedMissProbability(...x))));
    const m = new DisplacementTailMemo();
    tm.push(time(() => inputs.forEach((x) => segmentedMissProbability(...x, m))));
  }
  const b = median(tb);
  process.stdout.write(
    `segmentedMissProbability over ${inputs.length} planner-like inputs (load ${load()}): before issue 18 ${b.toFixed(0)} ms CPU; ` +
      `now ${median(tn).toFixed(0)} ms (x${(b / median(tn)).toFixed(2)}), with a fresh memo ${median(tm).toFixed(0)} ms (x${(b / median(tm)).toFixed(2)}); ` +
      `answers differing in any bit: ${diffs}\n`,
  );
}

// 2b. the 'capacityExit' rule on the costliest relaxation probes
{
  defaultPlannerCache.clear();
  const probes = ['uav.video_features_ul', 'teleop.uplink_features', 'xr.split_rendering_dl'].map((id) => services.find((s) => s.id === id)!);
  const off = new Set<PruneRule>(['capacityExit']);
  const run = (disabled: ReadonlySet<PruneRule> | undefined): number => {
    const t = cpuMs();
    for (const s of probes) {
      const relaxed = { ...s, latencyBudgetMs: s.latencyBudgetMs * 100 };
      searchBest(makeCtx([relaxed], defaultLink, { relaxations: false }), undefined, disabled === undefined ? {} : { disabledRules: disabled });
    }
    return cpuMs() - t;
  };
  run(undefined);
  run(off);
  const withRule: number[] = [];
  const without: number[] = [];
  for (let r = 0; r < 3; r++) {
    without.push(run(off));
    withRule.push(run(undefined));
  }
  process.stdout.write(
    `search of the deadline ×100 probes of ${probes.map((s) => s.id).join(', ')} (load ${load()}): without 'capacityExit' ${median(without).toFixed(0)} ms CPU, ` +
      `with it ${median(withRule).toFixed(0)} ms (x${(median(without) / Math.max(0.1, median(withRule))).toFixed(1)})\n`,
  );
}
