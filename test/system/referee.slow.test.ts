/**
 * The referee on the whole catalogue away from the default link (slow tier, `npm run test:slow`): at
 * 8 dB the planner gives uav.telemetry_ul a configured-grant class whose 84 B packets need more PRBs per
 * TTI than its 140 B ones, and the simulator used to reserve the largest packet's width, so every 84 B
 * packet missed (0.51 simulated against a verified 9.6e-5). The mechanism is tested cheaply in
 * test/scheduler/cg.test.ts; this file runs `phyclass classes --simulate` as the CLI does, on links
 * where the classes differ from the default's, and requires that no system-verified service has a
 * simulated Wilson lower bound above its epsilon.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { defaultLink, type LinkContext } from '../../src/classes/link.js';
import { services } from '../../src/services/catalogue.js';
import { deriveSystem } from '../../src/system/derive.js';
import { simulateSystemPlan } from '../../src/scheduler/fromPlan.js';
import { wilsonInterval } from '../../src/scheduler/stats.js';
import { expectNoConfidentMiss } from './referee-support.js';

describe('referee: the catalogue on other links', () => {
  it.each([
    ['8 dB', { ...defaultLink, snrDb: 8 }],
    ['10 dB', { ...defaultLink, snrDb: 10 }],
  ] as const)('at %s no verified service misses its epsilon with confidence', (_name, link: LinkContext) => {
    const r = deriveSystem(services, link, { maxClasses: 4 });
    const sim = simulateSystemPlan(r.plan, services, link, { slots: 100_000, seed: 5 });
    if (E.isLeft(sim)) throw new Error(sim.left.message);
    expect(expectNoConfidentMiss(r.verdict.services, sim.right.services, services)).toBeGreaterThanOrEqual(3);
  }, 300_000);

  // which assumption carries the verdict (spec/assumptions.md §6): the UEs' speed sets how correlated the
  // retransmissions' fades are; faster than the service's speed is covered, slower is not (measured there)
  // the other ways to break it that the 2026-12-08 sweep tried (spec/assumptions.md §7): three times the UEs
  // (admission and contention at a larger load) and one fade for all transmissions of a TB ('same', where the
  // bounds are tightest: sensor sharing promised 9.3e-3, simulated 8.6e-3)
  it.each([
    ['3x the UE counts', defaultLink, services.map((s) => ({ ...s, ueCount: 3 * (s.ueCount ?? 1) }))],
    ["harqFading 'same'", { ...defaultLink, harqFading: 'same' as const }, services],
  ] as const)('%s: no verified service misses its epsilon with confidence', (_name, link: LinkContext, svcs) => {
    const r = deriveSystem(svcs, link, { maxClasses: 4 });
    const sim = simulateSystemPlan(r.plan, svcs, link, { slots: 400_000, seed: 7 });
    if (E.isLeft(sim)) throw new Error(sim.left.message);
    expect(expectNoConfidentMiss(r.verdict.services, sim.right.services, svcs)).toBeGreaterThanOrEqual(3);
  }, 300_000);

  // A packet's segments share their fades at a slow UE (link/segments anyDependence, spec/planner.md §3.2): the
  // catalogue planned with every UE at 0.5 km/h gave uav.telemetry_ul a 2-PRB class whose 140 B packets take
  // several TBs; with independent segments it promised 8.6e-4 and the simulator missed 1.5e-3 (4 seeds pooled,
  // Wilson lower bound 1.3e-3 above epsilon 1e-3). Planned and simulated at that speed, no verified service may
  // miss with confidence, pooled over four channel seeds.
  it('the catalogue planned and simulated with every UE at 0.5 km/h: no verified service misses with confidence (4 seeds pooled)', () => {
    const slow = services.map((s) => ({ ...s, mobility: { speedKmh: Math.min(s.mobility?.speedKmh ?? 0.5, 0.5), scenario: 'hovering / standing still' } }));
    const r = deriveSystem(slow, defaultLink, { maxClasses: 4 });
    const pooled = new Map<string, { misses: number; packets: number }>();
    for (const seed of [1, 2, 3, 4]) {
      const sim = simulateSystemPlan(r.plan, slow, defaultLink, { slots: 2_000_000, seed });
      if (E.isLeft(sim)) throw new Error(sim.left.message);
      for (const [id, x] of Object.entries(sim.right.services)) {
        const p = pooled.get(id) ?? { misses: 0, packets: 0 };
        p.misses += Math.round(x.missRatio * x.packets);
        p.packets += x.packets;
        pooled.set(id, p);
      }
    }
    const simulated = Object.fromEntries([...pooled].map(([id, p]) => [id, { missRatio: p.misses / p.packets, missCi: wilsonInterval(p.misses, p.packets), packets: p.packets }]));
    expect(expectNoConfidentMiss(r.verdict.services, simulated, slow)).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('the default-link plan simulated with every UE twice as fast as its service says: no verified service misses with confidence', () => {
    const r = deriveSystem(services, defaultLink, { maxClasses: 4 });
    const faster = services.map((s) => ({ ...s, mobility: { speedKmh: 2 * (s.mobility?.speedKmh ?? 3), scenario: 'twice the catalogue speed' } }));
    const sim = simulateSystemPlan(r.plan, faster, defaultLink, { slots: 200_000, seed: 6 });
    if (E.isLeft(sim)) throw new Error(sim.left.message);
    expect(expectNoConfidentMiss(r.verdict.services, sim.right.services, services)).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
