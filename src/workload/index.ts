/** workload module: re-exports only. */
export {};
