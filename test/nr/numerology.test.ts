import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Mu } from '../../src/core/types.js';
import { MU_VALUES } from '../../src/core/types.js';
import {
  TC_PER_MS,
  cyclicPrefixTc,
  muFromScsKHz,
  numerology,
  parseMu,
  symbolDurationTc,
  symbolDurationUs,
  symbolStartTc,
  symbolStartUs,
  symbolTiming,
  symbolsPerSubframe,
} from '../../src/nr/numerology.js';

// Tc = 1/(480e3·4096) s (TS 38.211 §4.1), computed independently here.
const TC_US = 1e6 / (480e3 * 4096);

describe('nr/numerology: TS 38.211 Table 4.2-1 and §4.3.2', () => {
  it('gives SCS 15·2^mu kHz, 2^mu slots of 1/2^mu ms, 14 symbols per slot', () => {
    for (const mu of MU_VALUES) {
      const n = numerology(mu);
      expect(n.mu).toBe(mu);
      expect(n.scsKHz).toBe([15, 30, 60, 120, 240, 480, 960][mu]);
      expect(n.slotsPerSubframe).toBe([1, 2, 4, 8, 16, 32, 64][mu]);
      expect(n.slotMs).toBe([1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625][mu]);
      expect(n.symbolMs).toBeCloseTo(n.slotMs / 14, 15);
      expect(n.symbolsPerSlot).toBe(14);
    }
  });

  it('matches the symbol durations of nr-phy.md §1 (µs, 3 decimals)', () => {
    // [sym, sym(l0)] from the reference table.
    const ref: Record<number, [number, number]> = {
      0: [71.354, 71.875], 1: [35.677, 36.198], 2: [17.839, 18.359], 3: [8.919, 9.44],
      4: [4.46, 4.98], 5: [2.23, 2.751], 6: [1.115, 1.636],
    };
    for (const mu of MU_VALUES) {
      const [sym, sym0] = ref[mu] as [number, number];
      expect(symbolDurationUs(mu, 1)).toBeCloseTo(sym, 3);
      expect(symbolDurationUs(mu, 0)).toBeCloseTo(sym0, 3);
      expect(symbolDurationUs(mu, 7 * 2 ** mu)).toBeCloseTo(sym0, 3);
    }
    expect(symbolDurationUs(2, 0, 'extended')).toBeCloseTo(20.833, 3);
  });

  it('7·2^mu normal-CP symbols (one with the 16κ extension) make exactly 0.5 ms for every mu', () => {
    for (const mu of MU_VALUES) {
      for (const half of [0, 1]) {
        let sumTc = 0;
        for (let l = half * 7 * 2 ** mu; l < (half + 1) * 7 * 2 ** mu; l++) {
          const d = symbolDurationTc(mu, l);
          expect(Number.isInteger(d)).toBe(true); // exact in Tc even for mu 5/6 (144·2^-mu fractional)
          sumTc += d;
        }
        expect(sumTc).toBe(TC_PER_MS / 2);
      }
      // Exactly two symbols per subframe carry the extension.
      let extended = 0;
      for (let l = 0; l < symbolsPerSubframe(mu); l++) if (cyclicPrefixTc(mu, l) > cyclicPrefixTc(mu, 1)) extended++;
      expect(extended).toBe(2);
    }
  });

  it('extended CP (mu = 2): 12 symbols per 0.25 ms slot, 48 per subframe', () => {
    let sum = 0;
    for (let l = 0; l < 48; l++) sum += symbolDurationTc(2, l, 'extended');
    expect(sum).toBe(TC_PER_MS);
    expect(symbolStartUs(2, 12, 'extended')).toBeCloseTo(250, 9);
  });

  it('symbolStartUs is the running sum of durations (brute force); half-subframe boundaries exact', () => {
    for (const mu of MU_VALUES) {
      let acc = 0;
      const n = symbolsPerSubframe(mu);
      for (let l = 0; l <= n; l++) {
        expect(symbolStartTc(mu, l)).toBe(acc);
        acc += symbolDurationTc(mu, l);
      }
      // 0.5 ms boundaries are exact; slots within a half-subframe are NOT equal (the first slot of
      // each half carries the 16κ extension), so slot s starts at s·14·(2192κ/2^mu) + 16κ·(#extensions).
      expect(symbolStartUs(mu, 7 * 2 ** mu)).toBe(500);
      for (let s = 1; s < 2 ** mu; s++) {
        const ext = s * 14 > 7 * 2 ** mu ? 2 : 1;
        expect(symbolStartTc(mu, 14 * s)).toBe((s * 14 * 2192 * 64) / 2 ** mu + ext * 16 * 64);
      }
      expect(symbolStartUs(mu, n)).toBe(1000);
    }
  });

  it('converts Tc to µs with Tc = 1/(480 kHz·4096)', () => {
    expect(symbolDurationUs(0, 1)).toBeCloseTo((2048 + 144) * 64 * TC_US, 12);
    expect(symbolDurationUs(6, 0)).toBeCloseTo((2048 * 64 / 64 + 144 + 16 * 64) * TC_US, 12);
  });

  test.prop([fc.constantFrom(...MU_VALUES), fc.integer({ min: 0, max: 10_000 })])(
    'start(l+1) − start(l) = duration(l) > 0, finite',
    (mu, l) => {
      const d = symbolStartUs(mu as Mu, l + 1) - symbolStartUs(mu as Mu, l);
      expect(d).toBeCloseTo(symbolDurationUs(mu as Mu, l), 6);
      expect(Number.isFinite(symbolStartUs(mu as Mu, l))).toBe(true);
    },
  );
});

