import { describe, expect, it } from 'vitest';
import { exponential, makeRng } from '../../src/core/rng.js';
import { blerModel, tbFromCb } from '../../src/link/bler.js';
import { maxDopplerHz } from '../../src/link/correlation.js';
import { ldpcSegmentation } from '../../src/nr/ldpc.js';
import { payloadCodedBits } from '../../src/nr/allocation.js';
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

  it('the distribution is e_{t-1} − e_t of Chase errors computed independently (SNR + 10·log10 t), and its tail is e_T', () => {
    // Independent computation: Chase on AWGN decodes attempt t at the combined SNR snr + 10·log10(t)
    // (TS 38.212 RV0 repeated); e_t is the running minimum of those TB errors (nested attempts).
    const tb = (s: number): number => model.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 12, tbsBits: 3000, snrDb: s });
    for (const snrDb of [0, 4, 6, 8]) {
      const e: number[] = [];
      let run = 1;
      for (let t = 1; t <= 4; t++) {
        run = Math.min(run, tb(snrDb + 10 * Math.log10(t)));
        e.push(run);
      }
      const d = harqTransmissionDistribution({ ...base, snrDb, transmissions: 4 });
      expect(d).toHaveLength(5);
      for (let t = 1; t <= 4; t++) expect(d[t - 1]).toBeCloseTo((t === 1 ? 1 : e[t - 2]!) - e[t - 1]!, 14);
      expect(d[4]).toBeCloseTo(e[3]!, 14);
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

  it('independent fading beats same fading at low error', () => {
    const same = harqResidualError({ ...base, snrDb: 18, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'same' });
    const ind = harqResidualError({ ...base, snrDb: 18, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'independent' });
    expect(ind).toBeLessThan(same);
  });

  it('independent Rayleigh fading, Chase and IR: e_t agrees with a seeded Monte Carlo over the channel draws', () => {
    // Independent of the closed forms (Gamma MRC law, the IR convolution grid): draw t i.i.d. Rayleigh
    // SNRs, combine them as the model states (Chase: SNRs add; IR: accumulated log2(1+γ) as an
    // effective SNR over t·E coded bits, never worse than Chase) and average the conditional TB error.
    const rng = makeRng(20261207);
    const q: HarqQuery = { ...base, mcs: 16, tbsBits: 2000, snrDb: 12, transmissions: 3, fading: rayleigh, fadingPerTransmission: 'independent' };
    const rx = 658; // qam64 MCS 16: Qm 4, R·1024 658 (TS 38.214 Table 5.1.3.1-1)
    const qm = 4;
    const seg = ldpcSegmentation(q.tbsBits, rx);
    const e = payloadCodedBits(q.tbsBits, seg.codeBlocks, rx, qm); // E from the payload (nr/allocation)
    const cb = (n: number, sDb: number): number => model.blockError(qm, seg.kPrime, n / qm, sDb, rx / 1024);
    const db = (x: number): number => 10 * Math.log10(x);
    const lin = Math.pow(10, q.snrDb / 10);
    const N = 20000;
    for (let t = 1; t <= 3; t++) {
      let sumChase = 0;
      let sumIr = 0;
      let sqChase = 0;
      for (let i = 0; i < N; i++) {
        let g = 0;
        let mi = 0;
        for (let j = 0; j < t; j++) {
          const gj = exponential(rng, lin);
          g += gj;
          mi += Math.log2(1 + gj);
        }
        const chaseCb = cb(e, db(g));
        const c = tbFromCb(chaseCb, seg.codeBlocks);
        const geff = Math.pow(2, mi / t) - 1;
        const total = t * e;
        const irCb = total > seg.nBits ? cb(Math.max(e, seg.nBits), db(geff) + db(total / Math.max(e, seg.nBits))) : cb(total, db(geff));
        sumChase += c;
        sqChase += c * c;
        sumIr += tbFromCb(Math.min(irCb, cb(e, db(geff) + db(t))), seg.codeBlocks);
      }
      const mChase = sumChase / N;
      const seChase = Math.sqrt(Math.max(sqChase / N - mChase * mChase, 0) / N);
      const gotChase = harqResidualError({ ...q, transmissions: t });
      expect(Math.abs(gotChase - mChase)).toBeLessThan(5 * seChase + 0.02 * mChase);
      // IR: the model takes min(Chase, IR-by-convolution); the Monte Carlo of the IR part bounds it.
      const gotIr = harqResidualError({ ...q, transmissions: t, combining: 'ir' });
      const mIr = Math.min(mChase, sumIr / N);
      expect(Math.abs(gotIr - mIr)).toBeLessThan(5 * seChase + 0.05 * mIr + 1e-6);
    }
  });

  it("time-correlated fading (Jakes): f_D = 0 is 'same', fast fading approaches 'independent', walking speed stays near 'same'", () => {
    const q: HarqQuery = { ...base, mcs: 16, tbsBits: 2000, snrDb: 12, transmissions: 3, fading: { kind: 'rayleigh', diversity: 2 } };
    const same = harqResidualError({ ...q, fadingPerTransmission: 'same' });
    const ind = harqResidualError({ ...q, fadingPerTransmission: 'independent' });
    const at = (dopplerHz: number): number => harqResidualError({ ...q, fadingPerTransmission: 'correlated', dopplerHz, transmissionTimesMs: [0, 1, 2] });
    expect(Math.abs(at(0) / same - 1)).toBeLessThan(1e-4);
    const walking = at(maxDopplerHz(3, 3500)); // 3 km/h at 3.5 GHz, HARQ every 1 ms
    const highway = at(maxDopplerHz(250, 3500));
    expect(walking).toBeGreaterThan(0.8 * same);
    // eigenvalues under 1 % of the largest are dropped (an upper bound), so near-static channels land a hair above same
    expect(walking).toBeLessThanOrEqual(same * 1.01);
    expect(highway).toBeLessThan(walking);
    expect(highway).toBeGreaterThanOrEqual(ind * (1 - 1e-4));
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

describe('harqAttemptErrors memo (issue 18)', () => {
  it('a repeated query returns the computed bits, a caller mutating the answer does not change the next one, and every query field is in the key', () => {
    const model = blerModel('nr-ldpc');
    const base: HarqQuery = {
      model,
      mcsTable: 'qam64',
      mcs: 12,
      tbsBits: 2000,
      snrDb: 9.123456789,
      transmissions: 3,
      combining: 'chase',
      fading: { kind: 'rayleigh', diversity: 2 },
      fadingPerTransmission: 'correlated',
      dopplerHz: 30,
      transmissionTimesMs: [0, 1.5, 3],
    };
    const first = harqAttemptErrors(base);
    const again = harqAttemptErrors({ ...base });
    expect(again).toEqual(first);
    again[0] = 42;
    expect(harqAttemptErrors(base)).toEqual(first);
    // a query that differs in one field only gets its own answer (a key that dropped the field would repeat `first`)
    const variants: Partial<HarqQuery>[] = [
      { mcs: 13 },
      { tbsBits: 2008 },
      { snrDb: 9.123456788 },
      { fading: { kind: 'rayleigh', diversity: 1 } },
      { fadingPerTransmission: 'independent' },
      { dopplerHz: 300 },
      { transmissionTimesMs: [0, 3, 6] },
      { mcsTable: 'qam256' },
    ];
    for (const v of variants) {
      const q = { ...base, ...v } as HarqQuery;
      const got = harqAttemptErrors(q);
      expect(got, JSON.stringify(v)).not.toEqual(first);
      // and equals a fresh computation on a model object the memo has never seen
      expect(got).toEqual(harqAttemptErrors({ ...q, model: { ...model } }));
    }
    // combining (under 'correlated' IR is credited as Chase, so compare on 'independent')
    const chase = harqAttemptErrors({ ...base, fadingPerTransmission: 'independent' });
    const ir = harqAttemptErrors({ ...base, fadingPerTransmission: 'independent', combining: 'ir' });
    expect(ir).not.toEqual(chase);
    expect(ir).toEqual(harqAttemptErrors({ ...base, fadingPerTransmission: 'independent', combining: 'ir', model: { ...model } }));
  });
});
