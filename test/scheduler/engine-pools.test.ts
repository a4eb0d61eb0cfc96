/**
 * The seventh pass (spec/scheduler.md §10.6): structures that keep the steady path of the slot engine
 * allocation-free and its occasions cheaper, each against the law it must keep.
 *
 * - Record pools (EngineData.txFree / pktFree): a record is in a pool only when no engine structure
 *   refers to it any more — checked after every tick of random runs (fast-check) over everything that
 *   can hold a record: the flow queues (every entry, also those before `head`), pending
 *   retransmissions, the head-packet memos, in-flight transmissions and their packets, and each BWP's
 *   current-slot and retired transmissions; no record is twice in a pool.
 * - The TOP_K least keys per heap (step.ts pushKey, serveByKeys): an occasion that pops more than
 *   TOP_K keys of one heap builds the heap and skips the keys already popped; the stream must be the
 *   general path's (a rank offset by ½: the object heap, no key lists).
 * - The traffic generator's counting sort and reused records (traffic.ts): the arrivals of every tick
 *   equal those of the generator before this pass (kept below as the reference: fresh records,
 *   insertion sort by (offset, flow)).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, edfPolicy, initialState, makeTraffic, priorityPolicy, runTick } from '../../src/scheduler/index.js';
import type { EngineSink, SchedulerArrival, SchedulerPolicy, TrafficProfile } from '../../src/scheduler/index.js';
import type { EngineData, PacketRec, TxRec } from '../../src/scheduler/state.js';
import { exponential, makeRng } from '../../src/core/rng.js';
import type { Rng } from '../../src/core/rng.js';
import { benchScenario } from '../../scripts/sim-hash.js';
import { cls, config, constantError, fdd, flow } from './fixtures.js';
import { quietSink } from './stream-support.js';

/** Every violation of the pool law in `d` (empty: none). */
function poolViolations(d: EngineData): string[] {
  const bad: string[] = [];
  const freeP = new Set<PacketRec>(d.pktFree.slice(0, d.nPktFree));
  const freeT = new Set<TxRec>(d.txFree.slice(0, d.nTxFree));
  if (freeP.size !== d.nPktFree) bad.push('a packet record twice in its pool');
  if (freeT.size !== d.nTxFree) bad.push('a transmission record twice in its pool');
  d.flows.forEach((fr, fi) => {
    fr.queue.forEach((p, i) => {
      if (freeP.has(p)) bad.push(`flow ${fi}: queue entry ${i} (head ${fr.head}) is pooled`);
    });
    for (const r of fr.retx) if (freeP.has(r.packet)) bad.push(`flow ${fi}: a retransmission's packet is pooled`);
    const m = d.headWait.pkt[fi];
    if (m !== null && m !== undefined && freeP.has(m)) bad.push(`flow ${fi}: the head-packet memo is pooled`);
  });
  for (const tx of d.inflight) {
    if (freeT.has(tx)) bad.push(`in-flight tx ${tx.id} is pooled`);
    if (freeP.has(tx.packet)) bad.push(`in-flight tx ${tx.id}: its packet is pooled`);
  }
  d.bwps.forEach((br, b) => {
    for (let i = 0; i < br.nTxs; i++) if (freeT.has(br.txs[i]!)) bad.push(`bwp ${b}: slot tx ${br.txs[i]!.id} is pooled`);
    for (let i = 0; i < br.nRetired; i++) if (freeT.has(br.retired[i]!)) bad.push(`bwp ${b}: retired tx ${br.retired[i]!.id} is pooled`);
  });
  return bad;
}

