/**
 * errBoundsChase (lattice CDF tables, galloping start search) against a verbatim copy of the
 * previous algorithm (a shifted fadingCdf per call and attempt, bisection of the start), and the
 * errExceeds screen against errVector. Same maths, so every e_j must agree to 1e-12 relative.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import {
  BOUND_STEP_DB,
  defaultLink,
  errBoundsChase,
  errExceeds,
  errHalfFloor,
  errLowerBound,
  errVector,
  makeCtx,
  type LinkContext,
  type McsInfo,
  type PlanCtx,
  type Repetitions,
} from '../../src/classes/index.js';
import type { FadingModel } from '../../src/core/types.js';
import { ChaseKernel } from '../../src/classes/cache.js';
import { errUpperBoundVector } from '../../src/classes/model.js';
import { ldpcSegmentation } from '../../src/nr/ldpc.js';
import { legacyErrBoundsChase } from '../support/legacy-err-bounds.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';
import { services } from '../../src/services/catalogue.js';

// ---- generators ----
const fadingArb: fc.Arbitrary<FadingModel> = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((diversity): FadingModel => ({ kind: 'rayleigh', diversity })),
  fc.constant<FadingModel>({ kind: 'rayleigh' }),
  fc.tuple(fc.constantFrom(0.5, 0.8, 1, 2, 3.5, 8), fc.integer({ min: 1, max: 3 })).map(([m, diversity]): FadingModel => ({ kind: 'nakagami', m, diversity })),
  fc.tuple(fc.constantFrom(-10, -3, 0, 3, 6, 10, 15), fc.integer({ min: 1, max: 2 })).map(
    ([kFactorDb, diversity]): FadingModel => ({ kind: 'rician', kFactorDb, diversity }),
  ),
);
const ctxCache = new Map<string, PlanCtx>();
function ctxFor(fading: FadingModel, snrDb: number, harqFading: 'same' | 'independent' | 'correlated'): PlanCtx {
  const link: LinkContext = { ...defaultLink, fading, snrDb, harqFading };
  const key = JSON.stringify(link);
  let c = ctxCache.get(key);
  if (c === undefined) {
    c = makeCtx([], link, undefined);
    ctxCache.set(key, c);
  }
  return c;
}
const allMcs = makeCtx([], defaultLink, undefined).mcsList;
/** [K'min, K'max, Cmin] over the TS 38.212 segmentations of some TBs at an MCS's code rate: a group bound's range. */
const blockRange = (tbs: readonly number[], m: McsInfo): [number, number, number] => {
  const segs = tbs.map((t) => ldpcSegmentation(t, m.rateX1024));
  return [Math.min(...segs.map((x) => x.kPrime)), Math.max(...segs.map((x) => x.kPrime)), Math.min(...segs.map((x) => x.codeBlocks))];
};
const caseArb = fc.record({
  fading: fadingArb,
  harqFading: fc.constantFrom<'same' | 'independent'>('same', 'independent'),
  snrDb: fc.oneof(fc.integer({ min: -30, max: 60 }), fc.double({ min: -30, max: 60, noNaN: true })),
  mcsIdx: fc.integer({ min: 0, max: allMcs.length - 1 }),
  tbsBits: fc.oneof(fc.integer({ min: 24, max: 3000 }), fc.integer({ min: 24, max: 200_000 })),
  r: fc.constantFrom<Repetitions>(1, 2, 4, 8),
});

/** e_0..e_4 of `a` and `b` agree to 1e-12 relative (NaN only with NaN); `expect` is reached only on a mismatch (the sweeps make ~10^5 comparisons). */
function expectClose(a: Float64Array, b: Float64Array, what: string): void {
  for (let j = 0; j <= 4; j++) {
    const x = a[j]!;
    const y = b[j]!;
    const ok = Number.isNaN(x) || Number.isNaN(y) ? Object.is(x, y) : Math.abs(x - y) <= 1e-12 * Math.abs(x) + 1e-300;
    if (!ok) expect(ok, `${what} e_${j}: ${x} vs ${y}`).toBe(true);
  }
}

