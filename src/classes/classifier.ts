/**
 * classes/classifier: `compileClassifier(classPlan)` — the runtime packet classifier
 * (issue 5 §6; spec/planner.md §8).
 *
 * For every served service the allocation rule of its class (allocationFor: one TB per TTI,
 * m = ⌈bits/TBS(nPrb)⌉ TTIs of the fewest PRBs n with m·TBS(n) ≥ bits) is piecewise constant in
 * the packet size. Compilation enumerates the pieces: for m = 1..M and n = 1..nPrb, the piece
 * (m, n) covers sizes up to m·TBS(n)/8 bytes (TBS is a multiple of 8). Each piece gets one frozen
 * `Assignment`. A call is then a Map lookup of the service id, a bucket table (at most 4,096
 * buckets of 2^b bytes, each holding the first piece that reaches the bucket, so it stays in cache)
 * and a short forward scan over the piece bounds. Nothing is allocated per call. Unknown services, sizes outside
 * [1, maxBytes] and unserved services get frozen `none` assignments with a status; it never throws.
 */
import { tbsFromRe } from '../nr/tbs.js';
import type { Assignment, AssignmentStatus, ClassPlan, PhyClass } from './types.js';

const none = (status: AssignmentStatus): Assignment =>
  Object.freeze({ status, classId: null, nPrb: 0, nTti: 0, mcsTable: '', mcs: -1, tbsBits: 0 });

/** The frozen answers for the three non-'ok' statuses. */
export const UNKNOWN_SERVICE: Assignment = none('unknown-service');
/** Frozen answer for a size outside 1..the service's largest profile size (status 'beyond-profile'). */
export const BEYOND_PROFILE: Assignment = none('beyond-profile');
/** Frozen answer for a service the class plan could not serve (status 'unserved'). */
export const UNSERVED: Assignment = none('unserved');

/** Buckets per service table. */
export const CLASSIFIER_BUCKETS = 4096;

interface ServiceTable {
  readonly maxBytes: number;
  /** Upper size bound (bytes, inclusive) of each piece, ascending. */
  readonly upper: Float64Array;
  readonly pieces: readonly Assignment[];
  /** bucket (size >> shift) → first piece whose upper bound reaches the bucket start. */
  readonly bucket: Uint32Array;
  readonly shift: number;
  readonly unserved: boolean;
}

/** Largest (TTI count × PRB count) table `allocationPieces` builds (a bound, not a model limit). */
const MAX_PIECE_STEPS = 50_000_000;

/** Pieces of the allocation rule of `c` up to `maxBytes` (none when the table would exceed MAX_PIECE_STEPS steps). */
export function allocationPieces(
  c: PhyClass,
  maxBytes: number,
): {
  /** Upper packet-size bound (bytes, inclusive) of each piece, ascending; sizes up to it use that piece. */
  upper: number[];
  /** The frozen 'ok' assignment (nPrb, nTti, tbsBits) of each piece, parallel to `upper`. */
  pieces: Assignment[];
} {
  const tbs = (n: number): number => tbsFromRe(c.nRePerPrb * n, c.qm, c.rateX1024, c.nLayers);
  const tbsMax = tbs(c.nPrb);
  const upper: number[] = [];
  const pieces: Assignment[] = [];
  const maxBits = maxBytes * 8;
  const mMax = Math.max(1, Math.ceil(maxBits / tbsMax));
  // kernel guard: no TBS, or a table beyond MAX_PIECE_STEPS steps (no real class/profile), gives no pieces
  if (!(tbsMax > 0) || !(c.nPrb >= 1) || !(mMax * c.nPrb <= MAX_PIECE_STEPS)) return { upper, pieces };
  // distinct TBS values and the smallest n giving each
  const nList: number[] = [];
  const tList: number[] = [];
  for (let n = 1; n <= c.nPrb; n++) {
    const t = tbs(n);
    if (tList.length === 0 || t > (tList[tList.length - 1] as number)) {
      nList.push(n);
      tList.push(t);
    }
  }
  for (let m = 1; m <= mMax; m++) {
    const lowerBits = (m - 1) * tbsMax; // sizes in (lowerBits, m·tbsMax] use m TTIs
    for (let i = 0; i < tList.length; i++) {
      const capBits = m * (tList[i] as number);
      if (capBits <= lowerBits) continue;
      upper.push(capBits / 8);
      pieces.push(
        Object.freeze({
          status: 'ok' as const,
          classId: c.id,
          nPrb: nList[i] as number,
          nTti: m,
          mcsTable: c.mcsTable,
          mcs: c.mcs,
          tbsBits: tList[i] as number,
        }),
      );
      if (capBits >= maxBits) break;
    }
  }
  return { upper, pieces };
}

/**
 * Compile a ClassPlan into `(serviceId, sizeBytes) => Assignment`. Sizes are rounded up to whole
 * bytes. The returned objects are frozen and shared between calls.
 */
export function compileClassifier(classPlan: ClassPlan): (serviceId: string, sizeBytes: number) => Assignment {
  const byId = new Map<string, PhyClass>();
  for (const c of classPlan.classes) byId.set(c.id, c);
  const tables = new Map<string, ServiceTable>();
  for (const a of classPlan.assignments) {
    const c = byId.get(a.classId);
    const maxBytes = Math.floor(classPlan.maxBytesByService[a.serviceId] ?? 0);
    if (c === undefined || !(maxBytes >= 1)) continue;
    const { upper, pieces } = allocationPieces(c, maxBytes);
    if (pieces.length === 0) continue; // nothing to classify into: the service answers UNKNOWN_SERVICE
    let shift = 0;
    while (maxBytes >> shift >= CLASSIFIER_BUCKETS) shift++;
    const nb = (maxBytes >> shift) + 1;
    const bucket = new Uint32Array(nb);
    let p = 0;
    for (let k = 0; k < nb; k++) {
      const start = Math.max(1, k << shift);
      while (p < upper.length - 1 && (upper[p] as number) < start) p++;
      bucket[k] = p;
    }
    tables.set(a.serviceId, { maxBytes, upper: Float64Array.from(upper), pieces, bucket, shift, unserved: false });
  }
  for (const u of classPlan.unserved) {
    if (!tables.has(u.serviceId)) {
      tables.set(u.serviceId, { maxBytes: 0, upper: new Float64Array(0), pieces: [], bucket: new Uint32Array(0), shift: 0, unserved: true });
    }
  }
  return (serviceId: string, sizeBytes: number): Assignment => {
    const t = tables.get(serviceId);
    if (t === undefined) return UNKNOWN_SERVICE;
    if (t.unserved) return UNSERVED;
    const b = Math.ceil(sizeBytes);
    if (!(b >= 1 && b <= t.maxBytes)) return BEYOND_PROFILE;
    const up = t.upper;
    let lo = t.bucket[b >> t.shift] as number;
    while ((up[lo] as number) < b) lo++;
    return t.pieces[lo] as Assignment;
  };
}
