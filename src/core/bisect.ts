/**
 * core/bisect: the first feasible entry of a list ordered from the smallest to the largest relaxation,
 * found by bisection. Callers (the planner's relaxations, co-design's application-side relaxations)
 * rely on feasibility being monotone along the list, so the last entry is tried first: if even it fails,
 * nothing does.
 */

/** First index of `xs` at which `ok` answers a value (not null), with that value; null when none does. */
export function firstFeasible<A, B>(xs: readonly A[], ok: (x: A) => B | null): { index: number; value: B } | null {
  const last = xs.length - 1;
  if (last < 0) return null;
  const top = ok(xs[last]!);
  if (top === null) return null;
  let lo = -1;
  let hi = last;
  let value = top;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const r = ok(xs[mid]!);
    if (r !== null) {
      hi = mid;
      value = r;
    } else lo = mid;
  }
  return { index: hi, value };
}
