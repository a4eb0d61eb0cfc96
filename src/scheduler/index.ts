/** scheduler module: re-exports only. */
export * from './grid.js';
export * from './policies.js';
export * from './channel.js';
export * from './state.js';
export * from './step.js';
export * from './traffic.js';
export * from './stats.js';
export * from './run.js';
export * from './scenario.js';
export * from './simulate.js';
export * from './campaign.js';
export * from './presets.js';
