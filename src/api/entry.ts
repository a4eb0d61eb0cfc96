/**
 * The validated entry points of the package root (`import { ... } from 'phyclass'`).
 *
 * Each function here has the name and, for valid input, exactly the answer of the module function
 * it delegates to; it first checks its arguments (`./guard.ts`) and answers invalid input without
 * throwing, hanging or returning NaN/Infinity:
 *  - functions whose answer is an `Either` / `Option` answer `Left` / `None`;
 *  - `plan` / `planDetailed` answer `Left(Infeasible)` with `binding: 'input'`, `verify` a failing
 *    `Verdict` (`pass: false`, the problem in `reasons`);
 *  - functions with a plain answer (a number, an object, an array) answer the `PhyError` itself
 *    instead (test with `isPhyError`); their TypeScript return type says so (`A | PhyError`).
 * The module functions (`src/<module>/...`) stay as they are for internal callers; the unchecked
 * hot kernels are published separately under `phyclass/kernels` (src/kernels.ts).
 * Design: ARCHITECTURE.md "Errors are values"; issue 12 item 7.
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidInput, unsupported, type PhyError } from '../core/errors.js';
import { MCS_TABLE_NAMES, MU_VALUES, type FadingModel, type Mu } from '../core/types.js';
import {
  cyclicPrefixAllowed,
  numerology as numerologyKernel,
  symbolStartUs as symbolStartUsKernel,
  symbolTiming as symbolTimingImpl,
  type CyclicPrefix,
  type Numerology,
  type SymbolTiming,
} from '../nr/numerology.js';
import { maxMcsIndex } from '../nr/mcs.js';
import { carrierScsKHz as carrierScsKHzImpl, channelBandwidthsMHz as channelBandwidthsMHzImpl } from '../nr/carrier.js';
import { makeRng as makeRngImpl, type Rng } from '../core/rng.js';
import { decodeError } from '../core/errors.js';
import { decodeLinkContext as decodeLinkContextImpl } from '../classes/link.js';
import { simulate as simulateImpl, type ScenarioReport, type SimulateOptions } from '../scheduler/simulate.js';
import { ldpcSegmentationChecked, rateMatchedLengths as rateMatchedLengthsKernel, type LdpcSegmentation } from '../nr/ldpc.js';
import { processingTimeSymbols as processingTimeSymbolsImpl, type ProcessingTime, type ProcessingTimeInput } from '../nr/processing.js';
import {
  dmrsRePerPrb as dmrsRePerPrbKernel,
  validTimeAllocation as validTimeAllocationImpl,
  type DmrsRePerPrbConfig,
  type TimeAllocation,
  type TimeAllocationParams,
} from '../nr/carrier.js';
import { qfunc as qfuncKernel, qfuncInv as qfuncInvKernel } from '../link/qfunc.js';
import { maxInfoBits as maxInfoBitsImpl, normalApproximation as normalApproximationImpl } from '../link/fbl.js';
import {
  BLER_MODEL_NAMES,
  RECEIVER_PRESETS,
  blerModel as blerModelImpl,
  snrForBler as snrForBlerImpl,
  type BlerModel,
  type BlerModelName,
  type ReceiverPreset,
} from '../link/bler.js';
import { fadingAverage as fadingAverageImpl } from '../link/fading.js';
import {
  HARQ_MAX_TRANSMISSIONS,
  harqAttemptErrors as harqAttemptErrorsImpl,
  harqResidualError as harqResidualErrorImpl,
  harqTransmissionDistribution as harqTransmissionDistributionImpl,
  type HarqQuery,
} from '../link/harq.js';
import { tryLayerShapes, type DnnModel, type LayerShape, type LayerShapeOptions } from '../workload/dnn.js';
import { trySplitPayloadBytes as trySplitPayloadBytesImpl, type SplitPayloadParams } from '../workload/split.js';
import { pipelineTraffic as pipelineTrafficImpl, type PipelineParams, type PipelineProfile } from '../workload/pipeline.js';
import {
  payloadProfile as payloadProfileImpl,
  serviceFromSplit as serviceFromSplitImpl,
  type PayloadProfile,
  type ServiceProfile,
  type SplitServiceParams,
} from '../services/catalogue.js';
import { eligibleFiveQis as eligibleFiveQisImpl, type FiveQi } from '../services/fiveqi.js';
import { plan as planImpl, planDetailed as planDetailedImpl, type PlannedClass } from '../classes/planner.js';
import { verify as verifyImpl } from '../classes/verify.js';
import { deriveClasses as deriveClassesImpl, type DeriveOptions } from '../classes/derive.js';
import { compileClassifier as compileClassifierImpl } from '../classes/classifier.js';
import { allocationFor as allocationForImpl, type AllocationShape } from '../classes/allocation.js';
import { classTable as classTableImpl, type ClassTableOptions, type ClassTableRow } from '../classes/classTable.js';
import type { Allocation, Assignment, ClassPlan, Infeasible, PhyClass, Verdict } from '../classes/types.js';
import { campaignFingerprint as campaignFingerprintImpl, campaignRuns as campaignRunsImpl, parseShard as parseShardImpl, runCampaign as runCampaignImpl } from '../scheduler/campaign.js';
import type { CampaignOptions, CampaignResult, CampaignRunSpec, CampaignSpec } from '../scheduler/campaign.js';
import { POLICY_NAMES, type PolicyName } from '../scheduler/policies.js';
import { mixedScenario as mixedScenarioImpl, type MixedScenarioOptions } from '../scheduler/presets.js';
import { samplesNeeded as samplesNeededImpl, wilsonInterval as wilsonIntervalImpl, type WilsonInterval } from '../scheduler/stats.js';
import {
  csvTable as csvTableImpl,
  formatBytes as formatBytesImpl,
  formatEpsilon as formatEpsilonImpl,
  formatMs as formatMsImpl,
  formatNumber as formatNumberImpl,
  jsonRows as jsonRowsImpl,
  textTable as textTableImpl,
  type TableCell,
  type TableColumn,
  type TextTableOptions,
} from '../report/table.js';
import {
  checkLink,
  checkPhyClass,
  checkPlanOptions,
  checkService,
  checkServices,
  entryFailure,
  firstProblem,
  guarded,
  isRecord,
  needAbove,
  needArray,
  needFunction,
  needInt,
  needNumber,
  needOneOf,
  needRecord,
  needString,
  optional,
  orError,
  type LinkContext,
  type PlannableService,
  type PlanOptions,
  type Problem,
} from './guard.js';

/** The error value itself (for the plain-valued entry points). */
const asError = (e: PhyError): PhyError => e;

