/**
 * system/verify: `verifySystem(plan, services, link, opts?)` — the independent checker of a whole
 * class plan on one carrier (issue 13; spec/system.md §2–§3).
 *
 * Argument (spec/system.md §2): a UE of service s uses at most w_s PRBs at any instant of its
 * direction (one TB per UE and direction at a time, retransmissions included; w_s = the widest
 * allocation `allocationFor` gives any of its sizes; repetitions go on later occasions on the same PRBs,
 * see `ueWidthPrb`). If, during
 * the whole window of a packet (arrival to deadline), the UEs that can hold PRBs in its BWP and
 * direction need at most the BWP's PRBs, every one of them is granted its PRBs at every occasion it
 * needs — exactly as if it were alone — so the single-UE bound of `verify` holds for the packet. A
 * configured-grant UE holds its reservation at every occasion, active or not. Hence
 *   P(miss) ≤ ε_verify + P(the UEs that can be active in the window need more than the BWP),
 * (union bound; no independence between the two events is needed). The second term is 0/1 under
 * the 'synchronous' (adversarial) arrival assumption — the peak fit Σ n_s·w_s ≤ N_BWP — and an exact
 * Poisson-binomial tail under independent uniform phases (§3). A UE whose packets can overlap (period
 * shorter than a packet's busy horizon) gets the own-queue bound of §2.4 (`ownQueueBound`) instead
 * of the single-UE bound.
 *
 * Nothing here is shared with the planner or the system planner's search: classes are re-verified
 * with `verify` (classes/verify.ts), widths recomputed with `allocationFor`, PRBs of the carrier from
 * `maxPrb` (TS 38.101-1/-2 Table 5.3.2-1). Never throws.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction } from '../core/types.js';
import { maxPrb } from '../nr/carrier.js';
import { allocationFor } from '../classes/allocation.js';
import { allowedMuFor, latencySlotFields, linkSpecialSlot, type LinkContext } from '../classes/link.js';
import { tryUserPlaneLatency } from '../link/latency.js';
import { DEFAULT_TDD_PATTERN, directionDuty, minOccasionsInSymbols, occasionGrid, occasionSpanSymbols } from '../nr/slotPattern.js';
import { blerModel } from '../link/bler.js';
import { harqAttemptErrors } from '../link/harq.js';
import type { PlannableService } from '../classes/model.js';
import type { PhyClass } from '../classes/types.js';
import { verifyWith } from '../classes/verify.js';
import { budgetText, linkForServices, snrPerReDb } from '../link/budget.js';
import type {
  ArrivalAssumption,
  ByDirection,
  SystemBwpVerdict,
  SystemPlan,
  SystemServiceVerdict,
  SystemVerdict,
  VerifySystemOptions,
} from './types.js';

/** Slack added to every activity window (ms): a TB that starts before a deadline ends within one slot. */
export const WINDOW_SLACK_MS = 1;

/** Guard between BWPs of different numerology: PRBs of the wider SCS (spec/system.md §2.1). */
export const GUARD_PRB_BETWEEN_NUMEROLOGIES = 1;

const DIRS: readonly Direction[] = ['DL', 'UL'];

/** Share of a direction's symbols on `link` (the slot model's `directionDuty`). */
function dutyOf(link: LinkContext, d: Direction): number {
  return directionDuty(d, link.duplex, link.tddPattern, linkSpecialSlot(link));
}

/**
 * PRBs one UE of a service holds at most at any instant on class c: its widest allocation w. The r
 * repetitions of a transmission go on the next r − 1 occasions of the TTI grid on the same PRBs (as the
 * planner times them and the simulator places them, spec/scheduler.md §2), one TB at a time; a
 * configured-grant UE's occasions reserve their repetitions' occasions on one lane of w PRBs.
 */
export function ueWidthPrb(c: PhyClass, sizesBytes: readonly number[]): number {
  let w = 0;
  for (const b of sizesBytes) {
    if (!(Number.isFinite(b) && b > 0)) continue;
    const a = allocationFor(c, b);
    if (a.nPrb > w) w = a.nPrb;
  }
  return w;
}

/** One contender of a tagged packet: `weight` PRBs held with probability `p` (independent contenders). */
interface Contender {
  readonly weight: number;
  readonly p: number;
}

/** P(Σ weight_i·X_i > cap) for independent X_i ~ Bernoulli(p_i): exact DP over 0..cap+1 (overflow bin). */
export function overflowProbability(contenders: readonly Contender[], cap: number): number {
  if (cap < 0) return 1;
  const c = Math.floor(cap);
  let dist = new Float64Array(c + 2);
  dist[0] = 1;
  for (const k of contenders) {
    if (k.p <= 0 || k.weight <= 0) continue;
    const p = Math.min(1, k.p);
    const next = new Float64Array(c + 2);
    for (let v = 0; v <= c + 1; v++) {
      const m = dist[v]!;
      if (m === 0) continue;
      next[v] = next[v]! + m * (1 - p);
      const to = v === c + 1 ? c + 1 : Math.min(c + 1, v + k.weight);
      next[to] = next[to]! + m * p;
    }
    dist = next;
  }
  const o = dist[c + 1]!;
  return Math.min(1, Math.max(0, o));
}

