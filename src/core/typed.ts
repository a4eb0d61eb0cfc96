/**
 * Typed-array helpers for the engines' scratch tables (no validation: internal use).
 */

/** A typed array of `n` elements starting with the contents of `a` (tables that grow by doubling). */
export function grownTo<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
