/**
 * system/derive: `deriveSystem(services, link, opts?)` — plan the set, not the services
 * (issue 13 §2; spec/system.md §4).
 *
 * For each numerology mode (the templates `deriveClasses` finds with every allowed mu, and with one
 * mu forced, for each allowed mu) the planner
 *   1. sizes one BWP per numerology in proportion to its peak PRB demand (Σ UEs × width),
 *   2. re-plans a template whose UEs do not fit its BWP with a PRB cap (its share of the BWP divided
 *      by its UEs: fewer PRBs for more TTIs; `planGroup` with `maxPrbPerTti`, the smallest feasible cap
 *      found by bisection — feasibility is monotone in the cap),
 *   3. admits UEs per BWP and direction by peak fit, services with the smallest demand first, then
 *      (under a non-synchronous arrival assumption) tries each service's full UE count,
 * and keeps the mode that admits the largest share of every service's UEs. The result is always
 * re-checked with the independent `verifySystem`; a service that still fails is not admitted.
 * Search only: what is proven lives in verify.ts.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, Mu } from '../core/types.js';
import { channelBandwidthsMHz, maxPrb } from '../nr/carrier.js';
import { capacityCeilingRePerS, deriveClasses, profileKey } from '../classes/derive.js';
import { allowedMuFor, type LinkContext } from '../classes/link.js';
import type { PlannableService } from '../classes/model.js';
import { planDetailed, planGroup } from '../classes/planner.js';
import type { ClassPlan, PhyClass, PlanOptions } from '../classes/types.js';
import type {
  Admission,
  ArrivalAssumption,
  DeriveSystemOptions,
  SystemBwp,
  SystemPlan,
  SystemPlanResult,
  SystemPolicy,
  SystemRelaxation,
  SystemServicePlan,
  SystemVerdict,
} from './types.js';
import { verifyWith } from '../classes/verify.js';
import { systemClassPlan } from './classPlan.js';
import { GUARD_PRB_BETWEEN_NUMEROLOGIES, tdmWindowMs, ueWidthPrb, verifySystem } from './verify.js';

interface Group {
  cls: PhyClass;
  readonly members: PlannableService[];
}

interface Candidate {
  readonly plan: SystemPlan;
  readonly verdict: SystemVerdict;
  readonly classPlan: ClassPlan;
  readonly method: string;
  readonly score: readonly number[];
  /** Reasons of the system check for services it made the planner admit fewer UEs of. */
  readonly why: ReadonlyMap<string, readonly string[]>;
}

/** Above this many services only the free choice of numerology is tried (each forced mu costs a derivation). */
export const MAX_SERVICES_FOR_MODES = 16;

const ueCountOf = (s: PlannableService): number => Math.max(1, Math.floor(s.ueCount ?? 1));

