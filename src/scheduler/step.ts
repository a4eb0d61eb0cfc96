/**
 * The scheduler step: one tick (one slot of the finest numerology) of a gNB MAC scheduler.
 *
 * Within a tick, base symbol by base symbol: (1) transmissions that ended are resolved — success is
 * drawn from the injected block-error model at the Chase-combined SNR (block fading, puncturing);
 * (2) the tick's arrivals join their flow queues; (3) at each BWP slot start, configured-grant
 * occasions are reserved, then slot-based (mapping type A) flows are scheduled: HARQ
 * retransmissions first, then new data, each group in the policy's order; (4) at each mini-slot
 * occasion, mini-slot (type B) flows are scheduled the same way, and a pre-empting class that finds
 * no free resources may puncture pre-emptible transmissions (when the policy allows).
 *
 * `schedulerStep(state, arrivals, rng)` is pure: it copies the engine data and the generator and returns
 * the new state, the grants and the events. `runTick` is the in-place engine used by `simulate`.
 * Model and simplifications: spec/scheduler.md.
 */
import { grownTo } from '../core/typed.js';
import type { Rng } from '../core/rng.js';
import { controlUniform, correlatedGain, correlatedGainLowerBound, fadingGain, linearToDb, puncturedSnr } from './channel.js';
import type { CorrelatedFading } from './channel.js';
import { needsDci } from '../link/control.js';
import type { PolicyCandidate, SchedulerPolicy } from './policies.js';
import type { CompiledClass, CompiledConfig, EngineData, FlowRec, PacketRec, RetxRec, SchedulerState, TxRec } from './state.js';
import { PKT_DELIVERED, PKT_DROPPED, PKT_QUEUED, TX_CG, TX_NEW, TX_RETX, allocationOf, occasionNumber, repetitionOccasions } from './state.js';
import type { CompiledGrid } from './grid.js';
import { isLate, isMember, keyLive, keyPop, keyPush, markLate, memberInsert, memberRemove, rankPacks } from './members.js';
import { findRun, symbolUsable } from './grid.js';

/** A packet arriving during a tick. */
export interface SchedulerArrival {
  /** Flow index (into config.flows); unknown indices are ignored. */
  readonly flow: number;
  /** Base symbol within the tick (0..13). */
  readonly offsetSymbols: number;
  /** Packet size in bytes. */
  readonly sizeBytes: number;
}

/**
 * Why a packet was dropped: 'deadline' (can no longer be delivered in time, with discardExpired),
 * 'harq-exhausted' (a TB failed maxTransmissions times), 'queue-full' (flow queue at queueLimit on
 * arrival), 'unschedulable' (the class cannot carry the size or has no usable symbol run).
 */
export type DropCause = 'deadline' | 'harq-exhausted' | 'queue-full' | 'unschedulable';
/** All drop causes, in report order. */
export const DROP_CAUSES: readonly DropCause[] = ['deadline', 'harq-exhausted', 'queue-full', 'unschedulable'];

/** Callbacks of the engine (the pure facade collects them into events; simulate into statistics). */
export interface EngineSink {
  /** A packet arrived (before admission; it may be dropped right after). */
  arrival(p: PacketRec): void;
  /** A transmission was granted. */
  grant(tx: TxRec): void;
  /** `by` punctured `cells` cells (symbol x PRB) of `victim`. */
  preempted(victim: TxRec, by: TxRec, cells: number): void;
  /** A transmission was decoded: ACK or NACK at `time` (its end, base symbols). */
  harq(tx: TxRec, ack: boolean, time: number): void;
  /** A packet was delivered at `time` (base symbols: end of the last TB + receiver processing). */
  delivered(p: PacketRec, time: number): void;
  /** A packet was dropped at `time` (base symbols). */
  dropped(p: PacketRec, cause: DropCause, time: number): void;
  /** A BWP slot began: data cells usable in the DL and UL directions. */
  slot(bwp: number, dlCells: number, ulCells: number): void;
  /** A configured-grant occasion went unused. */
  cgUnused(flow: number, cells: number): void;
}

/** A grant as the pure step reports it. Times in base symbols (absolute); symbols/PRBs are the BWP's own. */
export interface SchedulerGrant {
  /** Transmission id (sequential from 0; referenced by events). */
  readonly txId: number;
  /** Flow index. */
  readonly flow: number;
  /** UE index. */
  readonly ue: number;
  /** Packet id. */
  readonly packet: number;
  /** TB index within the packet (0-based). */
  readonly tb: number;
  /** HARQ process number (0 .. harqProcesses - 1). */
  readonly harq: number;
  /** Transmission number of this TB (1 = first). */
  readonly transmission: number;
  /** New data, HARQ retransmission or configured-grant occasion. */
  readonly kind: 'new' | 'retx' | 'configured';
  /** BWP index. */
  readonly bwp: number;
  /** Grid plane: 0 DL / 1 UL in FDD, 0 in TDD. */
  readonly plane: number;
  /** Absolute slot index of the BWP's numerology. */
  readonly slot: number;
  /** First OFDM symbol within the slot (0..13). */
  readonly startSymbol: number;
  /** OFDM symbols occupied. */
  readonly lengthSymbols: number;
  /** First PRB. */
  readonly firstPrb: number;
  /** PRBs occupied. */
  readonly nPrb: number;
  /** Start, absolute base symbols. */
  readonly startTime: number;
  /** End (exclusive), absolute base symbols. */
  readonly endTime: number;
  /** Transmission ids this grant punctures (pre-emption); empty otherwise. */
  readonly punctures: readonly number[];
  /**
   * Only for a class with repetitions (r > 1; spec/scheduler.md §2 "Repetitions"): the own slot and
   * first symbol of every repetition — r consecutive occasions of the class's TTI grid, in time order
   * (the first is `slot`/`startSymbol`); each occupies `lengthSymbols` symbols and the same PRBs.
   */
  readonly repetitionOccasions?: readonly { readonly slot: number; readonly startSymbol: number }[];
}

/** Something that happened during a step; all times are absolute base symbols. */
export type SchedulerEvent =
  | {
      /** A packet arrived. */
      readonly kind: 'arrival';
      /** Arrival time. */
      readonly time: number;
      /** Packet id. */
      readonly packet: number;
      /** Flow index. */
      readonly flow: number;
      /** Packet size in bytes. */
      readonly sizeBytes: number;
      /** Absolute deadline (arrival + latency budget). */
      readonly deadline: number;
    }
  | {
      /** A packet was delivered (all TBs acknowledged and processed). */
      readonly kind: 'delivered';
      /** Delivery time: end of the last TB + receiver processing. */
      readonly time: number;
      /** Packet id. */
      readonly packet: number;
      /** Flow index. */
      readonly flow: number;
      /** Delivery time - arrival time, base symbols. */
      readonly latencySymbols: number;
      /** Delivered at or before the deadline. */
      readonly onTime: boolean;
    }
  | {
      /** A packet was dropped. */
      readonly kind: 'dropped';
      /** Drop time. */
      readonly time: number;
      /** Packet id. */
      readonly packet: number;
      /** Flow index. */
      readonly flow: number;
      /** Why it was dropped. */
      readonly cause: DropCause;
    }
  | {
      /** A transmission was decoded. */
      readonly kind: 'harq';
      /** End of the transmission. */
      readonly time: number;
      /** Transmission id (SchedulerGrant.txId). */
      readonly txId: number;
      /** Packet id. */
      readonly packet: number;
      /** Decoded correctly (ACK) or not (NACK). */
      readonly ack: boolean;
      /** Transmission number of the TB (1 = first). */
      readonly transmission: number;
    }
  | {
      /** A transmission was punctured by a pre-empting one. */
      readonly kind: 'preempted';
      /** Start of the pre-empting transmission. */
      readonly time: number;
      /** Transmission id of the punctured transmission. */
      readonly victimTxId: number;
      /** Transmission id of the pre-empting transmission. */
      readonly byTxId: number;
      /** Cells (symbol x PRB) taken from the victim. */
      readonly cells: number;
    };

/** Output of the pure `schedulerStep`. */
export interface StepResult {
  /** State after the tick (a new object; the input state is unchanged). */
  readonly state: SchedulerState;
  /** Grants made in the tick, in grant order. */
  readonly grants: readonly SchedulerGrant[];
  /** Events of the tick, in the order they happened. */
  readonly events: readonly SchedulerEvent[];
  /** The generator after the step (the caller's generator is not touched). */
  readonly rng: Rng;
}

// ---------------------------------------------------------------------------------------------
// Engine

interface Candidate {
  flow: number;
  retx: RetxRec | null;
  packet: PacketRec | null;
  rank: number;
  group: number;
  /** Popped from the occasion's heap (no longer among the candidates allDead looks at). */
  served: boolean;
  /** Packed order key (candBefore), valid when scratch.packed. */
  key: number;
  // Fixed for the occasion while the candidate waits (only a served candidate's packet changes;
  // see candidateDead): recorded at collection, so the dead/drop tests read no packet or flow.
  /** Index ue·2 + dir into ueBusyUntil. */
  ub: number;
  /** Start symbol of its class at this occasion (−1: no usable run). */
  s: number;
  /** Its class's fitKey, preKey and TTI length in symbols; the packet's PRBs. */
  fitKey: number;
  preKey: number;
  len: number;
  nPrb: number;
  /** May pre-empt (policy with pre-emption, pre-empting mini-slot class). */
  mayPreempt: boolean;
  /** Serving it now would drop its packet for the deadline (discardExpired, s >= 0, the end test fails). */
  late: boolean;
  /** Class index of its flow. */
  cls: number;
}

/** Scratch reused across calls (the engine is single-threaded). */
const scratch = {
  cands: [] as Candidate[],
  n: 0,
  view: { nowSymbols: 0, deadlineSymbols: 0, arrivalSymbols: 0, priority: 0, bitsPerRe: 0, averageBitsPerTick: 1, flow: 0 } as PolicyCandidate,
  victims: [] as number[],
  victimCells: [] as number[],
  /** Failed fits of the current occasion: (plane, start, len, nPrb) quadruples. */
  fail: new Int32Array(64),
  nFail: 0,
  /** Failed pre-emption fits of the current occasion: (plane, start, len, smallest failing nPrb). */
  pfail: new Int32Array(64),
  nPFail: 0,
  /** Occasion counter; sOf[ci] is class ci's start symbol when sStamp[ci] === occStamp. */
  occStamp: 0,
  sStamp: new Int32Array(0),
  sOf: new Int32Array(0),
  /** endOf[ci]: end of a transmission of class ci starting at sOf[ci] (txEndAt), same stamp. */
  endOf: new Float64Array(0),
  /** lateAfter[ci]: a memo candidate of class ci is late iff lateAfter > its `due` (−∞ without discardExpired or a run), same stamp. */
  lateAfter: new Float64Array(0),
  /** A candidate allDead last found alive (null: none yet in this occasion). */
  witness: null as Candidate | null,
  /** Every candidate of the occasion has a packed order key (see candBefore), with F = keyFlow, R = keyRank. */
  packed: true,
  keyFlow: 2 ** 20,
  keyRank: 2 ** 32,
  /** Packed keys of a few-candidate occasion (serveByKeys), and each flow's index into cands (−1: a memo candidate, in the key heaps). */
  keys: new Float64Array(64),
  candAt: new Int32Array(0),
  /** Key heaps of the occasion, heap h = class·2 + late (serveByKeys): keys, sizes, the non-empty ones, and per class the fewest PRBs of a not-late candidate. */
  hk: [] as Float64Array[],
  /** Memo candidates of the occasion in the key heaps (serveByKeys; made into Candidates by memoCandidate when popped). */
  nMemo: 0,
  /** Memo candidates noted as (flow, rank) once a rank did not pack (the general path serves the occasion). */
  nLazy: 0,
  lzFlow: new Int32Array(0),
  lzRank: new Float64Array(0),
  hSize: new Int32Array(0),
  /** Keys pushed into each heap's array this occasion (hSize: those not yet popped). */
  hLen: new Int32Array(0),
  /**
   * The TOP_K least keys of each heap, ascending (top[h·TOP_K + j], j < nTop[h]), kept while the keys
   * are pushed: serveByKeys pops these first and builds the heap only when they run out — most heaps
   * are emptied as dead after a few pops (spec/scheduler.md §10.6). taken[h]: popped from them so far.
   */
  top: new Float64Array(0),
  nTop: new Int32Array(0),
  taken: new Int32Array(0),
  hList: new Int32Array(0),
  minPrb: new Int32Array(0),
  /** serveByKeys: whether each heap is built yet (built only when its TOP_K list runs out). */
  hHeaped: new Uint8Array(0),
  /** Merge-sort buffer for the candidates of an occasion (grown, never shrunk). */
  sortBuf: [] as Candidate[],
  /** fitPreempt: per transmission id of the slot (id − firstTx), whether it blocks pre-emption, valid when vStamp === vCall. */
  vStamp: new Int32Array(64),
  vBlocks: new Uint8Array(64),
  vCall: 0,
  /**
   * Members served without a visit (members.ts, spec/scheduler.md §10.6), per class: served so at this
   * occasion (lzOn), its not-late heap emptied as dead (lzDone), its validated next member (packed key,
   * NaN: not looked up; flow and rank). lzAny: some class is served so. skip: the member bits the scan
   * leaves out.
   */
  lzOn: new Uint8Array(0),
  lzDone: new Uint8Array(0),
  lzHead: new Float64Array(0),
  lzHeadFi: new Int32Array(0),
  lzHeadRank: new Float64Array(0),
  lzAny: false,
  skip: new Uint32Array(0),
  /** Live member entries popped at this occasion (class, key, generation): pushed back at its end. */
  asideCls: new Int32Array(64),
  asideKey: new Float64Array(64),
  asideGen: new Int32Array(64),
  nAside: 0,
  /** Flows that may join their class once the occasion is over. */
  pend: new Int32Array(64),
  nPend: 0,
  /**
   * HARQ changes of the occasion while members are served so: process index, value before, and the
   * flow whose visit made it (the scan's position; 2^31 − 1 once serving began) — the state a member
   * would have seen at its place in the scan is read back from it (harqFullAtScan).
   */
  logOn: false,
  curPos: 0,
  logIdx: new Int32Array(64),
  logOld: new Uint8Array(64),
  logPos: new Int32Array(64),
  nLog: 0,
  /** Own slot and start symbol of each repetition of a repeated TB (state.ts repetitionOccasions). */
  pSlot: new Int32Array(8),
  pSym: new Int32Array(8),
};

