/**
 * Hand calculations of the ITU-R M.2412 / TR 37.910 §5.7.1 latency chain, written out step by step
 * from the spec numbers (TS 38.214 Tables 5.3-1/5.3-2/6.4-1/6.4-2, Tproc unit (2048+144)·κ·2^-μ·Tc)
 * without using the library's processing module. We did not find the published TR 37.910 tables
 * in any source we could reach, so these hand calculations are the reference (see spec/latency.md).
 */
import { describe, expect, it } from 'vitest';
import { assertUserPlaneLatency } from '../../src/link/latency.js';

const TC_MS = 1e3 / (480e3 * 4096);
/** Tproc of N symbols at mu, ms. */
const tproc = (n: number, mu: number): number => n * (2048 + 144) * 64 * 2 ** -mu * TC_MS;
/** Average symbol at mu, ms. */
const sym = (mu: number): number => 1 / 2 ** mu / 14;

describe('latency: hand calculations, FDD, 30 kHz (mu = 1)', () => {
  const mu = 1;
  const s = sym(mu);
  // capability 1: N1 = 10 (pos0), N2 = 12; capability 2: N1 = 4.5, N2 = 5.5
  const n1 = { 1: 10, 2: 4.5 } as const;
  const n2 = { 1: 12, 2: 5.5 } as const;
  // d1,1 for PDSCH mapping type B (capability 1): L = 2 → 3 + d, L = 4 → 7 − 4 = 3, L = 7 → 0 (d = 0)
  const d11cap1: Record<number, number> = { 2: 3, 4: 3, 7: 0, 14: 0 };
  // mean wait for the next start opportunity, starts every M symbols inside a 14-symbol slot:
  // M = 2, 7, 14 evenly spaced → M/2; M = 4 → starts 0, 4, 8, gaps 4, 4, 6 → (16+16+36)/(2·14) symbols
  const meanWait: Record<number, number> = { 2: 1, 4: 68 / 28, 7: 3.5, 14: 7 };

  for (const cap of [1, 2] as const) {
    for (const M of [2, 4, 7, 14]) {
      it(`DL, cap ${cap}, ${M}-symbol TTI, 1 transmission: Tproc,2/2 + wait + TTI + Tproc,1/2`, () => {
        const d = cap === 1 ? (d11cap1[M] as number) : 0;
        const expected = tproc(n2[cap], mu) / 2 + (meanWait[M] as number) * s + M * s + tproc(n1[cap] + d, mu) / 2;
        const r = assertUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu, ttiSymbols: M, ueCapability: cap, grant: 'dynamic', transmissions: 1 });
        expect(r.totalMs).toBeCloseTo(expected, 12);
      });
      it(`UL configured grant, cap ${cap}, ${M}-symbol TTI: Tproc,2/2 + wait + TTI + Tproc,1/2 (same as DL in FDD)`, () => {
        const d = cap === 1 ? (d11cap1[M] as number) : 0;
        const expected = tproc(n2[cap], mu) / 2 + (meanWait[M] as number) * s + M * s + tproc(n1[cap] + d, mu) / 2;
        const r = assertUserPlaneLatency({ direction: 'UL', duplex: 'FDD', mu, ttiSymbols: M, ueCapability: cap, grant: 'configured', transmissions: 1 });
        expect(r.totalMs).toBeCloseTo(expected, 12);
      });
    }
  }

  it('DL slot TTI, cap 1, 2 transmissions: one HARQ round is exactly 3 slots', () => {
    // PDSCH ends at a slot boundary (symbol 0 of slot n+1). Tproc,1 = 10 units = 9.99 average symbols
    // → PUCCH at symbol 10 of slot n+1, 1 symbol → 11; gNB Tproc,2/2 = 6 units → 16.99 → next DL slot
    // start is slot n+2 (symbol 28 from the PDSCH end... counted from slot n+1: 14 + 14 = 28), the
    // retransmission ends at 42 symbols = 3 slots = 1.5 ms after the first PDSCH ended.
    const one = assertUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 1 });
    const two = assertUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 2 });
    expect(two.totalMs - one.totalMs).toBeCloseTo(1.5, 12);
    expect(two.parts['harq']).toBeCloseTo(1.5, 12);
  });

  it('DL 2-symbol TTI, cap 2, 2 transmissions: HARQ round by hand', () => {
    // TTI ends at symbol e (on the 2-symbol grid). Tproc,1 = 4.5 units = 4.4956 avg symbols → PUCCH
    // at the next symbol boundary e+5, 1 symbol → e+6; gNB Tproc,2/2 = 2.75 units = 2.7473 → e+8.75
    // → next even start e+10; retransmission TTI → e+12. But grid starts are even symbols within a
    // slot (0..12), always available for M = 2, so the round is 12 symbols.
    const one = assertUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu, ttiSymbols: 2, ueCapability: 2, grant: 'dynamic', transmissions: 1 });
    const two = assertUserPlaneLatency({ direction: 'DL', duplex: 'FDD', mu, ttiSymbols: 2, ueCapability: 2, grant: 'dynamic', transmissions: 2 });
    expect(two.totalMs - one.totalMs).toBeCloseTo(12 * s, 12);
  });

  it('UL scheduling-request chain, slot TTI, cap 1, by hand', () => {
    // SR occasion wait: mean 7 symbols (one occasion per slot); SR 1 symbol; gNB Tproc,2/2 (6 units);
    // wait to the next PDCCH occasion (slot start); PDCCH 1 symbol; UE Tproc,2 (12 units = 11.99
    // symbols, so the PUSCH misses symbol 13 → next slot start); PUSCH 14 symbols; gNB Tproc,1/2.
    const u = tproc(1, mu);
    let t = 1 + (6 * u) / s; // after SR + gNB processing, in symbols from the SR occasion
    const pdcchWait = 14 - t;
    t = 14 + 1 + (12 * u) / s;
    const puschWait = 28 - t;
    const expected = 7 * s + 1 * s + 6 * u + pdcchWait * s + 1 * s + 12 * u + puschWait * s + 14 * s + 5 * u;
    const r = assertUserPlaneLatency({ direction: 'UL', duplex: 'FDD', mu, ttiSymbols: 14, ueCapability: 1, grant: 'sr', transmissions: 1 });
    expect(r.totalMs).toBeCloseTo(expected, 12);
    expect(r.parts['pdcchAlignment']).toBeCloseTo(pdcchWait * s, 12);
    expect(r.parts['frameAlignment']).toBeCloseTo(puschWait * s, 12);
  });
});

