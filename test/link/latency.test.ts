import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  DL_CONTROL_SYMBOLS,
  LATENCY_PART_NAMES,
  assertDeliveryProbabilityWithin,
  assertUserPlaneLatency,
  deliveryFromTotals,
  deliveryProbabilityWithin,
  expectedUserPlaneLatencyMs,
  latencyByTransmissions,
  latencyWorkedExamplesMarkdown,
  occasionGrid,
  occasionSpanSymbols,
  tryDeliveryProbabilityWithin,
  tryUserPlaneLatency,
  userPlaneLatency,
} from '../../src/link/latency.js';
import type { DeliveryInput, UserPlaneLatencyInput } from '../../src/link/latency.js';

const base: UserPlaneLatencyInput = { direction: 'DL', duplex: 'FDD', mu: 1, ttiSymbols: 7, ueCapability: 1, grant: 'dynamic', transmissions: 1 };
const leftMsg = (p: unknown): string => {
  const r = tryUserPlaneLatency(p as UserPlaneLatencyInput);
  return E.isLeft(r) ? r.left.message : 'RIGHT';
};

describe('link/latency', () => {
  it('spec/latency.md worked-example table equals the code output', () => {
    const md = readFileSync(new URL('../../spec/latency.md', import.meta.url), 'utf8');
    const m = /<!-- latency-table:begin -->\n([\s\S]*?)\n<!-- latency-table:end -->/.exec(md);
    expect(m).not.toBeNull();
    expect((m as RegExpExecArray)[1]).toBe(latencyWorkedExamplesMarkdown());
  });

  it('returns the documented part names per direction and grant', () => {
    expect(Object.keys(assertUserPlaneLatency(base).parts)).toEqual([...LATENCY_PART_NAMES.DL]);
    for (const g of ['configured', 'dynamic', 'sr'] as const) {
      expect(Object.keys(assertUserPlaneLatency({ ...base, direction: 'UL', grant: g }).parts)).toEqual([...LATENCY_PART_NAMES[`UL-${g}`]]);
    }
    expect(assertUserPlaneLatency(base).parts['harq']).toBe(0);
  });

  it('DL ignores the grant type; TDD defaults to DDDSU with 10D:2G:2U', () => {
    expect(assertUserPlaneLatency({ ...base, grant: 'sr' }).totalMs).toBe(assertUserPlaneLatency(base).totalMs);
    const tdd = { ...base, duplex: 'TDD' as const };
    expect(assertUserPlaneLatency(tdd).totalMs).toBe(assertUserPlaneLatency({ ...tdd, tddPattern: 'DDDSU', specialSlot: '10D:2G:2U' }).totalMs);
  });

  it('capability 2 falls back to capability 1 where TS 38.214 has no row (mu >= 3)', () => {
    const c2 = assertUserPlaneLatency({ ...base, mu: 3, ueCapability: 2 });
    expect(c2.ueCapabilityUsed).toBe(1);
    expect(c2.totalMs).toBe(assertUserPlaneLatency({ ...base, mu: 3, ueCapability: 1 }).totalMs);
    expect(assertUserPlaneLatency({ ...base, ueCapability: 2 }).ueCapabilityUsed).toBe(2);
  });

  it('documented d1,1 counterexample: cap 1, 15 kHz, 3 DL transmissions: 4-symbol TTI slower than 7', () => {
    const p = { ...base, mu: 0 as const, transmissions: 3 };
    const four = assertUserPlaneLatency({ ...p, ttiSymbols: 4 }).totalMs;
    const seven = assertUserPlaneLatency({ ...p, ttiSymbols: 7 }).totalMs;
    expect(four).toBeGreaterThan(seven);
    expect(four).toBeCloseTo(4.535, 3);
    expect(seven).toBeCloseTo(4.392, 3);
    // ...and without the d terms the order is restored.
    expect(assertUserPlaneLatency({ ...p, ttiSymbols: 4, dTerms: 'none' }).totalMs).toBeLessThan(assertUserPlaneLatency({ ...p, ttiSymbols: 7, dTerms: 'none' }).totalMs);
  });

  it('latencyByTransmissions gives the totals for 1..4 transmissions', () => {
    const t = latencyByTransmissions(base);
    expect(E.isRight(t)).toBe(true);
    if (E.isRight(t)) for (let k = 1; k <= 4; k++) expect(t.right[k - 1]).toBe(assertUserPlaneLatency({ ...base, transmissions: k }).totalMs);
  });

  it('expected latency with p = 0.1 and one retransmission is T0 + p·T_HARQ', () => {
    const { transmissions: _t, ...p } = base;
    const t1 = assertUserPlaneLatency({ ...base, transmissions: 1 }).totalMs;
    const t2 = assertUserPlaneLatency({ ...base, transmissions: 2 }).totalMs;
    const e = expectedUserPlaneLatencyMs(p, 0.1);
    expect(E.isRight(e) && e.right).toBeCloseTo(t1 + 0.1 * (t2 - t1), 12);
    const e4 = expectedUserPlaneLatencyMs(p, 0.5, 4);
    const ts = [1, 2, 3, 4].map((k) => assertUserPlaneLatency({ ...base, transmissions: k }).totalMs);
    expect(E.isRight(e4) && e4.right).toBeCloseTo(0.5 * ts[0]! + 0.25 * ts[1]! + 0.125 * ts[2]! + 0.125 * ts[3]!, 12);
    expect(E.isLeft(expectedUserPlaneLatencyMs(p, 1.5))).toBe(true);
    expect(E.isLeft(expectedUserPlaneLatencyMs(p, 0.1, 5))).toBe(true);
  });

  describe('deliveryProbabilityWithin', () => {
    const { transmissions: _t, ...p } = base;
    const ts = [1, 2, 3, 4].map((k) => assertUserPlaneLatency({ ...base, transmissions: k }).totalMs);
    const errorAfter = (t: number): number => 10 ** -t;
    it('uses the largest transmission count whose latency fits the deadline', () => {
      expect(deliveryProbabilityWithin({ ...p, maxTransmissions: 4, deadlineMs: ts[1]!, errorAfter })).toBeCloseTo(1 - 1e-2, 15);
      expect(deliveryProbabilityWithin({ ...p, maxTransmissions: 4, deadlineMs: ts[3]! + 1, errorAfter })).toBeCloseTo(1 - 1e-4, 15);
      expect(deliveryProbabilityWithin({ ...p, maxTransmissions: 2, deadlineMs: 100, errorAfter })).toBeCloseTo(1 - 1e-2, 15);
      expect(deliveryProbabilityWithin({ ...p, maxTransmissions: 4, deadlineMs: ts[0]! - 1e-6, errorAfter })).toBe(0);
      // worst-case alignment is stricter
      const worst1 = assertUserPlaneLatency({ ...base, alignment: 'worst' }).totalMs;
      expect(worst1).toBeGreaterThan(ts[0]!);
      expect(deliveryProbabilityWithin({ ...p, alignment: 'worst', maxTransmissions: 1, deadlineMs: ts[0]!, errorAfter })).toBe(0);
    });
    it('clamps errorAfter and treats non-finite as certain failure', () => {
      expect(deliveryFromTotals(ts, 4, 100, () => -1)).toBe(1);
      expect(deliveryFromTotals(ts, 4, 100, () => 2)).toBe(0);
      expect(deliveryFromTotals(ts, 4, 100, () => Number.NaN)).toBe(0);
    });
    it('rejects bad arguments with a Left naming the field', () => {
      const bad = (q: Record<string, unknown>): string => {
        const r = tryDeliveryProbabilityWithin({ ...p, maxTransmissions: 2, deadlineMs: 1, errorAfter, ...q } as never);
        return E.isLeft(r) ? r.left.message : 'RIGHT';
      };
      expect(bad({ maxTransmissions: 0 })).toMatch(/^maxTransmissions: expected an integer in 1\.\.4/);
      expect(bad({ deadlineMs: -1 })).toMatch(/^deadlineMs: expected a finite number >= 0/);
      expect(bad({ deadlineMs: Number.POSITIVE_INFINITY })).toMatch(/^deadlineMs:/);
      expect(bad({ errorAfter: 3 })).toMatch(/^errorAfter: expected a function/);
      expect(bad({ mu: 4 })).toMatch(/^mu: TS 38\.214/);
      expect(() => assertDeliveryProbabilityWithin({ ...p, maxTransmissions: 9, deadlineMs: 1, errorAfter })).toThrow(RangeError);
      // the plain variant never throws: it answers the PhyError itself
      expect(deliveryProbabilityWithin({ ...p, maxTransmissions: 9, deadlineMs: 1, errorAfter })).toMatchObject({ _tag: 'InvalidInput', field: 'maxTransmissions' });
      expect(deliveryProbabilityWithin(null as unknown as DeliveryInput)).toMatchObject({ _tag: 'InvalidInput', field: 'delivery' });
    });
  });

  it('Left messages name the field and the allowed values', () => {
    expect(leftMsg({ ...base, direction: 'up' })).toBe('direction: expected one of "DL", "UL", got "up"');
    expect(leftMsg({ ...base, duplex: 'HD' })).toBe('duplex: expected one of "FDD", "TDD", got "HD"');
    expect(leftMsg({ ...base, mu: 7 })).toBe('mu: expected an integer in 0..6, got 7');
    expect(leftMsg({ ...base, mu: 4 })).toMatch(/^mu: TS 38\.214 Tables 5\.3-1\/6\.4-1 have no processing times for mu = 4.*allowed: 0, 1, 2, 3, 5, 6/);
    expect(leftMsg({ ...base, ttiSymbols: 1 })).toMatch(/^ttiSymbols: expected an integer in 2\.\.14/);
    expect(leftMsg({ ...base, ueCapability: 3 })).toBe('ueCapability: expected one of 1, 2, got 3');
    expect(leftMsg({ ...base, grant: 'free' })).toBe('grant: expected one of "dynamic", "configured", "sr", got "free"');
    expect(leftMsg({ ...base, transmissions: 5 })).toBe('transmissions: expected an integer in 1..4, got 5');
    expect(leftMsg({ ...base, alignment: 'best' })).toBe('alignment: expected one of "average", "worst", got "best"');
    expect(leftMsg({ ...base, dTerms: 'some' })).toBe('dTerms: expected one of "spec", "none", got "some"');
    expect(leftMsg({ ...base, tddPattern: 'DDDSU' })).toBe('tddPattern: expected absent for duplex "FDD", got "DDDSU"');
    expect(leftMsg({ ...base, duplex: 'TDD', tddPattern: 'DDXU' })).toMatch(/^tddPattern: expected 1\.\.640 letters D, S or U/);
    expect(leftMsg({ ...base, duplex: 'TDD', tddPattern: 'DDDD' })).toMatch(/^tddPattern: "DDDD" with S = 10D:2G:2U needs at least one DL and one UL symbol/);
    expect(leftMsg({ ...base, duplex: 'TDD', specialSlot: '10D:2G:3U' })).toMatch(/^specialSlot: expected '<n>D:<n>G:<n>U' with the three counts summing to 14/);
    expect(leftMsg({ ...base, duplex: 'TDD', tddPattern: 'DSUU', ttiSymbols: 14 })).toBe('RIGHT');
    expect(leftMsg({ ...base, duplex: 'TDD', tddPattern: 'SSSU', ttiSymbols: 14 })).toMatch(
      /^ttiSymbols: TDD pattern "SSSU" \(S = 10D:2G:2U\) has no room for a DL TTI of 14 symbols/,
    );
    expect(leftMsg(null)).toMatch(/^latency: expected an object/);
    assertUserPlaneLatency(base); // cached entry: transmissions is still validated
    expect(leftMsg({ ...base, transmissions: 0 })).toBe('transmissions: expected an integer in 1..4, got 0');
    expect(leftMsg({ ...base, transmissions: 1.5 })).toBe('transmissions: expected an integer in 1..4, got 1.5');
    expect(() => assertUserPlaneLatency({ ...base, transmissions: 9 })).toThrow(/^transmissions:/);
    expect(() => assertUserPlaneLatency({ ...base, mu: 4 })).toThrow(/^mu: TS 38\.214/);
    // the plain variant never throws: it answers the PhyError itself (same message)
    expect(userPlaneLatency({ ...base, transmissions: 9 })).toMatchObject({ _tag: 'InvalidInput', message: expect.stringMatching(/^transmissions:/) });
    expect(userPlaneLatency({ ...base, mu: 4 })).toMatchObject({ message: expect.stringMatching(/^mu: TS 38\.214/) });
    expect(userPlaneLatency(null as unknown as UserPlaneLatencyInput)).toMatchObject({ _tag: 'InvalidInput', field: 'latency' });
  });
});

