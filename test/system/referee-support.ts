/** The referee's check, shared by test/system/referee.test.ts and referee.slow.test.ts (spec/system.md §6). */
import { expect } from 'vitest';
import type { SimulatedService } from '../../src/scheduler/fromPlan.js';
import type { ServiceProfile } from '../../src/services/catalogue.js';

/**
 * No service the system check verified may miss its epsilon with confidence: its simulated Wilson 95 %
 * lower bound must not exceed epsilon. Returns how many services were checked.
 */
export function expectNoConfidentMiss(
  verdicts: readonly { readonly id: string; readonly pass: boolean; readonly admittedUes: number }[],
  simulated: Readonly<Record<string, SimulatedService>>,
  svcs: readonly ServiceProfile[],
): number {
  let checked = 0;
  for (const v of verdicts) {
    if (!v.pass || v.admittedUes === 0) continue;
    const x = simulated[v.id];
    expect(x, v.id).toBeDefined();
    const eps = svcs.find((s) => s.id === v.id)!.epsilon;
    expect(x!.missCi.lower, `${v.id}: simulated ${x!.missRatio} [${x!.missCi.lower}, ${x!.missCi.upper}] vs epsilon ${eps}`).toBeLessThanOrEqual(eps);
    checked++;
  }
  return checked;
}