describe('errBoundsChase matches the previous algorithm', () => {
  test.prop([caseArb], { numRuns: fcRuns(600, 8) })('every e_j of both bounds to 1e-12 relative', (c) => {
    const ctx = ctxFor(c.fading, c.snrDb, c.harqFading);
    const m = allMcs[c.mcsIdx]!;
    const old = legacyErrBoundsChase(ctx, m, c.tbsBits, c.r);
    const cur = errBoundsChase(ctx, m, c.tbsBits, c.r);
    expectClose(old.lower, cur.lower, 'lower');
    expectClose(old.upper, cur.upper, 'upper');
  });

  it('a TBS sweep per MCS on the default link and on same-fading Rician/Nakagami links (the start guesses carry over)', () => {
    const fadings: FadingModel[] = [defaultLink.fading, { kind: 'rician', kFactorDb: 6, diversity: 1 }, { kind: 'nakagami', m: 2, diversity: 2 }];
    for (const fading of fadings) {
      for (const hf of ['independent', 'same'] as const) {
        for (const snr of [-5, 15, 40]) {
          const ctx = ctxFor(fading, snr, hf);
          // every 3rd MCS in the slow tier (PHYCLASS_FC_FULL=1), every 9th in the fast tier
          for (let q = 0; q < allMcs.length; q += FC_FULL ? 3 : 9) {
            const m = allMcs[q]!;
            for (let tbs = 24; tbs < 120_000; tbs = Math.ceil(tbs * 1.7)) {
              for (const r of [1, 8] as const) {
                const old = legacyErrBoundsChase(ctx, m, tbs, r);
                const cur = errBoundsChase(ctx, m, tbs, r);
                expectClose(old.lower, cur.lower, `${fading.kind} ${hf} ${snr} dB ${m.table}/${m.mcs} ${tbs} r${r} lower`);
                expectClose(old.upper, cur.upper, `${fading.kind} ${hf} ${snr} dB ${m.table}/${m.mcs} ${tbs} r${r} upper`);
              }
            }
          }
        }
      }
    }
  });

  it('AWGN and means beyond ±400 dB (fadingCdf clamps there) take the unchanged generic path', () => {
    const m = allMcs[10]!;
    for (const [fading, snr] of [
      [{ kind: 'awgn' }, 5],
      [defaultLink.fading, 450],
      [defaultLink.fading, -450],
      [defaultLink.fading, Number.NaN],
    ] as [FadingModel, number][]) {
      // (the pre-issue-14 HARQ fading: the legacy algorithm knows 'same' and 'independent' only)
      const ctx = makeCtx([], { ...defaultLink, harqFading: 'independent', fading, snrDb: snr }, undefined);
      const old = legacyErrBoundsChase(ctx, m, 1000, 1);
      const cur = errBoundsChase(ctx, m, 1000, 1);
      expectClose(old.lower, cur.lower, `${fading.kind} ${snr} lower`);
      expectClose(old.upper, cur.upper, `${fading.kind} ${snr} upper`);
    }
  });

  it('the lattice step is unchanged', () => {
    expect(BOUND_STEP_DB).toBe(0.25);
  });
});

