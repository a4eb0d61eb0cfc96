/**
 * classes/link: the radio link a PHY class is planned for (issue 5 §1; spec/planner.md §1).
 *
 * `LinkContext` collects everything about the carrier and the channel that the planner needs:
 * mean SNR and small-scale fading (block fading with an explicit diversity order), carrier
 * bandwidth and frequency range (which fix the allowed numerologies, TS 38.101-1/-2 §5.3.2),
 * duplex and TDD pattern, UE processing capability (TS 38.214 §5.3/§6.4), layers, the BLER model
 * and receiver preset (spec/bler.md), HARQ combining, DMRS and xOverhead (TS 38.214 §5.1.3.2).
 * Outside input is decoded once by `decodeLinkContext` (io-ts); every field has a default, so
 * `{}` decodes to `defaultLink`.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeError, invalidInput, type PhyError } from '../core/errors.js';
import type { Combining, Duplex, FadingModel, FrequencyRange, MappingType, Mu, UeCapability } from '../core/types.js';
import { SNR_DB } from '../core/ranges.js';
import { allocationRe, type AllocationRe } from '../nr/allocation.js';
import { formatDecodeErrors, literalCodec } from '../codecs/decode.js';
import { DbCodec, MHzCodec } from '../codecs/quantity.js';
import {
  DEFAULT_SPECIAL_SLOT, DEFAULT_SPECIAL_SLOT_TEXT, DEFAULT_TDD_PATTERN, formatSpecialSlot, isSpecialSlotFormat, isTddPattern, parseSpecialSlot, patternHasSymbol, type SpecialSlotFormat,
} from '../nr/slotPattern.js';
import type { BlerModelName } from '../link/bler.js';
import { TIMING_NAMES_TEXT, isSpecMin, validateTiming, type StackTiming } from '../link/timing.js';
import { carrierScsKHz, channelBandwidthsMHz } from '../nr/carrier.js';
import { bandCentreMHz, nrBand, nrBands, type NrBand } from '../nr/bands.js';
import type { LinkBudget } from '../link/budget.js';
import { DEFAULT_CONTROL_ERRORS, type ControlErrors } from '../link/control.js';

/** DMRS configuration used for N_DMRS^PRB (TS 38.211 §7.4.1.1 / §6.4.1.1). */
export interface DmrsConfig {
  /** dmrs-Type: 1 (6 subcarriers per CDM group, 2 groups) or 2 (4 subcarriers, 3 groups); default 1. */
  readonly type: 1 | 2;
  /** DM-RS CDM groups without data: 1..2 for type 1, 1..3 for type 2; default 2. */
  readonly cdmGroupsWithoutData: 1 | 2 | 3;
  /** dmrs-AdditionalPosition for mapping type A (slot) and type B (mini-slot) allocations. */
  readonly additionalPositionsTypeA: 0 | 1 | 2 | 3;
  /** dmrs-AdditionalPosition (pos0..pos3) for mapping type B (mini-slot) allocations; default 0. */
  readonly additionalPositionsTypeB: 0 | 1 | 2 | 3;
  /** maxLength: 1 (single-symbol) or 2 (double-symbol) front-loaded DM-RS; default 1. */
  readonly maxLength: 1 | 2;
}

/** The link a class is planned for. */
export interface LinkContext {
  /**
   * NR operating band (TS 38.101-1/-2 Table 5.2-1, nr/bands.ts), e.g. 'n78'; it fixes the duplex mode and
   * the frequency range, and the channel bandwidths allowed per SCS (Table 5.3.5-1). Absent = a free
   * carrier (`band: 'none'`; an object without the field is treated the same by `inconsistentLink`, while
   * `decodeLinkContext` gives a missing band its default): only the generic checks (NR channel bandwidths of TS 38.101-1/-2
   * Table 5.3.2-1, FR2-1 TDD only). Default 'n78'.
   */
  readonly band?: string;
  /** Carrier frequency, GHz, in (0.4, 71]; default the band's DL centre (3.55 for n78). Doppler (f_D = v·f_c/c) reads it. */
  readonly carrierFrequencyGHz: number;
  /** Mean SNR per resource element at the receiver, dB (per layer); ignored when `linkBudget` is set. */
  readonly snrDb: number;
  /**
   * Link budget per direction (link/budget.ts, spec/budget.md): when present the SNR per RE follows
   * from UE/gNB power, coupling loss, noise figure and the width of each allocation instead of the
   * flat `snrDb`. `decodeLinkContext` keeps an input budget; an input `snrDb` WITHOUT a budget is the
   * flat override (it drops a default budget).
   */
  readonly linkBudget?: LinkBudget;
  /** Block fading of one transmission (constant over its repetitions). */
  readonly fading: FadingModel;
  /**
   * Fading across HARQ transmissions (spec/fading.md §Correlation in time): 'correlated' (default) —
   * Rayleigh fades correlated by Jakes' model J0(2π f_D Δt), f_D from the service's mobility and
   * `carrierFrequencyGHz`, Δt the time between transmissions from the latency model (non-Rayleigh
   * fading falls back to 'same'); 'same' — one realisation for all; 'independent' — redrawn each time.
   */
  readonly harqFading: 'same' | 'independent' | 'correlated';
  /** Control-channel error rates (link/control.ts): PDCCH miss, NACK→ACK, SR miss; default DEFAULT_CONTROL_ERRORS. */
  readonly controlErrors: ControlErrors;
  /** Channel bandwidth in MHz (TS 38.101-1/-2 Table 5.3.2-1); (0, 2000], default 100. */
  readonly bandwidthMHz: number;
  /** Frequency range; fixes the data numerologies (`FR_MU`); default the band's ('FR1' for n78). */
  readonly fr: FrequencyRange;
  /** FDD (every slot available in both directions) or TDD (slots per `tddPattern`); default the band's ('TDD' for n78). */
  readonly duplex: Duplex;
  /** TDD pattern of slots, D/S/U letters repeating (used when duplex = 'TDD'). */
  readonly tddPattern?: string;
  /** TDD only: symbols of the special slot 'S' (nr/slotPattern); absent = DEFAULT_SPECIAL_SLOT, 10 DL : 2 guard : 2 UL. */
  readonly specialSlot?: SpecialSlotFormat;
  /** UE processing capability 1 or 2 (TS 38.214 §5.3 / §6.4); default 1. */
  readonly ueCapability: UeCapability;
  /** Layers per codeword (both directions unless overridden). */
  readonly nLayers: number;
  /** Downlink layers per codeword (1..4), overriding `nLayers`. */
  readonly nLayersDl?: number;
  /** Uplink layers per codeword (1..4), overriding `nLayers`. */
  readonly nLayersUl?: number;
  /** Block-error model (spec/bler.md): 'fbl-gaussian', 'fbl-qam' or 'nr-ldpc' (default). */
  readonly blerModel: BlerModelName;
  /** Receiver preset of the BLER model: 'ideal' or 'conservative' (default; adds an implementation margin). */
  readonly receiver: 'ideal' | 'conservative';
  /** HARQ soft combining credit: 'chase' (default) or 'ir' (incremental redundancy). */
  readonly combining: Combining;
  /** Numerologies the planner may use; default: those the frequency range allows for data. */
  readonly allowedMu?: readonly Mu[];
  /** DM-RS configuration that sets N_DMRS^PRB in the TBS (TS 38.214 §5.1.3.2). */
  readonly dmrs: DmrsConfig;
  /** xOverhead REs per PRB (TS 38.214 §5.1.3.2: 0, 6, 12, 18). */
  readonly xOverheadRePerPrb: 0 | 6 | 12 | 18;
  /**
   * Stack timing profile (link/timing.ts, spec/latency.md "Stack timing profiles"): absent = 'spec-min' (3GPP-minimum
   * K1/K2/processing, the default); a named profile ('srsran-default', 'srsran-low-latency',
   * 'oai-default') or explicit { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }. Used by the
   * latency model and with it by plan, verify and the simulator.
   */
  readonly timing?: StackTiming;
}

