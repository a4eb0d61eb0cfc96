/**
 * Preset scenarios: the mixed scenario of the acceptance test and spec/scheduler.md (V2X
 * split-DNN features uplink, teleoperated-driving commands, UAV command and control, XR split
 * rendering, on one 100 MHz FR1 FDD carrier at 30 kHz), with classes either planned by
 * `plan`/`deriveClasses` or fixed (`explicitClass`, fast: the benchmark and tests use it so they
 * measure the scheduler, not the planner).
 */
import * as O from 'fp-ts/lib/Option.js';
import type { Direction, GrantType, MappingType, McsTableName, Mu } from '../core/types.js';
import { mcsEntry } from '../nr/mcs.js';
import { tbsFromRe } from '../nr/tbs.js';
import { allocationRe } from '../nr/allocation.js';
import type { PhyClass } from '../classes/types.js';
import type { PolicyName } from './policies.js';

/**
 * A PhyClass from its choices: qm and rate from the MCS table (TS 38.214 §5.1.3.1), data REs per
 * PRB = 12·ttiSymbols minus DMRS (type 1, two CDM groups without data: 12 REs per DMRS symbol; one
 * DMRS symbol for mini-slots, two for slots), TBS from tbsFromRe (TS 38.214 §5.1.3.2).
 */
export function explicitClass(p: {
  id: string;
  direction: Direction;
  mu: Mu;
  mappingType: MappingType;
  ttiSymbols: number;
  mcsTable: McsTableName;
  mcs: number;
  maxTransmissions: number;
  nPrb: number;
  grant?: GrantType;
  repetitions?: 1 | 2 | 4 | 8;
}): PhyClass {
  const e = mcsEntry(p.mcsTable, p.mcs);
  if (O.isNone(e)) throw new Error(`explicitClass ${p.id}: no MCS ${p.mcsTable}/${p.mcs}`);
  // the REs from the one place that computes them (nr/allocation): the default link's DM-RS (type 1,
  // 2 CDM groups, one additional position in a slot, none in a mini-slot), slot DL after the CORESET
  const re = allocationRe({
    direction: p.direction,
    mappingType: p.mappingType,
    ttiSymbols: p.ttiSymbols,
    dmrsType: 1,
    cdmGroupsWithoutData: 2,
    additionalPositions: p.mappingType === 'A' ? 1 : 0,
    maxLength: 1,
    xOverheadRePerPrb: 0,
  });
  const dmrs = re.dmrsRePerPrb;
  const nRePerPrb = re.nRePerPrb;
  return {
    id: p.id,
    direction: p.direction,
    mu: p.mu,
    mappingType: p.mappingType,
    ttiSymbols: p.ttiSymbols,
    mcsTable: p.mcsTable,
    mcs: p.mcs,
    qm: e.value.qm,
    rateX1024: e.value.rateX1024,
    maxTransmissions: p.maxTransmissions,
    combining: 'chase',
    repetitions: p.repetitions ?? 1,
    grant: p.grant ?? 'dynamic',
    nPrb: p.nPrb,
    tbsBits: tbsFromRe(nRePerPrb * p.nPrb, e.value.qm, e.value.rateX1024, 1),
    fiveQi: null,
    nLayers: 1,
    nRePerPrb,
    nDmrsRePerPrb: dmrs,
    nOverheadRePerPrb: 0,
  };
}

/**
 * Highly dynamic teleoperation commands (inline profile): TS 22.261 §7.11 / services reference
 * (1-10 ms for highly dynamic teleoperation): 40-100 B every 4 ms, 1 ms radio budget, 1e-5. No
 * standardized 5QI fits a 1 ms budget, so the flow gets the default priority level.
 */
