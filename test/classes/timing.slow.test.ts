/**
 * Stack timing profiles, slow tier (`npm run test:slow`, run by CI): the plan of each sample service
 * under srsran-default and oai-default passes verify under it (test/classes/timing-profile.ts);
 * spec-min and srsran-low-latency run in the fast tier (timing.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { TIMING_PROFILE_NAMES } from '../../src/link/timing.js';
import { profileCheck } from './timing-profile.js';

const SLOW_PROFILES = ['srsran-default', 'oai-default'] as const;

describe('plan under a stack timing profile passes verify under it (slower profiles)', () => {
  it('the fast and slow tiers together cover every named profile', () => {
    expect([...TIMING_PROFILE_NAMES].sort()).toEqual(['spec-min', 'srsran-low-latency', ...SLOW_PROFILES].sort());
  });
  // refusals search their relaxations (seconds each, the first cold): a longer limit than the default 60 s
  for (const timing of SLOW_PROFILES) it(timing, () => profileCheck(timing), 240_000);
});
