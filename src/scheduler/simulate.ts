/**
 * `simulate(scenario, { slots, seed, onProgress? })`: decode a JSON scenario, resolve its services,
 * classes and carrier (scenario.ts) and run the slot-level simulation (run.ts). The report adds
 * the scenario's name, the classes used and the notes of the resolution. Spec: spec/scheduler.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { intInRange } from '../core/errors.js';
import { MAX_SLOTS, SEED } from '../core/ranges.js';
import type { SimReport } from './run.js';
import { runSimulation } from './run.js';
import type { BuiltSimulation } from './scenario.js';
import { buildSimulation, checkWorkload } from './scenario.js';

/** Options of `simulate` / `simulateBuilt`. */
export interface SimulateOptions {
  /** Slots (ticks of the finest numerology) to simulate, integer 1..1e9; default the scenario's `slots` (10,000). */
  readonly slots?: number;
  /** Seed of the traffic and channel draws, integer in 0..2^32-1 (core/ranges SEED); same seed, same result. */
  readonly seed: number;
  /** Called every 10,000 ticks and at the end with the ticks done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A class of the simulated scenario as the report lists it. */
export interface ScenarioClassInfo {
  /** Class id. */
  readonly id: string;
  /** Ids of the services the class serves. */
  readonly services: readonly string[];
  /** 'DL' or 'UL'. */
  readonly direction: string;
  /** Numerology mu (SCS 15·2^mu kHz, TS 38.211 §4.2). */
  readonly mu: number;
  /** PDSCH/PUSCH mapping type (TS 38.214 §5.1.2.1): 'A' slot based, 'B' mini-slot. */
  readonly mappingType: string;
  /** TTI length in OFDM symbols as scheduled (slot-based DL shortened to 14 - controlSymbols when needed). */
  readonly ttiSymbols: number;
  /** MCS table name (TS 38.214 Tables 5.1.3.1-1..4). */
  readonly mcsTable: string;
  /** MCS index in `mcsTable`. */
  readonly mcs: number;
  /** Maximum HARQ transmissions per transport block (1 = no retransmission). */
  readonly maxTransmissions: number;
  /** Grant type as scheduled: 'dynamic', 'configured' or 'sr' ('dynamic' for DL). */
  readonly grant: string;
  /** Priority level used by the 'priority' policies (lower = higher priority). */
  readonly priority: number;
  /** The class's transmissions may puncture pre-emptible ones (under a '+preemption' policy). */
  readonly preempts: boolean;
  /** The class's transmissions may be punctured. */
  readonly preemptible: boolean;
  /** From the end of a transmission to the earliest start of its retransmission, ms. */
  readonly harqRttMs: number;
  /** From a packet's arrival to the earliest start of its first transmission, ms. */
  readonly accessDelayMs: number;
}

/** Simulation report of a scenario: the run's report plus the scenario's name, classes and resolution notes. */
export interface ScenarioReport extends SimReport {
  /** The scenario's name. */
  readonly name: string;
  /** The classes simulated, in class order. */
  readonly classInfo: readonly ScenarioClassInfo[];
}

/** Run a built simulation. */
export function simulateBuilt(b: BuiltSimulation, opts: SimulateOptions): E.Either<PhyError, ScenarioReport> {
  const slots = opts.slots ?? b.slots;
  const sl = intInRange('slots', slots, 1, MAX_SLOTS);
  if (E.isLeft(sl)) return sl;
  const sd = intInRange('seed', opts.seed, SEED.min, SEED.max);
  if (E.isLeft(sd)) return sd;
  const wl = checkWorkload(b, slots);
  if (E.isLeft(wl)) return wl;
  const r = runSimulation(b.config, b.inputs, { slots, seed: opts.seed, ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}) });
  if (E.isLeft(r)) return r;
  return E.right({
    ...r.right,
    name: b.name,
    notes: [...b.notes, ...r.right.notes],
    classInfo: b.classes.map((c) => ({
      id: c.phyClass.id,
      services: c.services,
      direction: c.phyClass.direction,
      mu: c.phyClass.mu,
      mappingType: c.phyClass.mappingType,
      ttiSymbols: c.scheduler.ttiSymbols,
      mcsTable: c.phyClass.mcsTable,
      mcs: c.phyClass.mcs,
      maxTransmissions: c.phyClass.maxTransmissions,
      grant: c.scheduler.grant,
      priority: c.scheduler.priority,
      preempts: c.scheduler.preempts,
      preemptible: c.scheduler.preemptible,
      harqRttMs: c.scheduler.harqRttMs,
      accessDelayMs: c.scheduler.accessDelayMs,
    })),
  });
}

/** Simulate a JSON scenario; errors (decoding, infeasible services, bad carrier) name the path. */
export function simulate(scenario: unknown, opts: SimulateOptions): E.Either<PhyError, ScenarioReport> {
  const b = buildSimulation(scenario);
  if (E.isLeft(b)) return b;
  return simulateBuilt(b.right, opts);
}
