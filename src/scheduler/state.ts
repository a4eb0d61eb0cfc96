/**
 * Scheduler state: the plain-data configuration (classes, flows, carrier, policy, injected
 * transmission-error model) and the engine data the step function advances (per-flow queues,
 * HARQ processes, pending retransmissions, in-flight transmissions, the current slot's grid).
 *
 * The engine data is plain objects and typed arrays so that `structuredClone` copies it: the pure
 * `step` clones before it advances, while `simulate` advances one copy in place (a mutable engine
 * behind a pure facade). Functions (policy, error model, allocation rule) live in the compiled
 * configuration, which is immutable and shared.
 *
 * Model: spec/scheduler.md. HARQ: TS 38.214 §5.1 / §6.1 (8 or 16 processes per UE and direction,
 * asynchronous HARQ; a process is busy from a TB's first transmission until its ACK or final NACK).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Direction, GrantType, MappingType, McsTableName } from '../core/types.js';
import type { PhyError } from '../core/errors.js';
import { intInRange, leftInvalid, numberInRange } from '../core/errors.js';
import type { CompiledBwp, CompiledGrid, SchedulerCarrier } from './grid.js';
import { compileGrid, dirIndex, findRun, symbolUsable, usableCells } from './grid.js';
import { isMiniSlotStart, miniSlotFirstSymbol } from '../nr/slotPattern.js';
import type { SchedulerPolicy } from './policies.js';
import type { SchedulerFading } from './channel.js';
import type { CorrelatedFading } from './channel.js';
import { correlatedFading, dbToLinear, fadingArrayGain, fadingOrder } from './channel.js';
import type { MemberSets } from './members.js';
import { makeMembers } from './members.js';

/** Block error probability of one transmission (after HARQ combining) at `snrDb`. Injected. */
export type TxErrorModel = (mcsTable: McsTableName, mcs: number, tbsBits: number, snrDb: number) => number;

/** The brand of an error model known to be non-increasing in snrDb (markNonIncreasingInSnr). */
const NON_INCREASING_IN_SNR = Symbol('phyclass.txErrorNonIncreasingInSnr');

/**
 * Brands `model` (the function itself, so a copied config keeps the brand only with the same model) as
 * non-increasing in snrDb — the built-in BLER models are (their property test,
 * test/properties/link.bler.test.ts) — so that the engine may decide an ACK from a lower bound on the
 * SNR (step.ts resolve, spec/scheduler.md §10.5). An injected model is not branded and is always asked
 * at the exact SNR.
 */
export function markNonIncreasingInSnr(model: TxErrorModel): TxErrorModel {
  Object.defineProperty(model, NON_INCREASING_IN_SNR, { value: true });
  return model;
}

function isNonIncreasingInSnr(model: TxErrorModel): boolean {
  return (model as unknown as Record<symbol, unknown>)[NON_INCREASING_IN_SNR] === true;
}

/** A PHY class as the scheduler needs it (plain data; converted from classes' PhyClass by simulate). */
export interface SchedulerClass {
  /** Class name, used in reports. */
  readonly id: string;
  /** Link direction: 'DL' (PDSCH) or 'UL' (PUSCH). */
  readonly direction: Direction;
  /** Index into carrier.bwps. */
  readonly bwp: number;
  /** PDSCH/PUSCH mapping type (TS 38.214 §5.1.2.1 / §6.1.2.1): 'A' slot-based (scheduled at slot start), 'B' mini-slot (occasions every `ttiSymbols`). */
  readonly mappingType: MappingType;
  /** TTI length in the BWP's own OFDM symbols (data symbols, control excluded). */
  readonly ttiSymbols: number;
  /**
   * Repetitions of each TB transmission (Chase-combined; slot / mini-slot aggregation, TS 38.214
   * §5.1.2.1 pdsch-AggregationFactor, §6.1.2.1 PUSCH repetition type A): on the TTI occasion the TB is
   * granted and the next repetitions − 1 occasions of the class's TTI grid in its direction, same PRBs
   * and symbols — back to back where the occasions are, over the next slots otherwise — as the planner
   * and `verify` time them (spec/scheduler.md §2 "Repetitions").
   */
  readonly repetitions: number;
  /** MCS table of the class (TS 38.214 §5.1.3.1 / §6.1.4.1). */
  readonly mcsTable: McsTableName;
  /** MCS index into `mcsTable`; passed to the error model. */
  readonly mcs: number;
  /** Maximum transmissions of a TB, first one included (1..16); after the last NACK the packet is dropped. */
  readonly maxTransmissions: number;
  /** Grant type: 'configured' reserves periodic resources (flows need `cg`); 'dynamic' and 'sr' are scheduled alike and differ only through `accessDelayMs`. */
  readonly grant: GrantType;
  /** 0 = highest. */
  readonly priority: number;
  /** Mini-slot transmissions of this class may puncture pre-emptible ones (when the policy allows). */
  readonly preempts: boolean;
  /** Transmissions of this class may be punctured. */
  readonly preemptible: boolean;
  /** From the end of a transmission to the earliest start of its retransmission (HARQ RTT). */
  readonly harqRttMs: number;
  /** From a packet's arrival to the earliest start of its first transmission (SR / grant wait). */
  readonly accessDelayMs: number;
  /** From the end of the successful transmission to delivery (decoding). */
  readonly rxProcessingMs: number;
}

/** Packet size -> resources rule (classes' allocationFor): per-TB PRBs, TB count, bits per TB. */
export interface SchedulerAllocation {
  /** PRBs per TB (integer >= 1; with the repetition factor at most the BWP width). */
  readonly nPrb: number;
  /** TBs (TTIs) needed to carry the packet (>= 1). */
  readonly nTti: number;
  /** Transport block size per TB in bits (TS 38.214 §5.1.3.2). */
  readonly tbsBits: number;
}

