/**
 * `phyclass/kernels`: the hot kernels behind the validated root API, for callers that run them
 * millions of times on input they have already validated (a MAC loop, a sweep, a simulator).
 *
 * Contract (as stdlib splits its validated functions from the `base` kernels):
 *  - kernels take plain numbers, typed arrays and the SDK's own objects, and do NOT validate: on
 *    invalid input a kernel may answer a meaningless number, NaN, or throw a TypeError;
 *  - they never bring the process down: no endless loop and no unbounded allocation, whatever
 *    they are given (bounded size checks before every allocation that depends on an argument;
 *    `test/api/kernels.crash.test.ts` calls each with hostile input in a child process);
 *  - they allocate nothing per call where the module header says so (TBS, BLER, allocation).
 *
 * Validate once with the root API (e.g. `transportBlockSize`, `mcsEntry`, `blerModel`,
 * `tryUserPlaneLatency`, `initialState`), then call the kernel in the loop. Every kernel is
 * documented and cited in its own module (`src/nr/tbs.ts` TS 38.214 §5.1.3.2, `src/link/fbl.ts`
 * Polyanskiy-Poor-Verdú, ...); spec pages in `spec/`.
 */

// nr: TBS (TS 38.214 §5.1.3.2), MCS tables as flat arrays (§5.1.3.1), LDPC (TS 38.212 §5.2.2, §7.2)
export { MAX_TBS_PRB, TBS_TABLE, rePerPrbPrime, tbsFromRe, totalRe } from './nr/tbs.js';
export { MCS_FLAT_TABLES, MCS_VARIANT_TABLES, mcsTableVariant, mcsVariantMaxIndex, mcsVariantQm, mcsVariantRateX1024 } from './nr/mcs.js';
export { ldpcBaseGraph, ldpcBlocks, maxCodeBlockSize, tbCrcBits } from './nr/ldpc.js';
export { symbolStartTc, symbolDurationTc } from './nr/numerology.js';

// link: Q-function, finite-blocklength and BLER kernels (spec/bler.md), fading (spec/fading.md),
// latency tables and the occasion grid (spec/latency.md), segment push-back (spec/planner.md)
export { QFUNC_INV_MAX, logQfunc, qfunc, qfuncInv } from './link/qfunc.js';
export { channelStats, channelStatsOut, inputCode, inputForQm, naKernel, normalApproximationCode } from './link/fbl.js';
export { bisectSnr, tbFromCb } from './link/bler.js';
export { fadingLatticeCdf, logGamma } from './link/fading.js';
export { deliveryFromTotals, latencyByTransmissions, occasionGrid, occasionSpanSymbols } from './link/latency.js';
export { displacementTail, segmentedMissProbability } from './link/segments.js';

// classes: the allocation rule's scratch kernel and the classifier's pieces (spec/planner.md)
export { allocateInto, classTbsBits } from './classes/allocation.js';
export { allocationPieces } from './classes/classifier.js';

// scheduler: the pure one-tick step over a validated state (spec/scheduler.md)
export { initialState } from './scheduler/state.js';
export { schedulerStep } from './scheduler/step.js';

export type { InputCode } from './link/fbl.js';
export type { OccasionGrid } from './link/latency.js';
export type { FadingLatticeCdf } from './link/fading.js';
export type { AllocationShape } from './classes/allocation.js';
export type { SchedulerConfig, SchedulerState } from './scheduler/state.js';
export type { SchedulerArrival, StepResult } from './scheduler/step.js';
