/**
 * verifySystem (spec/system.md §2–§3): the whole-carrier check says no where it must — over-full
 * BWP, configured-grant overbooking, colliding bursts of one service, a partition wider than the
 * carrier, TDM on a configured grant — each with a reason naming the numbers; and yes for a plan that
 * fits, with the single-UE bound as its epsilon.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import type { PhyClass } from '../../src/classes/types.js';
import { verify } from '../../src/classes/verify.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';
import type { SystemPlan } from '../../src/system/types.js';
import { overflowProbability, ueWidthPrb, verifySystem } from '../../src/system/verify.js';

const svc = (id: string, ueCount: number): ServiceProfile => {
  const s = serviceById(id);
  if (O.isNone(s)) throw new Error(id);
  return { ...s.value, ueCount };
};

let pose: ServiceProfile;
let poseCg: PhyClass;
let poseDyn: PhyClass;
let c2: ServiceProfile;
let c2Class: PhyClass;

beforeAll(() => {
  pose = svc('xr.pose_ul', 10);
  c2 = svc('uav.c2_stick', 4);
  const a = plan(pose, defaultLink, { mu: [2], grants: ['configured'] });
  const b = plan(pose, defaultLink, { mu: [2], grants: ['dynamic'] });
  const c = plan(c2, defaultLink, { mu: [2] });
  if (E.isLeft(a) || E.isLeft(b) || E.isLeft(c)) throw new Error('plan failed');
  poseCg = a.right;
  poseDyn = b.right;
  c2Class = c.right;
});

const mk = (cls: PhyClass, s: ServiceProfile, n: number, nPrb: number, over: Partial<SystemPlan> = {}, tdmGroups?: number): SystemPlan => ({
  classes: [cls],
  bwps: [{ id: 'b', mu: cls.mu, nPrb }],
  services: [{ serviceId: s.id, classId: cls.id, bwpId: 'b', ueCount: n, admittedUes: n, ...(tdmGroups !== undefined ? { tdmGroups } : {}) }],
  policy: 'edf',
  arrivals: 'synchronous',
  ...over,
});

describe('verifySystem', () => {
  it('passes a plan that fits, with the single-UE bound as its epsilon', () => {
    const w = ueWidthPrb(poseCg, pose.payload.sizesBytes);
    const v = verifySystem(mk(poseCg, pose, 10, 10 * w), [pose], defaultLink);
    expect(v.pass).toBe(true);
    const alone = verify(poseCg, { ...pose, ueCount: 1 }, defaultLink);
    expect(v.services[0]!.epsilonAchieved).toBeCloseTo(alone.epsilonAchieved, 12);
    expect(v.services[0]!.contentionBound).toBe(0);
    expect(v.peakByDirection.UL).toBeLessThanOrEqual(1);
    expect(v.assumptions.length).toBeGreaterThan(3);
  });

  it('fails an over-full BWP with the PRB figures', () => {
    const w = ueWidthPrb(poseCg, pose.payload.sizesBytes);
    const v = verifySystem(mk(poseCg, pose, 10, 10 * w - 1), [pose], defaultLink);
    expect(v.pass).toBe(false);
    expect(v.services[0]!.reasons.join(' ')).toContain(`${10 * w} PRBs`);
    expect(v.services[0]!.reasons.join(' ')).toContain(`${10 * w - 1} PRBs of the BWP`);
  });

  it('CG overbooking fails even with independent phases; the dynamic grant of the same load may pass', () => {
    const w = ueWidthPrb(poseCg, pose.payload.sizesBytes);
    const v = verifySystem(mk(poseCg, pose, 10, 5 * w, { arrivals: 'independent' }), [pose], defaultLink);
    expect(v.pass).toBe(false);
    expect(v.services[0]!.contentionBound).toBe(1);
    const wd = ueWidthPrb(poseDyn, pose.payload.sizesBytes);
    // 100 B every 4 ms within 10 ms: each other UE is active in a window with p ≤ (10 + 10 + 1)/4 > 1 — no gain
    const vd = verifySystem(mk(poseDyn, pose, 10, 5 * wd, { arrivals: 'independent' }), [pose], defaultLink);
    expect(vd.pass).toBe(false);
    // the same check passes when the reservations fit
    const c2v = verifySystem(mk(c2Class, c2, 4, ueWidthPrb(c2Class, c2.payload.sizesBytes) * 4, { arrivals: 'independent' }), [c2], defaultLink);
    expect(c2v.pass).toBe(true);
  });

  it('colliding bursts: a service whose UEs burst together fails under service-synchronous phases', () => {
    const w = ueWidthPrb(c2Class, c2.payload.sizesBytes);
    const v = verifySystem(mk(c2Class, c2, 4, 4 * w - 1, { arrivals: 'service-synchronous' }), [c2], defaultLink);
    expect(v.pass).toBe(false);
    expect(v.services[0]!.reasons.join(' ')).toMatch(/PRBs/);
  });

  it('TDM windows: a dynamic class may serve n UEs on n/G widths; a configured grant may not', () => {
    const w = ueWidthPrb(poseDyn, pose.payload.sizesBytes);
    const ok = verifySystem(mk(poseDyn, pose, 10, 5 * w, {}, 2), [pose], defaultLink);
    expect(ok.services[0]!.windowMs).toBeCloseTo(5, 12);
    expect(ok.pass).toBe(ok.services[0]!.epsilonSingleUe <= pose.epsilon);
    const cg = verifySystem(mk(poseCg, pose, 10, 5 * w, {}, 2), [pose], defaultLink);
    expect(cg.pass).toBe(false);
    expect(cg.services[0]!.reasons.join(' ')).toContain('configured grant');
  });

  it('fails BWPs wider than the carrier and a class on a BWP of another numerology', () => {
    const p = mk(poseCg, pose, 1, 100);
    const two: SystemPlan = { ...p, bwps: [{ id: 'b', mu: 2, nPrb: 100 }, { id: 'c', mu: 1, nPrb: 100 }] };
    const v = verifySystem(two, [pose], defaultLink);
    expect(v.pass).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/take \d+\.\d % of the 100 MHz carrier/);
    const wrong: SystemPlan = { ...p, bwps: [{ id: 'b', mu: 1, nPrb: 100 }] };
    const v2 = verifySystem(wrong, [pose], defaultLink);
    expect(v2.pass).toBe(false);
    expect(v2.services[0]!.reasons.join(' ')).toContain('mu2 but BWP b is mu1');
  });

  it('never throws and returns finite numbers on nonsense', () => {
    const v = verifySystem({ ...mk(poseCg, pose, 3, 0), services: [{ serviceId: 'nope', classId: 'x', bwpId: 'y', ueCount: 1, admittedUes: 1 }] }, [pose], defaultLink);
    expect(v.pass).toBe(false);
    for (const s of v.services) expect(Number.isFinite(s.epsilonAchieved)).toBe(true);
  });

  it('overflowProbability is the exact Poisson-binomial tail', () => {
    expect(overflowProbability([{ weight: 2, p: 0.5 }, { weight: 2, p: 0.5 }], 3)).toBeCloseTo(0.25, 15);
    expect(overflowProbability([{ weight: 1, p: 1 }], 0)).toBe(1);
    expect(overflowProbability([], 0)).toBe(0);
    expect(overflowProbability([{ weight: 5, p: 0.1 }, { weight: 1, p: 0.3 }], 4)).toBeCloseTo(0.1, 15);
  });
});

describe('TDD: one numerology per carrier (the pattern has one reference numerology)', () => {
  it('a TDD plan with BWPs of two numerologies fails with the reason; the same classes on FDD pass the partition; deriveSystem on TDD with --mu 1,2 uses one', async () => {
    const { defaultLink: n78 } = await import('../../src/classes/link.js');
    const { deriveSystem } = await import('../../src/system/derive.js');
    const tdd = { ...n78, allowedMu: [1, 2] as const } as unknown as typeof n78;
    const s1 = svc('uav.c2_stick', 1);
    const s2 = svc('uav.telemetry_ul', 1);
    const a = plan(s1, tdd, { mu: [1] });
    const b = plan(s2, tdd, { mu: [2] });
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    if (E.isLeft(a) || E.isLeft(b)) return;
    const mixed: SystemPlan = {
      classes: [a.right, b.right],
      bwps: [{ id: 'bwp-mu1', mu: 1, nPrb: 130 }, { id: 'bwp-mu2', mu: 2, nPrb: 60 }],
      services: [
        { serviceId: s1.id, classId: a.right.id, bwpId: 'bwp-mu1', ueCount: 1, admittedUes: 1 },
        { serviceId: s2.id, classId: b.right.id, bwpId: 'bwp-mu2', ueCount: 1, admittedUes: 1 },
      ],
      policy: 'edf',
      arrivals: 'synchronous',
    };
    const v = verifySystem(mixed, [s1, s2], tdd);
    expect(v.pass).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/TDD with BWPs of several numerologies \(mu1, mu2\)/);
    // the partition rule is TDD's: on a paired carrier the same two BWPs are no reason to fail
    const fdd = verifySystem(mixed, [s1, s2], { ...defaultLink, allowedMu: [1, 2] } as typeof defaultLink);
    expect(fdd.reasons.join(' ')).not.toMatch(/several numerologies/);
    const sys = deriveSystem([s1, s2, svc('xr.pose_ul', 1)], tdd);
    expect(new Set(sys.plan.bwps.map((x) => x.mu)).size).toBeLessThanOrEqual(1);
    expect(sys.verdict.pass).toBe(true);
  });
});
