/**
 * Repetitions (issue 14 point 3; spec/scheduler.md §2 "Repetitions"): a class with r > 1 repetitions
 * sends them on r consecutive occasions of its TTI grid in its direction — the grid nr/slotPattern
 * `occasionGrid` gives the planner and `verify` — on the same PRBs and symbols, back to back where the
 * occasions are and over the next slots where they are not (ttiSymbols × r > 14: slot-spread), with
 * HARQ feedback after the last one.
 *
 * Properties (fast-check, through the pure `schedulerStep` on random small FDD/TDD carriers, classes
 * with spread repetitions next to ordinary ones, dynamic and configured grants, every policy):
 *  - no resource element is granted twice, counting every repetition of every grant (only a declared
 *    pre-emption of a pre-emptible transmission's first repetition may reuse a cell);
 *  - a repeated TB occupies exactly r occasions of its direction, consecutive on the occasion grid of
 *    nr/slotPattern, same PRBs and symbols; where the grid has one occasion per slot, r distinct
 *    slots whose pattern letter carries the direction; the grant ends with the last repetition and its
 *    HARQ outcome and any retransmission come after that;
 *  - no packet is lost: every arrival is delivered, dropped with a cause, or still pending, and none
 *    is dropped as 'unschedulable' (the PRB-side-by-side mapping did that to wide repetition classes).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { makeRng } from '../../src/core/rng.js';
import type { SchedulerArrival, SchedulerEvent, SchedulerGrant } from '../../src/scheduler/step.js';
import { pendingPackets, schedulerStep } from '../../src/scheduler/step.js';
import type { SchedulerClass, SchedulerConfig, SchedulerState } from '../../src/scheduler/state.js';
import { initialState, spreadOccasions } from '../../src/scheduler/state.js';
import { POLICY_NAMES, policyByName } from '../../src/scheduler/policies.js';
import { compileGrid, symbolUsable } from '../../src/scheduler/grid.js';
import type { SchedulerCarrier } from '../../src/scheduler/grid.js';
import { DEFAULT_SPECIAL_SLOT, miniSlotFirstSymbol, occasionGrid, symbolCarries } from '../../src/nr/slotPattern.js';
import { cls, config, constantError, flow, thresholdError } from './fixtures.js';
import { fcRuns } from '../support/fc-runs.js';

/** Carriers with the default control region (2 symbols), so the slot model's occasion grid applies as is. */
const carrierArb: fc.Arbitrary<SchedulerCarrier> = fc
  .record({
    duplex: fc.constantFrom('FDD' as const, 'TDD' as const),
    pattern: fc.constantFrom('DDDSU', 'DSUUU', 'DDSU', 'DDDDDDDSUU'),
    mu: fc.constantFrom(0 as const, 1 as const),
    nPrb: fc.integer({ min: 4, max: 10 }),
  })
  .map((c) =>
    c.duplex === 'FDD'
      ? { duplex: 'FDD' as const, controlSymbols: 2, bwps: [{ id: 'b0', mu: c.mu, nPrb: c.nPrb }] }
      : { duplex: 'TDD' as const, tddPattern: c.pattern, controlSymbols: 2, bwps: [{ id: 'b0', mu: c.mu, nPrb: c.nPrb }] },
  );

