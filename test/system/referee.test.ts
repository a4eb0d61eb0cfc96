/**
 * The referee (issue 13 §6, spec/system.md §6): random subsets of the catalogue with UE counts
 * scaled ×0.5…×3 are planned with `deriveSystem`, and exactly the printed plan is simulated
 * (`simulateSystemPlan`: the plan's classes, BWPs, admitted UEs, grants and policy). No service the
 * system check verified may miss its epsilon with confidence (Wilson 95 % lower bound above epsilon).
 * Seeded; slot counts chosen so that the file runs in well under a minute on a loaded 2-core machine.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink } from '../../src/classes/link.js';
import { services as catalogue } from '../../src/services/catalogue.js';
import { deriveSystem } from '../../src/system/derive.js';
import { simulateSystemPlan } from '../../src/scheduler/fromPlan.js';
import { expectNoConfidentMiss } from './referee-support.js';

// the three services no class serves on the default link are left out (nothing to simulate)
const POOL = catalogue.filter((s) => !['industrial.motion_control', 'v2x.remote_driving_uplink_features', 'v2x.8k_perception_features'].includes(s.id));

describe('referee: simulate the derived plan', () => {
  test.prop(
    [
      fc.uniqueArray(fc.nat(POOL.length - 1), { minLength: 2, maxLength: 3 }),
      fc.array(fc.constantFrom(0.5, 1, 2, 3), { minLength: 3, maxLength: 3 }),
    ],
    { numRuns: 3, seed: 4242, endOnFailure: true },
  )('no system-verified service has a simulated Wilson lower bound above its epsilon', (picks, scales) => {
    const svcs = picks.map((i, k) => {
      const s = POOL[i]!;
      return { ...s, ueCount: Math.max(1, Math.round((s.ueCount ?? 1) * scales[k]!)) };
    });
    const r = deriveSystem(svcs, defaultLink, { maxClasses: 3 });
    expect(r.verdict.pass).toBe(true);
    // never "verified" next to a load above 100 %
    expect(r.verdict.loadByDirection.DL).toBeLessThanOrEqual(1);
    expect(r.verdict.loadByDirection.UL).toBeLessThanOrEqual(1);
    if (!r.plan.services.some((x) => x.admittedUes > 0)) return;
    const sim = simulateSystemPlan(r.plan, svcs, defaultLink, { slots: 8000, seed: 7 });
    expect(E.isRight(sim)).toBe(true);
    if (E.isLeft(sim)) return;
    expectNoConfidentMiss(r.verdict.services, sim.right.services, svcs);
  });
});