/** Configured-grant resources of a flow: one occasion every period, as wide as the allocation of `sizeBytes`. */
export interface SchedulerCgConfig {
  /** Occasion period in ms; rounded down to whole occasions of the class (at least 1). */
  readonly periodMs: number;
  /** Offset of the first occasion in ms; rounded down to whole occasions, modulo the period. */
  readonly offsetMs: number;
  /**
   * The packet size the reservation is sized for: the PRBs reserved per occasion are this size's
   * allocation. A packet whose allocation is wider cannot use the grant. `buildSimulation` passes the
   * service's size with the widest allocation (not always the largest size: a smaller packet can need
   * more PRBs in fewer TTIs).
   */
  readonly sizeBytes: number;
}

/** One traffic flow: a UE running one service, served by one class. */
export interface SchedulerFlow {
  /** Flow name. */
  readonly id: string;
  /** UE index (>= 0); HARQ processes and UE busy time are per UE and direction. */
  readonly ue: number;
  /** Id of the service the flow belongs to (groups flows in the report). */
  readonly service: string;
  /** Index into `classes` of the class serving the flow. */
  readonly classIndex: number;
  /** Deadline from arrival to delivery, ms (0..1e7); floored to base symbols. */
  readonly latencyBudgetMs: number;
  /** Mean SNR per receive branch in dB (-50..100), before fading and MRC array gain. */
  readonly meanSnrDb: number;
  /**
   * UL link budget (link/budget.ts, spec/budget.md): SNR per RE (dB, -100..100) the UE reaches at full
   * power over ONE PRB; a transmission over n PRBs (per repetition) then has mean SNR
   * min(meanSnrDb, ulPowerLimitDb − 10·log10 n). Absent: meanSnrDb whatever the width.
   */
  readonly ulPowerLimitDb?: number;
  /** Configured-grant resources; required when the class has grant = configured. */
  readonly cg?: SchedulerCgConfig;
  /** Maximum Doppler of the UE's time-correlated fading, Hz (with `correlatedFading`); default 0 (static). */
  readonly dopplerHz?: number;
}

/** Everything the scheduler needs: carrier, classes, flows, policy and injected models. */
export interface SchedulerConfig {
  /** Carrier and bandwidth parts. */
  readonly carrier: SchedulerCarrier;
  /** PHY classes; flows refer to them by index. */
  readonly classes: readonly SchedulerClass[];
  /** Traffic flows; arrivals refer to them by index. */
  readonly flows: readonly SchedulerFlow[];
  /** HARQ processes per UE and direction, 1..32 (TS 38.214 §5.1: 8 by default, 16 or 32 configured; scenarios offer 8 or 16). */
  readonly harqProcesses: number;
  /** Scheduling policy ranking the candidates of each occasion. */
  readonly policy: SchedulerPolicy;
  /** Block error model of one transmission at the combined SNR. */
  readonly txError: TxErrorModel;
  /** Resources for a packet of `sizeBytes` in class `classIndex`; null = the class cannot carry it (dropped as unschedulable). */
  readonly allocate: (classIndex: number, sizeBytes: number) => SchedulerAllocation | null;
  /** Fading model of the per-transmission SNR draw. */
  readonly fading: SchedulerFading;
  /** Block-fading coherence time in ticks (>= 1); 0 = a fresh draw for every transmission. */
  readonly coherenceTicks: number;
  /** With coherenceTicks = 0: one fading draw per TB shared by its HARQ transmissions ('same') instead of one per transmission. */
  readonly fadingPerTb?: boolean;
  /**
   * With coherenceTicks = 0 and Rayleigh fading: a per-UE fading process correlated in time (Jakes,
   * at the flow's `dopplerHz`; channel.correlatedFader) read at each transmission's start; repetitions
   * back to back in one slot see the same fade, spread repetitions are each read at their own start
   * (and Chase-combined). Takes precedence over `fadingPerTb`.
   */
  readonly correlatedFading?: boolean;
  /** Control-channel errors drawn per event (link/control.ts): a missed DCI, NACK→ACK or missed SR loses the packet. */
  readonly controlErrors?: { readonly pdcchMissProb: number; readonly harqAckErrorProb: number; readonly srMissProb: number };
  /** Seed of the counter-based channel generator (32-bit integer). */
  readonly channelSeed: number;
  /** Packets per flow queue before arrivals are dropped ('queue-full'). */
  readonly queueLimit: number;
  /** Drop a packet as soon as it can no longer meet its deadline (default true). */
  readonly discardExpired?: boolean;
}

/** Compiled class: times in base symbols. */
export interface CompiledClass {
  /** The class as configured. */
  readonly c: SchedulerClass;
  /** Direction index: 0 DL, 1 UL. */
  readonly dir: 0 | 1;
  /** Grid plane: the direction index in FDD, 0 in TDD. */
  readonly plane: number;
  /** Base symbols per own OFDM symbol of the class BWP (2^(muMax - mu)). */
  readonly ratio: number;
  /**
   * Repetitions over occasions (repetitions > 1): each TB transmission occupies `repetitions`
   * consecutive occasions of the class's TTI grid (`occ`), same PRBs and symbols, as the planner and
   * `verify` time them (nr/slotPattern occasionGrid / occasionSpanSymbols).
   */
  readonly spread: boolean;
  /** Repetitions per TB transmission (1 when not repeated). */
  readonly reps: number;
  /** Own symbols of one TTI (of each repetition). */
  readonly lenSymbols: number;
  /**
   * Duration of one TB transmission in base symbols (lenSymbols x ratio); with repetitions the
   * shortest span from the first repetition's start to the last one's end over all start occasions
   * (a lower bound: the deadline tests only drop what can no longer make it).
   */
  readonly lenBase: number;
  /** Occasion table of a spread class over the BWP's pattern period (null otherwise). */
  readonly occ: SpreadOccasions | null;
  /** Key of the per-occasion fit-failure caches (plane, mapping type, spread repetitions). */
  readonly fitKey: number;
  /** Key of the per-occasion pre-emption failure cache (the plane, plus the spread repetitions). */
  readonly preKey: number;
  /** harqRttMs in base symbols (rounded up). */
  readonly harqRttBase: number;
  /** accessDelayMs in base symbols (rounded up). */
  readonly accessBase: number;
  /** rxProcessingMs in base symbols (rounded up). */
  readonly rxBase: number;
  /** Some slot of the pattern has a usable run of lenSymbols. */
  readonly schedulable: boolean;
  /** Mini-slot classes: own symbol of the slot's first occasion (DL: after the PDCCH symbols; UL: 0). */
  readonly miniFirst: number;
}

