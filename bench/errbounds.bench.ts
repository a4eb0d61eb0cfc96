/**
 * errBoundsChase (the planner's fading error bounds, one HARQ error vector per call) and the
 * errExceeds screen (run: npx tsx bench/errbounds.bench.ts). Baseline: a verbatim copy of the
 * previous errBoundsChase (a shifted fadingCdf per call and attempt, f cached in a NaN-filled
 * scratch), so the ratio is measured in one process. Every call uses a fresh TBS (no memo hits;
 * the BLER model's one-entry block memo misses as in a plan), warm JIT.
 */
import { measure, report } from './harness.js';
import { defaultLink, errBoundsChase, errExceeds, makeCtx, type McsInfo, type PlanCtx, type Repetitions } from '../src/classes/index.js';
import { legacyErrBoundsChase } from '../test/support/legacy-err-bounds.js';

// ---- workload ----
const N = 512;
const tbsOf = (i: number): number => 200 + ((i * 7919) % N) * 24; // 200..12464 bits, fresh each call
function setup(harqFading: 'same' | 'independent'): { ctx: PlanCtx; ms: McsInfo[] } {
  const ctx = makeCtx([], { ...defaultLink, harqFading }, undefined);
  // qam64 MCS 4..20: the waterfalls around the default 15 dB mean
  const ms = ctx.mcsList.filter((m) => m.table === 'qam64' && m.mcs >= 4 && m.mcs <= 20);
  return { ctx, ms };
}
const ind = setup('independent');
const same = setup('same');
const rOf = (i: number): Repetitions => ([1, 2, 4] as const)[i % 3]!;
const mOf = (ms: McsInfo[], i: number): McsInfo => ms[(i >> 2) % ms.length]!;

// agreement check before timing
for (let i = 0; i < 2000; i++) {
  for (const s of [ind, same]) {
    const a = legacyErrBoundsChase(s.ctx, mOf(s.ms, i), tbsOf(i), rOf(i)).upper;
    const b = errBoundsChase(s.ctx, mOf(s.ms, i), tbsOf(i), rOf(i)).upper;
    for (let j = 0; j <= 4; j++) {
      if (!(Math.abs(a[j]! - b[j]!) <= 1e-12 * a[j]! + 1e-300)) throw new Error(`mismatch at ${i}, e_${j}: ${a[j]} vs ${b[j]}`);
    }
  }
}

// a failing case for errExceeds: MCS 16 at 15 dB mean Rayleigh (e_2 ~ 2e-3, e_4 ~ 7e-8), target e_T ≤ 1e-9
const fail = ind.ms.find((m) => m.mcs === 16)!;
const eFail = errBoundsChase(ind.ctx, fail, 4000, 1).upper;
process.stdout.write(`failing case: qam64 MCS 16, TBS 4000, r 1: e_1..e_4 = ${[...eFail.slice(1)].map((v) => v.toExponential(2)).join(', ')}\n`);
// errExceeds never memoises on the true path, so every call below does the work
for (let q = 0; q < N; q++) {
  const tbs = tbsOf(q) + 4000;
  for (const t of [2, 4]) if (!(errBoundsChase(ind.ctx, fail, tbs, 1).upper[t]! > 1e-9)) throw new Error(`TBS ${tbs} passes: not a failing case`);
  if (!errExceeds(ind.ctx, fail, tbs, 1, 2, 1e-9)) throw new Error('errExceeds disagrees');
}
if ((ind.ctx.errByMcsRep[(fail.tableIdx * 32 + fail.mcs) * 8 + 1]?.size ?? 0) > 0) throw new Error('errExceeds memoised a vector');

const results = [
  measure('baseline: old errBoundsChase (independent)', (i) => legacyErrBoundsChase(ind.ctx, mOf(ind.ms, i), tbsOf(i), rOf(i)).upper[2]!, 20_000),
  measure('errBoundsChase (independent)', (i) => errBoundsChase(ind.ctx, mOf(ind.ms, i), tbsOf(i), rOf(i)).upper[2]!, 20_000),
  measure('old errBoundsChase (same)', (i) => legacyErrBoundsChase(same.ctx, mOf(same.ms, i), tbsOf(i), rOf(i)).upper[2]!, 20_000),
  measure('errBoundsChase (same)', (i) => errBoundsChase(same.ctx, mOf(same.ms, i), tbsOf(i), rOf(i)).upper[2]!, 20_000),
  measure('errBoundsChase, failing case (MCS 16, T=2)', (i) => errBoundsChase(ind.ctx, fail, tbsOf(i) + 4000, 1).upper[2]!, 20_000),
  measure('errExceeds, failing case (MCS 16, T=2, 1e-9)', (i) => (errExceeds(ind.ctx, fail, tbsOf(i) + 4000, 1, 2, 1e-9) ? 1 : 0), 20_000),
  measure('errExceeds, failing case (MCS 16, T=4, 1e-9)', (i) => (errExceeds(ind.ctx, fail, tbsOf(i) + 4000, 1, 4, 1e-9) ? 1 : 0), 20_000),
];
report(results, 'baseline: old errBoundsChase (independent)');
