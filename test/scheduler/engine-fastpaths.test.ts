/**
 * The engine's shortcuts (spec/scheduler.md §10.3) against its general paths on the same scenario and
 * seeds: the memoised static rank (a policy without `staticRank` is asked at every visit) and the
 * packed order key (a rank offset by ½ is not an integer, so the three-field comparison runs). The
 * offset keeps every order, so the event streams must be identical. A wrong memoised rank or key
 * changes the serving order, and with it the stream (the overloaded 300-UE mix makes order matter).
 */
import { describe, expect, it } from 'vitest';
import { edfPolicy, priorityPolicy, type SchedulerPolicy } from '../../src/scheduler/index.js';
import { eventStream } from './stream-support.js';

/** The engine's event stream on the overloaded 300-UE mix (stream-support.ts). */
const stream = (policy: SchedulerPolicy, ticks: number): string[] => eventStream(policy, ticks);

/** The same order as `p`, through the general paths: no static rank, rank offset by ½ (not an integer). */
function general(p: SchedulerPolicy): SchedulerPolicy {
  return { name: p.name, preemption: p.preemption, usesAverage: false, rank: (c) => p.rank(c) + 0.5 };
}

describe('engine fast paths (spec/scheduler.md §10.3)', () => {
  for (const p of [edfPolicy(true), priorityPolicy(false)]) {
    it(`${p.name}: memoised rank and packed key give the stream of the general paths`, () => {
      expect(p.staticRank).toBe(true);
      const fast = stream(p, 400);
      const slow = stream(general(p), 400);
      expect(fast.filter((e) => e.startsWith('X')).length).toBeGreaterThan(0); // overloaded: drops happen
      expect(fast.length).toBe(slow.length);
      expect(fast).toEqual(slow);
    });
  }

  it('a rank that reorders gives a different stream (the comparison can fail)', () => {
    const p = edfPolicy(true);
    const fast = stream(p, 400);
    const reversed = stream({ ...general(p), rank: (c) => -c.deadlineSymbols }, 400);
    expect(reversed).not.toEqual(fast);
  });
});