/** The TTIs the planner uses: slot-based (DL 12 data symbols after the control region, UL 14) and mini-slots 2/4/7. */
const classArb = (i: number, spreadOnly: boolean): fc.Arbitrary<{ c: SchedulerClass; alloc: { nPrb: number; tbsBits: number } }> =>
  fc
    .record({
      mappingType: fc.constantFrom('A' as const, 'B' as const),
      ttiB: fc.constantFrom(2, 4, 7),
      reps: spreadOnly ? fc.constantFrom(2, 4, 8) : fc.constantFrom(1, 2, 4, 8),
      direction: fc.constantFrom('DL' as const, 'UL' as const),
      maxTransmissions: fc.integer({ min: 1, max: 4 }),
      priority: fc.integer({ min: 0, max: 2 }),
      configured: fc.boolean(),
      harqRttMs: fc.constantFrom(0, 0.25, 1),
      accessDelayMs: fc.constantFrom(0, 0.5),
      nPrb: fc.integer({ min: 1, max: 4 }),
      tbsBits: fc.integer({ min: 200, max: 3000 }),
    })
    .map((r) => {
      const tti = r.mappingType === 'A' ? (r.direction === 'DL' ? 12 : 14) : r.ttiB;
      // spread-only classes: the fewest repetitions that no longer fit the slot
      const reps = spreadOnly && tti * r.reps <= 14 ? ([2, 4, 8] as const).find((k) => tti * k > 14)! : r.reps;
      return {
        c: cls({
          id: `c${i}`,
          mappingType: r.mappingType,
          ttiSymbols: tti,
          repetitions: reps,
          direction: r.direction,
          maxTransmissions: r.maxTransmissions,
          priority: r.priority,
          grant: r.direction === 'UL' && r.configured ? 'configured' : 'dynamic',
          preempts: r.mappingType === 'B',
          preemptible: r.mappingType === 'A',
          harqRttMs: r.harqRttMs,
          accessDelayMs: r.accessDelayMs,
          rxProcessingMs: 0,
        }),
        alloc: { nPrb: r.nPrb, tbsBits: r.tbsBits },
      };
    });

const scenarioArb = fc
  .record({
    carrier: carrierArb,
    nOther: fc.integer({ min: 0, max: 2 }),
    policy: fc.constantFrom(...POLICY_NAMES),
    error: fc.constantFrom('zero', 'p30', 'threshold', 'correlated'),
    ticks: fc.integer({ min: 20, max: 60 }),
    seed: fc.integer(),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      classes: fc.tuple(classArb(0, true), ...Array.from({ length: s.nOther }, (_, i) => classArb(i + 1, false))),
      flows: fc.array(
        fc.record({ ue: fc.integer({ min: 0, max: 3 }), cls: fc.integer({ min: 0, max: s.nOther }), budget: fc.constantFrom(1, 3, 10, 30), snr: fc.integer({ min: 0, max: 20 }) }),
        { minLength: 1, maxLength: 5 },
      ),
      arrivals: fc.array(
        fc.array(fc.record({ flow: fc.nat(), offsetSymbols: fc.integer({ min: 0, max: 13 }), sizeBytes: fc.integer({ min: 10, max: 800 }) }), { maxLength: 2 }),
        { minLength: s.ticks, maxLength: s.ticks },
      ),
    }),
  );

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildConfig(x: Scenario): SchedulerConfig {
  const pol = policyByName(x.s.policy);
  if (E.isLeft(pol)) throw new Error(pol.left.message);
  const base = config({
    carrier: x.s.carrier,
    classes: x.classes.map((c) => c.c),
    alloc: x.classes.map((c) => c.alloc),
    // the first flow always uses the spread class
    flows: x.flows.map((f, i) =>
      flow({ id: `f${i}`, ue: f.ue, classIndex: i === 0 ? 0 : f.cls, latencyBudgetMs: f.budget, meanSnrDb: f.snr, dopplerHz: 50, cg: { periodMs: 0.5, offsetMs: 0, sizeBytes: 200 } }),
    ),
    policy: pol.right,
    txError: x.s.error === 'zero' ? constantError(0) : x.s.error === 'p30' ? constantError(0.3) : thresholdError(12),
    fading: x.s.error === 'threshold' || x.s.error === 'correlated' ? 'rayleigh' : 'awgn',
  });
  // 'correlated': each UE's Jakes process, each spread repetition read at its own time
  return x.s.error === 'correlated' ? { ...base, coherenceTicks: 0, correlatedFading: true } : base;
}

interface Trace {
  grants: SchedulerGrant[];
  events: SchedulerEvent[];
  state: SchedulerState;
}