/** Data-channel numerologies per frequency range (TS 38.101-1/-2 §5.3.2: FR1 15/30/60 kHz, FR2-1 60/120 kHz). */
export const FR_MU: Readonly<Record<FrequencyRange, readonly Mu[]>> = {
  FR1: [0, 1, 2],
  'FR2-1': [2, 3],
};

/** The default operating band (spec/planner.md §1.1): n78, 3300–3800 MHz, unpaired (TDD). */
export const DEFAULT_BAND = 'n78';

/**
 * The default link (spec/planner.md §1.1): a real, common deployment — band n78 (3.3–3.8 GHz TDD,
 * TS 38.101-1 Table 5.2-1), a 100 MHz channel at 30 kHz SCS (273 PRBs, TS 38.101-1 Table 5.3.2-1), the
 * TDD pattern DDDSU (2.5 ms period at 30 kHz) with the special slot S = 10 DL : 2 guard : 2 UL symbols
 * (`specialSlot` absent = DEFAULT_SPECIAL_SLOT, so a scenario's carrier may still set it; every header prints it)
 * (TS 38.213 §11.1 tdd-UL-DL-ConfigurationCommon; the frame structure recommended for synchronised
 * 3.5 GHz networks supported by GSMA "5G TDD Synchronisation" (2020; ECC Report 296), and the test
 * configuration FR1.30-2 of TS 38.521-4 Table A.1.2-2). Data numerology 30 kHz only (`allowedMu`
 * default [1] on n78): TS 38.101-1 Table 5.3.5-1 also lists 60 kHz in n78, but 60 kHz data in FR1 is an
 * optional UE feature (TS 38.306 BandNR `scs-60kHz`), the TDD pattern is configured at the 30 kHz
 * reference SCS, and deployed n78 carriers run 30 kHz BWPs; pass `allowedMu: [1, 2]` (`--mu 1,2`) to
 * let the planner use 60 kHz BWPs. Mean SNR 15 dB (a typical mid-cell value), Rayleigh block fading
 * with diversity order 2 (two receive branches, MRC), fading correlated in time across HARQ
 * transmissions, URLLC-grade control-channel error rates, UE capability 1, one layer per direction,
 * the conservative NR LDPC receiver, Chase-combining HARQ credit, DMRS type 1 with two CDM groups
 * without data, one additional DMRS position in a slot and none in a mini-slot, no xOverhead.
 * HARQ fading is correlated in time (Jakes, at the service's speed and the band's carrier frequency,
 * 3.55 GHz for n78; spec/fading.md): pass harqFading 'independent' or 'same' for the other models.
 * Control-channel errors (PDCCH miss, NACK→ACK, SR miss; link/control.ts) are URLLC-grade by default
 * and added to every class's miss probability.
 */
export const defaultLink: LinkContext = Object.freeze({
  band: DEFAULT_BAND,
  carrierFrequencyGHz: 3.55,
  snrDb: 15,
  fading: Object.freeze({ kind: 'rayleigh', diversity: 2 }) as FadingModel,
  harqFading: 'correlated',
  controlErrors: DEFAULT_CONTROL_ERRORS,
  bandwidthMHz: 100,
  fr: 'FR1',
  duplex: 'TDD',
  tddPattern: DEFAULT_TDD_PATTERN,
  ueCapability: 1,
  nLayers: 1,
  blerModel: 'nr-ldpc',
  receiver: 'conservative',
  combining: 'chase',
  dmrs: Object.freeze({
    type: 1,
    cdmGroupsWithoutData: 2,
    additionalPositionsTypeA: 1,
    additionalPositionsTypeB: 0,
    maxLength: 1,
  }),
  xOverheadRePerPrb: 0,
}) as LinkContext;