// -------------------------------------------------------------------------------------- core

/**
 * A seeded xoroshiro128+ generator (the only randomness of the SDK). The seed is reduced to a
 * 32-bit integer (`seed | 0`: NaN and ±Infinity give 0); a non-number seed gives a `PhyError`.
 */
export function makeRng(seed: number): Rng;
export function makeRng(seed: unknown): Rng | PhyError;
export function makeRng(seed: unknown): Rng | PhyError {
  return typeof seed === 'number' ? makeRngImpl(seed) : invalidInput('seed', 'a number', seed);
}

// ---------------------------------------------------------------------------------------- nr

const FREQUENCY_RANGES: readonly string[] = ['FR1', 'FR2-1'];

/**
 * Channel bandwidths (MHz) with a defined N_RB for a frequency range and SCS (TS 38.101-1/-2
 * Table 5.3.2-1), ascending; [] when the SCS has none; a `PhyError` for an unknown range or a non-number SCS.
 */
export function channelBandwidthsMHz(fr: 'FR1' | 'FR2-1', scsKHz: number): number[];
export function channelBandwidthsMHz(fr: unknown, scsKHz: unknown): number[] | PhyError;
export function channelBandwidthsMHz(fr: unknown, scsKHz: unknown): number[] | PhyError {
  const bad = firstProblem(() => needOneOf('fr', fr, FREQUENCY_RANGES), () => (typeof scsKHz === 'number' ? null : invalidInput('scsKHz', 'a number', scsKHz)));
  return bad !== null ? bad : channelBandwidthsMHzImpl(fr as 'FR1' | 'FR2-1', scsKHz as number);
}

/** Subcarrier spacings (kHz) tabulated for a frequency range (FR1 15/30/60, FR2-1 60/120); a `PhyError` for an unknown range. */
export function carrierScsKHz(fr: 'FR1' | 'FR2-1'): number[];
export function carrierScsKHz(fr: unknown): number[] | PhyError;
export function carrierScsKHz(fr: unknown): number[] | PhyError {
  const bad = needOneOf('fr', fr, FREQUENCY_RANGES);
  return bad !== null ? bad : carrierScsKHzImpl(fr as 'FR1' | 'FR2-1');
}

/**
 * Numerology `mu` (TS 38.211 §4.2, normal CP): `{ mu, scsKHz, slotsPerSubframe, slotMs, symbolMs }`;
 * a `PhyError` when `mu` is not an integer in 0..6.
 */
export function numerology(mu: Mu): Numerology;
export function numerology(mu: unknown): Numerology | PhyError;
export function numerology(mu: unknown): Numerology | PhyError {
  const p = needOneOf('mu', mu, MU_VALUES);
  return p !== null ? p : numerologyKernel(mu as Mu);
}

/**
 * Start of OFDM symbol `l` from the start of the subframe in µs, exact normal/extended CP lengths
 * (TS 38.211 §5.3.1); `l` past the subframe continues into the next ones. A `PhyError` unless mu is
 * 0..6, the cyclic prefix is allowed for mu and `l` is an integer in 0..1e9.
 */
export function symbolStartUs(mu: Mu, l: number, cp: CyclicPrefix = 'normal'): number | PhyError {
  const bad = firstProblem(
    () => needOneOf('mu', mu, MU_VALUES),
    () => needOneOf('cyclicPrefix', cp, ['normal', 'extended']),
    () => (cyclicPrefixAllowed(mu, cp) ? null : unsupported('cyclicPrefix', `extended CP is defined only for mu = 2 (TS 38.211 Table 4.2-1), got mu = ${String(mu)}`)),
    () => needInt('l', l, 0, 1e9),
  );
  return bad !== null ? bad : symbolStartUsKernel(mu, l, cp);
}

/** Validated timing of one symbol of a subframe (TS 38.211 §5.3.1); Left for invalid input. */
export function symbolTiming(p: { mu: unknown; symbol: unknown; cyclicPrefix?: unknown }): E.Either<PhyError, SymbolTiming> {
  const bad = needRecord('symbolTiming', p, 'an object { mu, symbol, cyclicPrefix? }');
  return bad !== null ? E.left(bad) : symbolTimingImpl(p);
}

/** LDPC segmentation (TS 38.212 §5.2.2, §7.2): a `PhyError` unless tbsBits is an integer in 24..1e7 and rateX1024 in (0, 1024). */
export function ldpcSegmentation(tbsBits: number, rateX1024: number): LdpcSegmentation | PhyError {
  return orError(ldpcSegmentationChecked(tbsBits, rateX1024));
}

const QM_VALUES: readonly number[] = [1, 2, 4, 6, 8, 10];

/** Rate-matched length of each code block (TS 38.212 §5.4.2.1); a `PhyError` for invalid arguments. */
export function rateMatchedLengths(seg: LdpcSegmentation, gBits: number, qm: number, nLayers: number): number[] | PhyError {
  const p = firstProblem(
    () => needRecord('seg', seg, 'an LdpcSegmentation (from ldpcSegmentation)'),
    () => needInt('seg.codeBlocks', (seg as unknown as Record<string, unknown>)['codeBlocks'], 1, 100_000),
    () => needNumber('gBits', gBits, 0, 1e12),
    () => needOneOf('qm', qm, QM_VALUES),
    () => needInt('nLayers', nLayers, 1, 8),
  );
  return p !== null ? p : guarded('rateMatchedLengths', () => rateMatchedLengthsKernel(seg, gBits, qm, nLayers), asError);
}

