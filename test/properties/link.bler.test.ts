/**
 * Laws of the link models (fast-check): every error probability is in [0, 1] and never NaN for any
 * finite input; non-increasing in SNR; non-decreasing in the number of information bits (code rate)
 * at fixed n; HARQ: IR ≤ Chase and more transmissions never raise the residual error.
 */
import { fc, test } from '../support/fc-test.js';
import { describe, expect } from 'vitest';
import type { McsTableName, ModulationInput } from '../../src/core/types.js';
import { blerModel, snrForBler, type BlerModelName } from '../../src/link/bler.js';
import { mcsEntry } from '../../src/nr/mcs.js';
import { normalApproximation } from '../../src/link/fbl.js';
import { harqResidualError } from '../../src/link/harq.js';

const inputs: ModulationInput[] = ['gaussian', 'bpsk', 'qpsk', 'qam16', 'qam64', 'qam256', 'qam1024'];
const tables: McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];
const names: BlerModelName[] = ['fbl-gaussian', 'fbl-qam', 'nr-ldpc'];
const anyInput = fc.constantFrom(...inputs);
const anyTable = fc.constantFrom(...tables);
const anyModel = fc.tuple(fc.constantFrom(...names), fc.constantFrom('ideal' as const, 'conservative' as const));
const snr = fc.double({ min: -40, max: 60, noNaN: true });
const anyDouble = fc.double({ noNaN: false });
const EPS = 1e-12;
/** (Qm, R) of an MCS row, or null for an invalid or reserved one. */
const mcsRow = (table: McsTableName, mcs: number): { qm: number; rate: number } | null => {
  const e = mcsEntry(table, mcs);
  return e._tag === 'None' ? null : { qm: e.value.qm, rate: e.value.rateX1024 / 1024 };
};
/** Bits per symbol (a nominal 8 for Gaussian input) to draw realistic k = rate·n·bits. */
const BITS: Record<ModulationInput, number> = { gaussian: 8, bpsk: 1, qpsk: 2, qam16: 4, qam64: 6, qam256: 8, qam1024: 10 };

describe('normal approximation laws', () => {
  test.prop([fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), snr, anyInput])(
    'in [0, 1]',
    (n, k, snrDb, input) => {
      const e = normalApproximation({ n, k, snrDb, input });
      expect(e).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(1);
    },
  );

  test.prop([anyDouble, anyDouble, anyDouble, anyInput])('never NaN, even for garbage input', (n, k, snrDb, input) => {
    const e = normalApproximation({ n, k, snrDb, input });
    expect(Number.isNaN(e)).toBe(false);
    expect(e >= 0 && e <= 1).toBe(true);
  });

  test.prop([fc.integer({ min: 20, max: 20000 }), fc.double({ min: 0.02, max: 0.95, noNaN: true }), snr, snr, anyInput])(
    'non-increasing in SNR',
    (n, rate, s1, s2, input) => {
      const bits = BITS[input];
      const k = Math.max(1, Math.round(rate * n * bits));
      const [lo, hi] = s1 < s2 ? [s1, s2] : [s2, s1];
      const a = normalApproximation({ n, k, snrDb: lo, input });
      const b = normalApproximation({ n, k, snrDb: hi, input });
      expect(b).toBeLessThanOrEqual(a + EPS);
    },
  );

  test.prop([fc.integer({ min: 20, max: 20000 }), fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 100000 }), snr, anyInput])(
    'non-decreasing in k (code rate) at fixed n',
    (n, k1, k2, snrDb, input) => {
      const [lo, hi] = k1 < k2 ? [k1, k2] : [k2, k1];
      expect(normalApproximation({ n, k: lo, snrDb, input })).toBeLessThanOrEqual(
        normalApproximation({ n, k: hi, snrDb, input }) + EPS,
      );
    },
  );
});

