/** Tiny assertion helper for the examples: each example checks its own key result. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`example check failed: ${message}`);
}

/** What every example exports: `main(log)` runs it, prints through `log`, returns its key figures. */
export type ExampleMain = (log?: (line: string) => void) => Promise<Record<string, unknown>>;
