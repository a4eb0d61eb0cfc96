/** core: errors as values, seeded randomness and numeric helpers (golden-section search) shared by every module. */
export * from './errors.js';
export * from './rng.js';
export * from './types.js';
export * from './golden.js';
export * from './ranges.js';
export * from './keys.js';
export * from './text.js';
export * from './version.js';