function run(cfg: SchedulerConfig, x: Scenario): Trace {
  const st = initialState(cfg);
  if (E.isLeft(st)) throw new Error(st.left.message);
  let state = st.right;
  let rng = makeRng(x.s.seed);
  const grants: SchedulerGrant[] = [];
  const events: SchedulerEvent[] = [];
  for (const tick of x.arrivals) {
    const a: SchedulerArrival[] = tick.map((v) => ({ ...v, flow: v.flow % x.flows.length }));
    const r = schedulerStep(state, a, rng);
    state = r.state;
    rng = r.rng;
    grants.push(...r.grants);
    events.push(...r.events);
  }
  return { grants, events, state };
}

/** Every repetition of a grant: (slot, start symbol). */
function pieces(g: SchedulerGrant): readonly { slot: number; startSymbol: number }[] {
  return g.repetitionOccasions ?? [{ slot: g.slot, startSymbol: g.startSymbol }];
}

/** Does class c repeat its TBs (over occasions)? */
const isSpread = (c: SchedulerClass): boolean => c.repetitions > 1;

/** Absolute occasion starts (own symbols) of class c on the carrier, from nr/slotPattern (the planner's grid). */
function slotModelGrid(carrier: SchedulerCarrier, c: SchedulerClass): { starts: readonly number[]; periodSymbols: number } {
  return occasionGrid(c.direction, c.ttiSymbols, carrier.duplex, carrier.tddPattern ?? 'DDDSU', DEFAULT_SPECIAL_SLOT);
}

describe('slot-spread repetitions: the occasion table is the slot model grid', () => {
  it('for every direction, TTI and pattern, the scheduler places repetitions on nr/slotPattern occasionGrid', () => {
    for (const carrier of [
      { duplex: 'FDD' as const, controlSymbols: 2, bwps: [{ id: 'b', mu: 1 as const, nPrb: 10 }] },
      ...['DDDSU', 'DSUUU', 'DDSU', 'DDDDDDDSUU'].map((p) => ({ duplex: 'TDD' as const, tddPattern: p, controlSymbols: 2, bwps: [{ id: 'b', mu: 1 as const, nPrb: 10 }] })),
    ] as SchedulerCarrier[]) {
      const g = compileGrid(carrier);
      if (E.isLeft(g)) throw new Error(g.left.message);
      const b = g.right.bwps[0]!;
      for (const direction of ['DL', 'UL'] as const) {
        for (const [mt, tti] of [['A', direction === 'DL' ? 12 : 14], ['B', 2], ['B', 4], ['B', 7]] as const) {
          const dir = direction === 'DL' ? 0 : 1;
          const occ = spreadOccasions(g.right, b, mt, dir, tti, miniSlotFirstSymbol(direction, 2));
          const model = occasionGrid(direction, tti, carrier.duplex, carrier.tddPattern ?? 'DDDSU', DEFAULT_SPECIAL_SLOT);
          const mine = Array.from(occ.slot, (sl, i) => sl * 14 + occ.sym[i]!);
          expect(mine, `${carrier.duplex} ${carrier.tddPattern ?? ''} ${direction} ${mt}${tti}`).toEqual(model.starts);
          expect(occ.periodSlots * 14).toBe(model.periodSymbols);
        }
      }
    }
  });
});

