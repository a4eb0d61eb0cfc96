/**
 * io-ts codecs for the co-design input (issue 15, spec/codesign.md §7): a compute profile (a preset id
 * such as "jetson-agx-orin", or `{ macsPerSecond, overheadMs, layerTimesMs?, ... }`), and the pipeline
 * file of `phyclass codesign <pipeline.json>` (the pipeline fields, `device`, `edge`, optional `grid`,
 * `accuracy` and `ulEpsilonShare`). Quantities accept units ("10 ms", "99.99 %"); the domain checks
 * (input size per model, e2eLatencyMs > coreNetworkMs ...) are `codesign`'s own Left values.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { CodesignOptions, CodesignPipeline } from '../codesign/codesign.js';
import type { PhyError } from '../core/errors.js';
import { COMPUTE_PRESETS, type ComputeProfile } from '../workload/macs.js';
import { ARRIVAL_ASSUMPTIONS, type ArrivalAssumption } from '../system/types.js';
import type { CodesignSystemOptions } from '../codesign/admission.js';
import { decodeWith } from './decode.js';
import {
  EpsilonCodec, NonNegativeIntCodec, NonNegativeMsCodec, PositiveIntCodec, PositiveMsCodec, PositiveNumberCodec, ProbabilityCodec, intRangeCodec,
} from './quantity.js';
import { DnnModelCodec, NonEmptyStringCodec } from './service.js';

const presetMsg = `a preset id (${Object.keys(COMPUTE_PRESETS).map((k) => JSON.stringify(k)).join(', ')}) or a profile object { macsPerSecond, overheadMs }`;

const NonNegativeNumber = new t.Type<number, number, unknown>('NonNegativeNumber', (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c, 'a finite number >= 0')), (a) => a);

const ProfileObject = t.exact(t.intersection([
  t.type({
    /** Effective multiply-accumulates per second (> 0). */
    macsPerSecond: PositiveNumberCodec,
    /** Fixed time per inference run, ms (>= 0). */
    overheadMs: NonNegativeMsCodec,
  }),
  t.partial({
    /** Identifier; default 'user'. */
    id: NonEmptyStringCodec,
    /** Display name; default the id. */
    name: NonEmptyStringCodec,
    /** Measured ms per layer, keyed by module path. */
    layerTimesMs: t.record(t.string, NonNegativeNumber),
    /** Where the figures come from; default 'user'. */
    source: t.string,
  }),
]));

/** A compute profile: a preset id or a user-defined profile object. */
export const ComputeProfileCodec = new t.Type<ComputeProfile, ComputeProfile, unknown>(
  'ComputeProfile',
  (u): u is ComputeProfile => typeof u === 'object' && u !== null && E.isRight(ProfileObject.decode(u)),
  (u, c) => {
    if (typeof u === 'string') {
      const p = COMPUTE_PRESETS[u];
      return p !== undefined ? t.success(p) : t.failure(u, c, presetMsg);
    }
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, presetMsg);
    return E.map((o: t.TypeOf<typeof ProfileObject>): ComputeProfile => ({
      id: o.id ?? 'user', name: o.name ?? o.id ?? 'user', macsPerSecond: o.macsPerSecond, overheadMs: o.overheadMs,
      ...(o.layerTimesMs !== undefined ? { layerTimesMs: o.layerTimesMs } : {}), source: o.source ?? 'user',
    }))(ProfileObject.validate(u, c));
  },
  (a) => a,
);

const BitsCodec = new t.Type<number, number, unknown>('BitsPerValue', (u): u is number => [32, 16, 8, 4, 1].includes(u as number),
  (u, c) => (typeof u === 'number' && [32, 16, 8, 4, 1].includes(u) ? t.success(u) : t.failure(u, c, 'one of 32, 16, 8, 4, 1')), (a) => a);
const RatioCodec = new t.Type<number, number, unknown>('CompressionRatio', (u): u is number => typeof u === 'number' && u >= 1 && u <= 1e6,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 1 && u <= 1e6 ? t.success(u) : t.failure(u, c, 'a number in [1, 1e6]')), (a) => a);

const GridCodec = t.exact(t.partial({
  /** Split layers (module path, alias or 'input'). */
  splits: t.readonlyArray(NonEmptyStringCodec),
  /** Bits per value. */
  bitsPerValue: t.readonlyArray(BitsCodec),
  /** Compression ratios (>= 1). */
  compressionRatios: t.readonlyArray(RatioCodec),
  /** UL air budgets, ms. */
  ulBudgetsMs: t.readonlyArray(PositiveMsCodec),
  /** DL air budgets, ms. */
  dlBudgetsMs: t.readonlyArray(PositiveMsCodec),
}));

const AccuracyCodec = t.exact(t.type({
  /** Split layer. */
  split: NonEmptyStringCodec,
  /** Bits per value. */
  bitsPerValue: BitsCodec,
  /** Compression ratio. */
  compressionRatio: RatioCodec,
  /** Accuracy (higher is better). */
  accuracy: t.number,
}));

const ResultToCodec = new t.Type<'served' | 'all', 'served' | 'all', unknown>('ResultTo', (u): u is 'served' | 'all' => u === 'served' || u === 'all',
  (u, c) => (u === 'served' || u === 'all' ? t.success(u) : t.failure(u, c, "one of \"served\", \"all\"")), (a) => a);

