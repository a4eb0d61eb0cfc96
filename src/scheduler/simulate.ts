/**
 * `simulate(scenario, { slots, seed, onProgress? })`: decode a JSON scenario, resolve its services,
 * classes and carrier (scenario.ts) and run the slot-level simulation (run.ts). The report adds
 * the scenario's name, the classes used and the notes of the resolution. Spec: spec/scheduler.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { intInRange } from '../core/errors.js';
import type { SimReport } from './run.js';
import { runSimulation } from './run.js';
import type { BuiltSimulation } from './scenario.js';
import { buildSimulation } from './scenario.js';

export interface SimulateOptions {
  /** Slots (ticks of the finest numerology) to simulate; default the scenario's `slots` (10,000). */
  readonly slots?: number;
  readonly seed: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ScenarioClassInfo {
  readonly id: string;
  readonly services: readonly string[];
  readonly direction: string;
  readonly mu: number;
  readonly mappingType: string;
  readonly ttiSymbols: number;
  readonly mcsTable: string;
  readonly mcs: number;
  readonly maxTransmissions: number;
  readonly grant: string;
  readonly priority: number;
  readonly preempts: boolean;
  readonly preemptible: boolean;
  readonly harqRttMs: number;
  readonly accessDelayMs: number;
}

export interface ScenarioReport extends SimReport {
  readonly name: string;
  readonly classInfo: readonly ScenarioClassInfo[];
}

/** Run a built simulation. */
export function simulateBuilt(b: BuiltSimulation, opts: SimulateOptions): E.Either<PhyError, ScenarioReport> {
  const slots = opts.slots ?? b.slots;
  const sl = intInRange('slots', slots, 1, 1e9);
  if (E.isLeft(sl)) return sl;
  const sd = intInRange('seed', opts.seed, -2147483648, 4294967295);
  if (E.isLeft(sd)) return sd;
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