/**
 * Candidate order: retransmissions first (group 0), then the policy rank, then the flow index (a total
 * order). When every candidate of the occasion has an integer rank in [0, R) (EDF ranks are deadlines
 * in base symbols, priority ranks priority·2^36 + arrival), the triple is packed into one exact integer
 * key, (group·R + rank)·F + flow < 2^53, whose order is the same: F = 2^⌈log2 flows⌉ (at least 2),
 * R = 2^52 / F (so 2R·F = 2^53).
 */
function candBefore(y: Candidate, x: Candidate): boolean {
  if (scratch.packed) return y.key < x.key;
  return y.group < x.group || (y.group === x.group && (y.rank < x.rank || (y.rank === x.rank && y.flow < x.flow)));
}

/** Set the packing of the order key for `nFlows` flows (see candBefore). */
function setKeyPacking(nFlows: number): void {
  let f = 2;
  while (f < nFlows) f *= 2;
  scratch.keyFlow = f;
  scratch.keyRank = 2 ** 52 / f;
}

/** Pack candidate c's order key (see candBefore); clears scratch.packed when it does not fit. */
function packKey(c: Candidate): void {
  const r = c.rank;
  if (r >= 0 && r < scratch.keyRank && Math.floor(r) === r) c.key = (c.group * scratch.keyRank + r) * scratch.keyFlow + c.flow;
  else scratch.packed = false;
}

/**
 * Sort cands[0, n) by `candBefore`, allocation-free once the buffer has grown: insertion sort for
 * short runs, bottom-up merge sort above. The order is total (flow indices are unique), so the
 * result is the same as the plain insertion sort it replaces (O(n^2) at 1,000 UEs).
 */
function sortCandidates(cands: Candidate[], n: number): void {
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = cands[i]!;
      let j = i - 1;
      while (j >= lo) {
        const y = cands[j]!;
        if (candBefore(y, x)) break;
        cands[j + 1] = y;
        j--;
      }
      cands[j + 1] = x;
    }
  }
  if (n <= RUN) return;
  const buf = scratch.sortBuf;
  while (buf.length < n) buf.push(cands[0]!);
  let src = cands;
  let dst = buf;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = candBefore(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== cands) for (let i = 0; i < n; i++) cands[i] = src[i]!;
}

function candidate(): Candidate {
  if (scratch.n >= scratch.cands.length) scratch.cands.push({ flow: 0, retx: null, packet: null, rank: 0, group: 0, served: false, key: 0, ub: 0, s: -1, fitKey: 0, preKey: 0, len: 0, nPrb: 0, mayPreempt: false, late: false, cls: 0 });
  return scratch.cands[scratch.n++]!;
}

/**
 * The Candidate of memo flow fi at this occasion (a memo candidate, see scheduleOccasion): the
 * fields the full Candidate would have had at collection — packet, PRBs and TBs left from the memo
 * (unchanged since: only flow fi's own visit or service writes them), the rest from its class — with
 * the rank noted then.
 */
function memoCandidate(cc: CompiledConfig, d: EngineData, fi: number, rank: number): Candidate {
  const f = cc.flows[fi]!;
  const cls = cc.classes[f.cls]!;
  const c = candidate();
  c.flow = fi;
  c.retx = null;
  c.packet = d.headWait.pkt[fi]!;
  c.rank = rank;
  c.group = 1;
  c.served = false;
  c.cls = f.cls;
  c.ub = f.ue * 2 + f.dir;
  c.s = scratch.sOf[f.cls]!;
  c.fitKey = cls.fitKey;
  c.preKey = cls.preKey;
  c.len = cls.lenSymbols;
  c.nPrb = d.headWait.nPrb[fi]!;
  c.mayPreempt = cc.cfg.policy.preemption && cls.c.preempts && cls.c.mappingType === 'B';
  c.late = scratch.lateAfter[f.cls]! > d.headWait.due[fi]!; // as at collection (both unchanged since)
  packKey(c);
  return c;
}

/** Room for `nh` key heaps (serveByKeys) and the flow → candidate table of `nFlows` flows. */
function growHeaps(nh: number, nFlows: number): void {
  while (scratch.hk.length < nh) scratch.hk.push(new Float64Array(64));
  if (scratch.hSize.length < nh) {
    scratch.hSize = new Int32Array(nh);
    scratch.hLen = new Int32Array(nh);
    scratch.top = new Float64Array(nh * TOP_K);
    scratch.nTop = new Int32Array(nh);
    scratch.taken = new Int32Array(nh);
    scratch.hList = new Int32Array(nh);
    scratch.hHeaped = new Uint8Array(nh);
    scratch.minPrb = new Int32Array(nh >> 1);
  }
  if (scratch.candAt.length < nFlows) scratch.candAt = new Int32Array(nFlows).fill(-1); // −1: a memo candidate (serveByKeys sets the full ones and puts −1 back)
}

/** Least keys kept per heap before it is built (see scratch.top). */
const TOP_K = 16;

/** Push `key` into heap h's array (unordered until built), keeping the heap's TOP_K least keys in scratch.top. */
function pushKey(h: number, key: number): void {
  const sz = scratch.hLen[h]!;
  if (sz >= scratch.hk[h]!.length) growHeap(h);
  scratch.hk[h]![sz] = key;
  scratch.hLen[h] = sz + 1;
  const top = scratch.top;
  const base = h * TOP_K;
  let m = scratch.nTop[h]!;
  if (m === TOP_K) {
    if (!(key < top[base + TOP_K - 1]!)) return;
    m = TOP_K - 1; // the largest of the kept keys drops out
  } else scratch.nTop[h] = m + 1;
  let j = m;
  while (j > 0 && top[base + j - 1]! > key) {
    top[base + j] = top[base + j - 1]!;
    j--;
  }
  top[base + j] = key;
}

function growHeap(h: number): void {
  scratch.hk[h] = grownTo(scratch.hk[h]!, 2 * scratch.hk[h]!.length);
}

function staticRankOf(policy: SchedulerPolicy): boolean {
  return policy.staticRank === true;
}

function growLazy(): void {
  const m = Math.max(64, 2 * scratch.lzFlow.length);
  scratch.lzFlow = grownTo(scratch.lzFlow, m);
  scratch.lzRank = grownTo(scratch.lzRank, m);
}

const PF_TICKS = 100;

/** The policy's rank of flow fi's candidate with packet p at time t (through the scratch view: no allocation). */
function policyRank(policy: SchedulerPolicy, t: number, p: PacketRec, cls: CompiledClass, fr: FlowRec, tick: number, fi: number): number {
  const view = scratch.view;
  view.nowSymbols = t;
  view.deadlineSymbols = p.deadline;
  view.arrivalSymbols = p.arrival;
  view.priority = cls.c.priority;
  view.bitsPerRe = p.tbsBits / (p.nPrb * 12 * cls.c.ttiSymbols);
  view.averageBitsPerTick = policy.usesAverage === false ? 1 : decayedAvg(fr, tick);
  view.flow = fi;
  return policy.rank(view);
}

function decayedAvg(fr: FlowRec, tick: number): number {
  if (fr.avgTick !== tick) {
    fr.avgBits *= Math.pow(1 - 1 / PF_TICKS, tick - fr.avgTick);
    fr.avgTick = tick;
    if (fr.avgBits < 1) fr.avgBits = 1;
  }
  return fr.avgBits;
}

function syncWork(d: EngineData, fi: number): void {
  const fr = d.flows[fi]!;
  const w = fr.queue.length - fr.head + fr.retx.length;
  d.work[fi] = w;
  d.nRetx[fi] = fr.retx.length; // every change of fr.retx is followed by syncWork
  if (fr.retx.length > 0 && (d.members.member[fi >> 5]! & (1 << (fi & 31))) !== 0) memberRemove(d.members, fi); // a member has no retransmission
  const bit = 1 << (fi & 31);
  if (w > 0) d.active[fi >> 5] = d.active[fi >> 5]! | bit;
  else d.active[fi >> 5] = d.active[fi >> 5]! & ~bit;
}

function releaseHarq(cc: CompiledConfig, d: EngineData, ue: number, dir: number, harq: number): void {
  const i = (ue * 2 + dir) * cc.cfg.harqProcesses + harq;
  if (scratch.logOn) logHarq(i, d.harqBusy[i]!);
  d.harqBusy[i] = 0;
}

function logHarq(i: number, old: number): void {
  const k = scratch.nLog++;
  if (k >= scratch.logIdx.length) {
    scratch.logIdx = grownTo(scratch.logIdx, 2 * k);
    scratch.logOld = grownTo(scratch.logOld, 2 * k);
    scratch.logPos = grownTo(scratch.logPos, 2 * k);
  }
  scratch.logIdx[k] = i;
  scratch.logOld[k] = old;
  scratch.logPos[k] = scratch.curPos;
}

/**
 * Were all HARQ processes of ub busy when the scan reached flow fi (its place in flow order)? The
 * current state with the occasion's later changes undone (scratch.logIdx: those made by a flow after
 * fi in the scan, and all made while serving), newest first.
 */
function harqFullAtScan(cc: CompiledConfig, d: EngineData, ub: number, fi: number): boolean {
  const H = cc.cfg.harqProcesses;
  const base = ub * H;
  const n = scratch.nLog;
  let touched = false;
  for (let k = 0; k < n; k++) {
    const i = scratch.logIdx[k]!;
    if (i >= base && i < base + H && scratch.logPos[k]! > fi) {
      touched = true;
      break;
    }
  }
  if (!touched) return freeHarq(cc, d, ub >> 1, ub & 1) < 0;
  for (let p = 0; p < H; p++) {
    let v = d.harqBusy[base + p]!;
    for (let k = n - 1; k >= 0; k--) if (scratch.logIdx[k] === base + p && scratch.logPos[k]! > fi) v = scratch.logOld[k]!;
    if (v === 0) return false;
  }
  return true;
}

function freeHarq(cc: CompiledConfig, d: EngineData, ue: number, dir: number): number {
  const H = cc.cfg.harqProcesses;
  const base = (ue * 2 + dir) * H;
  for (let h = 0; h < H; h++) if (d.harqBusy[base + h] === 0) return h;
  return -1;
}

function dropPacket(cc: CompiledConfig, d: EngineData, p: PacketRec, cause: DropCause, time: number, sink: EngineSink): void {
  if (p.status !== PKT_QUEUED) return;
  p.status = PKT_DROPPED;
  d.headWait.accessAt[p.flow] = -Infinity;
  d.headWait.pkt[p.flow] = null;
  if ((d.members.member[p.flow >> 5]! & (1 << (p.flow & 31))) !== 0) memberRemove(d.members, p.flow);
  // Release HARQ processes held by its pending retransmissions.
  const fr = d.flows[p.flow]!;
  const f = cc.flows[p.flow]!;
  if (fr.retx.length > 0) {
    let w = 0;
    for (let i = 0; i < fr.retx.length; i++) {
      const r = fr.retx[i]!;
      if (r.packet === p) releaseHarq(cc, d, f.ue, f.dir, r.harq);
      else fr.retx[w++] = r;
    }
    fr.retx.length = w;
    syncWork(d, p.flow);
  }
  sink.dropped(p, cause, time);
}

function resolve(cc: CompiledConfig, d: EngineData, tx: TxRec, rng: Rng, sink: EngineSink): void {
  const f = cc.flows[tx.flow]!;
  const cls = cc.classes[tx.cls]!;
  const p = tx.packet;
  const ct = cc.cfg.coherenceTicks;
  const fader = cc.faders;
  const spread = cls.spread && (fader !== null || ct !== 0);
  // control-channel errors (link/control.ts), drawn from the counter-based generator (the rng stream
  // is untouched): a missed DCI of this transmission, or a missed SR before the packet's first one,
  // loses the packet (counted as 'harq-exhausted')
  const ce = cc.cfg.controlErrors;
  if (ce !== undefined && p.status === PKT_QUEUED) {
    const dci = needsDci(tx.dir === 0 ? 'DL' : 'UL', cls.c.grant, tx.txNo) && controlUniform(cc.cfg.channelSeed, 0, p.id, tx.tb * 16 + tx.txNo) < ce.pdcchMissProb;
    const sr = cls.c.grant === 'sr' && tx.tb === 0 && tx.txNo === 1 && controlUniform(cc.cfg.channelSeed, 2, p.id, 0) < ce.srMissProb;
    if (dci || sr) {
      sink.harq(tx, false, tx.end);
      releaseHarq(cc, d, tx.ue, tx.dir, tx.harq);
      dropPacket(cc, d, p, 'harq-exhausted', tx.end, sink);
      return;
    }
  }
  // UL link budget: the UE's power spread over the PRBs of one repetition (link/budget.ts)
  let mean = f.meanSnr;
  if (f.ulLimit > 0) {
    const lim = f.ulLimit / tx.nPrb;
    if (lim < mean) mean = lim;
  }
  const u = rng.uniform();
  // Time-correlated fading (Jakes, 2 × 32 sinusoids by default) is most of a decode's cost. First a
  // lower bound on the gain (correlatedGainLowerBound); when the error probability at the SNR it gives,
  // less 1e-6 dB, is already at most the draw (with a 1e-9 relative margin), the TB is decoded — the
  // error model is non-increasing in SNR, so the exact gain would give the same ACK — and the exact
  // sum is not needed (only a NACK keeps it). Otherwise the exact gain decides, as always.
  // (spec/scheduler.md §10.5; the outcome and every event are unchanged: scripts/sim-hash.ts)
  if (cc.boundedDecodes && !spread) {
    const sumLo = tx.snrSumBefore + rxSnr(cc, cls, tx, mean, correlatedGainLowerBound(fader!, f.ue, tx.start * cc.grid.baseSymbolMs));
    const peHi = cc.cfg.txError(cls.c.mcsTable, cls.c.mcs, p.tbsBits, linearToDb(sumLo) - 1e-6);
    if (u >= peHi * (1 + 1e-9) + 1e-300) {
      decoded(cc, d, tx, p, cls, true, 0, sink);
      return;
    }
  }
  const gain = spread
    ? spreadGain(cc, cls, tx, fader) // each spread repetition at its own time (Chase-combined below)
    : fader !== null
      ? correlatedGain(fader, f.ue, tx.start * cc.grid.baseSymbolMs) // time-correlated (Jakes) at the transmission's start
      : ct === 0
        ? fadingGain(cc.fadingOrder, cc.cfg.channelSeed, f.ue, p.id, tx.tb * 16 + (cc.cfg.fadingPerTb === true ? 0 : tx.txNo))
        : fadingGain(cc.fadingOrder, cc.cfg.channelSeed, f.ue, Math.floor(tx.start / (14 * ct)), 0);
  const sum = tx.snrSumBefore + rxSnr(cc, cls, tx, mean, gain);
  const pe = cc.cfg.txError(cls.c.mcsTable, cls.c.mcs, p.tbsBits, linearToDb(sum));
  decoded(cc, d, tx, p, cls, u >= pe, sum, sink);
}

