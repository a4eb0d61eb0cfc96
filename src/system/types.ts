/**
 * system/types: the vocabulary of the whole-carrier check (issue 13; spec/system.md).
 *
 * A `SystemPlan` is what a gNB would configure for a set of services on one carrier: the class
 * templates (PhyClass, spec/planner.md), one bandwidth part per numerology (TS 38.211 §4.4.5),
 * per service the class, the BWP and the number of UEs admitted, the scheduling policy, and the
 * arrival-phase assumption the guarantee rests on. `SystemVerdict` is the answer of
 * `verifySystem`: per service a sound upper bound on P(miss) at its admitted UE count.
 */
import type { Direction, Mu } from '../core/types.js';
import type { ClassPlan, PhyClass, PlanOptions } from '../classes/types.js';

/**
 * How the arrival phases of the UEs relate (spec/system.md §3):
 * - 'synchronous' (default, adversarial): every UE of every service may burst at the same instant
 *   (frame-synchronous sensors); the bound is the deterministic peak fit.
 * - 'service-synchronous': the UEs of one service burst together; the phases of different services
 *   are independent and uniform over their periods.
 * - 'independent': every UE's phase is independent and uniform over its period (as the simulator draws them).
 */
export type ArrivalAssumption = 'synchronous' | 'service-synchronous' | 'independent';

/** All arrival assumptions, most conservative first. */
export const ARRIVAL_ASSUMPTIONS: readonly ArrivalAssumption[] = ['synchronous', 'service-synchronous', 'independent'];

/** Scheduling policy the plan names (the scheduler's policy names; see spec/scheduler.md §3). */
export type SystemPolicy = 'edf' | 'priority' | 'pf' | 'edf+preemption' | 'priority+preemption' | 'pf+preemption';

/** One bandwidth part of the plan: a contiguous PRB range of one numerology (TS 38.211 §4.4.5). */
export interface SystemBwp {
  /** BWP id, e.g. `bwp-mu2`. */
  readonly id: string;
  /** Numerology of the BWP (SCS 15·2^mu kHz). */
  readonly mu: Mu;
  /** PRBs of the BWP (in both directions under FDD; in the one TDD plane under TDD). */
  readonly nPrb: number;
}

/** One service of the plan: its class, BWP and admitted UEs. */
export interface SystemServicePlan {
  /** Service id. */
  readonly serviceId: string;
  /** Class template serving it, or null when it is not served at all. */
  readonly classId: string | null;
  /** BWP of its class, or null. */
  readonly bwpId: string | null;
  /** UEs the service asks for (its `ueCount`, default 1). */
  readonly ueCount: number;
  /** UEs admitted on the carrier (0..ueCount). */
  readonly admittedUes: number;
  /**
   * TDM groups G ≥ 1 (default 1): the admitted UEs are served in G consecutive windows of
   * (budget − jitter)/G after their common burst, ⌈admitted/G⌉ UEs at a time (spec/system.md §2.3).
   * G > 1 needs frame-synchronous UEs of the service (arrivals 'synchronous' or 'service-synchronous')
   * and a dynamic or SR grant (a configured grant holds its PRBs at every occasion).
   */
  readonly tdmGroups?: number;
}

/** A whole-carrier class plan (answer of `deriveSystem`, input of `verifySystem`). */
export interface SystemPlan {
  /** The class templates. */
  readonly classes: readonly PhyClass[];
  /** Bandwidth parts, one per numerology used, on disjoint PRB ranges. */
  readonly bwps: readonly SystemBwp[];
  /** One entry per input service, in input order. */
  readonly services: readonly SystemServicePlan[];
  /** Scheduling policy (any work-conserving policy satisfies the proof; the simulator runs this one). */
  readonly policy: SystemPolicy;
  /** The arrival-phase assumption the plan was made for. */
  readonly arrivals: ArrivalAssumption;
}

/** Per-service answer of `verifySystem`. */
export interface SystemServiceVerdict {
  /** Service id. */
  readonly id: string;
  /** True when the service's admitted UEs meet epsilon on the shared carrier (false when none are admitted). */
  readonly pass: boolean;
  /** Upper bound on P(a packet misses its budget) for every admitted UE: single-UE bound + contention term. */
  readonly epsilonAchieved: number;
  /** The single-UE bound of `verify` (the service alone on its class). */
  readonly epsilonSingleUe: number;
  /** Upper bound on P(the UEs that can be active during a packet's window need more PRBs than the BWP has). */
  readonly contentionBound: number;
  /** Worst-case latency of the first transmission (as `verify`), ms. */
  readonly latencyMs: number;
  /** UEs requested. */
  readonly ueCount: number;
  /** UEs admitted and verified. */
  readonly admittedUes: number;
  /** Class id, or null. */
  readonly classId: string | null;
  /** BWP id, or null. */
  readonly bwpId: string | null;
  /** Widest allocation of one UE of the service in one TTI, PRBs (repetitions go on later occasions on the same PRBs). */
  readonly widthPrb: number;
  /** TDM groups used (1 = every admitted UE holds its PRBs from its burst to its deadline). */
  readonly tdmGroups: number;
  /** Latency budget each UE is verified with: (budget − jitter)/G for G > 1, else the budget, ms. */
  readonly windowMs: number;
  /** Mean share of its BWP's resources in its direction the admitted UEs hold (CG: reservations; else expected REs). */
  readonly meanLoad: number;
  /** Why it fails, or notes. */
  readonly reasons: readonly string[];
}

