/**
 * Co-design under the system-level guarantee (issue 15 §3 and item 4; spec/codesign.md §4a, §5a).
 *
 * 1. `checkPointOnSystem`: a co-designed point is a *set* of two services on one carrier — the UL feature
 *    service and the DL result service, each at its UE count N (the terminals). The set is planned with the
 *    system planner (`deriveSystem`, spec/system.md §4: class templates, one BWP per numerology, PRB caps,
 *    peak-fit admission) and its answer is the independent `verifySystem` (spec/system.md §2–§3). The point
 *    is *system-verified* only when that check passes with all N UEs of both legs admitted; otherwise the
 *    binding constraint (peak PRBs of the BWP, single-UE bound, ...) is reported. Each leg is checked within
 *    the air budget the point's E2E sum uses (the leg service's latency budget; TDM windows are inside it),
 *    so the E2E bound of the point still holds for every admitted UE.
 * 2. `systemApplicationRelaxations`: the application-side relaxations of `applicationRelaxations` (the
 *    helper `phyclass plan` uses) for the services of a whole-carrier plan that are infeasible or not fully
 *    admitted: each candidate payload is re-planned on the plan's BWP (PRB-capped to the room the other
 *    admitted UEs leave, a search hint only) and accepted only when `verifySystem` passes on the plan with
 *    the changed service substituted and all its UEs admitted — the other services keep their classes,
 *    BWPs and admitted UEs.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { LinkContext } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import type { PhyClass, PlanOptions } from '../classes/types.js';
import type { Direction } from '../core/types.js';
import { maxPrb } from '../nr/carrier.js';
import { type ServiceProfile, payloadProfile } from '../services/catalogue.js';
import { deriveSystem } from '../system/derive.js';
import type { ArrivalAssumption, SystemPlan, SystemPlanResult, SystemVerdict } from '../system/types.js';
import { verifySystem } from '../system/verify.js';
import { type ApplicationRelaxation, applicationRelaxations } from './application.js';
import type { CodesignPoint } from './codesign.js';

/** Options of the system-level check of co-designed points. */
export interface CodesignSystemOptions {
  /** Arrival-phase assumption the set is planned and verified for (default 'synchronous': every terminal may burst at once). */
  readonly arrivals?: ArrivalAssumption;
  /** At most this many class templates for the two legs (default 2). */
  readonly maxClasses?: number;
  /** At most this many distinct points checked per `codesign` call (each one `deriveSystem`); default 8. */
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
export const CODESIGN_SYSTEM_DEFAULTS: ResolvedSystemOptions = { arrivals: 'synchronous', maxClasses: 2, maxChecks: 8 };

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
 * Plan the UL feature service and the DL result service of `point` (each at its UE count, the N terminals)
 * as a set on `link` with `deriveSystem`, and report `verifySystem`'s admission per leg.
 */
export function checkPointOnSystem(point: CodesignPoint, link: LinkContext, opts: ResolvedSystemOptions = CODESIGN_SYSTEM_DEFAULTS): CodesignSystemCheck {
  const legs: readonly PlannableService[] = [point.ul.service, point.dl.service];
  const sys = deriveSystem(legs, link, { maxClasses: opts.maxClasses, arrivals: opts.arrivals });
  // sys.verdict is verifySystem(sys.plan, legs, link): the independent check (spec/system.md §2)
  const verdict = sys.verdict;
  const ul = legAdmission(sys, verdict, 0, point.ul.service);
  const dl = legAdmission(sys, verdict, 1, point.dl.service);
  const pass = verdict.pass && ul.pass && dl.pass;
  return {
    pass, ul, dl,
    binding: pass ? null : (ul.binding ?? dl.binding ?? (verdict.reasons.join('; ') || 'system check failed')),
    arrivals: sys.plan.arrivals, method: sys.method, plan: sys.plan,
  };
}

/** Verdict of an application-side relaxation on the shared carrier. */
export interface RelaxationSystemCheck {
  /** True: `verifySystem` passes on the plan with the changed service substituted and all its UEs admitted. */
  readonly pass: boolean;
  /** UEs requested. */
  readonly ueCount: number;
  /** UEs admitted in the substituted plan (all of them when pass). */
  readonly admittedUes: number;
  /** BWP the changed service's class is placed on. */
  readonly bwpId: string | null;
  /** The class placed (PRB-capped to the room beside the other UEs when the arrivals are synchronous), or null. */
  readonly phyClass: PhyClass | null;
  /** Why the substituted plan fails (empty when pass). */
  readonly reasons: readonly string[];
}

/** An application-side relaxation with its shared-carrier verdict. */
export type SystemApplicationRelaxation = ApplicationRelaxation & {
  /** Single-UE (`plan` + `verify`) only, or confirmed on the shared carrier (`verifySystem`). */
  readonly scope: 'system' | 'single-ue';
  /** The shared-carrier check of the relaxation. */
  readonly system: RelaxationSystemCheck;
};

function maxPrbOf(link: LinkContext, mu: number): number {
  const m = maxPrb(link.bandwidthMHz, 15 * 2 ** mu, link.fr);
  return E.isRight(m) ? m.right : 0;
}

/** `verifySystem` of the plan with service `i` replaced by `changed` on class `c`, all its UEs admitted. */
function substituted(
  sys: SystemPlanResult, list: readonly ServiceProfile[], link: LinkContext, i: number, changed: ServiceProfile, c: PhyClass,
): RelaxationSystemCheck {
  const plan = sys.plan;
  let bwps = plan.bwps;
  let bwp = bwps.find((b) => b.mu === c.mu);
  if (bwp === undefined && bwps.length === 0) {
    // nothing admitted yet: the whole carrier at the class's numerology
    bwp = { id: `bwp-mu${c.mu}`, mu: c.mu, nPrb: maxPrbOf(link, c.mu) };
    bwps = [bwp];
  }
  const n = Math.max(1, Math.floor(changed.ueCount ?? 1));
  if (bwp === undefined) {
    return { pass: false, ueCount: n, admittedUes: 0, bwpId: null, phyClass: c, reasons: [`no BWP of mu${c.mu} in the plan`] };
  }
  const p2: SystemPlan = {
    ...plan,
    bwps,
    classes: plan.classes.some((x) => x.id === c.id) ? plan.classes : [...plan.classes, c],
    services: plan.services.map((sp, j) => (j === i ? { serviceId: changed.id, classId: c.id, bwpId: bwp.id, ueCount: n, admittedUes: n } : sp)),
  };
  const l2 = list.map((s, j) => (j === i ? changed : s));
  const v = verifySystem(p2, l2, link, { arrivals: plan.arrivals });
  const sv = v.services[i];
  const pass = v.pass && sv !== undefined && sv.pass && sv.admittedUes >= n;
  const reasons = pass ? [] : [...(sv?.reasons ?? []), ...v.reasons.filter((r) => !(sv?.reasons ?? []).includes(r))];
  return { pass, ueCount: n, admittedUes: pass ? n : 0, bwpId: bwp.id, phyClass: c, reasons: pass ? [] : reasons.length > 0 ? reasons : ['system check failed'] };
}

/** PRBs per TTI one UE of service `i` may take in `bwp` beside the other admitted UEs (peak fit; a search hint), or null for no hint. */
function roomPerUe(sys: SystemPlanResult, i: number, s: ServiceProfile): { mu: number; cap: number | null } | null {
  const plan = sys.plan;
  if (plan.bwps.length === 0) return null;
  const sp = plan.services[i];
  const own = sp?.bwpId === null || sp === undefined ? undefined : plan.bwps.find((b) => b.id === sp.bwpId);
  const b = own ?? plan.bwps.reduce((a, x) => (x.nPrb > a.nPrb ? x : a));
  if (plan.arrivals !== 'synchronous') return { mu: b.mu, cap: null };
  const bv = sys.verdict.bwps.find((x) => x.id === b.id);
  const sv = sys.verdict.services[i];
  const g = Math.max(1, sv?.tdmGroups ?? 1);
  const ownPrb = sv !== undefined && sv.bwpId === b.id && sv.admittedUes > 0 ? Math.ceil(sv.admittedUes / g) * sv.widthPrb : 0;
  const room = b.nPrb - ((bv?.peakPrb[s.direction] ?? 0) - ownPrb);
  const n = Math.max(1, Math.floor(s.ueCount ?? 1));
  return { mu: b.mu, cap: Math.floor(room / n) };
}

/**
 * Application-side relaxations (`applicationRelaxations`, the helper of `phyclass plan`) for every service
 * of `list` that carries a feature source and is infeasible or not fully admitted in `sys` (the answer of
 * `deriveSystem(list, link)`), confirmed on the shared carrier: a relaxation is listed with scope 'system'
 * when `verifySystem` passes on the plan with the changed service substituted and all its UEs admitted.
 * For a service no class serves alone and no changed payload gets admitted, the single-UE relaxations of
 * `plan` are listed with scope 'single-ue' and the reason the carrier refuses them. One array per service,
 * in `list` order (empty when none applies).
 */
export function systemApplicationRelaxations(
  sys: SystemPlanResult, list: readonly ServiceProfile[], link: LinkContext, opts?: PlanOptions,
): SystemApplicationRelaxation[][] {
  return list.map((s, i): SystemApplicationRelaxation[] => {
    if (s.feature === undefined) return [];
    const sp = sys.plan.services[i];
    if (sp === undefined) return [];
    const unserved = sp.classId === null;
    if (!unserved && sp.admittedUes >= sp.ueCount) return [];
    const room = roomPerUe(sys, i, s);
    // every candidate the helper confirms alone is checked on the shared carrier (memoised per class and sizes)
    const checks = new Map<string, RelaxationSystemCheck>();
    const keyOf = (c: string, sizes: readonly number[]): string => `${c}|${payloadProfile(sizes).sizesBytes.join(',')}`;
    const checkOf = (changed: ServiceProfile, c: PhyClass): RelaxationSystemCheck => {
      const k = keyOf(c.id, changed.payload.sizesBytes);
      let ch = checks.get(k);
      if (ch === undefined) { ch = substituted(sys, list, link, i, changed, c); checks.set(k, ch); }
      return ch;
    };
    const tag = (r: ApplicationRelaxation): SystemApplicationRelaxation => {
      const ch = checks.get(keyOf(r.classId, r.sizesBytes)) ?? { pass: false, ueCount: sp.ueCount, admittedUes: 0, bwpId: null, phyClass: null, reasons: ['not checked'] };
      return { ...r, scope: ch.pass ? 'system' : 'single-ue', system: ch };
    };
    if (room === null || room.cap === null || room.cap >= 1) {
      const po: PlanOptions = {
        ...opts,
        ...(room !== null ? { mu: [room.mu] } : {}),
        ...(room !== null && room.cap !== null ? { maxPrbPerTti: Math.min(room.cap, maxPrbOf(link, room.mu)) } : {}),
      };
      const admitted = applicationRelaxations(s, link, po, { accept: (changed, c) => checkOf(changed, c).pass }).map(tag);
      if (admitted.length > 0) return admitted;
    }
    if (!unserved) return [];
    // no class serves it alone and no changed payload is admitted: what `plan` lists, each with the carrier's answer
    return applicationRelaxations(s, link, opts, { accept: (changed, c) => { checkOf(changed, c); return true; } }).map(tag);
  });
}
