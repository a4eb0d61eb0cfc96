/**
 * Members (spec/scheduler.md §10.6): the flows an occasion need not visit. A flow is a member of its
 * class while it has a head-packet memo with a static policy rank that packs (an integer in
 * [0, rankMax)) and no retransmission pending; per class the members are kept in a min-heap by packed
 * key (rank·kfC + flow) and in a min-heap by the memo's due time, each entry stamped with the member's
 * generation (an entry whose generation is not the flow's current one is stale and dropped when
 * reached). A member whose due time falls below its class's `lateAfter` at an occasion is marked late
 * and visited by every later scan until it leaves. Plain data (typed arrays): cloned with the engine.
 */

import { grownTo } from '../core/typed.js';

/** Members of the flows of one engine state. */
export interface MemberSets {
  /** Canonical flow factor: the least power of two ≥ max(2, flows). */
  readonly kfC: number;
  /** A member's rank is an integer in [0, rankMax): its key packs exactly under every packing the engine uses. */
  readonly rankMax: number;
  /** Bit fi: flow fi is a member. */
  readonly member: Uint32Array;
  /** Bit fi: member fi was found late (visited in flow order until it leaves). */
  readonly late: Uint32Array;
  /** Per flow: the generation of its membership (bumped when it leaves). */
  readonly gen: Int32Array;
  /** Per flow: its class. */
  readonly cls: Int32Array;
  /** Per class: the bit mask of its flows, and one of its flows (−1: none). */
  readonly classMask: Uint32Array[];
  readonly rep: Int32Array;
  /** Per class: key heap (keys, generations) and its size. */
  readonly kh: Float64Array[];
  readonly kg: Int32Array[];
  readonly kn: Int32Array;
  /** Per class: due heap (due times, flows, generations) and its size. */
  readonly dh: Float64Array[];
  readonly df: Int32Array[];
  readonly dg: Int32Array[];
  readonly dn: Int32Array;
  /** Per class: live members; entry [classes]: all live members. */
  readonly count: Int32Array;
  /** Per class: the fewest PRBs of any member so far (a lower bound over the members). */
  readonly minPrb: Int32Array;
}

export function makeMembers(flowCls: readonly number[], nClasses: number): MemberSets {
  const n = flowCls.length;
  let kfC = 2;
  while (kfC < n) kfC *= 2;
  const words = Math.ceil(n / 32);
  const classMask = Array.from({ length: nClasses }, () => new Uint32Array(words));
  flowCls.forEach((c, fi) => {
    classMask[c]![fi >> 5] = classMask[c]![fi >> 5]! | (1 << (fi & 31));
  });
  return {
    kfC,
    rankMax: 2 ** 52 / (2 * kfC),
    member: new Uint32Array(words),
    late: new Uint32Array(words),
    gen: new Int32Array(n),
    cls: Int32Array.from(flowCls),
    classMask,
    rep: Int32Array.from({ length: nClasses }, (_, c) => flowCls.indexOf(c)),
    kh: Array.from({ length: nClasses }, () => new Float64Array(16)),
    kg: Array.from({ length: nClasses }, () => new Int32Array(16)),
    kn: new Int32Array(nClasses),
    dh: Array.from({ length: nClasses }, () => new Float64Array(16)),
    df: Array.from({ length: nClasses }, () => new Int32Array(16)),
    dg: Array.from({ length: nClasses }, () => new Int32Array(16)),
    dn: new Int32Array(nClasses),
    count: new Int32Array(nClasses + 1),
    minPrb: new Int32Array(nClasses).fill(0x7fffffff),
  };
}

export function isMember(ms: MemberSets, fi: number): boolean {
  return (ms.member[fi >> 5]! & (1 << (fi & 31))) !== 0;
}

export function isLate(ms: MemberSets, fi: number): boolean {
  return (ms.late[fi >> 5]! & (1 << (fi & 31))) !== 0;
}

/** Whether `rank` may be a member's (an integer in [0, rankMax)). */
export function rankPacks(ms: MemberSets, rank: number): boolean {
  return rank >= 0 && rank < ms.rankMax && Math.floor(rank) === rank;
}

/** Flow fi (not a member) joins its class with its memo's rank, due time and PRBs. */
export function memberInsert(ms: MemberSets, fi: number, rank: number, due: number, nPrb: number): void {
  const c = ms.cls[fi]!;
  ms.member[fi >> 5] = ms.member[fi >> 5]! | (1 << (fi & 31));
  ms.count[c]!++;
  ms.count[ms.kn.length]!++;
  if (nPrb < ms.minPrb[c]!) ms.minPrb[c] = nPrb;
  keyPush(ms, c, rank * ms.kfC + fi, ms.gen[fi]!);
  duePush(ms, c, due, fi, ms.gen[fi]!);
  if (ms.kn[c]! > 2 * ms.count[c]! + 64) compactKeys(ms, c);
  if (ms.dn[c]! > 2 * ms.count[c]! + 64) compactDues(ms, c);
}