/**
 * A free 100 MHz FR1 FDD carrier without a band — the default link before issue 14. Not a deployable
 * channel (100 MHz FR1 channels exist only in unpaired bands such as n77/n78/n79/n41, TS 38.101-1
 * Table 5.3.5-1), kept for studies and tests of mechanisms whose figures were derived on it; every
 * output on it says "band: none".
 */
export const freeFddLink: LinkContext = Object.freeze({
  ...(({ tddPattern: _p, ...rest }) => rest)(defaultLink),
  band: 'none',
  duplex: 'FDD',
}) as LinkContext;

const lit = <A extends string | number>(values: readonly A[], name: string): t.Type<A, A, unknown> => literalCodec(name, values);

const Finite = new t.Type<number, number, unknown>(
  'finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c, 'a finite number')),
  t.identity,
);

const Diversity = t.partial({
  /** Diversity order L (validated to an integer in 1..16); omitted = 1. */
  diversity: Finite,
});
/** The members of FadingModelCodec, by `kind`. */
const FadingUnion = t.union([
  t.type({
    /** No fading. */
    kind: t.literal('awgn'),
  }),
  t.intersection([
    t.type({
      /** Rayleigh fading. */
      kind: t.literal('rayleigh'),
    }),
    Diversity,
  ]),
  t.intersection([
    t.type({
      /** Rician fading. */
      kind: t.literal('rician'),
      /** Rician K-factor, dB (validated to [-20, 40]). */
      kFactorDb: Finite,
    }),
    Diversity,
  ]),
  t.intersection([
    t.type({
      /** Nakagami-m fading. */
      kind: t.literal('nakagami'),
      /** Nakagami shape parameter m (validated to [0.5, 50]). */
      m: Finite,
    }),
    Diversity,
  ]),
]);

const FADING_KINDS = ['awgn', 'rayleigh', 'rician', 'nakagami'] as const;

/**
 * io-ts codec of `FadingModel`: an object whose `kind` picks the member; an unknown kind is one error
 * at `fading.kind` (not one per member).
 */
export const FadingModelCodec = new t.Type<t.TypeOf<typeof FadingUnion>, t.OutputOf<typeof FadingUnion>, unknown>(
  'FadingModel',
  FadingUnion.is,
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `an object { kind: ${FADING_KINDS.map((k) => JSON.stringify(k)).join(' | ')}, ... }`);
    const kind = (u as { kind?: unknown }).kind;
    const i = (FADING_KINDS as readonly unknown[]).indexOf(kind);
    if (i < 0) return t.failure(kind, [...c, { key: 'kind', type: t.string, actual: kind }], `one of ${FADING_KINDS.map((k) => JSON.stringify(k)).join(', ')}`);
    return (FadingUnion.types[i] as t.Decoder<unknown, t.TypeOf<typeof FadingUnion>>).validate(u, c);
  },
  FadingUnion.encode,
);

/** A special-slot format given as '10D:2G:2U' or as { dl, guard, ul } (nr/slotPattern). */
const SpecialSlotCodec = new t.Type<SpecialSlotFormat, SpecialSlotFormat, unknown>(
  'SpecialSlot',
  isSpecialSlotFormat,
  (u, c) => {
    if (isSpecialSlotFormat(u)) return t.success({ dl: u.dl, guard: u.guard, ul: u.ul });
    const r = parseSpecialSlot(u);
    return E.isRight(r) ? t.success(r.right) : t.failure(u, c, `'<n>D:<n>G:<n>U' or { dl, guard, ul } symbols summing to 14, e.g. '${DEFAULT_SPECIAL_SLOT_TEXT}'`);
  },
  t.identity,
);

/** A stack timing profile: a name or explicit values (link/timing.ts validateTiming). */
const TimingCodec = new t.Type<StackTiming, StackTiming, unknown>(
  'StackTiming',
  (u): u is StackTiming => validateTiming(u) === null,
  (u, c) => {
    const e = validateTiming(u);
    if (e === null) return t.success(u as StackTiming);
    const field = e._tag === 'InvalidInput' ? e.field : 'timing';
    const sub = field.startsWith('timing.') ? field.slice('timing.'.length) : null;
    const expected = e._tag === 'InvalidInput' ? e.expected : `${TIMING_NAMES_TEXT} or { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }`;
    return sub === null ? t.failure(u, c, expected) : t.failure((u as Record<string, unknown>)[sub], [...c, { key: sub, type: t.unknown, actual: (u as Record<string, unknown>)[sub] }], expected);
  },
  t.identity,
);

const DmrsPartial = t.partial({
  /** dmrs-Type 1 or 2; default 1. */
  type: lit([1, 2] as const, '1 | 2'),
  /** DM-RS CDM groups without data, 1..3; default 2. */
  cdmGroupsWithoutData: lit([1, 2, 3] as const, '1 | 2 | 3'),
  /** dmrs-AdditionalPosition for mapping type A, 0..3; default 1. */
  additionalPositionsTypeA: lit([0, 1, 2, 3] as const, '0..3'),
  /** dmrs-AdditionalPosition for mapping type B, 0..3; default 0. */
  additionalPositionsTypeB: lit([0, 1, 2, 3] as const, '0..3'),
  /** Front-loaded DM-RS length in symbols, 1 or 2; default 1. */
  maxLength: lit([1, 2] as const, '1 | 2'),
});

