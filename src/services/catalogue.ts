/**
 * Catalogue of distributed-learning (split-DNN) service profiles: packet sizes, period, radio latency
 * budget, error target and 5QI per service, with the 3GPP clause each number comes from
 * (TS 22.186 eV2X, TS 22.125 UAS, TS 22.261 / TS 22.104 / TR 38.838 XR and automation, TS 23.501 5QIs).
 *
 * Radio budget derivation (spec/services.md §2): the requirement tables give an end-to-end (E2E)
 * latency; the radio budget of one air-interface leg is
 *   latencyBudgetMs = (min(E2E, PDB of the 5QI) - coreNetworkMs) / radioLegs
 * with coreNetworkMs the static CN PDB of the 5QI's row in TS 23.501 Table 5.7.4-1 (1 ms for an edge /
 * local UPF when no standardized 5QI fits) and radioLegs = 2 when the E2E path is UE -> network -> UE
 * (V2V over Uu), else 1. TR 38.838 XR budgets are already air-interface budgets (coreNetworkMs = 0).
 * Feature payloads are computed by the workload model (src/workload), never typed in.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { Direction } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';
import { type SplitPayloadParams, splitPayloadBytes, trySplitPayloadBytes } from '../workload/split.js';
import { fiveQiById } from './fiveqi.js';
import type { Mobility } from '../link/correlation.js';

/** Payload sizes of one burst of a service, bytes. */
export interface PayloadProfile {
  /** Smallest burst size, bytes (= sizesBytes[0]). */
  readonly minBytes: number;
  /** Largest burst size, bytes (= last of sizesBytes). */
  readonly maxBytes: number;
  /** Sorted ascending, includes minBytes and maxBytes: every size the planner must cover. */
  readonly sizesBytes: readonly number[];
}

/** How the radio budget was derived from the requirement (optional; catalogue entries carry it). */
export interface LatencyDerivation {
  /** End-to-end latency requirement from the cited clause, ms. */
  readonly e2eLatencyMs: number;
  /** Core-network share subtracted, ms. */
  readonly coreNetworkMs: number;
  /** Air-interface legs the remainder is shared by (2 for UE -> network -> UE). */
  readonly radioLegs: 1 | 2;
}

/**
 * Where a feature payload comes from (workload model): the split point and encoding of
 * `splitPayloadBytes`, with a span of entropy-coding gains instead of one gain.
 */
export interface FeatureSource
  extends Pick<SplitPayloadParams, 'model' | 'layer' | 'input' | 'bitsPerValue' | 'compressionRatio' | 'batch'> {
  /** Entropy-coding gains spanned by the payload sizes (1 = none). */
  readonly entropyGains: readonly number[];
}

/** One service: traffic shape (payload, period, arrival) and QoS target (radio latency budget, epsilon, 5QI). */
export interface ServiceProfile {
  /** Unique dotted identifier, e.g. 'industrial.motion_control'. */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Link direction of the bursts: 'DL' or 'UL'. */
  readonly direction: Direction;
  /** Burst sizes the planner must cover, bytes. */
  readonly payload: PayloadProfile;
  /** Mean inter-arrival time of bursts, ms. */
  readonly periodMs: number;
  /** Radio (air-interface) latency budget for one burst, ms. */
  readonly latencyBudgetMs: number;
  /** Target probability that a burst is not delivered within the budget. */
  readonly epsilon: number;
  /** Standardized 5QI of TS 23.501 Table 5.7.4-1 (1..255 accepted from users), or null when none fits (dynamic 5QI). */
  readonly fiveQi: number | null;
  /** Spec clause or paper the numbers come from ('user' for user-supplied profiles). */
  readonly source: string;
  /** Free-text explanation of how the numbers were chosen. */
  readonly description: string;
  /** Burst arrival process: 'periodic' every periodMs or 'poisson' with mean periodMs; the scheduler defaults to 'periodic'. */
  readonly arrival?: 'periodic' | 'poisson';
  /** Periodic only: each arrival is delayed by U(0, jitterMs) ms; the scheduler defaults to 0. */
  readonly jitterMs?: number;
  /** Number of UEs running this service (integer >= 1); the scheduler defaults to 1. */
  readonly ueCount?: number;
  /** How `latencyBudgetMs` was derived from the E2E requirement. */
  readonly latency?: LatencyDerivation;
  /**
   * How fast the UE moves (sets the Doppler of the time-correlated HARQ fading, spec/fading.md);
   * absent = DEFAULT_MOBILITY (3 km/h pedestrian, TR 38.901).
   */
  readonly mobility?: Mobility;
  /** The split-DNN workload the payload sizes were computed from. */
  readonly feature?: FeatureSource;
  /** Coupling loss of the service's UEs, dB: replaces the link budget's when the link has one (spec/budget.md §4). */
  readonly couplingLossDb?: number;
  /** Cell position of the service's UEs ('median' | 'edge'), used when couplingLossDb is absent (link/budget.ts). */
  readonly position?: 'median' | 'edge';
}

