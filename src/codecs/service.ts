/**
 * io-ts codecs for service profiles (src/services ServiceProfile), so users can add their own in JSON.
 * Quantities may be numbers in the field's unit or strings with units ("25 kB", "5 ms", "99.999 %").
 * Decoding normalises the payload (sizes sorted, unique, min and max included) and checks
 * min <= every size <= max; encoding gives the canonical plain-number form, so
 * decode(encode(p)) = p for every valid profile.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { PhyError } from '../core/errors.js';
import type { FeatureSource, LatencyDerivation, PayloadProfile, ServiceProfile } from '../services/catalogue.js';
import { DNN_MODELS } from '../workload/dnn.js';
import type { DnnModel } from '../workload/dnn.js';
import { decodeWith, literalCodec } from './decode.js';
import {
  EpsilonCodec, NonNegativeMsCodec, PositiveBytesCodec, PositiveIntCodec, PositiveMsCodec, PositiveNumberCodec, intRangeCodec,
} from './quantity.js';

/** Non-empty string (trimmed length >= 1, at most 200 characters). */
export const NonEmptyStringCodec = new t.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 200,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 && u.length <= 200 ? t.success(u) : t.failure(u, c, 'a non-empty string (at most 200 characters)')),
  (a) => a,
);

/** UE speed, km/h, a finite number in [0, 500]. */
const SpeedKmhCodec = new t.Type<number, number, unknown>(
  'speed in km/h',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 500,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 500 ? t.success(u) : t.failure(u, c, 'a speed in [0, 500] km/h')),
  t.identity,
);

const TextCodec = new t.Type<string, string, unknown>(
  'Text',
  (u): u is string => typeof u === 'string' && u.length <= 4000,
  (u, c) => (typeof u === 'string' && u.length <= 4000 ? t.success(u) : t.failure(u, c, 'a string (at most 4000 characters)')),
  (a) => a,
);


/** Link direction: 'DL' or 'UL'. */
export const DirectionCodec = literalCodec('Direction', ['DL', 'UL'] as const);
/** Burst arrival process: 'periodic' or 'poisson'. */
export const ArrivalCodec = literalCodec('Arrival', ['periodic', 'poisson'] as const);
/** Cell position of a service's UEs: 'median' or 'edge' (link/budget.ts POSITION_COUPLING_LOSS_DB). */
export const PositionCodec = literalCodec('Position', ['median', 'edge'] as const);
/** Coupling loss of a service's UEs, dB, in [40, 200] (link/budget.ts; classes/link.ts LINK_BUDGET_RANGES). */
export const CouplingLossCodec = new t.Type<number, number, unknown>(
  'CouplingLossDb',
  (u): u is number => typeof u === 'number' && u >= 40 && u <= 200,
  (u, c) => (typeof u === 'number' && u >= 40 && u <= 200 ? t.success(u) : t.failure(u, c, 'a coupling loss in [40, 200] dB')),
  (a) => a,
);
/** One of DNN_MODELS (models with a layer table). */
export const DnnModelCodec = literalCodec<DnnModel>('DnnModel', DNN_MODELS);

const MAX_SIZES = 64;

const PayloadRaw = t.intersection([
  t.type({ minBytes: PositiveBytesCodec, maxBytes: PositiveBytesCodec }),
  t.partial({ sizesBytes: t.readonlyArray(PositiveBytesCodec) }),
]);

/** Payload profile: `{ minBytes, maxBytes, sizesBytes? }`; sizes default to [min, max]. */
export const PayloadProfileCodec = new t.Type<PayloadProfile, {
  /** Smallest burst size, whole bytes >= 1. */
  minBytes: number;
  /** Largest burst size, whole bytes >= minBytes. */
  maxBytes: number;
  /** Every burst size, bytes: sorted, unique, min and max included (at most 64 given). */
  sizesBytes: number[];
}, unknown>(
  'PayloadProfile',
  (u): u is PayloadProfile => E.isRight(PayloadRaw.decode(u)),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'an object { minBytes, maxBytes, sizesBytes? }');
    const r = PayloadRaw.validate(u, c);
    if (E.isLeft(r)) return r;
    const { minBytes, maxBytes } = r.right;
    if (minBytes > maxBytes) return t.failure(maxBytes, [...c, { key: 'maxBytes', type: PositiveBytesCodec, actual: maxBytes }], `>= minBytes (${minBytes})`);
    const given = r.right.sizesBytes ?? [];
    if (given.length > MAX_SIZES) return t.failure(given, [...c, { key: 'sizesBytes', type: t.UnknownArray, actual: given }], `at most ${MAX_SIZES} sizes`);
    for (let i = 0; i < given.length; i++) {
      const s = given[i] as number;
      if (s < minBytes || s > maxBytes) {
        return t.failure(s, [...c, { key: 'sizesBytes', type: t.UnknownArray, actual: given }, { key: String(i), type: PositiveBytesCodec, actual: s }], `a size in [minBytes, maxBytes] = [${minBytes}, ${maxBytes}]`);
      }
    }
    const sizes = [...new Set([minBytes, ...given, maxBytes])].sort((a, b) => a - b);
    return t.success({ minBytes, maxBytes, sizesBytes: sizes });
  },
  (a) => ({ minBytes: a.minBytes, maxBytes: a.maxBytes, sizesBytes: [...a.sizesBytes] }),
);