/** The post-combining SNR (linear) of one transmission at fading gain `gain`: array gain, puncturing, repetitions. */
function rxSnr(cc: CompiledConfig, cls: CompiledClass, tx: TxRec, mean: number, gain: number): number {
  let snr = mean * gain * cc.fadingArrayGain;
  if (tx.punctured > 0) snr = puncturedSnr(snr, tx.punctured / tx.cells);
  snr *= cls.c.repetitions;
  return snr;
}

/** A decode's outcome: `ack`, with the Chase-combined SNR `sum` so far (kept for a retransmission). */
function decoded(cc: CompiledConfig, d: EngineData, tx: TxRec, p: PacketRec, cls: CompiledClass, ack: boolean, sum: number, sink: EngineSink): void {
  const ce = cc.cfg.controlErrors;
  sink.harq(tx, ack, tx.end);
  if (p.status !== PKT_QUEUED) {
    releaseHarq(cc, d, tx.ue, tx.dir, tx.harq);
    return;
  }
  if (ack) {
    releaseHarq(cc, d, tx.ue, tx.dir, tx.harq);
    p.open--;
    if (p.open === 0 && p.nextTb === p.nTb) {
      p.status = PKT_DELIVERED;
      sink.delivered(p, tx.end + cls.rxBase);
    }
  } else if (tx.txNo < cls.c.maxTransmissions) {
    // DL: the NACK may be received as an ACK (NACK→ACK): the gNB stops and the TB is lost
    if (ce !== undefined && tx.dir === 0 && controlUniform(cc.cfg.channelSeed, 1, p.id, tx.tb * 16 + tx.txNo) < ce.harqAckErrorProb) {
      releaseHarq(cc, d, tx.ue, tx.dir, tx.harq);
      dropPacket(cc, d, p, 'harq-exhausted', tx.end, sink);
      return;
    }
    d.flows[tx.flow]!.retx.push({ packet: p, tb: tx.tb, txNo: tx.txNo, snrSum: sum, eligibleAt: tx.end + cls.harqRttBase, harq: tx.harq });
    syncWork(d, tx.flow);
  } else {
    releaseHarq(cc, d, tx.ue, tx.dir, tx.harq);
    dropPacket(cc, d, p, 'harq-exhausted', tx.end, sink);
  }
}

/**
 * Mean fading gain of the repetitions of a TB (class with repetitions), each read at its own start: from the UE's
 * time-correlated process (`fader`), else from the coherence block it falls in. Summed over the
 * repetitions times the mean SNR this is the Chase-combined SNR of the transmission.
 */
function spreadGain(cc: CompiledConfig, cls: CompiledClass, tx: TxRec, fader: CorrelatedFading | null): number {
  const bwp = cc.grid.bwps[tx.bwp]!;
  repetitionOccasions(cls, bwp, tx.slot, tx.startSymbol, scratch.pSlot, scratch.pSym);
  const ct = cc.cfg.coherenceTicks;
  let g = 0;
  for (let j = 0; j < cls.reps; j++) {
    const t = scratch.pSlot[j]! * bwp.slotBaseSymbols + scratch.pSym[j]! * bwp.ratio;
    g += fader !== null ? correlatedGain(fader, tx.ue, t * cc.grid.baseSymbolMs) : fadingGain(cc.fadingOrder, cc.cfg.channelSeed, tx.ue, Math.floor(t / (14 * ct)), 0);
  }
  return g / cls.reps;
}

function admit(cc: CompiledConfig, d: EngineData, a: SchedulerArrival, t: number, sink: EngineSink): void {
  const f = cc.flows[a.flow];
  if (f === undefined) return;
  const alloc = allocationOf(cc, f.cls, a.sizeBytes);
  const cls = cc.classes[f.cls]!;
  const id = d.nextPacketId++;
  const deadline = t + f.deadlineBase;
  const nTb = alloc === null ? 1 : alloc.nTti;
  const tbsBits = alloc === null ? 0 : alloc.tbsBits;
  const nPrb = alloc === null ? 0 : alloc.nPrb;
  let p: PacketRec;
  if (d.nPktFree > 0) {
    // a retired record (see recyclable: nothing refers to it), every field written again
    const r = d.pktFree[--d.nPktFree]! as Mutable<PacketRec>;
    r.id = id;
    r.flow = a.flow;
    r.arrival = t;
    r.deadline = deadline;
    r.sizeBytes = a.sizeBytes;
    r.nTb = nTb;
    r.tbsBits = tbsBits;
    r.nPrb = nPrb;
    r.nextTb = 0;
    r.open = nTb;
    r.status = PKT_QUEUED;
    p = r;
  } else {
    p = { id, flow: a.flow, arrival: t, deadline, sizeBytes: a.sizeBytes, nTb, tbsBits, nPrb, nextTb: 0, open: nTb, status: PKT_QUEUED };
  }
  sink.arrival(p);
  if (alloc === null || !cls.schedulable) {
    dropPacket(cc, d, p, 'unschedulable', t, sink);
    freePacket(d, p); // never queued: nothing refers to it
    return;
  }
  const fr = d.flows[a.flow]!;
  if (fr.queue.length - fr.head >= cc.cfg.queueLimit) {
    dropPacket(cc, d, p, 'queue-full', t, sink);
    freePacket(d, p);
    return;
  }
  if (fr.head >= 16 && fr.head * 2 >= fr.queue.length) {
    // drop the finished entries in place (no new array); those no structure refers to any more go to the pool
    const q = fr.queue;
    for (let i = 0; i < fr.head; i++) if (recyclable(q[i]!)) freePacket(d, q[i]!);
    q.copyWithin(0, fr.head);
    q.length -= fr.head;
    fr.head = 0;
  }
  fr.queue.push(p);
  syncWork(d, a.flow);
}

/**
 * May a packet that left its queue (an entry before `head`) be reused? Only if no structure can still
 * refer to it: delivered (every TB acknowledged, so no transmission in flight and no retransmission
 * pending), or dropped before its first TB was sent (never transmitted). Other dropped packets may
 * still have a transmission in flight (its decode reads the packet): they are left to the collector.
 */
function recyclable(p: PacketRec): boolean {
  return p.status === PKT_DELIVERED || (p.status === PKT_DROPPED && p.nextTb === 0);
}

function freePacket(d: EngineData, p: PacketRec): void {
  if (d.nPktFree < d.pktFree.length) d.pktFree[d.nPktFree] = p;
  else d.pktFree.push(p);
  d.nPktFree++;
}

/** Head-of-line packet with untransmitted TBs (drops expired ones); null if none. */
function headPacket(cc: CompiledConfig, d: EngineData, fi: number, t: number, sink: EngineSink): PacketRec | null {
  const fr = d.flows[fi]!;
  const cls = cc.classes[cc.flows[fi]!.cls]!;
  // the work count changes only when the head moves (every other change syncs it where it happens)
  const head0 = fr.head;
  while (fr.head < fr.queue.length) {
    const p = fr.queue[fr.head]!;
    if (p.status !== PKT_QUEUED || p.nextTb >= p.nTb) {
      fr.head++;
      continue;
    }
    // Remaining TBs back to back cannot finish in time: drop.
    if (cc.discardExpired && t + (p.nTb - p.nextTb) * cls.lenBase + cls.rxBase > p.deadline) {
      dropPacket(cc, d, p, 'deadline', t, sink);
      fr.head++;
      continue;
    }
    if (fr.head !== head0) syncWork(d, fi);
    return p;
  }
  if (fr.head !== head0) syncWork(d, fi);
  return null;
}

/** Bring the owner grid of BWP b up to date (replay the slot's queued allocations); later allocations write through. */
function ownerGrid(d: EngineData, cc: CompiledConfig, b: number): Int32Array {
  const br = d.bwps[b]!;
  if (!br.ownerReady) {
    const nPrb = cc.grid.bwps[b]!.nPrb;
    const q = br.pending;
    for (let i = 0; i < br.nPending; i++) {
      const at = i * 6;
      const plane = q[at]!;
      const s = q[at + 1]!;
      const len = q[at + 2]!;
      const prb0 = q[at + 3]!;
      const n = q[at + 4]!;
      const v = q[at + 5]!;
      for (let l = s; l < s + len; l++) {
        const row = (plane * 14 + l) * nPrb;
        br.owner.fill(v, row + prb0, row + prb0 + n);
      }
    }
    br.nPending = 0;
    br.ownerReady = true;
  }
  return br.owner;
}

/** Is a cell with owner value `o` taken in the current slot (see BwpRec.owner)? */
function isTaken(o: number, firstTx: number, cgMark: number): boolean {
  return o >= firstTx || o === cgMark;
}

/** Whether some cell of the column starting at owner index `at` (every nPrb up to `end`) is taken. */
function columnTaken(owner: Int32Array, at: number, end: number, nPrb: number, firstTx: number, cgMark: number): boolean {
  for (; at < end; at += nPrb) if (isTaken(owner[at]!, firstTx, cgMark)) return true;
  return false;
}

/** `q`, or a copy of it twice as long when it holds fewer than `need` entries (the grid's record queues). */
function withRoom(q: Int32Array, need: number): Int32Array {
  if (need <= q.length) return q;
  const g = new Int32Array(Math.max(need, q.length * 2));
  g.set(q);
  return g;
}

function allocateCells(d: EngineData, cc: CompiledConfig, b: number, plane: number, s: number, len: number, prb0: number, n: number, id: number): void {
  const nPrb = cc.grid.bwps[b]!.nPrb;
  const br = d.bwps[b]!;
  const end = prb0 + n;
  const v = id === -2 ? br.cgMark : id;
  if (br.ownerReady) {
    for (let l = s; l < s + len; l++) {
      const row = (plane * 14 + l) * nPrb;
      br.owner.fill(v, row + prb0, row + end);
    }
  } else {
    const at = br.nPending * 6;
    const q = (br.pending = withRoom(br.pending, at + 6));
    q[at] = plane;
    q[at + 1] = s;
    q[at + 2] = len;
    q[at + 3] = prb0;
    q[at + 4] = n;
    q[at + 5] = v;
    br.nPending++;
  }
  for (let l = s; l < s + len; l++) {
    // Keep [lo, hi) free: shrink it from the side that loses less.
    const fi = plane * 14 + l;
    const lo = br.lo[fi]!;
    const hi = br.hi[fi]!;
    if (prb0 < hi && end > lo) {
      if (hi - end >= prb0 - lo) br.lo[fi] = Math.min(hi, Math.max(lo, end));
      else br.hi[fi] = Math.max(lo, prb0);
    }
  }
}

/**
 * PRB start for n PRBs over symbols [s, s+len): slot-based TBs fill the band from the bottom,
 * mini-slot TBs from the top, so that short transmissions and slot-long ones meet only when the
 * band is full. Fast path: the free gap [lo, hi) of every symbol; else first fit (bottom) or last
 * fit (top) over the cell owners. -1 if none.
 */
function fitPrb(d: EngineData, cc: CompiledConfig, b: number, plane: number, s: number, len: number, n: number, fromTop = false): number {
  const br = d.bwps[b]!;
  const nPrb = cc.grid.bwps[b]!.nPrb;
  let lo = 0;
  let hi = nPrb;
  for (let l = s; l < s + len; l++) {
    const fi = plane * 14 + l;
    const a = br.lo[fi]!;
    const z = br.hi[fi]!;
    if (a > lo) lo = a;
    if (z < hi) hi = z;
  }
  if (lo + n <= hi) return fromTop ? hi - n : lo;
  // The lowest (highest) window of n columns with no taken cell on symbols [s, s + len): one pass
  // over the columns from the bottom (top), counting the run of free ones — no window is scanned twice.
  const owner = ownerGrid(d, cc, b);
  const first = br.firstTx;
  const mark = br.cgMark;
  const row0 = (plane * 14 + s) * nPrb;
  const end = row0 + len * nPrb;
  let run = 0;
  if (fromTop) {
    for (let k = nPrb - 1; k >= 0; k--) {
      if (columnTaken(owner, row0 + k, end, nPrb, first, mark)) run = 0;
      else if (++run === n) return k;
    }
    return -1;
  }
  for (let k = 0; k < nPrb; k++) {
    if (columnTaken(owner, row0 + k, end, nPrb, first, mark)) run = 0;
    else if (++run === n) return k - n + 1;
  }
  return -1;
}

