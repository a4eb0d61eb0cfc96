/**
 * One place computes an allocation's REs (src/nr/allocation.ts, issue 14 item 5): the planner's
 * candidate space, `verify`, the scheduler's class check and the latency model's N1 column all agree
 * with it, and the BLER model's E per code block is the payload's coded bits (CRC not information).
 */
import { fc, test } from '../support/fc-test.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { defaultLink, makeCtx, verify, type LinkContext } from '../../src/classes/index.js';
import { allocationReFor } from '../../src/classes/link.js';
import { toPhyClass } from '../../src/classes/planner.js';
import { tryUserPlaneLatency } from '../../src/link/latency.js';
import { procSymbolMs } from '../../src/nr/processing.js';
import { allocationCodedBits, allocationRe, dataSymbols, payloadCodedBits } from '../../src/nr/allocation.js';
import { ldpcBlocks } from '../../src/nr/ldpc.js';
import { tbsFromRe, transportBlockSize } from '../../src/nr/tbs.js';
import { checkExplicitClass } from '../../src/scheduler/scenario.js';
import { services } from '../../src/services/index.js';
import { fcRuns } from '../support/fc-runs.js';

const dlService = services.find((s) => s.direction === 'DL')!;
const ulService = services.find((s) => s.direction === 'UL')!;

const dmrsArb = fc.record({
  type: fc.constantFrom<1 | 2>(1, 2),
  cdm: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
  addA: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  addB: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
  maxLength: fc.constantFrom<1 | 2>(1, 2),
  xoh: fc.constantFrom<0 | 6 | 12 | 18>(0, 6, 12, 18),
});
const linkOf = (d: { type: 1 | 2; cdm: 1 | 2 | 3; addA: 0 | 1 | 2 | 3; addB: 0 | 1 | 2 | 3; maxLength: 1 | 2; xoh: 0 | 6 | 12 | 18 }): LinkContext => ({
  ...defaultLink,
  dmrs: {
    type: d.type,
    cdmGroupsWithoutData: d.type === 1 && d.cdm === 3 ? 2 : d.cdm,
    additionalPositionsTypeA: d.addA,
    additionalPositionsTypeB: d.addB,
    maxLength: d.maxLength,
  },
  xOverheadRePerPrb: d.xoh,
});

