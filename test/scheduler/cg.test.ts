/**
 * Configured-grant defaults of scenarios (spec/scheduler.md §6): one occasion every TTI (what the
 * latency model and `verify` assume) while the reservations of the UEs sharing an occasion grid fit
 * the BWP; else the fewest staggered periods whose occasions each hold at most the BWP's PRBs
 * (checked by brute force over the occasions of one period). UL mini-slot occasions start at
 * symbol 0 (two 7-symbol occasions per slot), DL ones after the PDCCH.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { buildSimulation, explicitClass, initialState, runTick } from '../../src/scheduler/index.js';
import type { BuiltSimulation, EngineSink } from '../../src/scheduler/index.js';
import { makeRng } from '../../src/core/rng.js';
import { allocationFor } from '../../src/classes/allocation.js';

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