/**
 * The occasions of a class's TTI in its direction over one pattern period of its BWP (own slots and
 * symbols), built with the scheduler's own placement rule (type A: the first run of the TTI's usable
 * symbols of a slot; type B: the mini-slot starts of nr/slotPattern isMiniSlotStart whose symbols are
 * all usable) — the occasion grid of nr/slotPattern occasionGrid on the same carrier (tested).
 */
export interface SpreadOccasions {
  /** Occasions per period. */
  readonly n: number;
  /** Own slots per period (the BWP's periodSlots). */
  readonly periodSlots: number;
  /** Own slot (within the period) of occasion i. */
  readonly slot: Int32Array;
  /** Start symbol of occasion i. */
  readonly sym: Int32Array;
  /** Per (slot in period)·14 + symbol: the occasion index starting there, -1 if none. */
  readonly at: Int16Array;
}

/** Compiled flow: deadline in base symbols, linear SNR, configured grant in occasions. */
export interface CompiledFlow {
  /** The flow as configured. */
  readonly f: SchedulerFlow;
  /** Position in `config.flows` (the flow index). */
  readonly index: number;
  /** Class index. */
  readonly cls: number;
  /** UE index. */
  readonly ue: number;
  /** Direction index: 0 DL, 1 UL. */
  readonly dir: 0 | 1;
  /** Latency budget in base symbols (rounded down). */
  readonly deadlineBase: number;
  /** Mean SNR per branch, linear. */
  readonly meanSnr: number;
  /** UL power limit: linear SNR at full power over one PRB (÷ n over n PRBs); 0 = none. */
  readonly ulLimit: number;
  /** Configured grant: period and offset in scheduling occasions of the class (slots for type A, mini-slot occasions for type B); period 0 = dynamic. */
  readonly cgPeriodOcc: number;
  /** Configured-grant offset in occasions (0 .. cgPeriodOcc - 1). */
  readonly cgOffsetOcc: number;
  /** PRBs reserved per configured-grant occasion (on each of its repetitions' occasions when spread); 0 = dynamic. */
  readonly cgNPrb: number;
}

/** Validated configuration with derived tables; immutable and shared between states. */
export interface CompiledConfig {
  /** The configuration as given. */
  readonly cfg: SchedulerConfig;
  /** Compiled carrier grid. */
  readonly grid: CompiledGrid;
  /** Compiled classes, in configuration order. */
  readonly classes: readonly CompiledClass[];
  /** Compiled flows, in configuration order. */
  readonly flows: readonly CompiledFlow[];
  /** Number of UEs: largest flow UE index + 1. */
  readonly nUe: number;
  /** Per BWP: slot-based flow indices, mini-slot flow indices. */
  readonly flowsA: readonly (readonly number[])[];
  /** Per BWP: mini-slot flow indices. */
  readonly flowsB: readonly (readonly number[])[];
  /** Per BWP and mini-slot TTI (miniTti order): the mini-slot flows of that TTI. */
  readonly flowsBByTti: readonly (readonly (readonly number[])[])[];
  /** Per BWP, mini-slot TTI and direction (0 DL, 1 UL): the mini-slot flows (occasion grids differ per direction). */
  readonly flowsBByTtiDir: readonly (readonly (readonly (readonly number[])[])[])[];
  /** Bit masks (bit fi of word fi >> 5) of `flowsAll`, one Uint32Array per BWP (the engine walks set bits). */
  readonly flowsAllMask: readonly Uint32Array[];
  /** Bit masks of `flowsBByTtiDir`, same nesting. */
  readonly flowsBByTtiDirMask: readonly (readonly (readonly Uint32Array[])[])[];
  /** Per BWP, mini-slot TTI and direction: occasion number within the slot at own symbol l (0..13), -1 if none. */
  readonly miniOccAt: readonly (readonly (readonly Int8Array[])[])[];
  /** Per BWP and own symbol l (0..13): the mini-slot occasions at l as k·2 + dir (TTI index, direction), in (k, dir) order, flowless ones left out. */
  readonly miniOccList: readonly (readonly Int16Array[])[];
  /** Per BWP, mini-slot TTI and direction: the configured-grant mini-slot flows. */
  readonly cgFlowsBByTtiDir: readonly (readonly (readonly (readonly number[])[])[])[];
  /** First mini-slot occasion symbol per direction [DL, UL]. */
  readonly miniFirst: readonly [number, number];
  /** Per BWP: configured-grant slot-based flows; per BWP and mini-slot TTI: configured-grant mini-slot flows. */
  readonly cgFlowsA: readonly (readonly number[])[];
  /** Per BWP and mini-slot TTI: configured-grant mini-slot flow indices. */
  readonly cgFlowsBByTti: readonly (readonly (readonly number[])[])[];
  /** Per BWP: all flows (slot-start joint pass). */
  readonly flowsAll: readonly (readonly number[])[];
  /** Per BWP: distinct mini-slot TTI lengths (own symbols), ascending. */
  readonly miniTti: readonly (readonly number[])[];
  /** Resolved `cfg.discardExpired` (default true). */
  readonly discardExpired: boolean;
  /** Gamma order of the fading (0 = AWGN). */
  readonly fadingOrder: number;
  /** MRC array gain (diversity branches) multiplying the mean-1 fading gain, as in src/link/fading.ts. */
  readonly fadingArrayGain: number;
  /** The UEs' time-correlated faders (cfg.correlatedFading; UE u is entry u, `correlatedGain`), else null. */
  readonly faders: CorrelatedFading | null;
  /**
   * Whether a decode may be decided from `correlatedGainLowerBound` first: faders present and
   * cfg.txError branded non-increasing in SNR (markNonIncreasingInSnr).
   */
  readonly boundedDecodes: boolean;
  /** Per BWP: data cells usable per slot of the pattern period, [DL, UL] pairs. */
  readonly usableCells: readonly Int32Array[];
  /** Allocation cache per class: sizeBytes -> allocation (null = unschedulable). */
  readonly allocCache: readonly Map<number, SchedulerAllocation | null>[];
  /** Per flow: ue·2 + dir (its index into ueBusyUntil), flat for the scheduling pass (spec/scheduler.md §10.4). */
  readonly flowUb: Int32Array;
  /** Per flow: its class index, flat. */
  readonly flowCls: Int32Array;
}