/** UE processing times N1/N2 (TS 38.214 §5.3, §6.4); Left for invalid input. */
export function processingTimeSymbols(p: ProcessingTimeInput): E.Either<PhyError, ProcessingTime> {
  const bad = needRecord('processingTime', p, 'an object { mu, capability, channel, ... }');
  return bad !== null ? E.left(bad) : guarded('processingTimeSymbols', () => processingTimeSymbolsImpl(p), E.left);
}

/** DM-RS resource elements per PRB (TS 38.211 §6.4.1.1 / §7.4.1.1); a `PhyError` for an invalid configuration. */
export function dmrsRePerPrb(cfg: DmrsRePerPrbConfig): number | PhyError {
  if (!isRecord(cfg)) return invalidInput('dmrs', 'a DM-RS configuration { type, cdmGroupsWithoutData, additionalPositions, maxLength }', cfg);
  const bad = firstProblem(
    () => needOneOf('dmrs.type', cfg['type'], [1, 2]),
    () => needOneOf('dmrs.cdmGroupsWithoutData', cfg['cdmGroupsWithoutData'], cfg['type'] === 2 ? [1, 2, 3] : [1, 2]),
    () => needOneOf('dmrs.additionalPositions', cfg['additionalPositions'], [0, 1, 2, 3]),
    () => needOneOf('dmrs.maxLength', cfg['maxLength'], [1, 2]),
    () => optional(cfg['nSymbols'], () => needInt('dmrs.nSymbols', cfg['nSymbols'], 1, 14)),
    () => optional(cfg['mappingType'], () => needOneOf('dmrs.mappingType', cfg['mappingType'], ['A', 'B'])),
    () => optional(cfg['channel'], () => needOneOf('dmrs.channel', cfg['channel'], ['pdsch', 'pusch'])),
  );
  return bad !== null ? bad : dmrsRePerPrbKernel(cfg);
}

/** A validated PDSCH/PUSCH time-domain allocation (TS 38.214 §5.1.2.1 / §6.1.2.1); Left for invalid input. */
export function validTimeAllocation(p: TimeAllocationParams): E.Either<PhyError, TimeAllocation> {
  const bad = needRecord('timeAllocation', p);
  return bad !== null ? E.left(bad) : guarded('validTimeAllocation', () => validTimeAllocationImpl(p), E.left);
}

// -------------------------------------------------------------------------------------- link

/**
 * Gaussian tail Q(x) = P(N(0,1) > x) (via erfc). Every number is accepted: ±Infinity give 0 and 1,
 * and NaN gives 1 (documented: the conservative error probability); a non-number gives a `PhyError`.
 */
export function qfunc(x: number): number;
export function qfunc(x: unknown): number | PhyError;
export function qfunc(x: unknown): number | PhyError {
  return typeof x === 'number' ? qfuncKernel(x) : invalidInput('x', 'a number', x);
}

/**
 * Inverse Gaussian tail: x with Q(x) = p, clamped to ±QFUNC_INV_MAX (38.5) at p = 0 and p = 1;
 * a `PhyError` unless p is a number in [0, 1].
 */
export function qfuncInv(p: number): number | PhyError {
  return typeof p === 'number' && p >= 0 && p <= 1 ? qfuncInvKernel(p) : invalidInput('p', 'a probability in [0, 1]', p);
}

const INPUTS: readonly string[] = ['gaussian', 'bpsk', 'qpsk', 'qam16', 'qam64', 'qam256', 'qam1024'];

/** Largest blocklength (complex channel uses) the finite-blocklength entry points accept. */
const MAX_CHANNEL_USES = 1e12;

/**
 * PPV normal approximation of the block error probability (Polyanskiy-Poor-Verdú 2010; spec/bler.md);
 * a `PhyError` unless n > 0, k ≥ 0 and snrDb are finite and `input` is a known alphabet.
 */
export function normalApproximation(p: { readonly n: number; readonly k: number; readonly snrDb: number; readonly input: Parameters<typeof normalApproximationImpl>[0]['input'] }): number | PhyError {
  if (!isRecord(p)) return invalidInput('normalApproximation', 'an object { n, k, snrDb, input }', p);
  const bad = firstProblem(
    () => needAbove('n', p['n'], 0, MAX_CHANNEL_USES),
    () => needNumber('k', p['k'], 0, MAX_CHANNEL_USES * 20),
    () => needNumber('snrDb', p['snrDb'], -300, 300),
    () => needOneOf('input', p['input'], INPUTS),
  );
  return bad !== null ? bad : normalApproximationImpl(p);
}

/** Inverse of the normal approximation: information bits n channel uses carry at `epsilon`; a `PhyError` for invalid input. */
export function maxInfoBits(p: { readonly n: number; readonly epsilon: number; readonly snrDb: number; readonly input: Parameters<typeof maxInfoBitsImpl>[0]['input'] }): number | PhyError {
  if (!isRecord(p)) return invalidInput('maxInfoBits', 'an object { n, epsilon, snrDb, input }', p);
  const bad = firstProblem(
    () => needNumber('n', p['n'], 1, MAX_CHANNEL_USES),
    () => needNumber('epsilon', p['epsilon'], 0, 1),
    () => needNumber('snrDb', p['snrDb'], -300, 300),
    () => needOneOf('input', p['input'], INPUTS),
  );
  return bad !== null ? bad : maxInfoBitsImpl(p);
}

/**
 * A block-error model by name ('nr-ldpc' default, 'fbl-gaussian', 'fbl-qam') and receiver preset
 * ('conservative' default, 'ideal'); a `PhyError` for an unknown name or preset.
 */