describe('nr/numerology: validation', () => {
  it('parseMu accepts 0..6 and names the field otherwise', () => {
    for (const mu of MU_VALUES) expect(parseMu(mu)).toEqual(E.right(mu));
    for (const bad of [-1, 7, 1.5, '1', null, Number.NaN]) {
      const r = parseMu(bad);
      expect(E.isLeft(r) && r.left.message).toMatch(/^mu: expected an integer in 0\.\.6/);
    }
    expect(E.isLeft(parseMu(9, 'link.mu')) && parseMu(9, 'link.mu')).toMatchObject({ left: { field: 'link.mu' } });
  });
  it('muFromScsKHz maps SCS to mu', () => {
    expect(muFromScsKHz(30)).toEqual(E.right(1));
    expect(muFromScsKHz(960)).toEqual(E.right(6));
    const bad = muFromScsKHz(45);
    expect(E.isLeft(bad) && bad.left.message).toContain('scsKHz: expected one of 15, 30, 60');
  });
  it('symbolTiming validates mu, CP and symbol index', () => {
    const ok = symbolTiming({ mu: 1, symbol: 14 });
    expect(E.isRight(ok) && ok.right.startUs).toBeCloseTo(500, 9);
    expect(E.isRight(ok) && ok.right.cyclicPrefixTc).toBe(144 * 32 + 1024);
    const ext = symbolTiming({ mu: 1, symbol: 0, cyclicPrefix: 'extended' });
    expect(E.isLeft(ext) && ext.left.message).toMatch(/cyclicPrefix: extended CP is defined only for mu = 2/);
    const out = symbolTiming({ mu: 0, symbol: 14 });
    expect(E.isLeft(out) && out.left.message).toBe('symbol: expected an integer in 0..13 (symbols of one subframe at mu = 0, normal CP), got 14');
    expect(E.isRight(symbolTiming({ mu: 2, symbol: 47, cyclicPrefix: 'extended' }))).toBe(true);
    expect(E.isLeft(symbolTiming({ mu: 2, symbol: 0, cyclicPrefix: 'long' }))).toBe(true);
  });
});