/** io-ts codec of `LinkBudget` (ranges checked by validateLink). */
const LinkBudgetCodec = t.partial({
  /** UE maximum power, dBm, in [-10, 40]; default 23 (power class 3). */
  ueMaxPowerDbm: Finite,
  /** gNB power over the carrier, dBm, in [0, 80]; default 49 dBm per 20 MHz scaled to the bandwidth. */
  gnbPowerDbm: Finite,
  /** Coupling loss, dB, in [40, 200]; default the position's. */
  couplingLossDb: Finite,
  /** Cell position 'median' (110 dB) or 'edge' (125 dB), used when couplingLossDb is absent. */
  position: lit(['median', 'edge'] as const, "'median' | 'edge'"),
  /** UE noise figure, dB, in [0, 20]; default 9. */
  ueNoiseFigureDb: Finite,
  /** gNB noise figure, dB, in [0, 20]; default 5. */
  gnbNoiseFigureDb: Finite,
  /** UL power-control target SNR per RE, dB, in [-30, 60]; default 15. */
  targetSnrPerReDb: Finite,
  /** Interference margin (noise rise), dB, in [0, 40]; default 0. */
  interferenceMarginDb: Finite,
});

/** Allowed ranges of the link-budget fields (validateLink). */
export const LINK_BUDGET_RANGES: Readonly<Record<Exclude<keyof LinkBudget, 'position'>, readonly [number, number]>> = Object.freeze({
  ueMaxPowerDbm: [-10, 40],
  gnbPowerDbm: [0, 80],
  couplingLossDb: [40, 200],
  ueNoiseFigureDb: [0, 20],
  gnbNoiseFigureDb: [0, 20],
  targetSnrPerReDb: [-30, 60],
  interferenceMarginDb: [0, 40],
});

/** io-ts codec of the link input: every field optional (defaults from `defaultLink`). */
export const LinkInputCodec = t.partial({
  /** NR operating band, e.g. 'n78' (default) or 'n3'; 'none' = a free carrier checked only against the NR channel bandwidths. */
  band: t.string,
  /** Carrier frequency, GHz, in (0.4, 71]; default the band's DL centre (3.55 GHz for n78). */
  carrierFrequencyGHz: Finite,
  /** Mean SNR per RE per layer, dB, in [-30, 60] (a number or "15 dB"); default 15. */
  snrDb: DbCodec,
  /** Link budget per direction (spec/budget.md); when given it applies and snrDb is not used. */
  linkBudget: LinkBudgetCodec,
  /** Block fading of one transmission; default Rayleigh with diversity 2. */
  fading: FadingModelCodec,
  /** Fading across HARQ transmissions: 'correlated' (default), 'same' or 'independent'. */
  harqFading: lit(['correlated', 'same', 'independent'] as const, "'correlated' | 'same' | 'independent'"),
  /** Control-channel error rates, each a probability in [0, 0.5]; missing fields take the defaults. */
  controlErrors: t.partial({ pdcchMissProb: Finite, harqAckErrorProb: Finite, srMissProb: Finite }),
  /** Channel bandwidth, MHz (a number or "20 MHz"): one the band allows (TS 38.101-1/-2 Table 5.3.5-1); default the band's widest at its reference SCS (100 for n78). */
  bandwidthMHz: MHzCodec,
  /** Frequency range 'FR1' or 'FR2-1'; default the band's (must agree with it). */
  fr: lit(['FR1', 'FR2-1'] as const, "'FR1' | 'FR2-1'"),
  /** Duplex 'FDD' or 'TDD'; default the band's (must agree with it). */
  duplex: lit(['FDD', 'TDD'] as const, "'FDD' | 'TDD'"),
  /** TDD slot pattern of D/S/U letters (1..80 slots); default 'DDDSU' when duplex is 'TDD'. */
  tddPattern: t.string,
  /** TDD special slot: '<n>D:<n>G:<n>U' or { dl, guard, ul } symbols summing to 14; default 10D:2G:2U. */
  specialSlot: SpecialSlotCodec,
  /** UE processing capability 1 (default) or 2. */
  ueCapability: lit([1, 2] as const, '1 | 2'),
  /** Layers per codeword in both directions, integer 1..4; default 1. */
  nLayers: Finite,
  /** Downlink layers per codeword, integer 1..4 (overrides nLayers). */
  nLayersDl: Finite,
  /** Uplink layers per codeword, integer 1..4 (overrides nLayers). */
  nLayersUl: Finite,
  /** Block-error model; default 'nr-ldpc'. */
  blerModel: lit(['fbl-gaussian', 'fbl-qam', 'nr-ldpc'] as const, "'fbl-gaussian' | 'fbl-qam' | 'nr-ldpc'"),
  /** Receiver preset 'ideal' or 'conservative' (default). */
  receiver: lit(['ideal', 'conservative'] as const, "'ideal' | 'conservative'"),
  /** HARQ combining 'chase' (default) or 'ir'. */
  combining: lit(['chase', 'ir'] as const, "'chase' | 'ir'"),
  /** Numerologies the planner may use (each must be allowed by `fr`, see FR_MU; non-empty). */
  allowedMu: t.array(lit([0, 1, 2, 3, 4, 5, 6] as const, 'mu 0..6')),
  /** DM-RS configuration; missing fields take the defaultLink values. */
  dmrs: DmrsPartial,
  /** xOverhead REs per PRB (TS 38.214 §5.1.3.2): 0 (default), 6, 12 or 18. */
  xOverheadRePerPrb: lit([0, 6, 12, 18] as const, '0 | 6 | 12 | 18'),
  /** Stack timing profile: 'spec-min' (default), 'srsran-default', 'srsran-low-latency', 'oai-default' or { k1MinSlots, k2MinSlots, gnbProcSlots, srPeriodMs }. */
  timing: TimingCodec,
});

/** FR boundaries in GHz (TS 38.104 §5.1: FR1 410–7125 MHz, FR2-1 24250–52600 MHz). */
const FR_GHZ: Readonly<Record<FrequencyRange, readonly [number, number]>> = { FR1: [0.41, 7.125], 'FR2-1': [24.25, 52.6] };

