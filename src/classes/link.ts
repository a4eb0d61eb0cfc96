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
import { dmrsRePerPrb } from '../nr/carrier.js';
import { formatDecodeErrors, literalCodec } from '../codecs/decode.js';
import { DbCodec, MHzCodec } from '../codecs/quantity.js';
import {
  DEFAULT_SPECIAL_SLOT, DEFAULT_SPECIAL_SLOT_TEXT, DEFAULT_TDD_PATTERN, formatSpecialSlot, isSpecialSlotFormat, isTddPattern, parseSpecialSlot, patternHasSymbol, type SpecialSlotFormat,
} from '../nr/slotPattern.js';
import type { BlerModelName } from '../link/bler.js';
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
  /** Mean SNR per resource element at the receiver, dB (per layer). */
  readonly snrDb: number;
  /** Block fading of one transmission (constant over its repetitions). */
  readonly fading: FadingModel;
  /**
   * Fading across HARQ transmissions (spec/fading.md §Correlation in time): 'correlated' (default) —
   * Rayleigh fades correlated by Jakes' model J0(2π f_D Δt), f_D from the service's mobility and
   * `carrierFrequencyGHz`, Δt the time between transmissions from the latency model (non-Rayleigh
   * fading falls back to 'same'); 'same' — one realisation for all; 'independent' — redrawn each time.
   */
  readonly harqFading: 'same' | 'independent' | 'correlated';
  /** Carrier frequency in GHz (Doppler f_D = v·f_c/c); (0.4, 71], default 3.55 (n78 centre). */
  readonly carrierFrequencyGHz: number;
  /** Control-channel error rates (link/control.ts): PDCCH miss, NACK→ACK, SR miss; default DEFAULT_CONTROL_ERRORS. */
  readonly controlErrors: ControlErrors;
  /** Channel bandwidth in MHz (TS 38.101-1/-2 Table 5.3.2-1); (0, 2000], default 100. */
  readonly bandwidthMHz: number;
  /** Frequency range; fixes the data numerologies (`FR_MU`); default 'FR1'. */
  readonly fr: FrequencyRange;
  /** FDD (every slot available in both directions) or TDD (slots per `tddPattern`); default 'FDD'. */
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
}

/** Data-channel numerologies per frequency range (TS 38.101-1/-2 §5.3.2: FR1 15/30/60 kHz, FR2-1 60/120 kHz). */
export const FR_MU: Readonly<Record<FrequencyRange, readonly Mu[]>> = {
  FR1: [0, 1, 2],
  'FR2-1': [2, 3],
};

/**
 * The default link (spec/planner.md §1.1): a 100 MHz FR1 carrier (30 kHz gives 273 PRBs), FDD
 * (a paired or supplementary-uplink carrier, so uplink and downlink both have every slot),
 * mean SNR 15 dB (a typical mid-cell value), Rayleigh block fading with diversity order 2
 * (two receive branches, MRC), fading correlated in time across HARQ transmissions (Jakes, at the
 * service's speed and a 3.55 GHz carrier; spec/fading.md), URLLC-grade control-channel error rates
 * (link/control.ts), UE capability 1, one layer per direction,
 * the conservative NR LDPC receiver (a class proven on an optimistic model fails in the field),
 * Chase-combining HARQ credit (a lower bound on what NR's RV cycling (IR) achieves, and the
 * link model evaluates it in closed form; pass combining: 'ir' for the IR credit), DMRS type 1 with two CDM groups without
 * data, one additional DMRS position in a slot and none in a mini-slot, no xOverhead.
 */
