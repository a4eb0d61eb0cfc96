/** scheduler module: re-exports only. */
export {};
