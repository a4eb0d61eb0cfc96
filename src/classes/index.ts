/** classes module: re-exports only. */
export {};