/** Lifecycle of a packet. */
export const PKT_QUEUED = 0;
/** Delivered: all TBs acknowledged. */
export const PKT_DELIVERED = 1;
/** Dropped (see `DropCause`). */
export const PKT_DROPPED = 2;

/** One packet (an arrival) and its progress. */
export interface PacketRec {
  /** Packet id, sequential from 0 in arrival order. */
  readonly id: number;
  /** Flow index. */
  readonly flow: number;
  /** Arrival time, absolute base symbols. */
  readonly arrival: number;
  /** Deadline, absolute base symbols (arrival + latency budget). */
  readonly deadline: number;
  /** Packet size in bytes. */
  readonly sizeBytes: number;
  /** Transport blocks the packet needs (1 if unschedulable). */
  readonly nTb: number;
  /** Bits per TB (0 if unschedulable). */
  readonly tbsBits: number;
  /** PRBs per TB transmission (0 if unschedulable). */
  readonly nPrb: number;
  /** Index of the next TB to transmit for the first time. */
  nextTb: number;
  /** TBs not yet acknowledged. */
  open: number;
  /** PKT_QUEUED, PKT_DELIVERED or PKT_DROPPED. */
  status: number;
}

/** A NACKed TB waiting for its retransmission. */
export interface RetxRec {
  /** Packet the TB belongs to. */
  readonly packet: PacketRec;
  /** TB index within the packet (0-based). */
  readonly tb: number;
  /** Transmissions done so far. */
  readonly txNo: number;
  /** Chase-combined SNR of the transmissions so far (linear sum). */
  readonly snrSum: number;
  /** Earliest start, absolute base symbols (end of the last transmission + HARQ RTT). */
  readonly eligibleAt: number;
  /** HARQ process the TB keeps until ACK or final NACK. */
  readonly harq: number;
}

/** Grant kinds. */
export const TX_NEW = 0;
/** HARQ retransmission. */
export const TX_RETX = 1;
/** Transmission on a configured-grant occasion. */
export const TX_CG = 2;

/** One transmission of one TB (a grant). */
export interface TxRec {
  /** Transmission id, sequential from 0. */
  readonly id: number;
  /** Packet carried. */
  readonly packet: PacketRec;
  /** TB index within the packet (0-based). */
  readonly tb: number;
  /** Flow index. */
  readonly flow: number;
  /** UE index. */
  readonly ue: number;
  /** Direction index: 0 DL, 1 UL. */
  readonly dir: 0 | 1;
  /** Class index. */
  readonly cls: number;
  /** 1-based transmission number of this TB. */
  readonly txNo: number;
  /** HARQ process number (0 .. harqProcesses - 1). */
  readonly harq: number;
  /** BWP index. */
  readonly bwp: number;
  /** Grid plane (direction in FDD, 0 in TDD). */
  readonly plane: number;
  /** Absolute own slot index. */
  readonly slot: number;
  /** First own OFDM symbol within the slot (0..13). */
  readonly startSymbol: number;
  /** Own OFDM symbols occupied (per repetition for a class with spread repetitions). */
  readonly lenSymbols: number;
  /** First PRB. */
  readonly prb0: number;
  /** PRBs occupied. */
  readonly nPrb: number;
  /** Absolute base-symbol times. */
  readonly start: number;
  /** End (exclusive), absolute base symbols: start + class lenBase; for spread repetitions the end of the last one. */
  readonly end: number;
  /** Resource cells occupied: lenSymbols x nPrb (x repetitions when spread). */
  readonly cells: number;
  /** Cells punctured by pre-emption so far. */
  punctured: number;
  /** Combined SNR (linear) of the earlier transmissions of this TB; 0 for a first transmission. */
  readonly snrSumBefore: number;
  /** TX_NEW, TX_RETX or TX_CG. */
  readonly kind: number;
  /** True if this transmission punctured others. */
  readonly preempting: boolean;
}

/** Mutable per-flow scheduling state. */
export interface FlowRec {
  /** Admitted packets in arrival order; entries before `head` have all TBs sent or were dropped. */
  queue: PacketRec[];
  /** Index of the first live entry of `queue`. */
  head: number;
  /** TBs waiting for a retransmission. */
  retx: RetxRec[];
  /** Proportional-fair average of the bits granted per tick (exponential, 100-tick window, >= 1). */
  avgBits: number;
  /** Tick at which `avgBits` was last brought up to date. */
  avgTick: number;
}

/** Mutable resource grid of one BWP for the current slot. */
export interface BwpRec {
  /** Absolute own slot index the grid below describes (-1 before the first slot). */
  slot: number;
  /**
   * Owner per (plane, symbol, prb), valid for the current slot only (never cleared: a cell is taken
   * iff its value is >= `firstTx`, a transmission of this slot, or === `cgMark`, a configured-grant
   * reservation of this slot left unused; anything else, e.g. -1 or an older slot's id, is free).
   */
  owner: Int32Array;
  /** Id of the first transmission granted in the current slot (d.nextTxId at the slot start). */
  firstTx: number;
  /** Owner value of this slot's unused configured-grant reservations: -2 - slot. */
  cgMark: number;
  /**
   * The owner grid is written lazily: allocations of the slot are queued here as (plane, start,
   * len, prb0, n, owner) and replayed in order the first time a slow path reads `owner` in the slot.
   */
  pending: Int32Array;
  /** Allocations queued in `pending`. */
  nPending: number;
  /** `owner` holds every allocation of the current slot (allocations write through). */
  ownerReady: boolean;
  /** Per (plane, symbol): the PRBs in [lo, hi) are all free (fast-path frontiers). */
  lo: Int16Array;
  /** Per (plane, symbol): exclusive upper end of the free PRB range (see `lo`). */
  hi: Int16Array;
  /** Transmissions that started in the current slot (pre-emption victims are looked up here): txs[0, nTxs); entries past nTxs are stale. */
  txs: TxRec[];
  /** Transmissions of the current slot in `txs` (the array is kept, not emptied, from slot to slot: no reallocation). */
  nTxs: number;
  /**
   * Transmissions of the current slot resolved already: retired[0, nRetired) go to the record pool
   * (EngineData.txFree) at this BWP's next slot start, once `txs` no longer lists them.
   */
  retired: TxRec[];
  /** Records in `retired`. */
  nRetired: number;
  /**
   * Cells held in later slots by the spread repetitions (and configured-grant bundles) granted so far:
   * records (slot, plane, start symbol, symbols, first PRB, PRBs), replayed into the owner grid as
   * reservations at the start of their slot and checked by every fit that reaches that slot.
   */
  ahead: Int32Array;
  /** Records in `ahead`. */
  nAhead: number;
}

