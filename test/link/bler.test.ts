import { describe, expect, it } from 'vitest';
import type { McsTableName } from '../../src/core/types.js';
import { ldpcSegmentation } from '../../src/nr/ldpc.js';
import { payloadCodedBits } from '../../src/nr/allocation.js';
import { mcsEntry, maxMcsIndex } from '../../src/nr/mcs.js';
import * as O from 'fp-ts/lib/Option.js';
import { blerModel, nrLdpcModelWithLoss, snrForBler, tbFromCb, SNR_SEARCH_MAX_DB, SNR_SEARCH_MIN_DB } from '../../src/link/bler.js';
import { LDPC_LOSS } from '../../src/link/nrLdpc.js';
import { normalApproximation, inputForQm } from '../../src/link/fbl.js';

const TABLES: readonly McsTableName[] = ['qam64', 'qam256', 'qam64LowSE', 'qam1024'];

function entry(table: McsTableName, mcs: number): { qm: number; r: number } {
  const e = O.toUndefined(mcsEntry(table, mcs));
  if (!e) throw new Error('no entry');
  return { qm: e.qm, r: e.rateX1024 / 1024 };
}

describe('blerModel', () => {
  it('defaults to nr-ldpc with the conservative receiver; models are cached', () => {
    const m = blerModel();
    expect(m.name).toBe('nr-ldpc');
    expect(m.receiver).toBe('conservative');
    expect(blerModel('nr-ldpc', { receiver: 'ideal' }).receiver).toBe('ideal');
    expect(blerModel()).toBe(m);
  });

  it('fbl models are the normal approximation with n = E/Qm complex uses and k = K′', () => {
    for (const [table, mcs] of [['qam64', 3], ['qam256', 15], ['qam1024', 24]] as const) {
      const { qm, r } = entry(table, mcs);
      const k = 1200;
      const e = Math.round(k / r);
      for (const snrDb of [0, 8, 16, 25]) {
        const g = blerModel('fbl-gaussian').codeBlockErrorRate({ mcsTable: table, mcs, cbsBits: k, snrDb });
        expect(g).toBeCloseTo(normalApproximation({ n: e / qm, k, snrDb, input: 'gaussian' }), 14);
        const q = blerModel('fbl-qam').codeBlockErrorRate({ mcsTable: table, mcs, cbsBits: k, snrDb, eBits: e });
        expect(q).toBeCloseTo(normalApproximation({ n: e / qm, k, snrDb, input: inputForQm(qm) }), 14);
      }
    }
  });

  it('transport-block error is 1 − Π(1 − CBLER) over the ldpcSegmentation code blocks', () => {
    const m = blerModel();
    for (const tbs of [500, 3824, 8448, 20000, 100000]) {
      const mcs = 10;
      const { qm, r } = entry('qam64', mcs);
      const seg = ldpcSegmentation(tbs, r * 1024);
      const e = payloadCodedBits(tbs, seg.codeBlocks, r * 1024, qm); // E from the payload (nr/allocation)
      for (const snrDb of [5, 6, 7]) {
        const cb = m.codeBlockErrorRate({ mcsTable: 'qam64', mcs, cbsBits: seg.kPrime, snrDb, eBits: e });
        const want = 1 - Math.pow(1 - cb, seg.codeBlocks);
        const got = m.transportBlockErrorRate({ mcsTable: 'qam64', mcs, tbsBits: tbs, snrDb });
        expect(Math.abs(got - want)).toBeLessThan(1e-12);
        expect(qm).toBe(4);
      }
    }
    expect(tbFromCb(1e-12, 10)).toBeCloseTo(1e-11, 20);
  });

  it('snrForBler inverts the model; required SNR grows with the MCS index; ideal ≤ conservative', () => {
    const ideal = blerModel('nr-ldpc', { receiver: 'ideal' });
    const cons = blerModel('nr-ldpc');
    for (const table of TABLES) {
      let prev = -Infinity;
      for (let mcs = 0; mcs <= maxMcsIndex(table); mcs++) {
        const q = { mcsTable: table, mcs, cbsBits: 2000 };
        const s = snrForBler(ideal, q, 0.1);
        expect(ideal.codeBlockErrorRate({ ...q, snrDb: s })).toBeLessThanOrEqual(0.1);
        expect(ideal.codeBlockErrorRate({ ...q, snrDb: s - 1e-5 })).toBeGreaterThan(0.1);
        expect(s).toBeGreaterThanOrEqual(prev - 0.25); // MCS rows with equal SE (e.g. QPSK→16QAM switch) may tie
        prev = s;
        expect(snrForBler(cons, q, 0.1)).toBeGreaterThan(s);
        // the practical code needs more SNR than the finite-blocklength limit of its constellation
        expect(snrForBler(blerModel('fbl-qam'), q, 0.1)).toBeLessThan(s);
      }
    }
  });

  it('the ideal preset reproduces the NR LDPC rate-1/2 BPSK points of AFF3CT within 0.2 dB (see conformance)', () => {
    const m = blerModel('nr-ldpc', { receiver: 'ideal' });
    // K = 512, N = 1024, layered SPA, 10 it.: FER 1e-2 at Es/N0 −1.157 dB
    const f = (s: number): number => m.blockError(1, 512, 1024, s);
    expect(f(-1.157 - 0.2)).toBeGreaterThan(0.01);
    expect(f(-1.157 + 0.2)).toBeLessThan(0.01);
  });

  it('custom loss: margin shifts the curve by exactly its dB; vScale widens the waterfall', () => {
    const base = nrLdpcModelWithLoss(LDPC_LOSS.ideal);
    const shifted = nrLdpcModelWithLoss({ ...LDPC_LOSS.ideal, margin: 1.5 });
    const wide = nrLdpcModelWithLoss({ ...LDPC_LOSS.ideal, vScale: 4 });
    for (const s of [0, 1, 2, 3]) {
      expect(shifted.blockError(2, 2000, 4000, s + 1.5, 0.25)).toBeCloseTo(base.blockError(2, 2000, 4000, s, 0.25), 12);
    }
    const q = { mcsTable: 'qam64' as const, mcs: 9, cbsBits: 4000 };
    const w1 = snrForBler(wide, q, 1e-5) - snrForBler(wide, q, 0.1);
    const b1 = snrForBler(base, q, 1e-5) - snrForBler(base, q, 0.1);
    // √4 = 2× wider in the Q-function argument; C and V vary with SNR, so ≈ 2 rather than exactly
    expect(w1 / b1).toBeGreaterThan(1.8);
    expect(w1 / b1).toBeLessThan(2.1);
  });

  it('saturates on invalid input instead of returning NaN', () => {
    const m = blerModel();
    expect(m.codeBlockErrorRate({ mcsTable: 'qam64', mcs: 29, cbsBits: 1000, snrDb: 30 })).toBe(1); // reserved
    expect(m.codeBlockErrorRate({ mcsTable: 'qam64', mcs: 2.5, cbsBits: 1000, snrDb: 30 })).toBe(1);
    expect(m.codeBlockErrorRate({ mcsTable: 'nope' as McsTableName, mcs: 2, cbsBits: 1000, snrDb: 30 })).toBe(1);
    expect(m.codeBlockErrorRate({ mcsTable: 'qam64', mcs: 2, cbsBits: 1000, snrDb: Number.NaN })).toBe(1);
    expect(m.codeBlockErrorRate({ mcsTable: 'qam64', mcs: 2, cbsBits: 0, snrDb: 0 })).toBe(0);
    expect(m.transportBlockErrorRate({ mcsTable: 'qam64', mcs: 2, tbsBits: Number.NaN, snrDb: 0 })).toBe(1);
    expect(snrForBler(m, { mcsTable: 'qam64', mcs: 27, cbsBits: 8000 }, 1e-300)).toBeLessThanOrEqual(SNR_SEARCH_MAX_DB);
    expect(snrForBler(m, { mcsTable: 'qam64', mcs: 0, cbsBits: 100 }, 1)).toBe(SNR_SEARCH_MIN_DB);
  });
});