describe('nr/allocation: the REs of an allocation', () => {
  it('slot-based DL: 12 PDSCH symbols after the 2-symbol CORESET; DMRS type 1, 2 CDM groups, pos1 → 120 REs per PRB', () => {
    const re = allocationReFor(defaultLink, 'DL', 'A', 14);
    expect(re.firstSymbol).toBe(2);
    expect(re.dataSymbols).toBe(12);
    expect(re.dmrsRePerPrb).toBe(24);
    expect(re.nRePerPrb).toBe(12 * 12 - 24);
    // UL slot and DL mini-slots use every symbol of the TTI
    expect(allocationReFor(defaultLink, 'UL', 'A', 14).nRePerPrb).toBe(12 * 14 - 24);
    expect(allocationReFor(defaultLink, 'DL', 'B', 4).dataSymbols).toBe(4);
    expect(dataSymbols('DL', 'A', 14, 3)).toBe(11);
    expect(allocationCodedBits(120, 10, 6, 2)).toBe(120 * 10 * 6 * 2);
  });

  it('the DL slot class carries the TBS of 12 symbols (TS 38.214 §5.1.3.2), not 14', () => {
    const ctx = makeCtx([dlService], defaultLink, undefined);
    const ti = ctx.ttis.findIndex((t) => t.mappingType === 'A');
    const t14 = transportBlockSize({ mcsTable: 'qam64', mcs: 20, nPrb: 50, nSymbols: 14, nDmrsRePerPrb: 24, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 });
    const t12 = transportBlockSize({ mcsTable: 'qam64', mcs: 20, nPrb: 50, nSymbols: 12, nDmrsRePerPrb: 24, nOverheadRePerPrb: 0, nLayers: 1, scaling: 1 });
    const m = ctx.mcsList.findIndex((x) => x.table === 'qam64' && x.mcs === 20);
    const c = toPhyClass(ctx, { muIdx: 0, ttiIdx: ti, mcsIdx: m, rIdx: 0, grantIdx: 0, maxTx: 2, nPrb: 50 });
    expect(E.isRight(t12) && c.tbsBits === t12.right).toBe(true);
    expect(E.isRight(t14) && c.tbsBits < t14.right).toBe(true);
  });

  test.prop([dmrsArb, fc.boolean(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 273 })], { numRuns: 40 })(
    'planner, verify and the scheduler agree on the REs and TBS of every class the planner can build',
    (d, dl, ti, mi, nPrb) => {
      const link = linkOf(d);
      const svc = dl ? dlService : ulService;
      const ctx = makeCtx([svc], link, undefined);
      if (ctx.ttis.length === 0) return;
      const tIdx = ti % ctx.ttis.length;
      const tti = ctx.ttis[tIdx]!;
      const re = allocationReFor(link, svc.direction, tti.mappingType, tti.ttiSymbols);
      expect(tti.nRePerPrb).toBe(re.nRePerPrb);
      expect(tti.nDmrsRePerPrb).toBe(re.dmrsRePerPrb);
      expect(tti.dataSymbols).toBe(re.dataSymbols);
      const muIdx = ctx.mus.findIndex((m) => m.mu === 1);
      const c = toPhyClass(ctx, { muIdx, ttiIdx: tIdx, mcsIdx: mi % ctx.mcsList.length, rIdx: 0, grantIdx: 0, maxTx: 1, nPrb: Math.min(nPrb, ctx.mus[muIdx]!.maxPrb) });
      // verify recomputes REs and TBS from the link and refuses a class that disagrees
      const v = verify(c, svc, link);
      expect(v.reasons.filter((r) => /REs per PRB|class TBS|TBS:/.test(r))).toEqual([]);
      // the scheduler's explicit-class check (TS 38.214 §5.1.3.2 on the class's own fields) accepts it
      expect(checkExplicitClass(c, [{ id: 'b', mu: c.mu, nPrb: 275 }])).toBeUndefined();
      // and the N1 column: verify/planner pass the link's dmrs-AdditionalPosition of the mapping type
      const add = tti.mappingType === 'A' ? link.dmrs.additionalPositionsTypeA : link.dmrs.additionalPositionsTypeB;
      expect(tti.dmrsAdditionalPosition).toBe(add);
      const base = { direction: svc.direction, duplex: link.duplex, mu: c.mu, ttiSymbols: c.ttiSymbols, ueCapability: link.ueCapability, grant: 'configured' as const, transmissions: 1, alignment: 'worst' as const };
      const lat = ctx.lat(ctx.mus[muIdx]!, tti, 'configured');
      const ref = tryUserPlaneLatency({ ...base, dmrsAdditionalPosition: add });
      if (lat !== null && E.isRight(ref)) expect(lat[1]).toBe(ref.right.totalMs);
    },
  );

  it('a class with 14-symbol DL REs is refused by verify and by the scheduler', () => {
    const ctx = makeCtx([dlService], defaultLink, undefined);
    const ti = ctx.ttis.findIndex((t) => t.mappingType === 'A');
    const c = toPhyClass(ctx, { muIdx: 0, ttiIdx: ti, mcsIdx: 10, rIdx: 0, grantIdx: 0, maxTx: 1, nPrb: 20 });
    const wrong = { ...c, nRePerPrb: 12 * 14 - 24, tbsBits: tbsFromRe((12 * 14 - 24) * 20, c.qm, c.rateX1024, 1) };
    expect(verify(wrong, dlService, defaultLink).reasons.some((r) => /REs per PRB/.test(r))).toBe(true);
    expect(checkExplicitClass(wrong, [{ id: 'b', mu: c.mu, nPrb: 275 }])?.message).toMatch(/nRePerPrb/);
  });
});