/** Radio budget from an E2E requirement (see the header). */
export function radioBudgetMs(d: LatencyDerivation, fiveQi: number | null): number {
  const q = fiveQi === null ? O.none : fiveQiById(fiveQi);
  const pdb = O.isSome(q) ? q.value.pdbMs : Infinity;
  return Math.round(((Math.min(d.e2eLatencyMs, pdb) - d.coreNetworkMs) / d.radioLegs) * 1e6) / 1e6;
}

/** Normalise a list of sizes into a PayloadProfile (sorted, unique). */
export function payloadProfile(sizes: readonly number[]): PayloadProfile {
  const s = [...new Set(sizes)].sort((a, b) => a - b);
  return { minBytes: s[0] ?? 0, maxBytes: s[s.length - 1] ?? 0, sizesBytes: s };
}

function featurePayload(f: FeatureSource): PayloadProfile {
  return payloadProfile(f.entropyGains.map((g) => splitPayloadBytes({
    model: f.model, layer: f.layer, input: f.input, bitsPerValue: f.bitsPerValue, compressionRatio: f.compressionRatio,
    ...(f.batch !== undefined ? { batch: f.batch } : {}), entropyGain: g,
  })));
}

interface Entry extends Omit<ServiceProfile, 'latencyBudgetMs' | 'payload'> {
  readonly latency: LatencyDerivation;
  readonly payload?: PayloadProfile;
}

function make(e: Entry): ServiceProfile {
  const payload = e.payload ?? (e.feature !== undefined ? featurePayload(e.feature) : payloadProfile([]));
  return Object.freeze({ ...e, payload, latencyBudgetMs: radioBudgetMs(e.latency, e.fiveQi) });
}

const P224 = { height: 224, width: 224 } as const;
const P1080 = { height: 1080, width: 1920 } as const;
const P8K = { height: 4320, width: 7680 } as const;
const edge = (e2eLatencyMs: number, radioLegs: 1 | 2 = 1): LatencyDerivation => ({ e2eLatencyMs, coreNetworkMs: 1, radioLegs });
const air = (e2eLatencyMs: number): LatencyDerivation => ({ e2eLatencyMs, coreNetworkMs: 0, radioLegs: 1 });