/** Plan classes, BWPs and admitted UEs for `services` on `link` so that `verifySystem` passes. */
export function deriveSystem(services: readonly PlannableService[], link: LinkContext, opts: DeriveSystemOptions = {}): SystemPlanResult {
  const K = Math.max(1, Math.floor(Number.isFinite(opts.maxClasses ?? 4) ? (opts.maxClasses ?? 4) : 4));
  const arrivals: ArrivalAssumption = opts.arrivals ?? 'synchronous';
  const policy: SystemPolicy = opts.policy ?? 'edf';
  const modes: (readonly Mu[] | undefined)[] = [undefined];
  const allowed = allowedMuFor(link).filter((m) => E.isRight(maxPrb(link.bandwidthMHz, 15 * 2 ** m, link.fr)));
  // one numerology forced, for each allowed mu: one more template derivation each, so only for
  // catalogue-sized sets (a derivation of dozens of services takes minutes on a loaded machine); on TDD
  // always, since a plan there must use one numerology (verify.ts: the pattern's reference numerology)
  if (allowed.length > 1 && (services.length <= MAX_SERVICES_FOR_MODES || link.duplex === 'TDD')) for (const m of allowed) modes.push([m]);
  let best: Candidate | null = null;
  let first: ClassPlan | null = null;
  // Templates are derived for the requested UE counts; when that leaves a service without a class
  // only because all its UEs together overload the carrier (it has a class for one UE), the
  // templates are derived for one UE per service instead and admission decides how many fit.
  let tplServices: readonly PlannableService[] = services;
  // progress: the first derivation's own searches (n steps), then the candidate plans (n steps)
  const n = services.length;
  const progress = typeof opts.onProgress === 'function' ? opts.onProgress : undefined;
  const nCand = modes.length * (arrivals === 'independent' ? 1 : 2);
  let cands = 0;
  for (const mode of modes) {
    const base: PlanOptions = opts.planOptions ?? {};
    const po: PlanOptions = mode === undefined ? base : { ...base, mu: base.mu === undefined ? mode : mode.filter((m) => base.mu!.includes(m)) };
    const onProgress = first === null && progress !== undefined ? (d: number): void => progress(d, 2 * n) : undefined;
    let cp = deriveClasses(tplServices, link, { maxClasses: K, planOptions: po, ...(onProgress !== undefined ? { onProgress } : {}) });
    if (mode === undefined && cp.unserved.length > 0) {
      const few = services.filter((s) => ueCountOf(s) > 1 && cp.unserved.some((u) => u.serviceId === s.id && u.reason !== 'duplicate service id'));
      if (few.some((s) => E.isRight(planDetailed({ ...s, ueCount: 1 }, link, { ...opts.planOptions, relaxations: false })))) {
        tplServices = services.map((s) => ({ ...s, ueCount: 1 }));
        cp = deriveClasses(tplServices, link, { maxClasses: K, planOptions: po });
      }
    }
    if (first === null) first = cp;
    const variants = arrivals === 'independent' ? (['cap'] as const) : (['cap', 'tdm'] as const);
    const step = (): void => progress?.(n + Math.floor((n * Math.min(nCand, ++cands)) / nCand), 2 * n);
    // a forced numerology that serves fewer services than the free choice is not a candidate (on FDD:
    // on TDD the free choice may need two numerologies, which verifySystem refuses, so every forced one counts)
    if (mode !== undefined && first !== null && cp.assignments.length < first.assignments.length && link.duplex !== 'TDD') {
      for (let i = 0; i < variants.length; i++) step();
      continue;
    }
    // a forced numerology equal to the only one the free derivation chose gives the same templates
    if (mode !== undefined && first !== null && first !== cp && JSON.stringify(cp.classes) === JSON.stringify(first.classes)) {
      for (let i = 0; i < variants.length; i++) step();
      continue;
    }
    const label = mode === undefined ? 'numerologies as derived' : `one numerology (mu${mode[0]})`;
    for (const variant of variants) {
      const cand = candidateFor(services, link, cp, po, arrivals, policy, label, variant, K);
      if (best === null || better(cand.score, best.score)) best = cand;
      step();
    }
  }
  progress?.(2 * n, 2 * n);
  const b = best!;
  const result = {
    plan: b.plan,
    verdict: b.verdict,
    admission: admissionOf(services, link, b.plan, b.verdict, b.why),
    classPlan: b.classPlan,
    method: b.method,
  };
  return { ...result, servedPlan: systemClassPlan(result, services, link) };
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i]! > b[i]! + 1e-12) return true;
    if (a[i]! < b[i]! - 1e-12) return false;
  }
  return false;
}

function maxPrbOf(link: LinkContext, mu: Mu): number {
  const mp = maxPrb(link.bandwidthMHz, 15 * 2 ** mu, link.fr);
  return E.isRight(mp) ? mp.right : 0;
}