/** Flow fi leaves its class (no effect if it is not a member): its heap entries become stale. */
export function memberRemove(ms: MemberSets, fi: number): void {
  const w = fi >> 5;
  const bit = 1 << (fi & 31);
  if ((ms.member[w]! & bit) === 0) return;
  ms.member[w] = ms.member[w]! & ~bit;
  ms.late[w] = ms.late[w]! & ~bit;
  ms.gen[fi] = ms.gen[fi]! + 1;
  ms.count[ms.cls[fi]!]!--;
  ms.count[ms.kn.length]!--;
}

/** Entry `i` of class c's key heap is live (its flow is a member under that generation). */
export function keyLive(ms: MemberSets, c: number, i: number): boolean {
  const key = ms.kh[c]![i]!;
  const fi = key - Math.floor(key / ms.kfC) * ms.kfC;
  return ms.kg[c]![i] === ms.gen[fi] && isMember(ms, fi);
}

export function keyPush(ms: MemberSets, c: number, key: number, g: number): void {
  let n = ms.kn[c]!;
  if (n >= ms.kh[c]!.length) {
    ms.kh[c] = grownTo(ms.kh[c]!, 2 * n);
    ms.kg[c] = grownTo(ms.kg[c]!, 2 * n);
  }
  const k = ms.kh[c]!;
  const gs = ms.kg[c]!;
  let i = n++;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (!(key < k[up]!)) break;
    k[i] = k[up]!;
    gs[i] = gs[up]!;
    i = up;
  }
  k[i] = key;
  gs[i] = g;
  ms.kn[c] = n;
}

/** Remove the top of class c's key heap. */
export function keyPop(ms: MemberSets, c: number): void {
  const k = ms.kh[c]!;
  const gs = ms.kg[c]!;
  const n = --ms.kn[c]!;
  if (n === 0) return;
  const key = k[n]!;
  const g = gs[n]!;
  let i = 0;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && k[m + 1]! < k[m]!) m++;
    if (!(k[m]! < key)) break;
    k[i] = k[m]!;
    gs[i] = gs[m]!;
    i = m;
  }
  k[i] = key;
  gs[i] = g;
}

function duePush(ms: MemberSets, c: number, due: number, fi: number, g: number): void {
  let n = ms.dn[c]!;
  if (n >= ms.dh[c]!.length) {
    ms.dh[c] = grownTo(ms.dh[c]!, 2 * n);
    ms.df[c] = grownTo(ms.df[c]!, 2 * n);
    ms.dg[c] = grownTo(ms.dg[c]!, 2 * n);
  }
  const dh = ms.dh[c]!;
  const df = ms.df[c]!;
  const dg = ms.dg[c]!;
  let i = n++;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (!(due < dh[up]!)) break;
    dh[i] = dh[up]!;
    df[i] = df[up]!;
    dg[i] = dg[up]!;
    i = up;
  }
  dh[i] = due;
  df[i] = fi;
  dg[i] = g;
  ms.dn[c] = n;
}

function duePop(ms: MemberSets, c: number): void {
  const dh = ms.dh[c]!;
  const df = ms.df[c]!;
  const dg = ms.dg[c]!;
  const n = --ms.dn[c]!;
  if (n === 0) return;
  const due = dh[n]!;
  const fi = df[n]!;
  const g = dg[n]!;
  let i = 0;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && dh[m + 1]! < dh[m]!) m++;
    if (!(dh[m]! < due)) break;
    dh[i] = dh[m]!;
    df[i] = df[m]!;
    dg[i] = dg[m]!;
    i = m;
  }
  dh[i] = due;
  df[i] = fi;
  dg[i] = g;
}

/** Mark late every member of class c whose due time is below `lateAfter` (their due entries leave the heap). */
export function markLate(ms: MemberSets, c: number, lateAfter: number): void {
  while (ms.dn[c]! > 0 && ms.dh[c]![0]! < lateAfter) {
    const fi = ms.df[c]![0]!;
    if (ms.dg[c]![0] === ms.gen[fi] && isMember(ms, fi)) ms.late[fi >> 5] = ms.late[fi >> 5]! | (1 << (fi & 31));
    duePop(ms, c);
  }
}

function compactKeys(ms: MemberSets, c: number): void {
  const k = ms.kh[c]!;
  const gs = ms.kg[c]!;
  let m = 0;
  for (let i = 0; i < ms.kn[c]!; i++) {
    if (!keyLive(ms, c, i)) continue;
    k[m] = k[i]!;
    gs[m++] = gs[i]!;
  }
  ms.kn[c] = 0;
  const keys = k.slice(0, m);
  const gens = gs.slice(0, m);
  for (let i = 0; i < m; i++) keyPush(ms, c, keys[i]!, gens[i]!);
}

function compactDues(ms: MemberSets, c: number): void {
  const dh = ms.dh[c]!.slice(0, ms.dn[c]!);
  const df = ms.df[c]!.slice(0, ms.dn[c]!);
  const dg = ms.dg[c]!.slice(0, ms.dn[c]!);
  ms.dn[c] = 0;
  for (let i = 0; i < dh.length; i++) {
    const fi = df[i]!;
    if (dg[i] === ms.gen[fi] && isMember(ms, fi)) duePush(ms, c, dh[i]!, fi, dg[i]!);
  }
}
