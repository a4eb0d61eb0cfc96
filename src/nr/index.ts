/** nr module: re-exports only. */
export {};
export * from './numerology.js';
export * from './processing.js';
export * from './mcs.js';
export * from './tbs.js';
export * from './ldpc.js';
export * from './carrier.js';
export * from './bands.js';
export * from './slotPattern.js';
export * from './allocation.js';
export {
  TBS_ROW_INTS, transportBlockSizes, transportBlockSizesInto, explainInvalidTbsRows,
  type TbsBulkOptions, type TbsRowError,
} from './tbs-bulk.js';
