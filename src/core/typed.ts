/**
 * Typed-array helpers for the engines' scratch tables (no validation: internal use).
 */

/** A typed array of `n` elements starting with the contents of `a` (tables that grow by doubling). */
export function grownTo<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * An empty array whose elements V8 stores as doubles, to push numbers into (semantics of `[]`).
 * An array of numbers made by a literal, `map` or `Array.from` holds small integers until a fraction
 * arrives, so arrays with the same role get two shapes, and optimised code that met one deoptimises
 * and is compiled again when it meets the other: in a fresh process that recompilation was a large
 * part of the planner's CPU (issue 18, spec/benchmarks.md "Eighth pass"). Element kinds only ever
 * widen, so emptying a one-double array keeps its kind.
 */
export function doubleArray(): number[] {
  const a = [0.5];
  a.length = 0;
  return a;
}
