/**
 * The fourth-pass serving shortcuts (spec/scheduler.md §10.4) against the general path they stand for,
 * on the same scenario and seeds: memo candidates kept only as packed keys in one heap per (class,
 * late), dead candidates skipped, a class's heap emptied once it is dead as a whole, and a
 * few-candidate occasion served by sorting. The general path (object heap, allDead, deadline-drop pass)
 * runs when a rank does not pack into an integer key; a rank offset by ½ keeps EDF's order, so the event
 * streams must be identical. A rank that packs for some flows only sends an occasion down the general
 * path after some memo candidates went into the heaps (they are read back from there). A small explicit
 * scenario (lateStream) pins the late heap of a class emptied as dead: its late candidate must still be
 * dropped for its deadline at that occasion.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { edfPolicy, initialState, priorityPolicy, runTick, type EngineSink, type SchedulerArrival, type SchedulerPolicy } from '../../src/scheduler/index.js';
import { makeRng } from '../../src/core/rng.js';
import { eventStream } from './stream-support.js';
import { cls, config, fdd, flow } from './fixtures.js';

/** The engine's event stream (stream-support.ts), light or overloaded 300-UE mix. */
const stream = (policy: SchedulerPolicy, light: boolean, ticks: number): string[] => eventStream(policy, ticks, light);

/** EDF through the general path: a static rank that never packs (deadline + ½). */
const halfEdf: SchedulerPolicy = { name: 'edf+½', preemption: true, usesAverage: false, staticRank: true, rank: (c) => c.deadlineSymbols + 0.5 };
/** EDF whose rank packs for flow 0 only (deadline + flow·2^−21: the same order, ties by flow as the engine breaks them). */
const mixedEdf: SchedulerPolicy = { name: 'edf+flow·ε', preemption: true, usesAverage: false, staticRank: true, rank: (c) => c.deadlineSymbols + c.flow / 2 ** 21 };

describe('serving shortcuts (spec/scheduler.md §10.4)', () => {
  for (const light of [false, true]) {
    const mix = light ? '300-UE light mix' : '300-UE overloaded mix';
    it(`${mix}: per-class key heaps with dead skipping give the general path's stream`, () => {
      const fast = stream(edfPolicy(true), light, 300);
      const slow = stream(halfEdf, light, 300);
      expect(fast.filter((e) => e.startsWith('G')).length).toBeGreaterThan(1000);
      expect(fast.filter((e) => e.startsWith('X')).length).toBeGreaterThan(0); // overloaded: drops happen
      expect(fast.length).toBe(slow.length);
      expect(fast).toEqual(slow);
    });
  }

  it('latest deadline first (another static order, the late candidates last): the same stream as the general path', () => {
    const ldf: SchedulerPolicy = { name: 'ldf', preemption: true, usesAverage: false, staticRank: true, rank: (c) => 2 ** 30 - c.deadlineSymbols };
    expect(stream(ldf, false, 300)).toEqual(stream({ ...ldf, rank: (c) => 2 ** 30 - c.deadlineSymbols + 0.5 }, false, 300));
  });

  it('an occasion whose ranks pack only in part falls back to the general path with the same stream', () => {
    expect(stream(mixedEdf, false, 200)).toEqual(stream(edfPolicy(true), false, 200));
  });

  // The short packet: a full-path candidate at t = 14 (first visit), or a memo candidate (visited at
  // t = 0, not late then; at 14 only its packed key, in the late heap, read back when popped).
  for (const [what, shortAt, shortBudgetMs, deadline] of [
    ['a full-path candidate', 12, 1, 26],
    ['a memo candidate', 0, 27 / 14, 27],
  ] as const) {
    it(`a class dead at an occasion keeps its late heap: its late candidate (${what}) is still dropped for its deadline there`, () => {
      // 24 long-budget UEs and one short-budget UE share one DL class, FIFO priority (lateStream).
      const fast = lateStream(priorityPolicy(false), shortAt, shortBudgetMs);
      expect(fast.filter((e) => e.startsWith('A 24 '))).toEqual([`A 24 24 ${shortAt} ${deadline}`]);
      // Occasion t = 14 (slot 1; its TBs start at symbol 2, t = 16): 4 grants fill the 20 PRBs, the 5th pop
      // records the failure that empties the not-late heap; the late heap still holds the short packet and
      // serves it after them: dropped for its deadline at 14, not at the next visit (28).
      const at14 = fast.filter((e) => (e.startsWith('G ') && e.endsWith(' @16')) || e.startsWith('X '));
      expect(at14).toEqual(['G 4 4 4 @16', 'G 5 5 5 @16', 'G 6 6 6 @16', 'G 7 7 7 @16', `X 24 24 ${shortAt} deadline 14`]);
      // and the whole stream is the general path's (object heap, allDead, deadline-drop pass)
      const general: SchedulerPolicy = { ...priorityPolicy(false), name: 'priority+½', rank: (c) => priorityPolicy(false).rank(c) + 0.5 };
      expect(fast).toEqual(lateStream(general, shortAt, shortBudgetMs));
    });
  }

  it('the comparison can fail: a rank that reorders within a deadline changes the stream', () => {
    const reordered: SchedulerPolicy = { ...halfEdf, rank: (c) => c.deadlineSymbols + 0.5 - c.flow / 2 ** 21 };
    expect(stream(reordered, true, 300)).not.toEqual(stream(edfPolicy(true), true, 300));
  });
});