interface Resolved {
  readonly idx: number;
  readonly service: PlannableService;
  readonly cls: PhyClass;
  readonly bwpIdx: number;
  /** Admitted UEs. */
  readonly n: number;
  readonly w: number;
  readonly cg: boolean;
  /** TDM groups and the UEs active at once (⌈n/G⌉). */
  readonly g: number;
  readonly nAtOnce: number;
  /** Budget each UE is verified with, ms. */
  readonly windowMs: number;
}

/** Jitter of a service's arrivals (ms, 0 when it has none). */
function jitterOf(s: PlannableService): number {
  const j = (s as { jitterMs?: number }).jitterMs;
  return typeof j === 'number' && Number.isFinite(j) && j > 0 ? j : 0;
}

/** The budget each UE of a service with G TDM groups is verified with: (D − jitter)/G (D for G = 1). */
export function tdmWindowMs(s: PlannableService, g: number): number {
  return g <= 1 ? s.latencyBudgetMs : (s.latencyBudgetMs - jitterOf(s)) / g;
}

/** NR's largest number of HARQ processes per UE and direction (TS 38.214 §5.1 / §6.1; the simulator's default). */
export const HARQ_PROCESSES = 16;

/** The own-queue bound of a UE whose packets can overlap (spec/system.md §2.4), or why it does not apply. */
export type OwnQueueBound =
  | {
      /** Σ_m P(R = m)·ε_verify(budget − m·gap) + P(F ≥ 1): the bound on P(miss) of one packet of the UE. */
      readonly epsilon: number;
      /** Earlier packets of the UE that can still be alive when a packet arrives (K). */
      readonly predecessors: number;
      /** P(some alive predecessor's first transmission is still pending when the packet becomes eligible) bound. */
      readonly pLateFirst: number;
      /** P(R ≥ 1): some alive predecessor needs a retransmission. */
      readonly pRetx: number;
      /** Worst gap between two consecutive occasions of the class, ms. */
      readonly gapMs: number;
    }
  | { readonly fail: string };

/**
 * Own-queue bound for a UE with periodic arrivals (period P, jitter J, budget D) on class c
 * (spec/system.md §2.4). A packet's transmissions end by its deadline (the scheduler drops it
 * otherwise), so only the K = #{k ≥ 1 : kP − J < D} previous packets of the UE can still transmit
 * after the tagged one arrives. The UE sends one TB at a time but runs up to 16 HARQ processes, so
 * the tagged packet never waits for a predecessor's HARQ round trip, only for the occasions the
 * predecessors' transmissions take (new data is FIFO and retransmissions go first, so later packets
 * never take an occasion the tagged one could use). Each lost occasion delays it by at most the worst
 * gap g between consecutive occasions. N_i = transmissions of packet i, P(N ≥ j) ≤ ē_{j−1} (residual
 * error after j − 1 transmissions, worst size), independent across packets (a TB's channel is drawn
 * per TB). Two events:
 *  - F: some alive predecessor k's first transmission is still pending at the tagged packet's
 *    eligibility e. Then every occasion of [e_k, e) — at least ⌊(kP − J)/g⌋ of them — went to
 *    packets older than k that are alive, at most K of them: P(F) ≤ Σ_k P(N_{k+1} + … + N_{k+K} ≥ ⌊(kP − J)/g⌋).
 *  - otherwise the tagged packet loses at most R = Σ_{k≤K} (N_k − 1) occasions (retransmissions of
 *    its alive predecessors), independent of its own channel, so
 *    P(miss) ≤ P(F) + Σ_m P(R = m)·ε_verify(D − m·g).
 * Single-TB packets without repetitions only.
 */
