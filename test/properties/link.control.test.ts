/**
 * Control-channel errors (issue 14 item 4; link/control.ts): the packet epsilon is non-decreasing in
 * each control-error rate — in the formula, in `verify` (what every printed epsilon is) and in the
 * planner's model (definition.evaluateAllocated) — the defaults are in every printed epsilon, and
 * bad rates are refused.
 */
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeLinkContext, verify, type LinkContext } from '../../src/classes/index.js';
// the verify cases were derived on the free FDD carrier (mu 2 is not a data numerology of the n78 default)
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { controlLossPerTb, DEFAULT_CONTROL_ERRORS, NO_CONTROL_ERRORS, withControlErrors, type ControlErrors } from '../../src/link/control.js';
import { DL_CLASS, DL_SERVICE, UL_CLASS, UL_SERVICE } from '../classes/verify.cases.js';
import { fcRuns } from '../support/fc-runs.js';

const rate = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 0.5, noNaN: true }));
const rates = fc.record({ pdcchMissProb: rate, harqAckErrorProb: rate, srMissProb: rate });
const KEYS = ['pdcchMissProb', 'harqAckErrorProb', 'srMissProb'] as const;
const errVec = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }).map((xs) => {
  const s = [...xs].sort((a, b) => b - a);
  return [1, ...s];
});

describe('withControlErrors', () => {
  test.prop([rates, fc.constantFrom(...KEYS), fc.double({ min: 0, max: 0.5, noNaN: true }), errVec, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom<'DL' | 'UL'>('DL', 'UL'), fc.constantFrom<'configured' | 'dynamic' | 'sr'>('configured', 'dynamic', 'sr'), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: fcRuns(400) })(
    'is non-decreasing in each rate, ≥ the data miss, ≤ 1',
    (c, key, bump, e, k, segs, dir, grant, data) => {
      const more: ControlErrors = { ...c, [key]: Math.min(0.5, c[key] + bump) };
      const a = withControlErrors(data, e, k, segs, dir, grant, c);
      const b = withControlErrors(data, e, k, segs, dir, grant, more);
      expect(b).toBeGreaterThanOrEqual(a);
      expect(a).toBeGreaterThanOrEqual(data);
      expect(b).toBeLessThanOrEqual(1);
    },
  );
  it('zero rates change nothing; a configured-grant UL TB with one transmission pays no control error', () => {
    expect(withControlErrors(1e-6, [1, 0.1, 0.01, 0.001, 1e-4], 4, 3, 'DL', 'dynamic', NO_CONTROL_ERRORS)).toBe(1e-6);
    expect(controlLossPerTb([1, 0.1], 1, 'UL', 'configured', DEFAULT_CONTROL_ERRORS)).toBe(0);
    // DL, k = 2: DCI of tx 1 (1·p), NACK after tx 1 (e_1·q), DCI of tx 2 (e_1·p)
    expect(controlLossPerTb([1, 0.1, 0.01], 2, 'DL', 'dynamic', { pdcchMissProb: 1e-3, harqAckErrorProb: 1e-2, srMissProb: 0 })).toBeCloseTo(1e-3 + 0.1 * 1e-2 + 0.1 * 1e-3, 15);
  });
});

describe('verify: epsilon is non-decreasing in each control-error rate', () => {
  const cases = [
    { c: UL_CLASS, s: UL_SERVICE },
    { c: { ...UL_CLASS, grant: 'sr' as const, id: 'UL-sr' }, s: UL_SERVICE },
    { c: DL_CLASS, s: DL_SERVICE },
  ];
  test.prop([rates, fc.constantFrom(...KEYS), fc.double({ min: 1e-7, max: 0.1, noNaN: true }), fc.integer({ min: 0, max: cases.length - 1 })], { numRuns: fcRuns(12) })(
    'verify(…, link with a larger rate).epsilonAchieved ≥ verify(…, link).epsilonAchieved',
    (c, key, bump, i) => {
      const { c: cls, s } = cases[i]!;
      const l1: LinkContext = { ...defaultLink, controlErrors: c };
      const l2: LinkContext = { ...defaultLink, controlErrors: { ...c, [key]: Math.min(0.5, c[key] + bump) } };
      expect(verify(cls, s, l2).epsilonAchieved).toBeGreaterThanOrEqual(verify(cls, s, l1).epsilonAchieved);
    },
  );
  it('the defaults are in the printed epsilon (DL dynamic pays at least one DCI)', () => {
    const withDefaults = verify(DL_CLASS, DL_SERVICE, defaultLink).epsilonAchieved;
    const without = verify(DL_CLASS, DL_SERVICE, { ...defaultLink, controlErrors: NO_CONTROL_ERRORS }).epsilonAchieved;
    expect(withDefaults).toBeGreaterThanOrEqual(without + DEFAULT_CONTROL_ERRORS.pdcchMissProb * (1 - 1e-9));
    const sr = { ...UL_CLASS, grant: 'sr' as const, id: 'UL-sr' };
    expect(verify(sr, UL_SERVICE, defaultLink).epsilonAchieved).toBeGreaterThanOrEqual(DEFAULT_CONTROL_ERRORS.srMissProb);
  });
});

describe('link.controlErrors decoding', () => {
  it('defaults, partial input, and refusals name the field', () => {
    const d = decodeLinkContext({});
    expect(E.isRight(d) && d.right.controlErrors).toEqual(DEFAULT_CONTROL_ERRORS);
    const p = decodeLinkContext({ controlErrors: { pdcchMissProb: 1e-3 } });
    expect(E.isRight(p) && p.right.controlErrors).toEqual({ ...DEFAULT_CONTROL_ERRORS, pdcchMissProb: 1e-3 });
    for (const bad of [-1e-3, 0.7, Number.NaN, 'x']) {
      const r = decodeLinkContext({ controlErrors: { srMissProb: bad } });
      expect(E.isLeft(r) && r.left.message).toMatch(/controlErrors\.srMissProb/);
    }
    const f = decodeLinkContext({ carrierFrequencyGHz: 0.1 });
    expect(E.isLeft(f) && f.left.message).toMatch(/carrierFrequencyGHz/);
    const h = decodeLinkContext({ harqFading: 'sometimes' });
    expect(E.isLeft(h) && h.left.message).toMatch(/harqFading/);
    expect(E.isRight(decodeLinkContext({ band: 'n257', harqFading: 'correlated', carrierFrequencyGHz: 28 }))).toBe(true);
  });
});