describe('occasionGrid / occasionSpanSymbols (segment timing of multi-TTI packets)', () => {
  // brute force from a per-symbol map of many periods: which symbols carry the direction's data
  // (DL: not the control region at a slot's start; TDD special slot 10D:2G:2U), occasions where the
  // simulator places them (slot-based: every data symbol of a full DL/UL slot; mini-slots: every L
  // symbols from the first data symbol of the slot, all L in the direction), then the largest
  // distance from any occasion of the first period to the s-th next one
  const starts = (dir: 'DL' | 'UL', len: number, pattern: string, periods: number): number[] => {
    const out: number[] = [];
    const first = dir === 'DL' ? DL_CONTROL_SYMBOLS : 0;
    for (let k = 0; k < pattern.length * periods; k++) {
      const kind = pattern[k % pattern.length];
      const own = (sym: number): boolean =>
        kind === 'F' ? sym >= first : dir === 'DL' ? (kind === 'D' || (kind === 'S' && sym < 10)) && sym >= first : kind === 'U' || (kind === 'S' && sym >= 12);
      if (len >= 14) {
        if (kind !== 'S' && own(13) && own(first)) out.push(14 * k + first);
        continue;
      }
      for (let l = first; l + len <= 14; l += len) {
        let ok = true;
        for (let x = l; x < l + len; x++) ok &&= own(x);
        if (ok) out.push(14 * k + l);
      }
    }
    return out;
  };
  for (const [duplex, pattern] of [['FDD', 'F'], ['TDD', 'DDDSU'], ['TDD', 'DSUUU'], ['TDD', 'DDSUU']] as const) {
    for (const dir of ['DL', 'UL'] as const) {
      for (const len of [2, 4, 7, 14]) {
        it(`${duplex} ${duplex === 'TDD' ? pattern : ''} ${dir} ${len}-symbol TTIs: the worst-case span of s occasions, exactly, and subadditive`, () => {
          const g = occasionGrid(dir, len, duplex, pattern);
          const xs = starts(dir, len, pattern, 40);
          const P = 14 * pattern.length;
          const perPeriod = xs.filter((x) => x < P).length;
          expect(g.starts.length).toBe(perPeriod);
          expect(g.periodSymbols).toBe(P);
          for (let s = 0; s <= 30; s++) {
            if (perPeriod === 0) {
              expect(occasionSpanSymbols(s, g)).toBe(s === 0 ? 0 : Number.POSITIVE_INFINITY);
              continue;
            }
            let worst = 0;
            for (let i = 0; i < perPeriod; i++) worst = Math.max(worst, xs[i + s]! - xs[i]!);
            expect(occasionSpanSymbols(s, g)).toBe(worst);
            for (let t = 0; t <= 30; t++) expect(occasionSpanSymbols(s + t, g)).toBeLessThanOrEqual(occasionSpanSymbols(s, g) + occasionSpanSymbols(t, g));
          }
        });
      }
    }
  }
  it('DL 7-symbol mini-slots: one per slot after the control region; TDD DDDSU DL slots: 3 per 5 slots', () => {
    expect(occasionGrid('DL', 7).starts).toEqual([DL_CONTROL_SYMBOLS]);
    expect(occasionSpanSymbols(3, occasionGrid('DL', 7))).toBe(42);
    expect(occasionSpanSymbols(3, occasionGrid('UL', 7))).toBe(21);
    const tdd = occasionGrid('DL', 14, 'TDD', 'DDDSU');
    expect(tdd.starts.length).toBe(3);
    expect(occasionSpanSymbols(1, tdd)).toBe(42); // from the third D slot over S and U to the next D
    expect(occasionGrid('UL', 2, 'TDD', 'DDDSU').starts).toEqual([14 * 3 + 12, 14 * 4, 14 * 4 + 2, 14 * 4 + 4, 14 * 4 + 6, 14 * 4 + 8, 14 * 4 + 10, 14 * 4 + 12]);
  });
});