/** Reference SCS (kHz) of a band's default channel: 30 kHz in FR1, 120 kHz in FR2-1. */
const REFERENCE_SCS_KHZ: Readonly<Record<FrequencyRange, number>> = { FR1: 30, 'FR2-1': 120 };

/** Paired bands a user may name for FDD, and unpaired ones for TDD (hints in the refusal line). */
const FDD_HINT = 'for FDD name a paired band, e.g. --band n1 (20 MHz), n3 (30 MHz), n7, n28 (20 MHz) or n66 (40 MHz)';
const TDD_HINT = 'for TDD name an unpaired band, e.g. --band n78, n77, n79, n41 or n40';

/** The band of `link.band`, undefined for a free carrier (no band) or an unknown id. */
/**
 * Whether the fades of one packet's transport blocks may be dependent (link/segments `anyDependence`):
 * under fading that is the same across transmissions or correlated in time, the segments of a packet,
 * sent milliseconds apart, share their fades, and only 'independent' HARQ fading (a fade per
 * transmission) or no fading makes their attempt counts independent (spec/planner.md §3.2).
 */
export function segmentFadesMayDepend(link: Pick<LinkContext, 'fading' | 'harqFading'>): boolean {
  return link.fading.kind !== 'awgn' && link.harqFading !== 'independent';
}

export function linkBand(link: { readonly band?: unknown }): NrBand | undefined {
  if (link.band === undefined || isNoBand(link.band)) return undefined;
  const b = nrBand(link.band);
  return E.isRight(b) ? b.right : undefined;
}

/** True for the free-carrier spelling of `band` ('none', any case). */
export function isNoBand(band: unknown): boolean {
  return typeof band === 'string' && band.trim().toLowerCase() === 'none';
}

/** The widest channel of `band` at its reference SCS (30 kHz FR1, 120 kHz FR2-1), MHz: the default bandwidth on that band. */
export function bandDefaultBandwidthMHz(band: NrBand): number {
  const ref = band.channelBandwidthsMHz[REFERENCE_SCS_KHZ[band.fr]] ?? Object.values(band.channelBandwidthsMHz).flat();
  return Math.max(...ref);
}

/** SCS values (kHz) at which `band` lists a `bandwidthMHz` channel (TS 38.101-1/-2 Table 5.3.5-1). */
function bandScsFor(band: NrBand, bandwidthMHz: number): number[] {
  return Object.keys(band.channelBandwidthsMHz)
    .map(Number)
    .filter((scs) => (band.channelBandwidthsMHz[scs] ?? []).includes(bandwidthMHz));
}

const scsOfMu = (mu: number): number => 15 * 2 ** mu;

/**
 * The ONE check of link combinations that cannot exist (spec/codecs.md §4; spec/planner.md §1.2):
 * an FDD link with a TDD slot pattern or special slot, an FR2-1 link that is not TDD (every FR2-1
 * operating band is TDD, TS 38.101-2 Table 5.2-1), a TDD pattern without a DL or without an UL symbol
 * (the slot model, nr/slotPattern); with a `band`: an unknown band, a duplex or frequency range that
 * is not the band's (TS 38.101-1/-2 Table 5.2-1), a channel bandwidth the band does not list at any
 * allowed SCS (Table 5.3.5-1), a carrier frequency outside the band; without a band: a bandwidth that
 * is not an NR channel bandwidth of the frequency range (TS 38.101-1/-2 Table 5.3.2-1, so "20 Hz" and
 * "17 MHz" are refused) and a carrier frequency outside the range (TS 38.104 §5.1).
 * `decodeLinkContext` (and with it the CLI link options and scenario files), `plan`, `verify` and the
 * scheduler's `buildSimulation` all refuse such a link with this error, so the message is the same
 * one line everywhere. Null when the combination is consistent.
 */