describe('group error bounds: errLowerBound (kernel on K\' intervals) and errHalfFloor (closed form)', () => {
  // bounds over every TB with K' in [kMin, kMax] and at least cMin code blocks: never above the error
  // vector of any such TB; 0 (nothing offered) for 'same' HARQ fading and for correlated HARQ fading
  // other than Rayleigh (the planner's correlated bound is Rayleigh's). errLowerBound needs a start
  // found for the MCS first (the errVector calls below give it one).
  const arb = fc.record({
    fading: fadingArb,
    snrDb: fc.integer({ min: -5, max: 35 }),
    mcsIdx: fc.integer({ min: 0, max: allMcs.length - 1 }),
    tbs: fc.array(fc.integer({ min: 24, max: 120_000 }), { minLength: 1, maxLength: 6 }),
    r: fc.constantFrom<Repetitions>(1, 2, 4, 8),
    tMax: fc.integer({ min: 1, max: 4 }),
    harqFading: fc.constantFrom<'same' | 'independent' | 'correlated'>('same', 'independent', 'independent', 'correlated', 'correlated'),
    // the services whose speeds set the correlation profile (none: 3 km/h)
    svcs: fc.subarray([...services], { maxLength: 3 }),
  });
  const bounds = [
    // name, bound, non-vacuity case: TBS list, the bound must exceed factor·(least error) and floor
    { name: 'errLowerBound', bound: errLowerBound, tbs: [20_000, 24_000, 30_000, 40_000], factor: 0.1, floor: 0 },
    // floor 5e-4 (was 1e-3): the TBs' E is now taken from the payload (issue 14), smaller than the
    // round(K'/R) the closed-form floor assumes, so the errors grew and the (still valid) floor did not
    { name: 'errHalfFloor', bound: errHalfFloor, tbs: [2_000, 8_000, 20_000, 40_000], factor: 0.05, floor: 5e-4 },
  ] as const;
  for (const b of bounds) {
    test.prop([arb], { numRuns: fcRuns(300) })(`${b.name} ≤ errVector(...)[tMax] of every TB in the range`, (c) => {
      const link: LinkContext = { ...defaultLink, fading: c.fading, harqFading: c.harqFading, snrDb: c.snrDb };
      const m: McsInfo = allMcs[c.mcsIdx]!;
      const dir = c.svcs[0]?.direction;
      const ctx = makeCtx(c.svcs.filter((s) => s.direction === dir), link, undefined);
      ctx.errByMcsRep.length = 0;
      const es = c.tbs.map((t) => errVector(ctx, m, t, c.r)[c.tMax]!);
      const lb = b.bound(ctx, m, c.r, c.tMax, ...blockRange(c.tbs, m));
      expect(lb).toBeGreaterThanOrEqual(0);
      if (c.harqFading === 'same' || (c.harqFading === 'correlated' && c.fading.kind !== 'rayleigh')) expect(lb).toBe(0);
      for (const e of es) expect(lb).toBeLessThanOrEqual(e);
    });

    it.each(['independent', 'correlated'] as const)(`${b.name} is close to the error where TBs fail by far (not a vacuous 0), %s HARQ fading`, (harqFading) => {
      // 64QAM MCS 24 at 15 dB mean Rayleigh: e_4 is far above any URLLC target
      const ctx = makeCtx([], { ...defaultLink, harqFading }, undefined);
      const m = allMcs.find((x) => x.table === 'qam64' && x.mcs === 24)!;
      const es = b.tbs.map((t) => errVector(ctx, m, t, 1)[4]!);
      const lb = b.bound(ctx, m, 1, 4, ...blockRange(b.tbs, m));
      expect(lb).toBeGreaterThan(b.factor * Math.min(...es));
      expect(lb).toBeGreaterThan(b.floor);
      expect(lb).toBeLessThanOrEqual(Math.min(...es));
    });
  }
});