export function blerModel(name?: BlerModelName, opts?: { readonly receiver?: ReceiverPreset }): BlerModel;
export function blerModel(name?: unknown, opts?: unknown): BlerModel | PhyError;
export function blerModel(name?: unknown, opts?: unknown): BlerModel | PhyError {
  const bad = firstProblem(
    () => optional(name, () => needOneOf('name', name, BLER_MODEL_NAMES)),
    () => optional(opts, () => needRecord('opts', opts, 'an object { receiver? }')),
    () => (isRecord(opts) ? optional(opts['receiver'], () => needOneOf('opts.receiver', opts['receiver'], RECEIVER_PRESETS)) : null),
  );
  if (bad !== null) return bad;
  const rx = isRecord(opts) ? (opts['receiver'] as ReceiverPreset | undefined) : undefined;
  return blerModelImpl(name as BlerModelName | undefined, rx === undefined ? undefined : { receiver: rx });
}

function checkModel(field: string, m: unknown): Problem {
  if (!isRecord(m)) return invalidInput(field, 'a BlerModel (from blerModel)', m);
  return firstProblem(
    () => needFunction(`${field}.codeBlockErrorRate`, m['codeBlockErrorRate']),
    () => needFunction(`${field}.transportBlockErrorRate`, m['transportBlockErrorRate']),
    () => needFunction(`${field}.blockError`, m['blockError']),
  );
}

function checkMcs(tableField: string, table: unknown, mcsField: string, mcs: unknown): Problem {
  const t = needOneOf(tableField, table, MCS_TABLE_NAMES);
  if (t !== null) return t;
  return needInt(mcsField, mcs, 0, maxMcsIndex(table as (typeof MCS_TABLE_NAMES)[number]));
}

/** The SNR (dB) at which a model's code-block error equals `targetBler` (bisection); a `PhyError` for invalid input. */
export function snrForBler(
  model: BlerModel,
  p: { readonly mcsTable: (typeof MCS_TABLE_NAMES)[number]; readonly mcs: number; readonly cbsBits: number; readonly eBits?: number },
  targetBler: number,
): number | PhyError {
  const bad = firstProblem(
    () => checkModel('model', model),
    () => needRecord('p', p, 'an object { mcsTable, mcs, cbsBits, eBits? }'),
    () => checkMcs('p.mcsTable', (p as unknown as Record<string, unknown>)['mcsTable'], 'p.mcs', (p as unknown as Record<string, unknown>)['mcs']),
    () => needInt('p.cbsBits', p.cbsBits, 1, 10_000_000),
    () => optional(p.eBits, () => needInt('p.eBits', p.eBits, 1, 1e9)),
    () => needNumber('targetBler', targetBler, 0, 1),
  );
  return bad !== null ? bad : guarded('snrForBler', () => snrForBlerImpl(model, p, targetBler), asError);
}

/** Structural and range check of a FadingModel (the ranges `decodeLinkContext` enforces). */
export function checkFading(field: string, f: unknown): Problem {
  if (!isRecord(f)) return invalidInput(field, "a FadingModel { kind: 'awgn' | 'rayleigh' | 'rician' | 'nakagami', ... }", f);
  return firstProblem(
    () => needOneOf(`${field}.kind`, f['kind'], ['awgn', 'rayleigh', 'rician', 'nakagami']),
    () => optional(f['diversity'], () => needInt(`${field}.diversity`, f['diversity'], 1, 16)),
    () => (f['kind'] === 'rician' ? needNumber(`${field}.kFactorDb`, f['kFactorDb'], -20, 40) : null),
    () => (f['kind'] === 'nakagami' ? needNumber(`${field}.m`, f['m'], 0.5, 50) : null),
  );
}

/**
 * E[error(mean SNR + fading)] over the fading distribution (spec/fading.md); a `PhyError` for
 * invalid input. `errorAtSnrDb` is the caller's function (its own exceptions are its own).
 */
export function fadingAverage(errorAtSnrDb: (snrDb: number) => number, meanSnrDb: number, fading: FadingModel): number | PhyError {
  const bad = firstProblem(
    () => needFunction('errorAtSnrDb', errorAtSnrDb),
    () => needNumber('meanSnrDb', meanSnrDb, -100, 100),
    () => checkFading('fading', fading),
  );
  if (bad !== null) return bad;
  const r = fadingAverageImpl(errorAtSnrDb, meanSnrDb, fading);
  return Number.isFinite(r) ? r : invalidInput('errorAtSnrDb', 'a function returning finite error probabilities', r);
}

function checkHarq(p: unknown): Problem {
  if (!isRecord(p)) return invalidInput('harq', 'a HarqQuery object { model, mcsTable, mcs, tbsBits, snrDb, transmissions, combining }', p);
  return firstProblem(
    () => checkModel('model', p['model']),
    () => checkMcs('mcsTable', p['mcsTable'], 'mcs', p['mcs']),
    () => needInt('tbsBits', p['tbsBits'], 24, 10_000_000),
    () => needNumber('snrDb', p['snrDb'], -100, 100),
    () => needInt('transmissions', p['transmissions'], 1, HARQ_MAX_TRANSMISSIONS),
    () => needOneOf('combining', p['combining'], ['chase', 'ir']),
    () => optional(p['fading'], () => checkFading('fading', p['fading'])),
    () => optional(p['fadingPerTransmission'], () => needOneOf('fadingPerTransmission', p['fadingPerTransmission'], ['same', 'independent'])),
  );
}

/** Residual transport-block error after HARQ (spec/harq.md); a `PhyError` for invalid input. */
export function harqResidualError(p: HarqQuery): number | PhyError {
  const bad = checkHarq(p);
  return bad !== null ? bad : guarded('harqResidualError', () => harqResidualErrorImpl(p), asError);
}

/** Residual errors e_1..e_T after each transmission count (spec/harq.md); a `PhyError` for invalid input. */
export function harqAttemptErrors(p: HarqQuery): number[] | PhyError {
  const bad = checkHarq(p);
  return bad !== null ? bad : guarded('harqAttemptErrors', () => harqAttemptErrorsImpl(p), asError);
}