export function ownQueueBound(c: PhyClass, s: PlannableService, link: LinkContext): OwnQueueBound {
  const P = s.periodMs;
  const J = jitterOf(s);
  const D = s.latencyBudgetMs;
  if (!(P > 0 && D > 0)) return { fail: 'no period' };
  let K = 0;
  while (K < 64 && (K + 1) * P - J < D - 1e-12) K++;
  if (K + 1 > HARQ_PROCESSES) return { fail: `${K + 1} packets of a UE alive at once need more than ${HARQ_PROCESSES} HARQ processes` };
  if (c.repetitions !== 1) return { fail: 'repetitions are not modelled in the own queue' };
  const T = c.maxTransmissions;
  // ē_j = max over sizes of the residual error after j transmissions (a dominating tail of N)
  const eBar = new Array<number>(T).fill(0);
  eBar[0] = 1;
  const model = blerModel(link.blerModel, { receiver: link.receiver });
  // the SNR verify uses: the link budget's at the allocation's width (the service's position), else snrDb;
  // correlated HARQ fading without a Doppler is fully correlated: the largest residual errors, so a
  // dominating tail of N whatever the UE's speed
  const budgetLink = linkForServices(link, [s]);
  for (const b of s.payload.sizesBytes) {
    const a = allocationFor(c, b);
    if (a.nTti !== 1) return { fail: `a ${b} B packet takes ${a.nTti} TTIs (only single-TB packets are modelled)` };
    const errs = harqAttemptErrors({
      model,
      mcsTable: c.mcsTable,
      mcs: c.mcs,
      tbsBits: a.tbsBits,
      snrDb: snrPerReDb(budgetLink, c.direction, a.nPrb, c.mu),
      transmissions: T,
      combining: c.combining,
      fading: link.fading,
      fadingPerTransmission: link.harqFading,
    });
    for (let j = 1; j < T; j++) eBar[j] = Math.max(eBar[j]!, Math.min(1, Math.max(0, errs[j - 1] ?? 1)));
  }
  for (let j = 1; j < T; j++) eBar[j] = Math.min(eBar[j]!, eBar[j - 1]!);
  // pmf of N on 1..T (index j)
  const pmfN = new Float64Array(T + 1);
  for (let j = 1; j <= T; j++) pmfN[j] = Math.max(0, eBar[j - 1]! - (j < T ? eBar[j]! : 0));
  // Transmissions of one TB start at least `spacingMs` apart (one TTI, and the HARQ round of the latency
  // model at average alignment minus a TTI: never more than the scheduler's retransmission delay), so a
  // packet whose alive window overlaps an interval by L ms transmits at most ⌊L/spacing⌋ + 1 times in it.
  const ttiMs = (c.ttiSymbols / 14) * 2 ** -c.mu;
  const two = tryUserPlaneLatency({
    direction: c.direction,
    duplex: link.duplex,
    ...latencySlotFields(link),
    mu: c.mu,
    ttiSymbols: c.ttiSymbols,
    ueCapability: link.ueCapability,
    grant: c.direction === 'DL' ? 'dynamic' : c.grant,
    transmissions: 2,
    alignment: 'average',
  });
  const spacingMs = Math.max(ttiMs, E.isRight(two) ? (two.right.parts['harq'] ?? 0) - ttiMs : 0);
  const capOf = (overlapMs: number): number => (overlapMs <= 0 ? 0 : Math.min(T, Math.floor(overlapMs / spacingMs + 1e-9) + 1));
  // P(Σ_i min(N_i − shift, cap_i) > m), m = 0..max (index m; beyond the array: 0). Independent packets
  // (a TB's channel drawn per TB: harqFading 'independent' / 'same'): the exact convolution. Under
  // time-correlated fading the packets of one UE share fades, so no independence is used: if the sum
  // exceeds m = Σ m_i then some term exceeds its m_i, hence P(Σ > m) ≤ min_{Σ m_i = m} Σ_i P(X_i > m_i)
  // (a min-plus convolution of the marginal tails; Fréchet-type union bound, any dependence).
  const joint = link.harqFading === 'correlated';
  const termTail = (cap: number, shift: number): Float64Array => {
    // P(min(N − shift, cap) > m) for m = 0..cap − 1
    const t = new Float64Array(Math.max(0, cap));
    for (let m = 0; m < cap; m++) {
      let p = 0;
      for (let j = 1; j <= T; j++) if (Math.max(0, Math.min(j - shift, cap)) > m) p += pmfN[j]!;
      t[m] = Math.min(1, p);
    }
    return t;
  };
  const sumTail = (caps: readonly number[], shift: number): Float64Array => {
    if (!joint) {
      let dist = new Float64Array(1);
      dist[0] = 1;
      for (const cap of caps) {
        const next = new Float64Array(dist.length + T);
        for (let x = 0; x < dist.length; x++) {
          const px = dist[x]!;
          if (px === 0) continue;
          for (let j = 1; j <= T; j++) {
            const v = Math.max(0, Math.min(j - shift, cap));
            next[x + v] = next[x + v]! + px * pmfN[j]!;
          }
        }
        dist = next;
      }
      const tail = new Float64Array(dist.length);
      let acc = 0;
      for (let m = dist.length - 1; m >= 0; m--) {
        tail[m] = Math.min(1, acc);
        acc += dist[m]!;
      }
      return tail;
    }
    // min-plus: f(m) = min_{j} f_prev(m − j) + tail_k(j); a term with m_i ≥ its cap contributes 0
    let f = new Float64Array(1); // the empty sum never exceeds m ≥ 0
    for (const cap of caps) {
      const tk = termTail(cap, shift);
      const tailK = (j: number): number => (j < tk.length ? tk[j]! : 0);
      const next = new Float64Array(f.length + Math.max(0, cap));
      for (let m = 0; m < next.length; m++) {
        let best = 1;
        for (let j = 0; j <= m; j++) {
          const prev = m - j < f.length ? f[m - j]! : 0;
          const v = prev + tailK(j);
          if (v < best) best = v;
        }
        next[m] = Math.min(1, best);
      }
      f = next;
    }
    return f;
  };
  const tailAt = (tail: Float64Array, m: number): number => (m < 0 ? 1 : m < tail.length ? tail[m]! : 0);
  // predecessor k's alive window reaches D − (kP − J) ms past the tagged arrival
  const caps = Array.from({ length: K }, (_, i) => capOf(D - ((i + 1) * P - J)));
  // R = Σ_k min(N_k − 1, cap_k): retransmissions of the alive predecessors after the tagged arrival
  const tailR = sumTail(caps, 1);
  // Z = Σ_i min(N_{k+i}, cap_i): transmissions of the K packets older than k inside [e_k, e)
  const tailZ = sumTail(caps, 0);
  const grid = occasionGrid(c.direction, c.ttiSymbols, link.duplex, link.tddPattern ?? DEFAULT_TDD_PATTERN, linkSpecialSlot(link));
  const symMs = 2 ** -c.mu / 14;
  const gapMs = occasionSpanSymbols(1, grid) * symMs;
  if (!(Number.isFinite(gapMs) && gapMs > 0)) return { fail: 'no occasion grid' };
  // m lost occasions delay the tagged packet by at most span(m) (the worst span of m occasion steps;
  // ≤ m·gap by subadditivity); a window of L ms holds at least minOcc(L) = max{q : span(q) ≤ L} occasions
  const spanMs = (m: number): number => occasionSpanSymbols(m, grid) * symMs;
  const minOcc = (lMs: number): number => minOccasionsInSymbols(lMs / symMs + 1e-9, grid);
  // ε_verify at a reduced budget, memoised by the number of lost occasions
  const epsAt = new Map<number, number>();
  const epsLost = (m: number): number => {
    const hit = epsAt.get(m);
    if (hit !== undefined) return hit;
    const budgetMs = D - spanMs(m);
    let e = 1;
    if (budgetMs > 0) {
      const v = verifyWith(c, { ...s, latencyBudgetMs: budgetMs, ueCount: 1 }, link, { snrMargin: false });
      e = v.perSize.length === 0 ? 1 : Math.max(...v.perSize.map((p) => (p.transmissionsWithinBudget > 0 ? p.epsilonAchieved : 1)));
    }
    epsAt.set(m, e);
    return e;
  };
  // P(the tagged packet misses | it loses at most M occasions, M with tail `tail`): independent of its
  // own channel, the mixture Σ_m P(M = m)·ε(D − span(m)); else min_m P(M > m) + ε(D − span(m)) (union)
  const missGiven = (tail: Float64Array): number => {
    let out = 0;
    if (!joint) {
      for (let m = 0; m < tail.length; m++) {
        const pm = tailAt(tail, m - 1) - tailAt(tail, m);
        if (pm <= 0) continue;
        out += pm * epsLost(m);
        if (out >= 1) return 1;
      }
      return out;
    }
    out = 1;
    for (let m = 0; m < tail.length; m++) {
      if (tailAt(tail, m - 1) === 0) break;
      out = Math.min(out, tailAt(tail, m) + epsLost(m));
    }
    return out;
  };
  // (i) first transmissions of the predecessors done in time (F excluded): only their retransmissions
  let pLateFirst = 0;
  for (let k = 1; k <= K; k++) pLateFirst += tailAt(tailZ, minOcc(k * P - J) - 1);
  pLateFirst = Math.min(1, pLateFirst);
  const viaLateFirst = pLateFirst >= 1 ? 1 : Math.min(1, missGiven(tailR) + pLateFirst);
  // (ii) no F event: every transmission of an alive predecessor after the tagged arrival may cost an occasion
  const viaAll = missGiven(tailZ);
  const epsilon = Math.min(viaLateFirst, viaAll);
  if (epsilon >= 1) return { fail: `the UE's occasions (one every ${gapMs.toPrecision(3)} ms at worst) cannot clear ${K} earlier packet${K === 1 ? '' : 's'} in one period` };
  // the late-first term is reported only when its bound is the one taken
  return { epsilon, predecessors: K, pLateFirst: viaAll < viaLateFirst ? 0 : pLateFirst, pRetx: tailAt(tailR, 0), gapMs };
}

