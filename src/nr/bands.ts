/**
 * NR operating bands: duplex mode, frequency ranges and the channel bandwidths each band allows per
 * subcarrier spacing, for the bands a deployment study is likely to name.
 *
 * Sources:
 *  - operating bands, UL/DL frequency ranges and duplex mode: TS 38.101-1 Table 5.2-1 (FR1) and
 *    TS 38.101-2 Table 5.2-1 (FR2-1); duplex modes cross-checked against srsRAN_Project
 *    `lib/ran/band_helper.cpp` (`nr_operating_bands`, commit 4bf1543, 2026-02-16) and the DL ranges
 *    against its `nr_band_table` NR-ARFCN limits (TS 38.104 §5.4.2.1 raster formula; test/nr/bands.test.ts);
 *  - channel bandwidths per band and SCS: TS 38.101-1 Table 5.3.5-1 and TS 38.101-2 Table 5.3.5-1 as of
 *    V15.7.0 (Release 15). Later releases add widths to some bands (e.g. 30, 70 and 90 MHz in n77/n78);
 *    those are not listed, so a band check here is conservative: what it accepts is valid in every
 *    release from 15.7 on. See spec/carrier.md §Bands.
 * A band is a fact table, not a model: no function here allocates per call except the listings.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, type PhyError } from '../core/errors.js';
import type { FrequencyRange } from '../core/types.js';

/** Duplex mode of an operating band (SDL/SUL bands are not listed: they carry one direction only). */
export type BandDuplex = 'FDD' | 'TDD';

/** One operating band. Frequencies in MHz; `channelBandwidthsMHz` per SCS in kHz, ascending. */
export interface NrBand {
  /** Band name as 3GPP writes it, e.g. 'n78'. */
  readonly id: string;
  readonly fr: FrequencyRange;
  readonly duplex: BandDuplex;
  readonly ulLowMHz: number;
  readonly ulHighMHz: number;
  readonly dlLowMHz: number;
  readonly dlHighMHz: number;
  /** Channel bandwidths (MHz) allowed per SCS (kHz), TS 38.101-1/-2 Table 5.3.5-1 (V15.7.0). */
  readonly channelBandwidthsMHz: Readonly<Record<number, readonly number[]>>;
}

const FR1_COMMON = { 15: [5, 10, 15, 20], 30: [10, 15, 20], 60: [10, 15, 20] } as const;
const FR1_LOW = { 15: [5, 10, 15, 20], 30: [10, 15, 20] } as const;
const FR1_MID_TDD = { 15: [10, 15, 20, 40, 50], 30: [10, 15, 20, 40, 50, 60, 80, 100], 60: [10, 15, 20, 40, 50, 60, 80, 100] } as const;
const FR2_COMMON = { 60: [50, 100, 200], 120: [50, 100, 200, 400] } as const;

function band(
  id: string,
  fr: FrequencyRange,
  duplex: BandDuplex,
  ul: readonly [number, number],
  dl: readonly [number, number],
  channelBandwidthsMHz: Readonly<Record<number, readonly number[]>>,
): NrBand {
  return Object.freeze({ id, fr, duplex, ulLowMHz: ul[0], ulHighMHz: ul[1], dlLowMHz: dl[0], dlHighMHz: dl[1], channelBandwidthsMHz });
}

