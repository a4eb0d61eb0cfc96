/**
 * Application-side relaxations on the shared carrier (issue 15 item 4; spec/codesign.md §5a).
 *
 * `systemApplicationRelaxations`: the application-side relaxations of `applicationRelaxations` (the helper
 * `phyclass plan` uses) for the services of a whole-carrier plan that are infeasible or not fully admitted.
 * Each candidate payload is re-planned on the plan's BWP (PRB-capped to the room the other admitted UEs
 * leave under synchronous arrivals, a search hint only) and accepted only when `verifySystem`
 * (spec/system.md §2–§3) passes on the plan with the changed service substituted and all its UEs admitted;
 * the other services keep their classes, BWPs and admitted UEs. Each relaxation is checked alone.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { LinkContext } from '../classes/link.js';
import type { PhyClass, PlanOptions } from '../classes/types.js';
import { maxPrb } from '../nr/carrier.js';
import { type ServiceProfile, payloadProfile } from '../services/catalogue.js';
import type { SystemPlan, SystemPlanResult } from '../system/types.js';
import { verifySystem } from '../system/verify.js';
import { type ApplicationRelaxation, applicationRelaxations } from './application.js';

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
    return { pass: false, ueCount: n, admittedUes: 0, bwpId: null, phyClass: c, reasons: [`its class needs numerology mu${c.mu}, but the carrier is partitioned into ${plan.bwps.map((b) => b.id).join(', ')} for the admitted services`] };
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