/**
 * Per flow: the configured-grant lane of a class with repetitions (spec/scheduler.md §2): the first
 * PRB of the PRBs it holds, -1 none; the absolute occasion number of the last repetition occasion
 * reserved; and of the last repetition of the flow's TB on the lane, with that TB's PRBs.
 */
export interface CgLanes {
  /** First PRB of the lane, -1 while the flow has none. */
  prb0: Int32Array;
  /** Absolute occasion number of the last occasion the lane holds (-1 none). */
  end: Float64Array;
  /** Absolute occasion number of the last repetition of the flow's TB on the lane (-1 none). */
  txEnd: Float64Array;
  /** PRBs of that TB. */
  txPrb: Int32Array;
}

/** Mutable engine data advanced by `runTick` (plain data, cloneable with structuredClone). */
export interface EngineData {
  /** Ticks run so far (the index of the next tick). */
  tick: number;
  /** Id of the next arriving packet. */
  nextPacketId: number;
  /** Id of the next transmission. */
  nextTxId: number;
  /** Per-flow queues, in flow order. */
  flows: FlowRec[];
  /** Per flow: queued packets after head + pending retransmissions (0 = nothing to schedule). */
  work: Int32Array;
  /** Per flow: pending retransmissions (fr.retx.length, kept with `work`: the scheduling pass reads no FlowRec for it). */
  nRetx: Int32Array;
  /** Bit fi (word fi >> 5, bit fi & 31) set iff work[fi] > 0: the engine walks these instead of every flow. */
  active: Uint32Array;
  /** 1 = busy, per (ue*2 + dir)*H + process. */
  harqBusy: Uint8Array;
  /** Per (ue*2 + dir): the UE transmits/receives until this base symbol. */
  ueBusyUntil: Float64Array;
  /**
   * Per flow, a head packet waiting for its access delay (a skip memo of the scheduling pass): the
   * time from which it may be sent (−∞: no memo), its deadline and `due` = deadline − (TBs
   * left)·TTI − receiver processing (the drop test fires at t > due; integers, so exact). While the flow has
   * no retransmission and t is before that time and before the drop test fires, visiting the flow
   * does nothing; the memo is cleared when the flow's packet is transmitted or dropped.
   * `pkt` is the head packet itself (null: no memo), `rem` its TBs left and `nPrb` its PRBs, and
   * `rank` its policy rank (NaN: not computed yet; kept only for a policy with `staticRank`): once
   * the access time has passed, a visit takes the candidate from the memo instead of reading the
   * queue and the packet (spec/scheduler.md §10.3). Every field is a copy of what the packet holds.
   */
  headWait: {
    readonly accessAt: Float64Array;
    readonly deadline: Float64Array;
    readonly due: Float64Array;
    readonly pkt: (PacketRec | null)[];
    readonly rem: Int32Array;
    readonly nPrb: Int32Array;
    readonly rank: Float64Array;
  };
  /** In-flight transmissions, sorted by end descending (earliest at the back). */
  inflight: TxRec[];
  /** Per-BWP grid of the current slot, in carrier order. */
  bwps: BwpRec[];
  /** Configured-grant lanes of flows whose class has repetitions (indexed by flow). */
  cgLanes: CgLanes;
  /**
   * Record pools of the steady path (spec/scheduler.md §10.6): txFree[0, nTxFree) are transmission
   * records no structure refers to any more (resolved, and their slot over), pktFree[0, nPktFree)
   * packet records likewise (delivered, or dropped before any TB was sent, and out of their queue).
   * A record is handed to the sink before it is retired and written again only when reused: a sink
   * must copy what it keeps (the engine's sinks do).
   */
  txFree: TxRec[];
  /** The flows an occasion serves without visiting them (members.ts, spec/scheduler.md §10.6). */
  members: MemberSets;
  /** Records in `txFree`. */
  nTxFree: number;
  /** Free packet records (see txFree). */
  pktFree: PacketRec[];
  /** Records in `pktFree`. */
  nPktFree: number;
}

/** The scheduler state: immutable compiled configuration plus engine data. */
export interface SchedulerState {
  /** Compiled configuration (shared, never modified). */
  readonly config: CompiledConfig;
  /** Engine data of this state (the pure `step` returns a fresh copy). */
  readonly data: EngineData;
}