export function inconsistentLink(l: {
  readonly band?: unknown;
  readonly fr?: unknown;
  readonly duplex?: unknown;
  readonly tddPattern?: unknown;
  readonly specialSlot?: unknown;
  readonly bandwidthMHz?: unknown;
  readonly allowedMu?: unknown;
  readonly carrierFrequencyGHz?: unknown;
}): PhyError | null {
  if (l.duplex !== 'TDD' && l.tddPattern !== undefined) {
    return invalidInput('link.tddPattern', 'absent unless duplex is "TDD" (an FDD link has no slot pattern)', l.tddPattern);
  }
  if (l.duplex !== 'TDD' && l.specialSlot !== undefined) {
    return invalidInput('link.specialSlot', 'absent unless duplex is "TDD" (an FDD link has no special slot)', l.specialSlot);
  }
  const special = isSpecialSlotFormat(l.specialSlot) ? l.specialSlot : DEFAULT_SPECIAL_SLOT;
  if (l.fr === 'FR2-1' && l.duplex !== 'TDD') {
    return invalidInput('link.duplex', '"TDD" on FR2-1 (every FR2-1 band is TDD, TS 38.101-2 Table 5.2-1)', l.duplex);
  }
  if (l.duplex === 'TDD' && isTddPattern(l.tddPattern) && !(patternHasSymbol(l.tddPattern, 'D', special) && patternHasSymbol(l.tddPattern, 'U', special))) {
    return invalidInput('link.tddPattern', 'a TDD pattern with at least one DL and one UL symbol', l.tddPattern);
  }
  const mus = Array.isArray(l.allowedMu) ? (l.allowedMu as unknown[]).filter((m): m is number => typeof m === 'number') : undefined;
  const fr: FrequencyRange = l.fr === 'FR2-1' ? 'FR2-1' : 'FR1';
  const ghz = l.carrierFrequencyGHz;
  if (ghz !== undefined && !(typeof ghz === 'number' && ghz > 0.4 && ghz <= 71)) {
    return invalidInput('link.carrierFrequencyGHz', 'a carrier frequency in (0.4, 71] GHz', ghz);
  }
  if (l.band !== undefined && !isNoBand(l.band)) {
    const be = nrBand(l.band);
    if (E.isLeft(be)) return invalidInput('link.band', `an NR band of TS 38.101-1/-2 Table 5.2-1: ${nrBandIds()}, or 'none' for a free carrier`, l.band);
    const b = be.right;
    const table = b.fr === 'FR1' ? 'TS 38.101-1' : 'TS 38.101-2';
    if (l.duplex !== undefined && l.duplex !== b.duplex) {
      return invalidInput('link.duplex', `"${b.duplex}" on band ${b.id} (${b.duplex === 'TDD' ? 'unpaired' : 'paired'}, ${table} Table 5.2-1; ${b.duplex === 'TDD' ? FDD_HINT : TDD_HINT})`, l.duplex);
    }
    if (l.fr !== undefined && l.fr !== b.fr) {
      return invalidInput('link.fr', `"${b.fr}" on band ${b.id} (${table} Table 5.2-1; name a band of ${String(l.fr)})`, l.fr);
    }
    const bandScs = Object.keys(b.channelBandwidthsMHz).map(Number);
    const offBand = mus?.find((m) => !bandScs.includes(scsOfMu(m)));
    if (offBand !== undefined) {
      return invalidInput('link.allowedMu', `numerologies whose SCS band ${b.id} has channels at (${bandScs.join(', ')} kHz, ${table} Table 5.3.5-1)`, offBand);
    }
    if (l.bandwidthMHz !== undefined) {
      const scs = bandScsFor(b, l.bandwidthMHz as number).filter((x) => mus === undefined || mus.some((m) => scsOfMu(m) === x));
      if (scs.length === 0) {
        const listed = Object.keys(b.channelBandwidthsMHz).map((k) => `${k} kHz: ${(b.channelBandwidthsMHz[Number(k)] ?? []).join('/')}`).join('; ');
        return invalidInput('link.bandwidthMHz', `a channel bandwidth band ${b.id} allows${mus !== undefined ? ` at ${mus.map((m) => `${scsOfMu(m)} kHz`).join(', ')}` : ''} (${table} Table 5.3.5-1: ${listed} MHz)`, l.bandwidthMHz);
      }
      const badMu = mus?.find((m) => !scs.includes(scsOfMu(m)));
      if (badMu !== undefined) {
        return invalidInput('link.allowedMu', `numerologies whose SCS band ${b.id} allows at ${String(l.bandwidthMHz)} MHz (${scs.join(', ')} kHz, ${table} Table 5.3.5-1)`, badMu);
      }
    }
    const lo = Math.min(b.ulLowMHz, b.dlLowMHz) / 1000;
    const hi = Math.max(b.ulHighMHz, b.dlHighMHz) / 1000;
    if (typeof ghz === 'number' && !(ghz >= lo && ghz <= hi)) {
      return invalidInput('link.carrierFrequencyGHz', `a frequency inside band ${b.id} (${lo}–${hi} GHz)`, ghz);
    }
    return null;
  }
  if (typeof l.bandwidthMHz === 'number' || l.bandwidthMHz !== undefined) {
    const widths = new Set(carrierScsKHz(fr).flatMap((scs) => channelBandwidthsMHz(fr, scs)));
    if (!widths.has(l.bandwidthMHz as number)) {
      return invalidInput('link.bandwidthMHz', `an NR channel bandwidth of ${fr} (${fr === 'FR1' ? 'TS 38.101-1' : 'TS 38.101-2'} Table 5.3.2-1: ${[...widths].sort((x, y) => x - y).join(', ')} MHz)`, l.bandwidthMHz);
    }
  }
  if (typeof ghz === 'number') {
    const [lo, hi] = FR_GHZ[fr];
    if (!(ghz >= lo && ghz <= hi)) return invalidInput('link.carrierFrequencyGHz', `a frequency of ${fr} (${lo}–${hi} GHz, TS 38.104 §5.1)`, ghz);
  }
  return null;
}

function nrBandIds(): string {
  return nrBands().map((b) => b.id).join(', ');
}

/** The special-slot format of `link` (TDD): `link.specialSlot`, else the slot model's default. */
export function linkSpecialSlot(link: LinkContext): SpecialSlotFormat {
  return link.specialSlot ?? DEFAULT_SPECIAL_SLOT;
}

/**
 * The link fields of a user-plane latency input on `link`: the slot pattern (none for FDD; for TDD the
 * pattern, default DEFAULT_TDD_PATTERN, and, when the link sets one, the special slot as
 * '<n>D:<n>G:<n>U') and the stack timing profile when it is not 'spec-min' (link/timing.ts).
 */
export function latencySlotFields(link: LinkContext): { readonly tddPattern?: string; readonly specialSlot?: string; readonly timing?: StackTiming } {
  const timing = link.timing !== undefined && !isSpecMin(link.timing) ? { timing: link.timing } : {};
  if (link.duplex !== 'TDD') return timing;
  return { tddPattern: link.tddPattern ?? DEFAULT_TDD_PATTERN, ...(link.specialSlot !== undefined ? { specialSlot: formatSpecialSlot(link.specialSlot) } : {}), ...timing };
}

