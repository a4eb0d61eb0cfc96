/**
 * system/classPlan: the system plan as a `ClassPlan` — what the runtime classifier, the C header and
 * the stack exports consume (spec/system.md §4.1).
 *
 * `deriveSystem` starts from class templates (`classPlan`, deriveClasses) and may re-plan a template
 * (PRB cap, no configured grant, a tighter epsilon for a UE's own queue) before `verifySystem` admits
 * it. Only the system plan's classes are verified on the shared carrier, so a classifier or a stack
 * configuration must be built from them: the templates can map a service onto a class the check
 * rejected (xr.pose_ul on n78: template UL-…-m9-…-p9 fails its own-queue bound, the admitted class is
 * a re-planned one). Services with no admitted UE are unserved, with the reason the admission gives.
 */
import type { LinkContext } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import type { ClassAssignment, ClassPlan, PhyClass } from '../classes/types.js';
import { verifyWith } from '../classes/verify.js';
import type { SystemPlanResult } from './types.js';

/** The admitted services of `sys` on the system plan's classes, as a ClassPlan (same service order). */
export function systemClassPlan(sys: Omit<SystemPlanResult, 'servedPlan'>, services: readonly PlannableService[], link: LinkContext): ClassPlan {
  const cp = sys.classPlan;
  const byId = new Map<string, PhyClass>(sys.plan.classes.map((c) => [c.id, c] as const));
  const admittedOn = (classId: string): string[] =>
    sys.plan.services.filter((x) => x.classId === classId && x.admittedUes > 0).map((x) => x.serviceId);
  const assignments: ClassAssignment[] = [];
  const unserved: { serviceId: string; reason: string }[] = [];
  const load = { DL: 0, UL: 0 };
  let total = 0;
  services.forEach((s, i) => {
    const sp = sys.plan.services[i];
    const c = sp === undefined || sp.classId === null ? undefined : byId.get(sp.classId);
    if (sp === undefined || c === undefined || sp.admittedUes <= 0) {
      const reason = cp.unserved.find((u) => u.serviceId === s.id)?.reason ?? sys.admission[i]?.binding ?? 'not admitted on the shared carrier';
      unserved.push({ serviceId: s.id, reason: `not admitted on the shared carrier: ${reason}` });
      return;
    }
    // a UE count enters cost and load only through the packet rate (linear), so the template's own
    // cost scales with the admitted share; the shared figure is the exact model's on the system class
    const n = Math.max(1, Math.floor(s.ueCount ?? 1));
    const scale = sp.admittedUes / n;
    const v = verifyWith(c, { ...s, ueCount: sp.admittedUes }, link, { snrMargin: false });
    const t = cp.assignments.find((a) => a.serviceId === s.id);
    const own = t === undefined ? v.rePerSecond : t.ownRePerSecond * scale;
    assignments.push({
      serviceId: s.id,
      classId: c.id,
      ownRePerSecond: own,
      sharedRePerSecond: v.rePerSecond,
      sharingPenaltyRePerSecond: Math.max(0, v.rePerSecond - own),
      sharesWith: admittedOn(c.id),
    });
    load[c.direction] += v.load;
    total += v.rePerSecond;
  });
  return {
    classes: sys.plan.classes,
    assignments,
    unserved,
    totalRePerSecond: total,
    loadByDirection: load,
    exact: cp.exact,
    method: `system plan (${sys.method}) from templates by ${cp.method}`,
    maxBytesByService: cp.maxBytesByService,
  };
}