/** The tabulated bands, by id. */
const BANDS: readonly NrBand[] = [
  band('n1', 'FR1', 'FDD', [1920, 1980], [2110, 2170], FR1_COMMON),
  band('n2', 'FR1', 'FDD', [1850, 1910], [1930, 1990], FR1_COMMON),
  band('n3', 'FR1', 'FDD', [1710, 1785], [1805, 1880], { 15: [5, 10, 15, 20, 25, 30], 30: [10, 15, 20, 25, 30], 60: [10, 15, 20, 25, 30] }),
  band('n5', 'FR1', 'FDD', [824, 849], [869, 894], FR1_LOW),
  band('n7', 'FR1', 'FDD', [2500, 2570], [2620, 2690], FR1_COMMON),
  band('n8', 'FR1', 'FDD', [880, 915], [925, 960], FR1_LOW),
  band('n12', 'FR1', 'FDD', [699, 716], [729, 746], { 15: [5, 10, 15], 30: [10, 15] }),
  band('n20', 'FR1', 'FDD', [832, 862], [791, 821], FR1_LOW),
  band('n25', 'FR1', 'FDD', [1850, 1915], [1930, 1995], FR1_COMMON),
  band('n28', 'FR1', 'FDD', [703, 748], [758, 803], FR1_LOW),
  band('n34', 'FR1', 'TDD', [2010, 2025], [2010, 2025], { 15: [5, 10, 15], 30: [10, 15], 60: [10, 15] }),
  band('n38', 'FR1', 'TDD', [2570, 2620], [2570, 2620], FR1_COMMON),
  band('n39', 'FR1', 'TDD', [1880, 1920], [1880, 1920], { 15: [5, 10, 15, 20, 25, 30, 40], 30: [10, 15, 20, 25, 30, 40], 60: [10, 15, 20, 25, 30, 40] }),
  band('n40', 'FR1', 'TDD', [2300, 2400], [2300, 2400], {
    15: [5, 10, 15, 20, 25, 30, 40, 50],
    30: [10, 15, 20, 25, 30, 40, 50, 60, 80],
    60: [10, 15, 20, 25, 30, 40, 50, 60, 80],
  }),
  band('n41', 'FR1', 'TDD', [2496, 2690], [2496, 2690], FR1_MID_TDD),
  band('n66', 'FR1', 'FDD', [1710, 1780], [2110, 2200], { 15: [5, 10, 15, 20, 40], 30: [10, 15, 20, 40], 60: [10, 15, 20, 40] }),
  band('n71', 'FR1', 'FDD', [663, 698], [617, 652], FR1_LOW),
  band('n77', 'FR1', 'TDD', [3300, 4200], [3300, 4200], FR1_MID_TDD),
  band('n78', 'FR1', 'TDD', [3300, 3800], [3300, 3800], FR1_MID_TDD),
  band('n79', 'FR1', 'TDD', [4400, 5000], [4400, 5000], { 15: [40, 50], 30: [40, 50, 60, 80, 100], 60: [40, 50, 60, 80, 100] }),
  band('n257', 'FR2-1', 'TDD', [26500, 29500], [26500, 29500], FR2_COMMON),
  band('n258', 'FR2-1', 'TDD', [24250, 27500], [24250, 27500], FR2_COMMON),
  band('n260', 'FR2-1', 'TDD', [37000, 40000], [37000, 40000], FR2_COMMON),
  band('n261', 'FR2-1', 'TDD', [27500, 28350], [27500, 28350], FR2_COMMON),
];

const BY_ID: ReadonlyMap<string, NrBand> = new Map(BANDS.map((b) => [b.id, b]));

/** Every tabulated band, in band-number order. */
export function nrBands(): readonly NrBand[] {
  return BANDS;
}

/** The band named `id` ('n78', case-insensitive, the 'n' optional), or a Left listing the known bands. */
export function nrBand(id: unknown): E.Either<PhyError, NrBand> {
  const key = typeof id === 'string' ? (/^[nN]?\d+$/.test(id.trim()) ? 'n' + id.trim().replace(/^[nN]/, '') : id) : typeof id === 'number' && Number.isInteger(id) ? `n${id}` : undefined;
  const b = key === undefined ? undefined : BY_ID.get(key);
  return b === undefined ? E.left(invalidInput('band', `one of ${BANDS.map((x) => x.id).join(', ')}`, id)) : E.right(b);
}

/** Centre of the band's DL range in MHz (the carrier frequency a band-level study uses for Doppler). */
export function bandCentreMHz(b: NrBand, direction: 'DL' | 'UL' = 'DL'): number {
  return direction === 'DL' ? (b.dlLowMHz + b.dlHighMHz) / 2 : (b.ulLowMHz + b.ulHighMHz) / 2;
}

/** A carrier asked of a band: its duplex, channel bandwidth and SCS. */
export interface BandCarrierQuery {
  readonly band: string;
  readonly duplex?: BandDuplex;
  readonly bandwidthMHz: number;
  readonly scsKHz: number;
}

/**
 * Check that a band can carry the asked channel: the duplex mode is the band's, and the bandwidth is
 * one TS 38.101-1/-2 Table 5.3.5-1 lists for that band at that SCS. Right(the band) or one Left naming
 * the first field that fails and what the band allows.
 */
export function checkBandCarrier(q: BandCarrierQuery): E.Either<PhyError, NrBand> {
  const b = nrBand(q?.band);
  if (E.isLeft(b)) return b;
  const band = b.right;
  if (q.duplex !== undefined && q.duplex !== band.duplex) {
    return E.left(invalidInput('duplex', `${band.duplex} (band ${band.id} is ${band.duplex === 'TDD' ? 'unpaired' : 'paired'})`, q.duplex));
  }
  const widths = Object.prototype.hasOwnProperty.call(band.channelBandwidthsMHz, q.scsKHz) ? band.channelBandwidthsMHz[q.scsKHz] : undefined;
  if (widths === undefined) {
    return E.left(invalidInput('scsKHz', `one of ${Object.keys(band.channelBandwidthsMHz).join(', ')} kHz in band ${band.id}`, q.scsKHz));
  }
  if (!widths.includes(q.bandwidthMHz)) {
    return E.left(invalidInput('bandwidthMHz', `one of ${widths.join(', ')} MHz in band ${band.id} at ${q.scsKHz} kHz`, q.bandwidthMHz));
  }
  return E.right(band);
}