function validateLink(l: LinkContext): E.Either<PhyError, LinkContext> {
  const inconsistent = inconsistentLink(l);
  if (inconsistent !== null) return E.left(inconsistent);
  if (l.snrDb < SNR_DB.min || l.snrDb > SNR_DB.max) return E.left(invalidInput('link.snrDb', `a number in [${SNR_DB.min}, ${SNR_DB.max}] dB`, l.snrDb));
  if (l.linkBudget !== undefined) {
    const b = l.linkBudget as Record<string, unknown>;
    for (const [k, [lo, hi]] of Object.entries(LINK_BUDGET_RANGES)) {
      const v = b[k];
      if (v !== undefined && !(typeof v === 'number' && v >= lo && v <= hi)) return E.left(invalidInput(`link.linkBudget.${k}`, `a number in [${lo}, ${hi}] dB${k.endsWith('Dbm') ? 'm' : ''}`, v));
    }
  }
  const f = l.fading;
  if (f.kind !== 'awgn') {
    const d = f.diversity ?? 1;
    if (!Number.isInteger(d) || d < 1 || d > 16) {
      return E.left(invalidInput('link.fading.diversity', 'an integer in 1..16', d));
    }
    if (f.kind === 'rician' && (f.kFactorDb < -20 || f.kFactorDb > 40)) {
      return E.left(invalidInput('link.fading.kFactorDb', 'a number in [-20, 40] dB', f.kFactorDb));
    }
    if (f.kind === 'nakagami' && !(f.m >= 0.5 && f.m <= 50)) {
      return E.left(invalidInput('link.fading.m', 'a number in [0.5, 50]', f.m));
    }
  }
  if (!(l.carrierFrequencyGHz > 0.4 && l.carrierFrequencyGHz <= 71)) {
    return E.left(invalidInput('link.carrierFrequencyGHz', 'a carrier frequency in (0.4, 71] GHz', l.carrierFrequencyGHz));
  }
  for (const k of ['pdcchMissProb', 'harqAckErrorProb', 'srMissProb'] as const) {
    const v = l.controlErrors[k];
    if (!(v >= 0 && v <= 0.5)) return E.left(invalidInput(`link.controlErrors.${k}`, 'a probability in [0, 0.5]', v));
  }
  if (!(l.bandwidthMHz > 0 && l.bandwidthMHz <= 2000)) {
    return E.left(invalidInput('link.bandwidthMHz', 'a channel bandwidth in (0, 2000] MHz', l.bandwidthMHz));
  }
  for (const [field, v] of [
    ['nLayers', l.nLayers],
    ['nLayersDl', l.nLayersDl],
    ['nLayersUl', l.nLayersUl],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 4)) {
      return E.left(invalidInput(`link.${field}`, 'an integer in 1..4', v));
    }
  }
  if (l.tddPattern !== undefined && !/^[DSU]{1,80}$/.test(l.tddPattern)) {
    return E.left(invalidInput('link.tddPattern', "a string of D, S and U slots such as 'DDDSU'", l.tddPattern));
  }
  if (l.allowedMu !== undefined) {
    const frMu = FR_MU[l.fr];
    const bad = l.allowedMu.find((m) => !frMu.includes(m));
    if (bad !== undefined) {
      return E.left(invalidInput('link.allowedMu', `numerologies of ${l.fr}: ${frMu.join(', ')}`, bad));
    }
    if (l.allowedMu.length === 0) return E.left(invalidInput('link.allowedMu', 'at least one numerology', []));
  }
  return E.right(l);
}

/**
 * Decode outside input into a `LinkContext`; every missing field takes its `defaultLink` value.
 * Errors name the field (`link.snrDb: expected ..., got ...`).
 */
export function decodeLinkContext(u: unknown): E.Either<PhyError, LinkContext> {
  const input = u === undefined || u === null ? {} : u;
  let r: ReturnType<typeof LinkInputCodec.decode>;
  try {
    r = LinkInputCodec.decode(input);
    if (E.isLeft(r)) return E.left(decodeError(formatDecodeErrors(r.left, 'link')));
  } catch {
    // A value whose getters throw (a hostile Proxy): one line, never a throw (issue 17).
    return E.left(decodeError(['link: expected a JSON object of link fields, got a value that cannot be read']));
  }
  const p = r.right;
  // the band fixes duplex and FR and gives the default bandwidth and carrier frequency; 'none' = a free carrier
  const noBand = isNoBand(p.band);
  let band: NrBand | undefined;
  if (!noBand) {
    const be = nrBand(p.band ?? DEFAULT_BAND);
    if (E.isLeft(be)) return E.left(invalidInput('link.band', `an NR band of TS 38.101-1/-2 Table 5.2-1: ${nrBandIds()}, or 'none' for a free carrier`, p.band));
    band = be.right;
  }
  const fr = p.fr ?? band?.fr ?? defaultLink.fr;
  // FR2-1 has TDD bands only: a free FR2-1 link without a duplex is TDD (inconsistentLink refuses FDD)
  const duplex = p.duplex ?? band?.duplex ?? (fr === 'FR2-1' ? 'TDD' : defaultLink.duplex);
  const centre = band !== undefined ? bandCentreMHz(band, 'DL') : undefined;
  const carrierFrequencyGHz = p.carrierFrequencyGHz ?? (typeof centre === 'number' ? centre / 1000 : fr === 'FR2-1' ? 28 : defaultLink.carrierFrequencyGHz);
  const merged: LinkContext = {
    band: band !== undefined ? band.id : 'none',
    carrierFrequencyGHz,
    snrDb: p.snrDb ?? defaultLink.snrDb,
    // spec/budget.md §1: an input budget applies (its snrDb, if any, is kept but not used); an input
    // snrDb without a budget is the flat override of the default link's budget (if it has one)
    ...(p.linkBudget !== undefined ? { linkBudget: stripUndefined(p.linkBudget) } : p.snrDb === undefined && defaultLink.linkBudget !== undefined ? { linkBudget: defaultLink.linkBudget } : {}),
    fading: (p.fading as FadingModel | undefined) ?? defaultLink.fading,
    harqFading: p.harqFading ?? defaultLink.harqFading,
    controlErrors: { ...defaultLink.controlErrors, ...p.controlErrors },
    bandwidthMHz: p.bandwidthMHz ?? (band !== undefined ? bandDefaultBandwidthMHz(band) : defaultLink.bandwidthMHz),
    fr,
    duplex,
    ...(p.tddPattern !== undefined ? { tddPattern: p.tddPattern } : duplex === 'TDD' ? { tddPattern: DEFAULT_TDD_PATTERN } : {}),
    ...(p.specialSlot !== undefined ? { specialSlot: p.specialSlot } : {}),
    ueCapability: p.ueCapability ?? defaultLink.ueCapability,
    nLayers: p.nLayers ?? defaultLink.nLayers,
    ...(p.nLayersDl !== undefined ? { nLayersDl: p.nLayersDl } : {}),
    ...(p.nLayersUl !== undefined ? { nLayersUl: p.nLayersUl } : {}),
    blerModel: p.blerModel ?? defaultLink.blerModel,
    receiver: p.receiver ?? defaultLink.receiver,
    combining: p.combining ?? defaultLink.combining,
    ...(p.allowedMu !== undefined ? { allowedMu: [...new Set(p.allowedMu)].sort((a, b) => a - b) } : {}),
    dmrs: { ...defaultLink.dmrs, ...p.dmrs },
    xOverheadRePerPrb: p.xOverheadRePerPrb ?? defaultLink.xOverheadRePerPrb,
    // 'spec-min' is the default: left out, so a default link stays byte-identical in every output
    ...(p.timing !== undefined && !isSpecMin(p.timing) ? { timing: typeof p.timing === 'string' ? p.timing : { ...p.timing } } : {}),
  };
  return validateLink(merged);
}

