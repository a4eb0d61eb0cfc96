/**
 * classes/derive: `deriveClasses(services, link, { maxClasses })` — at most K class templates that
 * serve all services (issue 5 §5; spec/planner.md §7).
 *
 * A template is one PhyClass; every service mapped to it must meet its own size/deadline/epsilon
 * targets under it, and the template is the least-cost class for its group (planGroup: the
 * planner with the group's constraints and the sum of the group's costs). The total cost is the
 * sum of the groups' expected RE/s. Sharing never lowers a service's cost (the shared class is
 * feasible for it alone), so with K ≥ (number of services) every service keeps its own class.
 *
 * Exact (set partitions by dynamic programming over subsets of each direction, every subset's
 * template planned) when each direction has at most `exactUpTo` (default 6) served services;
 * beyond that a documented heuristic: greedy agglomerative merging of the pair of groups whose
 * merge adds the least cost, until at most K groups remain.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction } from '../core/types.js';
import { defaultLink, type LinkContext } from './link.js';
import type { PlannableService } from './model.js';
import { candidateSpace } from './definition.js';
import { planDetailed, planGroup, type PlannedClass } from './planner.js';
import type { ClassAssignment, ClassPlan, PhyClass, PlanOptions } from './types.js';
import { verifyWith } from './verify.js';

/** Options of `deriveClasses`. */
export interface DeriveOptions {
  /** K: most class templates in total over both directions (integer ≥ 1; default 4). */
  readonly maxClasses: number;
  /** Exact search when each direction has at most this many served services (default 6). */
  readonly exactUpTo?: number;
  /** Planner options (restricted search spaces for tests). */
  readonly planOptions?: PlanOptions;
  /** Called after each service's own search (`done` of `total` services); for progress displays. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A partition of the served services of one direction: groups as bitmasks and their templates. */
interface DirSolution {
  readonly groups: readonly number[];
  readonly cost: number;
}

/** Derive at most `maxClasses` templates for `services` on `link`. */
export function deriveClasses(
  services: readonly PlannableService[],
  link: LinkContext = defaultLink,
  opts: DeriveOptions = { maxClasses: 4 },
): ClassPlan {
  const K = Math.max(1, Math.floor(Number.isFinite(opts.maxClasses) ? opts.maxClasses : 1));
  const exactUpTo = opts.exactUpTo ?? 6;
  const po: PlanOptions = { ...opts.planOptions, relaxations: false };
  const unserved: { serviceId: string; reason: string }[] = [];
  const own = new Map<string, PlannedClass>();
  const served: PlannableService[] = [];
  const seen = new Set<string>();
  // the own search of a service depends on its content, not its id: copies are searched once
  const ownMemo = new Map<string, PlannedClass>();
  const onProgress = typeof opts.onProgress === 'function' ? opts.onProgress : undefined;
  let done = 0;
  for (const s of services) {
    onProgress?.(done++, services.length);
    if (seen.has(s.id)) {
      unserved.push({ serviceId: s.id, reason: 'duplicate service id' });
      continue;
    }
    seen.add(s.id);
    // one search per service (the planner's own, with its reason when no class exists)
    const key = profileKey(s, true);
    const hit = ownMemo.get(key);
    if (hit !== undefined) {
      own.set(s.id, hit);
      served.push(s);
      continue;
    }
    const r = planDetailed(s, link, po);
    if (E.isLeft(r)) {
      unserved.push({ serviceId: s.id, reason: r.left.message });
      continue;
    }
    ownMemo.set(key, r.right);
    own.set(s.id, r.right);
    served.push(s);
  }
  onProgress?.(services.length, services.length);
  const dirs: Direction[] = (['DL', 'UL'] as const).filter((d) => served.some((s) => s.direction === d));
  const byDir = new Map<Direction, PlannableService[]>(dirs.map((d) => [d, served.filter((s) => s.direction === d)]));
  // K smaller than the number of directions: keep the direction with more services
  if (K < dirs.length) {
    const keep = (byDir.get('UL')?.length ?? 0) >= (byDir.get('DL')?.length ?? 0) ? 'UL' : 'DL';
    for (const d of dirs) {
      if (d === keep) continue;
      for (const s of byDir.get(d) ?? []) unserved.push({ serviceId: s.id, reason: `maxClasses ${K} leaves no template for ${d}` });
      byDir.delete(d);
    }
  }
  const activeDirs = [...byDir.keys()];
  const exact = activeDirs.every((d) => (byDir.get(d)?.length ?? 0) <= exactUpTo);
  // copies (same profile but id and UE count) beyond the exact search: searched as one unit each
  // (spec/planner.md §7.1); `unitMembers` maps a direction's unit index to its services
  const unitMembers = new Map<Direction, PlannableService[][]>();
  for (const d of activeDirs) {
    const list = byDir.get(d)!;
    if (list.length <= exactUpTo) continue;
    const units = copyUnits(list);
    if (units === null) continue;
    unitMembers.set(d, units.map((u) => u.members));
    byDir.set(
      d,
      units.map((u) => u.rep),
    );
  }
  /** The services of the units (or services) of `mask` in direction `d`, in input order. */
  const membersOf = (d: Direction, mask: number): PlannableService[] => {
    const list = byDir.get(d) ?? [];
    const um = unitMembers.get(d);
    if (um === undefined) return list.filter((_, i) => (mask >> i) & 1);
    return um.filter((_, i) => (mask >> i) & 1).flat();
  };
  const unitCount = (d: Direction, mask: number): number => (unitMembers.has(d) ? membersOf(d, mask).length : popcount(mask));
  const ceilings = new Map<Direction, number>();
  const ceilingOf = (d: Direction): number => {
    let c = ceilings.get(d);
    if (c === undefined) {
      c = capacityCeilingRePerS(byDir.get(d) ?? [], link, po);
      ceilings.set(d, c);
    }
    return c;
  };
  // group templates, memoised by (direction, bitmask)
  const memo = new Map<string, PlannedClass | null>();
  const groupPlan = (d: Direction, mask: number): PlannedClass | null => {
    const key = `${d}:${mask}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    const list = byDir.get(d) ?? [];
    const members = list.filter((_, i) => (mask >> i) & 1);
    let res: PlannedClass | null;
    if (members.length === 1) res = own.get(members[0]!.id) ?? null;
    else res = planGroup(members, link, po, ceilingOf(d));
    memo.set(key, res);
    return res;
  };
  const groupCost = (d: Direction, mask: number): number => groupPlan(d, mask)?.rePerSecond ?? Number.POSITIVE_INFINITY;

  const solutions = new Map<Direction, DirSolution[]>(); // index j-1: best with at most j groups
  for (const d of activeDirs) {
    const n = byDir.get(d)!.length;
    const ex = unitMembers.has(d) ? n <= exactUpTo : exact;
    solutions.set(d, ex ? exactPartitions(n, K, (m) => groupCost(d, m)) : greedyPartitions(n, K, (m) => groupCost(d, m)));
  }
  // split K between the directions
  let bestSplit: Map<Direction, DirSolution> | null = null;
  let bestTotal = Number.POSITIVE_INFINITY;
  const dl = solutions.get('DL');
  const ul = solutions.get('UL');
  const pick = (xs: DirSolution[] | undefined, j: number): DirSolution | undefined => {
    const x = xs === undefined || xs.length === 0 ? undefined : xs[Math.min(j, xs.length) - 1];
    return x !== undefined && Number.isFinite(x.cost) ? x : undefined;
  };
  if (dl !== undefined && ul !== undefined) {
    for (let jd = 1; jd < K; jd++) {
      const a = pick(dl, jd);
      const b = pick(ul, K - jd);
      if (a === undefined || b === undefined) continue;
      const tot = a.cost + b.cost;
      if (tot < bestTotal) {
        bestTotal = tot;
        bestSplit = new Map([
          ['DL', a],
          ['UL', b],
        ]);
      }
    }
  } else {
    for (const [d, xs] of [
      ['DL', dl],
      ['UL', ul],
    ] as const) {
      const a = pick(xs, K);
      if (a !== undefined) {
        bestTotal = a.cost;
        bestSplit = new Map([[d, a]]);
      }
    }
  }
  if (bestSplit === null) {
    // No split of K templates serves every service: take, per direction, the partition with the
    // fewest groups the greedy merge reaches and drop the groups with the fewest members.
    const cands: { d: Direction; mask: number; members: number; cost: number }[] = [];
    for (const d of activeDirs) {
      const n = byDir.get(d)!.length;
      const g = greedyPartitions(n, n, (m) => groupCost(d, m)).find((x) => Number.isFinite(x.cost));
      for (const mask of g?.groups ?? []) cands.push({ d, mask, members: unitCount(d, mask), cost: groupCost(d, mask) });
    }
    cands.sort((a, b) => b.members - a.members || a.cost - b.cost);
    bestSplit = new Map();
    for (const [i, c] of cands.entries()) {
      if (i < K) {
        const prev = bestSplit.get(c.d);
        bestSplit.set(c.d, { groups: [...(prev?.groups ?? []), c.mask], cost: (prev?.cost ?? 0) + c.cost });
      } else {
        for (const s of membersOf(c.d, c.mask)) {
          unserved.push({ serviceId: s.id, reason: `no template left within maxClasses ${K} (its group cannot share a class with the others)` });
        }
      }
    }
  }
  const classes: PhyClass[] = [];
  const assignments: ClassAssignment[] = [];
  const load = { DL: 0, UL: 0 };
  let totalRe = 0;
  // the exact model's figures of a service under a class depend on its content, not its id
  const vMemo = new Map<string, ReturnType<typeof verifyWith>>();
  const verifyMemo = (c: PhyClass, s: PlannableService): ReturnType<typeof verifyWith> => {
    const key = `${c.id}|${profileKey(s, true)}`;
    let v = vMemo.get(key);
    if (v === undefined) {
      v = verifyWith(c, s, link, { snrMargin: false });
      vMemo.set(key, v);
    }
    return v;
  };
  for (const [d, sol] of bestSplit) {
    for (const mask of sol.groups) {
      const members = membersOf(d, mask);
      const g = groupPlan(d, mask);
      if (g === null || !Number.isFinite(g.rePerSecond)) {
        for (const s of members) unserved.push({ serviceId: s.id, reason: 'no shared class could be found for its group' });
        continue;
      }
      if (!classes.some((c) => c.id === g.phyClass.id)) classes.push(g.phyClass);
      const ids = members.map((s) => s.id);
      for (const s of members) {
        // both figures from the exact model (verify), so the price of sharing compares like with like
        const v = verifyMemo(g.phyClass, s);
        const ownClass = own.get(s.id)?.phyClass;
        const ownRe = ownClass === undefined ? v.rePerSecond : ownClass.id === g.phyClass.id ? v.rePerSecond : verifyMemo(ownClass, s).rePerSecond;
        assignments.push({
          serviceId: s.id,
          classId: g.phyClass.id,
          ownRePerSecond: ownRe,
          sharedRePerSecond: v.rePerSecond,
          sharingPenaltyRePerSecond: Math.max(0, v.rePerSecond - ownRe),
          sharesWith: ids,
        });
        load[d] += v.load;
        totalRe += v.rePerSecond;
      }
    }
  }
  void bestTotal;
  const maxBytesByService: Record<string, number> = {};
  for (const s of services) maxBytesByService[s.id] = Math.max(0, ...s.payload.sizesBytes.filter((b) => Number.isFinite(b)));
  const order = new Map(services.map((s, i) => [s.id, i] as const));
  assignments.sort((a, b) => (order.get(a.serviceId) ?? 0) - (order.get(b.serviceId) ?? 0));
  return {
    classes,
    assignments,
    unserved,
    totalRePerSecond: totalRe,
    loadByDirection: load,
    exact,
    method:
      (exact
        ? `exact: set partitions by subset DP (each direction ≤ ${exactUpTo} services)`
        : 'heuristic: greedy agglomerative merging (least added cost first)') +
      (unitMembers.size > 0 ? '; copies of one profile searched as one unit' : ''),
    maxBytesByService,
  };
}

/**
 * The cost ceiling of a feasible class for `services` (one direction) on `link` under `po`: the most
 * resource elements per second any allowed numerology's carrier offers in that direction (a class
 * with load = cost / capacity > 1 is infeasible, definition.evaluateAllocated), with 1e-9 to spare
 * for rounding. Passed to `planGroup` it changes no answer (the search returns the exact best
 * whenever its cost is ≤ the ceiling, search.ts SearchOptions) but lets the search stop proving
 * an overloaded group infeasible candidate by candidate: the cost cap prunes before the
 * reliability tail is computed.
 */
export function capacityCeilingRePerS(services: readonly PlannableService[], link: LinkContext, po: PlanOptions): number {
  if (services.length === 0) return Number.POSITIVE_INFINITY;
  const space = candidateSpace(services.slice(0, 1), link, po);
  let c = 0;
  for (const m of space.mus) if (m.capacityRePerS > c) c = m.capacityRePerS;
  return c > 0 ? c * (1 + 1e-9) : Number.POSITIVE_INFINITY;
}

/**
 * Canonical content of a service profile for memo keys: every field but the id (and, unless
 * `withUes`, the UE count), object keys sorted, so copies of one profile share a key.
 */
export function profileKey(s: PlannableService, withUes: boolean): string {
  const { id: _id, ueCount, ...rest } = s as PlannableService & Record<string, unknown>;
  void _id;
  return `${withUes ? String(ueCount ?? 1) : '*'}|${canonicalJson(rest)}`;
}

function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return typeof x === 'number' && !Number.isFinite(x) ? `"${String(x)}"` : JSON.stringify(x) ?? 'null';
}

interface CopyUnit {
  /** The member with the most UEs (the first of those): the unit's weight in the search. */
  readonly rep: PlannableService;
  readonly members: PlannableService[];
}

/**
 * Units of copies: the services of `list` grouped by `profileKey(s, false)` (first appearance
 * order), each unit represented by its member with the most UEs. A class that serves the
 * representative serves every member alone (same profile, fewer or as many UEs, so no more load),
 * and copies belong in one group (exchange argument, spec/planner.md §7.1). Returns null when
 * `list` has no copies (the search then runs on the services as given).
 */
function copyUnits(list: readonly PlannableService[]): CopyUnit[] | null {
  const byKey = new Map<string, PlannableService[]>();
  for (const s of list) {
    const k = profileKey(s, false);
    const xs = byKey.get(k);
    if (xs === undefined) byKey.set(k, [s]);
    else xs.push(s);
  }
  if (byKey.size === list.length) return null;
  return [...byKey.values()].map((members) => ({
    rep: members.reduce((a, s) => ((s.ueCount ?? 1) > (a.ueCount ?? 1) ? s : a)),
    members,
  }));
}

/**
 * Exact: best[j][mask] = min over groups g ∋ lowest(mask) of cost(g) + best[j−1][mask \ g].
 * Returns, for j = 1..min(K, n), the best partition of all n services into at most j groups.
 */
export function exactPartitions(n: number, K: number, cost: (mask: number) => number): DirSolution[] {
  const full = (1 << n) - 1;
  const J = Math.min(K, n);
  const size = 1 << n;
  let prevCost = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  prevCost[0] = 0;
  const choice: Int32Array[] = [];
  const out: DirSolution[] = [];
  const groupCost = new Float64Array(size);
  for (let m = 1; m < size; m++) groupCost[m] = cost(m);
  for (let j = 1; j <= J; j++) {
    const cur = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    const ch = new Int32Array(size).fill(-1);
    cur[0] = 0;
    for (let mask = 1; mask < size; mask++) {
      const low = mask & -mask;
      const rest = mask ^ low;
      // enumerate submasks of rest; group = sub | low
      for (let sub = rest; ; sub = (sub - 1) & rest) {
        const g = sub | low;
        const c = groupCost[g]! + prevCost[mask ^ g]!;
        if (c < cur[mask]! || (c === cur[mask]! && ch[mask]! >= 0 && g < ch[mask]!)) {
          cur[mask] = c;
          ch[mask] = g;
        }
        if (sub === 0) break;
      }
    }
    choice.push(ch);
    // reconstruct
    const groups: number[] = [];
    let mask = full;
    let jj = j;
    let ok = Number.isFinite(cur[full]!);
    while (ok && mask !== 0 && jj >= 1) {
      const g = choice[jj - 1]![mask]!;
      if (g < 0) {
        ok = false;
        break;
      }
      groups.push(g);
      mask ^= g;
      jj--;
    }
    out.push(ok ? { groups: groups.sort((a, b) => a - b), cost: cur[full]! } : { groups: [], cost: Number.POSITIVE_INFINITY });
    prevCost = cur;
  }
  return fillMonotone(out);
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v !== 0; v &= v - 1) c++;
  return c;
}

/** Make "at most j groups" monotone (a solution with fewer groups is allowed for larger j). */
function fillMonotone(xs: DirSolution[]): DirSolution[] {
  const out: DirSolution[] = [];
  let best: DirSolution = { groups: [], cost: Number.POSITIVE_INFINITY };
  for (const x of xs) {
    if (x.cost < best.cost) best = x;
    out.push(best);
  }
  return out;
}

/**
 * Heuristic: start from singletons; while more than j groups remain, merge the pair with the least
 * added cost (cost(a ∪ b) − cost(a) − cost(b)). Returns solutions for j = 1..min(K, n) (entries for
 * j that could not be reached hold an infinite cost).
 */
export function greedyPartitions(n: number, K: number, cost: (mask: number) => number): DirSolution[] {
  let groups = Array.from({ length: n }, (_, i) => 1 << i);
  const total = (gs: number[]): number => gs.reduce((a, g) => a + cost(g), 0);
  const byCount = new Map<number, DirSolution>();
  byCount.set(groups.length, { groups: [...groups], cost: total(groups) });
  while (groups.length > 1) {
    let bestI = -1;
    let bestJ = -1;
    let bestAdd = Number.POSITIVE_INFINITY;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        const add = cost(a | b) - cost(a) - cost(b);
        if (add < bestAdd) {
          bestAdd = add;
          bestI = i;
          bestJ = j;
        }
      }
    }
    if (bestI < 0 || !Number.isFinite(bestAdd)) break;
    const merged = groups[bestI]! | groups[bestJ]!;
    groups = groups.filter((_, k) => k !== bestI && k !== bestJ);
    groups.push(merged);
    groups.sort((a, b) => a - b);
    byCount.set(groups.length, { groups: [...groups], cost: total(groups) });
  }
  const out: DirSolution[] = [];
  for (let j = 1; j <= Math.min(K, n); j++) out.push(byCount.get(j) ?? { groups: [], cost: Number.POSITIVE_INFINITY });
  return fillMonotone(out);
}
