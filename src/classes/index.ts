/** classes module: re-exports only. */
export * from './types.js';
export * from './allocation.js';
export * from './link.js';
export * from './model.js';
export * from './planner.js';
export * from './verify.js';
export * from './derive.js';
export * from './classifier.js';
export * from './classTable.js';
export {
  allocateInto,
  allocations,
  candidateSpace,
  classicMissProbability,
  evaluate as evaluateModel,
  evaluateAllocated as evaluateAllocatedModel,
  exactErrOracle,
  exactOracles,
  exhaustiveSearch as exhaustiveModelSearch,
  exhaustiveSearchOn,
  expectedRe,
  lastSegmentLatencyMs,
  latencyVector,
  OVER_CAPACITY,
  pushedBackMiss,
  transmissionsWithinBudget,
  type CandidateSpace,
  type ErrOracle,
  type LatencyOracle,
  type Oracles,
} from './definition.js';
export * from './lemmas.js';
export {
  ChaseKernel,
  defaultPlannerCache,
  PlannerCache,
  type CacheTableStats,
  type LinkTables,
  type PlannerCacheLimits,
  type PlannerCacheTable,
} from './cache.js';
