/**
 * link/segments: the deadline-miss probability of a packet sent as m transport blocks (segments),
 * one TB at a time, each with HARQ — counting that a retransmission of an earlier segment takes the
 * transmission opportunity of a later one and so pushes the last segment back.
 *
 * Why it matters: a UE sends one TB at a time per direction on a carrier (one PDSCH/PUSCH per
 * scheduling occasion; TS 38.214 §5.1 and §6.1 — and the simulator, spec/scheduler.md), and a
 * gNB retransmits before it sends new data (the simulator does), so when the HARQ round trip is
 * shorter than the packet the retransmissions of its first segments are sent in occasions that
 * would have carried later ones. Ignoring this over-promises a class whose last segment only just
 * fits its deadline (measured: 2.7 % promised, 11.7 % simulated; spec/planner.md §3.2).
 *
 * Model (time in attempts: one attempt = r occasions, at most `unitMs` long). Segment i (1..m)
 * needs A_i attempts, i.i.d., P(A_i > j) = e_j (the residual error after j transmissions). Without
 * displacement segment i is first sent in attempt slot i − 1 and the last segment's k-th attempt
 * ends at lat_k; a failed attempt is eligible for retransmission R slots later (R = the shortest
 * HARQ round trip in whole slots, rounded down). Displacement of the last segment:
 * - before its first attempt every eligible retransmission is sent before new data; a
 *   retransmission (i, j) (segment i's j-th) is eligible no earlier than slot i − 1 + j·R (delays
 *   only postpone it), so the number sent before the last segment's first attempt is at most the
 *   least x with N(x) ≤ x, N(x) = #{(i, j) : A_i > j, i − 1 + j·R ≤ m − 1 + x}, and it exceeds b
 *   only if N(b) > b;
 * - after it only retransmissions remain. Attempts end in distinct slots (one TB at a time), so with
 *   one round-trip time for every attempt at most one retransmission becomes eligible per slot and,
 *   served in eligibility order at one per slot, none waits: the last segment is not delayed further.
 *   When the round trips differ between attempts (rttMinMs < rttMaxMs) two may become eligible
 *   together, and one slot per round trip before attempt a, a − 1 in all, is reserved.
 * Let K = k0 (the attempts of the last segment that fit without displacement), B_a = ⌊(D − lat_a)/unitMs⌋
 * (less the reserve) the slots attempt a of the last segment can be pushed back, and N_K count
 * only j ≤ K − 1 (a segment that needs more than K attempts is a miss anyway). The last segment's
 * attempts do not depend on the earlier ones, and it is late iff it needs a attempts and is pushed
 * back more than B_a slots, so
 *
 *   P(miss) ≤ 1 − (1 − e_K)^m + Σ_{a=1..K} (e_{a−1} − e_a)·P(N_K(B_a) > B_a),
 *   N_K(b) = Σ_{i<m} min(A_i − 1, c_i),  c_i = min(K − 1, ⌊(m − i + b)/R⌋).
 *
 * With m = 1, or slack for every retransmission the earlier segments can make, it is the classic
 * 1 − (1 − e_K)^m. P(N > b) is exact (convolution of the independent truncated counts,
 * the mass above b summed directly) when the work (segments counted × (b + 1) × k) is at most
 * 4·10^5, else the Chernoff bound inf_θ e^(−θ(b+1))·Π_i E[e^(θ·min(A_i−1, c_i))] (an upper bound);
 * also that bound when it is below 1e-12 (tried when b is 8 standard deviations above the mean of N),
 * which saves the convolution.
 * Checked against the simulator (test/scheduler/verify-agreement.test.ts) and brute force (test/link/segments.test.ts).
 *
 * Dependence between segments (`anyDependence`). The A_i above are independent only when every
 * transmission sees its own fade (or none). Under fading correlated in time, the TBs of one packet, sent
 * milliseconds apart, share their fades: for a slow UE, when one segment needs retransmissions, so do the
 * others. Then 1 − (1 − e_K)^m and the products above under-state the miss (measured: UAV telemetry
 * planned at 0.5 km/h promised 8.6e-4 and missed 1.39e-3 of 200,000 packets in the simulator;
 * spec/planner.md §3.2). With `anyDependence` the bound uses only each segment's own distribution, and
 * holds whatever the joint law of (A_1, …, A_m):
 *
 *   P(miss) ≤ min(1, m·e_K) + Σ_{a=1..K} min(e_{a−1} − e_a, T(B_a)),
 *
 * the union bound for "some segment needs more than K attempts", the Fréchet bound P(X ∩ Y) ≤ min(P(X), P(Y))
 * for "the last segment needs a attempts and is pushed back more than B_a slots", and T(b) ≥ P(N_K(b) > b) the
 * dual bound of `displacementTailAnyDependence` (a Markov-type bound on the sum over thresholds).
 */

