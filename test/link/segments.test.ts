/**
 * link/segments: the miss bound of a segmented packet against brute force — every outcome of the
 * segments' attempt counts enumerated and the one-TB-at-a-time process run slot by slot
 * (retransmissions before new data, in eligibility order, one round trip R), exactly the model's
 * premises. The bound must never be below the exact probability, equal the classic 1 − (1 − e_K)^m
 * when nothing can push the last segment late, and its Chernoff branch must bound the exact tail.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect, it } from 'vitest';
import { displacementTail, displacementTailAnyDependence, DisplacementTailMemo, segmentedMissProbability, someSegmentFails } from '../../src/link/segments.js';
import * as baseline from '../../bench/segments_baseline.js';

/**
 * Whether attempt counts `need` (one per segment) make the packet miss: a segment needing > K attempts, or the
 * last one's needed attempt a starting more than budget[a] slots late in the one-TB-at-a-time process run slot
 * by slot (retransmissions first, earliest eligible, round trip R; then the next new segment).
 */
function isLate(need: readonly number[], K: number, budget: readonly number[], R: number): boolean {
  const m = need.length;
  if (need.some((a) => a > K)) return true;
  const made = new Array<number>(m).fill(0);
  const eligible = new Array<number>(m).fill(Number.POSITIVE_INFINITY);
  let nextNew = 0;
  for (let t = 0; t < 10_000; t++) {
    let pick = -1;
    for (let s = 0; s < m; s++) if (eligible[s]! <= t && (pick < 0 || eligible[s]! < eligible[pick]!)) pick = s;
    if (pick < 0 && nextNew < m) pick = nextNew++;
    if (pick < 0) continue;
    made[pick]!++;
    eligible[pick] = made[pick]! < need[pick]! ? t + R : Number.POSITIVE_INFINITY;
    if (pick === m - 1) {
      const a = made[pick]!;
      const nominal = m - 1 + (a - 1) * R;
      if (a === need[pick]!) return t - nominal > budget[a]!;
    }
  }
  return true;
}

/** Exact P(miss) by enumeration, the segments' attempt counts independent (see isLate). */
function bruteMiss(m: number, e: number[], K: number, budget: number[], R: number): number {
  // P(A = a) for a = 1..K, and P(A > K) as a = K + 1
  const pa = (a: number): number => (a <= K ? e[a - 1]! - e[a]! : e[K]!);
  let miss = 0;
  const counts = new Array<number>(m).fill(1);
  const walk = (i: number, prob: number): void => {
    if (prob === 0) return;
    if (i === m) {
      miss += prob * (isLate(counts, K, budget, R) ? 1 : 0);
      return;
    }
    for (let a = 1; a <= K + 1; a++) {
      counts[i] = a;
      walk(i + 1, prob * pa(a));
    }
  };
  walk(0, 1);
  return miss;
}

/**
 * Exact P(miss) when the segments' attempt counts are dependent: A_i = F⁻¹((U + shift_i) mod 1) with one
 * uniform U (each A_i has the law P(A > j) = e_j; equal shifts: the segments fail together, as for a slow UE
 * whose packet sees one fade; other shifts: other couplings, some negatively dependent). The joint outcome is
 * constant between the shifted quantile breakpoints, so the probability is a sum of interval lengths.
 */
function bruteMissCoupled(e: number[], K: number, budget: number[], R: number, shifts: readonly number[]): number {
  const cuts: number[] = []; // F's breakpoints: P(A ≤ a) for a = 1..K
  for (let a = 1; a <= K; a++) cuts.push(1 - e[a]!);
  const quantile = (u: number): number => {
    for (let a = 1; a <= K; a++) if (u < cuts[a - 1]!) return a;
    return K + 1;
  };
  const points = new Set<number>([0, 1]);
  for (const sh of shifts) for (const c of cuts) points.add((((c - sh) % 1) + 1) % 1);
  const xs = [...points].filter((x) => x >= 0 && x <= 1).sort((a, b) => a - b);
  let miss = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const lo = xs[i]!;
    const hi = xs[i + 1]!;
    if (!(hi > lo)) continue;
    const u = (lo + hi) / 2;
    const need = shifts.map((sh) => quantile((u + sh) % 1));
    if (isLate(need, K, budget, R)) miss += hi - lo;
  }
  return miss;
}