/**
 * PRB start for n PRBs on every repetition (from the `jFrom`-th) of a TB of class `cls` (with
 * repetitions) whose first repetition is at own symbol s of own slot `slot` of BWP b: the window is
 * free in the current slot's owner grid (for the first repetition with `preempt`: or held by
 * pre-emptible transmissions of the slot, which it then punctures) and overlaps no `ahead` record of a
 * later slot. Bottom-up first fit, or top-down last fit (`fromTop`, mini-slot TBs), jumping past each
 * conflict; with `onlyQ` >= 0 only that window is tried. -1 if none. Allocation-free.
 */
function spreadFit(
  d: EngineData,
  cc: CompiledConfig,
  b: number,
  cls: CompiledClass,
  slot: number,
  s: number,
  n: number,
  fromTop: boolean,
  preempt: boolean,
  jFrom = 0,
  onlyQ = -1,
): number {
  const br = d.bwps[b]!;
  const bwp = cc.grid.bwps[b]!;
  const nPrb = bwp.nPrb;
  if (!(n >= 1 && n <= nPrb)) return -1;
  if (repetitionOccasions(cls, bwp, slot, s, scratch.pSlot, scratch.pSym) < 0) return -1;
  ownerGrid(d, cc, b);
  const first = br.firstTx;
  const mark = br.cgMark;
  const len = cls.lenSymbols;
  const plane = cls.plane;
  const a = br.ahead;
  let q = onlyQ >= 0 ? onlyQ : fromTop ? nPrb - n : 0;
  while (q >= 0 && q + n <= nPrb) {
    // the nearest window past every conflict of [q, q + n)
    let next = q;
    let blocked = false;
    for (let j = jFrom; j < cls.reps; j++) {
      const sl = scratch.pSlot[j]!;
      const s0 = scratch.pSym[j]!;
      if (sl === slot) {
        for (let l = s0; l < s0 + len; l++) {
          const row = (plane * 14 + l) * nPrb;
          for (let k = q; k < q + n; k++) {
            const o = br.owner[row + k]!;
            if (!isTaken(o, first, mark)) continue;
            if (preempt && j === 0 && o !== mark) {
              const v = findTx(br.txs, br.nTxs, o, br.firstTx);
              if (v !== null && cc.classes[v.cls]!.c.preemptible) continue;
            }
            blocked = true;
            if (fromTop) {
              if (k - n < next) next = k - n;
            } else if (k + 1 > next) next = k + 1;
          }
        }
      } else {
        for (let i = 0; i < br.nAhead; i++) {
          const at = i * 6;
          if (a[at] !== sl || a[at + 1] !== plane) continue;
          const rs = a[at + 2]!;
          const r0 = a[at + 4]!;
          const rn = a[at + 5]!;
          if (rs >= s0 + len || rs + a[at + 3]! <= s0 || r0 >= q + n || r0 + rn <= q) continue;
          blocked = true;
          if (fromTop) {
            if (r0 - n < next) next = r0 - n;
          } else if (r0 + rn > next) next = r0 + rn;
        }
      }
    }
    if (!blocked) return q;
    if (onlyQ >= 0) return -1;
    q = next;
  }
  return -1;
}

/**
 * Hold [prb0, prb0 + n) on repetitions jFrom..reps − 1 (0-based, jFrom ≥ 1) of a TB (or configured-
 * grant bundle) of class `cls` whose first repetition is at own symbol s of own slot `slot` of BWP b
 * (the first one is allocated by the caller): a repetition later in the current slot goes into the owner grid, one in a
 * later slot becomes an `ahead` record, replayed at that slot's start. Reservations are not
 * pre-emptible (only a TB's first repetition can be punctured).
 */
function reserveAhead(d: EngineData, cc: CompiledConfig, b: number, cls: CompiledClass, slot: number, s: number, prb0: number, n: number, jFrom = 1): void {
  const br = d.bwps[b]!;
  repetitionOccasions(cls, cc.grid.bwps[b]!, slot, s, scratch.pSlot, scratch.pSym);
  for (let j = jFrom < 1 ? 1 : jFrom; j < cls.reps; j++) {
    const sl = scratch.pSlot[j]!;
    const s0 = scratch.pSym[j]!;
    if (sl === slot) {
      allocateCells(d, cc, b, cls.plane, s0, cls.lenSymbols, prb0, n, -2);
      continue;
    }
    const at = br.nAhead * 6;
    const a = (br.ahead = withRoom(br.ahead, at + 6));
    a[at] = sl;
    a[at + 1] = cls.plane;
    a[at + 2] = s0;
    a[at + 3] = cls.lenSymbols;
    a[at + 4] = prb0;
    a[at + 5] = n;
    br.nAhead++;
  }
}

/** At the start of own slot `slot` of BWP b: the `ahead` records of this slot become reservations of the owner grid; past ones are dropped. */
function replayAhead(d: EngineData, cc: CompiledConfig, b: number, slot: number): void {
  const br = d.bwps[b]!;
  const a = br.ahead;
  let w = 0;
  for (let i = 0; i < br.nAhead; i++) {
    const at = i * 6;
    const sl = a[at]!;
    if (sl === slot) allocateCells(d, cc, b, a[at + 1]!, a[at + 2]!, a[at + 3]!, a[at + 4]!, a[at + 5]!, -2);
    else if (sl > slot) {
      if (w !== i) a.copyWithin(w * 6, at, at + 6);
      w++;
    }
  }
  br.nAhead = w;
}

/**
 * PRB start of a window that is free or held by pre-emptible transmissions only; -1 if none: the
 * smallest p whose n columns [p, p + n) have no blocking cell (taken, and a configured-grant
 * reservation or not pre-emptible) on symbols [s, s + len). One pass over the columns, counting the
 * run of clear ones (no window is scanned twice), with the verdict of each transmission id of the
 * slot looked up once per call.
 */
function fitPreempt(d: EngineData, cc: CompiledConfig, b: number, plane: number, s: number, len: number, n: number): number {
  const nPrb = cc.grid.bwps[b]!.nPrb;
  const br = d.bwps[b]!;
  const owner = ownerGrid(d, cc, b);
  const first = br.firstTx;
  const mark = br.cgMark;
  const nTx = d.nextTxId - first; // ids of this slot: first .. first + nTx − 1
  if (scratch.vStamp.length < nTx) {
    scratch.vStamp = new Int32Array(Math.max(nTx, 2 * scratch.vStamp.length));
    scratch.vBlocks = new Uint8Array(scratch.vStamp.length);
  }
  const stamp = ++scratch.vCall;
  const vStamp = scratch.vStamp;
  const vBlocks = scratch.vBlocks;
  const row0 = (plane * 14 + s) * nPrb;
  let run = 0;
  for (let k = 0; k < nPrb; k++) {
    let blocked = false;
    for (let at = row0 + k, l = 0; l < len; l++, at += nPrb) {
      const o = owner[at]!;
      if (!isTaken(o, first, mark)) continue;
      if (o === mark) {
        blocked = true;
        break;
      }
      const g = o - first; // < nTx: o is a transmission of this slot
      if (vStamp[g] !== stamp) {
        const v = findTx(br.txs, br.nTxs, o, first);
        vBlocks[g] = v === null || !cc.classes[v.cls]!.c.preemptible ? 1 : 0;
        vStamp[g] = stamp;
      }
      if (vBlocks[g] === 1) {
        blocked = true;
        break;
      }
    }
    if (blocked) run = 0;
    else if (++run === n) return k - n + 1;
  }
  return -1;
}

function findTx(txs: readonly TxRec[], n: number, id: number, firstTx: number): TxRec | null {
  // With one BWP the slot's ids are dense from firstTx: try that index first.
  const g = id - firstTx;
  if (g >= 0 && g < n && txs[g]!.id === id) return txs[g]!;
  // txs[0, n) are in id order within a slot: binary search.
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = txs[mid]!;
    if (v.id === id) return v;
    if (v.id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** A record type with its readonly fields writable (the engine's record pools rewrite them). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function freeTx(d: EngineData, tx: TxRec): void {
  if (d.nTxFree < d.txFree.length) d.txFree[d.nTxFree] = tx;
  else d.txFree.push(tx);
  d.nTxFree++;
}

/**
 * A resolved transmission (out of `inflight`, its callbacks made): to the pool, or, while it is still
 * listed in its BWP's slot (`txs`, looked up by pre-emption), to that slot's retired list.
 */
function retireTx(d: EngineData, tx: TxRec): void {
  const br = d.bwps[tx.bwp]!;
  if (br.slot !== tx.slot) {
    freeTx(d, tx);
    return;
  }
  if (br.nRetired < br.retired.length) br.retired[br.nRetired] = tx;
  else br.retired.push(tx);
  br.nRetired++;
}

function insertInflight(d: EngineData, tx: TxRec): void {
  const a = d.inflight;
  let i = a.length;
  a.push(tx);
  while (i > 0 && a[i - 1]!.end < tx.end) {
    a[i] = a[i - 1]!;
    i--;
  }
  a[i] = tx;
}

function transmit(
  cc: CompiledConfig,
  d: EngineData,
  fi: number,
  packet: PacketRec,
  retx: RetxRec | null,
  b: number,
  slot: number,
  s: number,
  prb0: number,
  nPrbGrant: number,
  kind: number,
  preempting: boolean,
  sink: EngineSink,
): TxRec {
  const f = cc.flows[fi]!;
  const cls = cc.classes[f.cls]!;
  const bwp = cc.grid.bwps[b]!;
  const start = slot * bwp.slotBaseSymbols + s * bwp.ratio;
  const harq = retx !== null ? retx.harq : freeHarq(cc, d, f.ue, f.dir);
  // spread repetitions: the transmission ends with its last repetition (HARQ feedback and the UE's
  // next transmission come after it) and holds its cells on every repetition's occasion
  const end = cls.spread ? repetitionOccasions(cls, bwp, slot, s, scratch.pSlot, scratch.pSym) : start + cls.lenBase;
  const cells = cls.lenSymbols * nPrbGrant * (cls.spread ? cls.reps : 1);
  const id = d.nextTxId++;
  const tb = retx !== null ? retx.tb : packet.nextTb;
  const txNo = retx !== null ? retx.txNo + 1 : 1;
  const snrSumBefore = retx !== null ? retx.snrSum : 0;
  let tx: TxRec;
  if (d.nTxFree > 0) {
    // a retired record (resolved, its slot over: nothing refers to it), every field written again
    const r = d.txFree[--d.nTxFree]! as Mutable<TxRec>;
    r.id = id;
    r.packet = packet;
    r.tb = tb;
    r.flow = fi;
    r.ue = f.ue;
    r.dir = f.dir;
    r.cls = f.cls;
    r.txNo = txNo;
    r.harq = harq;
    r.bwp = b;
    r.plane = cls.plane;
    r.slot = slot;
    r.startSymbol = s;
    r.lenSymbols = cls.lenSymbols;
    r.prb0 = prb0;
    r.nPrb = nPrbGrant;
    r.start = start;
    r.end = end;
    r.cells = cells;
    r.punctured = 0;
    r.snrSumBefore = snrSumBefore;
    r.kind = kind;
    r.preempting = preempting;
    tx = r;
  } else {
    tx = {
      id,
      packet,
      tb,
      flow: fi,
      ue: f.ue,
      dir: f.dir,
      cls: f.cls,
      txNo,
      harq,
      bwp: b,
      plane: cls.plane,
      slot,
      startSymbol: s,
      lenSymbols: cls.lenSymbols,
      prb0,
      nPrb: nPrbGrant,
      start,
      end,
      cells,
      punctured: 0,
      snrSumBefore,
      kind,
      preempting,
    };
  }
  d.headWait.accessAt[fi] = -Infinity;
  d.headWait.pkt[fi] = null;
  if ((d.members.member[fi >> 5]! & (1 << (fi & 31))) !== 0) memberRemove(d.members, fi);
  if (retx === null) {
    packet.nextTb++;
    const hi = (f.ue * 2 + f.dir) * cc.cfg.harqProcesses + harq;
    if (scratch.logOn) logHarq(hi, d.harqBusy[hi]!);
    d.harqBusy[hi] = 1;
  }
  const ub = f.ue * 2 + f.dir;
  if (d.ueBusyUntil[ub]! < tx.end) d.ueBusyUntil[ub] = tx.end;
  if (cc.cfg.policy.usesAverage !== false) {
    const fr = d.flows[fi]!;
    decayedAvg(fr, d.tick);
    fr.avgBits += packet.tbsBits / PF_TICKS;
  }
  const br = d.bwps[b]!;
  if (br.nTxs < br.txs.length) br.txs[br.nTxs] = tx;
  else br.txs.push(tx);
  br.nTxs++;
  insertInflight(d, tx);
  sink.grant(tx);
  return tx;
}

/** Earliest-deadline eligible retransmission of flow fi at time t (drops packets that can no longer make it); null if none. */
function cgRetx(cc: CompiledConfig, d: EngineData, fi: number, t: number, needBase: number, sink: EngineSink): RetxRec | null {
  const fr = d.flows[fi]!;
  let r: RetxRec | null = null;
  for (let k = 0; k < fr.retx.length; k++) {
    const x = fr.retx[k]!;
    if (x.eligibleAt > t) continue;
    if (cc.discardExpired && t + needBase > x.packet.deadline) {
      dropPacket(cc, d, x.packet, 'deadline', t, sink);
      k = -1;
      r = null;
      continue;
    }
    if (r === null || x.packet.deadline < r.packet.deadline) r = x;
  }
  return r;
}

/**
 * Configured-grant occasions of flows in `list` at time t (own slot `slot`, symbol `l`, occasion
 * index `occ` of the class's occasion grid; `miniTti` 0 for slot-based flows).
 */
function serveCg(cc: CompiledConfig, d: EngineData, b: number, slot: number, l: number, t: number, occ: number, list: readonly number[], miniTti: number, sink: EngineSink): void {
  for (let i = 0; i < list.length; i++) {
    const fi = list[i]!;
    const f = cc.flows[fi]!;
    if (f.cgPeriodOcc === 0) continue;
    const cls = cc.classes[f.cls]!;
    if (miniTti > 0 && cls.c.ttiSymbols !== miniTti) continue;
    if ((occ - f.cgOffsetOcc) % f.cgPeriodOcc !== 0) continue;
    const bwp = cc.grid.bwps[b]!;
    const s = cls.c.mappingType === 'A' ? findRun(cc.grid, bwp, slot, cls.dir, cls.lenSymbols, 0) : l;
    if (s < 0 || s + cls.lenSymbols > 14) continue;
    if (cls.c.mappingType === 'B') {
      let ok = true;
      for (let k = s; k < s + cls.lenSymbols; k++) if (!symbolUsable(cc.grid, bwp, slot, k, cls.dir)) ok = false;
      if (!ok) continue;
    }
    if (cls.spread) {
      serveCgLane(cc, d, b, fi, slot, s, t, sink);
      continue;
    }
    const prb0 = fitPrb(d, cc, b, cls.plane, s, cls.lenSymbols, f.cgNPrb, cls.c.mappingType === 'B');
    if (prb0 < 0) continue;
    // HARQ retransmissions first: an eligible retransmission of the flow uses the occasion
    // (autonomous retransmission on the configured resources, cf. cg-RetransmissionTimer, TS 38.321 §5.4.1).
    if (d.ueBusyUntil[f.ue * 2 + f.dir]! <= t) {
      const r = cgRetx(cc, d, fi, t, cls.lenBase + cls.rxBase, sink);
      if (r !== null && r.packet.nPrb <= f.cgNPrb) {
        const fr = d.flows[fi]!;
        fr.retx.splice(fr.retx.indexOf(r), 1);
        syncWork(d, fi);
        const tx = transmit(cc, d, fi, r.packet, r, b, slot, s, prb0, r.packet.nPrb, TX_RETX, false, sink);
        allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0, r.packet.nPrb, tx.id);
        if (f.cgNPrb > r.packet.nPrb) {
          allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0 + r.packet.nPrb, f.cgNPrb - r.packet.nPrb, -2);
          sink.cgUnused(fi, cls.lenSymbols * (f.cgNPrb - r.packet.nPrb));
        }
        continue;
      }
    }
    // Else use the occasion for new data of the flow if any is ready and fits.
    const p = cgNewData(cc, d, fi, t, sink);
    if (p === null) {
      allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0, f.cgNPrb, -2);
      sink.cgUnused(fi, cls.lenSymbols * f.cgNPrb);
      continue;
    }
    const tx = transmit(cc, d, fi, p, null, b, slot, s, prb0, p.nPrb, TX_CG, false, sink);
    allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0, p.nPrb, tx.id);
    if (f.cgNPrb > p.nPrb) {
      allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0 + p.nPrb, f.cgNPrb - p.nPrb, -2);
      sink.cgUnused(fi, cls.lenSymbols * (f.cgNPrb - p.nPrb));
    }
  }
}

