/** codecs module: re-exports only. */
export * from './decode.js';
export * from './quantity.js';
export * from './service.js';
export * from './classPlan.js';
export * from './phyClass.js';
export * from './pipelineParams.js';
export * from './codesign.js';
