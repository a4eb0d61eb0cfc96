/**
 * Simulation core: drives the in-place engine (`runTick`) tick by tick with seeded traffic and
 * collects the report — per service and per class the ratio delivered within the deadline with a
 * Wilson 95 % interval, latency percentiles, drops by cause, HARQ transmission counts, PRB
 * utilisation and pre-emptions. Takes a ready `SchedulerConfig` (no dependency on the planner);
 * `simulate(scenario)` in simulate.ts builds one from a JSON scenario.
 *
 * Seeds: traffic uses makeRng(seed), transmission outcomes makeRng(seed + 0x9e3779b9) and the
 * channel the counter-based hash with seed-derived key: the same seed gives the same report bit
 * for bit, and two policies see the same arrivals and the same fading.
 *
 * Censoring: a packet still pending at the end whose deadline has passed counts as a miss
 * ('expiredPending'); one whose deadline lies beyond the end is censored (left out of the ratio).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { makeRng } from '../core/rng.js';
import type { DropCause, EngineSink } from './step.js';
import { DROP_CAUSES, runTick } from './step.js';
import type { PacketRec, SchedulerConfig, SchedulerState, TxRec } from './state.js';
import { PKT_QUEUED, TX_RETX, initialState } from './state.js';
import type { TrafficProfile } from './traffic.js';
import { makeTraffic } from './traffic.js';
import type { PercentileResult, WilsonInterval } from './stats.js';
import { histogramQuantile, wilsonInterval } from './stats.js';

/** Outcome counts and latency statistics of one group of flows (a service or a scheduler class). */
export interface SimGroupReport {
  /** Service id or class id of the group. */
  readonly id: string;
  /** Number of flows in the group. */
  readonly flows: number;
  /** Packets arrived (each segment of a segmented message counts as one packet). */
  readonly arrived: number;
  /** Packets delivered at or before their deadline. */
  readonly deliveredOnTime: number;
  /** Packets delivered after their deadline (counted as misses). */
  readonly deliveredLate: number;
  /** Packets dropped, per cause (see `DROP_CAUSES`); all count as misses. */
  readonly dropped: Readonly<Record<DropCause, number>>;
  /** Still pending at the end with the deadline passed (counted as misses). */
  readonly expiredPending: number;
  /** Still pending at the end with the deadline not yet reached (left out). */
  readonly censored: number;
  /** arrived - censored: the denominator of the ratios. */
  readonly decided: number;
  /** deliveredOnTime / decided, in [0, 1] (0 when nothing was decided). */
  readonly onTimeRatio: number;
  /** Wilson 95 % confidence interval of `onTimeRatio`. */
  readonly onTimeCi: WilsonInterval;
  /** (decided - deliveredOnTime) / decided: late, dropped and expired packets, in [0, 1] (0 when nothing was decided). */
  readonly missRatio: number;
  /** Wilson 95 % confidence interval of `missRatio`; compared with `epsilon` for `target`. */
  readonly missCi: WilsonInterval;
  /** The service's target error probability (null for classes serving several targets). */
  readonly epsilon: number | null;
  /** 'met': CI upper bound of the miss ratio <= epsilon; 'missed': lower bound > epsilon. */
  readonly target: 'met' | 'missed' | 'inconclusive' | 'n/a';
  /** Latency (arrival to delivery, ms, resolution one base symbol) over all delivered packets, on time or late. */
  readonly latencyMs: {
    /** Median. */
    readonly p50: PercentileResult;
    /** 99th percentile. */
    readonly p99: PercentileResult;
    /** 99.999th percentile (needs at least 100 000 delivered packets). */
    readonly p99999: PercentileResult;
    /** Largest latency in ms; null when no packet was delivered. */
    readonly max: number | null;
  };
  /** HARQ counts of the group's transport blocks. */
  readonly harq: {
    /** Transmissions granted, first transmissions and retransmissions. */
    readonly transmissions: number;
    /** Retransmissions granted (transmission number >= 2). */
    readonly retransmissions: number;
    /** Transmissions decoded in error (NACK). */
    readonly nacks: number;
    /** ackedAt[i]: TBs acknowledged at transmission i+1. */
    readonly ackedAt: readonly number[];
  };
  /** Transmissions of this group punctured by pre-emption, and how many of them failed. */
  readonly punctured: {
    /** Transmissions with at least one punctured cell. */
    readonly transmissions: number;
    /** Punctured transmissions decoded in error. */
    readonly failed: number;
    /** Cells (symbol x PRB) taken away by pre-emption, summed over the group's transmissions. */
    readonly cells: number;
  };
  /** Pre-empting transmissions of this group. */
  readonly preempting: number;
}