describe('slot-spread repetitions: scheduler laws', () => {
  test.prop([scenarioArb], { numRuns: fcRuns(150) })('no resource element is granted twice, counting every repetition; all on usable symbols of the direction', (x) => {
    const cfg = buildConfig(x);
    const tr = run(cfg, x);
    const g = compileGrid(cfg.carrier);
    if (E.isLeft(g)) throw new Error('grid');
    const owner = new Map<string, { g: SchedulerGrant; first: boolean }>();
    for (const gr of tr.grants) {
      const c = cfg.classes[cfg.flows[gr.flow]!.classIndex]!;
      const dir = c.direction === 'DL' ? 0 : 1;
      pieces(gr).forEach((pc, j) => {
        for (let l = pc.startSymbol; l < pc.startSymbol + gr.lengthSymbols; l++) {
          expect(l).toBeLessThan(14);
          expect(symbolUsable(g.right, g.right.bwps[gr.bwp]!, pc.slot, l, dir)).toBe(true);
          for (let k = gr.firstPrb; k < gr.firstPrb + gr.nPrb; k++) {
            const key = `${gr.bwp}/${gr.plane}/${pc.slot}/${l}/${k}`;
            const prev = owner.get(key);
            if (prev !== undefined) {
              // only a declared pre-emption, by a first repetition, of a pre-emptible transmission's first repetition
              expect(j, `cell ${key} of grant ${gr.txId} (repetition ${j}) already held by grant ${prev.g.txId}`).toBe(0);
              expect(prev.first).toBe(true);
              expect(gr.punctures).toContain(prev.g.txId);
              expect(cfg.classes[cfg.flows[prev.g.flow]!.classIndex]!.preemptible).toBe(true);
              expect(cfg.policy.preemption).toBe(true);
            }
            owner.set(key, { g: gr, first: j === 0 });
          }
        }
      });
    }
  });

  test.prop([scenarioArb], { numRuns: fcRuns(150) })('a spread TB occupies exactly r consecutive occasions of its direction, same PRBs and symbols; HARQ after the last', (x) => {
    const cfg = buildConfig(x);
    const tr = run(cfg, x);
    const g = compileGrid(cfg.carrier);
    if (E.isLeft(g)) throw new Error('grid');
    const b = g.right.bwps[0]!;
    const harqAt = new Map<number, number>();
    for (const e of tr.events) if (e.kind === 'harq') harqAt.set(e.txId, e.time);
    let spreadGrants = 0;
    for (const gr of tr.grants) {
      const c = cfg.classes[cfg.flows[gr.flow]!.classIndex]!;
      if (!isSpread(c)) {
        expect(gr.repetitionOccasions).toBeUndefined();
        continue;
      }
      spreadGrants++;
      const ps = pieces(gr);
      expect(ps.length).toBe(c.repetitions);
      expect(ps[0]).toEqual({ slot: gr.slot, startSymbol: gr.startSymbol });
      expect(gr.lengthSymbols).toBe(c.ttiSymbols);
      // consecutive occasions of the slot model's grid (what verify's occasionSpanSymbols counts)
      const m = slotModelGrid(cfg.carrier, c);
      const absIndex = (pc: { slot: number; startSymbol: number }): number => {
        const sym = pc.slot * 14 + pc.startSymbol;
        const per = Math.floor(sym / m.periodSymbols);
        const i = m.starts.indexOf(sym - per * m.periodSymbols);
        expect(i, `repetition at slot ${pc.slot} symbol ${pc.startSymbol} is an occasion of the grid`).toBeGreaterThanOrEqual(0);
        return per * m.starts.length + i;
      };
      const first = absIndex(ps[0]!);
      ps.forEach((pc, j) => expect(absIndex(pc)).toBe(first + j));
      // one occasion per slot (slot-based, DL 7-symbol mini-slots, ...): r distinct slots, each carrying the direction
      const perSlot = new Set(m.starts.map((st) => Math.floor(st / 14))).size === m.starts.length;
      if (perSlot) {
        expect(new Set(ps.map((pc) => pc.slot)).size).toBe(c.repetitions);
        if (cfg.carrier.duplex === 'TDD') {
          const pattern = cfg.carrier.tddPattern!;
          for (const pc of ps) {
            const letter = pattern[pc.slot % pattern.length]!;
            for (let l = pc.startSymbol; l < pc.startSymbol + c.ttiSymbols; l++) expect(symbolCarries(letter, l, c.direction)).toBe(true);
          }
        }
      }
      // the grant ends with its last repetition; HARQ outcome there (if it resolved within the run)
      const last = ps[ps.length - 1]!;
      expect(gr.endTime).toBe(last.slot * b.slotBaseSymbols + (last.startSymbol + c.ttiSymbols) * b.ratio);
      const h = harqAt.get(gr.txId);
      if (h !== undefined) expect(h).toBe(gr.endTime);
    }
    // retransmissions of a TB start after the previous transmission's last repetition + HARQ RTT
    const byTb = new Map<string, SchedulerGrant[]>();
    for (const gr of tr.grants) byTb.set(`${gr.packet}/${gr.tb}`, [...(byTb.get(`${gr.packet}/${gr.tb}`) ?? []), gr]);
    for (const gs of byTb.values()) {
      for (let i = 1; i < gs.length; i++) {
        const c = cfg.classes[cfg.flows[gs[i]!.flow]!.classIndex]!;
        expect(gs[i]!.transmission).toBe(gs[i - 1]!.transmission + 1);
        expect(gs[i]!.startTime).toBeGreaterThanOrEqual(gs[i - 1]!.endTime + Math.ceil(c.harqRttMs / g.right.baseSymbolMs - 1e-9));
      }
    }
    // the property is not vacuous over the runs: asserted on the aggregate below
    spreadCount.n += spreadGrants;
  });

  test.prop([scenarioArb], { numRuns: fcRuns(150) })('no packet is lost: delivered, dropped with a cause, or pending; none unschedulable', (x) => {
    const cfg = buildConfig(x);
    const tr = run(cfg, x);
    const arrived = new Set<number>();
    const terminal = new Map<number, string>();
    for (const e of tr.events) {
      if (e.kind === 'arrival') arrived.add(e.packet);
      if (e.kind === 'delivered' || e.kind === 'dropped') {
        expect(terminal.has(e.packet)).toBe(false);
        expect(arrived.has(e.packet)).toBe(true);
        terminal.set(e.packet, e.kind === 'dropped' ? e.cause : 'delivered');
        if (e.kind === 'dropped') expect(e.cause).not.toBe('unschedulable');
      }
    }
    const pending = pendingPackets(tr.state);
    for (const p of pending) expect(terminal.has(p)).toBe(false);
    expect(terminal.size + pending.length).toBe(arrived.size);
  });

  it('the spread-repetition properties saw spread grants', () => {
    expect(spreadCount.n).toBeGreaterThan(0);
  });
});