function stripUndefined(b: t.TypeOf<typeof LinkBudgetCodec>): LinkBudget {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (v !== undefined) out[k] = v;
  return out as LinkBudget;
}

/** io-ts codec whose decode fills defaults (`LinkContextCodec.decode({})` = defaultLink). */
export const LinkContextCodec = new t.Type<LinkContext, LinkContext, unknown>(
  'LinkContext',
  (u): u is LinkContext => E.isRight(decodeLinkContext(u)),
  (u, c) => {
    const r = decodeLinkContext(u);
    return E.isRight(r) ? t.success(r.right) : t.failure(u, c, r.left.message);
  },
  t.identity,
);

/** A copy of `link` with some fields replaced (no validation: for trusted, programmatic use). */
export function withLink(link: LinkContext, patch: Partial<LinkContext>): LinkContext {
  return { ...link, ...patch } as LinkContext;
}

/**
 * The REs per PRB of a `ttiSymbols`-long allocation of the given direction and mapping type on the
 * link (nr/allocation `allocationRe`, the one place they are computed): data symbols after the DL
 * control region (DL_CONTROL_SYMBOLS) for slot-based DL, DM-RS per the link's configuration (type A
 * uses `additionalPositionsTypeA`, type B `additionalPositionsTypeB`; TS 38.211 §7.4.1.1 / §6.4.1.1),
 * xOverhead, N'_RE capped at 156 (TS 38.214 §5.1.3.2).
 */
export function allocationReFor(link: LinkContext, direction: 'DL' | 'UL', mappingType: MappingType, ttiSymbols: number): AllocationRe {
  return allocationRe({
    direction,
    mappingType,
    ttiSymbols,
    dmrsType: link.dmrs.type,
    cdmGroupsWithoutData: link.dmrs.cdmGroupsWithoutData,
    additionalPositions: dmrsAdditionalPositionFor(link, mappingType),
    maxLength: link.dmrs.maxLength,
    xOverheadRePerPrb: link.xOverheadRePerPrb,
  });
}

/** The link's dmrs-AdditionalPosition for a mapping type (selects the N1 column of TS 38.214 Table 5.3-1). */
export function dmrsAdditionalPositionFor(link: LinkContext, mappingType: MappingType): 0 | 1 | 2 | 3 {
  return mappingType === 'A' ? link.dmrs.additionalPositionsTypeA : link.dmrs.additionalPositionsTypeB;
}

/** Layers used in `direction`. */
export function layersFor(link: LinkContext, direction: 'DL' | 'UL'): number {
  return (direction === 'DL' ? link.nLayersDl : link.nLayersUl) ?? link.nLayers;
}

/**
 * Numerologies the planner searches on `link`: `link.allowedMu`, else on a band the numerologies of
 * the frequency range whose SCS the band lists for the channel bandwidth (TS 38.101-1/-2 Table 5.3.5-1)
 * without 60 kHz in FR1 (an optional UE feature, TS 38.306 BandNR `scs-60kHz`; opt in with `allowedMu`), else
 * (a free carrier) every data numerology of the range (`FR_MU`).
 */
export function allowedMuFor(link: LinkContext): readonly Mu[] {
  if (link.allowedMu !== undefined) return link.allowedMu;
  const b = linkBand(link);
  if (b === undefined) return FR_MU[link.fr];
  const scs = bandScsFor(b, link.bandwidthMHz);
  const onBand = FR_MU[link.fr].filter((mu) => scs.includes(scsOfMu(mu)));
  const withoutOptional = link.fr === 'FR1' ? onBand.filter((mu) => mu !== 2) : onBand;
  return withoutOptional.length > 0 ? withoutOptional : onBand;
}

/** Channel bandwidths (MHz) `link` may use: those its band lists at an allowed SCS, else every NR channel of its frequency range. */
export function linkChannelBandwidthsMHz(link: LinkContext): number[] {
  const b = linkBand(link);
  const scsList = link.allowedMu !== undefined ? link.allowedMu.map(scsOfMu) : undefined;
  const widths = b !== undefined
    ? Object.keys(b.channelBandwidthsMHz).map(Number).filter((scs) => scsList === undefined || scsList.includes(scs)).flatMap((scs) => b.channelBandwidthsMHz[scs] ?? [])
    : carrierScsKHz(link.fr).flatMap((scs) => channelBandwidthsMHz(link.fr, scs));
  return [...new Set(widths)].sort((x, y) => x - y);
}