/** The built-in catalogue (ordered from tight/small to large). */
export const services: readonly ServiceProfile[] = Object.freeze([
  make({
    id: 'industrial.motion_control', name: 'Industrial motion control (controller to actuator)', direction: 'DL',
    payload: payloadProfile([20, 40, 50]), periodMs: 1, latency: { e2eLatencyMs: 1, coreNetworkMs: 0, radioLegs: 1 }, epsilon: 1e-6, fiveQi: null,
    source: 'TS 22.104 §5.2 periodic deterministic communication (motion control: 0.5-2 ms cycle, 20-50 B, 99.9999 %); TS 22.261 Table 7.2.2-1',
    description: 'Cyclic set-points every 1 ms; the transfer interval is the latency bound, controller co-located with the gNB (no CN share). No standardized 5QI is tight enough (5QI 82 has a 10 ms PDB): dynamic DC-GBR 5QI.',
    arrival: 'periodic', ueCount: 50,
    mobility: { speedKmh: 3, scenario: 'TR 38.901 §7.2 InF (indoor factory): UT speed 3 km/h' },
  }),
  make({
    id: 'teleop.haptic_feedback', name: 'Teleoperation haptic feedback (6-DoF kinesthetic)', direction: 'UL',
    payload: payloadProfile([12, 24, 48]), periodMs: 1, latency: edge(5), epsilon: 1e-5, fiveQi: 85,
    source: 'TS 22.261 §7.11 Table 7.11-1 (haptic: 5 ms, 2-8 B per DoF, 99.999 % coded); IEEE 1918.1 (1 kHz sampling)',
    description: 'Force/torque samples at 1 kHz from the remote robot to the operator; 5QI 85 (5 ms PDB, PER 1e-5, MDBV 255 B), radio budget 5 - 1 ms CN.',
    arrival: 'periodic',
    mobility: { speedKmh: 3, scenario: 'TR 38.901 §7.2 indoor: robot at walking speed 3 km/h' },
  }),
  make({
    id: 'v2x.platooning_control', name: 'V2X platooning control (highest automation)', direction: 'UL',
    payload: payloadProfile([50, 300, 1200]), periodMs: 1000 / 30, latency: edge(10), epsilon: 1e-4, fiveQi: 86,
    source: 'TS 22.186 §5.2 Table 5.2-1 R.5.2-006 (50-1200 B, 30 msg/s, 10 ms, 99.99 %); TS 23.501 Table 5.7.4-1 5QI 86',
    description: 'Cooperative-driving control messages; 5QI 86 (5 ms PDB, MDBV 1354 B) is tighter than the 10 ms E2E, so the radio budget is 5 - 1 ms CN.',
    arrival: 'periodic', ueCount: 8,
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186 platooning)' },
  }),
  make({
    id: 'v2x.collision_avoidance', name: 'V2X cooperative collision avoidance (via Uu)', direction: 'UL',
    payload: payloadProfile([2000]), periodMs: 10, latency: edge(10, 2), epsilon: 1e-4, fiveQi: null,
    source: 'TS 22.186 §5.3 Table 5.3-1 R.5.3-001 (2000 B, 100 msg/s, 10 ms, 99.99 %)',
    description: 'Trajectory messages between vehicles relayed over Uu: (10 ms - 1 ms CN) shared by UL and DL legs. 5QI 86 would meet delay but its MDBV (1354 B) is below 2000 B, so a dynamically assigned DC-GBR 5QI is needed (PC5 counterpart: PQI 90).',
    arrival: 'periodic', ueCount: 10,
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186)' },
  }),
  make({
    id: 'v2x.remote_driving_commands', name: 'V2X remote driving commands', direction: 'DL',
    payload: payloadProfile([100, 500, 1000]), periodMs: 20, latency: edge(5), epsilon: 1e-5, fiveQi: null,
    source: 'TS 22.186 §5.5 Table 5.5-1 R.5.5-002 (5 ms, 99.999 %, DL 1 Mbps); TR 22.856 (commands every 20 ms, up to 8 kbit)',
    description: 'Steering/throttle/brake commands from the remote driver. 5QI 85 matches delay and PER but its 255 B MDBV is below 1 kB: dynamic DC-GBR 5QI.',
    arrival: 'periodic',
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186 remote driving up to 250 km/h)' },
  }),
  make({
    id: 'xr.pose_ul', name: 'XR pose / motion tracking uplink', direction: 'UL',
    payload: payloadProfile([100]), periodMs: 4, latency: air(10), epsilon: 1e-3, fiveQi: 88,
    source: 'TR 38.838 §5 (pose 100 B every 4 ms, PDB 10 ms); TS 23.501 Table 5.7.4-1 5QI 88',
    description: 'Head/controller pose for split rendering at 250 Hz; TR 38.838 PDB is an air-interface budget.',
    arrival: 'periodic',
    mobility: { speedKmh: 3, scenario: 'TR 38.838 XR evaluation (indoor hotspot / dense urban): UE at 3 km/h' },
  }),
  make({
    id: 'uav.c2_stick', name: 'UAV command and control (direct stick steering)', direction: 'DL',
    payload: payloadProfile([24]), periodMs: 40, latency: { e2eLatencyMs: 40, coreNetworkMs: 20, radioLegs: 1 }, epsilon: 1e-3, fiveQi: 3,
    source: 'TS 22.125 §7.2 C2 communication KPIs (direct stick steering: 40 ms interval, 40 ms, 99.9 %, 24 B)',
    description: 'Stick commands from the controller to the UAV (the UAV is the UE, so DL); 5QI 3 (GBR, 50 ms, 1e-3) with 20 ms CN share.',
    arrival: 'periodic',
    mobility: { speedKmh: 60, scenario: 'TS 22.125 Table 5.2-1 direct stick steering: max UAV speed 60 km/h (cruise)' },
  }),
  make({
    id: 'uav.telemetry_ul', name: 'UAV telemetry uplink', direction: 'UL',
    payload: payloadProfile([84, 140]), periodMs: 40, latency: { e2eLatencyMs: 40, coreNetworkMs: 20, radioLegs: 1 }, epsilon: 1e-3, fiveQi: 3,
    source: 'TS 22.125 §7.2 C2 communication KPIs (telemetry 84-140 B, 99.9 %)',
    description: 'Position/attitude telemetry from the UAV, paired with the stick-steering loop; 5QI 3 with 20 ms CN share.',
    arrival: 'periodic',
    mobility: { speedKmh: 160, scenario: 'TR 36.777 aerial UE evaluation: horizontal speed up to 160 km/h (cruise)' },
  }),
  make({
    id: 'v2x.sensor_sharing_lower', name: 'V2X sensor information sharing (lower automation)', direction: 'UL',
    payload: payloadProfile([1600]), periodMs: 100, latency: { e2eLatencyMs: 100, coreNetworkMs: 20, radioLegs: 1 }, epsilon: 1e-2, fiveQi: 79,
    source: 'TS 22.186 §5.4 Table 5.4-1 R.5.4-001 (1600 B, 10 msg/s, 100 ms, 99 %); TS 23.501 5QI 79',
    description: 'Detected-object lists (no features); the easy case: 5QI 79 (non-GBR, 50 ms PDB, 20 ms CN share) gives a 30 ms radio budget.',
    arrival: 'periodic', ueCount: 20,
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186)' },
  }),
  make({
    id: 'v2x.cooperative_perception_features', name: 'V2X cooperative perception: split-DNN features', direction: 'UL',
    feature: { model: 'vgg16', layer: 'features.30', input: P224, bitsPerValue: 8, compressionRatio: 1, entropyGains: [1, 2] },
    periodMs: 100, latency: edge(10), epsilon: 1e-4, fiveQi: 90,
    source: 'TS 22.186 §5.4 Table 5.4-1 R.5.4-004 (10 ms, 99.99 %, 25 Mbps) and R.5.4-001 (10 msg/s); seed paper Table 1 (VGG-16 pool5)',
    description: 'VGG-16 pool5 (512x7x7) of a 224x224 crop at int8: 25,088 B raw, 12,544 B with 2x entropy coding; fits 5QI 90 MDBV (63,000 B). Radio budget 10 - 1 ms CN.',
    arrival: 'periodic', ueCount: 10,
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186)' },
  }),
  make({
    id: 'xr.split_rendering_dl', name: 'XR split rendering video downlink', direction: 'DL',
    payload: payloadProfile([31_250, 62_500, 93_750]), periodMs: 1000 / 60, latency: air(10), epsilon: 1e-4, fiveQi: 90,
    source: 'TR 38.838 §5 (30 Mbps at 60 fps, frame size truncated Gaussian in [50 %, 150 %] of 62.5 kB, PDB 10 ms); TS 22.261 Table 7.6.1-1; TS 23.501 5QI 90',
    description: 'One rendered frame per burst; the mean frame (62.5 kB) fits 5QI 90 MDBV, the 150 % tail does not. TR 38.838 PDB is an air-interface budget; frame jitter +-4 ms.',
    arrival: 'periodic', jitterMs: 4,
    mobility: { speedKmh: 3, scenario: 'TR 38.838 XR evaluation (indoor hotspot / dense urban): UE at 3 km/h' },
  }),
  make({
    id: 'teleop.uplink_features', name: 'Teleoperation uplink: split-DNN features from the robot camera', direction: 'UL',
    feature: { model: 'vgg16', layer: 'features.30', input: P224, bitsPerValue: 32, compressionRatio: 1, entropyGains: [1, 4] },
    periodMs: 1000 / 30, latency: edge(20), epsilon: 1e-4, fiveQi: null,
    source: 'TS 22.104 §5.2 (mobile robots, video-operated remote control: 15-150 kB per 10-100 ms); TS 22.261 Table 7.2.2-1; seed paper Table 1 (100 kB example)',
    description: 'VGG-16 pool5 at fp32 (100,352 B, the paper\'s example) down to 25,088 B with 4x entropy coding, 30 fps, 20 ms E2E - 1 ms CN. Exceeds every MDBV: dynamic 5QI. epsilon 1e-4 is the per-burst target of the visual-content 5QIs 89/90; TS 22.104\'s 99.9999 % is a service-availability figure, not a per-packet one.',
    arrival: 'periodic', ueCount: 4,
    mobility: { speedKmh: 3, scenario: 'TR 38.901 §7.2 indoor: robot at walking speed 3 km/h' },
  }),
  make({
    id: 'uav.video_features_ul', name: 'UAV AI surveillance: split-DNN features uplink', direction: 'UL',
    feature: { model: 'vgg16', layer: 'features.30', input: P1080, bitsPerValue: 8, compressionRatio: 10, entropyGains: [1, 2] },
    periodMs: 1000 / 30, latency: edge(20), epsilon: 1e-3, fiveQi: null,
    source: 'TS 22.125 §7.1 Table 7.1-1 (UAV application KPIs, 4x4K AI surveillance: UL 120 Mbps, 20 ms); C2 reliability 99.9 % (§7.2)',
    description: 'VGG-16 pool5 of a 1080p frame (512x33x60) at int8 with 10:1 compression (~101 kB), 30 fps; 20 ms E2E - 1 ms CN. Exceeds every MDBV: dynamic 5QI.',
    arrival: 'periodic',
    mobility: { speedKmh: 3, scenario: 'TR 36.777 aerial UE hovering (residual drift taken at 3 km/h)' },
  }),
  make({
    id: 'v2x.remote_driving_uplink_features', name: 'V2X remote driving uplink: 4-camera features', direction: 'UL',
    feature: { model: 'resnet18', layer: 'layer4.1', input: P224, bitsPerValue: 8, compressionRatio: 1, batch: 4, entropyGains: [1, 2] },
    periodMs: 1000 / 30, latency: edge(5), epsilon: 1e-5, fiveQi: null,
    source: 'TS 22.186 §5.5 Table 5.5-1 R.5.5-002 (UL 25 Mbps, 5 ms, 99.999 %)',
    description: 'ResNet-18 layer4 (512x7x7) of 4 cameras at int8 = 100,352 B per frame at 30 fps (24 Mbps, the 25 Mbps of R.5.5-002) within 5 - 1 ms: a hard case.',
    arrival: 'periodic',
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186 remote driving)' },
  }),
  make({
    id: 'v2x.8k_perception_features', name: 'V2X 8K camera perception features (seed paper 8K case)', direction: 'UL',
    feature: { model: 'vgg16', layer: 'features.30', input: P8K, bitsPerValue: 32, compressionRatio: 10, entropyGains: [1] },
    periodMs: 100, latency: edge(10), epsilon: 1e-4, fiveQi: null,
    source: 'Seed paper Table 1 (8K input, 10 % compression); TS 22.186 §5.4 Table 5.4-1 R.5.4-008 (video sharing, higher automation: 10 ms, 99.99 %, 700 Mbps)',
    description: 'VGG-16 pool5 of an 8K frame (512x135x240) at fp32, 10:1: 6,635,520 B per burst at 10 Hz (531 Mbit/s) within 9 ms (5.9 Gbit/s peak): expected to be infeasible on FR1.',
    arrival: 'periodic',
    mobility: { speedKmh: 140, scenario: 'TR 37.885 §6.1.2 freeway: 140 km/h (TS 22.186)' },
  }),
]);