/** A random segmented packet: m segments, K attempts, round trip R slots, e_1 ≥ e_2 ≥ … from ratios, slack increments per attempt. */
const arbPacket = {
  K: fc.integer({ min: 1, max: 4 }),
  R: fc.integer({ min: 1, max: 5 }),
  first: fc.double({ min: 0, max: 0.9, noNaN: true }),
  ratios: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
  slack: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
  unitMs: fc.constantFrom(0.125, 0.25, 1),
};

/** e_0..e_4 from the ratios, and the budgets B_K ≤ … ≤ B_1 (slots; the sum of the slack increments from a to K) and in ms. */
function packetOf(c: { K: number; first: number; ratios: number[]; slack: number[]; unitMs: number }): { e: number[]; budget: number[]; slackMs: number[] } {
  const e = [1, c.first];
  for (const q of c.ratios) e.push(e[e.length - 1]! * q);
  const budget = new Array<number>(c.K + 2).fill(0);
  for (let a = c.K; a >= 1; a--) budget[a] = budget[a + 1]! + c.slack[a - 1]!;
  return { e, budget, slackMs: budget.map((b) => b * c.unitMs) };
}

describe('segmentedMissProbability', () => {
  const arb = fc.record({ m: fc.integer({ min: 1, max: 5 }), ...arbPacket });
  test.prop([arb], { numRuns: 300 })('never below the exact miss probability of the one-TB-at-a-time process', (c) => {
    const { e, budget, slackMs } = packetOf(c);
    const bound = segmentedMissProbability(c.m, e, c.K, slackMs, c.unitMs, c.R * c.unitMs);
    const exact = bruteMiss(c.m, e, c.K, budget, c.R);
    expect(bound).toBeGreaterThanOrEqual(exact - 1e-12);
    expect(bound).toBeLessThanOrEqual(1);
  });

  it('is the classic 1 − (1 − e_K)^m when the slack absorbs every retransmission, and exact there', () => {
    const e = [1, 0.3, 0.05, 0.004, 0.0002];
    const big = [0, 100, 100, 100, 100];
    const v = segmentedMissProbability(5, e, 4, big, 0.125, 0.5);
    expect(v).toBeCloseTo(1 - (1 - 0.0002) ** 5, 15);
    expect(v).toBeCloseTo(bruteMiss(5, e, 4, [0, 800, 800, 800, 800], 4), 12);
  });

  it('charges the displacement of a last attempt that only just fits (and is not vacuous)', () => {
    // 4 segments, round trip 3 slots, the 4th attempt cannot be late by even one slot
    const e = [1, 0.2, 0.01, 0.0002, 0.000002];
    const budget = [0, 9, 6, 3, 0];
    const v = segmentedMissProbability(4, e, 4, budget.map((b) => b * 0.25), 0.25, 0.75);
    const exact = bruteMiss(4, e, 4, budget, 3);
    const classic = 1 - (1 - e[4]!) ** 4;
    expect(exact).toBeGreaterThan(2 * classic);
    expect(v).toBeGreaterThanOrEqual(exact);
    expect(v).toBeLessThan(3 * exact);
  });

  it('k0 = 0 gives 1; m = 1 gives e_K; never NaN', () => {
    expect(segmentedMissProbability(3, [1, 0.1], 0, [0], 0.125, 1)).toBe(1);
    expect(segmentedMissProbability(1, [1, 0.1, 0.01], 2, [0, 0, 0], 0.125, 1)).toBeCloseTo(0.01, 15);
    // a NaN error counts as 1 (here e_1; e_2 = 0.5 decides, no slot can be displaced: R = 8 slots)
    expect(segmentedMissProbability(3, [1, Number.NaN, 0.5], 2, [0, 0, 0], 0.125, 1)).toBeCloseTo(1 - 0.5 ** 3, 15);
    expect(Number.isNaN(segmentedMissProbability(3, [1, 0.2, Number.NaN], 2, [0, Number.NaN, 0], Number.NaN, Number.NaN))).toBe(false);
  });
});