/** The head packet of CG flow fi if the UE is free, a HARQ process is free, its access delay has passed and it fits the reservation; else null. */
function cgNewData(cc: CompiledConfig, d: EngineData, fi: number, t: number, sink: EngineSink): PacketRec | null {
  const f = cc.flows[fi]!;
  const cls = cc.classes[f.cls]!;
  if (d.ueBusyUntil[f.ue * 2 + f.dir]! > t || freeHarq(cc, d, f.ue, f.dir) < 0) return null;
  const p = headPacket(cc, d, fi, t, sink);
  return p !== null && (p.arrival + cls.accessBase > t || p.nPrb > f.cgNPrb) ? null : p;
}

/**
 * A configured-grant occasion of flow fi whose class has repetitions, at own symbol s of own slot
 * `slot` of BWP b (spec/scheduler.md §2): the occasion reserves cgNPrb PRBs on itself and on the next
 * reps − 1 occasions of the class's grid (a TB starting here sends its repetitions there). The flow's
 * reservations form a lane: when the lane already holds this occasion (an earlier occasion's
 * repetitions), it is extended on the same PRBs to this occasion's last repetition if they are free
 * there, so a UE with an occasion every TTI holds one band of cgNPrb PRBs (as `verifySystem` counts
 * it) and any occasion can start a TB (as the latency model has it); otherwise a new lane is fitted
 * for the whole bundle. Then an eligible retransmission, else new data, is sent on it.
 */
function serveCgLane(cc: CompiledConfig, d: EngineData, b: number, fi: number, slot: number, s: number, t: number, sink: EngineSink): void {
  const f = cc.flows[fi]!;
  const cls = cc.classes[f.cls]!;
  const a = occasionNumber(cls, slot, s);
  if (a < 0) return;
  const lanes = d.cgLanes;
  const n = f.cgNPrb;
  const len = cls.lenSymbols;
  let prb0 = -1;
  const laneP = lanes.prb0[fi]!;
  const laneEnd = lanes.end[fi]!;
  if (laneP >= 0 && laneEnd >= a) {
    const jFrom = laneEnd - a + 1; // repetitions j >= jFrom are not held yet
    if (jFrom >= cls.reps) prb0 = laneP;
    else if (spreadFit(d, cc, b, cls, slot, s, n, false, false, jFrom, laneP) === laneP) {
      reserveAhead(d, cc, b, cls, slot, s, laneP, n, jFrom);
      prb0 = laneP;
    }
  }
  if (prb0 < 0) {
    prb0 = spreadFit(d, cc, b, cls, slot, s, n, cls.c.mappingType === 'B', false, 0, -1);
    if (prb0 < 0) return;
    allocateCells(d, cc, b, cls.plane, s, len, prb0, n, -2); // this occasion, reserved (a TB takes its part below)
    reserveAhead(d, cc, b, cls, slot, s, prb0, n, 1);
  }
  lanes.prb0[fi] = prb0;
  if (a + cls.reps - 1 > lanes.end[fi]!) lanes.end[fi] = a + cls.reps - 1;
  // HARQ retransmission first (as serveCg), else new data
  let tx: TxRec | null = null;
  if (d.ueBusyUntil[f.ue * 2 + f.dir]! <= t) {
    const r = cgRetx(cc, d, fi, t, cls.lenBase + cls.rxBase, sink);
    if (r !== null && r.packet.nPrb <= n) {
      const fr = d.flows[fi]!;
      fr.retx.splice(fr.retx.indexOf(r), 1);
      syncWork(d, fi);
      tx = transmit(cc, d, fi, r.packet, r, b, slot, s, prb0, r.packet.nPrb, TX_RETX, false, sink);
    }
  }
  if (tx === null) {
    const p = cgNewData(cc, d, fi, t, sink);
    if (p !== null) tx = transmit(cc, d, fi, p, null, b, slot, s, prb0, p.nPrb, TX_CG, false, sink);
  }
  // unused cells of this occasion: all of them, or those beside a TB of the flow on the lane
  let used = 0;
  if (tx !== null) {
    allocateCells(d, cc, b, cls.plane, s, len, prb0, tx.nPrb, tx.id); // overwrites the reservation
    lanes.txEnd[fi] = a + cls.reps - 1;
    lanes.txPrb[fi] = tx.nPrb;
    used = tx.nPrb;
  } else if (lanes.txEnd[fi]! >= a) used = lanes.txPrb[fi]!;
  if (n > used) sink.cgUnused(fi, len * (n - used));
}

/** Schedule the flows of `mask` (a flow bit mask, see CompiledConfig.flowsAllMask) at own symbol `l` of own slot `slot` of BWP b (time t). */
function scheduleOccasion(cc: CompiledConfig, d: EngineData, b: number, slot: number, l: number, t: number, mask: Uint32Array, miniTti: number, sink: EngineSink): void {
  collectAndServe(cc, d, b, slot, l, t, mask, miniTti, sink);
  if (scratch.lzAny || scratch.nPend > 0 || scratch.nAside > 0) membersEnd(cc, d);
}

/**
 * Members at this occasion (spec/scheduler.md §10.6): with a static rank and discardExpired, each class
 * of the mask with members and a usable run marks late the members whose due time is below its
 * lateAfter and has its other members left out of the scan (scratch.skip); they are served from the
 * class's key heap as an extension of its not-late key heap (membersPeek).
 */
function membersBegin(cc: CompiledConfig, d: EngineData, bwp: CompiledGrid['bwps'][number], slot: number, l: number, miniTti: number, mask: Uint32Array): void {
  const nc = cc.classes.length;
  if (scratch.lzOn.length < nc) {
    scratch.lzOn = new Uint8Array(nc);
    scratch.lzDone = new Uint8Array(nc);
    scratch.lzHead = new Float64Array(nc);
    scratch.lzHeadFi = new Int32Array(nc);
    scratch.lzHeadRank = new Float64Array(nc);
  }
  if (scratch.skip.length < mask.length) scratch.skip = new Uint32Array(mask.length);
  scratch.lzAny = false;
  const ms = d.members;
  if (ms.count[nc] === 0) return; // no member anywhere (also: no static rank, or no discardExpired)
  // (lzOn is all 0 here: membersEnd clears it)
  for (let ci = 0; ci < nc; ci++) {
    if (ms.count[ci] === 0) continue;
    const r = ms.rep[ci]!;
    if ((mask[r >> 5]! & (1 << (r & 31))) === 0) continue;
    if (startSymbol(cc, bwp, slot, l, miniTti, ci) < 0) continue; // no run: every member is visited
    markLate(ms, ci, scratch.lateAfter[ci]!);
    scratch.lzOn[ci] = 1;
    scratch.lzDone[ci] = 0;
    scratch.lzHead[ci] = NaN;
    scratch.lzAny = true;
  }
  if (!scratch.lzAny) return;
  const skip = scratch.skip;
  for (let wi = 0; wi < mask.length; wi++) {
    let w = 0;
    for (let ci = 0; ci < nc; ci++) if (scratch.lzOn[ci] === 1) w |= ms.classMask[ci]![wi]!;
    skip[wi] = w & ms.member[wi]! & ~ms.late[wi]!;
  }
  scratch.logOn = true;
  scratch.nLog = 0;
  scratch.curPos = -1;
}

/**
 * The next member of class ci to serve at this occasion, as its packed key (Infinity: none left): the
 * least live entry of its key heap that is not late, whose UE is not busy (busy now: it would be
 * popped as dead, inert), whose access time has passed, and which had a free HARQ process at its place
 * in the scan — the members the scan would have put into the class's not-late heap, in key order.
 * Every live entry popped is pushed back when the occasion ends. The key is left in scratch.lzHead
 * (Infinity: none left).
 */
function membersPeek(cc: CompiledConfig, d: EngineData, ci: number, t: number): void {
  // (the key is left in scratch.lzHead, not returned: a double returned from a call V8 does not inline is boxed)
  const cached = scratch.lzHead[ci]!;
  if (cached === cached) return;
  const ms = d.members;
  const kfC = ms.kfC;
  while (ms.kn[ci]! > 0) {
    const key = ms.kh[ci]![0]!;
    const g = ms.kg[ci]![0]!;
    const fi = key - Math.floor(key / kfC) * kfC;
    keyPop(ms, ci);
    if (g !== ms.gen[fi] || !isMember(ms, fi)) continue; // stale
    asidePush(ci, key, g);
    if (isLate(ms, fi)) continue; // visited by the scan
    const ub = cc.flowUb[fi]!;
    if (d.ueBusyUntil[ub]! > t) continue;
    if (t < d.headWait.accessAt[fi]!) continue;
    if (harqFullAtScan(cc, d, ub, fi)) continue;
    const rank = (key - fi) / kfC;
    scratch.lzHeadFi[ci] = fi;
    scratch.lzHeadRank[ci] = rank;
    scratch.lzHead[ci] = (scratch.keyRank + rank) * scratch.keyFlow + fi;
    return;
  }
  scratch.lzHead[ci] = Infinity;
}

function asidePush(ci: number, key: number, g: number): void {
  const k = scratch.nAside++;
  if (k >= scratch.asideKey.length) {
    scratch.asideKey = grownTo(scratch.asideKey, 2 * k);
    scratch.asideCls = grownTo(scratch.asideCls, 2 * k);
    scratch.asideGen = grownTo(scratch.asideGen, 2 * k);
  }
  scratch.asideCls[k] = ci;
  scratch.asideKey[k] = key;
  scratch.asideGen[k] = g;
}

function pendPush(fi: number): void {
  const k = scratch.nPend++;
  if (k >= scratch.pend.length) scratch.pend = grownTo(scratch.pend, 2 * k);
  scratch.pend[k] = fi;
}

/**
 * General path with members: each one the scan would have collected becomes a memo Candidate (no
 * serving has happened yet, so the UE and HARQ tests read the state of the scan).
 */
function membersAsCandidates(cc: CompiledConfig, d: EngineData, t: number): void {
  const ms = d.members;
  for (let ci = 0; ci < cc.classes.length; ci++) {
    if (scratch.lzOn[ci] !== 1) continue;
    for (let i = 0; i < ms.kn[ci]!; i++) {
      if (!keyLive(ms, ci, i)) continue;
      const key = ms.kh[ci]![i]!;
      const fi = key - Math.floor(key / ms.kfC) * ms.kfC;
      if (isLate(ms, fi)) continue;
      const ub = cc.flowUb[fi]!;
      if (d.ueBusyUntil[ub]! > t || t < d.headWait.accessAt[fi]! || harqFullAtScan(cc, d, ub, fi)) continue;
      memoCandidate(cc, d, fi, (key - fi) / ms.kfC);
    }
  }
}