/** Validate a configuration and build the initial state (tick 0, empty queues). */
export function initialState(cfg: SchedulerConfig): E.Either<PhyError, SchedulerState> {
  const gridE = compileGrid(cfg.carrier);
  if (E.isLeft(gridE)) return gridE;
  const grid = gridE.right;
  const h = intInRange('harqProcesses', cfg.harqProcesses, 1, 32);
  if (E.isLeft(h)) return h;
  const ct = intInRange('coherenceTicks', cfg.coherenceTicks, 0, 1e9);
  if (E.isLeft(ct)) return ct;
  const ql = intInRange('queueLimit', cfg.queueLimit, 1, 1e9);
  if (E.isLeft(ql)) return ql;
  const toBase = (ms: number): number => Math.max(0, Math.ceil(ms / grid.baseSymbolMs - 1e-9));
  const classes: CompiledClass[] = [];
  for (let i = 0; i < cfg.classes.length; i++) {
    const c = cfg.classes[i]!;
    const at = `classes[${i}]`;
    const bw = intInRange(`${at}.bwp`, c.bwp, 0, grid.bwps.length - 1);
    if (E.isLeft(bw)) return bw;
    const b = grid.bwps[c.bwp]!;
    const tti = intInRange(`${at}.ttiSymbols`, c.ttiSymbols, 1, 14);
    if (E.isLeft(tti)) return tti;
    const rep = intInRange(`${at}.repetitions`, c.repetitions, 1, 8);
    if (E.isLeft(rep)) return rep;
    // Repetitions go on the next occasions of the TTI grid (slot / mini-slot aggregation), as the
    // planner and verify time them: back to back where the occasions are, over the next slots otherwise.
    const spread = c.repetitions > 1;
    const mt = intInRange(`${at}.maxTransmissions`, c.maxTransmissions, 1, 16);
    if (E.isLeft(mt)) return mt;
    for (const [k, v] of [['harqRttMs', c.harqRttMs], ['accessDelayMs', c.accessDelayMs], ['rxProcessingMs', c.rxProcessingMs], ['priority', c.priority]] as const) {
      const r = numberInRange(`${at}.${k}`, v, 0, 1e6);
      if (E.isLeft(r)) return r;
    }
    const dir = dirIndex(c.direction);
    const len = c.ttiSymbols;
    const miniFirst = miniSlotFirstSymbol(dir === 1 ? 'UL' : 'DL', grid.controlSymbols);
    let schedulable = false;
    for (let s = 0; s < b.periodSlots && !schedulable; s++) schedulable = findRun(grid, b, s, dir, len, 0) >= 0;
    const occ = spread ? spreadOccasions(grid, b, c.mappingType, dir, len, miniFirst) : null;
    if (occ !== null) schedulable = occ.n > 0;
    const plane = grid.planes === 2 ? dir : 0;
    classes.push({
      c,
      dir,
      plane,
      ratio: b.ratio,
      spread,
      reps: c.repetitions,
      lenSymbols: len,
      lenBase: occ !== null && occ.n > 0 ? shortestSpanBase(occ, c.repetitions, len, b.ratio) : len * b.ratio,
      occ,
      fitKey: plane * 2 + (c.mappingType === 'B' ? 1 : 0) + (spread ? 4 * c.repetitions : 0),
      preKey: plane + (spread ? 4 * c.repetitions : 0),
      harqRttBase: toBase(c.harqRttMs),
      accessBase: toBase(c.accessDelayMs),
      rxBase: toBase(c.rxProcessingMs),
      schedulable,
      miniFirst,
    });
  }
  const allocCache = classes.map(() => new Map<number, SchedulerAllocation | null>());
  const flows: CompiledFlow[] = [];
  let nUe = 0;
  for (let i = 0; i < cfg.flows.length; i++) {
    const f = cfg.flows[i]!;
    const at = `flows[${i}]`;
    const ci = intInRange(`${at}.classIndex`, f.classIndex, 0, classes.length - 1);
    if (E.isLeft(ci)) return ci;
    const ue = intInRange(`${at}.ue`, f.ue, 0, 1e6);
    if (E.isLeft(ue)) return ue;
    const lb = numberInRange(`${at}.latencyBudgetMs`, f.latencyBudgetMs, 0, 1e7);
    if (E.isLeft(lb)) return lb;
    const sn = numberInRange(`${at}.meanSnrDb`, f.meanSnrDb, -50, 100);
    if (E.isLeft(sn)) return sn;
    if (f.ulPowerLimitDb !== undefined) {
      const ul = numberInRange(`${at}.ulPowerLimitDb`, f.ulPowerLimitDb, -100, 100);
      if (E.isLeft(ul)) return ul;
    }
    const cc = classes[f.classIndex]!;
    let cgPeriodOcc = 0;
    let cgOffsetOcc = 0;
    let cgNPrb = 0;
    if (cc.c.grant === 'configured') {
      if (f.cg === undefined) return leftInvalid(`${at}.cg`, 'configured-grant resources for a configured-grant class', f.cg);
      const spacing = cc.c.mappingType === 'A' ? 14 * cc.ratio : cc.c.ttiSymbols * cc.ratio;
      const pm = numberInRange(`${at}.cg.periodMs`, f.cg.periodMs, 0, 1e6);
      if (E.isLeft(pm)) return pm;
      const om = numberInRange(`${at}.cg.offsetMs`, f.cg.offsetMs, 0, 1e9);
      if (E.isLeft(om)) return om;
      cgPeriodOcc = Math.max(1, Math.floor(toBase(f.cg.periodMs) / spacing));
      cgOffsetOcc = Math.floor(toBase(f.cg.offsetMs) / spacing) % cgPeriodOcc;
      const a = cfg.allocate(f.classIndex, f.cg.sizeBytes);
      if (a === null) return leftInvalid(`${at}.cg.sizeBytes`, 'a size the class can carry', f.cg.sizeBytes);
      cgNPrb = a.nPrb;
    }
    nUe = Math.max(nUe, f.ue + 1);
    flows.push({
      f,
      index: i,
      cls: f.classIndex,
      ue: f.ue,
      dir: cc.dir,
      deadlineBase: Math.floor(f.latencyBudgetMs / grid.baseSymbolMs + 1e-9),
      meanSnr: dbToLinear(f.meanSnrDb),
      ulLimit: f.ulPowerLimitDb === undefined ? 0 : dbToLinear(f.ulPowerLimitDb),
      cgPeriodOcc,
      cgOffsetOcc,
      cgNPrb,
    });
  }
  const flowsA = grid.bwps.map((_, b) => flows.filter((f) => classes[f.cls]!.c.bwp === b && classes[f.cls]!.c.mappingType === 'A').map((f) => f.index));
  const flowsB = grid.bwps.map((_, b) => flows.filter((f) => classes[f.cls]!.c.bwp === b && classes[f.cls]!.c.mappingType === 'B').map((f) => f.index));
  const miniTti = grid.bwps.map((_, b) =>
    [...new Set(classes.filter((c) => c.c.bwp === b && c.c.mappingType === 'B').map((c) => c.c.ttiSymbols))].sort((x, y) => x - y),
  );
  const faders = correlatedFaders(cfg, nUe);
  const config: CompiledConfig = {
    cfg,
    grid,
    classes,
    flows,
    nUe,
    flowsA,
    flowsB,
    flowsAll: grid.bwps.map((_, b) => flows.filter((f) => classes[f.cls]!.c.bwp === b).map((f) => f.index)),
    miniTti,
    cgFlowsA: flowsA.map((l) => l.filter((fi) => flows[fi]!.cgPeriodOcc > 0)),
    cgFlowsBByTti: miniTti.map((ls, b) => ls.map((L) => flowsB[b]!.filter((fi) => flows[fi]!.cgPeriodOcc > 0 && classes[flows[fi]!.cls]!.c.ttiSymbols === L))),
    flowsBByTti: miniTti.map((ls, b) => ls.map((L) => flowsB[b]!.filter((fi) => classes[flows[fi]!.cls]!.c.ttiSymbols === L))),
    flowsBByTtiDir: miniTti.map((ls, b) =>
      ls.map((L) => [0, 1].map((dir) => flowsB[b]!.filter((fi) => classes[flows[fi]!.cls]!.c.ttiSymbols === L && flows[fi]!.dir === dir))),
    ),
    cgFlowsBByTtiDir: miniTti.map((ls, b) =>
      ls.map((L) => [0, 1].map((dir) => flowsB[b]!.filter((fi) => flows[fi]!.cgPeriodOcc > 0 && classes[flows[fi]!.cls]!.c.ttiSymbols === L && flows[fi]!.dir === dir))),
    ),
    miniFirst: [miniSlotFirstSymbol('DL', grid.controlSymbols), miniSlotFirstSymbol('UL', grid.controlSymbols)],
    flowsAllMask: grid.bwps.map((_, b) => flowMask(flows.length, flows.filter((f) => classes[f.cls]!.c.bwp === b).map((f) => f.index))),
    flowsBByTtiDirMask: miniTti.map((ls, b) =>
      ls.map((L) => [0, 1].map((dir) => flowMask(flows.length, flowsB[b]!.filter((fi) => classes[flows[fi]!.cls]!.c.ttiSymbols === L && flows[fi]!.dir === dir)))),
    ),
    miniOccAt: miniTti.map((ls) =>
      ls.map((L) => (['DL', 'UL'] as const).map((dir) => {
        const first = miniSlotFirstSymbol(dir, grid.controlSymbols);
        const a = new Int8Array(14).fill(-1);
        for (let l = 0; l < 14; l++) if (isMiniSlotStart(l, L, first)) a[l] = (l - first) / L;
        return a;
      })),
    ),
    miniOccList: miniTti.map((ls, b) =>
      Array.from({ length: 14 }, (_, l) => {
        const out: number[] = [];
        ls.forEach((L, k) => {
          for (let dir = 0; dir < 2; dir++) {
            const first = miniSlotFirstSymbol(dir === 0 ? 'DL' : 'UL', grid.controlSymbols);
            const has = flowsB[b]!.some((fi) => classes[flows[fi]!.cls]!.c.ttiSymbols === L && flows[fi]!.dir === dir);
            if (has && isMiniSlotStart(l, L, first)) out.push(k * 2 + dir);
          }
        });
        return Int16Array.from(out);
      }),
    ),
    discardExpired: cfg.discardExpired ?? true,
    fadingOrder: fadingOrder(cfg.fading),
    fadingArrayGain: fadingArrayGain(cfg.fading),
    faders,
    boundedDecodes: faders !== null && isNonIncreasingInSnr(cfg.txError),
    usableCells: grid.bwps.map((b) => {
      const a = new Int32Array(b.periodSlots * 2);
      for (let sl = 0; sl < b.periodSlots; sl++) {
        a[sl * 2] = usableCells(grid, b, sl, 0);
        a[sl * 2 + 1] = usableCells(grid, b, sl, 1);
      }
      return a;
    }),
    allocCache,
    flowUb: Int32Array.from(flows, (f) => f.ue * 2 + f.dir),
    flowCls: Int32Array.from(flows, (f) => f.cls),
  };
  const data: EngineData = {
    tick: 0,
    nextPacketId: 0,
    nextTxId: 0,
    flows: flows.map(() => ({ queue: [], head: 0, retx: [], avgBits: 1, avgTick: 0 })),
    work: new Int32Array(flows.length),
    nRetx: new Int32Array(flows.length),
    active: new Uint32Array(Math.ceil(flows.length / 32)),
    harqBusy: new Uint8Array(nUe * 2 * cfg.harqProcesses),
    ueBusyUntil: new Float64Array(nUe * 2),
    headWait: {
      accessAt: new Float64Array(flows.length).fill(-Infinity),
      deadline: new Float64Array(flows.length),
      due: new Float64Array(flows.length),
      pkt: new Array<PacketRec | null>(flows.length).fill(null),
      rem: new Int32Array(flows.length),
      nPrb: new Int32Array(flows.length),
      rank: new Float64Array(flows.length).fill(NaN),
    },
    inflight: [],
    txFree: [],
    members: makeMembers(flows.map((f) => f.cls), classes.length),
    nTxFree: 0,
    pktFree: [],
    nPktFree: 0,
    cgLanes: {
      prb0: new Int32Array(flows.length).fill(-1),
      end: new Float64Array(flows.length).fill(-1),
      txEnd: new Float64Array(flows.length).fill(-1),
      txPrb: new Int32Array(flows.length),
    },
    bwps: grid.bwps.map((b) => ({
      slot: -1,
      owner: new Int32Array(grid.planes * 14 * b.nPrb).fill(-1),
      firstTx: 0,
      cgMark: -2,
      pending: new Int32Array(6 * 64),
      nPending: 0,
      ownerReady: true,
      lo: new Int16Array(grid.planes * 14),
      hi: new Int16Array(grid.planes * 14).fill(b.nPrb),
      txs: [],
      nTxs: 0,
      retired: [],
      nRetired: 0,
      ahead: new Int32Array(6 * 16),
      nAhead: 0,
    })),
  };
  return E.right({ config, data });
}