/** Verify a whole class plan on `link`. Never throws. */
export function verifySystem(plan: SystemPlan, services: readonly PlannableService[], link: LinkContext, opts: VerifySystemOptions = {}): SystemVerdict {
  const arrivals: ArrivalAssumption = opts.arrivals ?? plan.arrivals ?? 'synchronous';
  try {
    return verifyInner(plan, services, link, arrivals);
  } catch (err) {
    const msg = `system verification failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      pass: false,
      services: [],
      bwps: [],
      loadByDirection: { DL: 0, UL: 0 },
      peakByDirection: { DL: 0, UL: 0 },
      reasons: [msg],
      assumptions: [],
      arrivals,
    };
  }
}

function fin(x: number): number {
  return Number.isFinite(x) ? x : 1;
}

function verifyInner(plan: SystemPlan, services: readonly PlannableService[], link: LinkContext, arrivals: ArrivalAssumption): SystemVerdict {
  const reasons: string[] = [];
  const svcById = new Map(services.map((s) => [s.id, s] as const));
  const clsById = new Map(plan.classes.map((c) => [c.id, c] as const));
  // 1. The partition of the carrier into BWPs (spec/system.md §2.1).
  const allowed = allowedMuFor(link);
  const bwpOk: boolean[] = [];
  const carrierFrac: number[] = [];
  let fracSum = 0;
  let maxMu = -1;
  const seenMu = new Set<number>();
  const seenId = new Set<string>();
  for (const b of plan.bwps) {
    let ok = true;
    if (seenId.has(b.id)) {
      reasons.push(`BWP id ${b.id} is used twice`);
      ok = false;
    }
    seenId.add(b.id);
    if (seenMu.has(b.mu)) {
      reasons.push(`two BWPs of numerology mu${b.mu} (one BWP per numerology: classes are placed on the BWP of their mu)`);
      ok = false;
    }
    seenMu.add(b.mu);
    if (!allowed.includes(b.mu)) {
      reasons.push(`BWP ${b.id}: mu${b.mu} is not allowed on ${link.fr}`);
      ok = false;
    }
    const mp = maxPrb(link.bandwidthMHz, 15 * 2 ** b.mu, link.fr);
    if (E.isLeft(mp)) {
      reasons.push(`BWP ${b.id}: no ${link.bandwidthMHz} MHz channel at ${15 * 2 ** b.mu} kHz`);
      bwpOk.push(false);
      carrierFrac.push(1);
      fracSum += 1;
      continue;
    }
    if (!(Number.isInteger(b.nPrb) && b.nPrb >= 1 && b.nPrb <= mp.right)) {
      reasons.push(`BWP ${b.id}: ${b.nPrb} PRBs, allowed 1..${mp.right} at ${15 * 2 ** b.mu} kHz`);
      ok = false;
    }
    const f = b.nPrb / mp.right;
    carrierFrac.push(f);
    fracSum += f;
    if (b.mu > maxMu) maxMu = b.mu;
    bwpOk.push(ok);
  }
  if (plan.bwps.length > 1 && maxMu >= 0) {
    const mp = maxPrb(link.bandwidthMHz, 15 * 2 ** maxMu, link.fr);
    if (E.isRight(mp)) fracSum += ((plan.bwps.length - 1) * GUARD_PRB_BETWEEN_NUMEROLOGIES) / mp.right;
  }
  if (fracSum > 1 + 1e-12) {
    reasons.push(
      `the BWPs (${plan.bwps.map((b) => `${b.id} ${b.nPrb} PRB`).join(', ')}${plan.bwps.length > 1 ? `, ${plan.bwps.length - 1} guard PRB of mu${maxMu}` : ''}) take ${(fracSum * 100).toFixed(1)} % of the ${link.bandwidthMHz} MHz carrier`,
    );
  }
  // TDD: the pattern's slots are counted in ONE reference numerology (TS 38.213 §11.1
  // referenceSubcarrierSpacing; the simulator: carrier.tddPatternMu, default the smallest BWP mu), but
  // `verify` reads the pattern per slot of each class's own numerology. With one numerology both agree;
  // with several, a class of another numerology would be proved on a pattern the carrier does not have.
  const tddMixed = link.duplex === 'TDD' && seenMu.size > 1;
  if (tddMixed) {
    reasons.push(
      `TDD with BWPs of several numerologies (${[...seenMu].sort((a, b) => a - b).map((m) => `mu${m}`).join(', ')}): the slot pattern is counted in one reference numerology, while each class is verified on the pattern read per slot of its own — one numerology per TDD carrier (spec/system.md §2.1)`,
    );
  }
  const partitionOk = fracSum <= 1 + 1e-12 && bwpOk.every((x) => x) && !tddMixed;

  // 2. Resolve every service: class, BWP, width.
  const svcReasons: string[][] = plan.services.map(() => []);
  const resolved: (Resolved | null)[] = plan.services.map((sp, i) => {
    const r = svcReasons[i]!;
    const s = svcById.get(sp.serviceId);
    if (s === undefined) {
      r.push(`unknown service ${sp.serviceId}`);
      return null;
    }
    if (!(Number.isInteger(sp.admittedUes) && sp.admittedUes >= 0)) {
      r.push(`admittedUes must be an integer ≥ 0, got ${sp.admittedUes}`);
      return null;
    }
    if (sp.admittedUes === 0) {
      r.push('no UE admitted');
      return null;
    }
    if (sp.classId === null) {
      r.push('no class');
      return null;
    }
    const c = clsById.get(sp.classId);
    if (c === undefined) {
      r.push(`class ${sp.classId} is not in the plan`);
      return null;
    }
    const bwpIdx = plan.bwps.findIndex((b) => b.id === sp.bwpId);
    if (bwpIdx < 0) {
      r.push(`BWP ${String(sp.bwpId)} is not in the plan`);
      return null;
    }
    const b = plan.bwps[bwpIdx]!;
    if (b.mu !== c.mu) {
      r.push(`class ${c.id} is mu${c.mu} but BWP ${b.id} is mu${b.mu}`);
      return null;
    }
    const w = ueWidthPrb(c, s.payload.sizesBytes);
    if (!(w >= 1)) {
      r.push('no allocation for its sizes');
      return null;
    }
    const cg = c.direction === 'UL' && c.grant === 'configured';
    const g = sp.tdmGroups ?? 1;
    if (!(Number.isInteger(g) && g >= 1 && g <= sp.admittedUes)) {
      r.push(`tdmGroups must be an integer in 1..${sp.admittedUes} (admitted UEs), got ${g}`);
      return null;
    }
    if (g > 1 && cg) {
      r.push(`${g} TDM groups need a dynamic or SR grant: a configured grant holds its PRBs at every occasion`);
      return null;
    }
    if (g > 1 && arrivals === 'independent') {
      r.push(`${g} TDM groups need the service's UEs to burst together (arrivals 'synchronous' or 'service-synchronous'), not '${arrivals}'`);
      return null;
    }
    const windowMs = tdmWindowMs(s, g);
    if (!(windowMs > 0)) {
      r.push(`${g} TDM groups leave no time: (budget ${s.latencyBudgetMs} ms − jitter ${jitterOf(s)} ms)/${g}`);
      return null;
    }
    if (w > b.nPrb) r.push(`one UE needs ${w} PRBs per TTI but BWP ${b.id} has ${b.nPrb}`);
    return { idx: i, service: s, cls: c, bwpIdx, n: sp.admittedUes, w, cg, g, nAtOnce: Math.ceil(sp.admittedUes / g), windowMs };
  });

  // single-UE verdicts, once per service
  const single = new Map<number, ReturnType<typeof verifyWith>>();
  const singleOf = (r: Resolved): ReturnType<typeof verifyWith> => {
    let v = single.get(r.idx);
    if (v === undefined) {
      v = verifyWith(r.cls, { ...r.service, latencyBudgetMs: r.windowMs, ueCount: 1 }, link, { snrMargin: false });
      single.set(r.idx, v);
    }
    return v;
  };
  const meanShare: number[] = plan.services.map(() => 0);
  // 3. Per BWP and direction: peak and mean load.
  const bwpVerdicts: SystemBwpVerdict[] = plan.bwps.map((b, bi) => {
    const peak: Record<Direction, number> = { DL: 0, UL: 0 };
    const mean: Record<Direction, number> = { DL: 0, UL: 0 };
    for (const r of resolved) {
      if (r === null || r.bwpIdx !== bi) continue;
      const d = r.cls.direction;
      peak[d] += r.nAtOnce * r.w;
      let share: number;
      if (r.cg) share = (r.n * r.w) / b.nPrb;
      else {
        const v = singleOf(r);
        const worstRe = Math.max(0, ...v.perSize.map((p) => p.expectedRe));
        const cap = b.nPrb * 12 * 14 * 1000 * 2 ** b.mu * dutyOf(link, d);
        share = cap > 0 ? (r.n * (1000 / r.service.periodMs) * worstRe) / cap : 1;
      }
      meanShare[r.idx] = fin(share);
      mean[d] += share;
    }
    return {
      id: b.id,
      mu: b.mu,
      nPrb: b.nPrb,
      carrierFraction: carrierFrac[bi] ?? 1,
      peakPrb: { DL: peak.DL, UL: peak.UL },
      peakLoad: { DL: peak.DL / b.nPrb, UL: peak.UL / b.nPrb },
      meanLoad: { DL: fin(mean.DL), UL: fin(mean.UL) },
    };
  });

  // 4. Per service: single-UE bound + contention term.
  const out: SystemServiceVerdict[] = plan.services.map((sp, i) => {
    const r = resolved[i] ?? null;
    const rs = svcReasons[i]!;
    const base = {
      id: sp.serviceId,
      ueCount: sp.ueCount,
      admittedUes: sp.admittedUes,
      classId: sp.classId,
      bwpId: sp.bwpId,
    };
    if (r === null) {
      return { ...base, pass: false, epsilonAchieved: 1, epsilonSingleUe: 1, contentionBound: 1, latencyMs: 0, widthPrb: 0, tdmGroups: sp.tdmGroups ?? 1, windowMs: 0, meanLoad: 0, reasons: rs };
    }
    const b = plan.bwps[r.bwpIdx]!;
    const v = singleOf(r);
    const eps1 = fin(v.epsilonAchieved);
    if (!v.pass) rs.push(`single UE: ${v.reasons.filter((x) => !x.startsWith('note:')).join('; ') || 'verify fails'}`);
    const latencyMs = fin(Math.max(0, ...v.perSize.map((p) => p.latencyFirstMs)));
    // contenders of a packet of this service in its BWP and direction
    const d = r.cls.direction;
    const cap = b.nPrb - r.w;
    const winMs = r.service.latencyBudgetMs;
    if (r.g > 1 && !v.pass) rs.push(`with ${r.g} TDM groups each UE has ${r.windowMs.toPrecision(4)} ms`);
    const contenders: Contender[] = [];
    for (const o of resolved) {
      if (o === null || o.bwpIdx !== r.bwpIdx || o.cls.direction !== d) continue;
      const own = o.idx === r.idx;
      // UEs holding PRBs at once: ⌈n/G⌉ per TDM window (the tagged UE's own window included)
      const n = own ? o.nAtOnce - 1 : o.nAtOnce;
      if (n <= 0) continue;
      if (arrivals === 'synchronous' || o.cg || o.g > 1) {
        contenders.push({ weight: n * o.w, p: 1 });
        continue;
      }
      const jitter = (o.service as { jitterMs?: number }).jitterMs ?? 0;
      const poisson = (o.service as { arrival?: string }).arrival === 'poisson';
      const pOne = Math.min(1, (o.service.latencyBudgetMs + winMs + WINDOW_SLACK_MS) / o.service.periodMs);
      if (arrivals === 'service-synchronous' && !poisson) {
        // (own UEs: burst with the tagged one)
        if (own) contenders.push({ weight: n * o.w, p: 1 });
        else contenders.push({ weight: n * o.w, p: Math.min(1, (o.service.latencyBudgetMs + winMs + WINDOW_SLACK_MS + jitter) / o.service.periodMs) });
      } else {
        for (let k = 0; k < n; k++) contenders.push({ weight: o.w, p: pOne });
      }
    }
    const q = r.w > b.nPrb ? 1 : overflowProbability(contenders, cap);
    // The UE's own queue (spec/system.md §2.4): with busy horizon B = min(budget, end of the last
    // allowed transmission) ≤ period − jitter the previous packet is finished when the tagged one
    // arrives (q_self = 0). Otherwise, for periodic arrivals of single-TB packets, the tagged packet can
    // only lose occasions to transmissions of its still-alive predecessors: the own-queue bound
    // replaces ε_verify by min_m [ε_verify(budget − m·gap) + P(M > m)].
    const busyMs = Math.min(r.service.latencyBudgetMs, Math.max(0, ...v.perSize.map((p) => p.latencyLastMs)));
    const poisson = (r.service as { arrival?: string }).arrival === 'poisson';
    const gapMs = r.service.periodMs - jitterOf(r.service);
    let qSelf = 0;
    if (poisson) qSelf = 1 - Math.exp(-busyMs / r.service.periodMs);
    else if (busyMs > gapMs + 1e-12) {
      const oq = r.g === 1 && v.pass ? ownQueueBound(r.cls, r.service, link) : { fail: `with ${r.g} TDM groups` };
      if ('fail' in oq) {
        qSelf = 1;
        rs.push(`a UE's packets overlap: a packet may keep the UE busy ${busyMs.toPrecision(3)} ms (last allowed transmission or the budget) but the next arrives ${gapMs.toPrecision(3)} ms later (period − jitter); the own-queue bound does not apply (${oq.fail})`);
      } else {
        qSelf = Math.max(0, oq.epsilon - eps1);
        rs.push(`note: own queue: up to ${oq.predecessors} earlier packet${oq.predecessors === 1 ? '' : 's'} of the UE alive (occasion gap ${oq.gapMs.toPrecision(3)} ms); P(miss) ≤ ${oq.epsilon.toPrecision(3)} (P(a retransmission among them) ${oq.pRetx.toPrecision(3)}, P(a first transmission still pending) ≤ ${oq.pLateFirst.toPrecision(3)})`);
      }
    }
    const eps = Math.min(1, eps1 + q + qSelf);
    const meets = eps <= r.service.epsilon * (1 + 1e-9);
    if (q > 0) {
      const peak = bwpVerdicts[r.bwpIdx]!.peakPrb[d];
      if (arrivals === 'synchronous' || q >= 1) {
        rs.push(`${b.id} ${d}: ${peak} PRBs when every admitted UE is active (this service ${r.nAtOnce} UE${r.g > 1 ? ` per TDM window (${r.n} in ${r.g} windows)` : ''} × ${r.w} PRB) > ${b.nPrb} PRBs of the BWP`);
      } else rs.push(`${b.id} ${d}: P(the UEs active in a ${winMs} ms window need more than ${b.nPrb} PRBs) ≤ ${q.toPrecision(3)} (peak ${peak} PRBs)`);
    }
    if (v.pass && !meets && q < 1 && qSelf < 1) rs.push(`P(miss) ≤ ${eps.toPrecision(3)} = ${eps1.toPrecision(3)} (single UE) + ${q.toPrecision(3)} (contention)${qSelf > 0 ? ` + ${qSelf.toPrecision(3)} (own queue)` : ''} > epsilon ${r.service.epsilon}`);
    const pass = v.pass && meets && r.w <= b.nPrb && qSelf < 1;
    return { ...base, pass, epsilonAchieved: eps, epsilonSingleUe: eps1, contentionBound: q, latencyMs, widthPrb: r.w, tdmGroups: r.g, windowMs: r.windowMs, meanLoad: meanShare[i] ?? 0, reasons: rs };
  });

  // 5. Mean load ≤ 1 in every BWP and direction (implied by the bound; checked explicitly).
  const loadByDirection: Record<Direction, number> = { DL: 0, UL: 0 };
  const peakByDirection: Record<Direction, number> = { DL: 0, UL: 0 };
  let loadOk = true;
  for (const bv of bwpVerdicts) {
    for (const d of DIRS) {
      loadByDirection[d] = Math.max(loadByDirection[d], bv.meanLoad[d]);
      peakByDirection[d] = Math.max(peakByDirection[d], bv.peakLoad[d]);
      if (bv.meanLoad[d] > 1) {
        loadOk = false;
        reasons.push(`${bv.id} ${d}: mean load ${(bv.meanLoad[d] * 100).toFixed(1)} % > 100 %`);
      }
    }
  }
  const admitted = out.filter((s) => s.admittedUes > 0);
  for (const s of admitted) if (!s.pass) reasons.push(`${s.id}: ${s.reasons.join('; ')}`);
  const pass = partitionOk && loadOk && admitted.every((s) => s.pass);
  const by = (x: Record<Direction, number>): ByDirection => ({ DL: fin(x.DL), UL: fin(x.UL) });
  return {
    pass,
    services: out,
    bwps: bwpVerdicts,
    loadByDirection: by(loadByDirection),
    peakByDirection: by(peakByDirection),
    reasons,
    assumptions: systemAssumptions(link, arrivals),
    arrivals,
  };
}

