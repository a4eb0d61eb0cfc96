/**
 * link/budget (spec/budget.md): the SNR per RE of a link budget per direction, the class SNR the
 * planner proves with, the service overrides, and the planner/verify laws under a budget:
 * - UL SNR per RE is non-increasing in the width (flat to the P_max knee, then −10·log10 n);
 * - the DL does not depend on the width; both fall dB for dB with the coupling loss;
 * - the class SNR of width N is ≤ the SNR of every allocation n ≤ N (the planner's proof is sound);
 * - a wide UL class pays for its width: same allocations, wider class ⇒ cost never lower;
 * - the UL cost of a service's best class is non-decreasing in the coupling loss (acceptance line);
 * - every class the planner finds under a budget passes `verify` (which uses each allocation's SNR).
 */
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_DEFAULTS,
  CLASS_SNR_STEP_DB,
  classSnrDb,
  couplingLossOf,
  defaultGnbPowerDbm,
  linkForService,
  linkForServices,
  snrBands,
  snrPerReDb,
  type LinkBudget,
} from '../../src/link/budget.js';
import { decodeLinkContext, freeFddLink as defaultLink, type LinkContext } from '../../src/classes/link.js'; // the free FDD carrier these figures were derived on
import { evaluate, makeCtx, searchBest, type Candidate } from '../../src/classes/index.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import { decodeServiceProfile } from '../../src/codecs/service.js';
import type { Mu } from '../../src/core/types.js';
import { arbCase } from '../classes/support.js';
import { fcRuns } from '../support/fc-runs.js';

const budgetLink = (b: LinkBudget, base: LinkContext = defaultLink): LinkContext => ({ ...base, linkBudget: b });
// The budget's mechanism (median vs edge UE, wide UL class vs UE power) needs services that are feasible on
// the flat link; under correlated HARQ fading and control errors (defaults since issue 14) they are not, so
// the mechanism tests below run on the free FDD carrier with independent HARQ fading and no control errors.
const mechanismLink: LinkContext = { ...defaultLink, harqFading: 'independent', controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 } };
const arbMu = fc.constantFrom<Mu>(0, 1, 2);
const arbBudget: fc.Arbitrary<LinkBudget> = fc.record({
  couplingLossDb: fc.double({ min: 60, max: 160, noNaN: true }),
  ueMaxPowerDbm: fc.double({ min: 0, max: 31, noNaN: true }),
  targetSnrPerReDb: fc.double({ min: -10, max: 40, noNaN: true }),
  interferenceMarginDb: fc.double({ min: 0, max: 20, noNaN: true }),
});

describe('snrPerReDb: numbers of the defaults (spec/budget.md §2)', () => {
  it('UL at the median coupling loss: the 15 dB target up to the knee, then −10·log10 n', () => {
    const l = budgetLink({});
    // full power over 1 PRB at 30 kHz: 23 − 10·log10 12 − 110 + 174 − 10·log10 30e3 − 5 = 26.44 dB
    const full1 = 23 - 10 * Math.log10(12) - 110 + 174 - 10 * Math.log10(30e3) - 5;
    expect(full1).toBeCloseTo(26.437, 2);
    expect(snrPerReDb(l, 'UL', 1, 1)).toBe(15);
    expect(snrPerReDb(l, 'UL', 13, 1)).toBe(15);
    expect(snrPerReDb(l, 'UL', 100, 1)).toBeCloseTo(full1 - 20, 9);
    expect(snrPerReDb(l, 'UL', 273, 1)).toBeCloseTo(full1 - 10 * Math.log10(273), 9);
  });
  it('DL: 49 dBm per 20 MHz (56 dBm over 100 MHz) spread over the 273 PRBs of 100 MHz at 30 kHz, UE NF 9 dB', () => {
    expect(defaultGnbPowerDbm(100)).toBeCloseTo(49 + 10 * Math.log10(5), 12);
    const expected = 49 + 10 * Math.log10(5) - 10 * Math.log10(12 * 273) - 110 + 174 - 10 * Math.log10(30e3) - 9;
    for (const n of [1, 50, 273]) expect(snrPerReDb(budgetLink({}), 'DL', n, 1)).toBeCloseTo(expected, 9);
  });
  it('cell positions: median 110 dB, edge 125 dB; an explicit coupling loss wins', () => {
    expect(couplingLossOf({})).toBe(110);
    expect(couplingLossOf({ position: 'edge' })).toBe(125);
    expect(couplingLossOf({ position: 'edge', couplingLossDb: 99 })).toBe(99);
    expect(BUDGET_DEFAULTS.ueMaxPowerDbm).toBe(23);
  });
  it('without a budget: the flat snrDb whatever the width and direction', () => {
    for (const n of [1, 10, 273]) for (const d of ['UL', 'DL'] as const) expect(snrPerReDb(defaultLink, d, n, 1)).toBe(defaultLink.snrDb);
  });
  it('two layers share the power: −3 dB', () => {
    const one = snrPerReDb(budgetLink({ couplingLossDb: 120 }), 'UL', 50, 1);
    const two = snrPerReDb({ ...budgetLink({ couplingLossDb: 120 }), nLayersUl: 2 }, 'UL', 50, 1);
    expect(one - two).toBeCloseTo(10 * Math.log10(2), 9);
  });
});

