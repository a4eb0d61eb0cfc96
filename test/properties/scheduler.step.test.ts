/**
 * Model-based laws of the scheduler step (spec/scheduler.md §Tests): on random small carriers,
 * classes, flows, policies and arrival sequences, driven through the pure `step`:
 * no resource element granted twice (except a declared pre-emption of a pre-emptible transmission),
 * grants only on usable symbols of their direction, conservation of packets, no delivery before
 * arrival or after a drop, no UE overlap in time per direction, HARQ limits, purity, determinism.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { makeRng } from '../../src/core/rng.js';
import type { SchedulerArrival, SchedulerEvent, SchedulerGrant } from '../../src/scheduler/step.js';
import { pendingPackets, schedulerStep } from '../../src/scheduler/step.js';
import type { SchedulerClass, SchedulerConfig, SchedulerState } from '../../src/scheduler/state.js';
import { initialState } from '../../src/scheduler/state.js';
import { POLICY_NAMES, policyByName } from '../../src/scheduler/policies.js';
import { compileGrid, symbolUsable } from '../../src/scheduler/grid.js';
import type { SchedulerCarrier } from '../../src/scheduler/grid.js';
import { cls, config, constantError, flow, thresholdError } from '../scheduler/fixtures.js';
import { FC_FULL, fcRuns } from '../support/fc-runs.js';

const carrierArb: fc.Arbitrary<SchedulerCarrier> = fc.record({
  duplex: fc.constantFrom('FDD' as const, 'TDD' as const),
  pattern: fc.constantFrom('DDDSU', 'DSUUU', 'DDSU'),
  mu: fc.constantFrom(0 as const, 1 as const),
  nPrb: fc.integer({ min: 3, max: 10 }),
  controlSymbols: fc.integer({ min: 0, max: 2 }),
}).map((c) => (c.duplex === 'FDD'
  ? { duplex: 'FDD' as const, controlSymbols: c.controlSymbols, bwps: [{ id: 'b0', mu: c.mu, nPrb: c.nPrb }] }
  : { duplex: 'TDD' as const, tddPattern: c.pattern, controlSymbols: c.controlSymbols, bwps: [{ id: 'b0', mu: c.mu, nPrb: c.nPrb }] }));

const classArb = (i: number): fc.Arbitrary<{ c: SchedulerClass; alloc: { nPrb: number; tbsBits: number } }> =>
  fc.record({
    mappingType: fc.constantFrom('A' as const, 'B' as const),
    ttiA: fc.integer({ min: 4, max: 12 }),
    ttiB: fc.constantFrom(2, 4, 7),
    direction: fc.constantFrom('DL' as const, 'UL' as const),
    maxTransmissions: fc.integer({ min: 1, max: 4 }),
    priority: fc.integer({ min: 0, max: 2 }),
    configured: fc.boolean(),
    harqRttMs: fc.constantFrom(0, 0.25, 1),
    accessDelayMs: fc.constantFrom(0, 0.5),
    rxProcessingMs: fc.constantFrom(0, 0.1),
    nPrb: fc.integer({ min: 1, max: 4 }),
    tbsBits: fc.integer({ min: 200, max: 3000 }),
  }).map((r) => ({
    c: cls({
      id: `c${i}`,
      mappingType: r.mappingType,
      ttiSymbols: r.mappingType === 'A' ? r.ttiA : r.ttiB,
      direction: r.direction,
      maxTransmissions: r.maxTransmissions,
      priority: r.priority,
      grant: r.configured ? 'configured' : 'dynamic',
      preempts: r.mappingType === 'B',
      preemptible: r.mappingType === 'A',
      harqRttMs: r.harqRttMs,
      accessDelayMs: r.accessDelayMs,
      rxProcessingMs: r.rxProcessingMs,
    }),
    alloc: { nPrb: r.nPrb, tbsBits: r.tbsBits },
  }));

const scenarioArb = fc
  .record({
    carrier: carrierArb,
    nClasses: fc.integer({ min: 1, max: 3 }),
    policy: fc.constantFrom(...POLICY_NAMES),
    error: fc.constantFrom('zero', 'p30', 'threshold'),
    harq: fc.constantFrom(1, 2, 8, 16),
    ticks: fc.integer({ min: 8, max: 30 }),
    seed: fc.integer(),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      classes: fc.tuple(...Array.from({ length: s.nClasses }, (_, i) => classArb(i))),
      flows: fc.array(
        fc.record({ ue: fc.integer({ min: 0, max: 3 }), cls: fc.integer({ min: 0, max: s.nClasses - 1 }), budget: fc.constantFrom(0.5, 1, 2, 5), snr: fc.integer({ min: 0, max: 20 }) }),
        { minLength: 1, maxLength: 5 },
      ),
      arrivals: fc.array(
        fc.array(fc.record({ flow: fc.nat(), offsetSymbols: fc.integer({ min: 0, max: 13 }), sizeBytes: fc.integer({ min: 10, max: 800 }) }), { maxLength: 3 }),
        { minLength: s.ticks, maxLength: s.ticks },
      ),
    }),
  );

interface Trace {
  grants: SchedulerGrant[][];
  events: SchedulerEvent[][];
  state: SchedulerState;
}

function buildConfig(x: fc.Arbitrary<unknown> extends never ? never : any): SchedulerConfig {
  const pol = policyByName(x.s.policy);
  if (E.isLeft(pol)) throw new Error(pol.left.message);
  return config({
    carrier: x.s.carrier,
    classes: x.classes.map((c: any) => c.c),
    alloc: x.classes.map((c: any) => c.alloc),
    flows: x.flows.map((f: any, i: number) => flow({ id: `f${i}`, ue: f.ue, classIndex: f.cls, latencyBudgetMs: f.budget, meanSnrDb: f.snr, cg: { periodMs: 0.5, offsetMs: 0, sizeBytes: 200 } })),
    policy: pol.right,
    txError: x.s.error === 'zero' ? constantError(0) : x.s.error === 'p30' ? constantError(0.3) : thresholdError(10),
    fading: x.s.error === 'threshold' ? 'rayleigh' : 'awgn',
    harqProcesses: x.s.harq,
  });
}

function run(cfg: SchedulerConfig, arrivals: SchedulerArrival[][], seed: number): Trace {
  const st = initialState(cfg);
  if (E.isLeft(st)) throw new Error(st.left.message);
  let state = st.right;
  let rng = makeRng(seed);
  const grants: SchedulerGrant[][] = [];
  const events: SchedulerEvent[][] = [];
  for (const a of arrivals) {
    const r = schedulerStep(state, a, rng);
    state = r.state;
    rng = r.rng;
    grants.push([...r.grants]);
    events.push([...r.events]);
  }
  return { grants, events, state };
}

const arrivalsOf = (x: any): SchedulerArrival[][] =>
  x.arrivals.map((tick: any[]) => tick.map((a) => ({ ...a, flow: a.flow % x.flows.length })));

describe('scheduler step laws', () => {
  test.prop([scenarioArb], { numRuns: fcRuns(120) })('no resource element is granted twice; grants sit on usable symbols', (x) => {
    const cfg = buildConfig(x);
    const tr = run(cfg, arrivalsOf(x), x.s.seed);
    const grid = compileGrid(cfg.carrier);
    if (E.isLeft(grid)) throw new Error('grid');
    const g = grid.right;
    const owner = new Map<string, SchedulerGrant>();
    for (const gs of tr.grants) {
      for (const gr of gs) {
        const cl = cfg.classes[cfg.flows[gr.flow]!.classIndex]!;
        const dir = cl.direction === 'DL' ? 0 : 1;
        for (let l = gr.startSymbol; l < gr.startSymbol + gr.lengthSymbols; l++) {
          expect(l).toBeLessThan(14);
          expect(symbolUsable(g, g.bwps[gr.bwp]!, gr.slot, l, dir)).toBe(true);
          for (let k = gr.firstPrb; k < gr.firstPrb + gr.nPrb; k++) {
            expect(k).toBeLessThan(g.bwps[gr.bwp]!.nPrb);
            const key = `${gr.bwp}/${gr.plane}/${gr.slot}/${l}/${k}`;
            const prev = owner.get(key);
            if (prev !== undefined) {
              // Only a declared pre-emption of a pre-emptible transmission may reuse a cell.
              expect(gr.punctures).toContain(prev.txId);
              expect(cfg.classes[cfg.flows[prev.flow]!.classIndex]!.preemptible).toBe(true);
              expect(cfg.policy.preemption).toBe(true);
            }
            owner.set(key, gr);
          }
        }
      }
    }
  });

  test.prop([scenarioArb], { numRuns: fcRuns(120) })('conservation; no delivery before arrival or after a drop; one UE, one TB at a time per direction', (x) => {
    const cfg = buildConfig(x);
    const tr = run(cfg, arrivalsOf(x), x.s.seed);
    const arrived = new Map<number, number>();
    const terminal = new Map<number, string>();
    const droppedAtStep = new Map<number, number>();
    tr.events.forEach((es, stepIndex) => {
      for (const e of es) {
        if (e.kind === 'arrival') arrived.set(e.packet, e.time);
        if (e.kind === 'delivered' || e.kind === 'dropped') {
          expect(terminal.has(e.packet)).toBe(false); // at most one terminal event, so never delivered after a drop
          terminal.set(e.packet, e.kind);
          expect(arrived.has(e.packet)).toBe(true);
          expect(e.time).toBeGreaterThanOrEqual(arrived.get(e.packet)!);
          if (e.kind === 'delivered') {
            expect(e.time).toBeGreaterThan(arrived.get(e.packet)!);
            expect(e.latencySymbols).toBe(e.time - arrived.get(e.packet)!);
          } else droppedAtStep.set(e.packet, stepIndex);
        }
      }
    });
    // No grant for a packet in a step after the one that dropped it.
    tr.grants.forEach((gs, stepIndex) => {
      for (const g of gs) {
        const d = droppedAtStep.get(g.packet);
        if (d !== undefined) expect(stepIndex).toBeLessThanOrEqual(d);
        expect(g.startTime).toBeGreaterThanOrEqual(arrived.get(g.packet)!);
        expect(g.transmission).toBeLessThanOrEqual(cfg.classes[cfg.flows[g.flow]!.classIndex]!.maxTransmissions);
        expect(g.harq).toBeGreaterThanOrEqual(0);
        expect(g.harq).toBeLessThan(cfg.harqProcesses);
      }
    });
    // Conservation: arrived = delivered + dropped + pending, disjointly.
    const pending = pendingPackets(tr.state);
    for (const p of pending) expect(terminal.has(p)).toBe(false);
    expect(terminal.size + pending.length).toBe(arrived.size);
    for (const p of arrived.keys()) expect(terminal.has(p) || pending.includes(p)).toBe(true);
    // A UE never has two transmissions overlapping in time in one direction.
    const all = tr.grants.flat();
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        const da = cfg.classes[cfg.flows[a.flow]!.classIndex]!.direction;
        const db = cfg.classes[cfg.flows[b.flow]!.classIndex]!.direction;
        if (a.ue !== b.ue || da !== db) continue;
        expect(a.endTime <= b.startTime || b.endTime <= a.startTime).toBe(true);
      }
    }
  });

  // each case steps a whole scenario twice per arrival with deep copies: 30 scenarios in the slow tier, 10 in `npm test`
  test.prop([scenarioArb], { numRuns: FC_FULL ? 30 : 10 })('step is pure and deterministic', (x) => {
    const cfg = buildConfig(x);
    const st = initialState(cfg);
    if (E.isLeft(st)) throw new Error(st.left.message);
    let state = st.right;
    let rng = makeRng(x.s.seed);
    for (const a of arrivalsOf(x)) {
      const before = structuredClone(state.data);
      const rngBefore = rng.state();
      const r1 = schedulerStep(state, a, rng);
      const r2 = schedulerStep(state, a, rng);
      expect(state.data).toStrictEqual(before);
      expect(rng.state()).toStrictEqual(rngBefore);
      expect(r2.grants).toStrictEqual(r1.grants);
      expect(r2.events).toStrictEqual(r1.events);
      expect(r2.state.data).toStrictEqual(r1.state.data);
      state = r1.state;
      rng = r1.rng;
    }
  });
});
