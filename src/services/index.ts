/** services module: re-exports only. */
export * from './fiveqi.js';
export * from './catalogue.js';