describe('latency: hand calculations, TDD', () => {
  it("DL slot TTI in 'DDDSU' (30 kHz): DL slots 0, 1, 2 → mean wait (1.5² + 0.5² + 0.5²)/(2·2.5) = 0.55 ms", () => {
    const r = assertUserPlaneLatency({ direction: 'DL', duplex: 'TDD', tddPattern: 'DDDSU', mu: 1, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 1 });
    expect(r.parts['frameAlignment']).toBeCloseTo(0.55, 12);
    const worst = assertUserPlaneLatency({ direction: 'DL', duplex: 'TDD', tddPattern: 'DDDSU', mu: 1, ttiSymbols: 14, ueCapability: 1, grant: 'dynamic', transmissions: 1, alignment: 'worst' });
    expect(worst.parts['frameAlignment']).toBeCloseTo(1.5, 12);
  });
  it("UL configured grant, slot TTI in 'DDDSU': one UL slot per 2.5 ms → mean wait 1.25 ms, worst 2.5 ms", () => {
    const base = { direction: 'UL', duplex: 'TDD', tddPattern: 'DDDSU', mu: 1, ttiSymbols: 14, ueCapability: 1, grant: 'configured', transmissions: 1 } as const;
    expect(assertUserPlaneLatency(base).parts['frameAlignment']).toBeCloseTo(1.25, 12);
    expect(assertUserPlaneLatency({ ...base, alignment: 'worst' }).parts['frameAlignment']).toBeCloseTo(2.5, 12);
  });
  it("UL 2-symbol TTI in 'DDDSU' with S = 10D:2G:2U: occasions at S symbol 12 and U symbols 0..12 step 2", () => {
    // Period 70 symbols; occasions at 54 (S) and 56, 58, ..., 68 (U); gaps 56 (68 → 54+70), then 2 each (7 times).
    const P = 70;
    const gaps = [56, 2, 2, 2, 2, 2, 2, 2];
    const meanWait = gaps.reduce((a, g) => a + g * g, 0) / (2 * P);
    const s = 0.5 / 14;
    const base = { direction: 'UL', duplex: 'TDD', tddPattern: 'DDDSU', mu: 1, ttiSymbols: 2, ueCapability: 2, grant: 'configured', transmissions: 1 } as const;
    expect(assertUserPlaneLatency(base).parts['frameAlignment']).toBeCloseTo(meanWait * s, 12);
    expect(assertUserPlaneLatency({ ...base, specialSlot: '12D:2G:0U' }).parts['frameAlignment']).toBeCloseTo(
      ((58 * 58 + 6 * 4) / (2 * P)) * s,
      12,
    );
  });
});
