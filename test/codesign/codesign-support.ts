/**
 * The application-side relaxations check of the catalogue's 8K service (issue 15 acceptance), shared by
 * codesign.test.ts (the n78 default link, `npm test`) and codesign.slow.test.ts (the free FDD carrier,
 * slow tier): the service is infeasible on the link, at least one application-side relaxation exists,
 * and each is confirmed by `plan` (the class it names) and `verify`, with a smaller largest payload.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { expect } from 'vitest';
import { plan, verify, type LinkContext } from '../../src/classes/index.js';
import { applicationRelaxations } from '../../src/codesign/index.js';
import { payloadProfile, serviceById } from '../../src/services/catalogue.js';

export function checkApplicationRelaxations(link: LinkContext): void {
  const s = serviceById('v2x.8k_perception_features');
  if (O.isNone(s)) throw new Error('catalogue');
  expect(E.isLeft(plan(s.value, link, { relaxations: false }))).toBe(true);
  const app = applicationRelaxations(s.value, link);
  expect(app.length).toBeGreaterThanOrEqual(1);
  for (const a of app) {
    const changed = { ...s.value, payload: payloadProfile(a.sizesBytes), feature: a.feature };
    const r = plan(changed, link);
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(r.right.id).toBe(a.classId);
      expect(verify(r.right, changed, link).pass).toBe(true);
    }
    expect(Math.max(...a.sizesBytes)).toBeLessThan(s.value.payload.maxBytes);
  }
}
