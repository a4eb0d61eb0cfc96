/**
 * codesign, slow tier (`npm run test:slow`, run by CI): the application-side relaxations of the
 * catalogue's 8K service on the free FDD carrier, each confirmed by `plan` and `verify`
 * (codesign-support.ts). The same check on the n78 default link runs in `npm test` (codesign.test.ts).
 */
import { describe, it } from 'vitest';
import { freeFddLink } from '../../src/classes/link.js';
import { checkApplicationRelaxations } from './codesign-support.js';

describe('application-side relaxations (plan)', () => {
  it('v2x.8k_perception_features on the free FDD link: at least one, each confirmed by plan and verify', () => {
    checkApplicationRelaxations(freeFddLink);
  }, 60_000);
});
