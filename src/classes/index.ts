/** classes module: re-exports only. */
export * from './types.js';
export * from './allocation.js';
