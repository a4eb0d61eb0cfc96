/**
 * Stack timing profiles (issue 16 §2; src/link/timing.ts, spec/latency.md, stack timing profiles): the law "a profile
 * never yields a lower latency than spec-min" over random configurations and profiles (fast-check),
 * the parts still summing to the total, the memo keyed by the timing, the named profiles' numbers,
 * and bad input naming the field and the allowed names.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Mu } from '../../src/core/types.js';
import { LATENCY_MAX_TRANSMISSIONS, tryUserPlaneLatency, type UserPlaneLatencyInput } from '../../src/link/latency.js';
import { TIMING_PROFILES, TIMING_PROFILE_NAMES, isSpecMin, srPeriodSymbols, validateTiming, type StackTiming } from '../../src/link/timing.js';
import { decodeLinkContext, defaultLink } from '../../src/classes/link.js';
import { fcRuns } from '../support/fc-runs.js';

const patternArb = fc
  .array(fc.constantFrom('D', 'S', 'U'), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
  .filter((s) => (s.includes('U') || s.includes('S')) && (s.includes('D') || s.includes('S')));
const baseArb = fc.record({
  dup: fc.oneof(fc.constant({ duplex: 'FDD' as const }), patternArb.map((tddPattern) => ({ duplex: 'TDD' as const, tddPattern }))),
  direction: fc.constantFrom<'DL' | 'UL'>('DL', 'UL'),
  mu: fc.constantFrom<Mu>(0, 1, 2, 3, 5, 6),
  ttiSymbols: fc.constantFrom(2, 4, 7, 14),
  ueCapability: fc.constantFrom<1 | 2>(1, 2),
  grant: fc.constantFrom<'dynamic' | 'configured' | 'sr'>('dynamic', 'configured', 'sr'),
  transmissions: fc.integer({ min: 1, max: LATENCY_MAX_TRANSMISSIONS }),
  alignment: fc.constantFrom<'average' | 'worst'>('average', 'worst'),
});
const explicitArb: fc.Arbitrary<StackTiming> = fc.oneof(
  fc.record({ k1MinSlots: fc.integer({ min: 0, max: 8 }), k2MinSlots: fc.integer({ min: 0, max: 8 }), gnbProcSlots: fc.integer({ min: 0, max: 8 }), srPeriodMs: fc.constantFrom(0, 0.5, 1, 2, 5, 10, 20) }),
  fc.record({ k1MinSlots: fc.integer({ min: 0, max: 8 }), k2MinSlots: fc.integer({ min: 0, max: 8 }), gnbProcSlots: fc.integer({ min: 0, max: 8 }), srPeriodSlots: fc.integer({ min: 0, max: 40 }) }),
);
const timingArb: fc.Arbitrary<StackTiming> = fc.oneof(fc.constantFrom<StackTiming>(...TIMING_PROFILE_NAMES), explicitArb);
type Base = typeof baseArb extends fc.Arbitrary<infer T> ? T : never;
const input = (b: Base, timing?: StackTiming): UserPlaneLatencyInput => ({
  ...b.dup,
  direction: b.direction,
  mu: b.mu,
  ttiSymbols: b.ttiSymbols,
  ueCapability: b.ueCapability,
  grant: b.grant,
  transmissions: b.transmissions,
  alignment: b.alignment,
  ...(timing === undefined ? {} : { timing }),
});

describe('stack timing profiles: laws (fast-check)', () => {
  test.prop([baseArb, timingArb], { numRuns: fcRuns(400) })('a profile never yields a lower latency than spec-min (and Left exactly when spec-min is)', (b, timing) => {
    const spec = tryUserPlaneLatency(input(b));
    const prof = tryUserPlaneLatency(input(b, timing));
    expect(E.isLeft(prof)).toBe(E.isLeft(spec));
    if (E.isLeft(spec) || E.isLeft(prof)) return;
    expect(prof.right.totalMs).toBeGreaterThanOrEqual(spec.right.totalMs - 1e-12);
  });

  test.prop([baseArb, timingArb], { numRuns: fcRuns(300) })('parts are finite, >= 0 and sum to totalMs under a profile', (b, timing) => {
    const r = tryUserPlaneLatency(input(b, timing));
    if (E.isLeft(r)) return;
    const parts = Object.values(r.right.parts);
    for (const v of parts) expect(Number.isFinite(v) && v >= -1e-12).toBe(true);
    expect(Math.abs(parts.reduce((a, x) => a + x, 0) - r.right.totalMs)).toBeLessThan(1e-9);
  });

  test.prop([baseArb, timingArb], { numRuns: fcRuns(200) })('non-decreasing in transmissions under a profile', (b, timing) => {
    const at = (tx: number): number | null => {
      const r = tryUserPlaneLatency({ ...input(b, timing), transmissions: tx });
      return E.isRight(r) ? r.right.totalMs : null;
    };
    for (let tx = 2; tx <= LATENCY_MAX_TRANSMISSIONS; tx++) {
      const lo = at(tx - 1);
      const hi = at(tx);
      if (lo !== null && hi !== null) expect(hi).toBeGreaterThan(lo);
    }
  });

  test.prop([baseArb], { numRuns: fcRuns(150) })("'spec-min' and all-zero values equal no timing at all", (b) => {
    const spec = tryUserPlaneLatency(input(b));
    const named = tryUserPlaneLatency(input(b, 'spec-min'));
    const zero = tryUserPlaneLatency(input(b, { k1MinSlots: 0, k2MinSlots: 0, gnbProcSlots: 0, srPeriodMs: 0 }));
    if (E.isLeft(spec)) return;
    expect(E.isRight(named) && named.right.totalMs).toBe(spec.right.totalMs);
    expect(E.isRight(zero) && zero.right.totalMs).toBe(spec.right.totalMs);
  });
});

describe('stack timing profiles: examples', () => {
  const base: UserPlaneLatencyInput = { direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 2, alignment: 'worst' };
  it('the memo is keyed by the timing: the same input under another profile is recomputed', () => {
    const spec = tryUserPlaneLatency(base);
    const srs = tryUserPlaneLatency({ ...base, timing: 'srsran-default' });
    const again = tryUserPlaneLatency(base);
    if (E.isLeft(spec) || E.isLeft(srs) || E.isLeft(again)) throw new Error('Left');
    expect(srs.right.totalMs).toBeGreaterThan(spec.right.totalMs + 1);
    expect(again.right).toBe(spec.right);
    const e1 = tryUserPlaneLatency({ ...base, timing: { k1MinSlots: 4, k2MinSlots: 4, gnbProcSlots: 5, srPeriodMs: 20 } });
    expect(E.isRight(e1) && e1.right.totalMs).toBe(srs.right.totalMs);
  });

  it('K1 ≥ k1MinSlots: a DL retransmission under K1 = 4 (30 kHz slot TTIs) waits 4 slots for the HARQ-ACK', () => {
    const r = tryUserPlaneLatency({ ...base, alignment: 'average', timing: { k1MinSlots: 4, k2MinSlots: 0, gnbProcSlots: 0, srPeriodMs: 0 } });
    if (E.isLeft(r)) throw new Error(r.left.message);
    // PDSCH in slot n ends at n+1; PUCCH in slot n+4, then the next DL slot n+5; the retransmission ends at n+6: harq = 5 slots
    expect(r.right.parts['harq']).toBeCloseTo(2.5, 9);
  });

  it('the SR period sets the worst SR wait: 20 ms under srsran-default', () => {
    const r = tryUserPlaneLatency({ ...base, direction: 'UL', grant: 'sr', transmissions: 1, timing: 'srsran-default' });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.parts['srAlignment']).toBeCloseTo(20, 9);
    expect(srPeriodSymbols({ k1MinSlots: 0, k2MinSlots: 0, gnbProcSlots: 0, srPeriodMs: 2 }, 1)).toBe(4 * 14);
    expect(srPeriodSymbols({ k1MinSlots: 0, k2MinSlots: 0, gnbProcSlots: 0, srPeriodMs: 0.5 }, 0)).toBe(14); // at least one slot
  });

  it('named profiles carry the cited numbers', () => {
    expect(TIMING_PROFILES['srsran-default'].values).toEqual({ k1MinSlots: 4, k2MinSlots: 4, gnbProcSlots: 5, srPeriodMs: 20 });
    expect(TIMING_PROFILES['srsran-low-latency'].values).toEqual({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1, srPeriodMs: 2 });
    expect(TIMING_PROFILES['oai-default'].values).toEqual({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 6, srPeriodSlots: 10 });
    for (const n of TIMING_PROFILE_NAMES) expect(TIMING_PROFILES[n].sources.length).toBeGreaterThan(0);
    expect(isSpecMin('spec-min')).toBe(true);
    expect(isSpecMin('oai-default')).toBe(false);
  });

  it('bad timings are refused naming the field and the allowed values', () => {
    const bad = tryUserPlaneLatency({ ...base, timing: 'srsran-fast' as never });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/^timing: expected 'spec-min' \| 'srsran-default' \| 'srsran-low-latency' \| 'oai-default'/);
    expect(validateTiming({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: -1, srPeriodMs: 2 })?.message).toMatch(/^timing\.gnbProcSlots: expected an integer in 0\.\.32/);
    expect(validateTiming({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1 })?.message).toMatch(/^timing\.srPeriodMs: expected exactly one of/);
    expect(validateTiming({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1, srPeriodMs: 2, srPeriodSlots: 4 })?.message).toMatch(/exactly one/);
    expect(validateTiming({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1, srPeriodMs: Number.NaN })?.message).toMatch(/srPeriodMs/);
    expect(validateTiming({ k1MinSlots: 2, k2MinSlots: 2, gnbProcSlots: 1, srPeriodMs: 2, extra: 1 })?.message).toMatch(/^timing\.extra/);
    expect(validateTiming([1])).not.toBeNull();
  });

  it('link.timing: decoded with the link, spec-min left out (default outputs unchanged), bad values name link.timing', () => {
    const spec = decodeLinkContext({ timing: 'spec-min' });
    expect(E.isRight(spec) && spec.right).toEqual(defaultLink);
    const srs = decodeLinkContext({ timing: 'srsran-low-latency' });
    expect(E.isRight(srs) && srs.right.timing).toBe('srsran-low-latency');
    const bad = decodeLinkContext({ timing: 'fast' });
    expect(E.isLeft(bad) && bad.left.message).toMatch(/link\.timing: expected 'spec-min' \| 'srsran-default'/);
    const badField = decodeLinkContext({ timing: { k1MinSlots: 99, k2MinSlots: 1, gnbProcSlots: 1, srPeriodMs: 1 } });
    expect(E.isLeft(badField) && badField.left.message).toMatch(/link\.timing\.k1MinSlots: expected an integer in 0\.\.15/);
  });
});
