/**
 * errBoundsChase (the planner's fading error bounds, one HARQ error vector per call) and the
 * errExceeds screen (run: npx tsx bench/errbounds.bench.ts). Baseline: a verbatim copy of the
 * previous errBoundsChase (a shifted fadingCdf per call and attempt, f cached in a NaN-filled
 * scratch), so the ratio is measured in one process. Every call uses a fresh TBS (no memo hits;
 * the BLER model's one-entry block memo misses as in a plan), warm JIT.
 */
import { measure, report } from './harness.js';
import { defaultLink, errBoundsChase, errExceeds, makeCtx, BOUND_STEP_DB, type McsInfo, type PlanCtx, type Repetitions } from '../src/classes/index.js';
import { fadingCdf, withDiversity } from '../src/link/fading.js';
import { tbFromCb } from '../src/link/bler.js';
import { ldpcSegmentation } from '../src/nr/ldpc.js';

// ---- baseline: errBoundsChase before the lattice tables (verbatim) ----
function legacyErrBoundsChase(
  ctx: PlanCtx,
  m: McsInfo,
  tbsBits: number,
  r: Repetitions,
): {
  /** Lower bounds of e_0..e_4 (index 0 is 1). */
  lower: Float64Array;
  /** Upper bounds of e_0..e_4 (index 0 is 1). */
  upper: Float64Array;
} {
  const f = ctx.link.fading;
  const seg = ldpcSegmentation(tbsBits, m.rateX1024);
  const rate = m.rateX1024 / 1024;
  const kp = seg.kPrime;
  const nUses = Math.max(m.qm, Math.round(kp / rate)) / m.qm;
  const cbs = seg.codeBlocks;
  const model = ctx.model;
  const mean = ctx.link.snrDb + 10 * Math.log10(r);
  const tbErr = (x: number): number => tbFromCb(model.blockError(m.qm, kp, nUses, x, rate), cbs);
  const lower = new Float64Array(5);
  const upper = new Float64Array(5);
  lower[0] = 1;
  upper[0] = 1;
  const same = ctx.link.harqFading !== 'independent';
  const step = BOUND_STEP_DB;
  // f on the lattice for the unshifted attempts (all of them with independent fading), filled lazily
  const cdf1 = fadingCdf(f, mean);
  const iA = Math.floor((Math.max(cdf1.loDb, mean - 100) - mean) / step);
  const iB = Math.ceil((Math.min(cdf1.hiDb, mean + 40) - mean) / step);
  const cache = LATTICE_F;
  cache.fill(Number.NaN, 0, Math.min(cache.length, iB - iA + 200));
  const fAt = (i: number, shift: number): number => {
    if (shift !== 0) return tbErr(mean + i * step + shift);
    const c = i - iA;
    if (c < 0 || c >= cache.length) return tbErr(mean + i * step);
    let v = cache[c] as number;
    if (v !== v) {
      v = tbErr(mean + i * step);
      cache[c] = v;
    }
    return v;
  };
  for (let j = 1; j <= 4; j++) {
    const cdf = same || j === 1 ? cdf1 : fadingCdf(withDiversity(f, j), mean);
    const shift = same ? 10 * Math.log10(j) : 0;
    // start at the last lattice point where f is 1 (bisection; f non-increasing): below it the error is ≤ 1
    let a = iA;
    let b = iB;
    if (fAt(a, shift) >= 1 - 1e-12) {
      while (b - a > 1) {
        const mid = (a + b) >> 1;
        if (fAt(mid, shift) >= 1 - 1e-12) a = mid;
        else b = mid;
      }
    }
    let i = a;
    let x = mean + i * step;
    let fPrev = cdf.at(x);
    let errPrev = fAt(i, shift);
    let lo = fPrev * errPrev;
    let up = fPrev; // mass below the grid: error ≤ 1
    while (x < cdf.hiDb) {
      i++;
      const xn = mean + i * step;
      const fx = xn >= cdf.hiDb ? 1 : cdf.at(xn);
      const errN = fAt(i, shift);
      const dp = fx > fPrev ? fx - fPrev : 0;
      lo += dp * errN;
      up += dp * errPrev;
      fPrev = fx > fPrev ? fx : fPrev;
      x = xn;
      errPrev = errN;
      // the rest adds at most (1 − F)·f(x) to the upper bound (added below) and ≥ 0 to the lower one
      if (errPrev < 1e-4 * up || errPrev < 1e-300) break;
    }
    if (fPrev < 1) up += (1 - fPrev) * errPrev;
    lower[j] = Math.min(1, lo, lower[j - 1] as number);
    upper[j] = Math.min(1, up, upper[j - 1] as number);
  }
  return { lower, upper };
}

/** Scratch of errBoundsChase: f on the lattice (NaN = not computed yet). */
const LATTICE_F = new Float64Array(4096);

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