/** How a radio budget is derived: `{ e2eLatencyMs, coreNetworkMs, radioLegs }` (see services/catalogue.ts). */
export const LatencyDerivationCodec = t.type({
  /** End-to-end latency requirement, ms (> 0; "5 ms" accepted). */
  e2eLatencyMs: PositiveMsCodec,
  /** Core-network share subtracted, ms (>= 0). */
  coreNetworkMs: NonNegativeMsCodec,
  /** Air-interface legs sharing the remainder: 1, or 2 for UE -> network -> UE. */
  radioLegs: new t.Type<1 | 2, 1 | 2, unknown>('RadioLegs', (u): u is 1 | 2 => u === 1 || u === 2,
    (u, c) => (u === 1 || u === 2 ? t.success(u) : t.failure(u, c, 'one of 1, 2')), (a) => a),
});

const InputCodec = t.type({
  /** Input height, pixels (integer 1..100000). */
  height: intRangeCodec(1, 100_000),
  /** Input width, pixels (integer 1..100000). */
  width: intRangeCodec(1, 100_000),
});

/** Split-DNN workload a payload is computed from (services/catalogue.ts FeatureSource). */
export const FeatureSourceCodec = t.intersection([
  t.type({
    /** One of DNN_MODELS. */
    model: DnnModelCodec,
    /** Split layer: module path (`features.30`) or alias (`pool5`). */
    layer: NonEmptyStringCodec,
    /** Input image size in pixels. */
    input: InputCodec,
    /** Quantisation, bits per value: 32, 16, 8, 4 or 1. */
    bitsPerValue: literalNumberCodec([32, 16, 8, 4, 1]),
    /** Lossy compression ratio on top of quantisation (> 0; 10 = the seed paper's "10 %"). */
    compressionRatio: PositiveNumberCodec,
    /** Entropy-coding gains spanned by the payload sizes (each > 0; 1 = none). */
    entropyGains: t.readonlyArray(PositiveNumberCodec),
  }),
  t.partial({
    /** Images per burst (integer >= 1); default 1. */
    batch: PositiveIntCodec,
  }),
]);

function literalNumberCodec(values: readonly number[]): t.Type<number, number, unknown> {
  const msg = `one of ${values.join(', ')}`;
  return new t.Type<number, number, unknown>('BitsPerValue', (u): u is number => values.includes(u as number),
    (u, c) => (typeof u === 'number' && values.includes(u) ? t.success(u) : t.failure(u, c, msg)), (a) => a);
}

const FiveQiFieldCodec = new t.Type<number | null, number | null, unknown>(
  'FiveQiOrNull',
  (u): u is number | null => u === null || (Number.isSafeInteger(u) && (u as number) >= 1 && (u as number) <= 255),
  (u, c) => (u === null || (typeof u === 'number' && Number.isSafeInteger(u) && u >= 1 && u <= 255) ? t.success(u) : t.failure(u, c, 'null or an integer 5QI in 1..255')),
  (a) => a,
);

const ServiceProfileRaw = t.exact(t.intersection([
  t.type({
    /** Unique identifier (non-empty, at most 200 characters). */
    id: NonEmptyStringCodec,
    /** Human-readable name (non-empty, at most 200 characters). */
    name: NonEmptyStringCodec,
    /** Link direction: 'DL' or 'UL'. */
    direction: DirectionCodec,
    /** Burst sizes, bytes: `{ minBytes, maxBytes, sizesBytes? }`. */
    payload: PayloadProfileCodec,
    /** Mean inter-arrival time of bursts, ms (> 0). */
    periodMs: PositiveMsCodec,
    /** Radio (air-interface) latency budget for one burst, ms (> 0). */
    latencyBudgetMs: PositiveMsCodec,
    /** Probability that a burst misses the budget, in (0, 0.5) ("99.999 %" = 1e-5). */
    epsilon: EpsilonCodec,
    /** 5QI (integer 1..255, TS 23.501 §5.7.4) or null; default null. */
    fiveQi: FiveQiFieldCodec,
    /** Where the numbers come from (at most 4000 characters); default 'user'. */
    source: TextCodec,
    /** Free-text explanation (at most 4000 characters); default ''. */
    description: TextCodec,
  }),
  t.partial({
    /** Burst arrival process: 'periodic' or 'poisson'. */
    arrival: ArrivalCodec,
    /** Periodic only: arrival jitter U(0, jitterMs), ms (>= 0). */
    jitterMs: NonNegativeMsCodec,
    /** Number of UEs running the service (integer >= 1). */
    ueCount: PositiveIntCodec,
    /** How the radio budget was derived from the E2E requirement. */
    latency: LatencyDerivationCodec,
    /** Split-DNN workload the payload was computed from. */
    feature: FeatureSourceCodec,
    /** Coupling loss of the service's UEs, dB in [40, 200]: replaces the link budget's (spec/budget.md §4). */
    couplingLossDb: CouplingLossCodec,
    /** Cell position of the service's UEs: 'median' (110 dB) or 'edge' (125 dB), when couplingLossDb is absent. */
    position: PositionCodec,
    /** UE mobility `{ speedKmh in [0, 500], scenario? }` (Doppler of the correlated HARQ fading); default 3 km/h. */
    mobility: t.intersection([t.type({ speedKmh: SpeedKmhCodec }), t.partial({ scenario: TextCodec })]),
  }),
]));