export const TELEOP_COMMANDS = {
  /** Service id. */
  id: 'teleop.commands_1ms',
  /** Human-readable name. */
  name: 'Teleoperation commands (highly dynamic, 1 ms)',
  /** Downlink: operator (network) to robot/vehicle. */
  direction: 'DL',
  /** Command sizes in bytes: 40 or 100 B. */
  payload: {
    /** Smallest command, bytes. */
    minBytes: 40,
    /** Largest command, bytes. */
    maxBytes: 100,
    /** Command sizes in bytes, drawn uniformly. */
    sizesBytes: [40, 100],
  },
  /** One command every 4 ms. */
  periodMs: 4,
  /** Radio (air-interface) latency budget per command: 1 ms. */
  latencyBudgetMs: 1,
  /** Target probability that a command misses its budget: 1e-5. */
  epsilon: 1e-5,
  /** No standardized 5QI fits a 1 ms budget: the default priority level applies. */
  fiveQi: null,
  /** Periodic arrivals. */
  arrival: 'periodic',
  /** Each arrival is delayed by U(0, 1 ms) from its nominal time. */
  jitterMs: 1,
  /** Requirement source (3GPP clause). */
  source: 'TS 22.261 §7.11 (tactile/haptic teleoperation: 1-10 ms for highly dynamic control)',
  /** One-line description. */
  description: 'Operator to robot/vehicle control commands with a 1 ms air-interface budget.',
} as const;

/** Fixed classes of the mixed scenario (chosen by hand to be feasible on the free 100 MHz FDD carrier of this scenario). */
export function mixedExplicitClasses(): PhyClass[] {
  return [
    explicitClass({ id: 'urllc-cmd', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 9, maxTransmissions: 4, nPrb: 100 }),
    explicitClass({ id: 'uav-c2', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 8 }),
    explicitClass({ id: 'teleop-cmd', direction: 'DL', mu: 1, mappingType: 'B', ttiSymbols: 4, mcsTable: 'qam64', mcs: 5, maxTransmissions: 3, nPrb: 32 }),
    explicitClass({ id: 'xr-video', direction: 'DL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 15, maxTransmissions: 3, nPrb: 240 }),
    explicitClass({ id: 'ul-features', direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 16, maxTransmissions: 2, nPrb: 200 }),
  ];
}

/** Options of `mixedScenario`. */
export interface MixedScenarioOptions {
  /** Scheduling policy of the scenario. */
  readonly policy: PolicyName;
  /** 'explicit' (default, fast: `mixedExplicitClasses`), 'plan' or 'derive' (with maxClasses 4). */
  readonly classes?: 'explicit' | 'plan' | 'derive';
  /** UE counts per service (defaults: features 10, teleop 10, commands 20, UAV 20, XR 4). */
  readonly ueCounts?: {
    /** UEs of v2x.cooperative_perception_features (UL split-DNN features); default 10. */
    readonly features?: number;
    /** UEs of teleop.commands_1ms (TELEOP_COMMANDS); default 10. */
    readonly teleop?: number;
    /** UEs of v2x.remote_driving_commands; default 20. */
    readonly commands?: number;
    /** UEs of uav.c2_stick; default 20. */
    readonly uav?: number;
    /** UEs of xr.split_rendering_dl; default 4. */
    readonly xr?: number;
  };
  /** Slots to simulate; default 100,000. */
  readonly slots?: number;
}

/** The mixed scenario as JSON (a value `simulate` accepts). */
export function mixedScenario(o: MixedScenarioOptions): Record<string, unknown> {
  const u = o.ueCounts ?? {};
  const explicit = (o.classes ?? 'explicit') === 'explicit';
  const svc = (service: string, ueCount: number, cls: string): Record<string, unknown> => (explicit ? { service, ueCount, class: cls } : { service, ueCount });
  return {
    name: 'mixed: V2X features, teleoperation commands, UAV C2, XR',
    policy: o.policy,
    // a free 100 MHz FDD carrier (band 'none'): the stress case keeps the carrier its figures were recorded on
    link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [1], ueCapability: 2 },
    carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'bwp-mu1', mu: 1, nPrb: 273 }] },
    classes: explicit ? mixedExplicitClasses() : (o.classes ?? 'plan'),
    ...(o.classes === 'derive' ? { maxClasses: 4 } : {}),
    services: [
      svc('v2x.cooperative_perception_features', u.features ?? 10, 'ul-features'),
      { ...svc('teleop.commands_1ms', u.teleop ?? 10, 'teleop-cmd'), service: TELEOP_COMMANDS },
      svc('v2x.remote_driving_commands', u.commands ?? 20, 'urllc-cmd'),
      svc('uav.c2_stick', u.uav ?? 20, 'uav-c2'),
      svc('xr.split_rendering_dl', u.xr ?? 4, 'xr-video'),
    ],
    slots: o.slots ?? 100_000,
  };
}
