/** link module: re-exports only. */
export {};
export * from './latency.js';
export * from './qfunc.js';
export * from './fbl.js';
export * from './nrLdpc.js';
export * from './bler.js';
export * from './fading.js';
export * from './harq.js';
export * from './segments.js';
export * from './correlation.js';