/** End of an occasion: popped members back into their heaps, flows that may join do, the HARQ log off. */
function membersEnd(cc: CompiledConfig, d: EngineData): void {
  const ms = d.members;
  for (let k = 0; k < scratch.nAside; k++) {
    const ci = scratch.asideCls[k]!;
    const key = scratch.asideKey[k]!;
    const g = scratch.asideGen[k]!;
    const fi = key - Math.floor(key / ms.kfC) * ms.kfC;
    if (g === ms.gen[fi] && isMember(ms, fi)) keyPush(ms, ci, key, g);
  }
  scratch.nAside = 0;
  const hw = d.headWait;
  for (let k = 0; k < scratch.nPend; k++) {
    const fi = scratch.pend[k]!;
    if (isMember(ms, fi) || hw.pkt[fi] === null || d.nRetx[fi] !== 0) continue;
    // Joining pays only where a class has a backlog (a few candidates are cheaper to visit): a flow joins
    // when its class has members already or this occasion collected MEMBERS_FROM keys for it. Which
    // flows are members never changes what is served (a non-member is visited).
    const ci = cc.flowCls[fi]!;
    if (ms.count[ci] === 0 && scratch.hLen[2 * ci]! + scratch.hLen[2 * ci + 1]! < MEMBERS_FROM) continue;
    const rank = hw.rank[fi]!;
    if (rank === rank && rankPacks(ms, rank)) memberInsert(ms, fi, rank, hw.due[fi]!, hw.nPrb[fi]!);
  }
  scratch.nPend = 0;
  scratch.logOn = false;
  scratch.nLog = 0;
  if (scratch.lzAny) scratch.lzOn.fill(0);
  scratch.lzAny = false;
}

/** Keys of a class collected at one occasion from which its flows start to join (membersEnd). */
const MEMBERS_FROM = 32;

function collectAndServe(
  cc: CompiledConfig,
  d: EngineData,
  b: number,
  slot: number,
  l: number,
  t: number,
  mask: Uint32Array,
  miniTti: number,
  sink: EngineSink,
): void {
  const policy = cc.cfg.policy;
  const hw = d.headWait;
  scratch.n = 0;
  const bwp = cc.grid.bwps[b]!;
  if (scratch.sStamp.length < cc.classes.length) {
    scratch.sStamp = new Int32Array(cc.classes.length);
    scratch.sOf = new Int32Array(cc.classes.length);
    scratch.endOf = new Float64Array(cc.classes.length);
    scratch.lateAfter = new Float64Array(cc.classes.length);
  }
  scratch.occStamp++; // start symbols (startSymbol) are memoised per occasion
  scratch.packed = true;
  scratch.nLazy = 0;
  scratch.nMemo = 0;
  if (scratch.keyFlow < cc.flows.length || scratch.keyFlow >= 4 * Math.max(2, cc.flows.length)) setKeyPacking(cc.flows.length);
  const nh = 2 * cc.classes.length;
  if (scratch.hk.length < nh || scratch.candAt.length < cc.flows.length) growHeaps(nh, cc.flows.length);
  membersBegin(cc, d, bwp, slot, l, miniTti, mask);
  const lzAny = scratch.lzAny;
  const skip = scratch.skip;
  const ms = d.members;
  const useMembers = cc.discardExpired && staticRankOf(policy);
  const hk = scratch.hk;
  const hLen = scratch.hLen;
  const nTop = scratch.nTop;
  const minPrb = scratch.minPrb;
  const kf = scratch.keyFlow;
  const kr = scratch.keyRank;
  // (loops, not fill: nh is twice the class count, and three builtin calls per occasion cost more than the stores)
  for (let h = 0; h < nh; h++) {
    hLen[h] = 0;
    nTop[h] = 0;
  }
  for (let c = 0; c < nh >> 1; c++) minPrb[c] = 0x7fffffff;
  // The arrays the scan reads, held in locals (none is replaced during an occasion; the calls of
  // the full path below would otherwise force every one to be loaded again per flow).
  const ueBusy = d.ueBusyUntil;
  const nRetx = d.nRetx;
  const dueA = hw.due;
  const accessA = hw.accessAt;
  const pktA = hw.pkt;
  const rankA = hw.rank;
  const nPrbA = hw.nPrb;
  const flowUb = cc.flowUb;
  const flowCls = cc.flowCls;
  const lateAfter = scratch.lateAfter;
  const sStamp = scratch.sStamp;
  const stamp = scratch.occStamp;
  const harqBusy = d.harqBusy;
  const H = cc.cfg.harqProcesses;
  const staticRank = policy.staticRank === true;
  let nMemo = 0;
  // Flows of the list with work, in flow order: the set bits of active & mask. Handling flow fi
  // changes the work of flow fi only, so one snapshot per word is exact.
  const act = d.active;
  for (let wi = 0; wi < mask.length; wi++) {
   let bits = act[wi]! & mask[wi]!;
   if (lzAny) bits &= ~skip[wi]!;
   while (bits !== 0) {
    const low = bits & -bits;
    bits ^= low;
    const fi = (wi << 5) + 31 - Math.clz32(low);
    const ub = flowUb[fi]!;
    if (ueBusy[ub]! > t) continue;
    const noRetx = nRetx[fi] === 0;
    const notDue = !(t > dueA[fi]!);
    // the head packet still waits for its access delay and is not due for the drop test: nothing to do
    // (the same comparisons headPacket and the access test below make, on the memoised values)
    if (noRetx && t < accessA[fi]! && notDue) continue;
    // The head packet is memoised (hw.pkt), its access time has passed and the drop test does not
    // fire: headPacket would return it without side effects and the access test would pass, so the
    // candidate is made from the memo without reading the queue or the packet (same values).
    const mp = pktA[fi]!;
    if (mp !== null && noRetx && notDue) {
      // a free HARQ process (freeHarq ≥ 0, inline)
      const hb = ub * H;
      let hp = 0;
      while (hp < H && harqBusy[hb + hp] !== 0) hp++;
      if (hp === H) continue;
      // A memo candidate is only its packed key, in its heap: every other field of its Candidate is a
      // copy of the memo or of its class (memoCandidate), made if and when it is popped — most never
      // are (spec/scheduler.md §10.4).
      const ci = flowCls[fi]!;
      if (sStamp[ci] !== stamp) startSymbol(cc, bwp, slot, l, miniTti, ci); // memoises the class's start, end and lateAfter at this occasion
      let rk = rankA[fi]!;
      if (rk !== rk) {
        // no static rank computed for this packet yet (NaN)
        rk = policyRank(policy, t, mp, cc.classes[ci]!, d.flows[fi]!, d.tick, fi);
        if (staticRank) rankA[fi] = rk;
      }
      // may join its class when the occasion is over (where the class has a backlog: membersEnd)
      if (useMembers && (ms.count[ci]! > 0 || hLen[2 * ci]! + hLen[2 * ci + 1]! >= MEMBERS_FROM) && !isMember(ms, fi)) pendPush(fi);
      // late: endOf + (rem − 1)·lenBase + rxBase > deadline, i.e. endOf − lenBase > due (integers: exact)
      const late = lateAfter[ci]! > dueA[fi]!;
      if (scratch.packed && rk >= 0 && rk < kr && Math.floor(rk) === rk) {
        // its packed key (packKey, group 1) straight into its heap h = class·2 + late (serveByKeys);
        // flow, rank and late flag can be read back from the key and the heap
        const h = ci * 2 + (late ? 1 : 0);
        pushKey(h, (kr + rk) * kf + fi);
        if (!late && nPrbA[fi]! < minPrb[ci]!) minPrb[ci] = nPrbA[fi]!;
        nMemo++;
      } else {
        // a rank that does not pack (the general path will serve this occasion): noted as (flow, rank)
        scratch.packed = false;
        const k = scratch.nLazy++;
        if (k >= scratch.lzFlow.length) growLazy();
        scratch.lzFlow[k] = fi;
        scratch.lzRank[k] = rk;
      }
      continue;
    }
    const fr = d.flows[fi]!;
    const f = cc.flows[fi]!;
    const cls = cc.classes[f.cls]!;
    scratch.curPos = fi; // HARQ changes from here on are this flow's (harqFullAtScan)
    let r: RetxRec | null = null;
    // Earliest eligible retransmission; drop packets that can no longer make it.
    for (let k = 0; k < fr.retx.length; k++) {
      const x = fr.retx[k]!;
      if (x.eligibleAt > t) continue;
      if (cc.discardExpired && t + cls.lenBase + cls.rxBase > x.packet.deadline) {
        dropPacket(cc, d, x.packet, 'deadline', t, sink);
        k = -1; // list changed; rescan
        r = null;
        continue;
      }
      if (r === null || x.packet.deadline < r.packet.deadline) r = x;
    }
    let p: PacketRec | null = null;
    if (r === null) {
      if (f.cgPeriodOcc !== 0) continue; // configured-grant flows send new data on their occasions
      p = headPacket(cc, d, fi, t, sink);
      if (p === null) continue;
      memberRemove(ms, fi); // a new memo (a member is visited only when late or without a run: its memo is replaced)
      hw.pkt[fi] = p;
      hw.accessAt[fi] = p.arrival + cls.accessBase;
      hw.deadline[fi] = p.deadline;
      hw.due[fi] = p.deadline - (p.nTb - p.nextTb) * cls.lenBase - cls.rxBase;
      hw.rem[fi] = p.nTb - p.nextTb;
      hw.nPrb[fi] = p.nPrb;
      hw.rank[fi] = NaN;
      if (p.arrival + cls.accessBase > t) continue;
      if (freeHarq(cc, d, f.ue, f.dir) < 0) continue;
    } else p = r.packet;
    const c = candidate();
    c.flow = fi;
    c.retx = r;
    c.packet = p;
    c.group = r !== null ? 0 : 1;
    c.served = false;
    c.cls = f.cls;
    const cs = startSymbol(cc, bwp, slot, l, miniTti, f.cls);
    c.ub = f.ue * 2 + f.dir;
    c.s = cs;
    c.fitKey = cls.fitKey;
    c.preKey = cls.preKey;
    c.len = cls.lenSymbols;
    c.nPrb = p.nPrb;
    c.mayPreempt = policy.preemption && cls.c.preempts && cls.c.mappingType === 'B';
    c.late = cc.discardExpired && cs >= 0 && scratch.endOf[f.cls]! + (p.nTb - p.nextTb + (r !== null ? 1 : 0) - 1) * cls.lenBase + cls.rxBase > p.deadline;
    c.rank = policyRank(policy, t, p, cls, fr, d.tick, fi);
    if (r === null && policy.staticRank === true) {
      hw.rank[fi] = c.rank;
      if (useMembers && (ms.count[f.cls]! > 0 || hLen[2 * f.cls]! + hLen[2 * f.cls + 1]! >= MEMBERS_FROM) && !isMember(ms, fi)) pendPush(fi);
    }
    packKey(c);
   }
  }
  scratch.nMemo = nMemo;
  scratch.curPos = 0x7fffffff; // changes while serving come after every place in the scan
  if (scratch.n === 0 && scratch.nLazy === 0 && scratch.nMemo === 0 && !lzAny) return;
  const cands = scratch.cands;
  // Serve the candidates in (group, rank, flow) order, popped from a binary heap. Within one
  // occasion nothing is freed, so once every remaining candidate is known to fail its fit (the
  // failure caches below), only deadline drops can still happen: those candidates alone are then
  // sorted and served, with the same code, in the same order as a full pass would (see allDead).
  scratch.nFail = 0;
  scratch.nPFail = 0;
  scratch.witness = null;
  if (scratch.packed) {
    serveByKeys(cc, d, b, slot, l, t, miniTti, sink);
    for (let i = 0; i < scratch.n; i++) {
      const c = cands[i]!;
      scratch.candAt[c.flow] = -1; // back to "a memo candidate" for the next occasion
      c.packet = null;
      c.retx = null;
    }
    return;
  }
  // general path: every noted memo candidate becomes a Candidate (their order in cands does not matter: the order is total)
  if (lzAny) membersAsCandidates(cc, d, t);
  for (let h = 0; h < 2 * cc.classes.length; h++) {
    const keys = scratch.hk[h]!;
    for (let j = 0; j < scratch.hLen[h]!; j++) {
      const key = keys[j]!;
      const q = Math.floor(key / scratch.keyFlow);
      memoCandidate(cc, d, key - q * scratch.keyFlow, q - scratch.keyRank);
    }
  }
  for (let k = 0; k < scratch.nLazy; k++) memoCandidate(cc, d, scratch.lzFlow[k]!, scratch.lzRank[k]!);
  const n = scratch.n;
  heapify(cands, n);
  let size = n;
  while (size > 0) {
    const c = cands[0]!;
    c.served = true;
    size--;
    cands[0] = cands[size]!;
    cands[size] = c;
    siftDown(cands, 0, size);
    if (serveCandidate(cc, d, b, slot, l, t, miniTti, c, sink) && size > 0 && allDead(d, t, cands, size)) {
      let m = 0;
      for (let i = 0; i < size; i++) {
        const x = cands[i]!;
        if (mayDrop(d, t, x)) {
          cands[i] = cands[m]!;
          cands[m++] = x;
        }
      }
      sortCandidates(cands, m);
      for (let i = 0; i < m; i++) serveCandidate(cc, d, b, slot, l, t, miniTti, cands[i]!, sink);
      break;
    }
  }
  for (let i = 0; i < n; i++) {
    const c = cands[i]!;
    c.packet = null;
    c.retx = null;
  }
}

/**
 * The serving loop of scheduleOccasion when every candidate has a packed key (candBefore): the same
 * candidates served in the same order as the object heap, with less work (spec/scheduler.md §10.4).
 * The keys are split into one min-heap per (class, late flag), a Float64Array each (`scratch.hk`: no
 * candidate object is read to compare; a memo candidate's key was written there at collection); the
 * next candidate is the least top over the heaps (a linear scan: a handful of classes), and a popped
 * key's flow (key mod F) finds its Candidate through `candAt` (−1: a memo candidate, made now by
 * memoCandidate with the rank read back from the key).
 *
 * Skipping what cannot act: a candidate that is not late and is dead (candidateDead: UE busy, no run,
 * fit and pre-emption fit covered by recorded failures) is inert — serveCandidate would return false
 * without an effect — so it is not served; and once every not-late candidate of a class is dead (its
 * start symbol is −1, or the failure records cover the smallest PRB count among them) that class's
 * not-late heap is emptied at once. Being dead is monotone within an occasion (UEs only get busy,
 * failure records only widen), so nothing skipped could have acted later. Late candidates (serving
 * them drops their packet for the deadline) are always served, in key order among the rest: once
 * every not-late heap is empty this is the deadline-drop pass of the object heap (allDead, mayDrop).
 */