/** Peak PRB demand of a set of groups in one direction (every UE active at once). */
function demandOf(groups: readonly Group[], d: Direction, admitted: (s: PlannableService) => number): number {
  let x = 0;
  for (const g of groups) {
    if (g.cls.direction !== d) continue;
    for (const s of g.members) x += admitted(s) * ueWidthPrb(g.cls, s.payload.sizesBytes);
  }
  return x;
}

/** BWP sizes: one per numerology, in proportion to the peak demand (as a share of each numerology's maxPrb). */
function sizeBwps(link: LinkContext, groups: readonly Group[]): SystemBwp[] {
  const mus = [...new Set(groups.map((g) => g.cls.mu))].sort((a, b) => a - b);
  if (mus.length === 0) return [];
  if (mus.length === 1) return [{ id: `bwp-mu${mus[0]!}`, mu: mus[0]!, nPrb: maxPrbOf(link, mus[0]!) }];
  const muMax = mus[mus.length - 1]!;
  const guard = ((mus.length - 1) * GUARD_PRB_BETWEEN_NUMEROLOGIES) / maxPrbOf(link, muMax);
  const frac = mus.map((m) => {
    const gs = groups.filter((g) => g.cls.mu === m);
    const n = maxPrbOf(link, m);
    const peak = Math.max(demandOf(gs, 'DL', ueCountOf), demandOf(gs, 'UL', ueCountOf));
    return Math.max(1, peak) / n;
  });
  const tot = frac.reduce((a, b) => a + b, 0);
  return mus.map((m, i) => {
    const n = maxPrbOf(link, m);
    return { id: `bwp-mu${m}`, mu: m, nPrb: Math.max(1, Math.floor((n * (1 - guard) * frac[i]!) / tot - 1e-9)) };
  });
}

/**
 * Members with one UE each: a re-planned template must serve one UE; admission decides how many fit
 * (no capacity check of all UEs at once). Copies (same profile but id and UE count) become one
 * member with one UE per copy: a member's UE count enters the planner only through its packet rate
 * (cost and load are sums of rate × REs per packet), so k copies of one UE and one member of k UEs
 * are the same constraint and cost, and the search's work no longer grows with the copies.
 */
function oneUe(members: readonly PlannableService[]): PlannableService[] {
  const byKey = new Map<string, PlannableService>();
  for (const s of members) {
    const k = profileKey(s, false);
    const prev = byKey.get(k);
    byKey.set(k, prev === undefined ? { ...s, ueCount: 1 } : { ...prev, ueCount: (prev.ueCount ?? 1) + 1 });
  }
  return [...byKey.values()];
}

/** Re-plan a group's template with at most `cap` PRBs per TTI: the smallest feasible cap ≥ cap (bisection), or null. */
function cappedTemplate(g: Group, link: LinkContext, po: PlanOptions, cap: number): PhyClass | null {
  const cur = g.cls.nPrb;
  const one = oneUe(g.members);
  // the carrier's capacity as the cost ceiling: same answers, overloaded probes end early (derive.ts)
  const ceil = capacityCeilingRePerS(one, link, { ...po, mu: [g.cls.mu] });
  if (cap >= cur) return planGroup(one, link, { ...po, mu: [g.cls.mu], relaxations: false }, ceil)?.phyClass ?? null;
  const o = (c: number): PlanOptions => ({ ...po, mu: [g.cls.mu], relaxations: false, maxPrbPerTti: c });
  const at = planGroup(one, link, o(Math.max(1, cap)), ceil);
  if (at !== null) return at.phyClass;
  let lo = Math.max(1, cap); // infeasible
  let hi = cur; // feasible (the current template; with other grants not always: then no answer below cur)
  let best: PhyClass | null = null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = planGroup(one, link, o(mid), ceil);
    if (r !== null) {
      hi = mid;
      best = r.phyClass;
    } else lo = mid;
  }
  return best;
}

