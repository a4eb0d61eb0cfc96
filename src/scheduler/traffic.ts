/**
 * Scheduler traffic: packet arrivals per flow from a service profile — periodic with jitter,
 * Poisson, and bursts of segmented large packets (an application message larger than
 * `segmentBytes` arrives as ceil(size/segmentBytes) packets at the same instant sharing one
 * deadline, like a PDU set of TS 23.501 §5.37.5 / TR 38.838 XR frames).
 *
 * The generator is seeded and independent of the scheduler (common random numbers: every policy
 * sees the same arrivals for the same seed). Each flow starts at a random phase in [0, period),
 * or at its fixed `phaseMs` (frame-synchronous bursts, TDM windows of a system plan).
 */
import type { Rng } from '../core/rng.js';
import { exponential } from '../core/rng.js';
import type { SchedulerArrival } from './step.js';

/** Arrival process of one flow (one UE's traffic of a service class). */
export interface TrafficProfile {
  /** Arrival process: 'periodic' (fixed period plus jitter, random initial phase) or 'poisson' (exponential inter-arrival times). */
  readonly arrival: 'periodic' | 'poisson';
  /** Period (periodic) or mean inter-arrival time (Poisson), ms. */
  readonly periodMs: number;
  /** Periodic only: each arrival is delayed by U(0, jitterMs) from its nominal time (clamped below the period). */
  readonly jitterMs: number;
  /** Message sizes, drawn uniformly. */
  readonly sizesBytes: readonly number[];
  /** Messages larger than this are segmented into packets of at most this size (0 = never). */
  readonly segmentBytes: number;
  /**
   * Periodic only: the first nominal arrival, ms (default uniform in [0, period)). Fixed phases
   * simulate frame-synchronous bursts and TDM windows (spec/system.md §5); the random draw is made
   * either way, so the other flows see the same random stream.
   */
  readonly phaseMs?: number;
}

/** A traffic generator over all flows of a simulation. */
export interface TrafficSource {
  /**
   * Arrivals of tick `tick`, sorted by offset then flow. The array and its entries are the
   * generator's own and are rewritten by the next call (no allocation on the steady path,
   * spec/scheduler.md §10.6): copy what you keep.
   */
  readonly next: (tick: number) => readonly SchedulerArrival[];
}

/**
 * Seeded arrival generator for `profiles` (one per flow). `baseSymbolMs` is the base OFDM symbol
 * duration in ms (a tick is 14 of them); arrival offsets within a tick are in base symbols (0..13).
 * Stateful: call `next` for ticks 0, 1, 2, ... in order (an arrival not yet emitted is clamped to offset 0).
 */
