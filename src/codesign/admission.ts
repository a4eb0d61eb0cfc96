/**
 * Co-design under the system-level guarantee (issue 15 §3; spec/codesign.md §4a).
 *
 * A co-designed point is a *set* of two services on one carrier — the UL feature service and the DL
 * result service, each at its UE count N (the terminals). `checkPointOnSystem` plans the set with the
 * system planner (`deriveSystem`, spec/system.md §4: class templates, one BWP per numerology, PRB caps,
 * peak-fit admission, TDM windows) and reports the independent `verifySystem` (spec/system.md §2–§3) that
 * `deriveSystem` re-checks its plan with. The point is *system-verified* only when that check passes with
 * all N UEs of both legs admitted; otherwise the binding constraint (peak PRBs of the BWP, the single-UE
 * bound, ...) is reported. Each leg is verified within the air budget the point's E2E sum uses (the leg
 * service's latency budget; TDM windows lie inside it), so the E2E bound of the point holds for every
 * admitted UE, and by the union bound over the N UL legs and the DL leg the pipeline's epsilon too.
 */
import type { LinkContext } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import type { Direction } from '../core/types.js';
import { deriveSystem } from '../system/derive.js';
import type { ArrivalAssumption, SystemPlan, SystemPlanResult, SystemVerdict } from '../system/types.js';
import type { CodesignPoint } from './codesign.js';

/** Options of the system-level check of co-designed points. */
export interface CodesignSystemOptions {
  /** Arrival-phase assumption the set is planned and verified for (default 'synchronous': every terminal may burst at once). */
  readonly arrivals?: ArrivalAssumption;
  /** At most this many class templates for the two legs (default 2). */
  readonly maxClasses?: number;
  /**
   * Per objective, at most this many points are tried in its order until one is system-verified (each
   * one `deriveSystem` of the two legs; checks are shared between objectives); default 4.
   */
  readonly maxChecks?: number;
}

/** Admission of one leg of a co-designed set on the shared carrier. */
export interface CodesignLegAdmission {
  /** Leg service id (`<pipeline>.ul` / `<pipeline>.dl`). */
  readonly serviceId: string;
  /** Direction. */
  readonly direction: Direction;
  /** UEs requested (the terminals N). */
  readonly ueCount: number;
  /** UEs admitted and verified on the shared carrier. */
  readonly admittedUes: number;
  /** True when every one of the N UEs is admitted and `verifySystem` passes for the leg. */
  readonly pass: boolean;
  /** Class of the system plan serving the leg, or null. */
  readonly classId: string | null;
  /** Upper bound on P(miss) of every admitted UE (single-UE bound + contention), or null when none is admitted. */
  readonly epsilonAchieved: number | null;
  /** Target epsilon of the leg. */
  readonly epsilon: number;
  /** The constraint that binds when not every UE is admitted or the leg fails (null otherwise). */
  readonly binding: string | null;
}

/** The system-level check of one co-designed point (`deriveSystem` + `verifySystem` of its two legs). */
export interface CodesignSystemCheck {
  /** True when `verifySystem` passes with all N UEs of both legs admitted: the point is system-verified. */
  readonly pass: boolean;
  /** UL feature leg. */
  readonly ul: CodesignLegAdmission;
  /** DL result leg. */
  readonly dl: CodesignLegAdmission;
  /** The first binding constraint (UL first), or null when the point passes. */
  readonly binding: string | null;
  /** Arrival assumption used. */
  readonly arrivals: ArrivalAssumption;
  /** How the system planner chose the plan. */
  readonly method: string;
  /** The whole-carrier plan of the two legs (what `simulateSystemPlan` and `export` take). */
  readonly plan: SystemPlan;
}

/** Resolved system options (defaults applied). */
export interface ResolvedSystemOptions {
  readonly arrivals: ArrivalAssumption;
  readonly maxClasses: number;
  readonly maxChecks: number;
}

/** Defaults of the system check. */
export const CODESIGN_SYSTEM_DEFAULTS: ResolvedSystemOptions = { arrivals: 'synchronous', maxClasses: 2, maxChecks: 4 };

function legAdmission(sys: SystemPlanResult, verdict: SystemVerdict, i: number, svc: PlannableService): CodesignLegAdmission {
  const sp = sys.plan.services[i];
  const v = verdict.services[i];
  const a = sys.admission[i];
  const n = sp?.ueCount ?? svc.ueCount ?? 1;
  const admitted = sp?.admittedUes ?? 0;
  const pass = v !== undefined && v.pass && admitted >= n;
  let binding: string | null = null;
  if (!pass) {
    binding = a?.binding ?? null;
    if (binding === null && v !== undefined && v.reasons.length > 0) binding = v.reasons.join('; ');
    if (binding === null) binding = verdict.reasons.join('; ') || 'not admitted';
  }
  return {
    serviceId: svc.id, direction: svc.direction, ueCount: n, admittedUes: admitted, pass,
    classId: sp?.classId ?? null, epsilonAchieved: v !== undefined && admitted > 0 ? v.epsilonAchieved : null, epsilon: svc.epsilon, binding,
  };
}

/**
 * Plan the UL feature service and the DL result service of `point` (each at its UE count, the N terminals,
 * times `instances` independent copies of the pipeline) as a set on `link` with `deriveSystem`, and report
 * `verifySystem`'s admission per leg.
 */
export function checkPointOnSystem(point: CodesignPoint, link: LinkContext, opts: ResolvedSystemOptions = CODESIGN_SYSTEM_DEFAULTS, instances = 1): CodesignSystemCheck {
  const k = Math.max(1, Math.floor(instances));
  const legs: readonly PlannableService[] = [point.ul.service, point.dl.service].map((s) => (k === 1 ? s : { ...s, ueCount: (s.ueCount ?? 1) * k }));
  const sys = deriveSystem(legs, link, { maxClasses: opts.maxClasses, arrivals: opts.arrivals });
  // sys.verdict is verifySystem(sys.plan, legs, link): the independent check (spec/system.md §2)
  const verdict = sys.verdict;
  const ul = legAdmission(sys, verdict, 0, legs[0]!);
  const dl = legAdmission(sys, verdict, 1, legs[1]!);
  const pass = verdict.pass && ul.pass && dl.pass;
  return {
    pass, ul, dl,
    binding: pass ? null : (ul.binding ?? dl.binding ?? (verdict.reasons.join('; ') || 'system check failed')),
    arrivals: sys.plan.arrivals, method: sys.method, plan: sys.plan,
  };
}
