/**
 * nr/bands: the band table against independent numbers — srsRAN_Project's duplex list and DL NR-ARFCN
 * limits (lib/ran/band_helper.cpp @ 4bf1543, converted with the TS 38.104 §5.4.2.1 raster formula), and
 * TS 38.101-1/-2 Table 5.3.2-1 (every listed width has an N_RB at its SCS).
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandCentreMHz, checkBandCarrier, nrBand, nrBands } from '../../src/nr/bands.js';
import { maxPrb } from '../../src/nr/carrier.js';

/** TS 38.104 §5.4.2.1: F_REF = F_REF-Offs + ΔF_Global·(N_REF − N_REF-Offs), in MHz. */
function arfcnToMHz(n: number): number {
  if (n < 600000) return 0.005 * n;
  if (n < 2016667) return 3000 + 0.015 * (n - 600000);
  return 24250.08 + 0.06 * (n - 2016667);
}

// [band, duplex, DL first NR-ARFCN, DL last NR-ARFCN] from srsRAN's nr_operating_bands / nr_band_table.
const SRSRAN: readonly (readonly [string, 'FDD' | 'TDD', number, number])[] = [
  ['n1', 'FDD', 422000, 434000],
  ['n3', 'FDD', 361000, 376000],
  ['n7', 'FDD', 524000, 538000],
  ['n20', 'FDD', 158200, 164200],
  ['n28', 'FDD', 151600, 160600],
  ['n41', 'TDD', 499200, 537999],
  ['n66', 'FDD', 422000, 440000],
  ['n71', 'FDD', 123400, 130400],
  ['n77', 'TDD', 620000, 680000],
  ['n78', 'TDD', 620000, 653333],
];

describe('NR bands', () => {
  it('duplex modes and DL ranges agree with srsRAN (raster limits within 100 kHz of the band edges)', () => {
    for (const [id, duplex, first, last] of SRSRAN) {
      const b = nrBand(id);
      expect(E.isRight(b), id).toBe(true);
      if (E.isLeft(b)) continue;
      expect(b.right.duplex, id).toBe(duplex);
      expect(Math.abs(arfcnToMHz(first) - b.right.dlLowMHz), id).toBeLessThan(0.1);
      expect(Math.abs(arfcnToMHz(last) - b.right.dlHighMHz), id).toBeLessThan(0.1);
    }
  });

  it('every listed channel width has an N_RB at its SCS (TS 38.101-1/-2 Table 5.3.2-1)', () => {
    for (const b of nrBands()) {
      for (const [scs, widths] of Object.entries(b.channelBandwidthsMHz)) {
        for (const w of widths) expect(E.isRight(maxPrb(w, Number(scs), b.fr)), `${b.id} ${w} MHz @ ${scs} kHz`).toBe(true);
      }
      if (b.duplex === 'TDD') expect([b.ulLowMHz, b.ulHighMHz]).toEqual([b.dlLowMHz, b.dlHighMHz]);
      expect(b.fr === 'FR1' ? bandCentreMHz(b) < 7125 : bandCentreMHz(b) > 24250).toBe(true);
    }
  });

  it('n78 carries 100 MHz TDD at 30 kHz; impossible carriers are refused with one line naming the field', () => {
    expect(E.isRight(checkBandCarrier({ band: 'n78', duplex: 'TDD', bandwidthMHz: 100, scsKHz: 30 }))).toBe(true);
    const cases: [Parameters<typeof checkBandCarrier>[0], string][] = [
      [{ band: 'n78', duplex: 'FDD', bandwidthMHz: 100, scsKHz: 30 }, 'duplex: expected TDD'],
      [{ band: 'n78', bandwidthMHz: 100, scsKHz: 15 }, 'bandwidthMHz: expected one of 10, 15, 20, 40, 50 MHz'],
      [{ band: 'n78', bandwidthMHz: 17, scsKHz: 30 }, 'bandwidthMHz'],
      [{ band: 'n1', bandwidthMHz: 100, scsKHz: 30 }, 'bandwidthMHz'],
      [{ band: 'n257', duplex: 'FDD', bandwidthMHz: 100, scsKHz: 120 }, 'duplex'],
      [{ band: 'n99x', bandwidthMHz: 20, scsKHz: 30 }, 'band: expected one of n1'],
    ];
    for (const [q, msg] of cases) {
      const r = checkBandCarrier(q);
      expect(E.isLeft(r) && r.left.message, JSON.stringify(q)).toContain(msg);
      if (E.isLeft(r)) expect(r.left.message).not.toContain('\n');
    }
    expect(E.isRight(nrBand('78')) && E.isRight(nrBand(78)) && E.isRight(nrBand('N78'))).toBe(true);
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (band, bw, scs) => {
        const r = checkBandCarrier({ band, bandwidthMHz: bw, scsKHz: scs } as never);
        expect(typeof r._tag).toBe('string');
        expect(typeof nrBand(band)._tag).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