function serveByKeys(cc: CompiledConfig, d: EngineData, b: number, slot: number, l: number, t: number, miniTti: number, sink: EngineSink): void {
  const cands = scratch.cands;
  const n = scratch.n;
  const nMemo = scratch.nMemo;
  const nh = 2 * cc.classes.length;
  const keys = scratch.keys;
  const at = scratch.candAt;
  const kf = scratch.keyFlow;
  const kr = scratch.keyRank;
  const hk = scratch.hk;
  const hSize = scratch.hSize;
  const hLen = scratch.hLen;
  const lzAny = scratch.lzAny;
  if (n + nMemo <= 16 && !lzAny) {
    // a few candidates (the common case below ~100 UEs): sort the keys and serve in that order, same skip rule
    let m = 0;
    for (let i = 0; i < n; i++) {
      keys[m++] = cands[i]!.key;
      at[cands[i]!.flow] = i;
    }
    for (let h = 0; h < nh; h++) for (let j = 0; j < hLen[h]!; j++) keys[m++] = hk[h]![j]!;
    for (let i = 1; i < m; i++) {
      const x = keys[i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > x) {
        keys[j + 1] = keys[j]!;
        j--;
      }
      keys[j + 1] = x;
    }
    for (let i = 0; i < m; i++) {
      const key = keys[i]!;
      const fi = key - Math.floor(key / kf) * kf;
      const ix = at[fi]!;
      const c = ix >= 0 ? cands[ix]! : memoCandidate(cc, d, fi, Math.floor(key / kf) - kr);
      c.served = true;
      if (!c.late && candidateDead(d, t, c)) continue;
      serveCandidate(cc, d, b, slot, l, t, miniTti, c, sink);
    }
    return;
  }
  const heaped = scratch.hHeaped;
  const minPrb = scratch.minPrb;
  const top = scratch.top;
  const nTop = scratch.nTop;
  const taken = scratch.taken;
  // the memo candidates' keys are in their heaps' arrays already (scheduleOccasion); add the full-path ones
  for (let i = 0; i < n; i++) {
    const c = cands[i]!;
    const h = c.cls * 2 + (c.late ? 1 : 0);
    pushKey(h, c.key);
    if (!c.late && c.nPrb < minPrb[c.cls]!) minPrb[c.cls] = c.nPrb;
    at[c.flow] = i;
  }
  const list = scratch.hList;
  let nList = 0;
  const lzOn = scratch.lzOn;
  const lzDone = scratch.lzDone;
  const msMin = d.members.minPrb;
  // with members served from the class's key heap too, the fewest PRBs is bounded below by theirs (a
  // lower bound only lets classDead fire later: the extra pops are dead, inert)
  if (lzAny) for (let ci = 0; ci < nh >> 1; ci++) if (lzOn[ci] === 1 && msMin[ci]! < minPrb[ci]!) minPrb[ci] = msMin[ci]!;
  for (let h = 0; h < nh; h++) {
    heaped[h] = 0;
    taken[h] = 0;
    hSize[h] = hLen[h]!;
    if (hSize[h]! > 0 || (lzAny && (h & 1) === 0 && lzOn[h >> 1] === 1)) list[nList++] = h;
  }
  // a class without a usable run at this occasion: its not-late heap is dead from the start
  for (let j = 0; j < nList; j++) {
    const h = list[j]!;
    if ((h & 1) === 0 && classDead(cc, h >> 1, minPrb[h >> 1]!)) {
      hSize[h] = 0;
      if (lzAny) lzDone[h >> 1] = 1;
    }
  }
  // A heap's least keys are popped from its TOP_K list (kept at push, ascending); the heap itself is
  // built only if they run out while the heap lives — most not-late heaps are emptied as dead after
  // a few pops of the others. Keys are distinct (the flow is in the key), so the keys popped from the
  // list are the heap's `taken` least ones: building the heap and popping `taken` keys first leaves
  // exactly the keys not yet popped (spec/scheduler.md §10.6).
  for (;;) {
    let best = -1;
    let bk = Infinity;
    let bestMember = false;
    for (let j = 0; j < nList; j++) {
      const h = list[j]!;
      if (lzAny && (h & 1) === 0 && lzOn[h >> 1] === 1 && lzDone[h >> 1] === 0) {
        membersPeek(cc, d, h >> 1, t);
        const mk = scratch.lzHead[h >> 1]!;
        if (mk < bk) {
          bk = mk;
          best = h;
          bestMember = true;
        }
      }
      if (hSize[h]! === 0) continue;
      let k: number;
      if (heaped[h] === 1) k = hk[h]![0]!;
      else if (taken[h]! < nTop[h]!) k = top[h * TOP_K + taken[h]!]!;
      else {
        const keys = hk[h]!;
        let sz = hLen[h]!;
        for (let i = (sz >> 1) - 1; i >= 0; i--) siftKeys(keys, i, sz);
        for (let i = 0; i < taken[h]!; i++) {
          sz--;
          keys[0] = keys[sz]!;
          siftKeys(keys, 0, sz);
        }
        heaped[h] = 1;
        k = keys[0]!;
      }
      if (k < bk) {
        bk = k;
        best = h;
        bestMember = false;
      }
    }
    if (best < 0) break;
    if (bestMember) {
      // a member: its entry is already set aside (membersPeek); the next one is looked up when needed
      const ci = best >> 1;
      const fi = scratch.lzHeadFi[ci]!;
      const rank = scratch.lzHeadRank[ci]!;
      scratch.lzHead[ci] = NaN;
      const c = memoCandidate(cc, d, fi, rank);
      c.served = true;
      if (candidateDead(d, t, c)) continue; // inert
      if (serveCandidate(cc, d, b, slot, l, t, miniTti, c, sink)) emptyDead(cc, list, nList, hSize, minPrb);
      continue;
    }
    if (heaped[best] === 1) {
      const keys = hk[best]!;
      const sz = --hSize[best]!;
      keys[0] = keys[sz]!;
      siftKeys(keys, 0, sz);
    } else {
      taken[best]!++;
      hSize[best]!--;
    }
    const fi = bk - Math.floor(bk / kf) * kf; // the flow: key mod F, exact (no fmod)
    const ix = at[fi]!;
    const c = ix >= 0 ? cands[ix]! : memoCandidate(cc, d, fi, Math.floor(bk / kf) - kr); // rank from the key (exact)
    c.served = true;
    if ((best & 1) === 0 && candidateDead(d, t, c)) continue; // inert (see above)
    if (serveCandidate(cc, d, b, slot, l, t, miniTti, c, sink)) emptyDead(cc, list, nList, hSize, minPrb);
  }
}

/** A failure was recorded: empty the not-late heaps (and stop the members) of classes now dead as a whole. */
function emptyDead(cc: CompiledConfig, list: Int32Array, nList: number, hSize: Int32Array, minPrb: Int32Array): void {
  for (let j = 0; j < nList; j++) {
    const h = list[j]!;
    if ((h & 1) !== 0) continue;
    const members = scratch.lzAny && scratch.lzOn[h >> 1] === 1 && scratch.lzDone[h >> 1] === 0;
    if ((hSize[h]! > 0 || members) && classDead(cc, h >> 1, minPrb[h >> 1]!)) {
      hSize[h] = 0;
      if (members) scratch.lzDone[h >> 1] = 1;
    }
  }
}

/**
 * Is every waiting candidate of class ci with at least `nPrb` PRBs dead at this occasion (see
 * candidateDead; UE busy not used)? Its start symbol is −1, or a recorded fit failure (and, when it
 * may pre-empt, a pre-emption failure) covers nPrb.
 */
function classDead(cc: CompiledConfig, ci: number, nPrb: number): boolean {
  const s = scratch.sOf[ci]!; // set at this occasion: the class has candidates
  if (s < 0) return true;
  const cls = cc.classes[ci]!;
  if (!knownFit(cls.fitKey, s, cls.lenSymbols, nPrb)) return false;
  return !(cc.cfg.policy.preemption && cls.c.preempts && cls.c.mappingType === 'B') || knownPreempt(cls.preKey, s, cls.lenSymbols, nPrb);
}

/** Min-heap of packed keys over k[0, n). */
function siftKeys(k: Float64Array, i: number, n: number): void {
  const x = k[i]!;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && k[m + 1]! < k[m]!) m++;
    const y = k[m]!;
    if (!(y < x)) break;
    k[i] = y;
    i = m;
  }
  k[i] = x;
}

/** Min-heap by `candBefore` over cands[0, n). */
function heapify(cands: Candidate[], n: number): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(cands, i, n);
}

function siftDown(cands: Candidate[], i: number, n: number): void {
  const x = cands[i]!;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && candBefore(cands[m + 1]!, cands[m]!)) m++;
    const y = cands[m]!;
    if (!candBefore(y, x)) break;
    cands[i] = y;
    i = m;
  }
  cands[i] = x;
}

/**
 * Start symbol of class `ci` at this occasion, -1 if it has no usable run (a pure function of the
 * class and the occasion: memoised per occasion).
 */
function startSymbol(cc: CompiledConfig, bwp: CompiledGrid['bwps'][number], slot: number, l: number, miniTti: number, ci: number): number {
  if (scratch.sStamp[ci] === scratch.occStamp) return scratch.sOf[ci]!;
  const cls = cc.classes[ci]!;
  let s: number;
  if (cls.c.mappingType === 'A') s = findRun(cc.grid, bwp, slot, cls.dir, cls.lenSymbols, 0);
  else {
    // Joint slot-start pass: mini-slot flows take their first occasion of the slot.
    s = miniTti === 0 ? Math.max(l, cls.miniFirst) : l;
    if (s + cls.lenSymbols > 14) s = -1;
    else for (let k = s; k < s + cls.lenSymbols; k++) if (!symbolUsable(cc.grid, bwp, slot, k, cls.dir)) s = -1;
  }
  if (s >= 0 && cls.occ !== null && cls.occ.at[(slot % cls.occ.periodSlots) * 14 + s]! < 0) s = -1;
  scratch.sStamp[ci] = scratch.occStamp;
  scratch.sOf[ci] = s;
  scratch.endOf[ci] = s >= 0 ? txEndAt(cls, bwp, slot, s) : 0;
  scratch.lateAfter[ci] = cc.discardExpired && s >= 0 ? scratch.endOf[ci]! - cls.lenBase : -Infinity;
  return s;
}

/** Index of the fitPrb failure record covering (class shape at s, nPrb) or -1. */
function knownFit(key: number, s: number, len: number, nPrb: number): boolean {
  for (let k = 0; k < scratch.nFail; k++) {
    const fk = k * 4;
    if (scratch.fail[fk] === key && scratch.fail[fk + 1] === s && scratch.fail[fk + 2] === len && scratch.fail[fk + 3]! <= nPrb) return true;
  }
  return false;
}

function knownPreempt(plane: number, s: number, len: number, nPrb: number): boolean {
  for (let k = 0; k < scratch.nPFail; k++) {
    const fk = k * 4;
    if (scratch.pfail[fk] === plane && scratch.pfail[fk + 1] === s && scratch.pfail[fk + 2] === len) return scratch.pfail[fk + 3]! <= nPrb;
  }
  return false;
}

/**
 * Every candidate in cands[0, size) is certain not to be granted in this occasion: it is skipped
 * for reasons no drop can change (packet done, UE busy, no usable run), or both its fit and, when
 * it may pre-empt, its pre-emption fit are covered by a recorded failure (cells only get taken
 * within an occasion). HARQ availability is not used: a drop can free a process.
 */
function allDead(d: EngineData, t: number, cands: Candidate[], size: number): boolean {
  // Being dead is monotone within an occasion (UEs only get busy, failure records only widen), so
  // the candidate found alive last time is checked first: while it still waits and lives, not all are dead.
  const w = scratch.witness;
  if (w !== null && !w.served && !candidateDead(d, t, w)) return false;
  for (let i = 0; i < size; i++) {
    const c = cands[i]!;
    if (c.served) continue; // (serveByKeys passes every candidate of the occasion)
    if (!candidateDead(d, t, c)) {
      scratch.witness = c;
      return false;
    }
  }
  return true;
}

/**
 * Is waiting candidate c certain not to be granted in this occasion (see allDead)? Its packet is still
 * queued (only a served candidate's packet can be dropped or sent during the occasion), so this reads
 * the fields recorded at collection: UE busy, no usable run, or fit (and pre-emption fit) covered by a
 * recorded failure.
 */
function candidateDead(d: EngineData, t: number, c: Candidate): boolean {
  if (d.ueBusyUntil[c.ub]! > t) return true;
  if (c.s < 0) return true;
  if (!knownFit(c.fitKey, c.s, c.len, c.nPrb)) return false;
  if (c.mayPreempt && !knownPreempt(c.preKey, c.s, c.len, c.nPrb)) return false;
  return true;
}

/**
 * Could serving waiting candidate c (once allDead holds) drop its packet for the deadline? A superset
 * test (HARQ not checked): its deadline test, fixed for the occasion (recorded at collection), fails
 * and its UE is not busy.
 */
function mayDrop(d: EngineData, t: number, c: Candidate): boolean {
  return c.late && !(d.ueBusyUntil[c.ub]! > t);
}

/** End (exclusive, base symbols) of a transmission of class `cls` starting at own symbol s of own slot `slot`: the last repetition's end when spread. */
function txEndAt(cls: CompiledClass, bwp: CompiledGrid['bwps'][number], slot: number, s: number): number {
  if (cls.spread) return repetitionOccasions(cls, bwp, slot, s, scratch.pSlot, scratch.pSym);
  return slot * bwp.slotBaseSymbols + (s + cls.lenSymbols) * bwp.ratio;
}

/**
 * Serve one candidate of an occasion: skip, drop for the deadline, or grant. Returns true when a
 * new fit failure was recorded (the moment allDead may have become true).
 */
