/**
 * Scheduling policies behind one small interface: each policy ranks the candidates of one
 * scheduling occasion (lower rank is served first) and says whether URLLC mini-slot traffic may
 * pre-empt (puncture) ongoing slot-based transmissions (TS 38.214 §5.1 / TS 38.213 §11.2 DCI
 * format 2_1 pre-emption indication). HARQ retransmissions always go before new data; that
 * ordering is applied by the step function, not by the policy.
 *
 * - 'edf': earliest deadline first (Liu & Layland 1973; optimal for unit jobs on one resource).
 * - 'priority': strict class priority (class.priority, 0 = highest), FIFO within a priority.
 * - 'pf': proportional fair (Kelly 1997; Jalali et al. 2000): rank by -rate/averageThroughput.
 * Append '+preemption' to any of them to enable URLLC pre-emption.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PhyError } from '../core/errors.js';
import { leftInvalid } from '../core/errors.js';

/** What a policy sees of one candidate (a scratch object reused by the step function). */
export interface PolicyCandidate {
  /** Current time (base symbols). */
  nowSymbols: number;
  /** Absolute deadline of the candidate's packet (base symbols). */
  deadlineSymbols: number;
  /** Arrival time of the candidate's packet (base symbols). */
  arrivalSymbols: number;
  /** Class priority (0 = highest). */
  priority: number;
  /** Bits per resource element the candidate's class carries (its spectral efficiency). */
  bitsPerRe: number;
  /** Exponentially averaged served throughput of the flow (bits per tick, >= a small floor). */
  averageBitsPerTick: number;
  /** Flow index (ties are broken by it in the step function). */
  flow: number;
}

/** A scheduling policy: a ranking of candidates plus the pre-emption switch. */
export interface SchedulerPolicy {
  /** Policy name, one of `POLICY_NAMES` for the built-in policies (e.g. 'edf+preemption'). */
  readonly name: string;
  /** May mini-slot transmissions of pre-empting classes puncture pre-emptible ones? */
  readonly preemption: boolean;
  /** Lower is served first. Must be a finite number. */
  readonly rank: (c: PolicyCandidate) => number;
  /** Does `rank` read `averageBitsPerTick`? (false lets the step skip the average; default true). */
  readonly usesAverage?: boolean;
  /**
   * Does `rank` read only what is fixed for a packet (deadline, arrival, class priority, bitsPerRe,
   * flow) — not `nowSymbols` or `averageBitsPerTick`? Then the step keeps a packet's rank from one
   * occasion to the next instead of asking again (default false).
   */
  readonly staticRank?: boolean;
}

/** Names of the built-in policies accepted by `policyByName`. */
export type PolicyName = 'edf' | 'priority' | 'pf' | 'edf+preemption' | 'priority+preemption' | 'pf+preemption';
/** All built-in policy names, in a fixed order. */
export const POLICY_NAMES: readonly PolicyName[] = ['edf', 'priority', 'pf', 'edf+preemption', 'priority+preemption', 'pf+preemption'];

const PRIORITY_SCALE = 2 ** 36;

/** Earliest deadline first: rank = absolute packet deadline (base symbols); pre-emption off by default. */
export function edfPolicy(preemption = false): SchedulerPolicy {
  return { name: preemption ? 'edf+preemption' : 'edf', preemption, usesAverage: false, staticRank: true, rank: (c) => c.deadlineSymbols };
}

/** Strict class priority (0 = highest), FIFO by arrival time within a priority; pre-emption off by default. */
export function priorityPolicy(preemption = false): SchedulerPolicy {
  return {
    name: preemption ? 'priority+preemption' : 'priority',
    preemption,
    usesAverage: false,
    staticRank: true,
    rank: (c) => c.priority * PRIORITY_SCALE + c.arrivalSymbols,
  };
}

/** Proportional fair: rank = -bitsPerRe / averageBitsPerTick (best rate relative to served average first); pre-emption off by default. */
export function proportionalFairPolicy(preemption = false): SchedulerPolicy {
  return {
    name: preemption ? 'pf+preemption' : 'pf',
    preemption,
    rank: (c) => -c.bitsPerRe / c.averageBitsPerTick,
  };
}

/** A policy by name; Left naming `field` for unknown names. */
export function policyByName(name: unknown, field = 'policy'): E.Either<PhyError, SchedulerPolicy> {
  switch (name) {
    case 'edf':
      return E.right(edfPolicy(false));
    case 'edf+preemption':
      return E.right(edfPolicy(true));
    case 'priority':
      return E.right(priorityPolicy(false));
    case 'priority+preemption':
      return E.right(priorityPolicy(true));
    case 'pf':
      return E.right(proportionalFairPolicy(false));
    case 'pf+preemption':
      return E.right(proportionalFairPolicy(true));
    default:
      return leftInvalid(field, `one of ${POLICY_NAMES.join(', ')}`, name);
  }
}
