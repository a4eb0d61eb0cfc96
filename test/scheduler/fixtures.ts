/**
 * Test fixtures for the scheduler: simple, controllable transmission-error models and allocation
 * rules (not the SDK's TBS/BLER models: the scheduler's own laws must hold for any model).
 */
import type { Direction, MappingType } from '../../src/core/types.js';
import type { SchedulerAllocation, SchedulerClass, SchedulerConfig, SchedulerFlow, TxErrorModel } from '../../src/scheduler/state.js';
import type { SchedulerPolicy } from '../../src/scheduler/policies.js';
import type { SchedulerCarrier } from '../../src/scheduler/grid.js';

/** Every transmission fails with probability p, whatever the SNR and combining. */
export const constantError = (p: number): TxErrorModel => () => p;

/** Fails with probability 1 below snrDb threshold, 0 at or above. */
export const thresholdError = (thresholdDb: number): TxErrorModel => (_t, _m, _b, snrDb) => (snrDb < thresholdDb ? 1 : 0);

/**
 * Per-class PRBs and bits per TTI at that width (constant bits per PRB). A packet that fits one TTI
 * gets just enough PRBs (unless `fixed`); larger ones segment over ceil(bits / tbsBits) full TTIs.
 */
export const fixedAllocation =
  (perClass: readonly { nPrb: number; tbsBits: number }[], fixed = false) =>
  (cls: number, sizeBytes: number): SchedulerAllocation | null => {
    const c = perClass[cls];
    if (c === undefined || sizeBytes <= 0) return null;
    const bits = sizeBytes * 8;
    if (bits <= c.tbsBits && !fixed) {
      // One TTI: just enough PRBs (bits per PRB constant).
      const nPrb = Math.max(1, Math.ceil((bits * c.nPrb) / c.tbsBits));
      return { nPrb, nTti: 1, tbsBits: Math.floor((nPrb * c.tbsBits) / c.nPrb) };
    }
    return { nPrb: c.nPrb, nTti: Math.max(1, Math.ceil(bits / c.tbsBits)), tbsBits: c.tbsBits };
  };

export function cls(p: Partial<SchedulerClass> & { id: string; direction?: Direction; mappingType?: MappingType }): SchedulerClass {
  return {
    direction: 'DL',
    bwp: 0,
    mappingType: 'A',
    ttiSymbols: 12,
    repetitions: 1,
    mcsTable: 'qam64',
    mcs: 10,
    maxTransmissions: 4,
    grant: 'dynamic',
    priority: 1,
    preempts: false,
    preemptible: true,
    harqRttMs: 1,
    accessDelayMs: 0,
    rxProcessingMs: 0,
    ...p,
  };
}

export function flow(p: Partial<SchedulerFlow> & { id: string; ue: number; classIndex: number }): SchedulerFlow {
  return { service: 'svc', latencyBudgetMs: 10, meanSnrDb: 20, ...p };
}

export const fdd = (nPrb = 20, mu: 0 | 1 | 2 = 1, controlSymbols = 2): SchedulerCarrier => ({
  duplex: 'FDD',
  controlSymbols,
  bwps: [{ id: 'bwp0', mu, nPrb }],
});

export function config(p: {
  carrier: SchedulerCarrier;
  classes: SchedulerClass[];
  flows: SchedulerFlow[];
  policy: SchedulerPolicy;
  alloc: readonly { nPrb: number; tbsBits: number }[];
  txError?: TxErrorModel;
  fading?: 'awgn' | 'rayleigh';
  harqProcesses?: number;
  queueLimit?: number;
  /** Every packet takes the class's full nPrb (no size-aware shrinking). */
  fixedPrb?: boolean;
}): SchedulerConfig {
  return {
    carrier: p.carrier,
    classes: p.classes,
    flows: p.flows,
    harqProcesses: p.harqProcesses ?? 16,
    policy: p.policy,
    txError: p.txError ?? constantError(0),
    allocate: fixedAllocation(p.alloc, p.fixedPrb ?? false),
    fading: p.fading ?? 'awgn',
    coherenceTicks: 1,
    channelSeed: 1,
    queueLimit: p.queueLimit ?? 1000,
  };
}
