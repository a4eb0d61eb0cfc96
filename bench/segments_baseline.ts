/**
 * bench/segments_baseline: link/segments.ts as it was before issue 18 (main f78c687), kept verbatim
 * (imports adjusted) as the same-process baseline of bench/relax.bench.ts, which also checks that the
 * optimised kernel answers bit for bit the same on every recorded input.
 */
import { goldenSection } from '../src/core/golden.js';

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
 * P(N > b) for N = Σ_{i=1}^{n} min(A_i − 1, c_i), c_i = min(k − 1, ⌊(n + 1 − i + b)/R⌋), with
 * P(A > j) = e[j] (e[0] = 1; clamped into [0, 1] and made non-increasing). n ≥ 0 segments before the
 * last, 1 ≤ k ≤ 8, R ≥ 1 slots, b an integer (b < 0: 1).
 */
export function displacementTail(n: number, e: ArrayLike<number>, k: number, b: number, rttSlots: number): number {
  if (!(n >= 1) || k <= 1) return 0;
  if (!(b >= 0)) return 1;
  if (k > 8) return 1; // (at most 4 transmissions in NR HARQ here; never reached)
  const R = rttSlots >= 1 ? Math.floor(rttSlots) : 1;
  const m = n + 1;
  // segments per truncation level and N's largest value, in O(k): c_i ≥ c ⇔ m − i + b ≥ c·R ⇔
  // i ≤ m + b − c·R, so #{i ≤ n : c_i ≥ c} = clamp(m + b − c·R, 0, n)
  countByC.fill(0);
  let maxN = 0;
  let atLeastNext = 0;
  for (let c = k - 1; c >= 1; c--) {
    const atLeast = Math.min(n, Math.max(0, m + b - c * R));
    countByC[c] = atLeast - atLeastNext;
    atLeastNext = atLeast;
    maxN += atLeast;
  }
  if (b >= maxN) return 0;
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
  return exactTail(k, b);
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
      for (let x = 0; x <= top; x++) {
        const v = dist[x] as number;
        if (v === 0) continue;
        for (let j = 0; j <= c; j++) {
          const y = x + j;
          if (y <= b) next[y] = (next[y] as number) + v * (p[j] as number);
          else over += v * (p[j] as number);
        }
      }
      const t = dist;
      dist = next;
      next = t;
      top = newTop;
    }
  }
  return over > 1 ? 1 : over;
}

function chernoffTail(k: number, b: number): number {
  // g(θ) = Σ_c n_c·ln E[e^(θ·min(A−1, c))] − θ(b + 1), convex; golden-section search on [0, 60] (any
  // θ gives an upper bound, so 32 steps — a bracket of 60·0.618^32 ≈ 1e-5 — are plenty)
  const g = (th: number): number => {
    let s = -th * (b + 1);
    for (let c = 1; c < k; c++) {
      const n = countByC[c] as number;
      if (n === 0) continue;
      const p = probs[c] as Float64Array;
      let mgf = 0;
      for (let j = 0; j <= c; j++) mgf += (p[j] as number) * Math.exp(th * j);
      s += n * Math.log(mgf);
    }
    return s;
  };
  const r = goldenSection(g, 0, 60, 32);
  const v = Math.exp(Math.min(r.f1, r.f2, g(0)));
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
): number {
  if (!(k0 >= 1) || !(k0 <= 64)) return 1; // (kernel guard: k0 ≤ 4 in NR; never an endless loop)
  const m = Math.max(1, Math.round(segments));
  const K = k0;
  const eK = clamp01(e[K] as number);
  let miss = eK >= 1 ? 1 : -Math.expm1(m * Math.log1p(-eK));
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
    miss += w * displacementTail(m - 1, e, K, b, rtt);
    if (miss >= 1) return 1;
  }
  return miss;
}