/** [P(success exactly at t)]_{t=1..T} and P(failure after T) (spec/harq.md); a `PhyError` for invalid input. */
export function harqTransmissionDistribution(p: HarqQuery): number[] | PhyError {
  const bad = checkHarq(p);
  return bad !== null ? bad : guarded('harqTransmissionDistribution', () => harqTransmissionDistributionImpl(p), asError);
}

// ---------------------------------------------------------------------------------- workload

/**
 * Every layer's output shape for `model` at `input` (spec/workload.md; torchvision module paths);
 * a `PhyError` for an unknown model or an invalid input size.
 */
export function layerShapes(model: DnnModel, input: { readonly height: number; readonly width: number }, opts?: LayerShapeOptions): readonly LayerShape[] | PhyError {
  const bad = firstProblem(
    () => needString('model', model),
    () => optional(opts, () => needRecord('opts', opts)),
  );
  return bad !== null ? bad : guarded('layerShapes', () => orError(tryLayerShapes(model, input, opts)), asError);
}

/** Payload bytes of a split point (spec/workload.md); Left for invalid input. */
export function trySplitPayloadBytes(p: SplitPayloadParams): E.Either<PhyError, number> {
  const bad = needRecord('split', p, 'an object { model, layer, input, bitsPerValue, compressionRatio }');
  return bad !== null ? E.left(bad) : guarded('trySplitPayloadBytes', () => trySplitPayloadBytesImpl(p), E.left);
}

/** Payload bytes of a split point (spec/workload.md); a `PhyError` for invalid input. */
export function splitPayloadBytes(p: SplitPayloadParams): number | PhyError {
  return orError(trySplitPayloadBytes(p));
}

/** The seed paper's Figure-1 pipeline traffic (spec/workload.md); Left for invalid input. */
export function pipelineTraffic(p: PipelineParams): E.Either<PhyError, PipelineProfile> {
  const bad = firstProblem(
    () => needRecord('pipeline', p, 'an object { split, frameRateHz, exitProbability, terminals, ... }'),
    () => needRecord('split', (p as unknown as Record<string, unknown>)['split'], 'an object { model, layer, input, bitsPerValue, compressionRatio }'),
  );
  return bad !== null ? E.left(bad) : guarded('pipelineTraffic', () => pipelineTrafficImpl(p), E.left);
}

// ---------------------------------------------------------------------------------- services

/** A service profile from a split-DNN workload (spec/services.md); Left for invalid input. */
export function serviceFromSplit(p: SplitServiceParams): E.Either<PhyError, ServiceProfile> {
  const bad = needRecord('service', p);
  return bad !== null ? E.left(bad) : guarded('serviceFromSplit', () => serviceFromSplitImpl(p), E.left);
}

/** Payload profile (sorted, de-duplicated sizes with min and max) of burst sizes in bytes; a `PhyError` unless every size is a finite number > 0. */
export function payloadProfile(sizes: readonly number[]): PayloadProfile | PhyError {
  const bad = needArray('sizes', sizes, (x, f) => needAbove(f, x, 0), 1);
  return bad !== null ? bad : payloadProfileImpl(sizes);
}

/** Standardized 5QIs (TS 23.501 Table 5.7.4-1) a burst fits, best priority first; a `PhyError` for invalid input. */
export function eligibleFiveQis(p: { readonly burstBytes: number; readonly radioBudgetMs: number; readonly epsilon: number }): readonly FiveQi[] | PhyError {
  if (!isRecord(p)) return invalidInput('fiveQi', 'an object { burstBytes, radioBudgetMs, epsilon }', p);
  const bad = firstProblem(
    () => needNumber('burstBytes', p['burstBytes'], 0),
    () => needNumber('radioBudgetMs', p['radioBudgetMs'], 0),
    () => needNumber('epsilon', p['epsilon'], 0, 1),
  );
  return bad !== null ? bad : eligibleFiveQisImpl(p);
}

// ----------------------------------------------------------------------------------- classes

/** An `Infeasible` answer (binding 'input') for a call whose arguments are invalid. */
function inputInfeasible(service: unknown, e: PhyError): Infeasible {
  const id = isRecord(service) && typeof service['id'] === 'string' ? service['id'] : '';
  return { _tag: 'Infeasible', serviceId: id, binding: 'input', message: e.message, needed: 0, best: 0, unit: '', worstSizeBytes: null, relaxations: [] };
}

function planArgs(service: unknown, link: unknown, opts: unknown): E.Either<PhyError, LinkContext> {
  const bad = firstProblem(
    () => checkService(service),
    () => checkPlanOptions(opts),
  );
  return bad !== null ? E.left(bad) : checkLink(link);
}

/**
 * The least-cost PHY class for `service` on `link` (default `defaultLink`), or `Left(Infeasible)`;
 * invalid arguments give `Left(Infeasible)` with `binding: 'input'` (spec/planner.md).
 */
export function plan(service: PlannableService, link?: LinkContext, opts?: PlanOptions): E.Either<Infeasible, PhyClass> {
  const l = planArgs(service, link, opts);
  if (E.isLeft(l)) return E.left(inputInfeasible(service, l.left));
  return guarded('plan', () => planImpl(service, l.right, opts), (e) => E.left(inputInfeasible(service, e)));
}

/** `plan` with the planner's own figures (cost, latency, load); same input handling as `plan`. */
export function planDetailed(service: PlannableService, link?: LinkContext, opts?: PlanOptions): E.Either<Infeasible, PlannedClass> {
  const l = planArgs(service, link, opts);
  if (E.isLeft(l)) return E.left(inputInfeasible(service, l.left));
  return guarded('planDetailed', () => planDetailedImpl(service, l.right, opts), (e) => E.left(inputInfeasible(service, e)));
}

/** A failing Verdict carrying the input problem as its reason. */
function inputVerdict(c: unknown, service: unknown, e: PhyError): Verdict {
  const id = (u: unknown): string => (isRecord(u) && typeof u['id'] === 'string' ? u['id'] : '');
  return {
    pass: false,
    classId: id(c),
    serviceId: id(service),
    reasons: [`invalid input: ${e.message}`],
    perSize: [],
    epsilonAchieved: 1,
    snrMarginDb: 0,
    latencyMarginMs: 0,
    rePerSecond: 0,
    load: 0,
  };
}

