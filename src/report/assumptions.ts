/**
 * report/assumptions: every assumption a proof rests on, stated (issue 14 item 7; spec/assumptions.md).
 *
 * `linkAssumptions(link)` reads a `LinkContext` and returns what `plan`, `verify`, `classes` and the
 * report print in their header and carry in `--json`: band, duplex and slot pattern (with the
 * special-slot format written out), SCS, channel, the SNR or link budget, fading and its time
 * correlation across HARQ transmissions, control-channel error rates, DMRS and control region,
 * HARQ combining and the BLER model, UE capability and stack timing. Fields that other modules add
 * to the link (`linkBudget`, `controlErrors`, `timing`, ...) are read when present and printed as they
 * are; an absent one is stated as such ("not modelled"), never silently assumed.
 * Pure: no I/O.
 */
import { allowedMuFor, linkBand, linkSpecialSlot, type LinkContext } from '../classes/link.js';
import { DEFAULT_TDD_PATTERN, DL_CONTROL_SYMBOLS, formatSpecialSlot } from '../nr/slotPattern.js';
import type { FadingModel } from '../core/types.js';
import { POSITION_COUPLING_LOSS_DB, ulFullPowerSnrAt1PrbDb } from '../link/budget.js';
import { DEFAULT_MOBILITY } from '../link/correlation.js';

/** The assumptions a result on `link` rests on (JSON-ready: plain strings, numbers and objects). */
export interface LinkAssumptions {
  /** Operating band ('n78'), or 'none' for a free carrier. */
  readonly band: string;
  /** One line on the band: duplex, frequency range, frequencies, source. */
  readonly bandText: string;
  readonly carrierFrequencyGHz: number;
  readonly fr: string;
  readonly duplex: 'FDD' | 'TDD';
  /** TDD slot pattern and special-slot format, null for FDD. */
  readonly tddPattern: string | null;
  readonly specialSlot: string | null;
  readonly bandwidthMHz: number;
  /** Data SCS (kHz) the planner may use. */
  readonly scsKHz: readonly number[];
  /** The SNR assumption: a fixed mean SNR per RE, or the link budget object when the link has one. */
  readonly snr: { readonly kind: 'fixed'; readonly snrDb: number; readonly text: string } | { readonly kind: 'linkBudget'; readonly linkBudget: unknown; readonly text: string };
  readonly fading: FadingModel;
  /** Fading across HARQ transmissions ('independent', 'same', 'correlated', ...) and what it means. */
  readonly harqFading: string;
  readonly timeCorrelationText: string;
  /** Control-channel error rates when the link models them, else null (then they are taken as 0). */
  readonly controlErrors: unknown;
  readonly controlErrorsText: string;
  readonly dmrsText: string;
  /** DL control region (PDCCH CORESET) at the start of each slot, symbols. */
  readonly controlRegionSymbols: number;
  readonly harqText: string;
  readonly blerModel: string;
  readonly receiver: string;
  readonly ueCapability: number;
  readonly layers: { readonly dl: number; readonly ul: number };
  /** Stack timing (processing / scheduling delays) when the link carries it, else null (TS 38.214 N1/N2 of the UE capability only). */
  readonly timing: unknown;
  readonly timingText: string;
  /** Link fields this module does not know, carried as they are. */
  readonly other: Readonly<Record<string, unknown>>;
}

const KNOWN = new Set([
  'band', 'carrierFrequencyGHz', 'snrDb', 'fading', 'harqFading', 'bandwidthMHz', 'fr', 'duplex', 'tddPattern', 'specialSlot', 'ueCapability', 'nLayers', 'nLayersDl', 'nLayersUl',
  'blerModel', 'receiver', 'combining', 'allowedMu', 'dmrs', 'xOverheadRePerPrb', 'linkBudget', 'controlErrors', 'timing',
]);

