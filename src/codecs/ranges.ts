/**
 * Ranges and resource limits for outside input: re-exported from `src/core/ranges.ts` (defined
 * there so that the library's validators, below `codecs/` in the layering, share the very same
 * numbers). Normative text: spec/codecs.md §6–§7.
 */
export * from '../core/ranges.js';
export { closestKey, unknownKeys } from '../core/keys.js';
