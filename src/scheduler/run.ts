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

export interface SimGroupReport {
  readonly id: string;
  readonly flows: number;
  readonly arrived: number;
  readonly deliveredOnTime: number;
  readonly deliveredLate: number;
  readonly dropped: Readonly<Record<DropCause, number>>;
  /** Still pending at the end with the deadline passed (counted as misses). */
  readonly expiredPending: number;
  /** Still pending at the end with the deadline not yet reached (left out). */
  readonly censored: number;
  /** arrived - censored: the denominator of the ratios. */
  readonly decided: number;
  readonly onTimeRatio: number;
  readonly onTimeCi: WilsonInterval;
  readonly missRatio: number;
  readonly missCi: WilsonInterval;
  /** The service's target error probability (null for classes serving several targets). */
  readonly epsilon: number | null;
  /** 'met': CI upper bound of the miss ratio <= epsilon; 'missed': lower bound > epsilon. */
  readonly target: 'met' | 'missed' | 'inconclusive' | 'n/a';
  readonly latencyMs: { readonly p50: PercentileResult; readonly p99: PercentileResult; readonly p99999: PercentileResult; readonly max: number | null };
  readonly harq: {
    readonly transmissions: number;
    readonly retransmissions: number;
    readonly nacks: number;
    /** ackedAt[i]: TBs acknowledged at transmission i+1. */
    readonly ackedAt: readonly number[];
  };
  /** Transmissions of this group punctured by pre-emption, and how many of them failed. */
  readonly punctured: { readonly transmissions: number; readonly failed: number; readonly cells: number };
  /** Pre-empting transmissions of this group. */
  readonly preempting: number;
}

export interface SimUtilisation {
  readonly bwp: string;
  readonly dlUsedRatio: number;
  readonly ulUsedRatio: number;
  /** Configured-grant resources reserved but unused, as a ratio of the usable cells (DL+UL). */
  readonly cgUnusedRatio: number;
}

export interface SimReport {
  readonly seed: number;
  readonly slots: number;
  readonly tickMs: number;
  readonly durationMs: number;
  readonly policy: string;
  readonly services: readonly SimGroupReport[];
  readonly classes: readonly SimGroupReport[];
  readonly utilisation: readonly SimUtilisation[];
  readonly preemptions: number;
  readonly notes: readonly string[];
}

export interface SimOptions {
  readonly slots: number;
  readonly seed: number;
  /** Called every `progressEvery` ticks and at the end with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/** Per-service meta data for the report. */
export interface SimServiceMeta {
  readonly id: string;
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