const serviceIndex = new Map(services.map((s) => [s.id, s] as const));

/** Look a catalogue entry up by id. */
export function serviceById(id: string): O.Option<ServiceProfile> {
  const s = serviceIndex.get(id);
  return s === undefined ? O.none : O.some(s);
}

/** Inputs of `serviceFromSplit`: a split-DNN feature stream plus its QoS requirement. */
export interface SplitServiceParams {
  /** Unique identifier of the new profile (non-empty). */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Link direction; default 'UL' (device to edge server). */
  readonly direction?: Direction;
  /** Split-DNN workload; one payload size per entry of `feature.entropyGains`. */
  readonly feature: FeatureSource;
  /** Frames per second of the sensor feeding the local DNN. */
  readonly frameRateHz: number;
  /** E2E requirement, core-network share and radio legs; the radio budget must come out > 0. */
  readonly latency: LatencyDerivation;
  /** Error probability target in (0, 0.5). */
  readonly epsilon: number;
  /** Standardized 5QI of TS 23.501 Table 5.7.4-1, or null (default) for none; caps the E2E latency at its PDB. */
  readonly fiveQi?: number | null;
  /** Source of the requirement; default 'user'. */
  readonly source?: string;
  /** Free-text description; default ''. */
  readonly description?: string;
  /** Number of UEs running this service. */
  readonly ueCount?: number;
}