import { goldenSection } from '../core/golden.js';

/** Work limit of the exact convolution: (segments counted)·(b + 1)·k multiply-adds. */
const EXACT_WORK = 400_000;

let dist = new Float64Array(64);
let next = new Float64Array(64);
/** Per truncation c (0..7): how many segments have it, and the distribution of min(A − 1, c). */
const countByC = new Int32Array(8);
const probs: Float64Array[] = Array.from({ length: 8 }, () => new Float64Array(8));

function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : x === x ? 0 : 1;
}

/**
 * Segments per truncation level into `countByC` (c = 1..k − 1; the rest 0), in O(k), and N's largest value
 * Σ c_i: c_i ≥ c ⇔ m − i + b ≥ c·R ⇔ i ≤ m + b − c·R, so #{i ≤ n : c_i ≥ c} = clamp(m + b − c·R, 0, n)
 * (m = n + 1, R = the round trip in whole slots, at least 1).
 */
function countLevels(n: number, k: number, b: number, rttSlots: number): number {
  const R = rttSlots >= 1 ? Math.floor(rttSlots) : 1;
  const m = n + 1;
  countByC.fill(0);
  let maxN = 0;
  let atLeastNext = 0;
  for (let c = k - 1; c >= 1; c--) {
    const atLeast = Math.min(n, Math.max(0, m + b - c * R));
    countByC[c] = atLeast - atLeastNext;
    atLeastNext = atLeast;
    maxN += atLeast;
  }
  return maxN;
}

/**
 * P(N > b) for N = Σ_{i=1}^{n} min(A_i − 1, c_i), c_i = min(k − 1, ⌊(n + 1 − i + b)/R⌋), with
 * P(A > j) = e[j] (e[0] = 1; clamped into [0, 1] and made non-increasing). n ≥ 0 segments before the
 * last, 1 ≤ k ≤ 8, R ≥ 1 slots, b an integer (b < 0: 1).
 */
export function displacementTail(n: number, e: ArrayLike<number>, k: number, b: number, rttSlots: number, memo?: DisplacementTailMemo): number {
  if (!(n >= 1) || k <= 1) return 0;
  if (!(b >= 0)) return 1;
  if (k > 8) return 1; // (at most 4 transmissions in NR HARQ here; never reached)
  if (b >= countLevels(n, k, b, rttSlots)) return 0;
  // e made non-increasing, then the distribution of min(A − 1, c) per c
  const ee = [1, 1, 1, 1, 1, 1, 1, 1, 1];
  for (let j = 1; j <= k; j++) ee[j] = Math.min(ee[j - 1] as number, clamp01(e[j] as number));
  let counted = 0;
  for (let c = 1; c < k; c++) {
    const p = probs[c] as Float64Array;
    for (let j = 0; j < c; j++) p[j] = (ee[j] as number) - (ee[j + 1] as number);
    p[c] = ee[c] as number;
    counted += countByC[c] as number;
  }
  // far above the mean the Chernoff bound is negligible and far cheaper than the convolution
  // mean and variance of N: the Chernoff bound is tried first only where it can be negligible
  // (b beyond 8 standard deviations above the mean), else it would be computed for nothing
  let mean = 0;
  let variance = 0;
  for (let c = 1; c < k; c++) {
    const n = countByC[c] as number;
    if (n === 0) continue;
    const p = probs[c] as Float64Array;
    let m1 = 0;
    let m2 = 0;
    for (let j = 1; j <= c; j++) {
      m1 += j * (p[j] as number);
      m2 += j * j * (p[j] as number);
    }
    mean += n * m1;
    variance += n * (m2 - m1 * m1);
  }
  const big = counted * (b + 1) * k > EXACT_WORK;
  if (big || b > mean + 8 * Math.sqrt(variance)) {
    const ch = chernoffTail(k, b);
    if (big || ch < NEGLIGIBLE) return ch;
  }
  return memo === undefined ? exactTail(k, b) : memo.exact(k, b);
}

