/**
 * EDF optimality on small single-carrier cases, checked by brute force: unit packets (one full-band
 * slot each), error-free channel, arrivals at slot starts, deadlines in slots. Whenever some
 * assignment of packets to distinct slots meets every deadline (found by exhaustive search), the
 * EDF scheduler delivers every packet on time. Plain FIFO priority is not optimal: the same search
 * finds cases where it misses although a feasible schedule exists (so the check has teeth).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { makeRng } from '../../src/core/rng.js';
import type { SchedulerArrival } from '../../src/scheduler/step.js';
import { schedulerStep } from '../../src/scheduler/step.js';
import { initialState } from '../../src/scheduler/state.js';
import type { SchedulerPolicy } from '../../src/scheduler/policies.js';
import { edfPolicy, priorityPolicy } from '../../src/scheduler/policies.js';
import { cls, config, fdd, flow } from '../scheduler/fixtures.js';

interface Job {
  arrival: number;
  deadline: number;
}

/** Exhaustive search: can each job get a distinct slot s with arrival <= s <= arrival + deadline - 1? */
function feasible(jobs: readonly Job[]): boolean {
  const used = new Set<number>();
  const go = (i: number): boolean => {
    if (i === jobs.length) return true;
    const j = jobs[i]!;
    for (let s = j.arrival; s < j.arrival + j.deadline; s++) {
      if (used.has(s)) continue;
      used.add(s);
      if (go(i + 1)) return true;
      used.delete(s);
    }
    return false;
  };
  return go(0);
}

/** Run the scheduler (mu 0: one slot = 1 ms) and count packets delivered on time. */
function onTime(jobs: readonly Job[], policy: SchedulerPolicy): number {
  const cfg = config({
    carrier: fdd(4, 0, 0),
    classes: [cls({ id: 'unit', ttiSymbols: 14, maxTransmissions: 1, rxProcessingMs: 0, harqRttMs: 0 })],
    alloc: [{ nPrb: 4, tbsBits: 10_000 }],
    // One flow (and UE) per job, each with its own deadline.
    flows: jobs.map((j, i) => flow({ id: `j${i}`, ue: i, classIndex: 0, latencyBudgetMs: j.deadline, priority: 0 } as never)),
    policy,
    fixedPrb: true,
  });
  const st = initialState(cfg);
  if (E.isLeft(st)) throw new Error(st.left.message);
  let state = st.right;
  let rng = makeRng(1);
  const horizon = Math.max(...jobs.map((j) => j.arrival + j.deadline)) + 2;
  let ok = 0;
  for (let t = 0; t < horizon; t++) {
    const arrivals: SchedulerArrival[] = [];
    jobs.forEach((j, i) => {
      if (j.arrival === t) arrivals.push({ flow: i, offsetSymbols: 0, sizeBytes: 100 });
    });
    const r = schedulerStep(state, arrivals, rng);
    state = r.state;
    rng = r.rng;
    for (const e of r.events) if (e.kind === 'delivered' && e.onTime) ok++;
  }
  return ok;
}

const jobsArb = fc.array(fc.record({ arrival: fc.integer({ min: 0, max: 4 }), deadline: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 7 });

describe('EDF against brute force', () => {
  test.prop([jobsArb], { numRuns: 200 })('EDF meets every deadline whenever a feasible schedule exists', (jobs) => {
    const n = onTime(jobs, edfPolicy());
    if (feasible(jobs)) expect(n).toBe(jobs.length);
    else expect(n).toBeLessThan(jobs.length);
  });

  test('FIFO priority misses a feasible case that EDF meets', () => {
    // Job 0 arrives first with a loose deadline, job 1 right after with a tight one.
    const jobs = [
      { arrival: 0, deadline: 3 },
      { arrival: 0, deadline: 3 },
      { arrival: 1, deadline: 1 },
    ];
    expect(feasible(jobs)).toBe(true);
    expect(onTime(jobs, edfPolicy())).toBe(3);
    expect(onTime(jobs, priorityPolicy())).toBeLessThan(3);
  });
});