/**
 * Build a ServiceProfile for a split-DNN feature stream (payload sizes from the workload model,
 * radio budget by the rule in the header). Left names the offending field.
 */
export function serviceFromSplit(p: SplitServiceParams): E.Either<PhyError, ServiceProfile> {
  if (typeof p.id !== 'string' || p.id.trim() === '') return leftInvalid('id', 'a non-empty string', p.id);
  if (typeof p.frameRateHz !== 'number' || !(p.frameRateHz > 0 && p.frameRateHz <= 10_000)) return leftInvalid('frameRateHz', 'a number in (0, 10000]', p.frameRateHz);
  if (typeof p.epsilon !== 'number' || !(p.epsilon > 0 && p.epsilon < 0.5)) return leftInvalid('epsilon', 'an error probability in (0, 0.5)', p.epsilon);
  const l = p.latency;
  if (typeof l?.e2eLatencyMs !== 'number' || !(l.e2eLatencyMs > 0) || !Number.isFinite(l.e2eLatencyMs)) return leftInvalid('latency.e2eLatencyMs', 'a finite number > 0', l?.e2eLatencyMs);
  if (typeof l.coreNetworkMs !== 'number' || !(l.coreNetworkMs >= 0)) return leftInvalid('latency.coreNetworkMs', 'a number >= 0', l.coreNetworkMs);
  if (l.radioLegs !== 1 && l.radioLegs !== 2) return leftInvalid('latency.radioLegs', 'one of 1, 2', l.radioLegs);
  const fiveQi = p.fiveQi ?? null;
  if (fiveQi !== null && O.isNone(fiveQiById(fiveQi))) return leftInvalid('fiveQi', 'null or a standardized 5QI of TS 23.501 Table 5.7.4-1', fiveQi);
  const f = p.feature;
  if (!Array.isArray(f.entropyGains) || f.entropyGains.length === 0) return leftInvalid('feature.entropyGains', 'a non-empty list of numbers >= 1', f.entropyGains);
  const sizes: number[] = [];
  for (const g of f.entropyGains) {
    const r = trySplitPayloadBytes({ model: f.model, layer: f.layer, input: f.input, bitsPerValue: f.bitsPerValue, compressionRatio: f.compressionRatio, ...(f.batch !== undefined ? { batch: f.batch } : {}), entropyGain: g });
    if (E.isLeft(r)) return E.left({ ...r.left, message: `feature.${r.left.message}`, ...('field' in r.left ? { field: `feature.${r.left.field}` } : {}) } as PhyError);
    sizes.push(r.right);
  }
  const budget = radioBudgetMs(l, fiveQi);
  if (!(budget > 0)) return leftInvalid('latency', 'an E2E latency larger than the core-network share', l);
  return E.right(Object.freeze({
    id: p.id, name: p.name, direction: p.direction ?? 'UL', payload: payloadProfile(sizes), periodMs: 1000 / p.frameRateHz,
    latencyBudgetMs: budget, epsilon: p.epsilon, fiveQi, source: p.source ?? 'user', description: p.description ?? '',
    arrival: 'periodic' as const, latency: l, feature: f, ...(p.ueCount !== undefined ? { ueCount: p.ueCount } : {}),
  }));
}