/** A Chernoff tail below this is returned as is (an upper bound) instead of the exact tail. */
const NEGLIGIBLE = 1e-12;

function exactTail(k: number, b: number): number {
  const size = b + 1;
  if (dist.length < size) {
    dist = new Float64Array(Math.max(size, 2 * dist.length));
    next = new Float64Array(dist.length);
  }
  dist.fill(0, 0, size);
  dist[0] = 1;
  let over = 0; // mass already above b (it only grows: every count is ≥ 0)
  let top = 0; // highest index with mass
  for (let c = 1; c < k; c++) {
    const p = probs[c] as Float64Array;
    for (let s = countByC[c] as number; s > 0; s--) {
      const newTop = Math.min(b, top + c);
      next.fill(0, 0, newTop + 1);
      // the products in the same order as one loop over j with a branch on y ≤ b: for each x, the
      // j that stay at or below b (into next), then the rest (into over), ascending — bit for bit
      // the same sums, without a test per product
      for (let x = 0; x <= top; x++) {
        const v = dist[x] as number;
        if (v === 0) continue;
        const inside = b - x < c ? b - x : c;
        for (let j = 0; j <= inside; j++) next[x + j] = (next[x + j] as number) + v * (p[j] as number);
        for (let j = inside + 1; j <= c; j++) over += v * (p[j] as number);
      }
      const t = dist;
      dist = next;
      next = t;
      top = newTop;
    }
  }
  return over > 1 ? 1 : over;
}

/**
 * `exactTail(k, b')` for every b' = 0..b at once, into out[0..b], for the counts and distributions set
 * up by displacementTail — bit for bit what `exactTail(k, b')` returns whenever those counts and
 * distributions are the ones it would set up for b' (the memo checks that in its key). Why: the
 * truncated distribution at indices ≤ b' is the same in a run truncated at b ≥ b' (the same products
 * summed in the same order: an index y ≤ b' only receives mass from x ≤ y), and a run truncated at b'
 * adds to its mass above b' exactly the products v·p_j with x ≤ b' < x + j, in the order (step, x, j);
 * here each product is added to the tail of every b' in [x, x + j − 1] in that same order.
 */
function exactTails(k: number, b: number, out: Float64Array): void {
  const size = b + 1;
  if (dist.length < size) {
    dist = new Float64Array(Math.max(size, 2 * dist.length));
    next = new Float64Array(dist.length);
  }
  dist.fill(0, 0, size);
  dist[0] = 1;
  out.fill(0, 0, size);
  let top = 0;
  for (let c = 1; c < k; c++) {
    const p = probs[c] as Float64Array;
    for (let s = countByC[c] as number; s > 0; s--) {
      const newTop = Math.min(b, top + c);
      next.fill(0, 0, newTop + 1);
      for (let x = 0; x <= top; x++) {
        const v = dist[x] as number;
        if (v === 0) continue;
        for (let j = 0; j <= c; j++) {
          const y = x + j;
          const vp = v * (p[j] as number);
          if (y <= b) next[y] = (next[y] as number) + vp;
          // above b' for b' = x..y − 1 (those runs reach x: x ≤ b')
          const last = y - 1 < b ? y - 1 : b;
          for (let bb = x; bb <= last; bb++) out[bb] = (out[bb] as number) + vp;
        }
      }
      const t = dist;
      dist = next;
      next = t;
      top = newTop;
    }
  }
  for (let bb = 0; bb <= b; bb++) if ((out[bb] as number) > 1) out[bb] = 1;
}