/**
 * Verify `phyClass` for `service` on `link` (default `defaultLink`): a `Verdict` (spec/planner.md);
 * invalid arguments give a failing Verdict (`pass: false`) whose reason names the problem.
 */
export function verify(phyClass: PhyClass, service: PlannableService, link?: LinkContext): Verdict {
  const bad = firstProblem(
    () => checkPhyClass(phyClass),
    () => checkService(service),
  );
  if (bad !== null) return inputVerdict(phyClass, service, bad);
  const l = checkLink(link);
  if (E.isLeft(l)) return inputVerdict(phyClass, service, l.left);
  return guarded('verify', () => verifyImpl(phyClass, service, l.right), (e) => inputVerdict(phyClass, service, e));
}

/**
 * Decode outside input into a `LinkContext` (missing fields take their `defaultLink` value; errors
 * name the field). Never throws: a value that cannot even be read gives a Left(DecodeError).
 */
export function decodeLinkContext(u: unknown): E.Either<PhyError, LinkContext> {
  try {
    return decodeLinkContextImpl(u);
  } catch (err) {
    return E.left(decodeError([`link: expected a LinkContext object, got a value that could not be read (${err instanceof Error ? err.message.slice(0, 80) : 'unknown failure'})`]));
  }
}

function checkDeriveOptions(u: unknown): Problem {
  if (u === undefined) return null;
  if (!isRecord(u)) return invalidInput('opts', 'a DeriveOptions object { maxClasses, exactUpTo?, planOptions? }', u);
  return firstProblem(
    () => needInt('opts.maxClasses', u['maxClasses'], 1, 64),
    () => optional(u['exactUpTo'], () => needInt('opts.exactUpTo', u['exactUpTo'], 0, 8)),
    () => checkPlanOptions(u['planOptions'], 'opts.planOptions'),
  );
}

/** The class plan answered for invalid arguments: no class, the problem as the one `unserved` reason. */
function inputClassPlan(e: PhyError): ClassPlan {
  return {
    classes: [],
    assignments: [],
    unserved: [{ serviceId: '(input)', reason: `invalid input: ${e.message}` }],
    totalRePerSecond: 0,
    loadByDirection: { DL: 0, UL: 0 },
    exact: true,
    method: 'invalid input',
    maxBytesByService: {},
  };
}

/**
 * At most `opts.maxClasses` class templates (default 4) for `services` on `link` (spec/planner.md).
 * Invalid arguments (or more than 1,000 services) give a class plan with no class whose single
 * `unserved` entry (serviceId '(input)', method 'invalid input') names the problem.
 */
export function deriveClasses(services: readonly PlannableService[], link?: LinkContext, opts?: DeriveOptions): ClassPlan {
  const bad = firstProblem(
    () => checkServices(services, 'services', 1_000),
    () => checkDeriveOptions(opts),
  );
  if (bad !== null) return inputClassPlan(bad);
  const l = checkLink(link);
  if (E.isLeft(l)) return inputClassPlan(l.left);
  return guarded('deriveClasses', () => deriveClassesImpl(services, l.right, opts), inputClassPlan);
}

function checkClassPlan(u: unknown): Problem {
  if (!isRecord(u)) return invalidInput('classPlan', 'a ClassPlan (from deriveClasses)', u);
  const maxBytes = u['maxBytesByService'];
  return firstProblem(
    () => needArray('classPlan.classes', u['classes'], (x, f) => checkPhyClass(x, f)),
    () => needArray('classPlan.assignments', u['assignments'], (x, f) =>
      isRecord(x) ? firstProblem(() => needString(`${f}.serviceId`, x['serviceId']), () => needString(`${f}.classId`, x['classId'])) : invalidInput(f, 'an assignment { serviceId, classId }', x)),
    () => needArray('classPlan.unserved', u['unserved'], (x, f) => (isRecord(x) ? needString(`${f}.serviceId`, x['serviceId']) : invalidInput(f, 'an object { serviceId, reason }', x))),
    () => needRecord('classPlan.maxBytesByService', maxBytes),
    () => {
      for (const [k, v] of Object.entries(maxBytes as Record<string, unknown>)) {
        const p = needNumber(`classPlan.maxBytesByService.${k}`, v, 0, 2 ** 31 - 1);
        if (p !== null) return p;
      }
      return null;
    },
  );
}

/**
 * The runtime classifier of a class plan: `(serviceId, sizeBytes) => Assignment` (never throws;
 * unknown services, sizes beyond the profile and unserved services answer the constants
 * UNKNOWN_SERVICE, BEYOND_PROFILE, UNSERVED); a `PhyError` when `classPlan` is malformed.
 */
export function compileClassifier(classPlan: ClassPlan): ((serviceId: string, sizeBytes: number) => Assignment) | PhyError {
  const bad = checkClassPlan(classPlan);
  return bad !== null ? bad : guarded('compileClassifier', () => compileClassifierImpl(classPlan), asError);
}

/** Allocation (PRBs, TTIs, TBS) of a packet of `sizeBytes` on a class; a `PhyError` for invalid input. */
export function allocationFor(c: PhyClass | AllocationShape, sizeBytes: number): Allocation | PhyError {
  if (!isRecord(c)) return invalidInput('phyClass', 'a PhyClass or { nRePerPrb, qm, rateX1024, nLayers, nPrb }', c);
  const bad = firstProblem(
    () => needInt('phyClass.nRePerPrb', c['nRePerPrb'], 1, 1_000),
    () => needOneOf('phyClass.qm', c['qm'], QM_VALUES),
    () => needAbove('phyClass.rateX1024', c['rateX1024'], 0, 1024),
    () => needInt('phyClass.nLayers', c['nLayers'], 1, 8),
    () => needInt('phyClass.nPrb', c['nPrb'], 1, 1_000_000),
    () => needNumber('sizeBytes', sizeBytes, 0, 1e12),
  );
  return bad !== null ? bad : guarded('allocationFor', () => allocationForImpl(c as unknown as AllocationShape, sizeBytes), asError);
}