/** PRB utilisation of one bandwidth part over the run. */
export interface SimUtilisation {
  /** BWP id. */
  readonly bwp: string;
  /** Downlink cells (symbol x PRB) granted, net of punctured cells, over the usable downlink data cells, in [0, 1]. */
  readonly dlUsedRatio: number;
  /** Uplink cells (symbol x PRB) granted, net of punctured cells, over the usable uplink data cells, in [0, 1]. */
  readonly ulUsedRatio: number;
  /** Configured-grant resources reserved but unused, as a ratio of the usable cells (DL+UL). */
  readonly cgUnusedRatio: number;
}

/** Result of one simulation run (`runSimulation`). */
export interface SimReport {
  /** User seed of the run (traffic, HARQ outcomes and channel derive from it). */
  readonly seed: number;
  /** Ticks simulated (slots of the finest numerology). */
  readonly slots: number;
  /** Duration of one tick (slot of the finest numerology) in ms. */
  readonly tickMs: number;
  /** Simulated time: slots · tickMs, in ms. */
  readonly durationMs: number;
  /** Name of the scheduling policy (see `POLICY_NAMES`). */
  readonly policy: string;
  /** One report per service, in the order of the inputs. */
  readonly services: readonly SimGroupReport[];
  /** One report per scheduler class, in configuration order (`epsilon` null). */
  readonly classes: readonly SimGroupReport[];
  /** Utilisation per bandwidth part, in carrier order. */
  readonly utilisation: readonly SimUtilisation[];
  /** Pre-emption events: (pre-empting transmission, punctured transmission) pairs. */
  readonly preemptions: number;
  /** Human-readable caveats, e.g. services with too few samples for the p99.999 latency. */
  readonly notes: readonly string[];
}

/** Run length, seed and progress reporting of a simulation. */
export interface SimOptions {
  /** Ticks to simulate (slots of the finest numerology). */
  readonly slots: number;
  /** Seed of traffic, HARQ outcomes and channel; the same seed gives the same report. */
  readonly seed: number;
  /** Called every `progressEvery` ticks and at the end with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Progress interval in ticks; default 10 000. */
  readonly progressEvery?: number;
}

/** Per-service meta data for the report. */
export interface SimServiceMeta {
  /** Service id, matched against each flow's `service`. */
  readonly id: string;
  /** Target miss (error) probability of the service; null for no target (`target` = 'n/a'). */
  readonly epsilon: number | null;
}

const NG = 16; // counters per group

const C_ARR = 0;
const C_ONTIME = 1;
const C_LATE = 2;
const C_DROP0 = 3; // 4 causes: 3..6
const C_TX = 7;
const C_RETX = 8;
const C_NACK = 9;
const C_PUNCT = 10;
const C_PUNCT_FAIL = 11;
const C_PUNCT_CELLS = 12;
const C_PREEMPTING = 13;
const C_EXPIRED = 14;
const C_CENSORED = 15;

function inc(a: Float64Array | Uint32Array, i: number, v: number): void {
  a[i] = a[i]! + v;
}