/**
 * A bounded memo of the exact displacement tails (issue 18): per (k, segments per truncation level,
 * distributions) the tails of every b up to the largest asked so far, computed in one pass
 * (`exactTails`). Pure — a hit returns exactly what the convolution returns, so no answer depends on
 * what was computed before; emptied when it holds `limit` entries. The planner keeps one in its
 * PlannerCache (classes/cache.ts) and passes it through `segmentedMissProbability`.
 */
export class DisplacementTailMemo {
  private readonly table = new Map<string, Float64Array>();
  hits = 0;
  misses = 0;
  evictions = 0;
  constructor(readonly limit = 20_000) {}

  /** Entries held. */
  get size(): number {
    return this.table.size;
  }

  /** Empty the table (statistics kept). */
  clear(): void {
    this.table.clear();
  }

  /** exactTail(k, b) for the counts and distributions displacementTail has just set up. */
  exact(k: number, b: number): number {
    let key = `${k}`;
    for (let c = 1; c < k; c++) key += `|${countByC[c] as number}`;
    for (let c = 1; c < k; c++) {
      const cnt = countByC[c] as number;
      if (cnt === 0) continue;
      const p = probs[c] as Float64Array;
      key += `|${c}:`;
      for (let j = 0; j <= c; j++) key += `${p[j] as number},`;
    }
    const hit = this.table.get(key);
    if (hit !== undefined && hit.length > b) {
      this.hits++;
      return hit[b] as number;
    }
    this.misses++;
    const out = new Float64Array(b + 1);
    exactTails(k, b, out);
    if (hit === undefined && this.table.size >= this.limit) {
      this.table.clear();
      this.evictions++;
    }
    this.table.set(key, out);
    return out[b] as number;
  }
}

/** The inputs of `chernoffExponent` for the current `chernoffTail` call (module scratch, written before every use). */
let chK = 0;
let chB = 0;
const expJ = new Float64Array(8);

/**
 * g(θ) = Σ_c n_c·ln E[e^(θ·min(A−1, c))] − θ(b + 1) for the counts and distributions set up by
 * displacementTail and k, b in chK, chB. e^(θj) is computed once per j and shared by every c: the
 * same IEEE operations in the same order as a sum that calls exp per (c, j), so the same bits.
 */
function chernoffExponent(th: number): number {
  let s = -th * (chB + 1);
  let jMax = 0;
  for (let c = chK - 1; c >= 1; c--) {
    if ((countByC[c] as number) !== 0) {
      jMax = c;
      break;
    }
  }
  for (let j = 0; j <= jMax; j++) expJ[j] = Math.exp(th * j);
  for (let c = 1; c < chK; c++) {
    const n = countByC[c] as number;
    if (n === 0) continue;
    const p = probs[c] as Float64Array;
    let mgf = 0;
    for (let j = 0; j <= c; j++) mgf += (p[j] as number) * (expJ[j] as number);
    s += n * Math.log(mgf);
  }
  return s;
}

function chernoffTail(k: number, b: number): number {
  // g (chernoffExponent) is convex; golden-section search on [0, 60] (any θ gives an upper bound,
  // so 32 steps — a bracket of 60·0.618^32 ≈ 1e-5 — are plenty)
  chK = k;
  chB = b;
  const r = goldenSection(chernoffExponent, 0, 60, 32);
  const v = Math.exp(Math.min(r.f1, r.f2, chernoffExponent(0)));
  return v !== v || v > 1 ? 1 : v;
}

/**
 * The bound above: P(miss) of an m-segment packet, in [0, 1], never NaN. `e[t]` (t = 1..k0): the
 * residual error after t transmissions; k0: the last segment's attempts that fit without
 * displacement (0: not even the first: 1 is returned); `slackMs[t]` = D − lat_t for t = 1..k0;
 * `unitMs`: the longest time one attempt (r occasions) can take; `rttMinMs`, `rttMaxMs`: the shortest
 * and longest HARQ round trip between consecutive attempts of a TB (start to start, = end to end).
 */
