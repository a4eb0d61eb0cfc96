/**
 * Configured-grant defaults of scenarios (spec/scheduler.md §6): one occasion every TTI (what the
 * latency model and `verify` assume) while the reservations of the UEs sharing an occasion grid fit
 * the BWP; else the fewest staggered periods whose occasions each hold at most the BWP's PRBs
 * (checked by brute force over the occasions of one period). UL mini-slot occasions start at
 * symbol 0 (two 7-symbol occasions per slot), DL ones after the PDCCH.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, explicitClass, initialState, runTick, simulateBuilt } from '../../src/scheduler/index.js';
import type { BuiltSimulation, EngineSink } from '../../src/scheduler/index.js';
import { makeRng } from '../../src/core/rng.js';
import { allocationFor } from '../../src/classes/allocation.js';
import { payloadProfile, services } from '../../src/services/catalogue.js';
import { ueWidthPrb } from '../../src/system/verify.js';

const ul7 = explicitClass({ id: 'ul7', direction: 'UL', mu: 1, mappingType: 'B', ttiSymbols: 7, mcsTable: 'qam64', mcs: 10, maxTransmissions: 2, nPrb: 60, grant: 'configured' });

function build(ues: number, cgPeriodMs?: number): BuiltSimulation {
  const b = buildSimulation({
    policy: 'edf',
    link: { band: 'none', duplex: 'FDD', bandwidthMHz: 100, allowedMu: [1] },
    carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 273 }] },
    classes: [ul7],
    services: [{ service: 'xr.pose_ul', ueCount: ues, class: 'ul7', ...(cgPeriodMs !== undefined ? { cgPeriodMs } : {}) }],
  });
  if (E.isLeft(b)) throw new Error(b.left.message);
  return b.right;
}

describe('configured-grant defaults', () => {
  it('one UE: an occasion every TTI', () => {
    const b = build(1);
    const f = b.config.flows[0]!;
    expect(f.cg!.periodMs).toBeCloseTo(0.25, 12); // 7 symbols at 30 kHz
    expect(f.cg!.offsetMs).toBe(0);
  });

  it('many UEs: per occasion at most the BWP PRBs, and the fewest periods that allow it', () => {
    for (const ues of [2, 5, 13, 30]) {
      const b = build(ues);
      const per = allocationFor(b.classes[0]!.phyClass, Math.max(...b.inputs.traffic[0]!.sizesBytes)).nPrb;
      const periods = new Set(b.config.flows.map((f) => Math.round(f.cg!.periodMs / 0.25)));
      expect(periods.size).toBe(1);
      const P = [...periods][0]!;
      const load = new Array<number>(P).fill(0);
      for (const f of b.config.flows) load[Math.round(f.cg!.offsetMs / 0.25)]! += per;
      expect(Math.max(...load)).toBeLessThanOrEqual(273);
      // brute force: P - 1 periods cannot hold them (equal sizes: capacity floor(273/per) UEs per occasion)
      expect(P).toBe(Math.max(1, Math.ceil(ues / Math.floor(273 / per))));
      expect(b.notes.some((n) => n.startsWith('configured grant')) === P > 1).toBe(true);
    }
  });

  it('an explicit cgPeriodMs is kept', () => {
    const b = build(3, 2);
    expect(b.config.flows.map((f) => f.cg!.periodMs)).toEqual([2, 2, 2]);
  });

  it('UL 7-symbol mini-slots use symbols 0 and 7 of every slot', () => {
    const b = build(1);
    const st = initialState(b.config);
    if (E.isLeft(st)) throw new Error(st.left.message);
    const starts = new Set<number>();
    const sink: EngineSink = {
      arrival: () => {}, preempted: () => {}, harq: () => {}, delivered: () => {}, dropped: () => {}, slot: () => {}, cgUnused: () => {},
      grant: (tx) => void starts.add(tx.startSymbol),
    };
    const rng = makeRng(1);
    const { config, data } = st.right;
    for (let k = 0; k < 400; k++) runTick(config, data, [{ flow: 0, offsetSymbols: (k * 5) % 14, sizeBytes: 100 }], rng, sink);
    expect([...starts].sort((x, y) => x - y)).toEqual([0, 7]);
  });
});

describe('configured-grant lane width', () => {
  // A smaller packet can need more PRBs per TTI than the largest one, which the allocation spreads
  // over more TTIs. At 8 dB the planner gave uav.telemetry_ul (84 and 140 B) such a class: 84 B on 4 PRBs
  // in one TTI, 140 B on 3 PRBs in two. verifySystem reserves the widest (ueWidthPrb); the simulator
  // reserved the largest packet's 3 PRBs, so no 84 B packet fit and half the packets missed (0.51
  // simulated against a verified 9.6e-5).
  const cls = explicitClass({ id: 'ul14', direction: 'UL', mu: 1, mappingType: 'A', ttiSymbols: 14, mcsTable: 'qam64', mcs: 9, maxTransmissions: 3, nPrb: 4, grant: 'configured' });
  // the first pair of sizes a < b whose widths invert (found, not assumed)
  let pair: [number, number] | null = null;
  for (let b = 2; b <= 400 && pair === null; b++) {
    for (let a = 1; a < b; a++) {
      if (allocationFor(cls, a).nPrb > allocationFor(cls, b).nPrb) {
        pair = [a, b];
        break;
      }
    }
  }
  const svc = { ...services.find((s) => s.id === 'uav.telemetry_ul')!, payload: payloadProfile(pair ?? [1]) };
  const built = (): BuiltSimulation => {
    const b = buildSimulation({
      policy: 'edf',
      link: { band: 'none', duplex: 'FDD', bandwidthMHz: 20, allowedMu: [1] },
      carrier: { duplex: 'FDD', controlSymbols: 2, bwps: [{ id: 'b', mu: 1, nPrb: 51 }] },
      classes: [cls],
      services: [{ service: svc, ueCount: 1, class: 'ul14', meanSnrDb: 30 }],
    });
    if (E.isLeft(b)) throw new Error(b.left.message);
    return b.right;
  };

  it('the class has sizes whose widths invert', () => {
    expect(pair).not.toBeNull();
  });

  it('each UE reserves the widest allocation over its sizes, as verifySystem counts it', () => {
    const b = built();
    const st = initialState(b.config);
    if (E.isLeft(st)) throw new Error(st.left.message);
    const w = ueWidthPrb(cls, svc.payload.sizesBytes);
    expect(w).toBeGreaterThan(allocationFor(cls, Math.max(...svc.payload.sizesBytes)).nPrb);
    expect(st.right.config.flows[0]!.cgNPrb).toBe(w);
  });

  it('every size fits its lane: no packet missed at 30 dB', () => {
    const r = simulateBuilt(built(), { slots: 40_000, seed: 1 });
    if (E.isLeft(r)) throw new Error(r.left.message);
    const g = r.right.services.find((x) => x.id === svc.id)!;
    expect(g.decided).toBeGreaterThan(450); // 20 s of a 40 ms period
    expect(g.missRatio).toBe(0);
  });
});
