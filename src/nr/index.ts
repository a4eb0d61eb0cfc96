/** nr module: re-exports only. */
export {};
