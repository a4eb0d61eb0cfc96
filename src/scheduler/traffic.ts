/**
 * Scheduler traffic: packet arrivals per flow from a service profile — periodic with jitter,
 * Poisson, and bursts of segmented large packets (an application message larger than
 * `segmentBytes` arrives as ceil(size/segmentBytes) packets at the same instant sharing one
 * deadline, like a PDU set of TS 23.501 §5.37.5 / TR 38.838 XR frames).
 *
 * The generator is seeded and independent of the scheduler (common random numbers: every policy
 * sees the same arrivals for the same seed). Each flow starts at a random phase in [0, period).
 */
import type { Rng } from '../core/rng.js';
import { exponential } from '../core/rng.js';
import type { SchedulerArrival } from './step.js';

export interface TrafficProfile {
  readonly arrival: 'periodic' | 'poisson';
  /** Period (periodic) or mean inter-arrival time (Poisson), ms. */
  readonly periodMs: number;
  /** Periodic only: each arrival is delayed by U(0, jitterMs) from its nominal time (clamped below the period). */
  readonly jitterMs: number;
  /** Message sizes, drawn uniformly. */
  readonly sizesBytes: readonly number[];
  /** Messages larger than this are segmented into packets of at most this size (0 = never). */
  readonly segmentBytes: number;
}

/** A traffic generator over all flows of a simulation. */
export interface TrafficSource {
  /** Arrivals of tick `tick`, sorted by offset then flow (a fresh array). */
  readonly next: (tick: number) => SchedulerArrival[];
}

export function makeTraffic(profiles: readonly TrafficProfile[], baseSymbolMs: number, rng: Rng): TrafficSource {
  const n = profiles.length;
  const nominal = new Float64Array(n);
  const nextAt = new Float64Array(n);
  const jit = profiles.map((p) => Math.min(Math.max(0, p.jitterMs), p.periodMs * 0.999));
  for (let i = 0; i < n; i++) {
    const p = profiles[i]!;
    if (p.arrival === 'periodic') {
      nominal[i] = rng.uniform() * p.periodMs;
      nextAt[i] = nominal[i]! + jit[i]! * rng.uniform();
    } else {
      nextAt[i] = exponential(rng, p.periodMs);
    }
  }
  const tickMs = 14 * baseSymbolMs;
  // Earliest next arrival over all flows: ticks before it are answered without scanning the flows.
  let minNext = Infinity;
  for (let i = 0; i < n; i++) if (nextAt[i]! < minNext) minNext = nextAt[i]!;
  return {
    next: (tick: number): SchedulerArrival[] => {
      const out: SchedulerArrival[] = [];
      const t0 = tick * tickMs;
      const t1 = t0 + tickMs;
      if (minNext >= t1) return out;
      for (let i = 0; i < n; i++) {
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
      }
      minNext = Infinity;
      for (let i = 0; i < n; i++) if (nextAt[i]! < minNext) minNext = nextAt[i]!;
      if (out.length > 1) out.sort((a, b) => a.offsetSymbols - b.offsetSymbols || a.flow - b.flow);
      return out;
    },
  };
}
