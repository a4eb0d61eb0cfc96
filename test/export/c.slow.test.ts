/**
 * The exported C classifier, slow tier (`npm run test:slow`, run by CI): every byte size where more is
 * served — a mechanism link (independent HARQ fading, no control errors) serves the large-payload
 * services too, ~327,000 sizes over their multi-piece size tables. c.test.ts (fast tier) checks the
 * catalogue on the free FDD carrier and a synthetic plan with a 3 MB profile.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { deriveClasses, services } from '../../src/index.js';
import { build, CC, compare, queriesOf, removeBuilds } from './c-support.js';

afterAll(removeBuilds);

describe.skipIf(CC === undefined)('phyclass export --target c: the C classifier (slow tier)', () => {
  it('agrees on every byte size where more is served (a mechanism link: ~327,000 sizes, large profiles included)', () => {
    // independent HARQ fading and no control errors serve the large-payload services too, so the C/TS
    // agreement is checked over large profiles (their multi-piece size tables) and not only small ones
    const mechanismLink = { ...defaultLink, harqFading: 'independent' as const, controlErrors: { pdcchMissProb: 0, harqAckErrorProb: 0, srMissProb: 0 } };
    const plan = deriveClasses(services, mechanismLink, { maxClasses: 4 });
    expect(plan.assignments.length).toBeGreaterThan(10);
    const run = build('mechanism', plan);
    const q = queriesOf(plan);
    expect(q.length).toBeGreaterThan(300_000);
    compare(plan, q, run);
  }, 120_000);
});