function candidateFor(
  services: readonly PlannableService[],
  link: LinkContext,
  cp: ClassPlan,
  po: PlanOptions,
  arrivals: ArrivalAssumption,
  policy: SystemPolicy,
  label: string,
  variant: 'cap' | 'tdm',
  maxClasses = Number.POSITIVE_INFINITY,
): Candidate {
  const svcById = new Map(services.map((s) => [s.id, s] as const));
  const groups: Group[] = cp.classes.map((c) => ({
    cls: c,
    members: cp.assignments.filter((a) => a.classId === c.id).map((a) => svcById.get(a.serviceId)!).filter((s) => s !== undefined),
  }));
  const tdmOk = arrivals !== 'independent';
  const gMemo = new Map<string, number>();
  const maxGroups = (s: PlannableService, c: PhyClass): number => {
    const key = `${s.id}|${c.id}`;
    const hit = gMemo.get(key);
    if (hit !== undefined) return hit;
    const r = maxGroupsOf(s, c);
    gMemo.set(key, r);
    return r;
  };
  const maxGroupsOf = (s: PlannableService, c: PhyClass): number => {
    const n = ueCountOf(s);
    if (!tdmOk || n <= 1 || (c.direction === 'UL' && c.grant === 'configured')) return 1;
    const ok = (g: number): boolean => {
      const win = tdmWindowMs(s, g);
      return win > 0 && verifyWith(c, { ...s, latencyBudgetMs: win, ueCount: 1 }, link, { snrMargin: false }).pass;
    };
    if (!ok(2)) return 1;
    let lo = 2;
    let hi = n + 1; // lo passes, hi fails (or beyond n)
    if (ok(n)) return n;
    hi = n;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (ok(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const poolOf = (members: readonly PlannableService[], c: PhyClass): number =>
    members.reduce((a, s) => a + Math.ceil(ueCountOf(s) / maxGroups(s, c)) * ueWidthPrb(c, s.payload.sizesBytes), 0);
  // 1–2. BWPs from the demand; cap the templates of over-full BWPs (twice: sizes move with the caps)
  let bwps = sizeBwps(link, groups);
  let capped = 0;
  for (let round = 0; round < 2; round++) {
    for (const b of bwps) {
      for (const d of ['DL', 'UL'] as const) {
        const gs = groups.filter((g) => g.cls.mu === b.mu && g.cls.direction === d);
        const peak = demandOf(gs, d, ueCountOf);
        if (peak <= b.nPrb) continue;
        for (const g of gs) {
          if (variant === 'tdm') {
            if (round > 0) continue;
            // choose the template with the smallest pool Σ ⌈n/G⌉·w: as is, PRB-capped, or without a
            // configured grant (TDM windows possible) at several PRB caps
            const widest = Math.max(...g.members.map((s) => ueWidthPrb(g.cls, s.payload.sizesBytes)));
            const dg = demandOf([g], d, ueCountOf);
            const ues = g.members.reduce((a, s) => a + ueCountOf(s), 0);
            const prop = Math.max(1, Math.floor((b.nPrb * dg) / peak / ues));
            const caps = [...new Set([widest, Math.ceil(widest / 2), Math.ceil(widest / 4), Math.ceil(widest / 8), prop])].filter((x) => x >= 1);
            const opts: PhyClass[] = [g.cls];
            const noCg: PlanOptions = g.cls.direction === 'UL' ? { ...po, grants: ['dynamic', 'sr'] } : po;
            const one = oneUe(g.members);
            const ceil = capacityCeilingRePerS(one, link, { ...noCg, mu: [g.cls.mu] });
            for (const cap of caps) {
              const c = planGroup(one, link, { ...noCg, mu: [g.cls.mu], relaxations: false, maxPrbPerTti: cap }, ceil);
              if (c !== null) opts.push(c.phyClass);
            }
            let bestC = g.cls;
            let bestPool = poolOf(g.members, g.cls);
            for (const c of opts) {
              const p = poolOf(g.members, c);
              if (p < bestPool) {
                bestPool = p;
                bestC = c;
              }
            }
            if (bestC.id !== g.cls.id) {
              g.cls = bestC;
              capped++;
            }
            continue;
          }
          const dg = demandOf([g], d, ueCountOf);
          const ues = g.members.reduce((a, s) => a + ueCountOf(s), 0);
          const cap = Math.floor((b.nPrb * dg) / peak / ues);
          const widest = Math.max(...g.members.map((s) => ueWidthPrb(g.cls, s.payload.sizesBytes)));
          if (cap >= widest) continue;
          const c = cappedTemplate(g, link, po, Math.max(1, cap));
          if (c !== null && c.nPrb < g.cls.nPrb) {
            g.cls = c;
            capped++;
          }
        }
      }
    }
    bwps = sizeBwps(link, groups);
  }
  // templates may coincide after capping: keep one copy of each id
  const classes: PhyClass[] = [];
  for (const g of groups) if (!classes.some((c) => c.id === g.cls.id)) classes.push(g.cls);
  const classOf = new Map<string, PhyClass>();
  for (const g of groups) for (const s of g.members) classOf.set(s.id, g.cls);
  // 3. admission by peak fit per BWP and direction, smallest pool first; TDM groups where the class
  // allows them (no configured grant, frame-synchronous UEs): the most windows whose budget still verifies
  const admitted = new Map<string, number>();
  const tdm = new Map<string, number>();
  for (const b of bwps) {
    for (const d of ['DL', 'UL'] as const) {
      const members = services.filter((s) => {
        const c = classOf.get(s.id);
        return c !== undefined && c.mu === b.mu && c.direction === d;
      });
      const info = new Map(
        members.map((s) => {
          const c = classOf.get(s.id)!;
          const w = ueWidthPrb(c, s.payload.sizesBytes);
          const gMax = maxGroups(s, c);
          return [s.id, { w, gMax, pool: Math.ceil(ueCountOf(s) / gMax) * w }] as const;
        }),
      );
      const order = [...members].sort((x, y) => info.get(x.id)!.pool - info.get(y.id)!.pool);
      let rem = b.nPrb;
      for (const s of order) {
        const { w, gMax } = info.get(s.id)!;
        const slots = w <= 0 ? 0 : Math.floor(rem / w); // UEs that can hold PRBs at once
        const n = Math.min(ueCountOf(s), slots * gMax);
        // the smallest pool (most windows), then the fewest windows giving that pool (the loosest budget)
        const atOnce = n === 0 ? 0 : Math.ceil(n / gMax);
        const g = n === 0 ? 1 : Math.min(gMax, Math.ceil(n / atOnce));
        admitted.set(s.id, n);
        tdm.set(s.id, g);
        rem -= Math.ceil(n / g) * w;
      }
    }
  }
  const mk = (): SystemPlan => ({
    classes: classes.filter((c) => services.some((s) => classOf.get(s.id)?.id === c.id && (admitted.get(s.id) ?? 0) > 0)),
    bwps: bwps.filter((b) => services.some((s) => classOf.get(s.id)?.mu === b.mu && (admitted.get(s.id) ?? 0) > 0)),
    services: services.map((s): SystemServicePlan => {
      const c = classOf.get(s.id);
      const n = admitted.get(s.id) ?? 0;
      const g = Math.min(tdm.get(s.id) ?? 1, Math.max(1, n));
      return { serviceId: s.id, classId: c?.id ?? null, bwpId: c === undefined ? null : `bwp-mu${c.mu}`, ueCount: ueCountOf(s), admittedUes: c === undefined ? 0 : n, ...(g > 1 ? { tdmGroups: g } : {}) };
    }),
    policy,
    arrivals,
  });
  let plan = mk();
  let verdict = verifySystem(plan, services, link);
  // under a non-synchronous assumption more UEs may pass than the peak fit admits: try each full count
  if (arrivals !== 'synchronous' && verdict.pass) {
    for (const s of services) {
      const n = admitted.get(s.id);
      if (n === undefined || n >= ueCountOf(s)) continue;
      admitted.set(s.id, ueCountOf(s));
      const p2 = mk();
      const v2 = verifySystem(p2, services, link);
      if (v2.pass) {
        plan = p2;
        verdict = v2;
      } else admitted.set(s.id, n);
    }
  }
  // the independent check has the last word: a service it rejects is not admitted (its reasons kept)
  const why = new Map<string, string[]>();
  for (let guard = 0; guard < services.length && !verdict.pass; guard++) {
    const bad = verdict.services.filter((v) => v.admittedUes > 0 && !v.pass);
    if (bad.length === 0) break;
    for (const v of bad) {
      why.set(v.id, v.reasons.filter((x) => !x.startsWith('note:')));
      admitted.set(v.id, Math.max(0, v.admittedUes - Math.max(1, Math.ceil(v.admittedUes / 2))));
      tdm.set(v.id, 1);
    }
    plan = mk();
    verdict = verifySystem(plan, services, link);
  }
  // a service the check rejected for its own queue (packets of one UE overlap: spec/system.md §2.4)
  // tries the other templates of its BWP and direction, then (while the plan has fewer than maxClasses
  // templates) a dedicated one planned for a tighter epsilon: fewer retransmissions to wait behind
  if (verdict.pass) {
    for (const s of services) {
      const w = why.get(s.id);
      const c0 = classOf.get(s.id);
      if ((admitted.get(s.id) ?? 0) > 0 || c0 === undefined || w === undefined || !w.some((x) => x.includes('own queue'))) continue;
      const tries: (() => PhyClass | null)[] = classes.filter((c) => c.id !== c0.id && c.mu === c0.mu && c.direction === c0.direction).map((c) => () => c);
      // dedicated templates with less to wait behind: a tighter epsilon (fewer retransmissions, margin
      // against the own-queue term), at most 2 transmissions, one transmission (no retransmission of a
      // predecessor can take the tagged packet's occasion), then tighter still
      const dedicated = (o: PlanOptions, tighten: number) => (): PhyClass | null =>
        plan.classes.length < maxClasses ? (planGroup([{ ...s, ueCount: 1, epsilon: s.epsilon / tighten }], link, { ...po, ...o, mu: [c0.mu], relaxations: false })?.phyClass ?? null) : null;
      tries.push(dedicated({}, 10), dedicated({ maxTransmissions: [1, 2] }, 1), dedicated({ maxTransmissions: [1] }, 1), dedicated({}, 100), dedicated({}, 1000));
      for (const t of tries) {
        const c = t();
        if (c === null) continue;
        const nClasses = classes.length;
        if (!classes.some((x) => x.id === c.id)) classes.push(c);
        classOf.set(s.id, c);
        admitted.set(s.id, 1);
        tdm.set(s.id, 1);
        const p2 = mk();
        const v2 = verifySystem(p2, services, link);
        if (v2.pass) {
          plan = p2;
          verdict = v2;
          why.delete(s.id);
          break;
        }
        classOf.set(s.id, c0);
        admitted.set(s.id, 0);
        classes.length = nClasses;
      }
    }
  }
  const frac = services.reduce((a, s) => a + (admitted.get(s.id) ?? 0) / ueCountOf(s), 0);
  const ues = services.reduce((a, s) => a + (admitted.get(s.id) ?? 0), 0);
  return {
    plan,
    verdict,
    classPlan: cp,
    method: `${label}; ${capped > 0 ? `${capped} template${capped === 1 ? '' : 's'} re-planned ${variant === 'cap' ? 'with a PRB cap' : 'without configured grant (TDM)'}; ` : ''}admission by ${arrivals === 'synchronous' ? 'peak fit' : `peak fit, then full counts under '${arrivals}' arrivals`}${[...tdm.values()].some((g) => g > 1) ? ' with TDM windows' : ''}`,
    score: [verdict.pass ? 1 : 0, frac, ues, -plan.bwps.length],
    why,
  };
}

/** Binding constraint and relaxations of every service not fully admitted. */
function admissionOf(services: readonly PlannableService[], link: LinkContext, plan: SystemPlan, verdict: SystemVerdict, why: ReadonlyMap<string, readonly string[]>): Admission[] {
  return services.map((s, i): Admission => {
    const sp = plan.services[i]!;
    const v = verdict.services[i];
    const n = sp.ueCount;
    const base = { serviceId: s.id, direction: s.direction, ueCount: n, admittedUes: sp.admittedUes };
    if (sp.admittedUes >= n) return { ...base, binding: null, relaxations: [] };
    if (sp.classId === null) return { ...base, binding: 'no class serves the service alone (see the planner reason)', relaxations: [] };
    const c = plan.classes.find((x) => x.id === sp.classId) ?? null;
    const b = plan.bwps.find((x) => x.id === sp.bwpId) ?? null;
    const w = c === null ? 0 : ueWidthPrb(c, s.payload.sizesBytes);
    const rel: SystemRelaxation[] = [];
    let binding: string;
    const w2 = why.get(s.id);
    if (b === null || c === null) {
      // not admitted at all: the system check's reasons when it rejected the service, else the PRBs
      binding = w2 !== undefined && w2.length > 0 ? `system check: ${w2.join('; ')}` : 'no PRBs left in any BWP of its numerology';
    } else {
      const others = verdict.bwps.find((x) => x.id === b.id)?.peakPrb[s.direction] ?? 0;
      const otherPrb = others - sp.admittedUes * w;
      const need = otherPrb + n * w;
      binding = `${b.id} ${s.direction}: ${n} UEs × ${w} PRB + ${otherPrb} PRB of other UEs = ${need} PRB > ${b.nPrb} PRB of the BWP (peak, every UE active at once)`;
      if (v !== undefined && v.reasons.some((r) => r.startsWith('single UE'))) binding = v.reasons.join('; ');
      if (w2 !== undefined && w2.length > 0) binding = `system check: ${w2.join('; ')}`;
      // more bandwidth: the narrowest channel whose BWP (same share of the carrier) holds every UE
      const N = maxPrbOf(link, b.mu);
      const share = N > 0 ? b.nPrb / N : 1;
      const bws = channelBandwidthsMHz(link.fr, 15 * 2 ** b.mu).filter((x) => x > link.bandwidthMHz);
      const fit = bws.find((x) => {
        const m = maxPrb(x, 15 * 2 ** b.mu, link.fr);
        return E.isRight(m) && Math.floor(m.right * share) >= need;
      });
      rel.push({ kind: 'ues', description: sp.admittedUes > 0 ? `admit at most ${sp.admittedUes} of ${n} UEs (verified)` : `no UE fits beside the UEs admitted for the other services (fewer of theirs would make room)` });
      rel.push({
        kind: 'bandwidth',
        description:
          fit !== undefined
            ? `a ${fit} MHz carrier (BWP ${b.id} ≥ ${need} PRBs) admits all ${n}`
            : `${need} PRBs at ${15 * 2 ** b.mu} kHz exceed every ${link.fr} channel at this BWP share: another carrier or FR2`,
      });
      if (plan.arrivals === 'synchronous') {
        rel.push({ kind: 'arrivals', description: "if the UEs' frame phases are independent (not frame-synchronous), check with arrivals 'independent'" });
      }
      if (c.direction === 'UL' && c.grant === 'configured' && plan.arrivals !== 'synchronous') {
        rel.push({ kind: 'grant', description: 'a dynamic or SR grant instead of a configured grant frees the per-UE reservations' });
      }
      rel.push({ kind: 'deadline', description: `a longer latency budget (not computed) lets a class of at most ${Math.max(1, Math.floor(b.nPrb / Math.max(1, n)))} PRBs per UE carry the packets, or more TDM windows` });
    }
    return { ...base, binding, relaxations: rel };
  });
}
