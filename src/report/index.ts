/** report module: re-exports only. */
export {};