export const defaultLink: LinkContext = Object.freeze({
  snrDb: 15,
  fading: Object.freeze({ kind: 'rayleigh', diversity: 2 }) as FadingModel,
  harqFading: 'correlated',
  carrierFrequencyGHz: 3.55,
  controlErrors: DEFAULT_CONTROL_ERRORS,
  bandwidthMHz: 100,
  fr: 'FR1',
  duplex: 'FDD',
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

/** io-ts codec of the link input: every field optional (defaults from `defaultLink`). */
export const LinkInputCodec = t.partial({
  /** Mean SNR per RE per layer, dB, in [-30, 60] (a number or "15 dB"); default 15. */
  snrDb: DbCodec,
  /** Block fading of one transmission; default Rayleigh with diversity 2. */
  fading: FadingModelCodec,
  /** Fading across HARQ transmissions: 'correlated' (default), 'same' or 'independent'. */
  harqFading: lit(['correlated', 'same', 'independent'] as const, "'correlated' | 'same' | 'independent'"),
  /** Carrier frequency, GHz, in (0.4, 71]; default 3.55. */
  carrierFrequencyGHz: Finite,
  /** Control-channel error rates, each a probability in [0, 0.5]; missing fields take the defaults. */
  controlErrors: t.partial({ pdcchMissProb: Finite, harqAckErrorProb: Finite, srMissProb: Finite }),
  /** Channel bandwidth, MHz, in (0, 2000] (a number or "20 MHz"); default 100. */
  bandwidthMHz: MHzCodec,
  /** Frequency range 'FR1' (default) or 'FR2-1'. */
  fr: lit(['FR1', 'FR2-1'] as const, "'FR1' | 'FR2-1'"),
  /** Duplex 'FDD' (default) or 'TDD'. */
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
});

/**
 * The ONE check of link combinations that cannot exist (spec/codecs.md §4):
 * an FDD link with a TDD slot pattern, an FR2-1 link that is not TDD (every FR2-1 operating band is
 * TDD, TS 38.101-2 Table 5.2-1), and a TDD pattern without a DL or without an UL symbol (the slot
 * model, nr/slotPattern). `decodeLinkContext` (and with it the CLI link options and scenario files),
 * `plan`, `verify` and the scheduler's `buildSimulation` all refuse such a link with this error, so
 * the message is the same one line everywhere. Null when the combination is consistent.
 */
export function inconsistentLink(l: { readonly fr?: unknown; readonly duplex?: unknown; readonly tddPattern?: unknown; readonly specialSlot?: unknown }): PhyError | null {
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
  return null;
}

/** The special-slot format of `link` (TDD): `link.specialSlot`, else the slot model's default. */
export function linkSpecialSlot(link: LinkContext): SpecialSlotFormat {
  return link.specialSlot ?? DEFAULT_SPECIAL_SLOT;
}

/**
 * The slot-pattern fields of a user-plane latency input on `link`: none for FDD; for TDD the pattern
 * (default DEFAULT_TDD_PATTERN) and, when the link sets one, the special slot as '<n>D:<n>G:<n>U'.
 */
export function latencySlotFields(link: LinkContext): { readonly tddPattern?: string; readonly specialSlot?: string } {
  if (link.duplex !== 'TDD') return {};
  return { tddPattern: link.tddPattern ?? DEFAULT_TDD_PATTERN, ...(link.specialSlot !== undefined ? { specialSlot: formatSpecialSlot(link.specialSlot) } : {}) };
}

function validateLink(l: LinkContext): E.Either<PhyError, LinkContext> {
  const inconsistent = inconsistentLink(l);
  if (inconsistent !== null) return E.left(inconsistent);
  if (l.snrDb < SNR_DB.min || l.snrDb > SNR_DB.max) return E.left(invalidInput('link.snrDb', `a number in [${SNR_DB.min}, ${SNR_DB.max}] dB`, l.snrDb));
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
  // FR2-1 has TDD bands only: an FR2-1 link without a duplex is TDD (inconsistentLink refuses FDD)
  const duplex = p.duplex ?? (p.fr === 'FR2-1' ? 'TDD' : defaultLink.duplex);
  const merged: LinkContext = {
    snrDb: p.snrDb ?? defaultLink.snrDb,
    fading: (p.fading as FadingModel | undefined) ?? defaultLink.fading,
    harqFading: p.harqFading ?? defaultLink.harqFading,
    carrierFrequencyGHz: p.carrierFrequencyGHz ?? defaultLink.carrierFrequencyGHz,
    controlErrors: { ...defaultLink.controlErrors, ...p.controlErrors },
    bandwidthMHz: p.bandwidthMHz ?? defaultLink.bandwidthMHz,
    fr: p.fr ?? defaultLink.fr,
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
  };
  return validateLink(merged);
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
 * DM-RS resource elements per PRB of a `ttiSymbols`-long allocation of the given mapping type under
 * the link's DM-RS configuration (TS 38.211 §7.4.1.1 / §6.4.1.1 via `dmrsRePerPrb`): type A uses
 * `additionalPositionsTypeA`, type B (mini-slot) `additionalPositionsTypeB`.
 */
export function dmrsRePerPrbFor(link: LinkContext, mappingType: MappingType, ttiSymbols: number): number {
  return dmrsRePerPrb({
    type: link.dmrs.type,
    cdmGroupsWithoutData: link.dmrs.cdmGroupsWithoutData,
    additionalPositions: mappingType === 'A' ? link.dmrs.additionalPositionsTypeA : link.dmrs.additionalPositionsTypeB,
    maxLength: link.dmrs.maxLength,
    nSymbols: ttiSymbols,
    mappingType,
  });
}

/** Layers used in `direction`. */
export function layersFor(link: LinkContext, direction: 'DL' | 'UL'): number {
  return (direction === 'DL' ? link.nLayersDl : link.nLayersUl) ?? link.nLayers;
}

/** Numerologies the planner searches on `link`. */
export function allowedMuFor(link: LinkContext): readonly Mu[] {
  return link.allowedMu ?? FR_MU[link.fr];
}
