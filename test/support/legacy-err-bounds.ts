/**
 * The planner's fading error bounds as they were before the lattice tables (classes/model
 * errBoundsChase until the 2026-11-29 speed-up), frozen: a shifted fadingCdf per call and attempt, f
 * cached in a NaN-filled scratch, bisection of the start. test/classes/model.bounds.test.ts checks the
 * current bounds against it (same maths, 1e-12) and bench/errbounds.bench.ts times against it.
 */
import type { McsInfo, PlanCtx, Repetitions } from '../../src/classes/index.js';
import { BOUND_STEP_DB } from '../../src/classes/index.js';
import { tbFromCb } from '../../src/link/bler.js';
import { fadingCdf, withDiversity } from '../../src/link/fading.js';
import { ldpcSegmentation } from '../../src/nr/ldpc.js';
import { payloadCodedBits } from '../../src/nr/allocation.js';

/** The previous errBoundsChase, verbatim: lower and upper Riemann bounds of e_0..e_4. */
export function legacyErrBoundsChase(
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
  const cbs = seg.codeBlocks;
  // E from the payload (nr/allocation payloadCodedBits, issue 14): the same code blocks as the new algorithm
  const nUses = payloadCodedBits(tbsBits, cbs, m.rateX1024, m.qm) / m.qm;
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