describe('errExceeds', () => {
  const linkArb = fc.oneof(
    fc.record({ fading: fadingArb, harqFading: fc.constantFrom<'same' | 'independent' | 'correlated'>('same', 'independent', 'correlated') }),
    fc.constant({ fading: { kind: 'awgn' } as FadingModel, harqFading: 'independent' as const }),
  );
  const arb = fc.record({
    link: linkArb,
    snrDb: fc.integer({ min: -10, max: 40 }),
    mcsIdx: fc.integer({ min: 0, max: allMcs.length - 1 }),
    tbsBits: fc.integer({ min: 24, max: 60_000 }),
    r: fc.constantFrom<Repetitions>(1, 2, 4, 8),
    tMax: fc.integer({ min: 1, max: 4 }),
    // the threshold: relative to the true value (below, equal, above, within 1e-3) or absolute
    thrKind: fc.constantFrom('equal', 'below', 'above', 'near', 'abs'),
    factor: fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
    absThr: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-300, 1e-9, 1e-5, 0.5, 1.5)),
    memoFirst: fc.boolean(),
  });
  test.prop([arb], { numRuns: fcRuns(400) })('=== (errVector(...)[tMax] > thr), memoised or not', (c) => {
    const link: LinkContext = { ...defaultLink, fading: c.link.fading, harqFading: c.link.harqFading, snrDb: c.snrDb };
    const m: McsInfo = allMcs[c.mcsIdx]!;
    const ctx = makeCtx([], link, undefined);
    const e = errVector(ctx, m, c.tbsBits, c.r)[c.tMax]!;
    const thr =
      c.thrKind === 'equal' ? e
      : c.thrKind === 'below' ? e * (1 - 1e-3)
      : c.thrKind === 'above' ? e * (1 + 1e-3)
      : c.thrKind === 'near' ? e * (1 + c.factor)
      : c.absThr;
    // the memo table is process-wide per link: empty it unless the memoised path is under test
    if (!c.memoFirst) ctx.errByMcsRep.length = 0;
    const got = errExceeds(ctx, m, c.tbsBits, c.r, c.tMax, thr);
    const want = e > thr;
    expect(errVector(ctx, m, c.tbsBits, c.r)[c.tMax]!).toBe(e);
    expect(got).toBe(want);
  });

  // what a failure proves (e_tMax > thr) is kept per (MCS, r, TBS, tMax); later calls with any
  // threshold, in any order, must still give exactly (e > thr), whether the fact or a new sum answers
  test.prop([arb, fc.array(fc.double({ min: -2e-3, max: 2e-3, noNaN: true }), { minLength: 2, maxLength: 6 })], { numRuns: fcRuns(200) })(
    'repeated thresholds on one TBS: still === (errVector(...)[tMax] > thr)',
    (c, factors) => {
      const link: LinkContext = { ...defaultLink, fading: c.link.fading, harqFading: c.link.harqFading, snrDb: c.snrDb };
      const m: McsInfo = allMcs[c.mcsIdx]!;
      const ctx = makeCtx([], link, undefined);
      const e = errVector(ctx, m, c.tbsBits, c.r)[c.tMax]!;
      for (const f of [...factors, 0]) {
        ctx.errByMcsRep.length = 0; // only the proven facts may answer early
        const thr = e * (1 + f);
        expect(errExceeds(ctx, m, c.tbsBits, c.r, c.tMax, thr)).toBe(e > thr);
      }
    },
  );

  it.each(['independent', 'same', 'correlated'] as const)('a proven failure computes no vector and memoises nothing (%s HARQ fading)', (harqFading) => {
    // (the partial-sum proof: every upper sum of every attempt — under 'correlated' every sum of the
    // least over K — exceeds the threshold; issue 18 extended it to 'correlated', the default)
    const ctx = makeCtx([], { ...defaultLink, harqFading }, undefined);
    ctx.errByMcsRep.length = 0;
    const m = allMcs.find((x) => x.table === 'qam64' && x.mcs === 16)!;
    expect(errExceeds(ctx, m, 4000, 1, 2, 1e-9)).toBe(true);
    expect(ctx.errByMcsRep.some((t) => t !== undefined && t.size > 0)).toBe(false);
    // and a pass falls back to the (memoised) vector
    expect(errExceeds(ctx, m, 4000, 8, 4, 0.5)).toBe(false);
    expect(ctx.errByMcsRep[(m.tableIdx * 32 + m.mcs) * 8 + 8]?.has(4000)).toBe(true);
  });
});