export function segmentedMissProbability(
  segments: number,
  e: ArrayLike<number>,
  k0: number,
  slackMs: ArrayLike<number>,
  unitMs: number,
  rttMinMs: number,
  rttMaxMs: number = rttMinMs,
  memo?: DisplacementTailMemo,
  anyDependence = false,
): number {
  if (!(k0 >= 1) || !(k0 <= 64)) return 1; // (kernel guard: k0 ≤ 4 in NR; never an endless loop)
  const m = Math.max(1, Math.round(segments));
  const K = k0;
  let miss = someSegmentFails(e[K] as number, m, anyDependence);
  if (m === 1 || miss >= 1) return miss;
  const rtt = unitMs > 0 && rttMinMs > 0 ? Math.max(1, Math.floor(rttMinMs / unitMs + 1e-9)) : 1;
  const oneRtt = rttMaxMs - rttMinMs <= 1e-9;
  // the last segment needs exactly a attempts with probability e_{a−1} − e_a and is then late iff
  // the earlier segments' retransmissions push it back by more than B_a slots
  let prev = 1;
  for (let a = 1; a <= K; a++) {
    const ea = Math.min(prev, clamp01(e[a] as number));
    const w = prev - ea;
    prev = ea;
    if (!(w > 0)) continue;
    const b = unitMs > 0 ? Math.floor((slackMs[a] as number) / unitMs + 1e-9) - (oneRtt ? 0 : a - 1) : -1;
    miss += anyDependence ? Math.min(w, displacementTailAnyDependence(m - 1, e, K, b, rtt)) : w * displacementTail(m - 1, e, K, b, rtt, memo);
    if (miss >= 1) return 1;
  }
  return miss;
}

/**
 * P(some of m segments needs more than its attempts), each failing with probability eK: 1 − (1 − eK)^m for
 * independent segments, the union bound min(1, m·eK) under any dependence (see the header).
 */
export function someSegmentFails(eK: number, m: number, anyDependence = false): number {
  const e = clamp01(eK);
  if (e >= 1) return 1;
  return anyDependence ? Math.min(1, m * e) : -Math.expm1(m * Math.log1p(-e));
}

/**
 * An upper bound on P(N > b), N as in `displacementTail`, that holds whatever the dependence between the
 * earlier segments' attempt counts: with X_i = min(A_i − 1, c_i), s = b + 1 and thresholds t_i with
 * Σ t_i < s, 1{N ≥ s} ≤ (N − Σ t_i)⁺/(s − Σ t_i) ≤ Σ_i (X_i − t_i)⁺/(s − Σ t_i), whose mean is
 * Σ_i Σ_{j=t_i+1..c_i} P(A_i > j)/(s − Σ t_i) (the dual bound on a sum with given marginals: Embrechts &
 * Puccetti 2006, J. Multivariate Anal. 97(2)). Thresholds t_i = min(t, c_i), minimised over t = 0..k − 2
 * (the ratio is monotone between integers). In [0, 1]; 0 when N cannot exceed b, 1 for b < 0.
 */
export function displacementTailAnyDependence(n: number, e: ArrayLike<number>, k: number, b: number, rttSlots: number): number {
  if (!(n >= 1) || k <= 1) return 0;
  if (!(b >= 0)) return 1;
  if (k > 8) return 1; // (as displacementTail)
  if (b >= countLevels(n, k, b, rttSlots)) return 0;
  // e made non-increasing
  const ee = [1, 1, 1, 1, 1, 1, 1, 1, 1];
  for (let j = 1; j <= k; j++) ee[j] = Math.min(ee[j - 1] as number, clamp01(e[j] as number));
  const s = b + 1;
  let best = 1;
  for (let t = 0; t < k - 1; t++) {
    let excess = 0; // Σ_i E[(X_i − t_i)⁺]
    let room = s; // s − Σ_i t_i
    for (let c = 1; c < k; c++) {
      const nc = countByC[c] as number;
      if (nc === 0) continue;
      const ti = Math.min(t, c);
      room -= nc * ti;
      for (let j = ti + 1; j <= c; j++) excess += nc * (ee[j] as number);
    }
    if (room > 0 && excess / room < best) best = excess / room;
  }
  return best;
}