type ServiceProfileOut = t.OutputOf<typeof ServiceProfileRaw>;

/** io-ts codec of a ServiceProfile (unknown fields are dropped). */
export const ServiceProfileCodec = new t.Type<ServiceProfile, ServiceProfileOut, unknown>(
  'ServiceProfile',
  (u): u is ServiceProfile => E.isRight(ServiceProfileRaw.decode(u)),
  (u, c) => {
    // Defaults for user-written JSON: fiveQi, source and description may be omitted.
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'a service profile object');
    const withDefaults = { fiveQi: null, source: 'user', description: '', ...(u as Record<string, unknown>) };
    const last = c[c.length - 1];
    const c2: t.Context = last === undefined ? c : [...c.slice(0, -1), { ...last, actual: withDefaults }];
    return E.map((p: t.TypeOf<typeof ServiceProfileRaw>) => toProfile(p))(ServiceProfileRaw.validate(withDefaults, c2));
  },
  (a) => ServiceProfileRaw.encode(a as t.TypeOf<typeof ServiceProfileRaw>),
);

function toProfile(p: t.TypeOf<typeof ServiceProfileRaw>): ServiceProfile {
  const out: { -readonly [K in keyof ServiceProfile]: ServiceProfile[K] } = {
    id: p.id, name: p.name, direction: p.direction, payload: p.payload, periodMs: p.periodMs, latencyBudgetMs: p.latencyBudgetMs,
    epsilon: p.epsilon, fiveQi: p.fiveQi, source: p.source, description: p.description,
  };
  if (p.arrival !== undefined) out.arrival = p.arrival;
  if (p.jitterMs !== undefined) out.jitterMs = p.jitterMs;
  if (p.ueCount !== undefined) out.ueCount = p.ueCount;
  if (p.latency !== undefined) out.latency = p.latency as LatencyDerivation;
  if (p.feature !== undefined) out.feature = p.feature as FeatureSource;
  if (p.couplingLossDb !== undefined) out.couplingLossDb = p.couplingLossDb;
  if (p.position !== undefined) out.position = p.position;
  if (p.mobility !== undefined) out.mobility = { speedKmh: p.mobility.speedKmh, scenario: p.mobility.scenario ?? 'user' };
  return out;
}

/** A list of service profiles with unique ids. */
export const ServiceListCodec = new t.Type<readonly ServiceProfile[], ServiceProfileOut[], unknown>(
  'ServiceList',
  (u): u is readonly ServiceProfile[] => Array.isArray(u) && u.every((x) => ServiceProfileCodec.is(x)),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, 'an array of service profiles');
    const r = t.readonlyArray(ServiceProfileCodec).validate(u, c);
    if (E.isLeft(r)) return r;
    const seen = new Map<string, number>();
    for (let i = 0; i < r.right.length; i++) {
      const id = (r.right[i] as ServiceProfile).id;
      const prev = seen.get(id);
      if (prev !== undefined) return t.failure(id, [...c, { key: String(i), type: ServiceProfileCodec, actual: id }, { key: 'id', type: NonEmptyStringCodec, actual: id }], `an id not used before (services[${prev}] has it)`);
      seen.set(id, i);
    }
    return t.success(r.right);
  },
  (a) => a.map((s) => ServiceProfileCodec.encode(s)),
);

/** Decode one user-supplied service profile. */
export function decodeServiceProfile(u: unknown): E.Either<PhyError, ServiceProfile> {
  return decodeWith(ServiceProfileCodec, u);
}

/** Decode a list of user-supplied service profiles (paths read `services[2].latencyBudgetMs`). */
export function decodeServices(u: unknown): E.Either<PhyError, readonly ServiceProfile[]> {
  return decodeWith(ServiceListCodec, u, 'services');
}