/** Bit mask over `nFlows` flows with the bits of `list` set. */
function flowMask(nFlows: number, list: readonly number[]): Uint32Array {
  const m = new Uint32Array(Math.ceil(nFlows / 32));
  for (const fi of list) m[fi >> 5] = m[fi >> 5]! | (1 << (fi & 31));
  return m;
}

/** Allocation of a packet size for a class (cached). */
export function allocationOf(cc: CompiledConfig, cls: number, sizeBytes: number): SchedulerAllocation | null {
  const cache = cc.allocCache[cls]!;
  const hit = cache.get(sizeBytes);
  if (hit !== undefined) return hit;
  const a = cc.cfg.allocate(cls, sizeBytes);
  const ok =
    a !== null &&
    Number.isInteger(a.nPrb) &&
    a.nPrb >= 1 &&
    Number.isInteger(a.nTti) &&
    a.nTti >= 1 &&
    Number.isFinite(a.tbsBits) &&
    a.tbsBits > 0 &&
    a.nPrb <= cc.grid.bwps[cc.classes[cls]!.c.bwp]!.nPrb;
  const v = ok ? a : null;
  cache.set(sizeBytes, v);
  return v;
}

/**
 * Occasion table of a class with spread repetitions on BWP b (see SpreadOccasions): type A, the first
 * run of `len` usable symbols of each slot; type B, every mini-slot start (isMiniSlotStart from
 * `miniFirst`) whose `len` symbols are usable.
 */
