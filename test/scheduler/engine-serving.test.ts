/**
 * The fourth-pass serving shortcuts (spec/scheduler.md §10.4) against the general path they stand for,
 * on the same scenario and seeds: memo candidates kept only as packed keys in one heap per (class,
 * late), dead candidates skipped, a class's heap emptied once it is dead as a whole, and a
 * few-candidate occasion served by sorting. The general path (object heap, allDead, deadline-drop pass)
 * runs when a rank does not pack into an integer key; a rank offset by ½ keeps EDF's order, so the event
 * streams must be identical. A rank that packs for some flows only sends an occasion down the general
 * path after some memo candidates went into the heaps (they are read back from there).
 */
import { describe, expect, it } from 'vitest';
import { edfPolicy, type SchedulerPolicy } from '../../src/scheduler/index.js';
import { eventStream } from './stream-support.js';

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

  it('the comparison can fail: a rank that reorders within a deadline changes the stream', () => {
    const reordered: SchedulerPolicy = { ...halfEdf, rank: (c) => c.deadlineSymbols + 0.5 - c.flow / 2 ** 21 };
    expect(stream(reordered, true, 300)).not.toEqual(stream(edfPolicy(true), true, 300));
  });
});
