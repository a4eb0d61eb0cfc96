/**
 * planClass (classes/planner.ts) is plan without the diagnosis: the same class where plan returns Right,
 * null where it returns Left (infeasible, or bad input); planExists says whether it is not null. The
 * application-side relaxation probes use both (codesign/application.ts).
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, type LinkContext } from '../../src/classes/link.js';
import { plan, planClass, planExists } from '../../src/classes/planner.js';
import type { PlannableService } from '../../src/classes/model.js';
import { services } from '../../src/services/catalogue.js';
import { fcRuns } from '../support/fc-runs.js';
import { arbOpts, arbService } from './support.js';

const linkArb: fc.Arbitrary<LinkContext> = fc
  .record({
    snrDb: fc.double({ min: -5, max: 35, noNaN: true }),
    bandwidthMHz: fc.constantFrom(20, 40, 100),
    duplex: fc.constantFrom<'TDD' | 'FDD'>('TDD', 'FDD'),
  })
  .map((r): LinkContext => {
    if (r.duplex === 'TDD') return { ...defaultLink, snrDb: r.snrDb, bandwidthMHz: r.bandwidthMHz };
    const { band: _b, tddPattern: _p, ...rest } = defaultLink;
    return { ...rest, snrDb: r.snrDb, bandwidthMHz: r.bandwidthMHz, duplex: 'FDD', carrierFrequencyGHz: 2.1 };
  });
const serviceArb: fc.Arbitrary<{ s: PlannableService; small: boolean }> = fc.oneof(
  fc.constantFrom(...(services as readonly PlannableService[])).map((s) => ({ s, small: false })),
  arbService.map((s) => ({ s, small: true })),
  // bad input: plan says Left('input'), planClass null
  arbService.map((s) => ({ s: { ...s, epsilon: 1.5 }, small: true })),
);

describe('planClass', () => {
  test.prop([serviceArb, linkArb, arbOpts], { numRuns: fcRuns(60) })('is the class plan returns, or null where plan returns Left; planExists is whether it is not null', ({ s, small }, link, opts) => {
    const o = { ...(small ? opts : {}), relaxations: false };
    const p = plan(s, link, o);
    const c = planClass(s, link, o);
    if (E.isLeft(p)) expect(c).toBeNull();
    else expect(c).toEqual(p.right);
    expect(planExists(s, link, o)).toBe(c !== null);
  });
});
