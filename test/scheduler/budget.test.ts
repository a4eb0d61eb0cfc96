/**
 * The simulator under a link budget (spec/budget.md §6): a UL flow's mean SNR is the power-control
 * target, capped per transmission by the UE's full power spread over the PRBs it sends on
 * (`ulPowerLimitDb`, scheduler/step.ts); DL flows take the DL budget; an explicit `meanSnrDb` of the
 * scenario overrides the budget; with the budget far from the cell the misses grow.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, explicitClass, simulate } from '../../src/scheduler/index.js';
import { snrPerReDb, ulFullPowerSnrAt1PrbDb } from '../../src/link/budget.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';

const ul7 = explicitClass({ id: 'ul7', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 10, maxTransmissions: 2, nPrb: 60, grant: 'configured' });

const scenario = (link: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  policy: 'edf',
  // a free FDD carrier (the n78 default is TDD; the carrier below is FDD)
  link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [1], ...link },
  carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] },
  classes: [ul7],
  services: [{ service: 'xr.pose_ul', ueCount: 1, class: 'ul7', ...extra }],
});

describe('scheduler flows under a link budget', () => {
  it('UL: mean = the target (capped at one PRB), ulPowerLimitDb = the full-power SNR over one PRB', () => {
    const b = buildSimulation(scenario({ linkBudget: { couplingLossDb: 130 } }));
    if (E.isLeft(b)) throw new Error(b.left.message);
    const f = b.right.config.flows[0]!;
    const budget = { couplingLossDb: 130 };
    expect(f.ulPowerLimitDb).toBeCloseTo(ulFullPowerSnrAt1PrbDb(budget, 1), 9);
    expect(f.meanSnrDb).toBeCloseTo(snrPerReDb({ ...defaultLink, linkBudget: budget }, 'UL', 1, 1), 9);
  });
  it('flat link or an explicit meanSnrDb: no power limit', () => {
    const flat = buildSimulation(scenario({}));
    if (E.isLeft(flat)) throw new Error(flat.left.message);
    expect(flat.right.config.flows[0]!.ulPowerLimitDb).toBeUndefined();
    const explicit = buildSimulation(scenario({ linkBudget: { couplingLossDb: 130 } }, { meanSnrDb: 12 }));
    if (E.isLeft(explicit)) throw new Error(explicit.left.message);
    expect(explicit.right.config.flows[0]!.ulPowerLimitDb).toBeUndefined();
    expect(explicit.right.config.flows[0]!.meanSnrDb).toBe(12);
  });
  it('far from the cell the UE runs out of power over its PRBs: more misses than the flat link at the target', () => {
    const run = (link: Record<string, unknown>): number => {
      const r = simulate(scenario(link), { slots: 2000, seed: 7 });
      if (E.isLeft(r)) throw new Error(r.left.message);
      return r.right.services[0]!.missRatio;
    };
    const flat = run({ snrDb: 15 });
    const far = run({ linkBudget: { couplingLossDb: 135, targetSnrPerReDb: 15 } });
    expect(far).toBeGreaterThan(flat);
  });
});
