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
  /** Arrivals of tick `tick`, sorted by offset then flow (a fresh array). */
  readonly next: (tick: number) => SchedulerArrival[];
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
  const due: number[] = [];
  return {
    next: (tick: number): SchedulerArrival[] => {
      const out: SchedulerArrival[] = [];
      const t0 = tick * tickMs;
      const t1 = t0 + tickMs;
      if (size === 0 || heapAt[0]! >= t1) return out;
      due.length = 0;
      while (size > 0 && heapAt[0]! < t1) due.push(pop());
      for (let a = 1; a < due.length; a++) {
        // insertion sort: a handful of flows per tick
        const x = due[a]!;
        let b = a - 1;
        while (b >= 0 && due[b]! > x) {
          due[b + 1] = due[b]!;
          b--;
        }
        due[b + 1] = x;
      }
      for (let k = 0; k < due.length; k++) {
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
              out.push({ flow: i, offsetSymbols: offset, sizeBytes: s });
              left -= s;
            }
          } else out.push({ flow: i, offsetSymbols: offset, sizeBytes: size });
          if (p.arrival === 'periodic') {
            nominal[i] = nominal[i]! + p.periodMs;
            nextAt[i] = nominal[i]! + jit[i]! * rng.uniform();
          } else nextAt[i] = at + exponential(rng, p.periodMs);
        }
        push(i);
      }
      for (let a = 1; a < out.length; a++) {
        // stable insertion sort by (offset, flow): flows were visited in index order
        const x = out[a]!;
        let b = a - 1;
        while (b >= 0 && (out[b]!.offsetSymbols > x.offsetSymbols || (out[b]!.offsetSymbols === x.offsetSymbols && out[b]!.flow > x.flow))) {
          out[b + 1] = out[b]!;
          b--;
        }
        out[b + 1] = x;
      }
      return out;
    },
  };
}