function fadingText(f: FadingModel): string {
  const d = f.kind === 'awgn' ? '' : `, diversity ${f.diversity ?? 1}`;
  switch (f.kind) {
    case 'awgn':
      return 'AWGN (no fading)';
    case 'rayleigh':
      return `Rayleigh block fading${d}`;
    case 'rician':
      return `Rician K ${f.kFactorDb} dB${d}`;
    case 'nakagami':
      return `Nakagami m ${f.m}${d}`;
  }
}

function compact(u: unknown): string {
  if (typeof u !== 'object' || u === null) return String(u);
  return Object.entries(u as Record<string, unknown>)
    .map(([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/**
 * What the flat SNR assumes of the UE's power in the UL: how many PRBs a 23 dBm UE at the median
 * coupling loss can fill at that SNR (link/budget.ts; the P_max knee at the lowest allowed numerology),
 * so a reader sees where a wide UL class leans on the assumption (spec/budget.md).
 */
function flatUlReach(link: LinkContext): string {
  const mu = allowedMuFor(link)[0] ?? 1;
  const at1 = ulFullPowerSnrAt1PrbDb({ position: 'median' }, mu);
  const n = Math.floor(10 ** ((at1 - link.snrDb) / 10));
  if (!Number.isFinite(n)) return '';
  return `; a 23 dBm UE at the median ${POSITION_COUPLING_LOSS_DB.median} dB coupling loss reaches it in the UL over at most ${n} PRB at ${15 * 2 ** mu} kHz (wider UL classes lean on it: --coupling-loss median plans with the UE's power)`;
}

/** The assumptions of `link` (pure; reads optional fields other modules add when present). */
export function linkAssumptions(link: LinkContext): LinkAssumptions {
  const x = link as unknown as Readonly<Record<string, unknown>>;
  const b = linkBand(link);
  const bandText = b === undefined
    ? `none (a free ${link.fr} ${link.duplex} carrier, not checked against a band table)`
    : `${b.id} (${b.duplex}, ${b.fr}, ${b.duplex === 'TDD' ? `${b.dlLowMHz}–${b.dlHighMHz} MHz` : `UL ${b.ulLowMHz}–${b.ulHighMHz} / DL ${b.dlLowMHz}–${b.dlHighMHz} MHz`}; TS 38.101-${b.fr === 'FR1' ? 1 : 2} Table 5.2-1)`;
  const tdd = link.duplex === 'TDD';
  const linkBudget = x['linkBudget'];
  const snr: LinkAssumptions['snr'] = linkBudget !== undefined && linkBudget !== null
    ? { kind: 'linkBudget', linkBudget, text: `link budget per direction (${compact(linkBudget)})${typeof link.snrDb === 'number' ? `; snrDb ${link.snrDb} dB where no budget applies` : ''}` }
    : { kind: 'fixed', snrDb: link.snrDb, text: `mean SNR ${link.snrDb} dB per RE per layer, the same in UL and DL and for every allocation width (no link budget, no interference)${flatUlReach(link)}` };
  const hf = String(link.harqFading);
  // (the segments' part: spec/planner.md §3.2.1, link/segments anyDependence)
  const timeCorrelationText = hf === 'independent'
    ? 'independent: every HARQ transmission sees a fresh fading draw (no time correlation; optimistic for slow UEs), so a packet\'s TBs fail independently'
    : hf === 'same'
      ? 'same: every HARQ transmission sees the same fading draw (fully correlated; pessimistic); no independence assumed between a packet\'s TBs'
      : hf === 'correlated'
        ? `correlated: Jakes J0(2π f_D Δt) between transmissions at ${link.carrierFrequencyGHz} GHz and the service's speed; no independence assumed between a packet's TBs`
        : hf;
  const ce = x['controlErrors'];
  const controlErrorsText = ce !== undefined && ce !== null ? compact(ce) : 'not modelled: PDCCH miss, NACK→ACK and SR miss taken as 0';
  const d = link.dmrs;
  const dmrsText = `DMRS type ${d.type}, ${d.cdmGroupsWithoutData} CDM group${d.cdmGroupsWithoutData === 1 ? '' : 's'} without data, +${d.additionalPositionsTypeA} position${d.additionalPositionsTypeA === 1 ? '' : 's'} in a slot, +${d.additionalPositionsTypeB} in a mini-slot, ${d.maxLength === 1 ? 'single' : 'double'}-symbol; xOverhead ${link.xOverheadRePerPrb}`;
  const timing = x['timing'];
  const other: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (!KNOWN.has(k)) other[k] = v;
  return {
    band: b?.id ?? 'none',
    bandText,
    carrierFrequencyGHz: link.carrierFrequencyGHz,
    fr: link.fr,
    duplex: link.duplex,
    tddPattern: tdd ? (link.tddPattern ?? DEFAULT_TDD_PATTERN) : null,
    specialSlot: tdd ? formatSpecialSlot(linkSpecialSlot(link)) : null,
    bandwidthMHz: link.bandwidthMHz,
    scsKHz: allowedMuFor(link).map((m) => 15 * 2 ** m),
    snr,
    fading: link.fading,
    harqFading: hf,
    timeCorrelationText,
    controlErrors: ce ?? null,
    controlErrorsText,
    dmrsText,
    controlRegionSymbols: DL_CONTROL_SYMBOLS,
    harqText: `${link.combining === 'chase' ? 'Chase' : 'IR'} combining`,
    blerModel: link.blerModel,
    receiver: link.receiver,
    ueCapability: link.ueCapability,
    layers: { dl: link.nLayersDl ?? link.nLayers, ul: link.nLayersUl ?? link.nLayers },
    timing: timing ?? null,
    timingText: timing !== undefined && timing !== null ? compact(timing) : `TS 38.214 processing times of UE capability ${link.ueCapability}, ITU-R M.2412 alignment; no extra stack delay`,
    other,
  };
}

/** The assumptions as a short header: one line per topic, each starting with two spaces. */
export function formatAssumptions(a: LinkAssumptions): string[] {
  const duplex = a.duplex === 'TDD' ? `TDD ${a.tddPattern ?? ''} (S = ${a.specialSlot ?? ''} symbols D:guard:U)` : 'FDD (paired)';
  const lines = [
    'Assumptions:',
    `  band ${a.bandText}; carrier ${a.carrierFrequencyGHz} GHz`,
    `  ${a.bandwidthMHz} MHz ${a.fr} ${duplex}; data SCS ${a.scsKHz.join('/')} kHz`,
    `  SNR: ${a.snr.text}`,
    `  fading: ${fadingText(a.fading)}; across HARQ ${a.timeCorrelationText}`,
    `  control errors: ${a.controlErrorsText}`,
    `  ${a.dmrsText}; DL control region ${a.controlRegionSymbols} symbols`,
    `  HARQ ${a.harqText}; BLER ${a.blerModel}${a.blerModel === 'nr-ldpc' ? ` (${a.receiver})` : ''}; UE capability ${a.ueCapability}; layers DL ${a.layers.dl} / UL ${a.layers.ul}`,
    `  timing: ${a.timingText}`,
  ];
  const other = Object.entries(a.other);
  if (other.length > 0) lines.push(`  also: ${other.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('; ')}`);
  return lines;
}

/**
 * The speeds the verdicts assume (text output of `classes` and `plan`): with HARQ fading correlated in
 * time, each service's speed sets how far apart its retransmissions' fades are. A UE slower than its
 * service's speed sees more correlated retransmissions; the verdict does not cover it
 * (spec/assumptions.md §6). No line when the fading across HARQ is not time-correlated or nothing is served.
 */
export function formatSpeeds(a: LinkAssumptions, served: readonly { readonly id: string; readonly mobility?: { readonly speedKmh: number } }[]): string[] {
  if (a.harqFading !== 'correlated' || served.length === 0) return [];
  const speeds = served.map((s) => `${s.id} ${(s.mobility ?? DEFAULT_MOBILITY).speedKmh} km/h`).join(', ');
  return [`  speeds: ${speeds}; each verdict assumes its UEs move at least that fast (slower: more correlated retransmissions, not covered; spec/assumptions.md §6)`];
}