function serveCandidate(cc: CompiledConfig, d: EngineData, b: number, slot: number, l: number, t: number, miniTti: number, c: Candidate, sink: EngineSink): boolean {
  const policy = cc.cfg.policy;
  const bwp = cc.grid.bwps[b]!;
  const p = c.packet!;
  if (p.status !== PKT_QUEUED) return false;
  const f = cc.flows[c.flow]!;
  const cls = cc.classes[f.cls]!;
  if (d.ueBusyUntil[f.ue * 2 + f.dir]! > t) return false; // another flow of the UE took this TTI
  if (c.retx === null && freeHarq(cc, d, f.ue, f.dir) < 0) return false;
  const s = startSymbol(cc, bwp, slot, l, miniTti, f.cls);
  if (s < 0) return false;
  if (cc.discardExpired) {
    const remaining = p.nTb - p.nextTb + (c.retx !== null ? 1 : 0);
    if (scratch.endOf[f.cls]! + (remaining - 1) * cls.lenBase + cls.rxBase > p.deadline) { // txEndAt(cls, bwp, slot, s), memoised with s
      dropPacket(cc, d, p, 'deadline', t, sink);
      return false;
    }
  }
  let recorded = false;
  // Within one occasion nothing is freed: a request no smaller than one that failed fails too.
  const key = cls.fitKey;
  const known = knownFit(key, s, cls.lenSymbols, p.nPrb);
  let prb0 = known
    ? -1
    : cls.spread
      ? spreadFit(d, cc, b, cls, slot, s, p.nPrb, cls.c.mappingType === 'B', false)
      : fitPrb(d, cc, b, cls.plane, s, cls.lenSymbols, p.nPrb, cls.c.mappingType === 'B');
  if (prb0 < 0 && !known && scratch.nFail < 16) {
    const fk = scratch.nFail++ * 4;
    scratch.fail[fk] = key;
    scratch.fail[fk + 1] = s;
    scratch.fail[fk + 2] = cls.lenSymbols;
    scratch.fail[fk + 3] = p.nPrb;
    recorded = true;
  }
  let preempting = false;
  if (prb0 < 0 && policy.preemption && cls.c.preempts && cls.c.mappingType === 'B') {
    // Within one occasion cells only go from free or pre-emptible to taken, never back: a
    // pre-emption request no smaller than one that failed at the same place fails too.
    let slotK = -1;
    let pKnown = false;
    for (let k = 0; k < scratch.nPFail; k++) {
      const fk = k * 4;
      if (scratch.pfail[fk] === cls.preKey && scratch.pfail[fk + 1] === s && scratch.pfail[fk + 2] === cls.lenSymbols) {
        slotK = k;
        pKnown = scratch.pfail[fk + 3]! <= p.nPrb;
        break;
      }
    }
    prb0 = pKnown ? -1 : cls.spread ? spreadFit(d, cc, b, cls, slot, s, p.nPrb, false, true) : fitPreempt(d, cc, b, cls.plane, s, cls.lenSymbols, p.nPrb);
    preempting = prb0 >= 0;
    if (prb0 < 0 && !pKnown) {
      if (slotK >= 0) {
        scratch.pfail[slotK * 4 + 3] = p.nPrb;
        recorded = true;
      } else if (scratch.nPFail < 16) {
        const fk = scratch.nPFail++ * 4;
        scratch.pfail[fk] = cls.preKey;
        scratch.pfail[fk + 1] = s;
        scratch.pfail[fk + 2] = cls.lenSymbols;
        scratch.pfail[fk + 3] = p.nPrb;
        recorded = true;
      }
    }
  }
  if (prb0 < 0) return recorded;
  if (c.retx !== null) {
    const fr = d.flows[c.flow]!;
    const k = fr.retx.indexOf(c.retx);
    if (k < 0) return recorded;
    fr.retx.splice(k, 1);
    syncWork(d, c.flow);
  }
  const tx = transmit(cc, d, c.flow, p, c.retx, b, slot, s, prb0, p.nPrb, c.retx !== null ? TX_RETX : TX_NEW, preempting, sink);
  if (preempting) puncture(cc, d, b, cls.plane, s, cls.lenSymbols, prb0, p.nPrb, tx, sink);
  allocateCells(d, cc, b, cls.plane, s, cls.lenSymbols, prb0, p.nPrb, tx.id);
  if (cls.spread) reserveAhead(d, cc, b, cls, slot, s, prb0, p.nPrb);
  return recorded;
}

function puncture(cc: CompiledConfig, d: EngineData, b: number, plane: number, s: number, len: number, prb0: number, n: number, by: TxRec, sink: EngineSink): void {
  const nPrb = cc.grid.bwps[b]!.nPrb;
  const br = d.bwps[b]!;
  ownerGrid(d, cc, b);
  const victims = scratch.victims;
  victims.length = 0;
  const counts = scratch.victimCells;
  let last = -1;
  let lastIdx = -1;
  for (let l = s; l < s + len; l++) {
    const row = (plane * 14 + l) * nPrb;
    for (let k = prb0; k < prb0 + n; k++) {
      const o = br.owner[row + k]!;
      if (o < br.firstTx) continue; // free, an older slot's, or a configured-grant reservation
      if (o !== last) {
        last = o;
        lastIdx = victims.indexOf(o);
        if (lastIdx < 0) {
          if (findTx(br.txs, br.nTxs, o, br.firstTx) === null) {
            lastIdx = -1;
            continue;
          }
          lastIdx = victims.length;
          victims.push(o);
          counts[lastIdx] = 0;
        }
      }
      if (lastIdx >= 0) counts[lastIdx] = counts[lastIdx]! + 1;
    }
  }
  for (let i = 0; i < victims.length; i++) {
    const v = findTx(br.txs, br.nTxs, victims[i]!, br.firstTx)!;
    v.punctured += counts[i]!;
    sink.preempted(v, by, counts[i]!);
  }
}

/**
 * Advance the engine data by one tick, in place. `arrivals` must be sorted by offsetSymbols.
 * Used by `simulate`; `schedulerStep` wraps it purely.
 */
export function runTick(cc: CompiledConfig, d: EngineData, arrivals: readonly SchedulerArrival[], rng: Rng, sink: EngineSink): void {
  const t0 = d.tick * 14;
  let ai = 0;
  const grid = cc.grid;
  for (let o = 0; o < 14; o++) {
    const t = t0 + o;
    // 1. Resolve transmissions that ended.
    const inf = d.inflight;
    while (inf.length > 0 && inf[inf.length - 1]!.end <= t) {
      const tx = inf.pop()!;
      resolve(cc, d, tx, rng, sink);
      retireTx(d, tx);
    }
    // 2. Arrivals.
    while (ai < arrivals.length && arrivals[ai]!.offsetSymbols <= o) admit(cc, d, arrivals[ai++]!, t, sink);
    // 3./4. Scheduling occasions per BWP.
    for (let b = 0; b < grid.bwps.length; b++) {
      const bwp = grid.bwps[b]!;
      if (bwp.ratio !== 1 && t % bwp.ratio !== 0) continue;
      // Own slot and symbol: for the finest numerology (ratio 1) the tick and the base symbol.
      const slot = bwp.ratio === 1 ? d.tick : Math.floor(t / bwp.ratio / 14);
      const l = bwp.ratio === 1 ? o : t / bwp.ratio - slot * 14;
      const br = d.bwps[b]!;
      if (l === 0) {
        br.slot = slot;
        // A new slot: the owner grid is not cleared, its values of older slots read as free.
        br.firstTx = d.nextTxId;
        br.cgMark = -2 - slot;
        br.nPending = 0;
        br.ownerReady = false;
        br.lo.fill(0);
        br.hi.fill(bwp.nPrb);
        br.nTxs = 0;
        // the slot's resolved transmissions are listed nowhere now: their records may be reused
        for (let i = 0; i < br.nRetired; i++) freeTx(d, br.retired[i]!);
        br.nRetired = 0;
        if (br.nAhead > 0) replayAhead(d, cc, b, slot); // repetitions of TBs granted in earlier slots
        const ps = (slot % bwp.periodSlots) * 2;
        sink.slot(b, cc.usableCells[b]![ps]!, cc.usableCells[b]![ps + 1]!);
        const la = cc.cgFlowsA[b]!;
        if (la.length > 0) serveCg(cc, d, b, slot, 0, t, slot, la, 0, sink);
        // Slot start: one joint pass over slot-based and mini-slot flows in policy order.
        const all = cc.flowsAll[b]!;
        if (all.length > 0) scheduleOccasion(cc, d, b, slot, 0, t, cc.flowsAllMask[b]!, 0, sink);
      }
      // Mini-slot occasions at l, in (TTI, direction) order: table miniOccList, built with the slot
      // model's rule (nr/slotPattern isMiniSlotStart: every L symbols from miniSlotFirstSymbol, none
      // crossing the slot end).
      const occ = cc.miniOccList[b]![l]!;
      for (let j = 0; j < occ.length; j++) {
        const k = occ[j]! >> 1;
        const dir = occ[j]! & 1;
        const L = cc.miniTti[b]![k]!;
        const oi = cc.miniOccAt[b]![k]![dir]![l]!;
        const first = cc.miniFirst[dir]!;
        const perSlot = Math.floor((14 - first) / L);
        const cgk = cc.cgFlowsBByTtiDir[b]![k]![dir]!;
        if (cgk.length > 0) serveCg(cc, d, b, slot, l, t, slot * perSlot + oi, cgk, L, sink);
        scheduleOccasion(cc, d, b, slot, l, t, cc.flowsBByTtiDirMask[b]![k]![dir]!, L, sink);
      }
    }
  }
  d.tick++;
}

// ---------------------------------------------------------------------------------------------
// Pure facade

class CollectingSink implements EngineSink {
  constructor(private readonly cc: CompiledConfig) {}
  readonly grants: SchedulerGrant[] = [];
  readonly events: SchedulerEvent[] = [];
  private readonly punct = new Map<number, number[]>();
  arrival(p: PacketRec): void {
    this.events.push({ kind: 'arrival', time: p.arrival, packet: p.id, flow: p.flow, sizeBytes: p.sizeBytes, deadline: p.deadline });
  }
  grant(tx: TxRec): void {
    const punctures: number[] = [];
    this.punct.set(tx.id, punctures);
    this.grants.push({
      txId: tx.id,
      flow: tx.flow,
      ue: tx.ue,
      packet: tx.packet.id,
      tb: tx.tb,
      harq: tx.harq,
      transmission: tx.txNo,
      kind: tx.kind === TX_NEW ? 'new' : tx.kind === TX_RETX ? 'retx' : 'configured',
      bwp: tx.bwp,
      plane: tx.plane,
      slot: tx.slot,
      startSymbol: tx.startSymbol,
      lengthSymbols: tx.lenSymbols,
      firstPrb: tx.prb0,
      nPrb: tx.nPrb,
      startTime: tx.start,
      endTime: tx.end,
      punctures,
      ...this.repetitionsOf(tx),
    });
  }
  private repetitionsOf(tx: TxRec): { repetitionOccasions?: { slot: number; startSymbol: number }[] } {
    const cls = this.cc.classes[tx.cls]!;
    if (!cls.spread) return {};
    const ps = new Int32Array(cls.reps);
    const pq = new Int32Array(cls.reps);
    repetitionOccasions(cls, this.cc.grid.bwps[tx.bwp]!, tx.slot, tx.startSymbol, ps, pq);
    return { repetitionOccasions: Array.from(ps, (slot, j) => ({ slot, startSymbol: pq[j]! })) };
  }
  preempted(victim: TxRec, by: TxRec, cells: number): void {
    this.punct.get(by.id)?.push(victim.id);
    this.events.push({ kind: 'preempted', time: by.start, victimTxId: victim.id, byTxId: by.id, cells });
  }
  harq(tx: TxRec, ack: boolean, time: number): void {
    this.events.push({ kind: 'harq', time, txId: tx.id, packet: tx.packet.id, ack, transmission: tx.txNo });
  }
  delivered(p: PacketRec, time: number): void {
    this.events.push({ kind: 'delivered', time, packet: p.id, flow: p.flow, latencySymbols: time - p.arrival, onTime: time <= p.deadline });
  }
  dropped(p: PacketRec, cause: DropCause, time: number): void {
    this.events.push({ kind: 'dropped', time, packet: p.id, flow: p.flow, cause });
  }
  slot(): void {}
  cgUnused(): void {}
}

/**
 * One tick, purely: returns the next state, the grants made and the events that happened. Neither
 * `state` nor `rng` is modified. `arrivals` may be in any order (they are taken by offset).
 */
export function schedulerStep(state: SchedulerState, arrivals: readonly SchedulerArrival[], rng: Rng): StepResult {
  // Copy only the live part of the queues (entries before `head` are finished).
  const data = structuredClone({ ...state.data, flows: state.data.flows.map((f) => ({ ...f, queue: f.queue.slice(f.head), head: 0 })) });
  const r = rng.clone();
  const sorted = [...arrivals].sort((a, b) => a.offsetSymbols - b.offsetSymbols || a.flow - b.flow);
  const sink = new CollectingSink(state.config);
  runTick(state.config, data, sorted, r, sink);
  return { state: { config: state.config, data }, grants: sink.grants, events: sink.events, rng: r };
}

/** Packets still queued or in progress (neither delivered nor dropped) in a state. */
export function pendingPackets(state: SchedulerState): number[] {
  const ids = new Set<number>();
  for (const fr of state.data.flows) {
    for (let i = 0; i < fr.queue.length; i++) {
      const p = fr.queue[i]!;
      if (p.status === PKT_QUEUED) ids.add(p.id);
    }
    for (const r of fr.retx) if (r.packet.status === PKT_QUEUED) ids.add(r.packet.id);
  }
  for (const tx of state.data.inflight) if (tx.packet.status === PKT_QUEUED) ids.add(tx.packet.id);
  return [...ids].sort((a, b) => a - b);
}

export { TX_CG };
