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

describe('the correlation profile memo (PlannerCache.profiles, model.makeCtx)', () => {
  // contexts of different spaces, links, restrictions and Dopplers planned one after the other on one
  // cache: each must get exactly its own profile, so every input a profile reads has to be in the key
  // one link and one base restriction per run, and steps that change the services (so the Dopplers) or
  // keep them, half the time one input of the space and now and then the link: keys of steps then often
  // differ in one part only
  const stepArb = fc.tuple(
    fc.option(fc.array(serviceArb, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.record({ grants: fc.subarray(['configured', 'dynamic', 'sr'] as const, { minLength: 1 }) }) },
      { weight: 1, arbitrary: fc.record({ repetitions: fc.subarray([1, 2, 4, 8] as const, { minLength: 1, maxLength: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ mu: fc.subarray([0, 1] as const, { minLength: 1 }) }) },
      { weight: 1, arbitrary: fc.record({ ttiSymbols: fc.subarray([14, 7, 4, 2], { minLength: 1, maxLength: 3 }) }) },
    ),
    fc.option(linkArb, { nil: undefined, freq: 3 }),
  );
  test.prop([linkArb, arbOpts, fc.array(stepArb, { minLength: 2, maxLength: 6 })], { numRuns: fcRuns(200) })(
    'gives every context the profile computed afresh for its own space',
    (link, opts, steps) => {
      const cache = new PlannerCache();
      let prev = [services[0] as PlannableService];
      for (const [drawn, change, otherLink] of steps) {
        // (no services drawn: the previous step's, so that only the change differs)
        const svcs = drawn ?? prev;
        prev = svcs;
        const dir = svcs[0]!.direction;
        const same = svcs.filter((s) => s.direction === dir);
        const o = { ...opts };
        Object.assign(o, change);
        const l = otherLink ?? link;
        const ctx = makeCtx(same, l, o, {}, cache);
        const reference = correlationProfile(candidateSpace(same, l, o, {}));
        expect(correlationProfileKey(ctx.profile!)).toBe(correlationProfileKey(reference));
      }
    },
  );

  test('a catalogue pass asks for few profiles, and a new SNR finds them all', () => {
    const cache = new PlannerCache();
    for (const s of services) makeCtx([s as PlannableService], defaultLink, undefined, {}, cache);
    const first = { ...cache.stats().profiles };
    for (const s of services) makeCtx([s as PlannableService], { ...defaultLink, snrDb: defaultLink.snrDb + 1 }, undefined, {}, cache);
    const second = cache.stats().profiles;
    expect(first.misses).toBeLessThan(services.length);
    expect(second.misses).toBe(first.misses);
    expect(second.hits).toBe(first.hits + services.length);
  });
});
