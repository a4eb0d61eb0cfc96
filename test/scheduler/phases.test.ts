/**
 * Arrival phases and TDM windows (spec/system.md §5): a scenario service may fix the first nominal
 * arrival of its UEs (`phaseMs`: frame-synchronous bursts) and serve them in TDM windows
 * (`tdmGroups`, `tdmWindowMs`: UE k in window ⌊k/⌈n/G⌉⌋, released at phase + jitter + j·window with the
 * window as its budget). `scenarioFromSystemPlan` writes the phases and windows the system proof assumed.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { buildSimulation, explicitClass } from '../../src/scheduler/index.js';
import { makeTraffic } from '../../src/scheduler/traffic.js';
import { makeRng } from '../../src/core/rng.js';
import { freeFddLink as defaultLink } from '../../src/classes/link.js';
import { plan } from '../../src/classes/planner.js';
import { serviceById, type ServiceProfile } from '../../src/services/catalogue.js';
import { scenarioFromSystemPlan } from '../../src/scheduler/fromPlan.js';
import { tdmWindowMs } from '../../src/system/verify.js';

const ul7 = explicitClass({ id: 'ul7', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 10, maxTransmissions: 2, nPrb: 60, grant: 'dynamic' });
const ul7cg = explicitClass({ id: 'ul7cg', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 10, maxTransmissions: 2, nPrb: 60, grant: 'configured' });

const svc = (id: string): ServiceProfile => {
  const s = serviceById(id);
  if (O.isNone(s)) throw new Error(id);
  return s.value;
};

const build = (entry: Record<string, unknown>, cls = ul7) =>
  buildSimulation({
    policy: 'edf',
    link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [1] },
    carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] },
    classes: [cls],
    services: [{ service: 'v2x.sensor_sharing_lower', class: cls.id, ...entry }],
  });

describe('fixed phases', () => {
  it('a fixed phase sets the first arrival; the random stream of the other flows is unchanged', () => {
    const base = { arrival: 'periodic' as const, periodMs: 10, jitterMs: 0, sizesBytes: [100], segmentBytes: 0 };
    const tickMs = 0.5;
    const first = (profiles: (typeof base & { phaseMs?: number })[]): number[] => {
      const tr = makeTraffic(profiles, tickMs / 14, makeRng(5));
      const at = profiles.map(() => -1);
      for (let t = 0; t < 40; t++) for (const a of tr.next(t)) if (at[a.flow] === -1) at[a.flow] = t;
      return at;
    };
    const free = first([base, base]);
    const fixed = first([{ ...base, phaseMs: 3 }, base]);
    expect(fixed[0]).toBe(6); // 3 ms / 0.5 ms ticks
    expect(fixed[1]).toBe(free[1]);
  });

  it('TDM windows: UE k in window ⌊k/⌈n/G⌉⌋, released at phase + jitter + j·window, budget = window', () => {
    const b = build({ ueCount: 6, phaseMs: 1, tdmGroups: 3, tdmWindowMs: 2 });
    expect(E.isRight(b)).toBe(true);
    if (E.isLeft(b)) return;
    const jitter = svc('v2x.sensor_sharing_lower').jitterMs ?? 0;
    expect(b.right.inputs.traffic.map((p) => p.phaseMs)).toEqual([0, 0, 1, 1, 2, 2].map((j) => 1 + jitter + 2 * j));
    expect(b.right.inputs.traffic.every((p) => p.jitterMs === 0)).toBe(true);
    expect(b.right.config.flows.map((f) => f.latencyBudgetMs)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('refuses TDM windows without a phase or window, with more groups than UEs, or on a configured grant', () => {
    for (const bad of [{ ueCount: 4, tdmGroups: 2, tdmWindowMs: 2 }, { ueCount: 4, tdmGroups: 2, phaseMs: 0 }, { ueCount: 2, tdmGroups: 3, phaseMs: 0, tdmWindowMs: 1 }]) {
      const b = build(bad);
      expect(E.isLeft(b)).toBe(true);
      if (E.isLeft(b)) expect(b.left.message).toMatch(/tdmGroups/);
    }
    const cg = build({ ueCount: 4, tdmGroups: 2, phaseMs: 0, tdmWindowMs: 2 }, ul7cg);
    expect(E.isLeft(cg) && cg.left.message).toMatch(/configured grant/);
  });
});

describe('scenarioFromSystemPlan writes the proof\'s phases and windows', () => {
  it("'synchronous': every UE at phase 0; a TDM service gets its windows; 'independent': random phases", () => {
    const ss = { ...svc('v2x.sensor_sharing_lower'), ueCount: 4 };
    const pose = svc('xr.pose_ul');
    const c = plan({ ...ss, latencyBudgetMs: tdmWindowMs(ss, 2), ueCount: 1 }, defaultLink, { mu: [2], grants: ['dynamic'] });
    const d = plan(pose, defaultLink, { mu: [2], grants: ['dynamic'] });
    if (E.isLeft(c) || E.isLeft(d)) throw new Error('plan');
    const sysPlan = {
      classes: [c.right, d.right],
      bwps: [{ id: 'b', mu: 2 as const, nPrb: 135 }],
      services: [
        { serviceId: ss.id, classId: c.right.id, bwpId: 'b', ueCount: 4, admittedUes: 4, tdmGroups: 2 },
        { serviceId: pose.id, classId: d.right.id, bwpId: 'b', ueCount: 1, admittedUes: 1 },
      ],
      policy: 'edf' as const,
      arrivals: 'synchronous' as const,
    };
    const { scenario } = scenarioFromSystemPlan(sysPlan, [ss, pose], defaultLink, 1000, 1);
    const svcs = (scenario as { services: Record<string, unknown>[] }).services;
    expect(svcs.map((x) => x['phaseMs'])).toEqual([0, 0]);
    expect(svcs[0]!['tdmGroups']).toBe(2);
    expect(svcs[0]!['tdmWindowMs']).toBeCloseTo(tdmWindowMs(ss, 2), 12);
    expect(svcs[1]!['tdmGroups']).toBeUndefined();
    const built = buildSimulation(scenario);
    expect(E.isRight(built)).toBe(true);
    const indep = scenarioFromSystemPlan({ ...sysPlan, arrivals: 'independent', services: sysPlan.services.map((x) => ({ ...x, tdmGroups: 1 })) }, [ss, pose], defaultLink, 1000, 1);
    expect((indep.scenario as { services: Record<string, unknown>[] }).services.every((x) => x['phaseMs'] === undefined && x['tdmGroups'] === undefined)).toBe(true);
  });
});