describe('BLER model laws', () => {
  test.prop([anyModel, anyTable, fc.integer({ min: -2, max: 33 }), fc.integer({ min: 1, max: 8448 }), snr, snr])(
    'code-block error in [0, 1] and non-increasing in SNR',
    ([name, receiver], mcsTable, mcs, cbsBits, s1, s2) => {
      const m = blerModel(name, { receiver });
      const [lo, hi] = s1 < s2 ? [s1, s2] : [s2, s1];
      const a = m.codeBlockErrorRate({ mcsTable, mcs, cbsBits, snrDb: lo });
      const b = m.codeBlockErrorRate({ mcsTable, mcs, cbsBits, snrDb: hi });
      expect(a >= 0 && a <= 1 && b >= 0 && b <= 1).toBe(true);
      expect(b).toBeLessThanOrEqual(a + EPS);
    },
  );

  test.prop([anyModel, anyTable, fc.integer({ min: 0, max: 26 }), fc.integer({ min: 1, max: 8448 }), fc.integer({ min: 1, max: 8448 }), fc.integer({ min: 200, max: 60000 }), snr])(
    'non-decreasing in K′ at fixed rate-matched length E',
    ([name, receiver], mcsTable, mcs, k1, k2, eBits, snrDb) => {
      const m = blerModel(name, { receiver });
      const [lo, hi] = k1 < k2 ? [k1, k2] : [k2, k1];
      const a = m.codeBlockErrorRate({ mcsTable, mcs, cbsBits: lo, snrDb, eBits });
      const b = m.codeBlockErrorRate({ mcsTable, mcs, cbsBits: hi, snrDb, eBits });
      expect(a).toBeLessThanOrEqual(b + EPS);
    },
  );

  // the premise of classes/model errLowerBound: one kernel call bounds every K' of an interval
  test.prop([
    anyModel,
    anyTable,
    fc.integer({ min: 0, max: 26 }),
    fc.integer({ min: 24, max: 8448 }),
    fc.double({ min: 0, max: 0.06, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: -9, max: -0.05, noNaN: true }),
  ], { numRuns: 500 })(
    'K′ in [Ka, Kb]: error ≥ kernel at k = Ka, n = n(Kb), SNR + loss(Ka) − min loss; loss monotone in k',
    ([name, receiver], mcsTable, mcs, ka, widen, at, log10Target) => {
      const m = blerModel(name, { receiver });
      // on the waterfall (where the law can fail), not where every error is 0 or 1
      const x = snrForBler(m, { mcsTable, mcs, cbsBits: ka }, 10 ** log10Target);
      const row = mcsRow(mcsTable, mcs);
      if (row === null) return;
      const { qm, rate } = row;
      const kb = Math.floor(ka * (1 + widen));
      const k = Math.min(kb, Math.max(ka, Math.round(ka + at * (kb - ka))));
      const nOf = (kk: number): number => Math.max(qm, Math.round(kk / rate)) / qm;
      const la = m.implementationLossDb(qm, ka, rate);
      const lb = m.implementationLossDb(qm, kb, rate);
      const lk = m.implementationLossDb(qm, k, rate);
      expect(lk).toBeGreaterThanOrEqual(Math.min(la, lb) - 1e-12);
      expect(lk).toBeLessThanOrEqual(Math.max(la, lb) + 1e-12);
      const bound = m.blockError(qm, ka, nOf(kb), x + la - Math.min(la, lb), rate);
      expect(m.blockError(qm, k, nOf(k), x, rate)).toBeGreaterThanOrEqual(bound - EPS);
    },
  );

  // the premise of classes/model errHalfFloor: below halfErrorSnrDb every k of the range fails with
  // probability ≥ 1/2; drawn near the bound (where it can fail) and on whole ranges of k
  test.prop([
    anyModel,
    anyTable,
    fc.integer({ min: 0, max: 31 }),
    fc.integer({ min: 1, max: 8448 }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 3, noNaN: true }),
  ], { numRuns: 500 })(
    'halfErrorSnrDb: blockError ≥ 1/2 at or below it for every k in [kMin, kMax]; not vacuous',
    ([name, receiver], mcsTable, mcs, kMin, widenLog10, at, belowDb) => {
      const m = blerModel(name, { receiver });
      const row = mcsRow(mcsTable, mcs);
      if (row === null) return;
      const { qm, rate } = row;
      const kMax = Math.min(8448, Math.floor(kMin * 10 ** widenLog10));
      const x = m.halfErrorSnrDb(qm, kMin, kMax, rate);
      expect(Number.isNaN(x)).toBe(false);
      if (!(x > Number.NEGATIVE_INFINITY)) return;
      const nOf = (kk: number): number => Math.max(qm, Math.round(kk / rate)) / qm;
      // the drawn k, the ends, and every k of a small range
      const ks = [kMin, kMax, Math.min(kMax, Math.max(kMin, Math.round(kMin + at * (kMax - kMin))))];
      if (kMax - kMin <= 64) for (let k = kMin; k <= kMax; k++) ks.push(k);
      for (const k of ks) {
        expect(m.blockError(qm, k, nOf(k), x, rate)).toBeGreaterThanOrEqual(0.5);
        expect(m.blockError(qm, k, nOf(k), x - belowDb, rate)).toBeGreaterThanOrEqual(0.5);
      }
      // not vacuous: within 3 dB of it the longest block already succeeds with probability > 1/2,
      // unless the block is tiny (the ½·log2 n term) or rate matching rounds n up to Qm
      if (kMin >= 200 && kMax === kMin) expect(m.blockError(qm, kMin, nOf(kMin), x + 3, rate)).toBeLessThan(0.5);
    },
  );

  test.prop([anyModel, fc.constantFrom(...tables), anyDouble, anyDouble, anyDouble, anyDouble])(
    'never NaN for any input',
    ([name, receiver], mcsTable, mcs, size, snrDb, eBits) => {
      const m = blerModel(name, { receiver });
      const a = m.codeBlockErrorRate({ mcsTable, mcs, cbsBits: size, snrDb, eBits });
      const b = m.transportBlockErrorRate({ mcsTable, mcs, tbsBits: size, snrDb });
      expect(a >= 0 && a <= 1).toBe(true);
      expect(b >= 0 && b <= 1).toBe(true);
    },
  );
});

describe('HARQ laws (AWGN)', () => {
  test.prop(
    [fc.constantFrom(...names), anyTable, fc.integer({ min: 0, max: 26 }), fc.integer({ min: 24, max: 60000 }), fc.double({ min: -10, max: 35, noNaN: true })],
    { numRuns: 60 },
  )('IR ≤ Chase; residual non-increasing in the number of transmissions', (name, mcsTable, mcs, tbsBits, snrDb) => {
    const model = blerModel(name);
    let prevC = 1;
    let prevI = 1;
    for (let t = 1; t <= 4; t++) {
      const q = { model, mcsTable, mcs, tbsBits, snrDb, transmissions: t };
      const c = harqResidualError({ ...q, combining: 'chase' });
      const i = harqResidualError({ ...q, combining: 'ir' });
      expect(i).toBeLessThanOrEqual(c + EPS);
      expect(c).toBeLessThanOrEqual(prevC + EPS);
      expect(i).toBeLessThanOrEqual(prevI + EPS);
      prevC = c;
      prevI = i;
    }
  });
});
