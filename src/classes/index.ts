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