/**
 * The late heap of a dead class (spec/scheduler.md §10.4): one DL class (type A, 12 symbols after 2
 * control symbols, 5 PRBs per packet on a 20-PRB mu-0 carrier: 4 grants per slot), 24 UEs with a 20 ms
 * budget whose packets arrive at t = 0, and UE 24 whose packet arrives at `shortAt` with a deadline of 26
 * or 27. FIFO priority ranks by arrival (ties by flow), so at the slot-1 occasion (t = 14, 21 candidates:
 * the key heaps, not the few-candidate sort) the 20 waiting long packets are popped first; after 4 grants
 * the 5th fails and the class's not-late heap is emptied. The short packet is late there (its TB would
 * end at 28 > deadline) but not yet due for the visit's drop test (14 + 12 ≤ deadline): only the late heap,
 * served after the class died, drops it at 14 — emptying that heap too leaves the drop to the next visit (28).
 * Events: `A id flow arrival deadline`, `G txId packet flow @startTime`, `X id flow arrival cause time`.
 */
function lateStream(policy: SchedulerPolicy, shortAt: number, shortBudgetMs: number): string[] {
  const nLong = 24;
  const cfg = config({
    carrier: fdd(20, 0, 2),
    classes: [cls({ id: 'dl', ttiSymbols: 12, maxTransmissions: 1, harqRttMs: 0 })],
    alloc: [{ nPrb: 5, tbsBits: 100_000 }],
    flows: Array.from({ length: nLong + 1 }, (_, i) => flow({ id: `f${i}`, ue: i, classIndex: 0, latencyBudgetMs: i < nLong ? 20 : shortBudgetMs })),
    policy,
    fixedPrb: true,
  });
  const st = initialState(cfg);
  if (E.isLeft(st)) throw new Error(st.left.message);
  const out: string[] = [];
  const sink: EngineSink = {
    arrival: (p) => out.push(`A ${p.id} ${p.flow} ${p.arrival} ${p.deadline}`),
    grant: (t) => out.push(`G ${t.id} ${t.packet.id} ${t.flow} @${t.start}`),
    preempted: (v, by) => out.push(`P ${v.id} ${by.id}`),
    harq: (t, ack, time) => out.push(`H ${t.id} ${ack} ${time}`),
    delivered: (p, time) => out.push(`D ${p.id} ${time}`),
    dropped: (p, cause, time) => out.push(`X ${p.id} ${p.flow} ${p.arrival} ${cause} ${time}`),
    slot: () => {},
    cgUnused: () => {},
  };
  const arrivals = (tick: number): SchedulerArrival[] =>
    tick === 0
      ? [...Array.from({ length: nLong }, (_, i) => ({ flow: i, offsetSymbols: 0, sizeBytes: 100 })), { flow: nLong, offsetSymbols: shortAt, sizeBytes: 100 }]
      : [];
  const rng = makeRng(1);
  const { config: cc, data } = st.right;
  for (let k = 0; k < 10; k++) runTick(cc, data, arrivals(k), rng, sink);
  return out;
}