/** The class (or why none exists) for every catalogue service and size decade (spec/planner.md); a `PhyError` for invalid input. */
export function classTable(link?: LinkContext, opts?: ClassTableOptions): ClassTableRow[] | PhyError {
  const bad = optional(opts, () => {
    if (!isRecord(opts)) return invalidInput('opts', 'an object { services?, ranges? }', opts);
    return firstProblem(
      () => optional(opts['services'], () => checkServices(opts['services'], 'opts.services', 1_000)),
      () => optional(opts['ranges'], () => needArray('opts.ranges', opts['ranges'], (x, f) =>
        isRecord(x) ? firstProblem(() => needAbove(`${f}.minBytes`, x['minBytes'], 0, 1e12), () => needAbove(`${f}.maxBytes`, x['maxBytes'], 0, 1e12), () => needString(`${f}.label`, x['label'])) : invalidInput(f, 'a size range { label, minBytes, maxBytes }', x), 0, 100)),
    );
  });
  if (bad !== null) return bad;
  const l = checkLink(link);
  if (E.isLeft(l)) return l.left;
  return guarded('classTable', () => classTableImpl(l.right, opts ?? {}), asError);
}

// --------------------------------------------------------------------------------- scheduler

function checkCampaignSpec(u: unknown): Problem {
  if (!isRecord(u)) return invalidInput('campaign', 'a CampaignSpec { scenario, seeds, ueCounts?, policies?, slots? }', u);
  return firstProblem(
    () => needArray('campaign.seeds', u['seeds'], (x, f) => needInt(f, x, -(2 ** 31), 2 ** 32 - 1), 1, 10_000),
    () => optional(u['ueCounts'], () => needArray('campaign.ueCounts', u['ueCounts'], (x, f) => needInt(f, x, 1, 100_000), 0, 1_000)),
    () => optional(u['policies'], () => needArray('campaign.policies', u['policies'], (x, f) => needOneOf(f, x, POLICY_NAMES), 0, 64)),
    () => optional(u['slots'], () => needInt('campaign.slots', u['slots'], 1, 1e9)),
  );
}

/** Every run of a campaign (policies × UE counts × seeds) in the order they are numbered; a `PhyError` for an invalid spec. */
export function campaignRuns(spec: CampaignSpec): CampaignRunSpec[] | PhyError {
  const bad = checkCampaignSpec(spec);
  return bad !== null ? bad : campaignRunsImpl(spec);
}

/** The sha256 fingerprint of a campaign (scenario with defaults, axes, slots, version) that `campaign merge` compares; Left for an invalid spec. */
export function campaignFingerprint(spec: CampaignSpec): E.Either<PhyError, string> {
  const bad = checkCampaignSpec(spec);
  return bad !== null ? E.left(bad) : guarded('campaignFingerprint', () => campaignFingerprintImpl(spec), (e) => E.left(e));
}

/** Parse a shard `i/N` (0-based shard i of N); Left for anything else. */
export function parseShard(text: string): E.Either<PhyError, {
  /** 0-based shard index i, < count. */
  index: number;
  /** Number of shards N, >= 1. */
  count: number;
}> {
  return typeof text === 'string' ? parseShardImpl(text) : E.left(invalidInput('shard', "'i/N' with 0 <= i < N, e.g. '0/4'", text));
}

/**
 * Run a campaign (spec/scheduler.md); resolves to Left for invalid input and never rejects.
 */
export async function runCampaign(spec: CampaignSpec, opts?: CampaignOptions): Promise<E.Either<PhyError, CampaignResult>> {
  const bad = firstProblem(
    () => checkCampaignSpec(spec),
    () => optional(opts, () => {
      if (!isRecord(opts)) return invalidInput('opts', 'a CampaignOptions object { workers?, shard?, onProgress? }', opts);
      return firstProblem(
        () => optional(opts['workers'], () => needInt('opts.workers', opts['workers'], 1, 256)),
        () => optional(opts['shard'], () => (isRecord(opts['shard']) ? firstProblem(
          () => needInt('opts.shard.count', (opts['shard'] as Record<string, unknown>)['count'], 1, 1e6),
          () => needInt('opts.shard.index', (opts['shard'] as Record<string, unknown>)['index'], 0, 1e6 - 1),
        ) : invalidInput('opts.shard', 'an object { index, count }', opts['shard']))),
        () => optional(opts['onProgress'], () => needFunction('opts.onProgress', opts['onProgress'])),
      );
    }),
  );
  if (bad !== null) return E.left(bad);
  try {
    return await runCampaignImpl(spec, opts ?? {});
  } catch (err) {
    return E.left(entryFailure('runCampaign', err));
  }
}

/** The built-in mixed scenario (V2X features, teleoperation, UAV C2, XR) as scenario JSON; a `PhyError` for invalid options. */
export function mixedScenario(o: MixedScenarioOptions): Record<string, unknown> | PhyError {
  if (!isRecord(o)) return invalidInput('options', "an object { policy, classes?, ueCounts? }", o);
  const u = o['ueCounts'];
  const bad = firstProblem(
    () => needOneOf('policy', o['policy'], POLICY_NAMES),
    () => optional(o['classes'], () => needOneOf('classes', o['classes'], ['explicit', 'plan', 'derive'])),
    () => optional(u, () => (isRecord(u) ? firstProblem(
      ...(['features', 'teleop', 'commands', 'uav', 'xr'] as const).map((k) => () => optional(u[k], () => needInt(`ueCounts.${k}`, u[k], 1, 100_000))),
    ) : invalidInput('ueCounts', 'an object of UE counts', u))),
  );
  return bad !== null ? bad : mixedScenarioImpl(o);
}