export function makeTraffic(profiles: readonly TrafficProfile[], baseSymbolMs: number, rng: Rng): TrafficSource {
  const n = profiles.length;
  const nominal = new Float64Array(n);
  const nextAt = new Float64Array(n);
  const jit = profiles.map((p) => Math.min(Math.max(0, p.jitterMs), p.periodMs * 0.999));
  for (let i = 0; i < n; i++) {
    const p = profiles[i]!;
    if (p.arrival === 'periodic') {
      const u = rng.uniform();
      nominal[i] = p.phaseMs !== undefined && Number.isFinite(p.phaseMs) && p.phaseMs >= 0 ? p.phaseMs : u * p.periodMs;
      nextAt[i] = nominal[i]! + jit[i]! * rng.uniform();
    } else {
      nextAt[i] = exponential(rng, p.periodMs);
    }
  }
  const tickMs = 14 * baseSymbolMs;
  // Binary min-heap of flow indices keyed by their next arrival time: a tick visits only the flows
  // due in it. They are then served in index order, so the generator is drawn in the same order as
  // a scan over all flows would (the traffic of a seed does not depend on this index structure).
  // Each entry carries its key (a flow's nextAt changes only while it is out of the heap), so a
  // comparison reads the heap's own two arrays.
  const heap = new Int32Array(n);
  const heapAt = new Float64Array(n);
  let size = 0;
  const push = (f: number): void => {
    const key = nextAt[f]!;
    let i = size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const uk = heapAt[up]!;
      if (!(key < uk || (key === uk && f < heap[up]!))) break;
      heap[i] = heap[up]!;
      heapAt[i] = uk;
      i = up;
    }
    heap[i] = f;
    heapAt[i] = key;
  };
  const pop = (): number => {
    const top = heap[0]!;
    size--;
    if (size > 0) {
      const f = heap[size]!;
      const key = heapAt[size]!;
      let i = 0;
      for (;;) {
        let m = 2 * i + 1;
        if (m >= size) break;
        const r = m + 1;
        if (r < size && (heapAt[r]! < heapAt[m]! || (heapAt[r] === heapAt[m] && heap[r]! < heap[m]!))) m = r;
        if (!(heapAt[m]! < key || (heapAt[m] === key && heap[m]! < f))) break;
        heap[i] = heap[m]!;
        heapAt[i] = heapAt[m]!;
        i = m;
      }
      heap[i] = f;
      heapAt[i] = key;
    }
    return top;
  };
  for (let i = 0; i < n; i++) push(i);
  const due = new Int32Array(n);
  // The tick's arrivals in generation order (records reused from tick to tick), the sorted output
  // (reused too), and the offset counts of the sort.
  const gen: { flow: number; offsetSymbols: number; sizeBytes: number }[] = [];
  const out: SchedulerArrival[] = [];
  const count = new Int32Array(15);
  const none: readonly SchedulerArrival[] = Object.freeze([]);
  let nGen = 0;
  const emit = (flow: number, offsetSymbols: number, sizeBytes: number): void => {
    const r = gen[nGen];
    if (r === undefined) gen.push({ flow, offsetSymbols, sizeBytes });
    else {
      r.flow = flow;
      r.offsetSymbols = offsetSymbols;
      r.sizeBytes = sizeBytes;
    }
    nGen++;
  };
  return {
    next: (tick: number): readonly SchedulerArrival[] => {
      const t0 = tick * tickMs;
      const t1 = t0 + tickMs;
      if (size === 0 || heapAt[0]! >= t1) return none;
      nGen = 0;
      let nDue = 0;
      while (size > 0 && heapAt[0]! < t1) due[nDue++] = pop();
      for (let a = 1; a < nDue; a++) {
        // insertion sort: a handful of flows per tick
        const x = due[a]!;
        let b = a - 1;
        while (b >= 0 && due[b]! > x) {
          due[b + 1] = due[b]!;
          b--;
        }
        due[b + 1] = x;
      }
      for (let k = 0; k < nDue; k++) {
        const i = due[k]!;
        const p = profiles[i]!;
        while (nextAt[i]! < t1) {
          const at = nextAt[i]!;
          const offset = Math.min(13, Math.max(0, Math.floor((at - t0) / baseSymbolMs)));
          const sizes = p.sizesBytes;
          const size = sizes.length === 1 ? sizes[0]! : sizes[Math.min(sizes.length - 1, Math.floor(rng.uniform() * sizes.length))]!;
          if (p.segmentBytes > 0 && size > p.segmentBytes) {
            let left = size;
            while (left > 0) {
              const s = Math.min(left, p.segmentBytes);
              emit(i, offset, s);
              left -= s;
            }
          } else emit(i, offset, size);
          if (p.arrival === 'periodic') {
            nominal[i] = nominal[i]! + p.periodMs;
            nextAt[i] = nominal[i]! + jit[i]! * rng.uniform();
          } else nextAt[i] = at + exponential(rng, p.periodMs);
        }
        push(i);
      }
      // Sort by (offset, flow), stably: flows were visited in index order, so within one offset the
      // arrivals are already in flow order (one flow's in generation order), and a stable counting
      // sort on the 14 offsets gives the order of the stable insertion sort by (offset, flow) it
      // replaces (that one was O(n²) in the arrivals of a tick, ~70 at 1,000 UEs).
      count.fill(0);
      for (let a = 0; a < nGen; a++) count[gen[a]!.offsetSymbols + 1]!++;
      for (let o = 1; o < 15; o++) count[o] = count[o]! + count[o - 1]!;
      if (out.length !== nGen) out.length = nGen;
      for (let a = 0; a < nGen; a++) out[count[gen[a]!.offsetSymbols]!++] = gen[a]!;
      return out;
    },
  };
}
