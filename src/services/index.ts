/** services module: re-exports only. */
export {};