class StatsSink implements EngineSink {
  readonly counters: Float64Array;
  readonly hist: Uint32Array[];
  readonly acked: Float64Array[];
  readonly maxLat: Float64Array;
  readonly used: Float64Array; // per bwp: dl used, ul used, dl usable, ul usable, cg unused
  preemptions = 0;
  constructor(
    readonly nGroups: number,
    readonly groupsOfFlow: readonly (readonly number[])[],
    readonly histLen: number,
    readonly maxTx: number,
    readonly flowBwp: readonly number[],
    nBwp: number,
  ) {
    this.counters = new Float64Array(nGroups * NG);
    this.hist = Array.from({ length: nGroups }, () => new Uint32Array(histLen));
    this.acked = Array.from({ length: nGroups }, () => new Float64Array(maxTx));
    this.maxLat = new Float64Array(nGroups).fill(-1);
    this.used = new Float64Array(nBwp * 5);
  }
  private add(flow: number, k: number, v = 1): void {
    const g = this.groupsOfFlow[flow]!;
    for (let i = 0; i < g.length; i++) inc(this.counters, g[i]! * NG + k, v);
  }
  arrival(p: PacketRec): void {
    this.add(p.flow, C_ARR);
  }
  grant(tx: TxRec): void {
    this.add(tx.flow, C_TX);
    if (tx.kind === TX_RETX) this.add(tx.flow, C_RETX);
    if (tx.preempting) this.add(tx.flow, C_PREEMPTING);
    inc(this.used, tx.bwp * 5 + tx.dir, tx.cells);
  }
  preempted(victim: TxRec, _by: TxRec, cells: number): void {
    this.preemptions++;
    this.add(victim.flow, C_PUNCT_CELLS, cells);
    inc(this.used, victim.bwp * 5 + victim.dir, -cells);
  }
  harq(tx: TxRec, ack: boolean): void {
    if (tx.punctured > 0) {
      this.add(tx.flow, C_PUNCT);
      if (!ack) this.add(tx.flow, C_PUNCT_FAIL);
    }
    if (!ack) this.add(tx.flow, C_NACK);
    else {
      const g = this.groupsOfFlow[tx.flow]!;
      for (let i = 0; i < g.length; i++) inc(this.acked[g[i]!]!, Math.min(this.maxTx, tx.txNo) - 1, 1);
    }
  }
  delivered(p: PacketRec, time: number): void {
    const onTime = time <= p.deadline;
    this.add(p.flow, onTime ? C_ONTIME : C_LATE);
    const lat = time - p.arrival;
    const g = this.groupsOfFlow[p.flow]!;
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      inc(this.hist[gi]!, Math.min(this.histLen - 1, lat), 1);
      if (lat > this.maxLat[gi]!) this.maxLat[gi] = lat;
    }
  }
  dropped(p: PacketRec, cause: DropCause): void {
    this.add(p.flow, C_DROP0 + DROP_CAUSES.indexOf(cause));
  }
  slot(bwp: number, dlCells: number, ulCells: number): void {
    inc(this.used, bwp * 5 + 2, dlCells);
    inc(this.used, bwp * 5 + 3, ulCells);
  }
  cgUnused(flow: number, cells: number): void {
    inc(this.used, this.flowBwp[flow]! * 5 + 4, cells);
  }
}

/** Flow-level inputs besides the scheduler configuration. */
export interface SimFlowInputs {
  /** Traffic profile per flow (same order as config.flows). */
  readonly traffic: readonly TrafficProfile[];
  /** Services, in report order; flows refer to them by `flow.service` id. */
  readonly services: readonly SimServiceMeta[];
}

/** Derive the run's channel seed from the user seed. */
export function channelSeedOf(seed: number): number {
  return (Math.imul(seed | 0, 0x2545f491) ^ 0x6a09e667) | 0;
}

/** Run a configuration for `opts.slots` ticks; the config's channelSeed is replaced by one derived from opts.seed. */
export function runSimulation(cfg: SchedulerConfig, inputs: SimFlowInputs, opts: SimOptions): E.Either<PhyError, SimReport> {
  const st = initialState({ ...cfg, channelSeed: channelSeedOf(opts.seed) });
  if (E.isLeft(st)) return st;
  return E.right(runState(st.right, inputs, opts));
}

