/** codesign module: re-exports only (issue 15, spec/codesign.md). */
export * from './codesign.js';
export * from './application.js';
export * from './admission.js';
export * from './system.js';