/** Per-direction figures. */
export interface ByDirection {
  /** Downlink. */
  readonly DL: number;
  /** Uplink. */
  readonly UL: number;
}

/** Per-BWP answer of `verifySystem`. */
export interface SystemBwpVerdict {
  /** BWP id. */
  readonly id: string;
  /** Numerology. */
  readonly mu: Mu;
  /** PRBs of the BWP. */
  readonly nPrb: number;
  /** nPrb / maxPrb(carrier, SCS): the share of the carrier's bandwidth the BWP takes. */
  readonly carrierFraction: number;
  /** Σ admitted UEs × width per direction: PRBs needed when every UE is active at once. */
  readonly peakPrb: ByDirection;
  /** peakPrb / nPrb. */
  readonly peakLoad: ByDirection;
  /** Mean load: CG reservations (always held) plus expected REs of dynamic UEs, over the BWP's REs per second. */
  readonly meanLoad: ByDirection;
}

/** Answer of `verifySystem(plan, services, link, opts?)`. */
export interface SystemVerdict {
  /** True when the BWPs fit the carrier and every service with admitted UEs passes. */
  readonly pass: boolean;
  /** One verdict per service of the plan, in plan order. */
  readonly services: readonly SystemServiceVerdict[];
  /** One verdict per BWP. */
  readonly bwps: readonly SystemBwpVerdict[];
  /** Mean load of the most loaded BWP, per direction (≤ 1 whenever pass). */
  readonly loadByDirection: ByDirection;
  /** Peak load (every admitted UE active at once) of the most loaded BWP, per direction. */
  readonly peakByDirection: ByDirection;
  /** Plan-level failures (partition, unknown ids) and notes. */
  readonly reasons: readonly string[];
  /** What the guarantee rests on (spec/system.md §2). */
  readonly assumptions: readonly string[];
  /** The arrival assumption used. */
  readonly arrivals: ArrivalAssumption;
}

/** Options of `verifySystem`. */
export interface VerifySystemOptions {
  /** Arrival-phase assumption; default the plan's. */
  readonly arrivals?: ArrivalAssumption;
}

/** A relaxation that would admit more UEs of a service. */
export interface SystemRelaxation {
  /** What is relaxed. */
  readonly kind: 'ues' | 'bandwidth' | 'arrivals' | 'deadline' | 'grant';
  /** Human-readable relaxation. */
  readonly description: string;
}

/** Per-service admission result of `deriveSystem`. */
export interface Admission {
  /** Service id. */
  readonly serviceId: string;
  /** Direction. */
  readonly direction: Direction;
  /** UEs requested / admitted. */
  readonly ueCount: number;
  /** UEs admitted (all of them verified on the shared carrier). */
  readonly admittedUes: number;
  /** The constraint that binds when not every UE is admitted (null otherwise). */
  readonly binding: string | null;
  /** Relaxations that would admit more UEs. */
  readonly relaxations: readonly SystemRelaxation[];
}

/** Options of `deriveSystem`. */
export interface DeriveSystemOptions {
  /** At most K class templates (default 4). */
  readonly maxClasses?: number;
  /** Arrival assumption to plan for (default 'synchronous'). */
  readonly arrivals?: ArrivalAssumption;
  /** Policy the plan names (default 'edf'). */
  readonly policy?: SystemPolicy;
  /** Planner restrictions for every template search (e.g. a radio stack's search space, `--stack`). */
  readonly planOptions?: PlanOptions;
  /**
   * Called as the planner advances (`done` of `total` steps: each service's own search, then each
   * candidate plan); for progress displays, never changes the answer.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Answer of `deriveSystem`: the plan, its verdict, the admission and the templates' derivation. */
export interface SystemPlanResult {
  /** The plan (classes, BWPs, admitted UEs, policy). */
  readonly plan: SystemPlan;
  /** verifySystem(plan, services, link). */
  readonly verdict: SystemVerdict;
  /** Per service: admitted UEs, the binding constraint and relaxations. */
  readonly admission: readonly Admission[];
  /** The class-template derivation the plan started from (its `unserved` lists services no class serves). */
  readonly classPlan: ClassPlan;
  /**
   * The system plan as a ClassPlan (system/classPlan `systemClassPlan`): the admitted services on the
   * verified classes, the others unserved with their admission reason. Build classifiers, C headers
   * and stack exports from this, not from the templates (spec/system.md §4.1).
   */
  readonly servedPlan: ClassPlan;
  /** How the plan was chosen (numerology mode, PRB caps). */
  readonly method: string;
}
