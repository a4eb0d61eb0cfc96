/**
 * errFirstTransmission (classes/model) is errVector(...)[1] without the later attempts: the same number,
 * bit for bit, whatever the kernel computed before (its hints and pass slots never change an answer),
 * under every fading the planner bounds (correlated, same and independent HARQ fading, AWGN, Nakagami,
 * Rician, diversity), with or without the vector already memoised. The diagnosis's peak goodput uses it.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect } from 'vitest';
import { defaultLink, type LinkContext } from '../../src/classes/link.js';
import { errFirstTransmission, errVector, makeCtx } from '../../src/classes/model.js';
import { PlannerCache } from '../../src/classes/cache.js';
import type { Repetitions } from '../../src/classes/types.js';
import { services } from '../../src/services/catalogue.js';
import { fcRuns } from '../support/fc-runs.js';

const linkArb: fc.Arbitrary<LinkContext> = fc
  .record({
    snrDb: fc.oneof(fc.integer({ min: -10, max: 40 }), fc.double({ min: -10, max: 40, noNaN: true })),
    fading: fc.constantFrom<LinkContext['fading']>(
      { kind: 'rayleigh' },
      { kind: 'rayleigh', diversity: 2 },
      { kind: 'rayleigh', diversity: 4 },
      { kind: 'awgn' },
      { kind: 'nakagami', m: 2 },
      { kind: 'rician', kFactorDb: 6 },
    ),
    harqFading: fc.constantFrom<'same' | 'independent' | 'correlated'>('correlated', 'independent', 'same'),
  })
  .map((r): LinkContext => ({ ...defaultLink, snrDb: r.snrDb, fading: r.fading, harqFading: r.harqFading }));
const query = fc.record({ mcsPick: fc.nat(), tbsBits: fc.integer({ min: 24, max: 1_300_000 }), r: fc.constantFrom<Repetitions>(1, 2, 4, 8) });

describe('errFirstTransmission', () => {
  test.prop([linkArb, fc.array(query, { minLength: 1, maxLength: 6 }), fc.constantFrom(...services)], { numRuns: fcRuns(80) })(
    'equals errVector(...)[1], bit for bit, on a kernel warmed by other queries and with the vector memoised',
    (link, qs, svc) => {
      const warm = makeCtx([svc], link, undefined, {}, new PlannerCache());
      for (const q of qs) {
        const m = warm.mcsList[q.mcsPick % warm.mcsList.length]!;
        const reference = errVector(makeCtx([svc], link, undefined, {}, new PlannerCache()), m, q.tbsBits, q.r)[1]!;
        // not memoised in `warm` yet: the first attempt alone, on a kernel that served the earlier queries
        expect(Object.is(errFirstTransmission(warm, m, q.tbsBits, q.r), reference)).toBe(true);
        // memoised: read from the vector
        errVector(warm, m, q.tbsBits, q.r);
        expect(Object.is(errFirstTransmission(warm, m, q.tbsBits, q.r), reference)).toBe(true);
      }
    },
  );
});
