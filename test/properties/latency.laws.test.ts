import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Mu } from '../../src/core/types.js';
import { LATENCY_MAX_TRANSMISSIONS, tryUserPlaneLatency, userPlaneLatency } from '../../src/link/latency.js';
import type { UserPlaneLatencyInput } from '../../src/link/latency.js';
import { fcRuns } from '../support/fc-runs.js';

const muArb = fc.constantFrom<Mu>(0, 1, 2, 3, 5, 6);
const patternArb = fc
  .array(fc.constantFrom('D', 'S', 'U'), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
  .filter((s) => s.includes('U') || s.includes('S'))
  .filter((s) => s.includes('D') || s.includes('S'));
const duplexArb = fc.oneof(
  fc.constant({ duplex: 'FDD' as const }),
  patternArb.map((tddPattern) => ({ duplex: 'TDD' as const, tddPattern })),
);
const baseArb = fc.record({
  dup: duplexArb,
  direction: fc.constantFrom<'DL' | 'UL'>('DL', 'UL'),
  mu: muArb,
  ttiSymbols: fc.constantFrom(2, 4, 7, 14),
  ueCapability: fc.constantFrom<1 | 2>(1, 2),
  grant: fc.constantFrom<'dynamic' | 'configured' | 'sr'>('dynamic', 'configured', 'sr'),
  transmissions: fc.integer({ min: 1, max: LATENCY_MAX_TRANSMISSIONS }),
  alignment: fc.constantFrom<'average' | 'worst'>('average', 'worst'),
});
type Base = typeof baseArb extends fc.Arbitrary<infer T> ? T : never;
const input = (b: Base, over: Partial<UserPlaneLatencyInput> = {}): UserPlaneLatencyInput => ({
  ...b.dup,
  direction: b.direction,
  mu: b.mu,
  ttiSymbols: b.ttiSymbols,
  ueCapability: b.ueCapability,
  grant: b.grant,
  transmissions: b.transmissions,
  alignment: b.alignment,
  ...over,
});
/** Right value or null when the configuration has no room (e.g. a 14-symbol DL TTI in 'SU'). */
const lat = (p: UserPlaneLatencyInput): number | null => {
  const r = tryUserPlaneLatency(p);
  return E.isRight(r) ? r.right.totalMs : null;
};

describe('link/latency laws (fast-check)', () => {
  test.prop([baseArb], { numRuns: fcRuns(300) })('parts are finite, >= 0 and sum to totalMs (1e-12)', (b) => {
    const r = tryUserPlaneLatency(input(b));
    if (E.isLeft(r)) {
      expect(r.left.message).toMatch(/^ttiSymbols: TDD pattern/);
      return;
    }
    const parts = Object.values(r.right.parts);
    for (const v of parts) expect(Number.isFinite(v) && v >= -1e-15).toBe(true);
    expect(Math.abs(parts.reduce((a, b2) => a + b2, 0) - r.right.totalMs)).toBeLessThan(1e-12);
    expect(Number.isFinite(r.right.totalMs) && r.right.totalMs > 0).toBe(true);
  });

  test.prop([baseArb], { numRuns: fcRuns(300) })('non-decreasing in transmissions', (b) => {
    const a = lat(input(b, { transmissions: 1 }));
    if (a === null) return;
    let prev = a;
    for (let t = 2; t <= LATENCY_MAX_TRANSMISSIONS; t++) {
      const x = lat(input(b, { transmissions: t })) as number;
      expect(x).toBeGreaterThan(prev);
      prev = x;
    }
  });

  test.prop([baseArb], { numRuns: fcRuns(300) })('worst case >= average', (b) => {
    const avg = lat(input(b, { alignment: 'average' }));
    const worst = lat(input(b, { alignment: 'worst' }));
    if (avg === null) return;
    expect(worst as number).toBeGreaterThanOrEqual(avg - 1e-12);
  });

  test.prop([baseArb.filter((b) => b.mu <= 2)], { numRuns: fcRuns(300) })('capability 2 is shorter than capability 1 (mu 0..2)', (b) => {
    const c1 = lat(input(b, { ueCapability: 1 }));
    const c2 = lat(input(b, { ueCapability: 2 }));
    if (c1 === null) return;
    if (b.alignment === 'average') expect(c2 as number).toBeLessThan(c1);
    else expect(c2 as number).toBeLessThanOrEqual(c1 + 1e-12);
  });

  const nonDecreasingInTti = (b: Base, dTerms: 'spec' | 'none'): void => {
    let prev = 0;
    for (const m of [2, 4, 7, 14]) {
      const x = lat(input(b, { ttiSymbols: m, dTerms }));
      if (x === null) continue; // this TDD pattern has no room for an m-symbol TTI
      expect(x).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = x;
    }
  };
  test.prop([baseArb], { numRuns: fcRuns(400) })('table N1/N2 only (dTerms none): non-decreasing in ttiSymbols 2, 4, 7, 14 at fixed mu', (b) =>
    nonDecreasingInTti(b, 'none'),
  );
  test.prop([baseArb.filter((b) => b.transmissions <= 2)], { numRuns: fcRuns(400) })(
    'with d1,1 (dTerms spec), up to 2 transmissions: non-decreasing in ttiSymbols 2, 4, 7, 14 at fixed mu',
    (b) => nonDecreasingInTti(b, 'spec'),
  );

  test.prop([baseArb], { numRuns: fcRuns(200) })('memoised: the same input returns the same object', (b) => {
    const r = tryUserPlaneLatency(input(b));
    if (E.isLeft(r)) return;
    expect(userPlaneLatency(input(b))).toBe(r.right);
  });

  test.prop([fc.record({ direction: fc.anything(), duplex: fc.anything(), mu: fc.anything(), ttiSymbols: fc.anything(), ueCapability: fc.anything(), grant: fc.anything(), transmissions: fc.anything() })])(
    'never throws from tryUserPlaneLatency; Left or a finite latency',
    (p) => {
      const r = tryUserPlaneLatency(p as unknown as UserPlaneLatencyInput);
      if (E.isRight(r)) expect(Number.isFinite(r.right.totalMs)).toBe(true);
      else expect(r.left.message).toMatch(/^[a-zA-Z]+: /);
    },
  );
});