describe('snrPerReDb: laws', () => {
  test.prop([arbBudget, arbMu, fc.integer({ min: 1, max: 274 })], { numRuns: fcRuns(300) })('UL is non-increasing in nPrb, and strictly decreasing once at P_max', (b, mu, n) => {
    const l = budgetLink(b);
    const a = snrPerReDb(l, 'UL', n, mu);
    const c = snrPerReDb(l, 'UL', n + 1, mu);
    expect(c).toBeLessThanOrEqual(a);
    if (a < (b.targetSnrPerReDb ?? 15) && a > -100) expect(c).toBeLessThan(a);
    expect(Number.isFinite(a)).toBe(true);
  });
  test.prop([arbBudget, arbMu, fc.integer({ min: 1, max: 275 }), fc.double({ min: 0, max: 30, noNaN: true })], { numRuns: fcRuns(300) })(
    'more coupling loss never raises the SNR (UL and DL); the DL does not depend on the width',
    (b, mu, n, extra) => {
      const worse = { ...b, couplingLossDb: (b.couplingLossDb ?? 110) + extra };
      for (const d of ['UL', 'DL'] as const) expect(snrPerReDb(budgetLink(worse), d, n, mu)).toBeLessThanOrEqual(snrPerReDb(budgetLink(b), d, n, mu));
      expect(snrPerReDb(budgetLink(b), 'DL', n, mu)).toBe(snrPerReDb(budgetLink(b), 'DL', 1, mu));
    },
  );
  test.prop([arbBudget, arbMu, fc.integer({ min: 1, max: 275 }), fc.integer({ min: 1, max: 275 })], { numRuns: fcRuns(300) })(
    'the class SNR of width N is on the 0.5 dB lattice and ≤ the SNR of every allocation n ≤ N (soundness)',
    (b, mu, x, y) => {
      const [n, N] = x <= y ? [x, y] : [y, x];
      const l = budgetLink(b);
      const s = classSnrDb(l, 'UL', N, mu);
      expect(s).toBeLessThanOrEqual(snrPerReDb(l, 'UL', n, mu));
      expect(snrPerReDb(l, 'UL', N, mu) - s).toBeLessThan(CLASS_SNR_STEP_DB + 1e-9);
      expect(Math.abs(s / CLASS_SNR_STEP_DB - Math.round(s / CLASS_SNR_STEP_DB))).toBeLessThan(1e-9);
    },
  );
  test.prop([arbBudget, arbMu, fc.integer({ min: 1, max: 275 })], { numRuns: fcRuns(100) })('snrBands cover 1..maxPrb in order with their class SNR', (b, mu, maxPrb) => {
    const l = budgetLink(b);
    const bands = snrBands(l, 'UL', mu, maxPrb);
    let next = 1;
    for (const band of bands) {
      expect(band.nLo).toBe(next);
      for (const n of [band.nLo, band.nHi]) expect(classSnrDb(l, 'UL', n, mu)).toBe(band.snrDb);
      next = band.nHi + 1;
    }
    expect(next).toBe(maxPrb + 1);
  });
});