/** Runs the bench mix (scripts/sim-hash benchScenario) for `ticks`, checking the pool law after every tick; returns the violations and how many records were reused. */
function poolRun(ues: number, light: boolean, policy: SchedulerPolicy | null, seed: number, ticks: number): { bad: string[]; reusedTx: number; reusedPkt: number } {
  const b = buildSimulation(benchScenario(ues, { light }));
  if (E.isLeft(b)) throw new Error(b.left.message);
  const st = initialState({ ...b.right.config, ...(policy === null ? {} : { policy }), channelSeed: seed });
  if (E.isLeft(st)) throw new Error(st.left.message);
  const traffic = makeTraffic(b.right.inputs.traffic, st.right.config.grid.baseSymbolMs, makeRng(seed));
  const rng = makeRng(seed + 1);
  const { config: cc, data } = st.right;
  // a record reused: a grant/arrival whose record object was seen before under another id
  const seenTx = new Map<TxRec, number>();
  const seenPkt = new Map<PacketRec, number>();
  let reusedTx = 0;
  let reusedPkt = 0;
  const sink: EngineSink = {
    ...quietSink,
    grant: (tx) => {
      const was = seenTx.get(tx);
      if (was !== undefined && was !== tx.id) reusedTx++;
      seenTx.set(tx, tx.id);
    },
    arrival: (p) => {
      const was = seenPkt.get(p);
      if (was !== undefined && was !== p.id) reusedPkt++;
      seenPkt.set(p, p.id);
    },
  };
  for (let k = 0; k < ticks; k++) {
    runTick(cc, data, traffic.next(data.tick), rng, sink);
    const bad = poolViolations(data);
    if (bad.length > 0) return { bad: bad.map((x) => `tick ${k}: ${x}`), reusedTx, reusedPkt };
  }
  return { bad: [], reusedTx, reusedPkt };
}

describe('record pools (spec/scheduler.md §10.6)', () => {
  it('property: no pooled record is referenced by the engine, after every tick of random runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 120 }),
        fc.boolean(),
        fc.constantFrom<SchedulerPolicy | null>(null, edfPolicy(false), priorityPolicy(true)),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (ues, light, policy, seed) => {
          const r = poolRun(ues, light, policy, seed, 250);
          expect(r.bad).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('records are reused (the pools are in use) and the overloaded 300-UE mix keeps the law', () => {
    const r = poolRun(300, false, null, 1, 400);
    expect(r.bad).toEqual([]);
    expect(r.reusedTx).toBeGreaterThan(1000);
    expect(r.reusedPkt).toBeGreaterThan(1000);
  });
});

/**
 * One DL class (type A, 12 symbols), `nUe` UEs whose 1-PRB packets all arrive at tick 0 on an
 * `nPrb`-PRB carrier: the slot-0 occasion pops more than TOP_K (16) keys of the class's not-late heap
 * (every UE is granted when nPrb ≥ nUe; the class dies after nPrb grants otherwise), so the heap is
 * built from its array with the popped keys skipped. Events: `G txId packet flow prb0 @start`, ….
 */
function manyGrantsStream(policy: SchedulerPolicy, nUe: number, nPrb: number): string[] {
  const cfg = config({
    carrier: fdd(nPrb, 0, 2),
    classes: [cls({ id: 'dl', ttiSymbols: 12, maxTransmissions: 2, harqRttMs: 1 })],
    alloc: [{ nPrb: 1, tbsBits: 10_000 }],
    flows: Array.from({ length: nUe }, (_, i) => flow({ id: `f${i}`, ue: i, classIndex: 0, latencyBudgetMs: 3 + (i % 7) })),
    policy,
    txError: constantError(0.3),
    fixedPrb: true,
  });
  const st = initialState(cfg);
  if (E.isLeft(st)) throw new Error(st.left.message);
  const out: string[] = [];
  const sink: EngineSink = {
    arrival: (p) => out.push(`A ${p.id} ${p.flow} ${p.arrival} ${p.deadline}`),
    grant: (t) => out.push(`G ${t.id} ${t.packet.id} ${t.flow} ${t.prb0} @${t.start}`),
    preempted: (v, by) => out.push(`P ${v.id} ${by.id}`),
    harq: (t, ack, time) => out.push(`H ${t.id} ${ack} ${time}`),
    delivered: (p, time) => out.push(`D ${p.id} ${time}`),
    dropped: (p, cause, time) => out.push(`X ${p.id} ${p.flow} ${cause} ${time}`),
    slot: () => {},
    cgUnused: () => {},
  };
  const arrivals = (tick: number): SchedulerArrival[] =>
    tick % 3 === 0 ? Array.from({ length: nUe }, (_, i) => ({ flow: i, offsetSymbols: (i * 5) % 14, sizeBytes: 100 })) : [];
  const rng = makeRng(7);
  const { config: cc, data } = st.right;
  for (let k = 0; k < 12; k++) runTick(cc, data, arrivals(k), rng, sink);
  return out;
}

describe('TOP_K least keys per heap (spec/scheduler.md §10.6)', () => {
  const half = (p: SchedulerPolicy): SchedulerPolicy => ({ ...p, name: `${p.name}+½`, rank: (c) => p.rank(c) + 0.5 });
  for (const [nUe, nPrb] of [
    [40, 60], // every UE granted at an occasion: 40 pops of one heap
    [48, 24], // the class dies after 24 grants
  ] as const) {
    it(`${nUe} UEs on ${nPrb} PRBs: more than 16 pops of one heap give the general path's stream`, () => {
      const fast = manyGrantsStream(edfPolicy(false), nUe, nPrb);
      // some occasion granted more than TOP_K transmissions (the heap was built past its list)
      const perStart = new Map<string, number>();
      for (const e of fast) if (e.startsWith('G ')) perStart.set(e.split('@')[1]!, (perStart.get(e.split('@')[1]!) ?? 0) + 1);
      expect(Math.max(...perStart.values())).toBeGreaterThan(16);
      expect(fast).toEqual(manyGrantsStream(half(edfPolicy(false)), nUe, nPrb));
    });
  }
});

/** The generator before §10.6 in its plain form: a scan over all flows in index order (which its heap of due flows reproduces), fresh records, insertion sort by (offset, flow). */
function referenceTraffic(profiles: readonly TrafficProfile[], baseSymbolMs: number, rng: Rng): (tick: number) => SchedulerArrival[] {
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
    } else nextAt[i] = exponential(rng, p.periodMs);
  }
  const tickMs = 14 * baseSymbolMs;
  return (tick) => {
    const out: SchedulerArrival[] = [];
    const t0 = tick * tickMs;
    const t1 = t0 + tickMs;
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
    for (let a = 1; a < out.length; a++) {
      const x = out[a]!;
      let b = a - 1;
      while (b >= 0 && (out[b]!.offsetSymbols > x.offsetSymbols || (out[b]!.offsetSymbols === x.offsetSymbols && out[b]!.flow > x.flow))) {
        out[b + 1] = out[b]!;
        b--;
      }
      out[b + 1] = x;
    }
    return out;
  };
}

