/**
 * The engine's flat correlated faders (channel.ts `correlatedFading` / `correlatedGain`, issue 18
 * target 4) must give bit for bit the gain of the per-UE construction they replaced: for each branch b
 * a `jakesFader` whose angles and phases are drawn from hashUniform(s, b, 0), (s, b, 1), … with
 * s = mix32(seed ^ 0x6a09e667 ^ imul(ue + 1, 0x27d4eb2d)), the gain being the mean of the branches'
 * |h(t)|². The reference below rebuilds that construction independently (its own mix32), so a change of
 * draw order, salt or arithmetic in the engine fails here (and changes every simulated event stream).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import { jakesFader, jakesPowerAt, jakesTables } from '../../src/link/correlation.js';
import { correlatedFader, correlatedFading, correlatedGain, correlatedGainLowerBound, hashUniform } from '../../src/scheduler/channel.js';
import { fcRuns } from '../support/fc-runs.js';

function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The pre-issue-18 construction: one jakesFader closure per branch, evaluated through its own powerAt. */
function referenceGain(order: number, seed: number, ue: number, dopplerHz: number, timeMs: number): number {
  const s = mix32(seed ^ 0x6a09e667 ^ Math.imul(ue + 1, 0x27d4eb2d));
  let g = 0;
  for (let b = 0; b < order; b++) {
    let n = 0;
    g += jakesFader(() => hashUniform(s, b, n++), dopplerHz, 32).powerAt(timeMs);
  }
  return g / order;
}

describe('correlated faders in flat arrays', () => {
  test.prop([
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 5 }),
    fc.double({ min: 0, max: 1e5, noNaN: true }),
  ])('correlatedGain equals the per-UE jakesFader construction bit for bit', (order, seed, doppler, timeMs) => {
    const ues = doppler.map((_, k) => k);
    const cf = correlatedFading(order, seed, ues, doppler);
    for (let k = 0; k < ues.length; k++) {
      const want = referenceGain(order, seed, k, doppler[k]!, timeMs);
      expect(Object.is(correlatedGain(cf, k, timeMs), want)).toBe(true);
      expect(Object.is(correlatedFader(order, seed, k, doppler[k]!)(timeMs), want)).toBe(true);
    }
  });

  test.prop([fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true })])(
    'jakesPowerAt and jakesFader.powerAt are the plain sum of sinusoids',
    (fd, t) => {
      const u = (): (() => number) => {
        let i = 0;
        return () => hashUniform(7, 3, i++);
      };
      const { w, phase } = jakesTables(u(), fd, 32);
      // the sum of sinusoids as jakesFader evaluated it before the flat kernel
      let re = 0;
      let im = 0;
      for (let i = 0; i < 32; i++) {
        const a = w[i]! * t + phase[i]!;
        re += Math.cos(a);
        im += Math.sin(a);
      }
      const want = (re * re + im * im) / 32;
      expect(Object.is(jakesPowerAt(w, phase, 0, 32, t), want)).toBe(true);
      expect(Object.is(jakesFader(u(), fd, 32).powerAt(t), want)).toBe(true);
    },
  );

  test('a different UE index gives a different process (the salt is per UE)', () => {
    const cf = correlatedFading(2, 1, [0, 1], [50, 50]);
    expect(correlatedGain(cf, 0, 3.5)).not.toBe(correlatedGain(cf, 1, 3.5));
  });
});

describe('correlatedGainLowerBound (the engine decides ACKs from it; spec/scheduler.md §10.5)', () => {
  // never above the value correlatedGain returns (bits included), and within 1e-6 of it while the phases
  // stay below 1e7 rad (about a day of simulated time at 100 Hz), so that it decides most decodes
  test.prop(
    [
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 4 }),
      fc.oneof(fc.double({ min: -1e4, max: 1e6, noNaN: true }), fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 200000 }).map((k) => k * 0.03125)),
    ],
    { numRuns: fcRuns(400) },
  )('a lower bound of correlatedGain, and a close one', (order, seed, doppler, timeMs) => {
    const cf = correlatedFading(order, seed, doppler.map((_, k) => k), doppler);
    for (let k = 0; k < doppler.length; k++) {
      const exact = correlatedGain(cf, k, timeMs);
      const lo = correlatedGainLowerBound(cf, k, timeMs);
      expect(lo).toBeLessThanOrEqual(exact);
      expect(lo).toBeGreaterThanOrEqual(0);
      if (cf.wMaxAbs * Math.abs(timeMs) + cf.phaseMaxAbs < 1e7) expect(exact - lo).toBeLessThanOrEqual(1e-6 * Math.max(exact, 1e-3));
    }
  });

  test('deep fades: below the gain even where it is near 0', () => {
    // scan a fast fader finely: its deepest fades are where a loose bound would first go wrong
    const cf = correlatedFading(1, 3, [0], [1500]);
    // every point is checked; one expect over the points that break the bound (the first few named),
    // as 200,000 expect calls cost more than the scan itself
    let minExact = Number.POSITIVE_INFINITY;
    let broken = 0;
    const firstBroken: string[] = [];
    for (let i = 0; i < 200000; i++) {
      const t = i * 0.0005;
      const exact = correlatedGain(cf, 0, t);
      minExact = Math.min(minExact, exact);
      const lo = correlatedGainLowerBound(cf, 0, t);
      if (!(lo <= exact)) {
        broken++;
        if (firstBroken.length < 5) firstBroken.push(`t=${t} ms: bound ${lo} > gain ${exact}`);
      }
    }
    expect(firstBroken, `${broken} of 200000 points break the bound`).toEqual([]);
    expect(minExact).toBeLessThan(1e-4); // (the scan reached deep fades)
  });

  test('non-finite times read as 0, as correlatedGain reads them; phases beyond 1e9 rad give 0 (the exact gain is used)', () => {
    const cf = correlatedFading(2, 5, [0], [300]);
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(correlatedGainLowerBound(cf, 0, t)).toBe(correlatedGainLowerBound(cf, 0, 0));
    }
    expect(correlatedGainLowerBound(cf, 0, 1e12)).toBe(0);
    expect(correlatedGainLowerBound(cf, 0, 1e3)).toBeGreaterThan(0.9 * correlatedGain(cf, 0, 1e3));
  });
});