describe('link decoding and service overrides (spec/budget.md §1, §4)', () => {
  it('decodes a budget with defaults; snrDb alone is flat; out-of-range fields are refused by name', () => {
    const b = decodeLinkContext({ linkBudget: { couplingLossDb: 120 } });
    expect(E.isRight(b) && b.right.linkBudget).toEqual({ couplingLossDb: 120 });
    const flat = decodeLinkContext({ snrDb: 10 });
    expect(E.isRight(flat) && flat.right.linkBudget).toBeUndefined();
    const both = decodeLinkContext({ snrDb: 10, linkBudget: {} });
    expect(E.isRight(both) && both.right.linkBudget).toEqual({});
    const bad = decodeLinkContext({ linkBudget: { couplingLossDb: 20 } });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/link\.linkBudget\.couplingLossDb/);
    const badPos = decodeLinkContext({ linkBudget: { position: 'far' } });
    expect(E.isLeft(badPos)).toBe(true);
    const nan = decodeLinkContext({ linkBudget: { ueMaxPowerDbm: Number.NaN } });
    expect(E.isLeft(nan)).toBe(true);
  });
  it('a service carries couplingLossDb or position; bad values are refused', () => {
    const base = { id: 's', name: 's', direction: 'UL', payload: { minBytes: 10, maxBytes: 10 }, periodMs: 10, latencyBudgetMs: 5, epsilon: 1e-3 };
    const ok = decodeServiceProfile({ ...base, position: 'edge' });
    expect(E.isRight(ok) && ok.right.position).toBe('edge');
    const cl = decodeServiceProfile({ ...base, couplingLossDb: 131 });
    expect(E.isRight(cl) && cl.right.couplingLossDb).toBe(131);
    expect(E.isLeft(decodeServiceProfile({ ...base, couplingLossDb: 500 }))).toBe(true);
    expect(E.isLeft(decodeServiceProfile({ ...base, position: 'centre' }))).toBe(true);
  });
  it("a service's coupling loss / position replaces the link's; a flat link ignores it; a group takes the worst", () => {
    const l = budgetLink({ couplingLossDb: 100 });
    expect(couplingLossOf(linkForService(l, { position: 'edge' }).linkBudget!)).toBe(125);
    expect(couplingLossOf(linkForService(l, { couplingLossDb: 117 }).linkBudget!)).toBe(117);
    expect(linkForService(defaultLink, { position: 'edge' })).toBe(defaultLink);
    expect(couplingLossOf(linkForServices(l, [{}, { position: 'median' }, { couplingLossDb: 90 }]).linkBudget!)).toBe(110);
    expect(couplingLossOf(linkForServices(l, [{}, { couplingLossDb: 90 }]).linkBudget!)).toBe(100);
  });
});

/** A small UL case of arbCase under a budget whose knee falls inside the 5 MHz carrier. */
const arbUlBudgetCase = fc.tuple(arbCase, fc.integer({ min: 100, max: 130 })).map(([c, cl]) => ({
  service: { ...c.service, direction: 'UL' as const },
  link: budgetLink({ couplingLossDb: cl, targetSnrPerReDb: c.link.snrDb }, c.link),
  opts: c.opts,
}));