describe('N1 column per DM-RS (TS 38.214 Table 5.3-1)', () => {
  it('an additional DM-RS position uses the ≠ pos0 column (μ = 1: 13 instead of 10 symbols); capability 2 falls back to 1', () => {
    const q = { direction: 'DL' as const, duplex: 'FDD' as const, mu: 1 as const, ttiSymbols: 14, ueCapability: 1 as const, grant: 'dynamic' as const, transmissions: 1, dTerms: 'none' as const };
    const p0 = tryUserPlaneLatency({ ...q, dmrsAdditionalPosition: 0 });
    const p1 = tryUserPlaneLatency({ ...q, dmrsAdditionalPosition: 1 });
    const c2 = tryUserPlaneLatency({ ...q, ueCapability: 2, dmrsAdditionalPosition: 1 });
    if (E.isLeft(p0) || E.isLeft(p1) || E.isLeft(c2)) throw new Error('latency');
    // N1 = 13 vs 10 symbols of (2048+144)·κ·2^-μ·Tc (TS 38.214 §5.3); the DL model books Tproc,1/2 as
    // the UE's receive processing (the other half is the HARQ-ACK preparation, spec/latency.md)
    expect(p1.right.parts['ueRx']! - p0.right.parts['ueRx']!).toBeCloseTo((3 * procSymbolMs(1)) / 2, 9);
    expect(c2.right.parts['ueRx']).toBe(p1.right.parts['ueRx']);
    expect(c2.right.ueCapabilityUsed).toBe(1);
    expect(E.isLeft(tryUserPlaneLatency({ ...q, dmrsAdditionalPosition: 4 as 0 }))).toBe(true);
  });
});

describe('E of the BLER model from the payload', () => {
  const mcs = fc.constantFrom<[number, number]>([2, 120], [2, 379], [2, 602], [4, 340], [4, 658], [6, 438], [6, 719], [6, 948], [8, 682.5], [8, 948], [10, 948]);
  test.prop([mcs, fc.integer({ min: 1, max: 156 * 273 }), fc.integer({ min: 1, max: 4 })], { numRuns: fcRuns(3000) })(
    "E ≤ round(K'/R) (the planner's lower bounds stay sound) and C·E within [0.924, 1.053]·G once N_info ≥ 100",
    ([qm, rx], nRe, layers) => {
      const tbs = tbsFromRe(nRe, qm, rx, layers);
      if (tbs <= 0) return;
      const c = ldpcBlocks(tbs, rx);
      const kp = ldpcBlocks.kPrime;
      const e = payloadCodedBits(tbs, c, rx, qm);
      expect(e).toBeLessThanOrEqual(Math.max(qm, Math.round((kp * 1024) / rx)));
      // the CRC is not counted: the effective rate K'/E is above the target rate
      if (e > qm) expect(kp / e).toBeGreaterThan(rx / 1024);
      const g = allocationCodedBits(nRe, 1, qm, layers);
      if ((nRe * qm * layers * rx) / 1024 >= 100) {
        // exhaustive over this domain (spec/tbs.md §E): min 0.9244, max 1.0523 (QPSK R = 120/1024, 4,574 REs, 1 layer)
        expect((c * e) / g).toBeGreaterThanOrEqual(0.924);
        expect((c * e) / g).toBeLessThanOrEqual(1.053);
      }
    },
  );

  it('allocationRe is total over the DM-RS configurations (N\'_RE ≥ 0, ≤ 156)', () => {
    for (const direction of ['DL', 'UL'] as const)
      for (const mappingType of ['A', 'B'] as const)
        for (let L = 2; L <= 14; L++)
          for (const add of [0, 1, 2, 3] as const) {
            const r = allocationRe({ direction, mappingType, ttiSymbols: L, dmrsType: 2, cdmGroupsWithoutData: 3, additionalPositions: add, maxLength: 2, xOverheadRePerPrb: 18 });
            expect(r.nRePerPrb).toBeGreaterThanOrEqual(0);
            expect(r.nRePerPrb).toBeLessThanOrEqual(156);
          }
  });
});
