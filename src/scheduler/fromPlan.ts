/**
 * scheduler/fromPlan: simulate exactly a system plan (issue 13 §4; spec/system.md §5).
 *
 * `scenarioFromSystemPlan` writes the scenario the simulator runs for a `SystemPlan`: the plan's
 * classes as an explicit class list, its BWPs as `carrier.bwps` (one per numerology, its PRBs), each
 * service with its admitted UE count and its class, configured-grant UEs with an occasion every TTI
 * (`cgPeriodMs` explicit, so the simulator never stretches the period by its own heuristic), and the
 * plan's policy, and the arrival phases and TDM windows the proof assumed (frame-synchronous bursts at
 * t = 0 under 'synchronous'; one phase per service under 'service-synchronous'; a service with G TDM
 * groups has its UEs released in G windows of (budget − jitter)/G, each with that window as its budget).
 * Services with no admitted UE are left out. `simulateSystemPlan` runs it and returns,
 * per service, the miss ratio with its Wilson 95 % interval and the decided packets.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';
import type { LinkContext } from '../classes/link.js';
import { DEFAULT_TDD_PATTERN } from '../nr/slotPattern.js';
import type { ServiceProfile } from '../services/catalogue.js';
import type { SystemPlan } from '../system/types.js';
import { tdmWindowMs } from '../system/verify.js';
import { makeRng } from '../core/rng.js';
import type { ScenarioReport } from './simulate.js';
import { simulateBuilt } from './simulate.js';
import { buildSimulation } from './scenario.js';

/** Simulated outcome of one service of a plan. */
export interface SimulatedService {
  /** Packets missed (late, dropped, expired) / decided packets. */
  readonly missRatio: number;
  /** Wilson 95 % interval of missRatio. */
  readonly missCi: {
    /** Lower bound. */
    readonly lower: number;
    /** Upper bound. */
    readonly upper: number;
  };
  /** Decided packets (arrived minus censored). */
  readonly packets: number;
}

/** Answer of `simulateSystemPlan`. */
export interface SystemSimulation {
  /** Per admitted service id. */
  readonly services: Readonly<Record<string, SimulatedService>>;
  /** The simulator's report (notes, utilisation per BWP, per-class figures). */
  readonly report: ScenarioReport;
  /** Notes of the translation, then the simulator's build notes (e.g. a CG period stretched because the reservations do not fit). */
  readonly notes: readonly string[];
}

/** The scenario JSON that simulates `plan` as planned (classes, BWPs, admitted UEs, grants, policy). */
export function scenarioFromSystemPlan(plan: SystemPlan, services: readonly ServiceProfile[], link: LinkContext, slots = 10_000, seed = 1): { scenario: unknown; notes: string[] } {
  const notes: string[] = []; // the translation's own notes (none today: the CG lane is now as wide as the plan's)
  // arrival phases as the proof assumed them (spec/system.md §5): 'synchronous' — every UE of every
  // service bursts at t = 0 (and then every period: the adversarial alignment the peak fit covers);
  // 'service-synchronous' — the UEs of a service share one phase, drawn per service from the seed;
  // 'independent' — the simulator's own random phase per UE.
  const phaseRng = makeRng((seed ^ 0x5a17) >>> 0);
  const byId = new Map(services.map((s) => [s.id, s] as const));
  const used = plan.services.filter((sp) => sp.admittedUes > 0 && sp.classId !== null && byId.has(sp.serviceId));
  const classIds = new Set(used.map((sp) => sp.classId!));
  const classes = plan.classes.filter((c) => classIds.has(c.id));
  const mus = new Set(classes.map((c) => c.mu));
  const bwps = plan.bwps.filter((b) => mus.has(b.mu)).map((b) => ({ id: b.id, mu: b.mu, nPrb: b.nPrb }));
  const svc = used.map((sp) => {
    const s = byId.get(sp.serviceId)!;
    const c = classes.find((x) => x.id === sp.classId)!;
    const entry: Record<string, unknown> = { service: s, ueCount: sp.admittedUes, class: c.id };
    const periodic = (s.arrival ?? 'periodic') === 'periodic';
    const u = phaseRng.uniform();
    if (periodic && plan.arrivals !== 'independent') entry['phaseMs'] = plan.arrivals === 'synchronous' ? 0 : u * s.periodMs;
    const g = sp.tdmGroups ?? 1;
    if (periodic && g > 1 && plan.arrivals !== 'independent') {
      // the TDM windows of the proof (spec/system.md §2.3): ⌈n/G⌉ UEs per window of (budget − jitter)/G
      entry['tdmGroups'] = g;
      entry['tdmWindowMs'] = tdmWindowMs(s, g);
    }
    if (c.direction === 'UL' && c.grant === 'configured') {
      // each UE's lane is as wide as its widest allocation (scheduler/scenario), as system/verify ueWidthPrb
      // reserves it; repetitions go on later occasions of the lane, on the same PRBs
      entry['cgPeriodMs'] = (c.mappingType === 'A' ? 1 : c.ttiSymbols / 14) * 2 ** -c.mu;
    }
    return entry;
  });
  const scenario = {
    name: 'system-plan',
    policy: plan.policy,
    slots,
    link,
    carrier: { duplex: link.duplex, ...(link.duplex === 'TDD' ? { tddPattern: link.tddPattern ?? DEFAULT_TDD_PATTERN } : {}), bwps },
    classes,
    services: svc,
  };
  return { scenario, notes };
}

/** Simulate `plan` (its admitted services) for `slots` slots with `seed`. */
export function simulateSystemPlan(
  plan: SystemPlan,
  services: readonly ServiceProfile[],
  link: LinkContext,
  opts: { readonly slots: number; readonly seed: number; readonly onProgress?: (done: number, total: number) => void },
): E.Either<PhyError, SystemSimulation> {
  const { scenario, notes } = scenarioFromSystemPlan(plan, services, link, opts.slots, opts.seed);
  if ((scenario as { services: unknown[] }).services.length === 0) return leftInvalid('plan', 'at least one admitted service to simulate', 0);
  const b = buildSimulation(scenario);
  if (E.isLeft(b)) return b;
  const r = simulateBuilt(b.right, { slots: opts.slots, seed: opts.seed, ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}) });
  if (E.isLeft(r)) return r;
  const out: Record<string, SimulatedService> = {};
  for (const g of r.right.services) out[g.id] = { missRatio: g.missRatio, missCi: { lower: g.missCi.lower, upper: g.missCi.upper }, packets: g.decided };
  return E.right({ services: out, report: r.right, notes: [...notes, ...b.right.notes] });
}
