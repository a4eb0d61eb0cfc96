/**
 * classes/allocation: the rule that turns one packet into PRBs and TTIs for a PHY class
 * (issue 5 §2; spec/planner.md §2.2).
 *
 * One transport block per TTI. A packet that fits in one TTI at the class's PRB budget gets the
 * fewest PRBs whose TBS (TS 38.214 §5.1.3.2, via `tbsFromRe`) carries it. A larger packet is
 * segmented over m = ⌈bits / TBS(nPrb)⌉ consecutive TTIs, and each TTI gets the fewest PRBs n with
 * m·TBS(n) ≥ bits (so the segments are equal and no TTI is wasted). Latency counts to the last TTI.
 * TBS is non-decreasing in the PRB count, so both steps are a division and a binary search.
 */
import { tbsFromRe } from '../nr/tbs.js';
import type { Allocation, PhyClass } from './types.js';

/** Shape of the class fields the allocation rule reads. */
export interface AllocationShape {
  /** Data resource elements per PRB per TTI, min(156, N'_RE) (TS 38.214 §5.1.3.2). */
  readonly nRePerPrb: number;
  /** Modulation order Qm, bits per symbol (2, 4, 6, 8, 10). */
  readonly qm: number;
  /** Target code rate R × 1024 (TS 38.214 Table 5.1.3.1-x). */
  readonly rateX1024: number;
  /** Number of layers υ per codeword used in the TBS. */
  readonly nLayers: number;
  /** PRB budget per TTI (the maximum the rule may use). */
  readonly nPrb: number;
}

/** TBS (bits) of one TTI of `shape` at `nPrb` PRBs. */
export function classTbsBits(shape: AllocationShape, nPrb: number): number {
  return tbsFromRe(shape.nRePerPrb * nPrb, shape.qm, shape.rateX1024, shape.nLayers);
}

/**
 * Hot kernel: allocation of a packet of `sizeBits` bits, written into `out` as
 * [nPrb, nTti, tbsBits]. Allocates nothing. `sizeBits ≤ 0` (or not finite) gives [0, 0, 0].
 */
export function allocateInto(
  nRePerPrb: number,
  qm: number,
  rateX1024: number,
  nLayers: number,
  maxPrb: number,
  sizeBits: number,
  out: Float64Array | number[],
): void {
  // maxPrb ≤ 2^30 keeps the bisection's `>>> 1` exact (a larger value is no carrier; answered as nothing)
  if (!(sizeBits > 0) || !Number.isFinite(sizeBits) || !(maxPrb >= 1 && maxPrb <= 1_073_741_824)) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const tbsMax = tbsFromRe(nRePerPrb * maxPrb, qm, rateX1024, nLayers);
  if (!(tbsMax > 0)) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const m = Math.ceil(sizeBits / tbsMax);
  // smallest n in [1, maxPrb] with m·TBS(n) ≥ sizeBits (exists: n = maxPrb qualifies)
  let lo = 1;
  let hi = maxPrb;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m * tbsFromRe(nRePerPrb * mid, qm, rateX1024, nLayers) >= sizeBits) hi = mid;
    else lo = mid + 1;
  }
  out[0] = lo;
  out[1] = m;
  out[2] = lo === maxPrb ? tbsMax : tbsFromRe(nRePerPrb * lo, qm, rateX1024, nLayers);
}

/**
 * PRBs per TTI, number of TTIs and TBS per TTI for a packet of `sizeBytes` on class `c`.
 * Sizes ≤ 0 or not finite give { nPrb: 0, nTti: 0, tbsBits: 0 } (nothing to send).
 */
export function allocationFor(c: PhyClass | AllocationShape, sizeBytes: number): Allocation {
  const out = [0, 0, 0];
  allocateInto(c.nRePerPrb, c.qm, c.rateX1024, c.nLayers, c.nPrb, sizeBytes * 8, out);
  return { nPrb: out[0] ?? 0, nTti: out[1] ?? 0, tbsBits: out[2] ?? 0 };
}
