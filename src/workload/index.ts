/** workload module: re-exports only. */
export * from './dnn.js';
export * from './split.js';
export * from './pipeline.js';
export * from './macs.js';