const profileArb: fc.Arbitrary<TrafficProfile> = fc.record({
  arrival: fc.constantFrom<'periodic' | 'poisson'>('periodic', 'poisson'),
  periodMs: fc.double({ min: 0.05, max: 20, noNaN: true }),
  jitterMs: fc.double({ min: 0, max: 5, noNaN: true }),
  sizesBytes: fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 3 }),
  segmentBytes: fc.constantFrom(0, 700, 1500),
});

describe('traffic generator: counting sort and reused records (spec/scheduler.md §10.6)', () => {
  it('property: every tick gives the arrivals of the generator before the pass, in its order', () => {
    fc.assert(
      fc.property(fc.array(profileArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(1 / 14, 1 / 28), (profiles, seed, symMs) => {
        const gen = makeTraffic(profiles, symMs, makeRng(seed));
        const ref = referenceTraffic(profiles, symMs, makeRng(seed));
        for (let tick = 0; tick < 120; tick++) {
          const got = gen.next(tick).map((a) => ({ ...a })); // copies: the generator reuses its records
          expect(got).toEqual(ref(tick));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the records of a tick are rewritten by the next call (copy what you keep), and the order is by (offset, flow)', () => {
    const profiles: TrafficProfile[] = Array.from({ length: 30 }, (_, i) => ({ arrival: 'periodic', periodMs: 1, jitterMs: 0.9, sizesBytes: [100 + i], segmentBytes: 0 }));
    const gen = makeTraffic(profiles, 1 / 28, makeRng(3));
    const first = gen.next(0);
    const kept = first.map((a) => ({ ...a }));
    for (let i = 1; i < kept.length; i++) {
      const [p, q] = [kept[i - 1]!, kept[i]!];
      expect(p.offsetSymbols < q.offsetSymbols || (p.offsetSymbols === q.offsetSymbols && p.flow < q.flow)).toBe(true);
    }
    gen.next(1);
    expect(first.map((a) => ({ ...a }))).not.toEqual(kept);
  });
});