describe('correlated HARQ fading: the least-K hint orders the sums, never changes a bound (issue 18)', () => {
  const arb = fc.record({
    snrDb: fc.oneof(fc.integer({ min: -5, max: 35 }), fc.double({ min: -5, max: 35, noNaN: true })),
    mcsIdx: fc.integer({ min: 0, max: allMcs.length - 1 }),
    tbsBits: fc.integer({ min: 24, max: 60_000 }),
    r: fc.constantFrom<Repetitions>(1, 2, 4, 8),
    tMax: fc.integer({ min: 2, max: 4 }),
    near: fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  });
  test.prop([arb], { numRuns: fcRuns(60) })('bounds bit for bit, and errExceeds, under every hint', (c) => {
    const ctx = ctxFor({ kind: 'rayleigh' }, c.snrDb, 'correlated');
    const m = allMcs[c.mcsIdx]!;
    const withHint = (h: number): { b: ReturnType<typeof errBoundsChase>; up: Float64Array } => {
      const kn = new ChaseKernel();
      kn.leastK.fill(h);
      const b = errBoundsChase(ctx, m, c.tbsBits, c.r, kn);
      kn.leastK.fill(h);
      return { b, up: errUpperBoundVector(ctx, m, c.tbsBits, c.r, kn) };
    };
    const ref = withHint(0);
    for (let h = 1; h <= 4; h++) {
      const got = withHint(h);
      for (let j = 0; j <= 4; j++) {
        expect(Object.is(got.b.upper[j], ref.b.upper[j]), `upper e_${j}, hint ${h}`).toBe(true);
        expect(Object.is(got.b.lower[j], ref.b.lower[j]), `lower e_${j}, hint ${h}`).toBe(true);
        expect(Object.is(got.up[j], ref.up[j]), `errUpperBoundVector e_${j}, hint ${h}`).toBe(true);
      }
    }
    // the partial-sum proof tries the hinted sums first: still exactly (e > thr)
    const e = errVector(ctx, m, c.tbsBits, c.r)[c.tMax]!;
    for (let h = 0; h <= 4; h++) {
      ctx.errByMcsRep.length = 0;
      ctx.tables.proven.length = 0;
      ctx.cache.kernel.leastK.fill(h);
      const thr = e * (1 + c.near);
      expect(errExceeds(ctx, m, c.tbsBits, c.r, c.tMax, thr), `hint ${h}`).toBe(e > thr);
    }
  });
});

describe('the kernel\'s pass slots (a pass asked again for the same block reads its values) never change a bound (issue 18)', () => {
  it('two TBs with the same segmentation (K\', C) but another length n are different blocks', () => {
    // qam64 MCS 0 (Qm 2, R 120/1024): 30568 and 30576 bits both segment into 9 blocks of K' = 3424,
    // at 28983 and 28991 coded bits per block (nr/allocation payloadCodedBits)
    const m = allMcs.find((x) => x.table === 'qam64' && x.mcs === 0)!;
    for (const harqFading of ['correlated', 'same'] as const) {
      const ctx = ctxFor({ kind: 'rayleigh' }, -2, harqFading);
      const shared = new ChaseKernel();
      for (const tbs of [30568, 30576, 30568]) {
        const got = errUpperBoundVector(ctx, m, tbs, 1, shared);
        const want = errUpperBoundVector(ctx, m, tbs, 1, new ChaseKernel());
        for (let j = 0; j <= 4; j++) expect(Object.is(got[j], want[j]), `${harqFading} TBS ${tbs} e_${j}`).toBe(true);
      }
    }
  });
  const one = fc.record({
    mcsIdx: fc.integer({ min: 0, max: allMcs.length - 1 }),
    tbsBits: fc.integer({ min: 24, max: 40_000 }),
    r: fc.constantFrom<Repetitions>(1, 2, 4, 8),
  });
  test.prop(
    [
      fc.oneof(fc.integer({ min: -5, max: 35 }), fc.double({ min: -5, max: 35, noNaN: true })),
      fc.constantFrom<'same' | 'independent' | 'correlated'>('correlated', 'same', 'independent'),
      fc.array(one, { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { minLength: 4, maxLength: 16 }),
    ],
    { numRuns: fcRuns(60) },
  )('one kernel over a sequence with repeats = a fresh kernel per call, bit for bit', (snrDb, harqFading, blocks, picks) => {
    const ctx = ctxFor({ kind: 'rayleigh' }, snrDb, harqFading);
    const shared = new ChaseKernel();
    // and neighbours a few bytes larger: often the same segmentation (K', C) with another length n
    const all = blocks.flatMap((b) => [b, { ...b, tbsBits: b.tbsBits + 8 }, { ...b, tbsBits: b.tbsBits + 24 }]);
    for (const p of picks) {
      const b = all[p % all.length]!;
      const m = allMcs[b.mcsIdx]!;
      const got = p % 2 === 0 ? errUpperBoundVector(ctx, m, b.tbsBits, b.r, shared) : errBoundsChase(ctx, m, b.tbsBits, b.r, shared).upper;
      const want = errUpperBoundVector(ctx, m, b.tbsBits, b.r, new ChaseKernel());
      for (let j = 0; j <= 4; j++) expect(Object.is(got[j], want[j]), `e_${j} of ${JSON.stringify(b)}`).toBe(true);
    }
  });
});
