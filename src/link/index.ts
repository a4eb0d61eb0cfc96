/** link module: re-exports only. */
export {};
