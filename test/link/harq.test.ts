import { describe, expect, it } from 'vitest';
import { blerModel } from '../../src/link/bler.js';
import { fadingAverage } from '../../src/link/fading.js';
import { harqAttemptErrors, harqResidualError, harqTransmissionDistribution, type HarqQuery } from '../../src/link/harq.js';

const model = blerModel();
const base: HarqQuery = { model, mcsTable: 'qam64', mcs: 12, tbsBits: 3000, snrDb: 6, transmissions: 4, combining: 'chase' };

describe('HARQ on AWGN', () => {
  it('one transmission is the transport-block error; Chase adds the SNRs of the transmissions', () => {
    const tb = (s: number): number => model.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 12, tbsBits: 3000, snrDb: s });
    expect(harqResidualError({ ...base, transmissions: 1 })).toBe(tb(6));
    for (let t = 1; t <= 4; t++) {
      const want = Math.min(...Array.from({ length: t }, (_, i) => tb(6 + 10 * Math.log10(i + 1))));
      expect(harqResidualError({ ...base, transmissions: t })).toBeCloseTo(want, 15);
    }
  });

  it('the distribution is non-negative and sums to 1; IR ≤ Chase; more transmissions never hurt', () => {
    for (const snrDb of [0, 4, 6, 8]) {
      let prevChase = 1;
      for (let t = 1; t <= 4; t++) {
        const c = harqResidualError({ ...base, snrDb, transmissions: t });
        const ir = harqResidualError({ ...base, snrDb, transmissions: t, combining: 'ir' });
        expect(ir).toBeLessThanOrEqual(c);
        expect(c).toBeLessThanOrEqual(prevChase);
        prevChase = c;
        const d = harqTransmissionDistribution({ ...base, snrDb, transmissions: t, combining: 'ir' });
        expect(d).toHaveLength(t + 1);
        for (const x of d) expect(x).toBeGreaterThanOrEqual(0);
        expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(d[t]).toBe(ir);
      }
    }
  });

  it('IR gains over Chase at a high initial rate (the extra parity beats energy combining)', () => {
    const q = { ...base, mcs: 20, transmissions: 2 };
    let s = 0;
    while (harqResidualError({ ...q, snrDb: s }) > 0.3) s += 0.25;
    expect(harqResidualError({ ...q, snrDb: s, combining: 'ir' })).toBeLessThan(0.5 * harqResidualError({ ...q, snrDb: s }));
  });
});

describe('HARQ under fading', () => {
  const rayleigh = { kind: 'rayleigh' } as const;
  it('same fading: attempt t is the fading average of the AWGN attempt', () => {
    const got = harqResidualError({ ...base, snrDb: 15, transmissions: 2, fading: rayleigh, fadingPerTransmission: 'same' });
    const want = fadingAverage(
      (s) => harqResidualError({ ...base, snrDb: s, transmissions: 2 }),
      15,
      rayleigh,
    );
    expect(Math.abs(got / want - 1)).toBeLessThan(1e-5);
  });

  it('independent fading, Chase: SNR sum of t·L branches (diversity multiplied)', () => {
    const got = harqResidualError({ ...base, snrDb: 15, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'independent' });
    const tb = (s: number): number => model.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 12, tbsBits: 3000, snrDb: s });
    expect(Math.abs(got / fadingAverage(tb, 15, { kind: 'rayleigh', diversity: 3 }) - 1)).toBeLessThan(1e-9);
  });

  it('independent fading beats same fading at low error; IR ≤ Chase in both', () => {
    for (const per of ['same', 'independent'] as const) {
      const q = { ...base, snrDb: 18, transmissions: 3, fading: rayleigh, fadingPerTransmission: per };
      expect(harqResidualError({ ...q, combining: 'ir' })).toBeLessThanOrEqual(harqResidualError(q));
    }
    const same = harqResidualError({ ...base, snrDb: 18, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'same' });
    const ind = harqResidualError({ ...base, snrDb: 18, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'independent' });
    expect(ind).toBeLessThan(same);
  });

  it('invalid queries saturate to 1; transmissions are clamped', () => {
    expect(harqResidualError({ ...base, mcs: 31 })).toBe(1);
    expect(harqResidualError({ ...base, snrDb: Number.NaN })).toBe(1);
    expect(harqTransmissionDistribution({ ...base, transmissions: 0 })).toHaveLength(2);
  });
});

describe('harqAttemptErrors', () => {
  it('gives e_t = harqResidualError with t transmissions, for every t, in one call', () => {
    const model = blerModel('nr-ldpc');
    for (const [fading, per, combining] of [
      [{ kind: 'awgn' }, 'same', 'chase'],
      [{ kind: 'rayleigh', diversity: 2 }, 'independent', 'chase'],
      [{ kind: 'rayleigh', diversity: 1 }, 'same', 'ir'],
    ] as const) {
      const q: HarqQuery = { model, mcsTable: 'qam64', mcs: 12, tbsBits: 2000, snrDb: 9, transmissions: 4, combining, fading, fadingPerTransmission: per };
      const e = harqAttemptErrors(q);
      expect(e.length).toBe(4);
      for (let t = 1; t <= 4; t++) expect(e[t - 1]).toBe(harqResidualError({ ...q, transmissions: t }));
    }
  });
});