describe('segmentedMissProbability with anyDependence (fades shared by a packet\'s segments)', () => {
  const arb = fc.record({
    m: fc.integer({ min: 2, max: 5 }),
    ...arbPacket,
    // one shift per segment; 'together' makes them all 0 (comonotone: a slow UE's segments fail together)
    shifts: fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 5, maxLength: 5 }),
    together: fc.boolean(),
  });
  test.prop([arb], { numRuns: 300 })('never below the exact miss probability under a dependent coupling of the segments, nor below the independent bound', (c) => {
    const { e, budget, slackMs } = packetOf(c);
    const shifts = c.shifts.slice(0, c.m).map((x) => (c.together ? 0 : x));
    const bound = segmentedMissProbability(c.m, e, c.K, slackMs, c.unitMs, c.R * c.unitMs, c.R * c.unitMs, undefined, true);
    expect(bound).toBeGreaterThanOrEqual(bruteMissCoupled(e, c.K, budget, c.R, shifts) - 1e-12);
    expect(bound).toBeGreaterThanOrEqual(segmentedMissProbability(c.m, e, c.K, slackMs, c.unitMs, c.R * c.unitMs) - 1e-15);
    expect(bound).toBeLessThanOrEqual(1);
  });

  it('the independent bound is below what segments failing together miss; the dependence-free one is not', () => {
    // 4 segments, round trip 1 slot, the last segment's first attempt may start 1 slot late: when the segments
    // fail together (one fade per packet) one retransmission of each earlier segment pushes it back 3 slots
    const e = [1, 0.05, 0.01, 0.002, 0.0004];
    const budget = [0, 1, 1, 1, 1];
    const slackMs = budget.map((b) => b * 0.5);
    const together = bruteMissCoupled(e, 4, budget, 1, [0, 0, 0, 0]);
    const independent = segmentedMissProbability(4, e, 4, slackMs, 0.5, 0.5);
    expect(independent).toBeGreaterThanOrEqual(bruteMiss(4, e, 4, budget, 1) - 1e-15);
    expect(independent).toBeLessThan(together);
    const anyDep = segmentedMissProbability(4, e, 4, slackMs, 0.5, 0.5, 0.5, undefined, true);
    expect(anyDep).toBeGreaterThanOrEqual(together);
    expect(anyDep).toBeLessThan(4 * together);
  });

  it('displacementTailAnyDependence: 0 when nothing can exceed b, 1 for b < 0, ≥ the independent tail', () => {
    const e = [1, 0.3, 0.05, 0.004];
    expect(displacementTailAnyDependence(3, e, 4, -1, 1)).toBe(1);
    expect(displacementTailAnyDependence(3, e, 4, 100, 1)).toBe(0);
    expect(displacementTailAnyDependence(0, e, 4, 2, 1)).toBe(0);
    for (let b = 0; b < 9; b++) expect(displacementTailAnyDependence(3, e, 4, b, 1)).toBeGreaterThanOrEqual(displacementTail(3, e, 4, b, 1));
  });

  it('someSegmentFails: 1 − (1 − e)^m, or the union bound min(1, m·e)', () => {
    expect(someSegmentFails(0.01, 3)).toBeCloseTo(1 - 0.99 ** 3, 15);
    expect(someSegmentFails(0.01, 3, true)).toBeCloseTo(0.03, 15);
    expect(someSegmentFails(0.6, 3, true)).toBe(1);
    expect(someSegmentFails(Number.NaN, 3, true)).toBe(1);
  });
});

describe('displacementTail', () => {
  /** Exact P(Σ_{i=1}^{n} min(A_i − 1, c_i) > b) by convolution, no work limit. */
  function reference(n: number, e: number[], k: number, b: number, R: number): number {
    let dist = new Map<number, number>([[0, 1]]);
    for (let i = 1; i <= n; i++) {
      const c = Math.min(k - 1, Math.floor((n + 1 - i + b) / R));
      const next = new Map<number, number>();
      for (const [x, p] of dist) {
        for (let j = 0; j <= c; j++) {
          const pj = j < c ? e[j]! - e[j + 1]! : e[c]!;
          next.set(x + j, (next.get(x + j) ?? 0) + p * pj);
        }
      }
      dist = next;
    }
    let over = 0;
    for (const [x, p] of dist) if (x > b) over += p;
    return over;
  }
  it('exact branch equals the reference; Chernoff branch (large work) bounds it from above', () => {
    const e = [1, 0.4, 0.1, 0.02, 0.001];
    for (const [n, b, R] of [
      [6, 3, 2],
      [20, 10, 3],
      [40, 25, 1],
    ] as const) {
      expect(displacementTail(n, e, 4, b, R)).toBeCloseTo(reference(n, e, 4, b, R), 12);
    }
    // (n)(b + 1)(k) above 4·10^5: the Chernoff bound
    const n = 1500;
    const b = 900;
    const ch = displacementTail(n, e, 4, b, 1);
    const ex = reference(n, e, 4, b, 1);
    expect(ch).toBeGreaterThanOrEqual(ex);
    expect(ch).toBeLessThanOrEqual(1);
    expect(ch).toBeLessThan(1e-2); // not vacuous: mean 780, sd ≈ 27, b = 900
  });
});