const FiveQiCodec = new t.Type<number | null, number | null, unknown>('FiveQiOrNull',
  (u): u is number | null => u === null || (Number.isSafeInteger(u) && (u as number) >= 1 && (u as number) <= 255),
  (u, c) => (u === null || (typeof u === 'number' && Number.isSafeInteger(u) && u >= 1 && u <= 255) ? t.success(u) : t.failure(u, c, 'null or an integer 5QI in 1..255')), (a) => a);

const ArrivalsCodec = new t.Type<ArrivalAssumption, ArrivalAssumption, unknown>('ArrivalAssumption', (u): u is ArrivalAssumption => ARRIVAL_ASSUMPTIONS.includes(u as ArrivalAssumption),
  (u, c) => (ARRIVAL_ASSUMPTIONS.includes(u as ArrivalAssumption) ? t.success(u as ArrivalAssumption) : t.failure(u, c, `one of ${ARRIVAL_ASSUMPTIONS.map((a) => JSON.stringify(a)).join(', ')}`)), (a) => a);

const SystemObject = t.exact(t.partial({
  /** Arrival assumption of the system check. */
  arrivals: ArrivalsCodec,
  /** At most this many class templates for the two legs. */
  maxClasses: intRangeCodec(1, 64),
  /** Per objective, at most this many points tried. */
  maxChecks: intRangeCodec(0, 10_000),
}));

/** `system`: true / false, or the options of the system-level check. */
const SystemCodec = new t.Type<boolean | CodesignSystemOptions, boolean | CodesignSystemOptions, unknown>('CodesignSystem',
  (u): u is boolean | CodesignSystemOptions => typeof u === 'boolean' || (typeof u === 'object' && u !== null && E.isRight(SystemObject.decode(u))),
  (u, c) => (typeof u === 'boolean' ? t.success(u)
    : typeof u === 'object' && u !== null && !Array.isArray(u) ? SystemObject.validate(u, c)
      : t.failure(u, c, 'true, false or { arrivals?, maxClasses?, maxChecks? }')),
  (a) => a);

/** The file of `phyclass codesign`: pipeline fields plus device, edge, grid, accuracy. */
export const CodesignInputCodec = t.exact(t.intersection([
  t.type({
    /** DNN model. */
    model: DnnModelCodec,
    /** Input image, pixels. */
    input: t.type({ height: intRangeCodec(1, 100_000), width: intRangeCodec(1, 100_000) }),
    /** Frames per second per terminal (> 0). */
    frameRateHz: PositiveNumberCodec,
    /** E2E requirement, ms ("10 ms"). */
    e2eLatencyMs: PositiveMsCodec,
    /** E2E miss probability ("99.99 %", 1e-4). */
    epsilon: EpsilonCodec,
    /** Terminal compute profile. */
    device: ComputeProfileCodec,
    /** Edge compute profile. */
    edge: ComputeProfileCodec,
  }),
  t.partial({
    /** Name. */
    id: NonEmptyStringCodec,
    /** Images per burst. */
    batch: PositiveIntCodec,
    /** Early-exit probability in [0, 1). */
    exitProbability: ProbabilityCodec,
    /** Exit report bytes. */
    exitReportBytes: NonNegativeIntCodec,
    /** Terminals aggregated by the global DNN. */
    terminals: PositiveIntCodec,
    /** Independent instances of the pipeline on the carrier (system-level check only). */
    instances: PositiveIntCodec,
    /** DL result bytes per terminal. */
    resultBytes: PositiveIntCodec,
    /** 'served' or 'all'. */
    resultTo: ResultToCodec,
    /** Header bytes per feature burst. */
    metadataBytes: NonNegativeIntCodec,
    /** Core-network share, ms. */
    coreNetworkMs: NonNegativeMsCodec,
    /** 5QI or null. */
    fiveQi: FiveQiCodec,
    /** Encoding cost. */
    encode: t.type({ fixedMs: NonNegativeMsCodec, nsPerValue: NonNegativeNumber }),
    /** The grid searched. */
    grid: GridCodec,
    /** Accuracy table. */
    accuracy: t.readonlyArray(AccuracyCodec),
    /** Share of epsilon given to the UL leg, in (0, 1). */
    ulEpsilonShare: PositiveNumberCodec,
    /** The system-level check: true (default), false, or { arrivals, maxClasses, maxChecks }. */
    system: SystemCodec,
  }),
]));

/** A decoded co-design input: the pipeline and the options for `codesign`. */
export interface CodesignInput {
  /** The pipeline. */
  readonly pipeline: CodesignPipeline;
  /** Grid, accuracy table and epsilon share. */
  readonly options: CodesignOptions;
}

/** Decode a `phyclass codesign` pipeline file; Left lists every problem with its field path. */
export function decodeCodesignInput(u: unknown): E.Either<PhyError, CodesignInput> {
  return E.map((v: t.TypeOf<typeof CodesignInputCodec>): CodesignInput => {
    const { grid, accuracy, ulEpsilonShare, system, ...rest } = v;
    return {
      pipeline: rest as CodesignPipeline,
      options: { ...(grid !== undefined ? { grid } : {}), ...(accuracy !== undefined ? { accuracy } : {}), ...(ulEpsilonShare !== undefined ? { ulEpsilonShare } : {}), ...(system !== undefined ? { system } : {}) },
    };
  })(decodeWith(CodesignInputCodec, u));
}

/** Decode one compute profile (a preset id or an object). */
export function decodeComputeProfile(u: unknown): E.Either<PhyError, ComputeProfile> {
  return decodeWith(ComputeProfileCodec, u, 'profile');
}