const spreadCount = { n: 0 };

describe('slot-spread repetitions: configured grant', () => {
  // FDD, mu 1, 10 PRBs; a UL slot-based class with 4 repetitions (4 consecutive UL slots), a CG occasion every slot
  const carrier = { duplex: 'FDD' as const, controlSymbols: 2, bwps: [{ id: 'b', mu: 1 as const, nPrb: 10 }] };
  const mk = (withDynamic: boolean): SchedulerConfig => {
    const pol = policyByName('edf');
    if (E.isLeft(pol)) throw new Error('policy');
    return config({
      carrier,
      classes: [
        cls({ id: 'cg', direction: 'UL', mappingType: 'A', ttiSymbols: 14, repetitions: 4, grant: 'configured', maxTransmissions: 2 }),
        cls({ id: 'dyn', direction: 'UL', mappingType: 'A', ttiSymbols: 14, repetitions: 2, maxTransmissions: 2 }),
      ],
      alloc: [{ nPrb: 2, tbsBits: 1000 }, { nPrb: 2, tbsBits: 1000 }],
      flows: [
        flow({ id: 'cg', ue: 0, classIndex: 0, latencyBudgetMs: 5, cg: { periodMs: 0.5, offsetMs: 0, sizeBytes: 100 } }),
        ...(withDynamic ? [flow({ id: 'dyn', ue: 1, classIndex: 1, latencyBudgetMs: 5 })] : []),
      ],
      policy: pol.right,
      fixedPrb: true,
    });
  };

  it('every CG occasion reserves its PRBs on all 4 repetition slots, on one lane: the flow holds one band of PRBs at any slot', () => {
    const st = initialState(mk(false));
    if (E.isLeft(st)) throw new Error(st.left.message);
    let state = st.right;
    let rng = makeRng(1);
    let lane = -1;
    let unused = 0;
    for (let k = 0; k < 12; k++) {
      const r = schedulerStep(state, [], rng);
      state = r.state;
      rng = r.rng;
      const br = state.data.bwps[0]!;
      const recs: { slot: number; prb0: number; n: number }[] = [];
      for (let i = 0; i < br.nAhead; i++) recs.push({ slot: br.ahead[i * 6]!, prb0: br.ahead[i * 6 + 4]!, n: br.ahead[i * 6 + 5]! });
      // the occasion of slot k holds slots k+1..k+3 ahead (and slot k itself), one record per slot, all on the lane
      expect(recs.map((x) => x.slot).sort((x, y) => x - y), `slot ${k}`).toEqual([k + 1, k + 2, k + 3]);
      for (const x of recs) expect(x.n).toBe(2);
      if (lane < 0) lane = recs[0]!.prb0;
      for (const x of recs) expect(x.prb0).toBe(lane);
      expect(state.data.cgLanes.prb0[0]).toBe(lane);
      unused += r.events.length; // no traffic: no events at all
    }
    expect(unused).toBe(0);
  });

  it('a CG transmission uses its bundle, and a dynamic spread TB never lands on a reserved repetition slot', () => {
    const st = initialState(mk(true));
    if (E.isLeft(st)) throw new Error(st.left.message);
    let state = st.right;
    let rng = makeRng(3);
    const grants: SchedulerGrant[] = [];
    const bundles: { prb0: number; n: number; slots: number[] }[] = [];
    for (let k = 0; k < 40; k++) {
      const arr: SchedulerArrival[] = k % 3 === 0 ? [{ flow: 0, offsetSymbols: 1, sizeBytes: 100 }, { flow: 1, offsetSymbols: 0, sizeBytes: 100 }] : [];
      const r = schedulerStep(state, arr, rng);
      state = r.state;
      rng = r.rng;
      grants.push(...r.grants);
      // the CG bundle of slot k: the only reservation reaching slot k + 3 (the dynamic class has 2 repetitions)
      const br = state.data.bwps[0]!;
      for (let i = 0; i < br.nAhead; i++) {
        if (br.ahead[i * 6] === k + 3) bundles.push({ prb0: br.ahead[i * 6 + 4]!, n: br.ahead[i * 6 + 5]!, slots: [k, k + 1, k + 2, k + 3] });
      }
    }
    expect(bundles.length).toBe(40);
    // dynamic repetitions never sit on a CG bundle, used or not
    for (const gr of grants.filter((g) => g.flow === 1)) {
      for (const pc of pieces(gr)) {
        for (const b of bundles) {
          if (!b.slots.includes(pc.slot)) continue;
          expect(gr.firstPrb + gr.nPrb <= b.prb0 || b.prb0 + b.n <= gr.firstPrb, `dynamic grant ${gr.txId} at slot ${pc.slot} on a CG bundle`).toBe(true);
        }
      }
    }
    // no two grants share a cell on any repetition slot
    const cells = new Map<string, number>();
    for (const gr of grants) {
      for (const pc of pieces(gr)) {
        for (let k = gr.firstPrb; k < gr.firstPrb + gr.nPrb; k++) {
          const key = `${pc.slot}/${k}`;
          expect(cells.has(key), `slot ${pc.slot} PRB ${k}: grants ${cells.get(key)} and ${gr.txId}`).toBe(false);
          cells.set(key, gr.txId);
        }
      }
    }
    const cg = grants.filter((g) => g.kind === 'configured');
    const dyn = grants.filter((g) => g.flow === 1);
    expect(cg.length).toBeGreaterThan(5);
    expect(dyn.length).toBeGreaterThan(5);
    for (const g of [...cg, ...dyn]) expect(pieces(g).map((p) => p.slot)).toEqual([0, 1, 2, 3].slice(0, g.flow === 0 ? 4 : 2).map((j) => g.slot + j));
  });
});