export function spreadOccasions(grid: CompiledGrid, b: CompiledBwp, mappingType: MappingType, dir: 0 | 1, len: number, miniFirst: number): SpreadOccasions {
  const slots: number[] = [];
  const syms: number[] = [];
  const at = new Int16Array(b.periodSlots * 14).fill(-1);
  for (let sl = 0; sl < b.periodSlots; sl++) {
    for (let l = 0; l < 14; l++) {
      let ok: boolean;
      if (mappingType === 'A') ok = findRun(grid, b, sl, dir, len, 0) === l;
      else {
        ok = isMiniSlotStart(l, len, miniFirst);
        for (let k = l; ok && k < l + len; k++) if (!symbolUsable(grid, b, sl, k, dir)) ok = false;
      }
      if (!ok) continue;
      at[sl * 14 + l] = slots.length;
      slots.push(sl);
      syms.push(l);
    }
  }
  return { n: slots.length, periodSlots: b.periodSlots, slot: Int32Array.from(slots), sym: Int32Array.from(syms), at };
}

/**
 * Own slot and start symbol of every repetition of a TB of spread class `cls` whose first repetition
 * starts at own symbol `s` of own slot `slot` of its BWP `bwp`: repetition j on the j-th next occasion
 * of the class's grid (outSlot[j], outSym[j], j < cls.reps; same symbols within each occasion, same
 * PRBs). Returns the end (exclusive, absolute base symbols) of the last repetition, or -1 when (slot, s)
 * is not an occasion of the class. Allocation-free.
 */
export function repetitionOccasions(cls: CompiledClass, bwp: CompiledBwp, slot: number, s: number, outSlot: Int32Array, outSym: Int32Array): number {
  const occ = cls.occ;
  if (occ === null || occ.n === 0 || !(s >= 0 && s < 14)) return -1;
  const P = occ.periodSlots;
  const per = Math.floor(slot / P);
  const i0 = occ.at[(slot - per * P) * 14 + s]!;
  if (i0 < 0) return -1;
  for (let j = 0; j < cls.reps; j++) {
    const idx = i0 + j;
    const q = Math.floor(idx / occ.n);
    const k = idx - q * occ.n;
    outSlot[j] = (per + q) * P + occ.slot[k]!;
    outSym[j] = occ.sym[k]!;
  }
  const last = cls.reps - 1;
  return outSlot[last]! * bwp.slotBaseSymbols + (outSym[last]! + cls.lenSymbols) * bwp.ratio;
}

/** Absolute occasion number (period · occasions per period + index) of the occasion at own (slot, s) of class `cls`, -1 if none. */
export function occasionNumber(cls: CompiledClass, slot: number, s: number): number {
  const occ = cls.occ;
  if (occ === null || occ.n === 0 || !(s >= 0 && s < 14)) return -1;
  const per = Math.floor(slot / occ.periodSlots);
  const i = occ.at[(slot - per * occ.periodSlots) * 14 + s]!;
  return i < 0 ? -1 : per * occ.n + i;
}

/** Shortest span (base symbols) of `reps` consecutive occasions of `occ`: first start to last end. */
function shortestSpanBase(occ: SpreadOccasions, reps: number, len: number, ratio: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < occ.n; i++) {
    const j = i + reps - 1;
    const q = Math.floor(j / occ.n);
    const k = j - q * occ.n;
    const span = ((q * occ.periodSlots + occ.slot[k]! - occ.slot[i]!) * 14 + occ.sym[k]! + len - occ.sym[i]!) * ratio;
    if (span < best) best = span;
  }
  return best;
}

/** Per-UE correlated fading processes when `cfg.correlatedFading` applies (Rayleigh, no block coherence). */
function correlatedFaders(cfg: SchedulerConfig, nUe: number): CorrelatedFading | null {
  const f = cfg.fading;
  const rayleigh = f === 'rayleigh' || (typeof f === 'object' && f.kind === 'rayleigh');
  if (cfg.correlatedFading !== true || cfg.coherenceTicks !== 0 || !rayleigh) return null;
  const order = fadingOrder(f);
  const doppler = new Array<number>(nUe).fill(0);
  for (const fl of cfg.flows) {
    const v = fl.dopplerHz;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && fl.ue >= 0 && fl.ue < nUe) doppler[fl.ue] = Math.max(doppler[fl.ue]!, Math.min(v, 1e5));
  }
  return correlatedFading(order, cfg.channelSeed, doppler.map((_, ue) => ue), doppler);
}
