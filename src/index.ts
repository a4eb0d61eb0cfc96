/**
 * phyclass: classify distributed-learning packets per service and map each class onto a
 * 5G NR physical-layer configuration proven to meet its reliability and latency target.
 *
 * This file only re-exports; every concept lives in its own module.
 */
export * from './core/index.js';
export * from './nr/index.js';
export * from './link/index.js';
export * from './workload/index.js';
export * from './services/index.js';
export * from './codecs/index.js';
export * from './classes/index.js';
export * from './scheduler/index.js';
export * from './report/index.js';