function runState(state: SchedulerState, inputs: SimFlowInputs, opts: SimOptions): SimReport {
  const cc = state.config;
  const d = state.data;
  const cfg = cc.cfg;
  const nS = inputs.services.length;
  const serviceIndex = new Map(inputs.services.map((s, i) => [s.id, i] as const));
  const groupsOfFlow = cc.flows.map((f) => {
    const si = serviceIndex.get(f.f.service);
    return si === undefined ? [nS + f.cls] : [si, nS + f.cls];
  });
  const maxDeadline = Math.max(14, ...cc.flows.map((f) => f.deadlineBase));
  const histLen = maxDeadline * 4 + 14 * 64;
  const maxTx = Math.max(1, ...cc.classes.map((c) => c.c.maxTransmissions));
  const sink = new StatsSink(nS + cc.classes.length, groupsOfFlow, histLen, maxTx, cc.flows.map((f) => cc.classes[f.cls]!.c.bwp), cc.grid.bwps.length);
  const traffic = makeTraffic(inputs.traffic, cc.grid.baseSymbolMs, makeRng(opts.seed));
  const rng = makeRng((opts.seed + 0x9e3779b9) | 0);
  const every = opts.progressEvery ?? 10_000;
  for (let k = 0; k < opts.slots; k++) {
    runTick(cc, d, traffic.next(k), rng, sink);
    if (opts.onProgress !== undefined && (k + 1) % every === 0 && k + 1 < opts.slots) opts.onProgress(k + 1, opts.slots);
  }
  opts.onProgress?.(opts.slots, opts.slots);
  // Censoring of pending packets.
  const endT = opts.slots * 14;
  const seen = new Set<number>();
  const pend = (p: PacketRec): void => {
    if (p.status !== PKT_QUEUED || seen.has(p.id)) return;
    seen.add(p.id);
    const g = groupsOfFlow[p.flow]!;
    for (const gi of g) inc(sink.counters, gi * NG + (p.deadline < endT ? C_EXPIRED : C_CENSORED), 1);
  };
  for (const fr of d.flows) {
    for (let i = fr.head; i < fr.queue.length; i++) pend(fr.queue[i]!);
    for (const r of fr.retx) pend(r.packet);
  }
  for (const tx of d.inflight) pend(tx.packet);
  const unitMs = cc.grid.baseSymbolMs;
  const group = (gi: number, id: string, flows: number, epsilon: number | null): SimGroupReport => {
    const c = (k: number): number => sink.counters[gi * NG + k]!;
    const arrived = c(C_ARR);
    const censored = c(C_CENSORED);
    const decided = arrived - censored;
    const onTime = c(C_ONTIME);
    const misses = decided - onTime;
    const onTimeCi = wilsonInterval(onTime, decided);
    const missCi = wilsonInterval(misses, decided);
    const delivered = onTime + c(C_LATE);
    const hist = sink.hist[gi]!;
    const target = epsilon === null ? 'n/a' : decided === 0 ? 'inconclusive' : missCi.upper <= epsilon ? 'met' : missCi.lower > epsilon ? 'missed' : 'inconclusive';
    const dropped = {} as Record<DropCause, number>;
    DROP_CAUSES.forEach((cause, i) => (dropped[cause] = c(C_DROP0 + i)));
    return {
      id,
      flows,
      arrived,
      deliveredOnTime: onTime,
      deliveredLate: c(C_LATE),
      dropped,
      expiredPending: c(C_EXPIRED),
      censored,
      decided,
      onTimeRatio: decided > 0 ? onTime / decided : 0,
      onTimeCi,
      missRatio: decided > 0 ? misses / decided : 0,
      missCi,
      epsilon,
      target,
      latencyMs: {
        p50: histogramQuantile(hist, delivered, 0.5, unitMs),
        p99: histogramQuantile(hist, delivered, 0.99, unitMs),
        p99999: histogramQuantile(hist, delivered, 0.99999, unitMs),
        max: sink.maxLat[gi]! >= 0 ? sink.maxLat[gi]! * unitMs : null,
      },
      harq: { transmissions: c(C_TX), retransmissions: c(C_RETX), nacks: c(C_NACK), ackedAt: [...sink.acked[gi]!] },
      punctured: { transmissions: c(C_PUNCT), failed: c(C_PUNCT_FAIL), cells: c(C_PUNCT_CELLS) },
      preempting: c(C_PREEMPTING),
    };
  };
  const services = inputs.services.map((s, i) => group(i, s.id, cc.flows.filter((f) => f.f.service === s.id).length, s.epsilon));
  const classes = cc.classes.map((c, i) => group(nS + i, c.c.id, cc.flows.filter((f) => f.cls === i).length, null));
  const utilisation = cc.grid.bwps.map((b, i) => {
    const u = (k: number): number => sink.used[i * 5 + k]!;
    return {
      bwp: b.id,
      dlUsedRatio: u(2) > 0 ? u(0) / u(2) : 0,
      ulUsedRatio: u(3) > 0 ? u(1) / u(3) : 0,
      cgUnusedRatio: u(2) + u(3) > 0 ? u(4) / (u(2) + u(3)) : 0,
    };
  });
  const notes: string[] = [];
  for (const s of services) {
    if (s.latencyMs.p99999.ms === null && s.arrived > 0) {
      notes.push(`${s.id}: p99.999 latency needs >= ${s.latencyMs.p99999.samplesNeeded} delivered packets, have ${s.deliveredOnTime + s.deliveredLate}`);
    }
  }
  return {
    seed: opts.seed,
    slots: opts.slots,
    tickMs: cc.grid.tickMs,
    durationMs: opts.slots * cc.grid.tickMs,
    policy: cfg.policy.name,
    services,
    classes,
    utilisation,
    preemptions: sink.preemptions,
    notes,
  };
}