/** The assumptions every system verdict rests on (spec/system.md §2). */
export function systemAssumptions(link: LinkContext, arrivals: ArrivalAssumption): string[] {
  return [
    `single-UE bound of verify for every UE: ${link.linkBudget !== undefined ? `SNR per RE from the link budget at each allocation's width (${budgetText(link.linkBudget, link.bandwidthMHz)})` : `mean SNR ${link.snrDb} dB`}, ${link.fading.kind} fading (diversity ${(link.fading as { diversity?: number }).diversity ?? 1}), HARQ fading ${link.harqFading}, independent across UEs`,
    'one TB per UE and direction at a time, up to 16 HARQ processes in parallel; each UE runs one service; a UE\'s previous packet is finished before its next arrives (busy horizon ≤ period − jitter), or, for periodic single-TB packets, the own-queue bound counts the occasions its alive earlier packets take (channels independent across packets; Poisson arrivals: the overlap probability is added)',
    'a service with G > 1 TDM groups: its UEs burst at one instant per period (frame-synchronous, up to its jitter) and the gNB serves them in G consecutive windows of (budget − jitter)/G with dynamic or SR grants',
    'BWPs on disjoint PRB ranges, one per numerology; 1 guard PRB of the wider SCS between BWPs of different numerology',
    'every UE that can be active gets its class allocation at every occasion it needs while the BWP has the PRBs (work-conserving scheduler, contiguous per-UE PRB ranges; CG UEs hold their reservation at every occasion)',
    arrivals === 'synchronous'
      ? 'arrivals: adversarial (all UEs of all services may burst in the same slot): peak fit'
      : arrivals === 'service-synchronous'
        ? `arrivals: the UEs of one service burst together; services' phases independent and uniform over their periods (activity window = both budgets + jitter + ${WINDOW_SLACK_MS} ms)`
        : `arrivals: every UE's phase independent and uniform over its period (activity window = both budgets + ${WINDOW_SLACK_MS} ms)`,
    'PDCCH/PUCCH capacity, SR and SRS resources not modelled (control channels assumed available)',
  ];
}