describe('bit for bit: the optimised kernel and its memo (issue 18)', () => {
  // inputs like the planner's: e_1 ≥ … from ratios (some e_j = 1: zero weights), up to 200 segments,
  // b from −1 to 150, both the exact convolution and the Chernoff branches
  const arbInput = fc.record({
    n: fc.integer({ min: 0, max: 200 }),
    k: fc.integer({ min: 1, max: 5 }),
    first: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    ratios: fc.array(fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 4, maxLength: 4 }),
    b: fc.integer({ min: -1, max: 150 }),
    R: fc.integer({ min: 1, max: 6 }),
  });
  const eOf = (c: { first: number; ratios: number[] }): number[] => {
    const e = [1, c.first];
    for (const q of c.ratios) e.push(e[e.length - 1]! * q);
    return e;
  };
  test.prop([fc.array(arbInput, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 })], { numRuns: 150 })(
    'displacementTail = the pre-issue-18 kernel (bench/segments_baseline.ts), with or without a memo, in any order',
    (inputs, limit) => {
      // a small memo limit: entries are evicted in the middle of the sequence; each input asked twice,
      // the second time after every other (the memo then answers from vectors of larger b)
      const memo = new DisplacementTailMemo(limit);
      for (const c of [...inputs, ...inputs.slice().reverse()]) {
        const e = eOf(c);
        const want = baseline.displacementTail(c.n, e, c.k, c.b, c.R);
        expect(Object.is(displacementTail(c.n, e, c.k, c.b, c.R), want)).toBe(true);
        expect(Object.is(displacementTail(c.n, e, c.k, c.b, c.R, memo), want)).toBe(true);
      }
    },
  );
  test.prop([fc.integer({ min: 2, max: 120 }), arbInput, fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }), fc.constantFrom(0.125, 0.25, 0.5)], { numRuns: 150 })(
    'segmentedMissProbability = the pre-issue-18 kernel, with or without a memo',
    (m, c, slackSlots, unitMs) => {
      const e = eOf(c);
      const K = Math.min(4, Math.max(1, c.k));
      const budget = new Array<number>(K + 2).fill(0);
      for (let a = K; a >= 1; a--) budget[a] = budget[a + 1]! + slackSlots[a - 1]!;
      const slackMs = budget.map((x) => x * unitMs);
      const memo = new DisplacementTailMemo();
      const want = baseline.segmentedMissProbability(m, e, K, slackMs, unitMs, c.R * unitMs, (c.R + 1) * unitMs);
      expect(Object.is(segmentedMissProbability(m, e, K, slackMs, unitMs, c.R * unitMs, (c.R + 1) * unitMs), want)).toBe(true);
      expect(Object.is(segmentedMissProbability(m, e, K, slackMs, unitMs, c.R * unitMs, (c.R + 1) * unitMs, memo), want)).toBe(true);
      // again from the memo
      expect(Object.is(segmentedMissProbability(m, e, K, slackMs, unitMs, c.R * unitMs, (c.R + 1) * unitMs, memo), want)).toBe(true);
    },
  );
  it('the memo is used and bounded: hits for the smaller b of a key, emptied at its limit', () => {
    const e = [1, 0.4, 0.1, 0.02, 0.001];
    const memo = new DisplacementTailMemo(2);
    displacementTail(30, e, 4, 20, 1, memo);
    expect(memo.misses).toBe(1);
    // (b ≥ 2: every earlier segment has the same truncation 3, so the counts match the b = 20 entry)
    for (let b = 20; b >= 2; b--) expect(Object.is(displacementTail(30, e, 4, b, 1, memo), baseline.displacementTail(30, e, 4, b, 1))).toBe(true);
    expect(memo.hits).toBe(19);
    expect(memo.misses).toBe(1);
    displacementTail(31, e, 4, 20, 1, memo);
    displacementTail(32, e, 4, 20, 1, memo);
    expect(memo.size).toBeLessThanOrEqual(2);
    expect(memo.evictions).toBe(1);
  });
});