/**
 * Simulate a JSON scenario slot by slot (spec/scheduler.md); Left for an invalid scenario or options
 * (`opts.seed` an integer, `opts.slots` an integer in 1..1e9 when given).
 */
export function simulate(scenario: unknown, opts: SimulateOptions): E.Either<PhyError, ScenarioReport> {
  const bad = isRecord(opts)
    ? firstProblem(
        () => needInt('opts.seed', opts['seed'], -(2 ** 31), 2 ** 32 - 1),
        () => optional(opts['slots'], () => needInt('opts.slots', opts['slots'], 1, 1e9)),
        () => optional(opts['onProgress'], () => needFunction('opts.onProgress', opts['onProgress'])),
      )
    : invalidInput('opts', 'an object { seed, slots?, onProgress? }', opts);
  return bad !== null ? E.left(bad) : guarded('simulate', () => simulateImpl(scenario, opts), E.left);
}

/** Wilson score interval of a binomial proportion (default z = 1.96); a `PhyError` unless 0 ≤ successes ≤ trials are integers. */
export function wilsonInterval(successes: number, trials: number, z?: number): WilsonInterval | PhyError {
  const bad = firstProblem(
    () => needInt('trials', trials, 0, Number.MAX_SAFE_INTEGER),
    () => needInt('successes', successes, 0, typeof trials === 'number' ? trials : 0),
    () => optional(z, () => needAbove('z', z, 0, 100)),
  );
  return bad !== null ? bad : z === undefined ? wilsonIntervalImpl(successes, trials) : wilsonIntervalImpl(successes, trials, z);
}

/** Delivered packets needed to estimate the q-quantile (e.g. 1e5 + 1 for p99.999); a `PhyError` unless q is in (0, 1). */
export function samplesNeeded(q: number): number | PhyError {
  return typeof q === 'number' && q > 0 && q < 1 ? samplesNeededImpl(q) : invalidInput('q', 'a quantile in (0, 1)', q);
}

// ------------------------------------------------------------------------------------ report

/** `digits` of the format helpers: absent or an integer in 1..20. */
function checkDigits(field: string, d: unknown): Problem {
  return optional(d, () => needInt(field, d, 1, 20));
}

/** A number with about `digits` (default 4) significant digits ('nan', 'inf', '-inf' for non-finite numbers); a `PhyError` for a non-number. */
export function formatNumber(x: number, digits?: number): string | PhyError {
  const bad = firstProblem(() => (typeof x === 'number' ? null : invalidInput('x', 'a number', x)), () => checkDigits('digits', digits));
  return bad !== null ? bad : formatNumberImpl(x, digits);
}

/** An error probability as `1e-5`, `2.3e-7` (`fractionDigits` default 1); a `PhyError` for a non-number. */
export function formatEpsilon(x: number, fractionDigits?: number): string | PhyError {
  const bad = firstProblem(() => (typeof x === 'number' ? null : invalidInput('x', 'a number', x)), () => optional(fractionDigits, () => needInt('fractionDigits', fractionDigits, 0, 20)));
  return bad !== null ? bad : formatEpsilonImpl(x, fractionDigits);
}

/** A byte count in decimal SI units (`812 B`, `100.4 kB`); a `PhyError` for a non-number. */
export function formatBytes(bytes: number): string;
export function formatBytes(bytes: unknown): string | PhyError;
export function formatBytes(bytes: unknown): string | PhyError {
  return typeof bytes === 'number' ? formatBytesImpl(bytes) : invalidInput('bytes', 'a number', bytes);
}

/** A duration in ms with sensible precision (`0.286`, `12.5`, `100`); a `PhyError` for a non-number. */
export function formatMs(ms: number): string;
export function formatMs(ms: unknown): string | PhyError;
export function formatMs(ms: unknown): string | PhyError {
  return typeof ms === 'number' ? formatMsImpl(ms) : invalidInput('ms', 'a number', ms);
}

function checkTable(rows: unknown, columns: unknown): Problem {
  return firstProblem(
    () => needArray('rows', rows, () => null, 0, 1_000_000),
    () => needArray('columns', columns, (x, f) => (isRecord(x)
      ? firstProblem(
          () => (typeof x['key'] === 'string' ? null : invalidInput(`${f}.key`, 'a string', x['key'])),
          () => (typeof x['header'] === 'string' ? null : invalidInput(`${f}.header`, 'a string', x['header'])),
          () => needFunction(`${f}.get`, x['get']),
          () => optional(x['format'], () => needFunction(`${f}.format`, x['format'])),
          () => optional(x['align'], () => needOneOf(`${f}.align`, x['align'], ['left', 'right'])),
        )
      : invalidInput(f, 'a TableColumn { key, header, get }', x)), 0, 1_000),
  );
}

/** Aligned text table; a `PhyError` for malformed rows or columns (the columns' `get` is the caller's code). */
export function textTable<R>(rows: readonly R[], columns: readonly TableColumn<R>[], opts?: TextTableOptions): string | PhyError {
  const bad = firstProblem(() => checkTable(rows, columns), () => optional(opts, () => needRecord('opts', opts)));
  return bad !== null ? bad : guarded('textTable', () => textTableImpl(rows, columns, opts ?? {}), asError);
}

/** RFC 4180 CSV; a `PhyError` for malformed rows or columns. */
export function csvTable<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): string | PhyError {
  const bad = checkTable(rows, columns);
  return bad !== null ? bad : guarded('csvTable', () => csvTableImpl(rows, columns), asError);
}

/** One JSON object per row keyed by column key; a `PhyError` for malformed rows or columns. */
export function jsonRows<R>(rows: readonly R[], columns: readonly TableColumn<R>[]): Record<string, TableCell>[] | PhyError {
  const bad = checkTable(rows, columns);
  return bad !== null ? bad : guarded('jsonRows', () => jsonRowsImpl(rows, columns), asError);
}

/** Names whose types the root re-exports alongside these functions. */
export type { PolicyName };
