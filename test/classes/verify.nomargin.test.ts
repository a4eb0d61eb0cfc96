/**
 * `verifyWith(..., { snrMargin: false })` answers what `verify` answers but the SNR margin: the same pass,
 * reasons (less the margin note), per-size verdicts, epsilon, latency margin, REs and load. The application
 * relaxations (codesign/application `verifies`) and the stack exports' nearest classes rely on it to skip
 * the margin's bisection (≈ 15 more evaluations per size).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import { fcRuns } from '../support/fc-runs.js';
import { plan } from '../../src/classes/planner.js';
import { verify, verifyWith } from '../../src/classes/verify.js';
import { arbCase } from './support.js';

describe('verify without its SNR margin', () => {
  test.prop([arbCase, fc.constantFrom(1, 0.1, 0.001), fc.constantFrom(1, 0.6, 0.3)], { numRuns: fcRuns(60) })(
    'answers as verify does, the margin (and its note) aside: classes that pass and classes that fail',
    ({ service, link, opts }, epsScale, budgetScale) => {
      const r = plan(service, link, opts);
      if (E.isLeft(r)) return;
      // the planned class, checked against the service and against stricter versions of it (which it may fail)
      const s = { ...service, epsilon: service.epsilon * epsScale, latencyBudgetMs: service.latencyBudgetMs * budgetScale };
      const full = verify(r.right, s, link);
      const quick = verifyWith(r.right, s, link, { snrMargin: false });
      expect(quick.pass).toBe(full.pass);
      expect(quick.reasons).toEqual(full.reasons.filter((x) => !x.startsWith('note: SNR margin')));
      expect(quick.perSize).toEqual(full.perSize);
      expect(quick.epsilonAchieved).toBe(full.epsilonAchieved);
      expect(quick.latencyMarginMs).toBe(full.latencyMarginMs);
      expect(quick.rePerSecond).toBe(full.rePerSecond);
      expect(quick.load).toBe(full.load);
      expect(quick.snrMarginDb).toBe(0);
    },
  );
});
