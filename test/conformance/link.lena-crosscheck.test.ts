/**
 * Independent cross-check of the 'nr-ldpc' model against link-level curves it was NOT fitted on:
 * the 5G-LENA (ns-3 NR, CTTC) EESM error-model tables for MCS Table 1 (qam64), LDPC base graph 1,
 * code-block size 3840 bits (file `nr-eesm-t1-bg1.cc`, read from the public copy in
 * UniVe-NeDS-Lab/fivegchannel @ 999a4b09ca9926097187326cafe03a27588927ab,
 * channelmodel/sinr_bler/LENA/nr-eesm-t1-bg1.cc). Each row holds the two tabulated (SINR dB, BLER)
 * points that bracket 10 % BLER; the crossing is found by log-linear interpolation, as for the
 * calibration data (spec/bler.md §3.2, §3.7).
 *
 * What must hold: the 'ideal' preset never needs more SNR than this practical receiver, and the
 * 'conservative' preset (the planning default) stays within ±2 dB of it.
 */
import { describe, expect, it } from 'vitest';
import { blerModel, snrForBler } from '../../src/link/index.js';

/** [mcs, [sinrDb, bler] just above 10 %, [sinrDb, bler] just below 10 %] at CBS 3840, BG1. */
const LENA_T1_BG1_K3840: ReadonlyArray<readonly [number, readonly [number, number], readonly [number, number]]> = [
  [4, [1.965, 1.336713e-1], [2.2, 5.8e-3]],
  [5, [2.48, 7.266949e-1], [2.89, 4.2e-2]],
  [6, [3.375, 3.882979e-1], [3.8125, 3.6e-3]],
  [8, [4.675, 5.407839e-1], [4.95, 7.56e-2]],
  [9, [5.7, 1.185142e-1], [6.1, 7.0e-4]],
  [10, [6.08, 7.362717e-1], [6.4076, 8.08e-2]],
  [11, [6.8196, 4.874517e-1], [7.1597, 1.41e-2]],
  [12, [7.6906, 2.305403e-1], [8.0179, 2.1e-3]],
  [13, [8.25, 5.80518e-1], [8.625, 2.1e-2]],
];

function crossing(a: readonly [number, number], b: readonly [number, number], target: number): number {
  const f = (Math.log(a[1]) - Math.log(target)) / (Math.log(a[1]) - Math.log(b[1]));
  return a[0] + f * (b[0] - a[0]);
}

describe('nr-ldpc vs 5G-LENA (not fitted on)', () => {
  const ideal = blerModel('nr-ldpc', { receiver: 'ideal' });
  const conservative = blerModel('nr-ldpc', { receiver: 'conservative' });
  for (const [mcs, hi, lo] of LENA_T1_BG1_K3840) {
    it(`qam64 MCS ${mcs}, K' = 3840: SNR at 10 % BLER`, () => {
      const lena = crossing(hi, lo, 0.1);
      const p = { mcsTable: 'qam64' as const, mcs, cbsBits: 3840 };
      const snrIdeal = snrForBler(ideal, p, 0.1);
      const snrCons = snrForBler(conservative, p, 0.1);
      expect(snrIdeal).toBeLessThan(lena);
      expect(Math.abs(snrCons - lena)).toBeLessThanOrEqual(2);
    });
  }
});
