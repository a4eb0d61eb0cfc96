/**
 * makeCtx builds the correlation profile (definition.correlationProfile, spec/fading.md "The planner's
 * bound") from the planner's memoised latency vectors (model latVector, the memo the search reads)
 * instead of latencyVector per (mu, TTI, grant): the profile must be the same, bit for bit, whatever
 * the memo already holds. The profile keys the error tables, so a difference would change every bound.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect } from 'vitest';
import { defaultLink, type LinkContext } from '../../src/classes/link.js';
import { correlationProfile, correlationProfileKey, candidateSpace } from '../../src/classes/definition.js';
import { makeCtx, type PlannableService } from '../../src/classes/model.js';
import { PlannerCache } from '../../src/classes/cache.js';
import { services } from '../../src/services/catalogue.js';
import { fcRuns } from '../support/fc-runs.js';
import { arbOpts, arbService } from './support.js';

const linkArb: fc.Arbitrary<LinkContext> = fc
  .record({
    snrDb: fc.double({ min: -5, max: 30, noNaN: true }),
    duplex: fc.constantFrom<'TDD' | 'FDD'>('TDD', 'FDD'),
    ueCapability: fc.constantFrom<1 | 2>(1, 2),
    tddPattern: fc.constantFrom('DDDSU', 'DDSUU', 'DDDDDDDSUU'),
  })
  .map((r): LinkContext => {
    const l: LinkContext = { ...defaultLink, snrDb: r.snrDb, ueCapability: r.ueCapability };
    if (r.duplex === 'FDD') {
      const { band: _b, tddPattern: _p, ...rest } = l;
      return { ...rest, duplex: 'FDD', carrierFrequencyGHz: 2.1 };
    }
    return { ...l, tddPattern: r.tddPattern };
  });
const serviceArb: fc.Arbitrary<PlannableService> = fc.oneof(fc.constantFrom(...(services as readonly PlannableService[])), arbService);

describe('the correlation profile from the memoised latencies', () => {
  test.prop([fc.array(serviceArb, { minLength: 1, maxLength: 3 }), linkArb, arbOpts, fc.boolean()], { numRuns: fcRuns(60) })(
    'equals the profile from latencyVector, bit for bit, with the memo empty or already filled',
    (svcs, link, opts, warmFirst) => {
      const cache = new PlannerCache();
      const dir = svcs[0]!.direction;
      const same = svcs.filter((s) => s.direction === dir);
      // (a second context on the same link and direction fills the memo first, in another order)
      if (warmFirst) makeCtx([...same].reverse(), link, opts, {}, cache);
      const ctx = makeCtx(same, link, opts, {}, cache);
      const reference = correlationProfile(candidateSpace(same, link, opts, {}));
      expect(ctx.profile === undefined).toBe(false);
      expect(correlationProfileKey(ctx.profile!)).toBe(correlationProfileKey(reference));
    },
  );
});
