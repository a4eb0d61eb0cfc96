/**
 * deriveSystem (spec/system.md §4): copies of one service that together overload the carrier are
 * admitted only as far as the system check proves; the plan always passes verifySystem, its loads
 * stay ≤ 100 %, and the services not fully admitted carry their binding constraint and relaxations.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { plan } from '../../src/classes/planner.js';
import { verify } from '../../src/classes/verify.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';
import { deriveSystem } from '../../src/system/derive.js';
import { verifySystem } from '../../src/system/verify.js';

const copies = (id: string, k: number, ueCount: number): ServiceProfile[] => {
  const s = serviceById(id);
  if (O.isNone(s)) throw new Error(id);
  return Array.from({ length: k }, (_, i) => ({ ...s.value, id: `${id}.${i + 1}`, ueCount }));
};

describe('PlanOptions.maxPrbPerTti', () => {
  it('caps the class at the given PRBs per TTI (more TTIs), and the capped class verifies', () => {
    const s = serviceById('v2x.collision_avoidance');
    if (O.isNone(s)) throw new Error('catalogue');
    const free = plan(s.value, defaultLink, { relaxations: false });
    const capped = plan(s.value, defaultLink, { relaxations: false, maxPrbPerTti: 12 });
    expect(E.isRight(free) && E.isRight(capped)).toBe(true);
    if (E.isLeft(free) || E.isLeft(capped)) return;
    expect(free.right.nPrb).toBeGreaterThan(12);
    expect(capped.right.nPrb).toBeLessThanOrEqual(12);
    expect(verify(capped.right, s.value, defaultLink).pass).toBe(true);
  });
});

describe('deriveSystem', () => {
  it('three copies that overload a 20 MHz carrier: admitted as far as proven, never above 100 %', () => {
    const link = { ...defaultLink, bandwidthMHz: 20 };
    const svcs = copies('v2x.collision_avoidance', 3, 10);
    const r = deriveSystem(svcs, link, { maxClasses: 2 });
    expect(r.verdict.pass).toBe(true);
    // independent re-check of the returned plan
    expect(verifySystem(r.plan, svcs, link).pass).toBe(true);
    expect(r.verdict.loadByDirection.UL).toBeLessThanOrEqual(1);
    expect(r.verdict.peakByDirection.UL).toBeLessThanOrEqual(1);
    const total = r.plan.services.reduce((a, x) => a + x.admittedUes, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(30);
    for (const a of r.admission) {
      if (a.admittedUes < a.ueCount) {
        expect(a.binding).toMatch(/PRB|system check/);
        expect(a.relaxations.some((x) => x.kind === 'ues')).toBe(true);
        expect(a.relaxations.some((x) => x.kind === 'bandwidth')).toBe(true);
      }
    }
    // one more UE of an admitted copy fails the check (admission is tight for the peak fit)
    const i = r.plan.services.findIndex((x) => x.admittedUes > 0 && x.admittedUes < x.ueCount);
    if (i >= 0) {
      const more = { ...r.plan, services: r.plan.services.map((x, j) => (j === i ? { ...x, admittedUes: x.admittedUes + 1 } : x)) };
      expect(verifySystem(more, svcs, link).pass).toBe(false);
    }
  });

  it('a set that fits is admitted whole', () => {
    const svcs = copies('uav.c2_stick', 2, 3);
    const r = deriveSystem(svcs, defaultLink, { maxClasses: 2 });
    expect(r.verdict.pass).toBe(true);
    expect(r.plan.services.every((x) => x.admittedUes === x.ueCount)).toBe(true);
    expect(r.admission.every((a) => a.binding === null)).toBe(true);
  });
});