describe('the planner under a budget', () => {
  test.prop([arbUlBudgetCase, fc.integer({ min: 1, max: 25 })], { numRuns: fcRuns(100) })(
    'a wide UL class pays for its width: the same allocations in a wider class never cost less, and it is feasible only if the narrower one is',
    ({ service, link, opts }, extra) => {
      const ctx = makeCtx([service], link, opts);
      const best = searchBest(ctx);
      if (best === null) return;
      const mu = ctx.mus[best.candidate.muIdx]!;
      const N2 = Math.min(mu.maxPrb, best.candidate.nPrb + extra);
      const wide: Candidate = { ...best.candidate, nPrb: N2 };
      const o1 = evaluate(ctx, best.candidate);
      const o2 = evaluate(ctx, wide);
      if (o2.feasible) {
        expect(o1.feasible).toBe(true);
        expect(o2.cost).toBeGreaterThanOrEqual(o1.cost * (1 - 1e-12));
      }
      // on the flat link at the narrow class's SNR a wider class with the same allocations costs the same
      expect(classSnrDb(link, 'UL', N2, mu.mu)).toBeLessThanOrEqual(classSnrDb(link, 'UL', best.candidate.nPrb, mu.mu));
    },
  );

  test.prop([arbUlBudgetCase, fc.integer({ min: 1, max: 20 })], { numRuns: fcRuns(100) })(
    'acceptance: the UL cost of the best class is non-decreasing as the coupling loss grows (infeasible stays infeasible)',
    ({ service, link, opts }, extra) => {
      const cl = link.linkBudget!.couplingLossDb!;
      const near = searchBest(makeCtx([service], link, opts));
      const far = searchBest(makeCtx([service], { ...link, linkBudget: { ...link.linkBudget, couplingLossDb: cl + extra } }, opts));
      if (near === null) expect(far).toBeNull();
      else if (far !== null) expect(far.outcome.cost).toBeGreaterThanOrEqual(near.outcome.cost * (1 - 1e-12));
    },
  );

  test.prop([arbUlBudgetCase], { numRuns: fcRuns(60) })('every class planned under a budget passes verify (each allocation at its own SNR)', ({ service, link, opts }) => {
    const p = plan(service, link, opts);
    if (E.isLeft(p)) return;
    const v = verify(p.right, service, link);
    expect(v.reasons.filter((r) => !r.startsWith('note:'))).toEqual([]);
    expect(v.pass).toBe(true);
  });

  it('an edge service gets a narrower or more robust UL class than the same service in the median (catalogue)', () => {
    const link = budgetLink({}, mechanismLink);
    // 4 kB: the edge UE has no class at all (null is the extreme of "more robust"); 500 B: both have one
    for (const bytes of [4000, 500]) {
      const svc = { id: 'x', direction: 'UL' as const, payload: { sizesBytes: [bytes] }, periodMs: 20, latencyBudgetMs: 10, epsilon: 1e-4, fiveQi: null };
      const med = searchBest(makeCtx([svc], link, undefined));
      const edge = searchBest(makeCtx([{ ...svc, position: 'edge' as const }], link, undefined));
      expect(med, `${bytes} B median`).not.toBeNull();
      if (bytes === 500) expect(edge, '500 B edge').not.toBeNull();
      if (edge !== null) expect(edge.outcome.cost).toBeGreaterThanOrEqual(med!.outcome.cost);
    }
  });
});

describe('the premise of the band search: the certified error never falls when the SNR does', () => {
  const arbFading = fc.constantFrom(
    { fading: { kind: 'awgn' as const }, harqFading: 'independent' as const },
    { fading: { kind: 'rayleigh' as const, diversity: 2 }, harqFading: 'independent' as const },
    { fading: { kind: 'rayleigh' as const, diversity: 2 }, harqFading: 'same' as const },
    // correlated HARQ fading: the flat context at the band SNR keeps the space's correlation profile
    { fading: { kind: 'rayleigh' as const, diversity: 2 }, harqFading: 'correlated' as const },
  );
  test.prop(
    [arbFading, fc.integer({ min: 0, max: 27 }), fc.integer({ min: 24, max: 20000 }), fc.constantFrom<1 | 2 | 4>(1, 2, 4), fc.integer({ min: -20, max: 60 }), fc.integer({ min: 1, max: 20 })],
    { numRuns: fcRuns(200) },
  )('e_t at the band SNR s − 0.5·k ≥ e_t at s (every t), on the 0.5 dB lattice', (f, mcs, tbs, r, s2, k) => {
    const link: LinkContext = { ...defaultLink, ...f };
    const ctx = makeCtx([], link, { mcsTables: ['qam64'] });
    const m = ctx.mcsList.find((x) => x.mcs === mcs)!;
    const hi = ctx.err(m, tbs, r, s2 * 0.5);
    const lo = ctx.err(m, tbs, r, s2 * 0.5 - 0.5 * k);
    for (let t = 1; t <= 4; t++) expect(lo[t]!).toBeGreaterThanOrEqual(hi[t]!);
  });
});

describe('verify says no when the budget cannot carry a wide UL class', () => {
  it('the flat-link class of teleop.uplink_features (208 PRBs on the mechanism link) fails verify under the median budget; a narrow one does not change', async () => {
    const { serviceById } = await import('../../src/services/catalogue.js');
    for (const [id, expectPass] of [['teleop.uplink_features', false], ['teleop.haptic_feedback', true]] as const) {
      const s = serviceById(id);
      if (s._tag === 'None') throw new Error(id);
      const p = plan(s.value, mechanismLink);
      if (E.isLeft(p)) throw new Error(`${id} infeasible on the flat link`);
      expect(verify(p.right, s.value, mechanismLink).pass).toBe(true);
      const v = verify(p.right, s.value, budgetLink({}, mechanismLink));
      expect(v.pass).toBe(expectPass);
      if (!expectPass) expect(v.reasons.join(' ')).toMatch(/P\(miss\)/);
    }
  });
});
