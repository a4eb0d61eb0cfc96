/**
 * classes/lemmas: the facts the branch and bound (classes/search.ts) relies on, each a named
 * predicate that a property test checks on random inputs (test/classes/lemmas.test.ts;
 * spec/planner.md §3.3). A predicate returns true when the lemma holds at the given point. Where
 * floats are compared the slack is explicit (`LEMMA_REL_SLACK`); no lemma relies on two code paths
 * producing the same bits.
 *
 * | lemma | used by (spec/planner.md §4) |
 * |---|---|
 * | `tbsWithinUpperBound` | rule 1 group bound (TBS ≤ 1.07·N_info + 24) |
 * | `tbsMonotoneInPrb` | rules 2, 3 (PRB window by bisection, change points), the packet rule |
 * | `fadingBoundBrackets` | §3.1: lower ≤ exact ≤ upper, so planning on the upper sum is conservative |
 * | `errNonIncreasingInTransmissions` | rules 4, 6 (e_k ≥ e_Tmax for k ≤ Tmax) |
 * | `kernelNonIncreasingInSnr`, `kernelNonDecreasingInK`, `kernelNonIncreasingInN` | §3.1 Riemann sums, rule 7 |
 * | `spanNonDecreasing`, `spanSubadditive` | timing: k and m_max by bisection (rule 2), §3 |
 */
import type { BlerModel } from '../link/bler.js';
import { occasionSpanSymbols, type OccasionGrid } from '../nr/slotPattern.js';
import { tbsFromRe } from '../nr/tbs.js';
import { exactErrOracle, type CandidateSpace, type McsInfo } from './definition.js';
import { errBoundsChase, TBS_UB_SLOPE } from './model.js';
import type { Repetitions } from './types.js';

/** Relative slack of every float comparison in a lemma (rounding of ~1e-15 per operation). */
export const LEMMA_REL_SLACK = 1e-9;

/** TBS(N_RE) ≤ TBS_UB_SLOPE·N_info + 24 with N_info = N_RE·R·Qm·υ (TS 38.214 §5.1.3.2; integers, exact). */
export function tbsWithinUpperBound(nRe: number, qm: number, rateX1024: number, nLayers: number): boolean {
  const nInfo = (nRe * rateX1024 * qm * nLayers) / 1024;
  return tbsFromRe(nRe, qm, rateX1024, nLayers) <= TBS_UB_SLOPE * nInfo + 24;
}

/** TBS(n·N_RE/PRB) ≤ TBS((n + 1)·N_RE/PRB): more PRBs never carry fewer bits (exact integers). */
export function tbsMonotoneInPrb(nRePerPrb: number, qm: number, rateX1024: number, nLayers: number, nPrb: number): boolean {
  return tbsFromRe(nRePerPrb * nPrb, qm, rateX1024, nLayers) <= tbsFromRe(nRePerPrb * (nPrb + 1), qm, rateX1024, nLayers);
}

/**
 * The fading Riemann sums bracket the exact HARQ error (spec/planner.md §3.1):
 * lower_j ≤ exact_j ≤ upper_j for j = 1..4, exact = link/harq `harqAttemptErrors` (quadrature,
 * relative accuracy ~1e-7, hence `quadratureRelTol`).
 */
export function fadingBoundBrackets(space: CandidateSpace, m: McsInfo, tbsBits: number, r: Repetitions, quadratureRelTol = 1e-6): boolean {
  const { lower, upper } = errBoundsChase(space, m, tbsBits, r);
  const exact = exactErrOracle(space)(m, tbsBits, r);
  for (let j = 1; j <= 4; j++) {
    const x = exact[j] as number;
    if (!((upper[j] as number) >= x * (1 - quadratureRelTol))) return false;
    if (!((lower[j] as number) <= x * (1 + quadratureRelTol) + 1e-300)) return false;
  }
  return true;
}

/** e_0 = 1 ≥ e_1 ≥ … ≥ e_4 ≥ 0 (an error vector of an oracle). */
export function errNonIncreasingInTransmissions(e: ArrayLike<number>): boolean {
  if (e[0] !== 1) return false;
  for (let i = 1; i < e.length; i++) if (!((e[i] as number) <= (e[i - 1] as number) && (e[i] as number) >= 0)) return false;
  return true;
}

/** blockError(qm, k, n, x + dx) ≤ blockError(qm, k, n, x) for dx ≥ 0 (non-increasing in SNR). */
export function kernelNonIncreasingInSnr(model: BlerModel, qm: number, k: number, n: number, rate: number, snrDb: number, dxDb: number): boolean {
  const a = model.blockError(qm, k, n, snrDb, rate);
  const b = model.blockError(qm, k, n, snrDb + Math.abs(dxDb), rate);
  return b <= a * (1 + LEMMA_REL_SLACK) + 1e-300;
}

/** blockError(qm, k, n, x) ≤ blockError(qm, k + dk, n, x) for dk ≥ 0 at a fixed loss (non-decreasing in k). */
export function kernelNonDecreasingInK(model: BlerModel, qm: number, k: number, dk: number, n: number, rate: number, snrDb: number): boolean {
  // blockError subtracts the implementation loss of its own k: compare at the loss of each k removed
  const la = model.implementationLossDb(qm, k, rate);
  const lb = model.implementationLossDb(qm, k + Math.abs(dk), rate);
  const a = model.blockError(qm, k, n, snrDb + la, rate);
  const b = model.blockError(qm, k + Math.abs(dk), n, snrDb + lb, rate);
  return a <= b * (1 + LEMMA_REL_SLACK) + 1e-300;
}

/** blockError(qm, k, n + dn, x) ≤ blockError(qm, k, n, x) for dn ≥ 0 (more channel uses never hurt). */
export function kernelNonIncreasingInN(model: BlerModel, qm: number, k: number, n: number, dn: number, rate: number, snrDb: number): boolean {
  const a = model.blockError(qm, k, n, snrDb, rate);
  const b = model.blockError(qm, k, n + Math.abs(dn), snrDb, rate);
  return b <= a * (1 + LEMMA_REL_SLACK) + 1e-300;
}

/** span(s) ≤ span(s + 1) on an occasion grid (link/latency occasionSpanSymbols; integers). */
export function spanNonDecreasing(grid: OccasionGrid, steps: number): boolean {
  return occasionSpanSymbols(steps, grid) <= occasionSpanSymbols(steps + 1, grid);
}

/** span(a + b) ≤ span(a) + span(b) (spec/planner.md §3: the span is subadditive). */
export function spanSubadditive(grid: OccasionGrid, a: number, b: number): boolean {
  return occasionSpanSymbols(a + b, grid) <= occasionSpanSymbols(a, grid) + occasionSpanSymbols(b, grid);
}
